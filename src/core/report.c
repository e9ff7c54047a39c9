/* report: see report.h.
 *
 * Speed: a report over a million contacts must stay within a couple of
 * seconds, so a scan is one sequential read of the contact table per file
 * (topics come with the row as the stored ;-joined codes, no join), the
 * merge by id keeps 16 bytes a contact in an open-addressing set, and each
 * dimension value finds its bucket through a small hash table. Nothing but
 * the counts and the ids seen stays in memory.
 *
 * Idempotent merging: a contact undone in any copy is left out even when
 * another, older copy still has it; every other contact counts once
 * however many copies hold it. */
#include <config.h>

#include <dirent.h>
#include <errno.h>
#include <locale.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "core/codes.h"
#include "core/err.h"
#include "core/i18n.h"
#include "core/report.h"
#include "core/stats.h"
#include "core/text.h"

/* ---- dimensions -------------------------------------------------------- */

static const struct {
	const char *name;
	const char *title;
	int list;	/* code list of codes.h, or -1 */
} dims[REPORT_DIM__N] = {
	[REPORT_TOPIC] = { "topic", N_("Topic"), CODES_TOPIC },
	[REPORT_LANGUAGE] = { "language", N_("Language"), -1 },
	[REPORT_CHANNEL] = { "channel", N_("Channel"), CODES_CHANNEL },
	[REPORT_INTERPRETER] = { "interpreter", N_("Interpreter"), CODES_INTERPRETER },
	[REPORT_OUTCOME] = { "outcome", N_("Outcome"), CODES_OUTCOME },
	[REPORT_REDIRECT] = { "redirect", N_("Redirected to"), -1 },
	[REPORT_REASON] = { "reason", N_("Redirect reason"), CODES_REASON },
	[REPORT_DISCOVERY] = { "discovery", N_("Found the service via"), CODES_DISCOVERY },
	[REPORT_HOUR] = { "hour", N_("Hour"), -1 },
	[REPORT_WEEKDAY] = { "weekday", N_("Weekday"), -1 },
	[REPORT_DESK] = { "desk", N_("Desk"), -1 },
	[REPORT_AGE] = { "age", N_("Age"), CODES_AGE },
	[REPORT_GENDER] = { "gender", N_("Gender"), CODES_GENDER },
};

static const char *const weekdays[7] = {
	N_("Monday"), N_("Tuesday"), N_("Wednesday"), N_("Thursday"),
	N_("Friday"), N_("Saturday"), N_("Sunday")
};

int report_dim_parse(const char *name)
{
	int i;
	for (i = 0; name && i < REPORT_DIM__N; i++)
		if (!strcmp(dims[i].name, name))
			return i;
	return -1;
}

const char *report_dim_name(enum report_dim dim)
{
	return (int)dim >= 0 && dim < REPORT_DIM__N ? dims[dim].name : "";
}

const char *report_dim_title(enum report_dim dim)
{
	return (int)dim >= 0 && dim < REPORT_DIM__N ? _(dims[dim].title) : "";
}

const char *report_dim_names(void)
{
	return "topic, language, channel, interpreter, outcome, redirect, "
	       "reason, discovery, hour, weekday, desk, age, gender";
}

/* ---- files ------------------------------------------------------------- */

static bool same_file_added(const struct report_files *f, const struct stat *st)
{
	size_t i;
	struct stat o;
	for (i = 0; i < f->n; i++)
		if (stat(f->paths[i], &o) == 0 && o.st_dev == st->st_dev
		    && o.st_ino == st->st_ino)
			return true;
	return false;
}

static void files_push(struct report_files *f, const char *path)
{
	f->paths = xrealloc(f->paths, (f->n + 1) * sizeof *f->paths);
	f->paths[f->n++] = xstrdup(path);
}

static int cmp_str(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

static int add_dir(struct report_files *f, const char *dir, char **err)
{
	DIR *d = opendir(dir);
	struct dirent *e;
	char **names = NULL;
	size_t n = 0, i;

	if (!d) {
		err_set(err, _("%s: cannot read the folder: %s"), dir, strerror(errno));
		return -1;
	}
	while ((e = readdir(d))) {
		size_t len = strlen(e->d_name);
		if (len > 3 && !strcmp(e->d_name + len - 3, ".db") && e->d_name[0] != '.') {
			names = xrealloc(names, (n + 1) * sizeof *names);
			names[n++] = xstrdup(e->d_name);
		}
	}
	closedir(d);
	if (n > 1)	/* qsort(NULL, 0) is undefined */
		qsort(names, n, sizeof *names, cmp_str);
	for (i = 0; i < n; i++) {
		char *p = xasprintf("%s/%s", dir, names[i]);
		struct stat st;
		if (stat(p, &st) == 0 && S_ISREG(st.st_mode) && !same_file_added(f, &st))
			files_push(f, p);
		free(p);
		free(names[i]);
	}
	free(names);
	return 0;
}

int report_files_add(struct report_files *f, const char *path, bool missing_ok,
		     char **err)
{
	struct stat st;
	if (stat(path, &st) != 0) {
		if (missing_ok && errno == ENOENT)
			return 0;
		err_set(err, _("%s: cannot read: %s"), path, strerror(errno));
		return -1;
	}
	if (S_ISDIR(st.st_mode))
		return add_dir(f, path, err);
	if (!same_file_added(f, &st))
		files_push(f, path);
	return 0;
}

void report_files_clear(struct report_files *f)
{
	size_t i;
	for (i = 0; i < f->n; i++)
		free(f->paths[i]);
	free(f->paths);
	f->paths = NULL;
	f->n = 0;
}

/* ---- the set of contact ids -------------------------------------------- */

struct idset {
	uint64_t *k;	/* 2 words a slot; 0,0 = empty */
	size_t cap, n;
};

/* Hex digit values plus one; 0 = not a hex digit. */
static const unsigned char hex1[256] = {
	['0'] = 1, ['1'] = 2, ['2'] = 3, ['3'] = 4, ['4'] = 5, ['5'] = 6,
	['6'] = 7, ['7'] = 8, ['8'] = 9, ['9'] = 10,
	['a'] = 11, ['b'] = 12, ['c'] = 13, ['d'] = 14, ['e'] = 15, ['f'] = 16,
	['A'] = 11, ['B'] = 12, ['C'] = 13, ['D'] = 14, ['E'] = 15, ['F'] = 16,
};

/* Where the 32 hex digits of a canonical UUID sit. */
static const unsigned char uuid_pos[32] = {
	0, 1, 2, 3, 4, 5, 6, 7, 9, 10, 11, 12, 14, 15, 16, 17,
	19, 20, 21, 22, 24, 25, 26, 27, 28, 29, 30, 31, 32, 33, 34, 35
};

/* A UUID packs into 128 bits; anything else is hashed twice (a collision
 * of two 64-bit hashes at once is not a practical concern). This runs once
 * a contact, so it avoids strlen and branches. */
static void id_key(const char *id, size_t len, uint64_t k[2])
{
	size_t i;
	unsigned bad = 0;
	k[0] = k[1] = 0;
	if (len == 36 && id[8] == '-' && id[13] == '-' && id[18] == '-' && id[23] == '-') {
		for (i = 0; i < 32; i++) {
			unsigned v = hex1[(unsigned char)id[uuid_pos[i]]];
			bad |= v == 0;
			k[i / 16] = (k[i / 16] << 4) | (uint64_t)((v - 1) & 15);
		}
		if (!bad)
			goto done;
	}
	k[0] = 0xcbf29ce484222325ULL;
	k[1] = 0x84222325cbf29ce4ULL;
	for (i = 0; i < len; i++) {
		k[0] = (k[0] ^ (unsigned char)id[i]) * 0x100000001b3ULL;
		k[1] = (k[1] ^ (unsigned char)id[i]) * 0x100000001b3ULL + 0x9e37;
	}
	/* Keep hashed ids apart from UUIDs that happen to be equal. */
	k[1] ^= 0x5555555555555555ULL;
done:
	if (!k[0] && !k[1])
		k[1] = 1;
}

static size_t id_slot(const uint64_t k[2], size_t cap)
{
	uint64_t h = k[0] ^ (k[1] * 0x9e3779b97f4a7c15ULL);
	h ^= h >> 29;
	h *= 0xbf58476d1ce4e5b9ULL;
	h ^= h >> 32;
	return (size_t)h & (cap - 1);
}

static bool idset_has(const struct idset *s, const uint64_t k[2])
{
	size_t i;
	if (!s->n)
		return false;
	for (i = id_slot(k, s->cap);; i = (i + 1) & (s->cap - 1)) {
		uint64_t *e = s->k + 2 * i;
		if (!e[0] && !e[1])
			return false;
		if (e[0] == k[0] && e[1] == k[1])
			return true;
	}
}

static bool idset_add(struct idset *s, const uint64_t k[2]);
static void idset_grow(struct idset *s);

/* Room for n ids without growing (growing rehashes everything). */
static void idset_reserve(struct idset *s, size_t n)
{
	size_t cap = 1024;
	if (n > ((size_t)1 << 26))
		n = (size_t)1 << 26;
	while (cap * 7 < (n + 1) * 10)
		cap *= 2;
	if (cap <= s->cap)
		return;
	if (!s->n) {
		free(s->k);
		s->k = xcalloc(cap * 2, sizeof *s->k);
		s->cap = cap;
		return;
	}
	while (s->cap < cap)
		idset_grow(s);
}

static void idset_grow(struct idset *s)
{
	struct idset bigger = { NULL, s->cap ? s->cap * 2 : 1024, 0 };
	size_t i;
	bigger.k = xcalloc(bigger.cap * 2, sizeof *bigger.k);
	for (i = 0; i < s->cap; i++)
		if (s->k[2 * i] || s->k[2 * i + 1])
			idset_add(&bigger, s->k + 2 * i);
	free(s->k);
	*s = bigger;
}

/* True when k was not in the set. */
static bool idset_add(struct idset *s, const uint64_t k[2])
{
	size_t i;
	/* Load up to 0.7: the table is the one big thing a report keeps. */
	if ((s->n + 1) * 10 > s->cap * 7)
		idset_grow(s);
	for (i = id_slot(k, s->cap);; i = (i + 1) & (s->cap - 1)) {
		uint64_t *e = s->k + 2 * i;
		if (!e[0] && !e[1]) {
			e[0] = k[0];
			e[1] = k[1];
			s->n++;
			return true;
		}
		if (e[0] == k[0] && e[1] == k[1])
			return false;
	}
}

/* ---- scan -------------------------------------------------------------- */

/* SAVED: when the contact was saved (schema 1 had only ended_at). */
#define SCAN_COLS(SAVED) \
	"SELECT id, desk, advisor, started_at, ended_at, tz_offset, channel," \
	" language, interpreter, topics, outcome, redirect_service," \
	" redirect_reason, interpreter_resource, discovery, age_band, gender," \
	" life_situation, undone_at, " SAVED " FROM contact"
#define SCAN_SQL(SAVED) { \
	{ SCAN_COLS(SAVED) " WHERE started_at >= ?1 AND started_at < ?2", \
	  SCAN_COLS(SAVED) " WHERE +started_at >= ?1 AND +started_at < ?2" }, \
	{ SCAN_COLS(SAVED) " WHERE started_at >= ?1 AND started_at < ?2 AND undone_at IS NULL", \
	  SCAN_COLS(SAVED) " WHERE +started_at >= ?1 AND +started_at < ?2 AND undone_at IS NULL" } }
