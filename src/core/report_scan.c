/* report_scan: see report_scan.h.
 *
 * Speed: a report over a million contacts must stay within a couple of
 * seconds: the merge by id keeps 16 bytes a contact in an open-addressing
 * set sized from the files before the scan, so it never rehashes.
 *
 * Idempotent merging: a contact undone in any copy is left out even when
 * another, older copy still has it; every other contact counts once
 * however many copies hold it. */
#include <config.h>

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "core/contact_fields.h"
#include "core/err.h"
#include "core/i18n.h"
#include "core/report.h"
#include "core/hash.h"
#include "core/report_scan.h"
#include "core/stats.h"

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
	k[0] = hash64(id, len);
	k[1] = hash64_seeded(id, len, 0x84222325cbf29ce4ULL);
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

/* ---- files left out ------------------------------------------------------ */

bool report_skips_has(const struct report_skips *s, const char *path)
{
	size_t i;
	for (i = 0; s && i < s->n; i++)
		if (!strcmp(s->paths[i], path))
			return true;
	return false;
}

void report_skips_add(struct report_skips *s, const char *path, char *msg)
{
	if (report_skips_has(s, path)) {
		free(msg);
		return;
	}
	s->paths = xrealloc(s->paths, (s->n + 1) * sizeof *s->paths);
	s->why = xrealloc(s->why, (s->n + 1) * sizeof *s->why);
	s->paths[s->n] = xstrdup(path);
	s->why[s->n++] = msg ? msg : xstrdup(path);
}

void report_skips_clear(struct report_skips *s)
{
	size_t i;
	for (i = 0; i < s->n; i++) {
		free(s->paths[i]);
		free(s->why[i]);
	}
	free(s->paths);
	free(s->why);
	memset(s, 0, sizeof *s);
}

/* A file that failed: left out when there is a list for it (0), else the
 * scan stops (-1, *err kept). */
static int skip_file(struct report_skips *skips, const char *path, char **err)
{
	if (!skips)
		return -1;
	report_skips_add(skips, path, *err);
	*err = NULL;
	return 0;
}

/* ---- scan -------------------------------------------------------------- */

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

static void add_id(const char *id, void *ud)
{
	uint64_t k[2];
	id_key(id, strlen(id), k);
	idset_add(ud, k);
}

/* Ids undone in any of the files (and, for an ordered scan, those ever
 * corrected), their sign-offs, and about how many contacts the period
 * holds (files mostly in the period count whole). */
static int collect_undone(const struct report_files *f,
			  const struct report_query *q, struct idset *undone,
			  struct idset *corrected, struct stats_signoffs *so,
			  size_t *expect, char **err)
{
	size_t i;
	*expect = 0;
	for (i = 0; i < f->n; i++) {
		struct stats_reader *r;
		int rc;
		if (report_skips_has(q->skips, f->paths[i]))
			continue;
		if (stats_reader_open(&r, f->paths[i], err)) {
			if (skip_file(q->skips, f->paths[i], err))
				return -1;
			continue;
		}
		rc = stats_reader_signoffs(r, so, err);
		if (!rc) {
			*expect += stats_reader_expect(r, q->from, q->to);
			rc = stats_reader_undone(r, q->from, q->to, add_id, undone, err);
		}
		if (!rc && corrected)
			rc = stats_reader_corrected(r, add_id, corrected, err);
		stats_reader_free(&r);
		if (rc && skip_file(q->skips, f->paths[i], err))
			return -1;
	}
	return 0;
}

struct scan {
	const struct report_query *q;
	struct idset seen, undone;
	/* An ordered scan keeps the ids of the current second only (copies
	 * of a contact start at the same second), and of corrected contacts
	 * (whose start may have moved) for the whole scan. */
	struct idset corrected, corrected_seen;
	time_t second;
	uint64_t *now;		/* the current second's ids, 2 words each */
	size_t n_now, cap_now;
	struct stats_late late;
	report_row_fn fn;
	void *ud;
};

/* One row of a file: each id once, an undone copy winning over an older
 * copy made before the undo. */
