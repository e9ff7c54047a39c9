/* catalogue_publish: see catalogue_publish.h. Writing a catalogue file.
 *
 * Writers build a complete new file next to the catalogue (core/atomic:
 * PATH.tmp-XXXXXX in the same folder, so the final rename stays on one
 * file system), in rollback-journal mode so that read-only readers in
 * read-only folders can open it, check it, fsync it, and only then rename
 * it over the old one and fsync the folder. Desks holding the old file
 * keep their copy in memory and notice the new one with
 * catalogue_changed().
 *
 * The INSERTs are made from the field table (catalogue_fields.h) and
 * bind_fields() binds each field from its member, so a record's writer
 * only adds what the table's own code holds (references, codes lists,
 * child rows). */
#include <config.h>

#include <ctype.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/random.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include <sqlite3.h>

#include "core/atomic.h"
#include "core/catalogue.h"
#include "core/catalogue_fields.h"
#include "core/catalogue_check.h"
#include "core/catalogue_publish.h"
#include "core/catalogue_schema.h"
#include "core/codes.h"
#include "core/err.h"
#include "core/hours.h"
#include "core/i18n.h"
#include "core/paths.h"
#include "core/search_index.h"

/* ---- temporary files and the atomic rename -------------------------------- */

/* Create an empty PATH.tmp-XXXXXX next to path (creating the folder),
 * readable by every desk once it is renamed into place. */
static int tmp_create(const char *path, struct atomic_file *af, char **err)
{
	char *dir = paths_dirname(path);
	memset(af, 0, sizeof *af);
	af->fd = -1;
	if (paths_mkdir_p(dir, 0755, err) != 0) {
		free(dir);
		return -1;
	}
	free(dir);
	if (atomic_create(af, path, 0644) != 0) {
		err_set(err, _("%s: cannot create a new catalogue file here: %s"), path,
			strerror(errno));
		atomic_abort(af);
		return -1;
	}
	/* SQLite opens it by name. */
	atomic_release_fd(af);
	return 0;
}

/* Remove the temporary file and any journal SQLite left beside it. */
static void tmp_remove(struct atomic_file *af)
{
	if (af->tmp) {
		char *journal = xasprintf("%s-journal", af->tmp);
		unlink(journal);
		free(journal);
	}
	atomic_abort(af);
}

/* fsync, rename over path, fsync the folder (core/atomic). */
static int tmp_commit(struct atomic_file *af, char **err)
{
	if (atomic_sync(af) != 0 || atomic_rename(af) != 0) {
		err_set(err, _("%s: cannot write the catalogue: %s"), af->path,
			strerror(errno));
		tmp_remove(af);
		return -1;
	}
	atomic_sync_parent(af);
	atomic_abort(af);
	return 0;
}

/* Open the temporary file for writing in rollback-journal mode and bring
 * it to the current schema. */
static int tmp_open(const char *tmp, const char *path, sqlite3 **db, char **err)
{
	char *msg = NULL;
	int rc = sqlite3_open_v2(tmp, db, SQLITE_OPEN_READWRITE, NULL);
	if (rc == SQLITE_OK)
		rc = sqlite3_exec(*db, "PRAGMA journal_mode = DELETE; "
				  "PRAGMA synchronous = FULL", NULL, NULL, &msg);
	if (rc != SQLITE_OK) {
		err_set(err, _("%s: cannot write the catalogue (%s)"), path,
			msg ? msg : *db ? sqlite3_errmsg(*db) : sqlite3_errstr(rc));
		sqlite3_free(msg);
		return -1;
	}
	if (catalogue_schema_migrate(*db, err) != 0) {
		err_prefix(err, "%s", path);
		return -1;
	}
	return 0;
}