/* [schema 2][kept only][full scan]: "+started_at" keeps SQLite off the
 * index when most of the file is in the period, where a sequential scan
 * of the table beats an index walk with a look-up per row. */
static const char *const scan_sql[2][2][2] = {
	SCAN_SQL("ended_at"),
	SCAN_SQL("coalesce(saved_at, ended_at)"),
};
static const char span_sql[] =
	"SELECT (SELECT min(started_at) FROM contact),"
	" (SELECT max(started_at) FROM contact)";
static const char undone_sql[] =
	"SELECT id FROM contact WHERE undone_at IS NOT NULL"
	" AND started_at >= ?1 AND started_at < ?2";

static const char *col(sqlite3_stmt *s, int i)
{
	return (const char *)sqlite3_column_text(s, i);
}

static bool desk_wanted(const struct report_query *q, const char *desk)
{
	size_t i;
	if (!q->n_desks)
		return true;
	for (i = 0; i < q->n_desks; i++)
		if (desk && !strcmp(q->desks[i], desk))
			return true;
	return false;
}

static int scan_error(char **err, const char *path, sqlite3 *db, int rc)
{
	int p = rc & 0xff;
	if (p == SQLITE_CORRUPT || p == SQLITE_NOTADB)
		err_set(err, _("%s: the file is damaged; leave it out or restore a copy"), path);
	else if (p == SQLITE_ERROR)
		err_set(err, _("%s: not a neuvoo statistics file (%s); leave it out"),
			path, sqlite3_errmsg(db));
	else
		err_set(err, _("%s: cannot read the file: %s"), path, sqlite3_errmsg(db));
	return -1;
}

/* 1 when a third or more of the file's time span lies in the period
 * (contacts are spread evenly enough over time for this to pick the
 * faster plan). */
static int mostly_in(sqlite3 *db, const struct report_query *q)
{
	sqlite3_stmt *s;
	int full = 0;
	if (sqlite3_prepare_v2(db, span_sql, -1, &s, NULL) != SQLITE_OK)
		return 0;
	if (sqlite3_step(s) == SQLITE_ROW && sqlite3_column_type(s, 0) != SQLITE_NULL) {
		long long lo = sqlite3_column_int64(s, 0), hi = sqlite3_column_int64(s, 1);
		long long a = lo > (long long)q->from ? lo : (long long)q->from;
		long long b = hi < (long long)q->to ? hi : (long long)q->to;
		full = b >= a && (b - a + 1) * 3 >= hi - lo + 1;
	}
	sqlite3_finalize(s);
	return full;
}

/* Ids undone in any of the files, their sign-offs, and about how many
 * contacts the period holds (files mostly in the period count whole). */
static int collect_undone(const struct report_files *f,
			  const struct report_query *q, struct idset *undone,
			  struct stats_signoffs *so, size_t *expect, char **err)
{
	size_t i;
	*expect = 0;
	for (i = 0; i < f->n; i++) {
		sqlite3 *db;
		sqlite3_stmt *s;
		int rc;
		if (stats_open_read(f->paths[i], &db, err))
			return -1;
		if (stats_read_signoffs(db, f->paths[i], so, err)) {
			sqlite3_close(db);
			return -1;
		}
		if (mostly_in(db, q)
		    && sqlite3_prepare_v2(db, "SELECT max(rowid) FROM contact", -1, &s, NULL) == SQLITE_OK) {
			if (sqlite3_step(s) == SQLITE_ROW)
				*expect += (size_t)sqlite3_column_int64(s, 0);
			sqlite3_finalize(s);
		}
		rc = sqlite3_prepare_v2(db, undone_sql, -1, &s, NULL);
		if (rc == SQLITE_OK) {
			sqlite3_bind_int64(s, 1, (sqlite3_int64)q->from);
			sqlite3_bind_int64(s, 2, (sqlite3_int64)q->to);
			while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
				uint64_t k[2];
				if (!col(s, 0))
					continue;
				id_key(col(s, 0), (size_t)sqlite3_column_bytes(s, 0), k);
				idset_add(undone, k);
			}
			sqlite3_finalize(s);
		}
		if (rc != SQLITE_DONE) {
			scan_error(err, f->paths[i], db, rc);
			sqlite3_close(db);
			return -1;
		}
		sqlite3_close(db);
	}
	return 0;
}

/* Was r saved while its day was closed? The day of the last row and its
 * own sign-offs are kept, so most rows cost no date conversion and look
 * at a sign-off or two, however many days the files have closed. */
struct late_check {
	const struct stats_signoffs *so;
	struct stats_signoffs day;	/* the sign-offs of `date` (no `by`) */
	char date[11];
	time_t from, to;
};

static bool is_late(struct late_check *lc, const struct report_row *r)
{
	size_t i;
	if (!lc->so->n)
		return false;
	if (r->started_at < lc->from || r->started_at >= lc->to) {
		stats_format_date(r->started_at, lc->date);
		lc->day.n = 0;
		if (stats_local_day(lc->date, &lc->from, &lc->to)) {
			lc->from = lc->to = 0;
			return false;
		}
		for (i = 0; i < lc->so->n; i++)
			if (!strcmp(lc->so->v[i].date, lc->date)) {
				lc->day.v = xrealloc(lc->day.v, (lc->day.n + 1) * sizeof *lc->day.v);
				lc->day.v[lc->day.n] = lc->so->v[i];
				lc->day.v[lc->day.n++].by = NULL;
			}
	}
	/* Closed in an earlier second than the save (times are seconds:
	 * a save in the very second of the close is not late). */
	return lc->day.n && stats_signoffs_closed(&lc->day, lc->date, r->saved_at - 1, NULL);
}

