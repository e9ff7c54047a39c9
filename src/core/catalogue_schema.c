/* catalogue_schema: see catalogue_schema.h. The catalogue's admin side.
 *
 * Writers build a complete new file next to the catalogue (PATH.tmp-XXXXXX
 * in the same folder, so the final rename stays on one file system), in
 * rollback-journal mode so that read-only readers in read-only folders can
 * open it, check it, fsync it, and only then rename it over the old one.
 * Desks holding the old file keep their open copy in memory and notice the
 * new one with catalogue_changed(). */
#include <config.h>

#include <ctype.h>
#include <errno.h>
#include <fcntl.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include <sqlite3.h>

#include "core/catalogue.h"
#include "core/catalogue_schema.h"
#include "core/codes.h"
#include "core/err.h"
#include "core/hours.h"
#include "core/i18n.h"
#include "core/paths.h"
#include "core/text.h"

/* ---- migrations ---------------------------------------------------------- */

/* Migration N (index N-1) takes user_version N-1 to N. Version 1 is the
 * whole schema; later versions will be ALTER/CREATE steps appended here. */
static const char *const migrations[] = {
	/* 1: the agreed version-1 schema. */
	"-- neuvoo catalogue schema, version 1 (PRAGMA user_version = 1).\n"
	"-- Texts in three languages are columns _fi _sv _en (NULL when absent).\n"
	"-- Times are 'HH:MM' (closes may be '24:00'); weekday 1 = Monday .. 7 = Sunday.\n"
	"CREATE TABLE meta (\n"
	"  key   TEXT PRIMARY KEY,          -- 'name' (e.g. Helsinki), 'published' (ISO 8601), 'source'\n"
	"  value TEXT NOT NULL\n"
	");\n"
	"CREATE TABLE language (\n"
	"  code    TEXT PRIMARY KEY,        -- ISO 639-1, else 639-3\n"
	"  name_fi TEXT NOT NULL, name_sv TEXT, name_en TEXT NOT NULL,\n"
	"  native  TEXT                     -- endonym, e.g. 'Soomaali', 'العربية'\n"
	");\n"
	"CREATE TABLE organisation (\n"
	"  id    TEXT PRIMARY KEY,\n"
	"  kind  TEXT NOT NULL CHECK (kind IN ('city','public','ngo','other')),\n"
	"  name_fi TEXT NOT NULL, name_sv TEXT, name_en TEXT,\n"
	"  web   TEXT,\n"
	"  municipality TEXT\n"
	");\n"
	"CREATE TABLE service (\n"
	"  id              TEXT PRIMARY KEY,\n"
	"  organisation_id TEXT NOT NULL REFERENCES organisation(id),\n"
	"  name_fi TEXT NOT NULL, name_sv TEXT, name_en TEXT,\n"
	"  description_fi TEXT, description_sv TEXT, description_en TEXT,\n"
	"  eligibility_fi TEXT, eligibility_sv TEXT, eligibility_en TEXT,\n"
	"  keywords    TEXT,                -- free words in any language, space separated\n"
	"  email       TEXT,\n"
	"  web         TEXT,\n"
	"  address     TEXT,\n"
	"  municipality TEXT,\n"
	"  appointment TEXT NOT NULL DEFAULT 'no' CHECK (appointment IN ('no','yes','sometimes')),\n"
	"  verified    TEXT                 -- YYYY-MM-DD last verified\n"
	");\n"
	"CREATE TABLE service_topic (\n"
	"  service_id TEXT NOT NULL REFERENCES service(id),\n"
	"  topic      TEXT NOT NULL,        -- topic code of DESIGN.md\n"
	"  PRIMARY KEY (service_id, topic)\n"
	");\n"
	"CREATE TABLE service_language (\n"
	"  service_id TEXT NOT NULL REFERENCES service(id),\n"
	"  language   TEXT NOT NULL REFERENCES language(code),\n"
	"  PRIMARY KEY (service_id, language)\n"
	");\n"
	"CREATE TABLE service_phone (\n"
	"  service_id TEXT NOT NULL REFERENCES service(id),\n"
	"  position   INTEGER NOT NULL,     -- display order, from 1\n"
	"  number     TEXT NOT NULL,\n"
	"  label_fi TEXT, label_sv TEXT, label_en TEXT,\n"
	"  PRIMARY KEY (service_id, position)\n"
	");\n"
	"CREATE TABLE service_hours (\n"
	"  service_id TEXT NOT NULL REFERENCES service(id),\n"
	"  weekday    INTEGER NOT NULL CHECK (weekday BETWEEN 1 AND 7),\n"
	"  opens      TEXT NOT NULL,\n"
	"  closes     TEXT NOT NULL\n"
	");\n"
	"CREATE TABLE service_exception (\n"
	"  service_id TEXT NOT NULL REFERENCES service(id),\n"
	"  date       TEXT NOT NULL,        -- YYYY-MM-DD\n"
	"  opens      TEXT,                 -- NULL opens and closes: closed all day\n"
	"  closes     TEXT\n"
	");\n"
	"CREATE TABLE resource (\n"
	"  id      TEXT PRIMARY KEY,\n"
	"  kind    TEXT NOT NULL CHECK (kind IN ('colleague','interpreting')),\n"
	"  name_fi TEXT NOT NULL, name_sv TEXT, name_en TEXT,   -- a role, never a person's name\n"
	"  unit    TEXT,                    -- where: unit or service point\n"
	"  phone   TEXT,                    -- internal phone or booking line\n"
	"  email   TEXT,\n"
	"  web     TEXT,\n"
	"  modality TEXT NOT NULL,          -- comma list of: in-person, phone, video, on-site\n"
	"  lead_minutes INTEGER NOT NULL DEFAULT 0,  -- booking lead time, 0 = at once\n"
	"  note_fi TEXT, note_sv TEXT, note_en TEXT\n"
	");\n"
	"CREATE TABLE resource_language (\n"
	"  resource_id TEXT NOT NULL REFERENCES resource(id),\n"
	"  language    TEXT NOT NULL REFERENCES language(code),\n"
	"  dialects    TEXT,\n"
	"  PRIMARY KEY (resource_id, language)\n"
	");\n"
	"CREATE TABLE resource_hours (          -- colleagues' shifts, services' hours\n"
	"  resource_id TEXT NOT NULL REFERENCES resource(id),\n"
	"  weekday     INTEGER NOT NULL CHECK (weekday BETWEEN 1 AND 7),\n"
	"  opens       TEXT NOT NULL,\n"
	"  closes      TEXT NOT NULL\n"
	");\n"
	"CREATE TABLE topic_order (             -- optional: the catalogue's own topic order\n"
	"  topic    TEXT PRIMARY KEY,\n"
	"  position INTEGER NOT NULL\n"
	");\n",
};