/* PRAGMA integrity_check of the new file before it replaces the old. */
static int integrity(sqlite3 *db, const char *path, char **err)
{
	sqlite3_stmt *st = NULL;
	int rc = sqlite3_prepare_v2(db, "PRAGMA integrity_check(1)", -1, &st, NULL);
	if (rc == SQLITE_OK && (rc = sqlite3_step(st)) == SQLITE_ROW) {
		const char *res = (const char *)sqlite3_column_text(st, 0);
		if (res && strcmp(res, "ok") != 0) {
			err_set(err, _("%s: the new catalogue failed its integrity check (%s); nothing was replaced"),
				path, res);
			sqlite3_finalize(st);
			return -1;
		}
		rc = SQLITE_OK;
	}
	sqlite3_finalize(st);
	if (rc != SQLITE_OK) {
		err_set(err, _("%s: cannot check the new catalogue (%s)"), path,
			sqlite3_errmsg(db));
		return -1;
	}
	return 0;
}

/* Close db; a failure here means data may not have reached the file. */
static int close_db(sqlite3 **db, const char *path, char **err)
{
	int rc = sqlite3_close(*db);
	*db = NULL;
	if (rc != SQLITE_OK) {
		err_set(err, _("%s: cannot finish writing the catalogue (%s)"), path,
			sqlite3_errstr(rc));
		return -1;
	}
	return 0;
}

/* "2026-03-02T14:05:09+02:00": now, local time with its offset. */
static char *iso_now(void)
{
	time_t t = time(NULL);
	struct tm tm;
	char buf[40];
	long off;
	localtime_r(&t, &tm);
	strftime(buf, sizeof buf, "%Y-%m-%dT%H:%M:%S", &tm);
	off = tm.tm_gmtoff / 60;
	return xasprintf("%s%c%02ld:%02ld", buf, off < 0 ? '-' : '+',
			 labs(off) / 60, labs(off) % 60);
}

/* ---- publish ------------------------------------------------------------- */

struct writer {
	sqlite3 *db;
	const char *path;
	char **err;
	int failed;
};

static sqlite3_stmt *wprep(struct writer *w, const char *sql)
{
	sqlite3_stmt *st = NULL;
	if (w->failed)
		return NULL;
	if (sqlite3_prepare_v2(w->db, sql, -1, &st, NULL) != SQLITE_OK) {
		err_set(w->err, _("%s: cannot write the catalogue (%s)"), w->path,
			sqlite3_errmsg(w->db));
		w->failed = 1;
		sqlite3_finalize(st);
		return NULL;
	}
	return st;
}

static void bind_s(sqlite3_stmt *st, int i, const char *s)
{
	if (s)
		sqlite3_bind_text(st, i, s, -1, SQLITE_STATIC);
	else
		sqlite3_bind_null(st, i);
}

static void bind_t3(sqlite3_stmt *st, int i, const struct cat_text *t)
{
	int k;
	for (k = 0; k < CAT__NLANG; k++)
		bind_s(st, i + k, t->v[k]);
}

/* Step an insert; what/id name the record in a failure message. */
static void wstep(struct writer *w, sqlite3_stmt *st, const char *what, const char *id)
{
	int rc;
	if (w->failed || !st)
		return;
	rc = sqlite3_step(st);
	if (rc != SQLITE_DONE) {
		err_set(w->err, _("%s: cannot write %s '%s' (%s)"), w->path, what,
			id ? id : "", sqlite3_errmsg(w->db));
		w->failed = 1;
	}
	sqlite3_reset(st);
	sqlite3_clear_bindings(st);
}

static void write_hours_rows(struct writer *w, sqlite3_stmt *st, const char *what,
			     const char *id, const struct hours *h)
{
	size_t i;
	for (i = 0; st && i < h->n_spans; i++) {
		char o[6], c[6];
		hours_minutes_str(h->spans[i].open, o);
		hours_minutes_str(h->spans[i].close, c);
		bind_s(st, 1, id);
		sqlite3_bind_int(st, 2, h->spans[i].day + 1);
		sqlite3_bind_text(st, 3, o, -1, SQLITE_TRANSIENT);
		sqlite3_bind_text(st, 4, c, -1, SQLITE_TRANSIENT);
		wstep(w, st, what, id);
	}
}

