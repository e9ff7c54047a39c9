/* report: see report.h.
 *
 * Speed: each dimension value finds its bucket through a small hash table
 * (open addressing over the bucket indexes); nothing but the counts stays
 * in memory. */
#include <config.h>

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/codes.h"
#include "core/err.h"
#include "core/i18n.h"
#include "core/hash.h"
#include "core/contact_fields.h"
#include "core/report.h"

/* ---- dimensions -------------------------------------------------------- */

static const struct {
	const char *name;
	const char *title;
	int list;	/* code list of codes.h, or -1 */
	/* The contact field it counts by (CONTACT_F_...), or -1 for those
	 * made from the row's own times and desk. */
	int field;
} dims[REPORT_DIM__N] = {
	[REPORT_TOPIC] = { "topic", N_("Topic"), CODES_TOPIC, CONTACT_F_topics },
	[REPORT_LANGUAGE] = { "language", N_("Language"), -1, CONTACT_F_language },
	[REPORT_CHANNEL] = { "channel", N_("Channel"), CODES_CHANNEL, CONTACT_F_channel },
	[REPORT_INTERPRETER] = { "interpreter", N_("Interpreter"), CODES_INTERPRETER, CONTACT_F_interpreter },
	[REPORT_OUTCOME] = { "outcome", N_("Outcome"), CODES_OUTCOME, CONTACT_F_outcome },
	[REPORT_REDIRECT] = { "redirect", N_("Redirected to"), -1, CONTACT_F_redirect_service },
	[REPORT_REASON] = { "reason", N_("Redirect reason"), CODES_REASON, CONTACT_F_redirect_reason },
	[REPORT_DISCOVERY] = { "discovery", N_("Found the service via"), CODES_DISCOVERY, CONTACT_F_discovery },
	[REPORT_HOUR] = { "hour", N_("Hour"), -1, -1 },
	[REPORT_WEEKDAY] = { "weekday", N_("Weekday"), -1, -1 },
	[REPORT_DESK] = { "desk", N_("Desk"), -1, -1 },
	[REPORT_AGE] = { "age", N_("Age"), CODES_AGE, CONTACT_F_age_band },
	[REPORT_GENDER] = { "gender", N_("Gender"), CODES_GENDER, CONTACT_F_gender },
	[REPORT_LIFE] = { "life-situation", N_("Life situation"), CODES_LIFE, CONTACT_F_life_situation },
	[REPORT_DURATION] = { "duration", N_("Duration"), -1, -1 },
	[REPORT_DAY] = { "day", N_("Day"), -1, -1 },
	[REPORT_WEEK] = { "week", N_("Week"), -1, -1 },
	[REPORT_MONTH] = { "month", N_("Month"), -1, -1 },
};

/* Bands of minutes for --by duration: the lower bound of each; the code
 * is "LO-HI" minutes (HI not included), the last "LO-". */
static const int duration_lo[] = { 0, 5, 10, 15, 30, 60 };
#define N_DURATION (sizeof duration_lo / sizeof *duration_lo)

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
	       "reason, discovery, hour, weekday, desk, age, gender, "
	       "life-situation, duration, day, week, month";
}

bool report_dim_is_time(int dim)
{
	return dim == REPORT_DAY || dim == REPORT_WEEK || dim == REPORT_MONTH;
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
	long long last_day;	/* day, week, month: the last row's local day */
	size_t last_key;	/* and its bucket + 1 (0: none yet) */
};

struct report_agg {
	struct axis ax[2];
	size_t total;
	size_t *cells;		/* cap0 x cap1 */
	size_t cap0, cap1;
	report_label_fn label_fn;
	void *label_ud;
	enum report_count what;
	char **desks;
	size_t n_desks;
	size_t last_desk;
	bool ordered;
};