int report_scan(const struct report_files *f, const struct report_query *q,
		report_row_fn fn, void *ud, char **err)
{
	struct idset seen = { NULL, 0, 0 }, undone = { NULL, 0, 0 };
	struct stats_signoffs so = { NULL, 0 };
	struct late_check lc;
	struct report_row r;
	size_t i;
	int result = 0;

	size_t expect;

	if (collect_undone(f, q, &undone, &so, &expect, err)) {
		free(undone.k);
		stats_signoffs_clear(&so);
		return -1;
	}
	memset(&lc, 0, sizeof lc);
	lc.so = &so;
	idset_reserve(&seen, expect);
	for (i = 0; i < f->n && !result; i++) {
		sqlite3 *db;
		sqlite3_stmt *s;
		int rc;
		if (stats_open_read(f->paths[i], &db, err)) {
			result = -1;
			break;
		}
		rc = sqlite3_prepare_v2(db, scan_sql[stats_read_version(db) >= 2]
					[!q->include_undone][mostly_in(db, q)],
					-1, &s, NULL);
		if (rc == SQLITE_OK) {
			sqlite3_bind_int64(s, 1, (sqlite3_int64)q->from);
			sqlite3_bind_int64(s, 2, (sqlite3_int64)q->to);
			memset(&r, 0, sizeof r);
			r.file = f->paths[i];
			while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
				uint64_t k[2];
				r.id = col(s, 0);
				r.desk = col(s, 1);
				if (!r.id || !desk_wanted(q, r.desk))
					continue;
				r.undone_at = (time_t)sqlite3_column_int64(s, 18);
				id_key(r.id, (size_t)sqlite3_column_bytes(s, 0), k);
				/* A copy made before the undo: the undone copy
				 * is the one that counts. */
				if (!r.undone_at && idset_has(&undone, k))
					continue;
				if (!idset_add(&seen, k))
					continue;
				r.advisor = col(s, 2);
				r.started_at = (time_t)sqlite3_column_int64(s, 3);
				r.ended_at = (time_t)sqlite3_column_int64(s, 4);
				r.tz_offset = (long)sqlite3_column_int64(s, 5);
				r.channel = col(s, 6);
				r.language = col(s, 7);
				r.interpreter = col(s, 8);
				r.topics = col(s, 9);
				if (!r.topics)
					r.topics = "";
				r.outcome = col(s, 10);
				r.redirect_service = col(s, 11);
				r.redirect_reason = col(s, 12);
				r.interpreter_resource = col(s, 13);
				r.discovery = col(s, 14);
				r.age_band = col(s, 15);
				r.gender = col(s, 16);
				r.life_situation = col(s, 17);
				r.saved_at = (time_t)sqlite3_column_int64(s, 19);
				r.late = is_late(&lc, &r);
				if ((result = fn(&r, ud)) != 0)
					break;
			}
			sqlite3_finalize(s);
		}
		if (!result && rc != SQLITE_DONE)
			result = scan_error(err, f->paths[i], db, rc);
		sqlite3_close(db);
	}
	free(seen.k);
	free(undone.k);
	stats_signoffs_clear(&so);
	stats_signoffs_clear(&lc.day);	/* its `by`s are NULL */
	return result;
}

/* ---- the days ---------------------------------------------------------- */

int report_days_load(struct report_days *out, const struct report_files *f,
		     const char *from_date, const char *to_date, char **err)
{
	struct stats_signoffs so = { NULL, 0 };
	time_t from, to, end, now = time(NULL);
	size_t i;

	out->v = NULL;
	out->n = 0;
	if (stats_local_day(from_date, &from, &to) || stats_local_day(to_date, &to, &end)) {
		err_set(err, _("'%s' is not a date; write it as YYYY-MM-DD"), from_date);
		return -1;
	}
	for (i = 0; i < f->n; i++) {
		sqlite3 *db;
		int rc;
		if (stats_open_read(f->paths[i], &db, err))
			goto fail;
		rc = stats_read_signoffs(db, f->paths[i], &so, err);
		sqlite3_close(db);
		if (rc)
			goto fail;
	}
	while (from < end) {
		struct report_day *d;
		const struct stats_signoff *last;
		out->v = xrealloc(out->v, (out->n + 1) * sizeof *out->v);
		d = &out->v[out->n++];
		memset(d, 0, sizeof *d);
		stats_format_date(from, d->date);
		if (stats_local_day(d->date, &d->from, &d->to))
			break;
		d->closed = stats_signoffs_closed(&so, d->date, now, &last);
		if (d->closed) {
			d->closed_at = last->at;
			d->closed_by = last->by ? xstrdup(last->by) : NULL;
		}
		if (d->to <= d->from)
			break;
		from = d->to;
	}
	stats_signoffs_clear(&so);
	return 0;
fail:
	stats_signoffs_clear(&so);
	report_days_clear(out);
	return -1;
}

void report_days_clear(struct report_days *d)
{
	size_t i;
	for (i = 0; i < d->n; i++)
		free(d->v[i].closed_by);
	free(d->v);
	d->v = NULL;
	d->n = 0;
}

void report_days_count(struct report_days *d, const struct report_row *r)
{
	size_t lo = 0, hi = d->n;
	if (!r->late || r->undone_at)
		return;
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		if (r->started_at < d->v[mid].from)
			hi = mid;
		else if (r->started_at >= d->v[mid].to)
			lo = mid + 1;
		else {
			d->v[mid].late++;
			return;
		}
	}
}

size_t report_days_late(const struct report_days *d)
{
	size_t i, n = 0;
	for (i = 0; d && i < d->n; i++)
		n += d->v[i].late;
	return n;
}

/* ---- aggregation ------------------------------------------------------- */

struct bucket {
	char *code;	/* "" = not recorded */
	char *label;	/* owned label when made here (hours), else NULL */
	size_t count;
};

struct axis {
	int dim;		/* -1: unused */
	int list;		/* code list or -1 */
	size_t n_fixed;		/* buckets that come from the code list */
	struct bucket *b;
	size_t n, cap;
	size_t *slot;		/* bucket index + 1; 0 = empty */
	size_t n_slot;
	size_t *order;		/* display order, made on demand */
	size_t n_order;
};

struct report_agg {
	struct axis ax[2];
	size_t total;
	size_t *cells;		/* cap0 x cap1 */
	size_t cap0, cap1;
	report_label_fn label_fn;
	void *label_ud;
	char **desks;
	size_t n_desks;
	size_t last_desk;
	bool ordered;
};

static uint64_t hash_bytes(const char *s, size_t n)
{
	uint64_t h = 0xcbf29ce484222325ULL;
	size_t i;
	for (i = 0; i < n; i++)
		h = (h ^ (unsigned char)s[i]) * 0x100000001b3ULL;
	return h;
}

static void axis_rehash(struct axis *x)
{
	size_t i;
	x->n_slot = x->n_slot ? x->n_slot * 2 : 64;
	free(x->slot);
	x->slot = xcalloc(x->n_slot, sizeof *x->slot);
	for (i = 0; i < x->n; i++) {
		size_t j = (size_t)hash_bytes(x->b[i].code, strlen(x->b[i].code)) & (x->n_slot - 1);
		while (x->slot[j])
			j = (j + 1) & (x->n_slot - 1);
		x->slot[j] = i + 1;
	}
}

/* The bucket of code s[0..n), added when new. */
static size_t axis_find(struct axis *x, const char *s, size_t n)
{
	size_t j;
	if ((x->n + 1) * 2 > x->n_slot)
		axis_rehash(x);
	for (j = (size_t)hash_bytes(s, n) & (x->n_slot - 1); x->slot[j];
	     j = (j + 1) & (x->n_slot - 1)) {
		const char *c = x->b[x->slot[j] - 1].code;
		if (!strncmp(c, s, n) && c[n] == '\0')
			return x->slot[j] - 1;
	}
	if (x->n == x->cap) {
		x->cap = x->cap ? x->cap * 2 : 16;
		x->b = xrealloc(x->b, x->cap * sizeof *x->b);
	}
	x->b[x->n].code = xstrndup(s, n);
	x->b[x->n].label = NULL;
	x->b[x->n].count = 0;
	x->slot[j] = x->n + 1;
	return x->n++;
}