/* Bind the fields of table t (columns from 1 in the order of CAT_INSERT)
 * from rec and info; FT_OWN fields are the caller's. */
static void bind_fields(sqlite3_stmt *st, enum cat_table_id t, const void *rec,
			const void *info)
{
	const struct cat_table *tb = catalogue_fields(t);
	size_t k;
	int c = 1;
	for (k = 0; st && k < tb->n_fields; c += CAT_FIELD_COLUMNS(&tb->fields[k]), k++) {
		const struct cat_field *f = &tb->fields[k];
		const void *p = catalogue_field_cptr(f, rec, info);
		if (!p)
			continue;
		switch (f->type) {
		case FT_STR:
		case FT_SHARED:
			bind_s(st, c, *(char *const *)p);
			break;
		case FT_TEXT:
		case FT_STEXT:
			bind_t3(st, c, p);
			break;
		case FT_INT:
			sqlite3_bind_int(st, c, *(const int *)p);
			break;
		case FT_CODE:
			/* Out of range: NULL, which the schema refuses. */
			bind_s(st, c, codes_code(f->list, *(const int *)p));
			break;
		case FT_OWN:
			break;
		}
	}
}

/* The parameter of an FT_OWN column. */
static int param(enum cat_table_id t, const char *col)
{
	return catalogue_field_column(t, col) + 1;
}

static void write_meta(struct writer *w, const char *key, const char *value)
{
	sqlite3_stmt *st = wprep(w, "INSERT OR REPLACE INTO meta (key, value) VALUES (?1, ?2)");
	if (!st)
		return;
	bind_s(st, 1, key);
	bind_s(st, 2, value);
	wstep(w, st, "meta", key);
	sqlite3_finalize(st);
}

static void write_languages(struct writer *w, const struct catalogue *cat)
{
	sqlite3_stmt *st = wprep(w, CAT_INSERT(language, CAT_T_LANGUAGE));
	size_t i;
	for (i = 0; st && i < cat->n_languages; i++) {
		bind_fields(st, CAT_TABLE_language, &cat->languages[i], NULL);
		wstep(w, st, "language", cat->languages[i].code);
	}
	sqlite3_finalize(st);
}

static void write_orgs(struct writer *w, const struct catalogue *cat)
{
	sqlite3_stmt *st = wprep(w, CAT_INSERT(organisation, CAT_T_ORGANISATION));
	size_t i;
	for (i = 0; st && i < cat->n_orgs; i++) {
		bind_fields(st, CAT_TABLE_organisation, &cat->orgs[i], NULL);
		wstep(w, st, "organisation", cat->orgs[i].id);
	}
	sqlite3_finalize(st);
}