static int scan_row(const struct stats_row *row, void *ud)
{
	struct scan *sc = ud;
	struct stats_row r;
	uint64_t k[2];
	if (!desk_wanted(sc->q, row->desk))
		return 0;
	id_key(row->id, strlen(row->id), k);
	if (!row->undone_at && idset_has(&sc->undone, k))
		return 0;
	if (sc->q->ordered) {
		if (idset_has(&sc->corrected, k)) {
			if (!idset_add(&sc->corrected_seen, k))
				return 0;
		} else {
			size_t i;
			if (row->started_at != sc->second)
				sc->n_now = 0;
			sc->second = row->started_at;
			for (i = 0; i < sc->n_now; i++)
				if (sc->now[2 * i] == k[0] && sc->now[2 * i + 1] == k[1])
					return 0;
			if (sc->n_now == sc->cap_now) {
				sc->cap_now = sc->cap_now ? sc->cap_now * 2 : 16;
				sc->now = xrealloc(sc->now, sc->cap_now * 2 * sizeof *sc->now);
			}
			sc->now[2 * sc->n_now] = k[0];
			sc->now[2 * sc->n_now++ + 1] = k[1];
		}
	} else if (!idset_add(&sc->seen, k))
		return 0;
	r = *row;
	r.late = stats_late_check(&sc->late, &r);
	return sc->fn(&r, sc->ud);
}

/* The files one after the other. */
static int scan_files(const struct report_files *f, struct scan *sc, char **err)
{
	const struct report_query *q = sc->q;
	size_t i;
	int result = 0;
	for (i = 0; i < f->n && !result; i++) {
		struct stats_reader *r;
		if (report_skips_has(q->skips, f->paths[i]))
			continue;
		if (stats_reader_open(&r, f->paths[i], err)) {
			result = skip_file(q->skips, f->paths[i], err);
			continue;
		}
		result = stats_reader_contacts(r, q->from, q->to, q->include_undone,
					       scan_row, sc, err);
		stats_reader_free(&r);
		if (result < 0 && err && *err)
			result = skip_file(q->skips, f->paths[i], err);
	}
	return result;
}

/* Rows before b in time order (start, desk, id)? */
static bool row_before(const struct stats_row *a, const struct stats_row *b)
{
	int d;
	if (a->started_at != b->started_at)
		return a->started_at < b->started_at;
	d = strcmp(a->desk ? a->desk : "", b->desk ? b->desk : "");
	if (d)
		return d < 0;
	return strcmp(a->id, b->id) < 0;
}

struct head {
	struct stats_reader *r;
	struct stats_cursor *c;
	const struct stats_row *row;	/* NULL: done */
	const char *path;
};

/* A cursor's next row; a file that fails there is left out (the rows it
 * gave before stay counted) or stops the scan. */
static int head_next(struct head *h, const struct report_query *q, char **err)
{
	if (stats_cursor_next(h->c, &h->row, err) >= 0)
		return 0;
	h->row = NULL;
	return skip_file(q->skips, h->path, err);
}

/* Every file's rows in time order, merged as they come: the smallest
 * head of the files each step (a linear pick: there are tens of files,
 * not thousands). */
static int scan_merged(const struct report_files *f, struct scan *sc, char **err)
{
	const struct report_query *q = sc->q;
	struct head *h = xcalloc(f->n + 1, sizeof *h);
	size_t i, n = 0;
	int result = 0;

	for (i = 0; i < f->n && !result; i++) {
		struct head *k = &h[n];
		if (report_skips_has(q->skips, f->paths[i]))
			continue;
		k->path = f->paths[i];
		if (stats_reader_open(&k->r, f->paths[i], err)
		    || stats_reader_cursor(k->r, q->from, q->to, q->include_undone, &k->c, err)) {
			stats_reader_free(&k->r);
			result = skip_file(q->skips, f->paths[i], err);
			continue;
		}
		n++;
		result = head_next(k, q, err);
	}
	while (!result) {
		struct head *min = NULL;
		for (i = 0; i < n; i++)
			if (h[i].row && (!min || row_before(h[i].row, min->row)))
				min = &h[i];
		if (!min)
			break;
		result = scan_row(min->row, sc);
		if (!result)
			result = head_next(min, q, err);
	}
	for (i = 0; i < n; i++) {
		stats_cursor_free(&h[i].c);
		stats_reader_free(&h[i].r);
	}
	free(h);
	return result;
}