_Static_assert(sizeof migrations / sizeof migrations[0] == CATALOGUE_SCHEMA_VERSION,
	       "one migration per schema version");

const char *catalogue_schema_sql(int version)
{
	if (version < 1 || version > CATALOGUE_SCHEMA_VERSION)
		return NULL;
	return migrations[version - 1];
}

static int db_version(sqlite3 *db, int *version)
{
	sqlite3_stmt *st = NULL;
	int rc = sqlite3_prepare_v2(db, "PRAGMA user_version", -1, &st, NULL);
	if (rc == SQLITE_OK && (rc = sqlite3_step(st)) == SQLITE_ROW) {
		*version = sqlite3_column_int(st, 0);
		rc = SQLITE_OK;
	}
	sqlite3_finalize(st);
	return rc;
}

int catalogue_schema_migrate(sqlite3 *db, char **err)
{
	int version = 0, v;
	if (db_version(db, &version) != SQLITE_OK) {
		err_set(err, _("cannot read the schema version (%s)"), sqlite3_errmsg(db));
		return -1;
	}
	if (version > CATALOGUE_SCHEMA_VERSION) {
		err_set(err, _("catalogue schema version %d is newer than this neuvoo understands (%d); update neuvoo"),
			version, CATALOGUE_SCHEMA_VERSION);
		return -1;
	}
	for (v = version + 1; v <= CATALOGUE_SCHEMA_VERSION; v++) {
		char *msg = NULL;
		/* PRAGMA takes no bound parameters; v is our own integer. */
		char *bump = xasprintf("PRAGMA user_version = %d", v);
		int rc = sqlite3_exec(db, "BEGIN IMMEDIATE", NULL, NULL, &msg);
		if (rc == SQLITE_OK)
			rc = sqlite3_exec(db, migrations[v - 1], NULL, NULL, &msg);
		if (rc == SQLITE_OK)
			rc = sqlite3_exec(db, bump, NULL, NULL, &msg);
		if (rc == SQLITE_OK)
			rc = sqlite3_exec(db, "COMMIT", NULL, NULL, &msg);
		free(bump);
		if (rc != SQLITE_OK) {
			err_set(err, _("schema migration to version %d failed (%s)"), v,
				msg ? msg : sqlite3_errstr(rc));
			sqlite3_free(msg);
			if (!sqlite3_get_autocommit(db))
				sqlite3_exec(db, "ROLLBACK", NULL, NULL, NULL);
			return -1;
		}
	}
	return 0;
}