static void write_services(struct writer *w, const struct catalogue *cat)
{
	sqlite3_stmt *sv = wprep(w, CAT_INSERT(service, CAT_T_SERVICE));
	sqlite3_stmt *tp = wprep(w, CAT_INSERT(service_topic, CAT_T_SERVICE_TOPIC));
	sqlite3_stmt *lg = wprep(w, CAT_INSERT(service_language, CAT_T_SERVICE_LANGUAGE));
	sqlite3_stmt *ph = wprep(w, CAT_INSERT(service_phone, CAT_T_SERVICE_PHONE));
	sqlite3_stmt *hr = wprep(w, CAT_INSERT(service_hours, CAT_T_SERVICE_HOURS));
	sqlite3_stmt *ex = wprep(w, CAT_INSERT(service_exception, CAT_T_SERVICE_EXCEPTION));
	int p_org = param(CAT_TABLE_service, "organisation_id");
	size_t i, k;

	for (i = 0; !w->failed && i < cat->n_services; i++) {
		const struct cat_service *s = &cat->services[i];
		const struct cat_org *o = catalogue_service_org(cat, s);
		int t;
		if (!o) {
			err_set(w->err, _("%s: service '%s' has no organisation; nothing was replaced"),
				w->path, s->id ? s->id : "");
			w->failed = 1;
			break;
		}
		bind_fields(sv, CAT_TABLE_service, s, s->info);
		bind_s(sv, p_org, o->id);
		wstep(w, sv, "service", s->id);

		for (t = 0; t < TOPIC__N; t++) {
			if (!(s->topics & ((topic_set)1 << t)))
				continue;
			bind_s(tp, 1, s->id);
			bind_s(tp, 2, codes_code(CODES_TOPIC, t));
			wstep(w, tp, "service", s->id);
		}
		for (k = 0; k < s->n_languages; k++) {
			bind_s(lg, 1, s->id);
			bind_s(lg, 2, s->languages[k]);
			wstep(w, lg, "service", s->id);
		}
		for (k = 0; k < s->info->n_phones; k++) {
			bind_fields(ph, CAT_TABLE_service_phone, &s->info->phones[k], NULL);
			bind_s(ph, 1, s->id);
			sqlite3_bind_int64(ph, 2, (sqlite3_int64)k + 1);
			wstep(w, ph, "service", s->id);
		}
		write_hours_rows(w, hr, "service", s->id, &s->hours);
		for (k = 0; ex && k < s->hours.n_ex; k++) {
			const struct hours_exception *e = &s->hours.ex[k];
			char o5[6], c5[6];
			bind_s(ex, 1, s->id);
			bind_s(ex, 2, e->date);
			if (!e->closed) {
				hours_minutes_str(e->open, o5);
				hours_minutes_str(e->close, c5);
				sqlite3_bind_text(ex, 3, o5, -1, SQLITE_TRANSIENT);
				sqlite3_bind_text(ex, 4, c5, -1, SQLITE_TRANSIENT);
			}
			wstep(w, ex, "service", s->id);
		}
	}
	sqlite3_finalize(sv);
	sqlite3_finalize(tp);
	sqlite3_finalize(lg);
	sqlite3_finalize(ph);
	sqlite3_finalize(hr);
	sqlite3_finalize(ex);
}

static void write_resources(struct writer *w, const struct catalogue *cat)
{
	sqlite3_stmt *rs = wprep(w, CAT_INSERT(resource, CAT_T_RESOURCE));
	sqlite3_stmt *lg = wprep(w, CAT_INSERT(resource_language, CAT_T_RESOURCE_LANGUAGE));
	sqlite3_stmt *hr = wprep(w, CAT_INSERT(resource_hours, CAT_T_RESOURCE_HOURS));
	int p_mod = param(CAT_TABLE_resource, "modality");
	size_t i, k;

	for (i = 0; !w->failed && i < cat->n_resources; i++) {
		const struct cat_resource *r = &cat->resources[i];
		char *mod = codes_join_bits(CODES_MODALITY, r->modality, ",");
		bind_fields(rs, CAT_TABLE_resource, r, NULL);
		bind_s(rs, p_mod, mod);
		wstep(w, rs, "resource", r->id);
		free(mod);
		for (k = 0; k < r->n_languages; k++) {
			bind_fields(lg, CAT_TABLE_resource_language, &r->languages[k], NULL);
			bind_s(lg, 1, r->id);
			bind_s(lg, 2, r->languages[k].code);
			wstep(w, lg, "resource", r->id);
		}
		write_hours_rows(w, hr, "resource", r->id, &r->hours);
	}
	sqlite3_finalize(rs);
	sqlite3_finalize(lg);
	sqlite3_finalize(hr);
}

static void write_topic_order(struct writer *w, const struct catalogue *cat)
{
	sqlite3_stmt *st = wprep(w, CAT_INSERT(topic_order, CAT_T_TOPIC_ORDER));
	int seen[TOPIC__N] = { 0 }, i, pos = 0;
	for (i = 0; st && i < TOPIC__N; i++) {
		int t = cat->topic_order[i];
		if (t < 0 || t >= TOPIC__N || seen[t])
			continue;
		seen[t] = 1;
		bind_s(st, 1, codes_code(CODES_TOPIC, t));
		sqlite3_bind_int(st, 2, ++pos);
		wstep(w, st, "topic_order", codes_code(CODES_TOPIC, t));
	}
	sqlite3_finalize(st);
}