static void axis_init(struct axis *x, int dim)
{
	size_t i;
	memset(x, 0, sizeof *x);
	x->dim = dim;
	x->list = dim >= 0 ? dims[dim].list : -1;
	if (dim < 0)
		return;
	if (x->list >= 0) {
		size_t n;
		const struct code *codes = codes_list((enum code_list)x->list, &n);
		for (i = 0; i < n; i++)
			axis_find(x, codes[i].code, strlen(codes[i].code));
		x->n_fixed = n;
	} else if (dim == REPORT_HOUR) {
		for (i = 0; i < 24; i++) {
			char code[3];
			size_t b;
			snprintf(code, sizeof code, "%02zu", i);
			b = axis_find(x, code, 2);
			x->b[b].label = xasprintf("%02zu-%02zu", i, (i + 1) % 24);
		}
		x->n_fixed = 24;
	} else if (dim == REPORT_WEEKDAY) {
		for (i = 0; i < 7; i++) {
			char code[2] = { (char)('1' + i), '\0' };
			axis_find(x, code, 1);
		}
		x->n_fixed = 7;
	}
}

static void axis_free(struct axis *x)
{
	size_t i;
	for (i = 0; i < x->n; i++) {
		free(x->b[i].code);
		free(x->b[i].label);
	}
	free(x->b);
	free(x->slot);
	free(x->order);
}

struct report_agg *report_agg_new(int dim1, int dim2)
{
	struct report_agg *a = xcalloc(1, sizeof *a);
	axis_init(&a->ax[0], dim1);
	axis_init(&a->ax[1], dim2);
	return a;
}

void report_agg_free(struct report_agg **a)
{
	size_t i;
	if (!a || !*a)
		return;
	axis_free(&(*a)->ax[0]);
	axis_free(&(*a)->ax[1]);
	free((*a)->cells);
	for (i = 0; i < (*a)->n_desks; i++)
		free((*a)->desks[i]);
	free((*a)->desks);
	free(*a);
	*a = NULL;
}

void report_agg_set_labels(struct report_agg *a, report_label_fn fn, void *ud)
{
	a->label_fn = fn;
	a->label_ud = ud;
}

static const char *row_value(const struct report_row *r, int dim)
{
	switch (dim) {
	case REPORT_LANGUAGE: return r->language;
	case REPORT_CHANNEL: return r->channel;
	case REPORT_INTERPRETER: return r->interpreter;
	case REPORT_OUTCOME: return r->outcome;
	case REPORT_REDIRECT: return r->redirect_service;
	case REPORT_REASON: return r->redirect_reason;
	case REPORT_DISCOVERY: return r->discovery;
	case REPORT_DESK: return r->desk;
	case REPORT_AGE: return r->age_band;
	case REPORT_GENDER: return r->gender;
	default: return NULL;
	}
}

#define MAX_KEYS 64

static void push_key(size_t *keys, size_t *n, size_t k)
{
	size_t i;
	for (i = 0; i < *n; i++)
		if (keys[i] == k)
			return;
	if (*n < MAX_KEYS)
		keys[(*n)++] = k;
}

/* The buckets a row falls into on an axis (several for topics). */
static size_t row_keys(struct axis *x, const struct report_row *r, size_t *keys)
{
	size_t n = 0;
	long long local;
	const char *v, *p;

	switch (x->dim) {
	case REPORT_HOUR:
		local = (long long)r->started_at + r->tz_offset;
		keys[n++] = (size_t)(((local % 86400) + 86400) % 86400 / 3600);
		return n;
	case REPORT_WEEKDAY:
		local = (long long)r->started_at + r->tz_offset;
		local = local >= 0 ? local / 86400 : (local - 86399) / 86400;
		/* 1970-01-01 was a Thursday (index 3, Monday = 0). */
		keys[n++] = (size_t)(((local + 3) % 7 + 7) % 7);
		return n;
	case REPORT_TOPIC:
		for (p = r->topics; p && *p;) {
			const char *e = strchr(p, ';');
			size_t len = e ? (size_t)(e - p) : strlen(p);
			if (len)
				push_key(keys, &n, axis_find(x, p, len));
			p += len;
			if (*p == ';')
				p++;
		}
		break;
	default:
		v = row_value(r, x->dim);
		if (v && *v)
			keys[n++] = axis_find(x, v, strlen(v));
	}
	if (!n)
		keys[n++] = axis_find(x, "", 0);
	return n;
}

static void grow_cells(struct report_agg *a)
{
	size_t c0 = a->cap0, c1 = a->cap1, i, j;
	size_t *cells;
	while (c0 < a->ax[0].n)
		c0 = c0 ? c0 * 2 : 32;
	while (c1 < a->ax[1].n)
		c1 = c1 ? c1 * 2 : 32;
	if (c0 == a->cap0 && c1 == a->cap1)
		return;
	cells = xcalloc(c0 * c1, sizeof *cells);
	for (i = 0; i < a->cap0; i++)
		for (j = 0; j < a->cap1; j++)
			cells[i * c1 + j] = a->cells[i * a->cap1 + j];
	free(a->cells);
	a->cells = cells;
	a->cap0 = c0;
	a->cap1 = c1;
}

static void note_desk(struct report_agg *a, const char *desk)
{
	size_t i;
	if (!desk)
		desk = "";
	if (a->n_desks && !strcmp(a->desks[a->last_desk], desk))
		return;
	for (i = 0; i < a->n_desks; i++)
		if (!strcmp(a->desks[i], desk)) {
			a->last_desk = i;
			return;
		}
	a->desks = xrealloc(a->desks, (a->n_desks + 1) * sizeof *a->desks);
	a->desks[a->n_desks] = xstrdup(desk);
	a->last_desk = a->n_desks++;
}

void report_agg_add(struct report_agg *a, const struct report_row *r)
{
	size_t k0[MAX_KEYS], k1[MAX_KEYS], n0 = 0, n1 = 0, i, j;

	a->total++;
	a->ordered = false;
	note_desk(a, r->desk);
	if (a->ax[0].dim >= 0) {
		n0 = row_keys(&a->ax[0], r, k0);
		for (i = 0; i < n0; i++)
			a->ax[0].b[k0[i]].count++;
	}
	if (a->ax[1].dim >= 0) {
		n1 = row_keys(&a->ax[1], r, k1);
		for (j = 0; j < n1; j++)
			a->ax[1].b[k1[j]].count++;
		grow_cells(a);
		for (i = 0; i < n0; i++)
			for (j = 0; j < n1; j++)
				a->cells[k0[i] * a->cap1 + k1[j]]++;
	}
}

int report_agg_add_cb(const struct report_row *row, void *ud)
{
	report_agg_add(ud, row);
	return 0;
}

static int by_code(const void *pa, const void *pb, void *ax)
{
	const struct axis *x = ax;
	return strcmp(x->b[*(const size_t *)pa].code, x->b[*(const size_t *)pb].code);
}

static int by_count(const void *pa, const void *pb, void *ax)
{
	const struct axis *x = ax;
	const struct bucket *a = &x->b[*(const size_t *)pa];
	const struct bucket *b = &x->b[*(const size_t *)pb];
	if (a->count != b->count)
		return a->count > b->count ? -1 : 1;
	return strcmp(a->code, b->code);
}

static void axis_order(struct axis *x)
{
	size_t i, start, unset = (size_t)-1;

	free(x->order);
	x->order = xmalloc((x->n + 1) * sizeof *x->order);
	x->n_order = 0;
	if (x->dim < 0)
		return;
	for (i = 0; i < x->n; i++)
		if (!x->b[i].code[0])
			unset = i;
	if (x->dim == REPORT_HOUR) {
		/* The hours between the first and the last contact, so that
		 * quiet hours in between show as gaps. */
		size_t lo = 24, hi = 0;
		for (i = 0; i < 24; i++)
			if (x->b[i].count) {
				if (lo == 24)
					lo = i;
				hi = i;
			}
		for (i = lo; i <= hi && lo < 24; i++)
			x->order[x->n_order++] = i;
		return;
	}
	for (i = 0; i < x->n_fixed; i++)
		x->order[x->n_order++] = i;
	start = x->n_order;
	for (i = x->n_fixed; i < x->n; i++)
		if (i != unset && x->b[i].count)
			x->order[x->n_order++] = i;
	qsort_r(x->order + start, x->n_order - start, sizeof *x->order,
		x->list >= 0 ? by_code : by_count, x);
	if (unset != (size_t)-1 && x->b[unset].count)
		x->order[x->n_order++] = unset;
}