static void axis_rehash(struct axis *x)
{
	size_t i;
	x->n_slot = x->n_slot ? x->n_slot * 2 : 64;
	free(x->slot);
	x->slot = xcalloc(x->n_slot, sizeof *x->slot);
	for (i = 0; i < x->n; i++) {
		size_t j = (size_t)hash64(x->b[i].code, strlen(x->b[i].code)) & (x->n_slot - 1);
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
	for (j = (size_t)hash64(s, n) & (x->n_slot - 1); x->slot[j];
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
	} else if (dim == REPORT_DURATION) {
		for (i = 0; i < N_DURATION; i++) {
			char *code = i + 1 < N_DURATION
				? xasprintf("%d-%d", duration_lo[i], duration_lo[i + 1])
				: xasprintf("%d-", duration_lo[i]);
			size_t b = axis_find(x, code, strlen(code));
			/* TRANSLATORS: a band of a contact's duration, e.g. "5-10" minutes. */
			x->b[b].label = xasprintf(_("%s min"), code);
			free(code);
		}
		x->n_fixed = N_DURATION;
	}
}

/* The day, ISO week or month code of a local day number (days since
 * 1970-01-01) into buf. */
static size_t time_code(int dim, long long day, char buf[16])
{
	time_t t = (time_t)(day * 86400);
	struct tm tm;
	gmtime_r(&t, &tm);
	if (dim == REPORT_DAY)
		return strftime(buf, 16, "%Y-%m-%d", &tm);
	if (dim == REPORT_MONTH)
		return strftime(buf, 16, "%Y-%m", &tm);
	return strftime(buf, 16, "%G-W%V", &tm);
}

static long long local_day(time_t t, long offset)
{
	long long local = (long long)t + offset;
	return local >= 0 ? local / 86400 : (local - 86399) / 86400;
}

void report_agg_set_period(struct report_agg *a, time_t from, time_t to)
{
	int k;
	for (k = 0; k < 2; k++) {
		struct axis *x = &a->ax[k];
		struct tm tm;
		time_t t;
		if (!report_dim_is_time(x->dim) || x->n)
			continue;
		/* Local days of the period: its start's offset from UTC. */
		for (t = from; t < to; t += 86400) {
			char code[16];
			long off;
			localtime_r(&t, &tm);
			off = tm.tm_gmtoff;
			size_t n = time_code(x->dim, local_day(t, off), code);
			axis_find(x, code, n);
		}
		x->n_fixed = x->n;
	}
}

void report_agg_set_count(struct report_agg *a, enum report_count what)
{
	a->what = what;
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

/* A row's fields by their CONTACT_FIELDS index (the readers' ones). */
static const char *row_field(const struct stats_row *r, int f)
{
	switch (f) {
#define ROW_FIELD_CASE(name, t, k, kind, l, use) \
	CONTACT_IF_READ(use, case CONTACT_F_##name: return r->name;)
	CONTACT_FIELDS(ROW_FIELD_CASE)
#undef ROW_FIELD_CASE
	default: return NULL;
	}
}

static const char *row_value(const struct stats_row *r, int dim)
{
	if (dim == REPORT_DESK)
		return r->desk;
	return dim >= 0 && dim < REPORT_DIM__N && dims[dim].field >= 0
	       ? row_field(r, dims[dim].field) : NULL;
}

unsigned long report_dims_fields(const int *by, size_t n,
				 enum report_count count)
{
	unsigned long m = count == REPORT_COUNT_PEOPLE
			  ? CONTACT_FIELD_BIT(CONTACT_F_people) : 0;
	size_t i;
	for (i = 0; i < n; i++)
		if (by[i] >= 0 && by[i] < REPORT_DIM__N && dims[by[i]].field >= 0)
			m |= CONTACT_FIELD_BIT(dims[by[i]].field);
	/* Never 0 (which means every field): the topics are small. */
	return m ? m : CONTACT_FIELD_BIT(CONTACT_F_topics);
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
static size_t row_keys(struct axis *x, const struct stats_row *r, size_t *keys)
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
	case REPORT_DURATION:
		if (r->ended_at >= r->started_at && r->ended_at > 0) {
			long long min = ((long long)r->ended_at - r->started_at) / 60;
			size_t i = N_DURATION - 1;
			while (i > 0 && min < duration_lo[i])
				i--;
			keys[n++] = i;
			return n;
		}
		break;
	case REPORT_DAY:
	case REPORT_WEEK:
	case REPORT_MONTH: {
		/* Rows come mostly in time order: the same day as the last
		 * row needs no new code. */
		char code[16];
		long long day = local_day(r->started_at, r->tz_offset);
		if (!x->last_key || day != x->last_day) {
			size_t len = time_code(x->dim, day, code);
			x->last_key = axis_find(x, code, len) + 1;
			x->last_day = day;
		}
		keys[n++] = x->last_key - 1;
		return n;
	}
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

/* What a row adds: 1, or the people it served (a stored value that is
 * not a number of at least 1 counts as 1). */
static size_t row_weight(const struct report_agg *a, const struct stats_row *r)
{
	long n;
	if (a->what != REPORT_COUNT_PEOPLE || !r->people)
		return 1;
	n = strtol(r->people, NULL, 10);
	return n >= 1 ? (size_t)n : 1;
}

void report_agg_add(struct report_agg *a, const struct stats_row *r)
{
	size_t k0[MAX_KEYS], k1[MAX_KEYS], n0 = 0, n1 = 0, i, j;
	size_t w = row_weight(a, r);

	a->total += w;
	a->ordered = false;
	note_desk(a, r->desk);
	if (a->ax[0].dim >= 0) {
		n0 = row_keys(&a->ax[0], r, k0);
		for (i = 0; i < n0; i++)
			a->ax[0].b[k0[i]].count += w;
	}
	if (a->ax[1].dim >= 0) {
		n1 = row_keys(&a->ax[1], r, k1);
		for (j = 0; j < n1; j++)
			a->ax[1].b[k1[j]].count += w;
		grow_cells(a);
		for (i = 0; i < n0; i++)
			for (j = 0; j < n1; j++)
				a->cells[k0[i] * a->cap1 + k1[j]] += w;
	}
}

int report_agg_add_cb(const struct stats_row *row, void *ud)
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
		x->list >= 0 || report_dim_is_time(x->dim) ? by_code : by_count, x);
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
	report_sort_names(a->desks, a->n_desks);
	a->last_desk = 0;
	a->ordered = true;
}

size_t report_agg_total(const struct report_agg *a)
{
	return a->total;
}

int report_agg_dim(const struct report_agg *a, int axis)
{
	return axis == 0 || axis == 1 ? a->ax[axis].dim : -1;
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

size_t report_agg_count_of(const struct report_agg *a, int axis, const char *code)
{
	size_t i, n = report_agg_size(a, axis);
	for (i = 0; i < n; i++)
		if (!strcmp(report_agg_code(a, axis, i), code))
			return report_agg_count(a, axis, i);
	return 0;
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