static int exec_or_fail(struct writer *w, const char *sql)
{
	char *msg = NULL;
	if (w->failed)
		return -1;
	if (sqlite3_exec(w->db, sql, NULL, NULL, &msg) != SQLITE_OK) {
		err_set(w->err, _("%s: cannot write the catalogue (%s)"), w->path,
			msg ? msg : sqlite3_errmsg(w->db));
		sqlite3_free(msg);
		w->failed = 1;
		return -1;
	}
	return 0;
}

/* ---- the search index, published with the catalogue ------------------- */

/* 32 hex digits, new for every publish: names the index file of this
 * version (core/search_index). */
static void new_publish_id(char id[33])
{
	unsigned char b[16];
	size_t got = 0, i;
	while (got < sizeof b) {
		ssize_t n = getrandom(b + got, sizeof b - got, 0);
		if (n <= 0)
			break;
		got += (size_t)n;
	}
	if (got < sizeof b) {	/* no entropy: time and process are unique enough */
		struct timespec ts;
		clock_gettime(CLOCK_REALTIME, &ts);
		snprintf((char *)b, sizeof b, "%08lx%07x", (unsigned long)ts.tv_nsec ^ (unsigned long)ts.tv_sec,
			 (unsigned)getpid());
	}
	for (i = 0; i < sizeof b; i++)
		snprintf(id + 2 * i, 3, "%02x", b[i]);
}

/* The index first, then the catalogue's rename: a desk that loads the new
 * catalogue finds its index in place. An index that cannot be made costs
 * only speed (desks build their own), so it warns and publishes. */
static int commit_with_index(struct atomic_file *tmp, const char *path,
			     const char *id, char **err)
{
	char *ierr = NULL;
	if (search_index_write(tmp->tmp, path, id, &ierr) != 0) {
		fprintf(stderr, "neuvoo: %s\n", ierr);
		err_free(&ierr);
	}
	if (tmp_commit(tmp, err) != 0) {
		char *idx = search_index_path(path, id);
		unlink(idx);
		free(idx);
		return -1;
	}
	search_index_prune(path, id);
	return 0;
}

/* Write cat to path; with take (whose catalogue cat is), free it once
 * its rows are written, before the search index is built. */
static int publish(const struct catalogue *cat, struct catalogue **take,
		   const char *path, char **err)
{
	struct writer w;
	struct atomic_file tmp = { NULL, NULL, -1, 0 };
	char *now = NULL, id[33];

	/* A lean catalogue would publish services without their details. */
	if (!catalogue_whole(cat)) {
		err_set(err, _("%s: not published: the catalogue was loaded without its details"),
			path);
		return -1;
	}
	memset(&w, 0, sizeof w);
	w.path = path;
	w.err = err;
	if (tmp_create(path, &tmp, err) != 0)
		return -1;
	if (tmp_open(tmp.tmp, path, &w.db, err) != 0)
		goto fail;
	if (exec_or_fail(&w, "BEGIN IMMEDIATE") != 0)
		goto fail;
	write_languages(&w, cat);
	write_orgs(&w, cat);
	write_services(&w, cat);
	write_resources(&w, cat);
	write_topic_order(&w, cat);
	if (cat->name)
		write_meta(&w, "name", cat->name);
	now = cat->published ? NULL : iso_now();
	write_meta(&w, "published", cat->published ? cat->published : now);
	free(now);
	new_publish_id(id);
	write_meta(&w, "publish-id", id);
	if (exec_or_fail(&w, "COMMIT") != 0)
		goto fail;
	if (integrity(w.db, path, err) != 0 || close_db(&w.db, path, err) != 0)
		goto fail;
	/* The index is built from the file: an import's catalogue in
	 * memory is not needed for it, and would double the peak. */
	if (take)
		catalogue_free(take);
	return commit_with_index(&tmp, path, id, err);
fail:
	sqlite3_close(w.db);
	tmp_remove(&tmp);
	return -1;
}