/* The order is a cache of the counts: computed on first use after adds. */
static void ensure_order(const struct report_agg *ca)
{
	struct report_agg *a = (struct report_agg *)ca;
	if (a->ordered)
		return;
	axis_order(&a->ax[0]);
	axis_order(&a->ax[1]);
	if (a->n_desks > 1)
		qsort(a->desks, a->n_desks, sizeof *a->desks, cmp_str);
	a->last_desk = 0;
	a->ordered = true;
}

size_t report_agg_total(const struct report_agg *a)
{
	return a->total;
}

size_t report_agg_size(const struct report_agg *a, int axis)
{
	if (axis < 0 || axis > 1)
		return 0;
	ensure_order(a);
	return a->ax[axis].n_order;
}

static const struct bucket *entry(const struct report_agg *a, int axis, size_t i)
{
	ensure_order(a);
	if (axis < 0 || axis > 1 || i >= a->ax[axis].n_order)
		return NULL;
	return &a->ax[axis].b[a->ax[axis].order[i]];
}

const char *report_agg_code(const struct report_agg *a, int axis, size_t i)
{
	const struct bucket *b = entry(a, axis, i);
	return b ? b->code : "";
}

const char *report_agg_label(const struct report_agg *a, int axis, size_t i)
{
	const struct bucket *b = entry(a, axis, i);
	const struct axis *x;
	size_t idx;
	const char *l;

	if (!b)
		return "";
	x = &a->ax[axis];
	idx = x->order[i];
	if (!b->code[0])
		return _("(not recorded)");
	if (b->label)
		return b->label;
	if (x->list >= 0 && idx < x->n_fixed)
		return codes_label((enum code_list)x->list, (int)idx);
	if (x->dim == REPORT_WEEKDAY && idx < 7)
		return _(weekdays[idx]);
	if (a->label_fn && (l = a->label_fn((enum report_dim)x->dim, b->code, a->label_ud)))
		return l;
	return b->code;
}

size_t report_agg_count(const struct report_agg *a, int axis, size_t i)
{
	const struct bucket *b = entry(a, axis, i);
	return b ? b->count : 0;
}

size_t report_agg_cell(const struct report_agg *a, size_t i, size_t j)
{
	size_t r, c;
	ensure_order(a);
	if (i >= a->ax[0].n_order || j >= a->ax[1].n_order || !a->cells)
		return 0;
	r = a->ax[0].order[i];
	c = a->ax[1].order[j];
	if (r >= a->cap0 || c >= a->cap1)
		return 0;
	return a->cells[r * a->cap1 + c];
}

size_t report_agg_desks(const struct report_agg *a, const char *const **desks)
{
	ensure_order(a);
	*desks = (const char *const *)a->desks;
	return a->n_desks;
}

/* ---- contacts ---------------------------------------------------------- */

struct report_contacts {
	struct report_row *rows;
	size_t n, cap;
	bool sorted;
};

struct report_contacts *report_contacts_new(void)
{
	return xcalloc(1, sizeof(struct report_contacts));
}

#define ROW_STRINGS(X) X(file) X(id) X(desk) X(advisor) X(channel) \
	X(language) X(interpreter) X(topics) X(outcome) X(redirect_service) \
	X(redirect_reason) X(interpreter_resource) X(discovery) X(age_band) \
	X(gender) X(life_situation)

static void row_free(struct report_row *r)
{
#define FREE_FIELD(f) free((char *)r->f);
	ROW_STRINGS(FREE_FIELD)
#undef FREE_FIELD
}

void report_contacts_free(struct report_contacts **c)
{
	size_t i;
	if (!c || !*c)
		return;
	for (i = 0; i < (*c)->n; i++)
		row_free(&(*c)->rows[i]);
	free((*c)->rows);
	free(*c);
	*c = NULL;
}

int report_contacts_add(const struct report_row *row, void *ud)
{
	struct report_contacts *c = ud;
	struct report_row *r;
	if (c->n == c->cap) {
		c->cap = c->cap ? c->cap * 2 : 64;
		c->rows = xrealloc(c->rows, c->cap * sizeof *c->rows);
	}
	r = &c->rows[c->n++];
	c->sorted = false;
	*r = *row;
#define DUP_FIELD(f) r->f = xstrdup(row->f);
	ROW_STRINGS(DUP_FIELD)
#undef DUP_FIELD
	return 0;
}

static int str_cmp0(const char *a, const char *b)
{
	return strcmp(a ? a : "", b ? b : "");
}

static int by_start(const void *pa, const void *pb)
{
	const struct report_row *a = pa, *b = pb;
	int d;
	if (a->started_at != b->started_at)
		return a->started_at < b->started_at ? -1 : 1;
	if ((d = str_cmp0(a->desk, b->desk)))
		return d;
	return str_cmp0(a->id, b->id);
}

/* Rows arrive file by file; the order is made on first use (a cache, hence
 * the cast). */
static void ensure_sorted(const struct report_contacts *cc)
{
	struct report_contacts *c = (struct report_contacts *)cc;
	if (!c->sorted) {
		if (c->n > 1)
			qsort(c->rows, c->n, sizeof *c->rows, by_start);
		c->sorted = true;
	}
}

size_t report_contacts_n(const struct report_contacts *c)
{
	return c->n;
}

const struct report_row *report_contacts_get(const struct report_contacts *c,
					      size_t i)
{
	ensure_sorted(c);
	return i < c->n ? &c->rows[i] : NULL;
}

/* ---- writing helpers --------------------------------------------------- */

void report_iso_time(time_t t, long offset, char buf[26])
{
	time_t local = t + offset;
	struct tm tm;
	long off = offset < 0 ? -offset : offset;
	char date[20];
	gmtime_r(&local, &tm);
	if (strftime(date, sizeof date, "%Y-%m-%dT%H:%M:%S", &tm) == 0)
		strcpy(date, "0000-00-00T00:00:00");
	snprintf(buf, 26, "%.19s%c%02ld:%02ld", date, offset < 0 ? '-' : '+',
		 (off / 3600) % 100, (off % 3600) / 60);
}

static bool hidden(size_t count, int suppress)
{
	/* Zero identifies nobody, so it stays visible. */
	return suppress > 0 && count > 0 && count < (size_t)suppress;
}

/* A count for the text report, with the operator's thousands separator
 * (12 345 in Finnish; csv and json write plain digits). */
static void count_text(char *buf, size_t n, size_t count, int suppress)
{
	char *s = NULL;
	if (hidden(count, suppress)) {
		snprintf(buf, n, "<%d", suppress);
		return;
	}
	i18n_format_number((long long)count, &s);
	snprintf(buf, n, "%s", s ? s : "?");
	free(s);
}

/* One decimal, rounded, with the given decimal point. */
static void percent_text(char *buf, size_t n, size_t count, size_t total,
			 const char *point)
{
	unsigned long long tenths = total
		? ((unsigned long long)count * 1000 + total / 2) / total : 0;
	snprintf(buf, n, "%llu%s%llu", tenths / 10, point, tenths % 10);
}

static void csv_field(FILE *f, const char *s)
{
	char *clean = text_sanitize(s ? s : "");
	const char *p;
	if (strpbrk(clean, ",\"\r\n")) {
		fputc('"', f);
		for (p = clean; *p; p++) {
			if (*p == '"')
				fputc('"', f);
			fputc(*p, f);
		}
		fputc('"', f);
	} else
		fputs(clean, f);
	free(clean);
}

static void json_string(FILE *f, const char *s)
{
	char *clean;
	const unsigned char *p;
	if (!s) {
		fputs("null", f);
		return;
	}
	clean = text_sanitize(s);
	fputc('"', f);
	for (p = (const unsigned char *)clean; *p; p++) {
		if (*p == '"' || *p == '\\')
			fprintf(f, "\\%c", *p);
		else if (*p < 0x20)
			fprintf(f, "\\u%04x", *p);
		else
			fputc(*p, f);
	}
	fputc('"', f);
	free(clean);
}