int report_scan(const struct report_files *f, const struct report_query *q,
		report_row_fn fn, void *ud, char **err)
{
	struct scan sc;
	struct stats_signoffs so = { NULL, 0 };
	size_t expect;
	int result = 0;

	memset(&sc, 0, sizeof sc);
	sc.q = q;
	sc.fn = fn;
	sc.ud = ud;
	if (collect_undone(f, q, &sc.undone, q->ordered ? &sc.corrected : NULL,
			   &so, &expect, err)) {
		free(sc.undone.k);
		free(sc.corrected.k);
		stats_signoffs_clear(&so);
		return -1;
	}
	stats_late_init(&sc.late, &so);
	if (q->ordered)
		result = scan_merged(f, &sc, err);
	else {
		idset_reserve(&sc.seen, expect);
		result = scan_files(f, &sc, err);
	}
	free(sc.seen.k);
	free(sc.undone.k);
	free(sc.corrected.k);
	free(sc.corrected_seen.k);
	free(sc.now);
	stats_signoffs_clear(&so);
	stats_late_clear(&sc.late);
	return result;
}

/* ---- the days ---------------------------------------------------------- */

int report_days_load(struct report_days *out, const struct report_files *f,
		     const char *from_date, const char *to_date,
		     struct report_skips *skips, char **err)
{
	struct stats_signoffs so = { NULL, 0 };
	size_t i;
	int rc;

	out->v = NULL;
	out->n = 0;
	for (i = 0; i < f->n; i++) {
		struct stats_reader *r;
		if (report_skips_has(skips, f->paths[i]))
			continue;
		if (stats_reader_open(&r, f->paths[i], err)) {
			if (skip_file(skips, f->paths[i], err))
				goto fail;
			continue;
		}
		rc = stats_reader_signoffs(r, &so, err);
		stats_reader_free(&r);
		if (rc && skip_file(skips, f->paths[i], err))
			goto fail;
	}
	rc = report_days_make(out, &so, from_date, to_date, err);
	stats_signoffs_clear(&so);
	return rc;
fail:
	stats_signoffs_clear(&so);
	return -1;
}

int report_days_make(struct report_days *out, const struct stats_signoffs *so,
		     const char *from_date, const char *to_date, char **err)
{
	time_t from, to, end, now = time(NULL);

	out->v = NULL;
	out->n = 0;
	if (date_local_day(from_date, &from, &to) || date_local_day(to_date, &to, &end)) {
		err_set(err, _("'%s' is not a date; write it as YYYY-MM-DD"), from_date);
		return -1;
	}
	while (from < end) {
		struct report_day *d;
		const struct stats_signoff *last;
		out->v = xrealloc(out->v, (out->n + 1) * sizeof *out->v);
		d = &out->v[out->n++];
		memset(d, 0, sizeof *d);
		date_format(from, d->date);
		if (date_local_day(d->date, &d->from, &d->to))
			break;
		d->closed = stats_signoffs_closed(so, d->date, now, &last);
		if (d->closed) {
			d->closed_at = last->at;
			d->closed_by = last->by ? xstrdup(last->by) : NULL;
		}
		if (d->to <= d->from)
			break;
		from = d->to;
	}
	return 0;
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

void report_days_count(struct report_days *d, const struct stats_row *r)
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

/* ---- the contacts themselves ---------------------------------------------------------- */

struct report_contacts {
	struct stats_row *rows;
	size_t n, cap;
	bool sorted;
};

struct report_contacts *report_contacts_new(void)
{
	return xcalloc(1, sizeof(struct report_contacts));
}

/* A row's strings: its own and those of CONTACT_FIELDS that readers get. */
#define ROW_FIELD(name, t, k, kind, l, use) CONTACT_IF_READ(use, X(name))
#define ROW_STRINGS X(file) X(id) X(desk) X(advisor) CONTACT_FIELDS(ROW_FIELD)

static void row_free(struct stats_row *r)
{
#define X(f) free((char *)r->f);
	ROW_STRINGS
#undef X
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

int report_contacts_add(const struct stats_row *row, void *ud)
{
	struct report_contacts *c = ud;
	struct stats_row *r;
	if (c->n == c->cap) {
		c->cap = c->cap ? c->cap * 2 : 64;
		c->rows = xrealloc(c->rows, c->cap * sizeof *c->rows);
	}
	r = &c->rows[c->n++];
	c->sorted = false;
	*r = *row;
#define X(f) r->f = xstrdup(row->f);
	ROW_STRINGS
#undef X
	return 0;
}

static int str_cmp0(const char *a, const char *b)
{
	return strcmp(a ? a : "", b ? b : "");
}

static int by_start(const void *pa, const void *pb)
{
	const struct stats_row *a = pa, *b = pb;
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

const struct stats_row *report_contacts_get(const struct report_contacts *c,
					      size_t i)
{
	ensure_sorted(c);
	return i < c->n ? &c->rows[i] : NULL;
}