int catalogue_publish(const struct catalogue *cat, const char *path, char **err)
{
	return publish(cat, NULL, path, err);
}

int catalogue_publish_take(struct catalogue **cat, const char *path, char **err)
{
	int rc = publish(*cat, cat, path, err);
	catalogue_free(cat);
	return rc;
}

/* ---- init from bundled SQL ----------------------------------------------- */

static char *read_file(const char *path, char **err)
{
	FILE *f = fopen(path, "rb");
	char *buf = NULL;
	size_t len = 0, cap = 0, n;
	if (!f) {
		err_set(err, _("%s: cannot read the bundled catalogue data: %s; reinstall neuvoo"),
			path, strerror(errno));
		return NULL;
	}
	do {
		if (cap - len < 65536) {
			cap = cap ? cap * 2 : 65536 * 2;
			buf = xrealloc(buf, cap + 1);
		}
		n = fread(buf + len, 1, cap - len, f);
		len += n;
	} while (n > 0);
	if (ferror(f)) {
		err_set(err, _("%s: cannot read the bundled catalogue data: %s; reinstall neuvoo"),
			path, strerror(errno));
		fclose(f);
		free(buf);
		return NULL;
	}
	fclose(f);
	buf[len] = '\0';
	return buf;
}

/* Skip spaces and -- or C-style comments; where the next statement starts. */
static const char *skip_blank(const char *p)
{
	for (;;) {
		while (isspace((unsigned char)*p))
			p++;
		if (p[0] == '-' && p[1] == '-') {
			p += strcspn(p, "\n");
		} else if (p[0] == '/' && p[1] == '*') {
			const char *e = strstr(p + 2, "*/");
			if (!e)
				return p + strlen(p);
			p = e + 2;
		} else
			return p;
	}
}

static int line_of(const char *text, const char *p)
{
	int line = 1;
	for (; text < p; text++)
		if (*text == '\n')
			line++;
	return line;
}

/* Data statements only: the schema is ours, so DDL, PRAGMA and
 * transaction control in a data file are mistakes. */
static int data_statement(const char *p)
{
	static const char *const ok[] = { "INSERT", "REPLACE", "UPDATE", "DELETE", "WITH" };
	size_t k;
	for (k = 0; k < sizeof ok / sizeof ok[0]; k++) {
		size_t n = strlen(ok[k]);
		if (!strncasecmp(p, ok[k], n) && !isalnum((unsigned char)p[n]) && p[n] != '_')
			return 1;
	}
	return 0;
}

/* Run every statement of the file's text, naming file:line on failure. It
 * is neuvoo's own data, not user input; each statement is still prepared
 * on its own so that an error can say where it is. */
static int run_sql(sqlite3 *db, const char *file, const char *text, char **err)
{
	const char *p = text;
	for (;;) {
		sqlite3_stmt *st = NULL;
		const char *tail = NULL;
		int rc;
		p = skip_blank(p);
		if (!*p)
			return 0;
		if (!data_statement(p)) {
			err_set(err, _("%s:%d: only INSERT statements belong in catalogue data; fix the file"),
				file, line_of(text, p));
			return -1;
		}
		rc = sqlite3_prepare_v2(db, p, -1, &st, &tail);
		if (rc == SQLITE_OK && st) {
			while ((rc = sqlite3_step(st)) == SQLITE_ROW)
				;
			if (rc == SQLITE_DONE)
				rc = SQLITE_OK;
		}
		if (rc != SQLITE_OK) {
			err_set(err, _("%s:%d: %s; fix the file"), file, line_of(text, p),
				sqlite3_errmsg(db));
			sqlite3_finalize(st);
			return -1;
		}
		sqlite3_finalize(st);
		if (!tail || tail == p)
			return 0;
		p = tail;
	}
}

/* "helsinki.sql" -> "Helsinki": the default catalogue name. */
static char *name_from_file(const char *file)
{
	const char *base = strrchr(file, '/');
	char *name, *dot;
	name = xstrdup(base ? base + 1 : file);
	dot = strrchr(name, '.');
	if (dot && dot != name)
		*dot = '\0';
	if ((unsigned char)name[0] < 0x80)
		name[0] = (char)toupper((unsigned char)name[0]);
	return name;
}