static void json_count(FILE *f, size_t count, size_t total, int suppress)
{
	char pct[32];
	if (hidden(count, suppress)) {
		fprintf(f, "\"count\":\"<%d\",\"percent\":null", suppress);
		return;
	}
	percent_text(pct, sizeof pct, count, total, ".");
	fprintf(f, "\"count\":%zu,\"percent\":%s", count, pct);
}

static int finish(FILE *f, char **err)
{
	if (fflush(f) != 0 || ferror(f)) {
		err_set(err, _("cannot write the report: %s"), strerror(errno ? errno : EIO));
		return -1;
	}
	return 0;
}

/* Desks named in the output: those selected, or every desk seen. */
static size_t out_desks(const struct report_out *o, const struct report_agg *a,
			const char *const **desks)
{
	if (o->n_desks) {
		*desks = o->desks;
		return o->n_desks;
	}
	if (a)
		return report_agg_desks(a, desks);
	*desks = NULL;
	return 0;
}

/* "2026-11-22T17:02:00+02:00" of t in this process's time zone. */
static void local_iso(time_t t, char buf[26])
{
	struct tm tm;
	localtime_r(&t, &tm);
	report_iso_time(t, tm.tm_gmtoff, buf);
}

static void json_days(FILE *f, const struct report_days *d)
{
	size_t i;
	char at[26];
	if (!d)
		return;
	fputs(",\"days\":[", f);
	for (i = 0; i < d->n; i++) {
		const struct report_day *k = &d->v[i];
		fputs(i ? ",{\"date\":" : "{\"date\":", f);
		json_string(f, k->date);
		fprintf(f, ",\"closed\":%s", k->closed ? "true" : "false");
		if (k->closed) {
			local_iso(k->closed_at, at);
			fprintf(f, ",\"closed_at\":\"%s\",\"closed_by\":", at);
			json_string(f, k->closed_by);
		}
		fprintf(f, ",\"late\":%zu}", k->late);
	}
	fprintf(f, "],\"late\":%zu", report_days_late(d));
}

/* After the counts, an empty line and a section of its own: the day
 * states never mix with the contract's code,label,count,percent rows. */
static void csv_days(FILE *f, const struct report_days *d)
{
	size_t i;
	char at[26];
	if (!d)
		return;
	fputs("\ndate,closed,closed_at,closed_by,late\n", f);
	for (i = 0; i < d->n; i++) {
		const struct report_day *k = &d->v[i];
		fprintf(f, "%s,%s,", k->date, k->closed ? "yes" : "no");
		if (k->closed) {
			local_iso(k->closed_at, at);
			fprintf(f, "%s,", at);
			csv_field(f, k->closed_by);
		} else
			fputc(',', f);
		fprintf(f, ",%zu\n", k->late);
	}
}

/* Text: whether the days are closed, and the late contacts. */
static void text_days(FILE *f, const struct report_out *o)
{
	const struct report_days *d = o->days;
	size_t i, closed = 0;
	if (!d || !d->n)
		return;
	for (i = 0; i < d->n; i++)
		closed += d->v[i].closed;
	if (d->n == 1 && closed) {
		char *at = NULL, *by = text_sanitize(d->v[0].closed_by ? d->v[0].closed_by : "?");
		if (i18n_format_time(d->v[0].closed_at, &at) != 0 || !at) {
			free(at);
			at = xstrdup("?");
		}
		/* TRANSLATORS: who closed the day, and at what time. */
		fprintf(f, _("Day closed: yes, by %s at %s\n"), by, at);
		free(by);
		free(at);
	} else if (d->n == 1)
		fputs(_("Day closed: no\n"), f);
	else
		fprintf(f, ngettext("Days closed: %zu of %zu\n", "Days closed: %zu of %zu\n",
				    d->n), closed, d->n);
	fprintf(f, _("Late contacts (saved after their day was closed): %zu\n"),
		report_days_late(d));
}

static void json_head(FILE *f, const struct report_out *o,
		      const char *const *desks, size_t n_desks)
{
	size_t i;
	fputs("{\"period\":{\"from\":", f);
	json_string(f, o->from_date);
	fputs(",\"to\":", f);
	json_string(f, o->to_date);
	fputs("},\"desks\":[", f);
	for (i = 0; i < n_desks; i++) {
		if (i)
			fputc(',', f);
		json_string(f, desks[i]);
	}
	fputs("],", f);
}

/* Text: a padded cell of `cols` columns, left or right aligned. */
static void pad(FILE *f, const char *s, size_t cols, bool right, bool ascii)
{
	char *clean = text_sanitize(s), *cut = text_cut(clean, cols, ascii);
	size_t w = text_width(cut), i;
	if (right)
		for (i = w; i < cols; i++)
			fputc(' ', f);
	fputs(cut, f);
	if (!right)
		for (i = w; i < cols; i++)
			fputc(' ', f);
	free(clean);
	free(cut);
}

static size_t width_of(const char *s)
{
	char *clean = text_sanitize(s);
	size_t w = text_width(clean);
	free(clean);
	return w;
}

static void text_head(FILE *f, const struct report_out *o,
		      const char *const *desks, size_t n_desks,
		      size_t total)
{
	char num[32];
	char *from = i18n_format_ymd(o->from_date), *to = i18n_format_ymd(o->to_date);
	size_t i;
	if (!strcmp(o->from_date, o->to_date))
		fprintf(f, _("Period: %s\n"), from);
	else
		fprintf(f, _("Period: %s %s %s\n"), from,
			o->utf8 ? "\u2013" : "-", to);
	free(from);
	free(to);
	fputs(o->n_desks ? _("Desks: ") : _("Desks (all): "), f);
	for (i = 0; i < n_desks; i++) {
		char *clean = text_sanitize(desks[i]);
		fprintf(f, "%s%s", i ? ", " : "", clean);
		free(clean);
	}
	if (!n_desks)
		fputs(_("none"), f);
	fputc('\n', f);
	count_text(num, sizeof num, total, o->suppress);
	fprintf(f, _("Contacts: %s\n"), num);
	text_days(f, o);
}

#define LABEL_MAX 32

char *report_bar(size_t count, size_t max, int width, bool utf8)
{
	static const char *const part[8] = {
		"", "\u258f", "\u258e", "\u258d", "\u258c", "\u258b", "\u258a", "\u2589"
	};
	size_t units, i, n = 0;
	char *s;
	if (!count || !max || width < 1)
		return xstrdup("");
	if (count > max)
		count = max;
	units = (count * (size_t)width * (utf8 ? 8 : 1) + max / 2) / max;
	if (!units)
		units = 1;	/* a contact is never invisible */
	/* A full block and each eighth are 3 bytes in UTF-8. */
	s = xmalloc((utf8 ? (units / 8 + 1) * 3 : units) + 1);
	if (utf8) {
		for (i = 0; i < units / 8; i++) {
			memcpy(s + n, "\u2588", 3);
			n += 3;
		}
		strcpy(s + n, part[units % 8]);
	} else {
		memset(s, '#', units);
		s[units] = '\0';
	}
	return s;
}

static int write_text_1d(FILE *f, const struct report_agg *a,
			 const struct report_out *o)
{
	size_t n = report_agg_size(a, 0), total = report_agg_total(a), i;
	size_t wl, wc, wp = 1, max = 0;
	const char *point = i18n_decimal_point();
	const char *count_title = _("Contacts");
	int width = o->bar_width > 0 ? o->bar_width : 30;
	char buf[64];

	wl = width_of(report_dim_title(a->ax[0].dim));
	wc = width_of(count_title);
	for (i = 0; i < n; i++) {
		size_t c = report_agg_count(a, 0, i), w = width_of(report_agg_label(a, 0, i));
		wl = w > wl ? w : wl;
		count_text(buf, sizeof buf, c, o->suppress);
		wc = text_width(buf) > wc ? text_width(buf) : wc;
		percent_text(buf, sizeof buf, c, total, point);
		wp = strlen(buf) > wp ? strlen(buf) : wp;
		if (!hidden(c, o->suppress) && c > max)
			max = c;
	}
	wl = wl > LABEL_MAX ? LABEL_MAX : wl;
	pad(f, report_dim_title(a->ax[0].dim), wl, false, !o->utf8);
	fputs("  ", f);
	pad(f, count_title, wc, true, !o->utf8);
	fputs("  ", f);
	pad(f, "%", wp, true, !o->utf8);
	fputc('\n', f);
	for (i = 0; i < n; i++) {
		size_t c = report_agg_count(a, 0, i);
		pad(f, report_agg_label(a, 0, i), wl, false, !o->utf8);
		fputs("  ", f);
		count_text(buf, sizeof buf, c, o->suppress);
		pad(f, buf, wc, true, true);
		fputs("  ", f);
		if (hidden(c, o->suppress))
			buf[0] = '\0';
		else
			percent_text(buf, sizeof buf, c, total, point);
		pad(f, buf, wp, true, true);
		if (!hidden(c, o->suppress) && c) {
			char *bar = report_bar(c, max, width, o->utf8);
			fputs("  ", f);
			fputs(bar, f);
			free(bar);
		}
		fputc('\n', f);
	}
	if (a->ax[0].dim == REPORT_TOPIC && n)
		fprintf(f, "\n%s\n", _("A contact can have several topics: percentages are of all contacts and may add up to more than 100."));
	return 0;
}