/* ---- temporary files and the atomic rename -------------------------------- */

/* Create an empty PATH.tmp-XXXXXX next to path (creating the folder). */
static int tmp_create(const char *path, char **tmp, char **err)
{
	char *dir = paths_dirname(path);
	int fd;
	*tmp = NULL;
	if (paths_mkdir_p(dir, 0755, err) != 0) {
		free(dir);
		return -1;
	}
	free(dir);
	*tmp = xasprintf("%s.tmp-XXXXXX", path);
	fd = mkstemp(*tmp);
	if (fd < 0) {
		err_set(err, _("%s: cannot create a new catalogue file here: %s"), path,
			strerror(errno));
		free(*tmp);
		*tmp = NULL;
		return -1;
	}
	close(fd);
	return 0;
}

/* Remove the temporary file and any journal SQLite left beside it. */
static void tmp_remove(char **tmp)
{
	char *journal;
	if (!*tmp)
		return;
	journal = xasprintf("%s-journal", *tmp);
	unlink(journal);
	unlink(*tmp);
	free(journal);
	free(*tmp);
	*tmp = NULL;
}

static int fsync_path(const char *p, int flags)
{
	int fd = open(p, flags), rc;
	if (fd < 0)
		return -1;
	rc = fsync(fd);
	/* Some file systems cannot fsync a folder; that is not a failure. */
	if (rc != 0 && (errno == EINVAL || errno == EBADF))
		rc = 0;
	close(fd);
	return rc;
}

/* fsync, chmod 0644 (readable by every desk), rename over path, fsync the
 * folder so that the rename itself survives a power cut. */
static int tmp_commit(char **tmp, const char *path, char **err)
{
	char *dir;
	if (fsync_path(*tmp, O_RDONLY) != 0 || chmod(*tmp, 0644) != 0 ||
	    rename(*tmp, path) != 0) {
		err_set(err, _("%s: cannot write the catalogue: %s"), path, strerror(errno));
		tmp_remove(tmp);
		return -1;
	}
	free(*tmp);
	*tmp = NULL;
	dir = paths_dirname(path);
	fsync_path(dir, O_RDONLY | O_DIRECTORY);
	free(dir);
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

static const char *const org_kind_names[ORG__N] = { "city", "public", "ngo", "other" };
static const char *const res_kind_names[RES__N] = { "colleague", "interpreting" };
static const char *const appt_names[] = { "no", "yes", "sometimes" };

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
	sqlite3_stmt *st = wprep(w, "INSERT INTO language (code, name_fi, name_sv, "
				 "name_en, native) VALUES (?1, ?2, ?3, ?4, ?5)");
	size_t i;
	for (i = 0; st && i < cat->n_languages; i++) {
		const struct cat_language *l = &cat->languages[i];
		bind_s(st, 1, l->code);
		bind_t3(st, 2, &l->name);
		bind_s(st, 5, l->native);
		wstep(w, st, "language", l->code);
	}
	sqlite3_finalize(st);
}

static void write_orgs(struct writer *w, const struct catalogue *cat)
{
	sqlite3_stmt *st = wprep(w, "INSERT INTO organisation (id, kind, name_fi, "
				 "name_sv, name_en, web, municipality) "
				 "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)");
	size_t i;
	for (i = 0; st && i < cat->n_orgs; i++) {
		const struct cat_org *o = &cat->orgs[i];
		bind_s(st, 1, o->id);
		bind_s(st, 2, (unsigned)o->kind < ORG__N ? org_kind_names[o->kind] : NULL);
		bind_t3(st, 3, &o->name);
		bind_s(st, 6, o->web);
		bind_s(st, 7, o->municipality);
		wstep(w, st, "organisation", o->id);
	}
	sqlite3_finalize(st);
}