struct first_problem {
	char *first;
	size_t n;
};

static void keep_first(void *ctx, const char *msg)
{
	struct first_problem *fp = ctx;
	if (!fp->first)
		fp->first = xstrdup(msg);
	fp->n++;
}

int catalogue_init(const char *path, const char *bundled_sql, bool force,
		   char **err)
{
	struct stat st;
	struct writer w;
	struct catalogue *cat = NULL;
	struct first_problem fp = { NULL, 0 };
	struct atomic_file tmp = { NULL, NULL, -1, 0 };
	char *text = NULL, *now = NULL, *name = NULL, *source = NULL, id[33];
	const char *base;

	if (!force && lstat(path, &st) == 0) {
		err_set(err, _("%s exists; use --force to replace it"), path);
		return -1;
	}
	text = read_file(bundled_sql, err);
	if (!text)
		return -1;
	memset(&w, 0, sizeof w);
	w.path = path;
	w.err = err;
	if (tmp_create(path, &tmp, err) != 0) {
		free(text);
		return -1;
	}
	if (tmp_open(tmp.tmp, path, &w.db, err) != 0)
		goto fail;
	if (exec_or_fail(&w, "BEGIN IMMEDIATE") != 0)
		goto fail;
	if (run_sql(w.db, bundled_sql, text, err) != 0) {
		w.failed = 1;
		goto fail;
	}
	now = iso_now();
	write_meta(&w, "published", now);
	new_publish_id(id);
	write_meta(&w, "publish-id", id);
	name = name_from_file(bundled_sql);
	base = strrchr(bundled_sql, '/');
	source = xstrdup(base ? base + 1 : bundled_sql);
	{
		/* The data may name itself; only fill in what it leaves out. */
		sqlite3_stmt *q = wprep(&w, "INSERT OR IGNORE INTO meta (key, value) VALUES (?1, ?2)");
		if (q) {
			bind_s(q, 1, "name");
			bind_s(q, 2, name);
			wstep(&w, q, "meta", "name");
			bind_s(q, 1, "source");
			bind_s(q, 2, source);
			wstep(&w, q, "meta", "source");
			sqlite3_finalize(q);
		}
	}
	if (exec_or_fail(&w, "COMMIT") != 0)
		goto fail;
	if (integrity(w.db, path, err) != 0 || close_db(&w.db, path, err) != 0)
		goto fail;

	/* Check what was written exactly as a desk will read it. */
	if (catalogue_open(tmp.tmp, &cat, err) != 0) {
		err_prefix(err, "%s", bundled_sql);
		goto fail;
	}
	catalogue_check(cat, keep_first, &fp);
	catalogue_free(&cat);
	if (fp.n) {
		err_set(err, ngettext("%s: the catalogue data has %zu problem (%s); nothing was created",
				      "%s: the catalogue data has %zu problems (first: %s); nothing was created",
				      fp.n),
			bundled_sql, fp.n, fp.first);
		goto fail;
	}
	free(text);
	free(now);
	free(name);
	free(source);
	return commit_with_index(&tmp, path, id, err);
fail:
	sqlite3_close(w.db);
	tmp_remove(&tmp);
	free(fp.first);
	free(text);
	free(now);
	free(name);
	free(source);
	return -1;
}

int catalogue_ensure(const struct config *cfg, char **err)
{
	struct stat st;
	char *dir, *sql;
	int rc;
	if (!cfg || !cfg->catalogue_default || !cfg->catalogue)
		return 0;
	if (lstat(cfg->catalogue, &st) == 0)
		return 0;
	dir = paths_data("catalogue");
	sql = paths_join(dir, "helsinki.sql");
	/* force: another desk starting at the same moment may have just made
	 * it; both write complete files and the last rename wins. */
	rc = catalogue_init(cfg->catalogue, sql, true, err);
	free(sql);
	free(dir);
	return rc;
}