static const char *column_head(const struct report_agg *a, size_t j)
{
	/* Column heads are codes (short, like "fi" or "walk-in"); hours and
	 * weekdays use their labels. */
	if (a->ax[1].dim == REPORT_HOUR || a->ax[1].dim == REPORT_WEEKDAY
	    || !report_agg_code(a, 1, j)[0])
		return report_agg_label(a, 1, j);
	return report_agg_code(a, 1, j);
}

/* A cross table for the terminal: rows and columns without any contact
 * are left out so that language x topic fits a wide terminal; csv and
 * json keep every cell. */
static int write_text_2d(FILE *f, const struct report_agg *a,
			 const struct report_out *o)
{
	size_t n0 = report_agg_size(a, 0), n1 = report_agg_size(a, 1), i, j, k;
	size_t wl, *wcol, *rows, *cols, nr = 0, nc = 0;
	const char *total_title = _("Total");
	char buf[64], *corner;

	rows = xmalloc((n0 + 1) * sizeof *rows);
	cols = xmalloc((n1 + 1) * sizeof *cols);
	for (i = 0; i < n0; i++)
		if (report_agg_count(a, 0, i))
			rows[nr++] = i;
	for (j = 0; j < n1; j++)
		if (report_agg_count(a, 1, j))
			cols[nc++] = j;
	corner = xasprintf("%s \\ %s", report_dim_title(a->ax[0].dim),
			   report_dim_title(a->ax[1].dim));
	wl = width_of(corner);
	for (k = 0; k < nr; k++) {
		size_t w = width_of(report_agg_label(a, 0, rows[k]));
		wl = w > wl ? w : wl;
	}
	if (width_of(total_title) > wl)
		wl = width_of(total_title);
	wl = wl > LABEL_MAX ? LABEL_MAX : wl;
	wcol = xcalloc(nc + 1, sizeof *wcol);
	for (k = 0; k <= nc; k++) {
		const char *head = k == nc ? total_title : column_head(a, cols[k]);
		size_t c = k == nc ? report_agg_total(a) : report_agg_count(a, 1, cols[k]);
		wcol[k] = width_of(head);
		if (wcol[k] > 18)
			wcol[k] = 18;
		count_text(buf, sizeof buf, c, o->suppress);
		if (text_width(buf) > wcol[k])
			wcol[k] = text_width(buf);
		if (o->suppress) {
			count_text(buf, sizeof buf, 0, o->suppress);
			if (text_width(buf) > wcol[k])
				wcol[k] = text_width(buf);
		}
	}
	pad(f, corner, wl, false, !o->utf8);
	for (k = 0; k <= nc; k++) {
		fputs("  ", f);
		pad(f, k == nc ? total_title : column_head(a, cols[k]), wcol[k], true, !o->utf8);
	}
	fputc('\n', f);
	for (i = 0; i <= nr; i++) {
		pad(f, i == nr ? total_title : report_agg_label(a, 0, rows[i]), wl, false, !o->utf8);
		for (k = 0; k <= nc; k++) {
			size_t c;
			if (i == nr)
				c = k == nc ? report_agg_total(a) : report_agg_count(a, 1, cols[k]);
			else
				c = k == nc ? report_agg_count(a, 0, rows[i])
					: report_agg_cell(a, rows[i], cols[k]);
			count_text(buf, sizeof buf, c, o->suppress);
			fputs("  ", f);
			pad(f, buf, wcol[k], true, true);
		}
		fputc('\n', f);
	}
	if ((a->ax[0].dim == REPORT_TOPIC || a->ax[1].dim == REPORT_TOPIC) && nr)
		fprintf(f, "\n%s\n", _("A contact can have several topics: it counts once under each of them."));
	free(wcol);
	free(rows);
	free(cols);
	free(corner);
	return 0;
}

/* Text goes through a buffer so that padding never leaves spaces at the
 * end of a line. */
static void put_stripped(FILE *f, const char *text)
{
	const char *p = text;
	while (*p) {
		const char *nl = strchr(p, '\n');
		size_t n = nl ? (size_t)(nl - p) : strlen(p);
		size_t m = n;
		while (m > 0 && p[m - 1] == ' ')
			m--;
		fwrite(p, 1, m, f);
		if (nl)
			fputc('\n', f);
		p += n + (nl ? 1 : 0);
	}
}

static void csv_count(FILE *f, size_t c, size_t total, int suppress)
{
	char buf[32];
	if (hidden(c, suppress)) {
		fprintf(f, "<%d,", suppress);
		return;
	}
	percent_text(buf, sizeof buf, c, total, ".");
	fprintf(f, "%zu,%s", c, buf);
}

int report_write(FILE *f, const struct report_agg *a,
		 const struct report_out *o, char **err)
{
	const char *const *desks;
	size_t n_desks = out_desks(o, a, &desks), total = report_agg_total(a);
	size_t n0 = report_agg_size(a, 0), n1 = report_agg_size(a, 1), i, j;
	bool cross = a->ax[1].dim >= 0;

	errno = 0;
	switch (o->format) {
	case REPORT_FORMAT_TEXT: {
		char *buf = NULL;
		size_t len = 0;
		FILE *m = open_memstream(&buf, &len);
		/* Out of memory for the buffer: write unstripped. */
		if (!m)
			m = f;
		text_head(m, o, desks, n_desks, total);
		fputc('\n', m);
		if (cross)
			write_text_2d(m, a, o);
		else
			write_text_1d(m, a, o);
		if (m != f) {
			fclose(m);
			put_stripped(f, buf);
			free(buf);
		}
		break;
	}
	case REPORT_FORMAT_CSV:
		if (cross)
			fputs("code,label,code2,label2,count,percent\n", f);
		else
			fputs(REPORT_CSV_HEADER "\n", f);
		for (i = 0; i < n0; i++) {
			for (j = 0; j < (cross ? n1 : 1); j++) {
				csv_field(f, report_agg_code(a, 0, i));
				fputc(',', f);
				csv_field(f, report_agg_label(a, 0, i));
				fputc(',', f);
				if (cross) {
					csv_field(f, report_agg_code(a, 1, j));
					fputc(',', f);
					csv_field(f, report_agg_label(a, 1, j));
					fputc(',', f);
				}
				csv_count(f, cross ? report_agg_cell(a, i, j)
					  : report_agg_count(a, 0, i), total, o->suppress);
				fputc('\n', f);
			}
		}
		csv_days(f, o->days);
		break;
	case REPORT_FORMAT_JSON:
		json_head(f, o, desks, n_desks);
		if (hidden(total, o->suppress))
			fprintf(f, "\"total\":\"<%d\",", o->suppress);
		else
			fprintf(f, "\"total\":%zu,", total);
		fputs("\"by\":[", f);
		json_string(f, report_dim_name(a->ax[0].dim));
		if (cross) {
			fputc(',', f);
			json_string(f, report_dim_name(a->ax[1].dim));
		}
		fputs("],\"rows\":[", f);
		for (i = 0; i < n0; i++) {
			const char *code = report_agg_code(a, 0, i);
			fputs(i ? ",\n{" : "\n{", f);
			fputs("\"code\":", f);
			json_string(f, *code ? code : NULL);
			fputs(",\"label\":", f);
			json_string(f, report_agg_label(a, 0, i));
			fputc(',', f);
			json_count(f, report_agg_count(a, 0, i), total, o->suppress);
			if (cross) {
				fputs(",\"cells\":[", f);
				for (j = 0; j < n1; j++) {
					const char *c2 = report_agg_code(a, 1, j);
					fputs(j ? ",{" : "{", f);
					fputs("\"code\":", f);
					json_string(f, *c2 ? c2 : NULL);
					fputs(",\"label\":", f);
					json_string(f, report_agg_label(a, 1, j));
					fputc(',', f);
					json_count(f, report_agg_cell(a, i, j), total, o->suppress);
					fputc('}', f);
				}
				fputc(']', f);
			}
			fputc('}', f);
		}
		fputc(']', f);
		json_days(f, o->days);
		fputs("}\n", f);
		break;
	}
	return finish(f, err);
}