static void write_services(struct writer *w, const struct catalogue *cat)
{
	sqlite3_stmt *sv = wprep(w, "INSERT INTO service (id, organisation_id, name_fi, "
		"name_sv, name_en, description_fi, description_sv, description_en, "
		"eligibility_fi, eligibility_sv, eligibility_en, keywords, email, web, "
		"address, municipality, appointment, verified) VALUES (?1, ?2, ?3, ?4, "
		"?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17, ?18)");
	sqlite3_stmt *tp = wprep(w, "INSERT INTO service_topic (service_id, topic) VALUES (?1, ?2)");
	sqlite3_stmt *lg = wprep(w, "INSERT INTO service_language (service_id, language) "
				 "VALUES (?1, ?2)");
	sqlite3_stmt *ph = wprep(w, "INSERT INTO service_phone (service_id, position, "
				 "number, label_fi, label_sv, label_en) "
				 "VALUES (?1, ?2, ?3, ?4, ?5, ?6)");
	sqlite3_stmt *hr = wprep(w, "INSERT INTO service_hours (service_id, weekday, "
				 "opens, closes) VALUES (?1, ?2, ?3, ?4)");
	sqlite3_stmt *ex = wprep(w, "INSERT INTO service_exception (service_id, date, "
				 "opens, closes) VALUES (?1, ?2, ?3, ?4)");
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
		bind_s(sv, 1, s->id);
		bind_s(sv, 2, o->id);
		bind_t3(sv, 3, &s->name);
		bind_t3(sv, 6, &s->description);
		bind_t3(sv, 9, &s->info->eligibility);
		bind_s(sv, 12, s->keywords);
		bind_s(sv, 13, s->info->email);
		bind_s(sv, 14, s->info->web);
		bind_s(sv, 15, s->info->address);
		bind_s(sv, 16, s->info->municipality);
		bind_s(sv, 17, (unsigned)s->info->appointment <= APPT_SOMETIMES
			       ? appt_names[s->info->appointment] : NULL);
		bind_s(sv, 18, s->info->verified);
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
			bind_s(ph, 1, s->id);
			sqlite3_bind_int64(ph, 2, (sqlite3_int64)k + 1);
			bind_s(ph, 3, s->info->phones[k].number);
			bind_t3(ph, 4, &s->info->phones[k].label);
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

/* MOD_* bits as the schema's comma list, in a fixed order. */
static char *modality_text(unsigned m)
{
	static const char *const names[] = { "in-person", "phone", "video", "on-site" };
	char *s = xstrdup("");
	int k;
	for (k = 0; k < 4; k++) {
		char *n;
		if (!(m & (1u << k)))
			continue;
		n = xasprintf("%s%s%s", s, *s ? "," : "", names[k]);
		free(s);
		s = n;
	}
	return s;
}

static void write_resources(struct writer *w, const struct catalogue *cat)
{
	sqlite3_stmt *rs = wprep(w, "INSERT INTO resource (id, kind, name_fi, name_sv, "
		"name_en, unit, phone, email, web, modality, lead_minutes, note_fi, "
		"note_sv, note_en) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, "
		"?11, ?12, ?13, ?14)");
	sqlite3_stmt *lg = wprep(w, "INSERT INTO resource_language (resource_id, "
				 "language, dialects) VALUES (?1, ?2, ?3)");
	sqlite3_stmt *hr = wprep(w, "INSERT INTO resource_hours (resource_id, weekday, "
				 "opens, closes) VALUES (?1, ?2, ?3, ?4)");
	size_t i, k;

	for (i = 0; !w->failed && i < cat->n_resources; i++) {
		const struct cat_resource *r = &cat->resources[i];
		char *mod = modality_text(r->modality);
		bind_s(rs, 1, r->id);
		bind_s(rs, 2, (unsigned)r->kind < RES__N ? res_kind_names[r->kind] : NULL);
		bind_t3(rs, 3, &r->name);
		bind_s(rs, 6, r->unit);
		bind_s(rs, 7, r->phone);
		bind_s(rs, 8, r->email);
		bind_s(rs, 9, r->web);
		bind_s(rs, 10, mod);
		sqlite3_bind_int(rs, 11, r->lead_minutes);
		bind_t3(rs, 12, &r->note);
		wstep(w, rs, "resource", r->id);
		free(mod);
		for (k = 0; k < r->n_languages; k++) {
			bind_s(lg, 1, r->id);
			bind_s(lg, 2, r->languages[k].code);
			bind_s(lg, 3, r->languages[k].dialects);
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
	sqlite3_stmt *st = wprep(w, "INSERT INTO topic_order (topic, position) VALUES (?1, ?2)");
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

int catalogue_publish(const struct catalogue *cat, const char *path, char **err)
{
	struct writer w;
	char *tmp = NULL, *now = NULL;

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
	if (tmp_open(tmp, path, &w.db, err) != 0)
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
	if (exec_or_fail(&w, "COMMIT") != 0)
		goto fail;
	if (integrity(w.db, path, err) != 0 || close_db(&w.db, path, err) != 0)
		goto fail;
	return tmp_commit(&tmp, path, err);
fail:
	sqlite3_close(w.db);
	tmp_remove(&tmp);
	return -1;
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
	char *tmp = NULL, *text = NULL, *now = NULL, *name = NULL, *source = NULL;
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
	if (tmp_open(tmp, path, &w.db, err) != 0)
		goto fail;
	if (exec_or_fail(&w, "BEGIN IMMEDIATE") != 0)
		goto fail;
	if (run_sql(w.db, bundled_sql, text, err) != 0) {
		w.failed = 1;
		goto fail;
	}
	now = iso_now();
	write_meta(&w, "published", now);
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
	if (catalogue_open(tmp, &cat, err) != 0) {
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
	return tmp_commit(&tmp, path, err);
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

/* ---- check --------------------------------------------------------------- */

struct checker {
	catalogue_problem_fn fn;
	void *ctx;
	size_t n;
	const char *who;	/* "service 'x'" etc., for the message's start */
};

static void problem(struct checker *c, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));

static void problem(struct checker *c, const char *fmt, ...)
{
	va_list ap;
	char *what = NULL, *line;
	va_start(ap, fmt);
	err_vset(&what, fmt, ap);
	va_end(ap);
	line = c->who ? xasprintf("%s: %s", c->who, what) : xstrdup(what);
	if (c->fn)
		c->fn(c->ctx, line);
	c->n++;
	free(line);
	free(what);
}

static const char *const lang_tag[CAT__NLANG] = { "fi", "sv", "en" };

/* Valid UTF-8 without control characters; multi-line texts may keep
 * newlines. Returns NULL when fine, else what is wrong. */
static const char *text_problem(const char *s, bool multiline)
{
	const unsigned char *p;
	if (!s)
		return NULL;
	if (!text_valid(s, strlen(s)))
		return _("is not valid UTF-8");
	for (p = (const unsigned char *)s; *p; p++) {
		if ((*p < 0x20 && !(multiline && *p == '\n')) || *p == 0x7f ||
		    (p[0] == 0xc2 && p[1] >= 0x80 && p[1] <= 0x9f))
			return _("contains control characters");
		/* Bidi embeddings, overrides and isolates (U+202A-U+202E,
		 * U+2066-U+2069) can reorder what a terminal shows. */
		if (p[0] == 0xe2 && ((p[1] == 0x80 && p[2] >= 0xaa && p[2] <= 0xae) ||
				     (p[1] == 0x81 && p[2] >= 0xa6 && p[2] <= 0xa9)))
			return _("contains control characters");
	}
	return NULL;
}

static void check_str(struct checker *c, const char *field, const char *s, bool multiline)
{
	const char *bad = text_problem(s, multiline);
	if (bad)
		problem(c, "%s %s", field, bad);
}

static void check_text3(struct checker *c, const char *field, const struct cat_text *t,
			bool multiline)
{
	int k;
	for (k = 0; k < CAT__NLANG; k++) {
		const char *bad = text_problem(t->v[k], multiline);
		if (bad)
			problem(c, "%s (%s) %s", field, lang_tag[k], bad);
	}
}

/* The Finnish name is required (the schema says NOT NULL); every name
 * present must have some text. */
static void check_name(struct checker *c, const struct cat_text *t)
{
	int k;
	if (!t->v[CAT_FI] || !t->v[CAT_FI][0])
		problem(c, _("the Finnish name is missing"));
	for (k = 1; k < CAT__NLANG; k++)
		if (t->v[k] && !t->v[k][0])
			problem(c, _("the name (%s) is empty; leave it out instead"), lang_tag[k]);
	check_text3(c, _("the name"), t, false);
}

static bool has_space_or_control(const char *s)
{
	for (; *s; s++)
		if ((unsigned char)*s <= 0x20 || *s == 0x7f)
			return true;
	return false;
}

static bool sane_email(const char *s)
{
	const char *at = strchr(s, '@'), *dot;
	if (!at || at == s || strchr(at + 1, '@') || has_space_or_control(s))
		return false;
	dot = strchr(at + 1, '.');
	return dot && dot > at + 1 && dot[1] && s[strlen(s) - 1] != '.';
}

/* "https://hel.fi/x", "http://..." or a bare "hsy.fi/path". */
static bool sane_web(const char *s)
{
	const char *host = s, *sep = strstr(s, "://");
	size_t hl;
	if (!*s || has_space_or_control(s))
		return false;
	if (sep) {
		if (!((sep - s == 4 && !strncasecmp(s, "http", 4)) ||
		      (sep - s == 5 && !strncasecmp(s, "https", 5))))
			return false;
		host = sep + 3;
	}
	hl = strcspn(host, "/?#");
	return hl > 2 && memchr(host, '.', hl) && host[0] != '.' && host[hl - 1] != '.';
}

static bool sane_phone(const char *s)
{
	int digits = 0;
	if (!s || !*s)
		return false;
	for (; *s; s++) {
		if (*s >= '0' && *s <= '9')
			digits++;
		else if (!strchr(" +-()/.", *s))
			return false;
	}
	return digits >= 3;
}

static bool has_digits(const char *s, int min)
{
	int n = 0;
	for (; *s; s++)
		if (*s >= '0' && *s <= '9')
			n++;
	return n >= min;
}

static void check_contact(struct checker *c, const char *email, const char *web)
{
	if (email && !sane_email(email))
		problem(c, _("e-mail address '%s' does not look like one"), email);
	if (web && !sane_web(web))
		problem(c, _("web address '%s' does not look like one (e.g. https://www.hel.fi/)"), web);
}

static bool lang_code_ok(const char *code)
{
	size_t n = code ? strlen(code) : 0, i;
	if (n < 2 || n > 3)
		return false;
	for (i = 0; i < n; i++)
		if (code[i] < 'a' || code[i] > 'z')
			return false;
	return true;
}

static const char *const day_full[7] = {
	N_("Monday"), N_("Tuesday"), N_("Wednesday"), N_("Thursday"),
	N_("Friday"), N_("Saturday"), N_("Sunday"),
};

static void check_hours(struct checker *c, const struct hours *h)
{
	size_t i, j;
	for (i = 0; i < h->n_spans; i++) {
		const struct hours_span *a = &h->spans[i];
		char o[6], cl[6];
		hours_minutes_str(a->open, o);
		hours_minutes_str(a->close, cl);
		if (a->day > 6) {
			problem(c, _("hours name day %d, which is not a weekday"), a->day);
			continue;
		}
		if (a->open >= a->close || a->close > 1440) {
			problem(c, _("hours on %s, %s-%s, close before they open"),
				_(day_full[a->day]), o, cl);
			continue;
		}
		for (j = i + 1; j < h->n_spans; j++) {
			const struct hours_span *b = &h->spans[j];
			if (b->day == a->day && b->open < a->close && a->open < b->close) {
				char o2[6], c2[6];
				hours_minutes_str(b->open, o2);
				hours_minutes_str(b->close, c2);
				problem(c, _("hours on %s overlap: %s-%s and %s-%s"),
					_(day_full[a->day]), o, cl, o2, c2);
			}
		}
	}
	for (i = 0; i < h->n_ex; i++) {
		const struct hours_exception *e = &h->ex[i];
		char date[11];
		memcpy(date, e->date, sizeof date);
		date[10] = '\0';
		if (!hours_valid_date(date))
			problem(c, _("exception date '%s' is not a date (YYYY-MM-DD)"), date);
		else if (!e->closed && (e->open >= e->close || e->close > 1440))
			problem(c, _("exception on %s closes before it opens"), date);
	}
}

static void check_languages_ref(struct checker *c, const struct catalogue *cat,
				 const char *code)
{
	if (!code || !*code)
		problem(c, _("a language code is empty"));
	else if (!catalogue_language(cat, code))
		problem(c, _("language '%s' is not in the language table"), code);
}

static int str_ptr_cmp(const void *a, const void *b)
{
	return strcmp(*(const char *const *)a, *(const char *const *)b);
}

/* Report ids that occur more than once among n records. */
static void check_duplicates(struct checker *c, const char *kind, const void *base,
			     size_t n, size_t stride, size_t off)
{
	const char **ids = xmalloc((n ? n : 1) * sizeof *ids);
	size_t i, k = 0;
	for (i = 0; i < n; i++) {
		const char *id = *(char *const *)((const char *)base + i * stride + off);
		if (id)
			ids[k++] = id;
	}
	qsort(ids, k, sizeof *ids, str_ptr_cmp);
	for (i = 1; i < k; i++)
		if (!strcmp(ids[i], ids[i - 1]) && (i + 1 == k || strcmp(ids[i + 1], ids[i])))
			problem(c, _("%s '%s': the id is used more than once"), kind, ids[i]);
	free(ids);
}

/* "service 'x'" for messages; "service #3" when the id is missing. */
static char *who(const char *kind, const char *id, size_t i)
{
	if (id && *id)
		return xasprintf("%s '%s'", kind, id);
	return xasprintf("%s #%zu", kind, i + 1);
}

static void check_org(struct checker *c, const struct cat_org *o)
{
	if (!o->id || !*o->id)
		problem(c, _("the id is missing"));
	if ((unsigned)o->kind >= ORG__N)
		problem(c, _("the kind is not one of city, public, ngo, other"));
	check_name(c, &o->name);
	check_contact(c, NULL, o->web);
	check_str(c, _("the municipality"), o->municipality, false);
}

static void check_service(struct checker *c, const struct catalogue *cat,
			  const struct cat_service *s)
{
	static const struct cat_service_info none;
	const struct cat_service_info *in = s->info ? s->info : &none;
	size_t k;
	if (!s->id || !*s->id)
		problem(c, _("the id is missing"));
	/* A loaded catalogue marks a dangling organisation SIZE_MAX and the
	 * loader has already named the missing id in cat->problems. */
	if (s->org >= cat->n_orgs && !(s->org == SIZE_MAX && cat->path))
		problem(c, _("its organisation does not exist"));
	check_name(c, &s->name);
	check_text3(c, _("the description"), &s->description, true);
	check_text3(c, _("the eligibility"), &in->eligibility, true);
	check_str(c, _("the keywords"), s->keywords, false);
	check_str(c, _("the address"), in->address, true);
	check_str(c, _("the municipality"), in->municipality, false);
	if (s->topics >> TOPIC__N)
		problem(c, _("it has a topic outside the topic list"));
	for (k = 0; k < s->n_languages; k++)
		check_languages_ref(c, cat, s->languages[k]);
	for (k = 0; k < in->n_phones; k++) {
		if (!sane_phone(in->phones[k].number))
			problem(c, _("phone number '%s' does not look like one"),
				in->phones[k].number ? in->phones[k].number : "");
		check_text3(c, _("a phone label"), &in->phones[k].label, false);
	}
	check_contact(c, in->email, in->web);
	if ((unsigned)in->appointment > APPT_SOMETIMES)
		problem(c, _("appointment is not one of no, yes, sometimes"));
	check_hours(c, &s->hours);
	if (in->verified && !hours_valid_date(in->verified))
		problem(c, _("verified date '%s' is not a date (YYYY-MM-DD)"), in->verified);
}

static void check_resource(struct checker *c, const struct catalogue *cat,
			   const struct cat_resource *r)
{
	size_t k;
	if (!r->id || !*r->id)
		problem(c, _("the id is missing"));
	if ((unsigned)r->kind >= RES__N)
		problem(c, _("the kind is not one of colleague, interpreting"));
	check_name(c, &r->name);
	if (r->n_languages == 0)
		problem(c, _("it lists no language"));
	for (k = 0; k < r->n_languages; k++) {
		check_languages_ref(c, cat, r->languages[k].code);
		check_str(c, _("the dialects"), r->languages[k].dialects, false);
	}
	check_str(c, _("the unit"), r->unit, false);
	/* An internal line may carry a word ("ext. 2102"): only ask for a
	 * number in it. */
	if (r->phone && !has_digits(r->phone, 3))
		problem(c, _("phone number '%s' does not look like one"), r->phone);
	check_str(c, _("the phone"), r->phone, false);
	check_contact(c, r->email, r->web);
	if (r->modality == 0 || (r->modality & ~0xfu))
		problem(c, _("the modality must be some of in-person, phone, video, on-site"));
	if (r->lead_minutes < 0)
		problem(c, _("the booking lead time is negative"));
	check_hours(c, &r->hours);
	if (r->hours.n_ex)
		problem(c, _("dated exceptions are not kept for resources; they would be lost"));
	check_text3(c, _("the note"), &r->note, true);
}

size_t catalogue_check(const struct catalogue *cat, catalogue_problem_fn fn, void *ctx)
{
	struct checker c = { fn, ctx, 0, NULL };
	int seen[TOPIC__N] = { 0 }, t;
	size_t i;
	if (!cat)
		return 0;
	for (i = 0; i < cat->n_problems; i++)
		problem(&c, "%s", cat->problems[i]);
	check_duplicates(&c, "language", cat->languages, cat->n_languages,
			 sizeof *cat->languages, offsetof(struct cat_language, code));
	check_duplicates(&c, "organisation", cat->orgs, cat->n_orgs, sizeof *cat->orgs,
			 offsetof(struct cat_org, id));
	check_duplicates(&c, "service", cat->services, cat->n_services,
			 sizeof *cat->services, offsetof(struct cat_service, id));
	check_duplicates(&c, "resource", cat->resources, cat->n_resources,
			 sizeof *cat->resources, offsetof(struct cat_resource, id));

	for (i = 0; i < cat->n_languages; i++) {
		const struct cat_language *l = &cat->languages[i];
		char *w = who("language", l->code, i);
		c.who = w;
		if (!lang_code_ok(l->code))
			problem(&c, _("the code must be 2 or 3 lower-case letters (ISO 639)"));
		if (!l->name.v[CAT_FI] || !l->name.v[CAT_FI][0])
			problem(&c, _("the Finnish name is missing"));
		if (!l->name.v[CAT_EN] || !l->name.v[CAT_EN][0])
			problem(&c, _("the English name is missing"));
		check_text3(&c, _("the name"), &l->name, false);
		check_str(&c, _("the native name"), l->native, false);
		free(w);
	}
	for (i = 0; i < cat->n_orgs; i++) {
		char *w = who("organisation", cat->orgs[i].id, i);
		c.who = w;
		check_org(&c, &cat->orgs[i]);
		free(w);
	}
	for (i = 0; i < cat->n_services; i++) {
		char *w = who("service", cat->services[i].id, i);
		c.who = w;
		check_service(&c, cat, &cat->services[i]);
		free(w);
	}
	for (i = 0; i < cat->n_resources; i++) {
		char *w = who("resource", cat->resources[i].id, i);
		c.who = w;
		check_resource(&c, cat, &cat->resources[i]);
		free(w);
	}
	c.who = NULL;
	for (i = 0; i < TOPIC__N; i++) {
		t = cat->topic_order[i];
		if (t < 0 || t >= TOPIC__N || seen[t]) {
			problem(&c, _("topic order: not every topic once"));
			break;
		}
		seen[t] = 1;
	}
	return c.n;
}

/* ---- info ---------------------------------------------------------------- */

static const char *const org_kind_labels[ORG__N] = {
	N_("city"), N_("other public"), N_("NGO"), N_("other"),
};
static const char *const res_kind_labels[RES__N] = {
	N_("colleagues"), N_("interpreting"),
};

char *catalogue_info(const struct catalogue *cat)
{
	size_t orgs[ORG__N] = { 0 }, res[RES__N] = { 0 }, i;
	char *org_parts = xstrdup(""), *res_parts = xstrdup(""), *out;
	int k;

	for (i = 0; i < cat->n_orgs; i++)
		if ((unsigned)cat->orgs[i].kind < ORG__N)
			orgs[cat->orgs[i].kind]++;
	for (i = 0; i < cat->n_resources; i++)
		if ((unsigned)cat->resources[i].kind < RES__N)
			res[cat->resources[i].kind]++;
	for (k = 0; k < ORG__N; k++) {
		char *n = xasprintf("%s%s%s %zu", org_parts, *org_parts ? ", " : "",
				    _(org_kind_labels[k]), orgs[k]);
		free(org_parts);
		org_parts = n;
	}
	for (k = 0; k < RES__N; k++) {
		char *n = xasprintf("%s%s%s %zu", res_parts, *res_parts ? ", " : "",
				    _(res_kind_labels[k]), res[k]);
		free(res_parts);
		res_parts = n;
	}
	out = xasprintf("%s: %s\n%s: %s\n%s: %s\n%s: %d\n%s: %zu (%s)\n%s: %zu\n%s: %zu\n%s: %zu (%s)\n",
			_("catalogue"), cat->path ? cat->path : "",
			_("name"), cat->name ? cat->name : "",
			_("published"), cat->published ? cat->published : "",
			_("schema version"), cat->version,
			_("organisations"), cat->n_orgs, org_parts,
			_("services"), cat->n_services,
			_("languages"), cat->n_languages,
			_("resources"), cat->n_resources, res_parts);
	free(org_parts);
	free(res_parts);
	return out;
}