/* ---- contacts writers -------------------------------------------------- */

static void csv_topics(FILE *f, const char *topics)
{
	csv_field(f, topics);
}

static void json_topics(FILE *f, const char *topics)
{
	const char *p = topics ? topics : "";
	bool first = true;
	fputc('[', f);
	while (*p) {
		const char *e = strchr(p, ';');
		size_t n = e ? (size_t)(e - p) : strlen(p);
		if (n) {
			char *t = xstrndup(p, n);
			if (!first)
				fputc(',', f);
			json_string(f, t);
			free(t);
			first = false;
		}
		p += n;
		if (*p == ';')
			p++;
	}
	fputc(']', f);
}

enum { CC_STARTED, CC_DESK, CC_CHANNEL, CC_LANGUAGE, CC_INTERPRETER,
       CC_TOPICS, CC_OUTCOME, CC_REDIRECT, CC_REASON, CC_LATE, CC__N };

static const char *contact_cell(const struct report_row *r, int c, char buf[32],
				bool with_date)
{
	time_t local;
	struct tm tm;
	switch (c) {
	case CC_STARTED:
		local = r->started_at + r->tz_offset;
		gmtime_r(&local, &tm);
		if (!strftime(buf, 32, with_date ? "%Y-%m-%d %H:%M" : "%H:%M", &tm))
			buf[0] = '\0';
		return buf;
	case CC_DESK: return r->desk;
	case CC_CHANNEL: return r->channel;
	case CC_LANGUAGE: return r->language;
	case CC_INTERPRETER: return r->interpreter;
	case CC_TOPICS: return r->topics;
	case CC_OUTCOME: return r->outcome;
	case CC_REDIRECT: return r->redirect_service;
	case CC_REASON: return r->redirect_reason;
	case CC_LATE: return r->late ? "*" : "";
	}
	return NULL;
}

static void write_contacts_text(FILE *f, const struct report_contacts *c,
				const struct report_out *o)
{
	const char *titles[CC__N] = {
		_("Started"), _("Desk"), _("Channel"), _("Language"),
		_("Interpreter"), _("Topics"), _("Outcome"), _("Redirected to"),
		/* TRANSLATORS: a column marking with * the contacts saved
		 * after their day was closed. */
		_("Reason"), _("Late")
	};
	size_t w[CC__N], i;
	bool with_date = strcmp(o->from_date, o->to_date) != 0;
	char buf[32];
	int k;

	for (k = 0; k < CC__N; k++)
		w[k] = width_of(titles[k]);
	for (i = 0; i < c->n; i++)
		for (k = 0; k < CC__N; k++) {
			const char *v = contact_cell(&c->rows[i], k, buf, with_date);
			size_t vw = width_of(v ? v : "");
			if (vw > w[k])
				w[k] = vw > LABEL_MAX ? LABEL_MAX : vw;
		}
	for (k = 0; k < CC__N; k++) {
		pad(f, titles[k], w[k], false, !o->utf8);
		fputs(k + 1 < CC__N ? "  " : "\n", f);
	}
	for (i = 0; i < c->n; i++)
		for (k = 0; k < CC__N; k++) {
			const char *v = contact_cell(&c->rows[i], k, buf, with_date);
			if (k + 1 < CC__N) {
				pad(f, v ? v : "", w[k], false, !o->utf8);
				fputs("  ", f);
			} else {
				/* No trailing padding on the last column. */
				char *clean = text_sanitize(v ? v : "");
				fputs(clean, f);
				free(clean);
				fputc('\n', f);
			}
		}
}

int report_contacts_write(FILE *f, const struct report_contacts *c,
			  const struct report_out *o, char **err)
{
	const char *const *desks = o->desks;
	size_t n_desks = o->n_desks, i;
	char **seen = NULL, t1[26], t2[26];

	ensure_sorted(c);
	if (!n_desks) {
		for (i = 0; i < c->n; i++) {
			size_t j;
			const char *d = c->rows[i].desk ? c->rows[i].desk : "";
			for (j = 0; j < n_desks && strcmp(seen[j], d); j++)
				;
			if (j == n_desks) {
				seen = xrealloc(seen, (n_desks + 1) * sizeof *seen);
				seen[n_desks++] = (char *)d;
			}
		}
		if (n_desks > 1)
			qsort(seen, n_desks, sizeof *seen, cmp_str);
		desks = (const char *const *)seen;
	}
	errno = 0;
	switch (o->format) {
	case REPORT_FORMAT_TEXT: {
		char *buf = NULL;
		size_t len = 0;
		FILE *m = open_memstream(&buf, &len);
		/* Out of memory for the buffer: write unstripped. */
		if (!m)
			m = f;
		text_head(m, o, desks, n_desks, c->n);
		fputc('\n', m);
		write_contacts_text(m, c, o);
		if (m != f) {
			fclose(m);
			put_stripped(f, buf);
			free(buf);
		}
		break;
	}
	case REPORT_FORMAT_CSV:
		fputs(REPORT_CONTACTS_CSV_HEADER "\n", f);
		for (i = 0; i < c->n; i++) {
			const struct report_row *r = &c->rows[i];
			report_iso_time(r->started_at, r->tz_offset, t1);
			report_iso_time(r->ended_at, r->tz_offset, t2);
			csv_field(f, r->id); fputc(',', f);
			csv_field(f, r->desk); fputc(',', f);
			fprintf(f, "%s,%s,", t1, t2);
			csv_field(f, r->channel); fputc(',', f);
			csv_field(f, r->language); fputc(',', f);
			csv_field(f, r->interpreter); fputc(',', f);
			csv_topics(f, r->topics); fputc(',', f);
			csv_field(f, r->outcome); fputc(',', f);
			csv_field(f, r->redirect_service); fputc(',', f);
			csv_field(f, r->redirect_reason); fputc(',', f);
			csv_field(f, r->discovery); fputc(',', f);
			csv_field(f, r->age_band); fputc(',', f);
			csv_field(f, r->gender); fputc(',', f);
			csv_field(f, r->life_situation);
			fputc('\n', f);
		}
		break;
	case REPORT_FORMAT_JSON:
		json_head(f, o, desks, n_desks);
		fprintf(f, "\"total\":%zu,\"rows\":[", c->n);
		for (i = 0; i < c->n; i++) {
			const struct report_row *r = &c->rows[i];
			report_iso_time(r->started_at, r->tz_offset, t1);
			report_iso_time(r->ended_at, r->tz_offset, t2);
			fputs(i ? ",\n{\"id\":" : "\n{\"id\":", f);
			json_string(f, r->id);
			fputs(",\"desk\":", f); json_string(f, r->desk);
			fprintf(f, ",\"started_at\":\"%s\",\"ended_at\":\"%s\"", t1, t2);
			fputs(",\"channel\":", f); json_string(f, r->channel);
			fputs(",\"language\":", f); json_string(f, r->language);
			fputs(",\"interpreter\":", f); json_string(f, r->interpreter);
			fputs(",\"topics\":", f); json_topics(f, r->topics);
			fputs(",\"outcome\":", f); json_string(f, r->outcome);
			fputs(",\"redirect_service\":", f); json_string(f, r->redirect_service);
			fputs(",\"redirect_reason\":", f); json_string(f, r->redirect_reason);
			fputs(",\"discovery\":", f); json_string(f, r->discovery);
			fputs(",\"age_band\":", f); json_string(f, r->age_band);
			fputs(",\"gender\":", f); json_string(f, r->gender);
			fputs(",\"life_situation\":", f); json_string(f, r->life_situation);
			fprintf(f, ",\"late\":%s}", r->late ? "true" : "false");
		}
		fputc(']', f);
		json_days(f, o->days);
		fputs("}\n", f);
		break;
	}
	free(seen);
	return finish(f, err);
}
