/* tickets_write: see tickets_write.h. Text from the store (assignees,
 * topics, user names) is sanitised before it is written; csv goes
 * through csv.c (formula cells defused), json through json-c. */
#include <config.h>

#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include <json-c/json.h>

#include "core/csv.h"
#include "core/date.h"
#include "core/err.h"
#include "core/i18n.h"
#include "core/text.h"
#include "core/report_suppress.h"
#include "core/tickets_write.h"

int tickets_format_parse(const char *s)
{
	return !s ? -1 : !strcmp(s, "text") ? TICKETS_TEXT
	       : !strcmp(s, "csv") ? TICKETS_CSV
	       : !strcmp(s, "json") ? TICKETS_JSON : -1;
}

static int write_error(FILE *f, char **err)
{
	if (fflush(f) == 0 && !ferror(f))
		return 0;
	err_set(err, _("cannot write the output: %s"), strerror(errno));
	return -1;
}

static char *iso(time_t t)
{
	char buf[DATE_ISO_LEN];
	if (!t)
		return xstrdup("");
	date_iso_local(t, buf);
	return xstrdup(buf);
}

/* "YYYY-MM-DD HH:MM", local. */
static void short_time(time_t t, char buf[32])
{
	struct tm tm;
	localtime_r(&t, &tm);
	strftime(buf, 32, "%Y-%m-%d %H:%M", &tm);
}

static void json_put(struct json_object *o, const char *key, const char *v)
{
	char *clean = v ? text_sanitize(v) : NULL;
	json_object_object_add(o, key, clean ? json_object_new_string(clean) : NULL);
	free(clean);
}

static int json_out(FILE *f, struct json_object *o, char **err)
{
	fputs(json_object_to_json_string_ext(o, JSON_C_TO_STRING_PRETTY
					     | JSON_C_TO_STRING_NOSLASHESCAPE), f);
	fputc('\n', f);
	json_object_put(o);
	return write_error(f, err);
}

/* ---- the list ------------------------------------------------------------- */

#define LIST_COLUMNS(X) \
	X(ID, "id") X(CREATED, "created_at") X(DUE, "due_at") \
	X(STATUS, "status") X(ASSIGNEE, "assignee") X(LANGUAGE, "language") \
	X(TOPICS, "topics") X(ATTEMPTS, "attempts") X(PASSES, "passes") \
	X(TAKEN_BY, "taken_by") X(CLOSED, "closed_at") X(OVERDUE, "overdue")

enum {
#define LIST_ENUM(e, name) COL_##e,
	LIST_COLUMNS(LIST_ENUM)
#undef LIST_ENUM
	COL__N
};

static const char *const list_names[] = {
#define LIST_NAME(e, name) name,
	LIST_COLUMNS(LIST_NAME)
#undef LIST_NAME
};

/* A row's cells as text (new strings). */
static void cells(const struct ticket *k, time_t now, char *v[COL__N])
{
	v[COL_ID] = xasprintf("%ld", k->id);
	v[COL_CREATED] = iso(k->created_at);
	v[COL_DUE] = iso(k->due_at);
	v[COL_STATUS] = xstrdup(tickets_status_code(k->status));
	char *to = tickets_assignee_text(k->to, k->assignee);
	/* Text from the file: a changed file's controls never reach a
	 * terminal that shows the output. */
	v[COL_ASSIGNEE] = text_sanitize(to);
	free(to);
	v[COL_LANGUAGE] = text_sanitize(k->language);
	v[COL_TOPICS] = text_sanitize(k->topics);
	v[COL_ATTEMPTS] = xasprintf("%d", k->attempts);
	v[COL_PASSES] = xasprintf("%d", k->passes);
	v[COL_TAKEN_BY] = text_sanitize(k->taken_by ? k->taken_by : "");
	v[COL_CLOSED] = iso(k->closed_at);
	v[COL_OVERDUE] = xstrdup(tickets_overdue(k, now) ? "yes" : "no");
}

static void cells_free(char *v[COL__N])
{
	int i;
	for (i = 0; i < COL__N; i++)
		free(v[i]);
}

static void text_row(FILE *f, const struct ticket *k, time_t now)
{
	char due[32];
	char *to = tickets_assignee_text(k->to, k->assignee);
	char *safe_to = text_sanitize(to), *cut = text_cut(safe_to, 20, false);
	char *lang = text_sanitize(k->language), *topics = text_sanitize(k->topics);
	char *by = text_sanitize(k->taken_by ? k->taken_by : "");
	size_t w = text_width(cut);
	short_time(k->due_at, due);
	fprintf(f, "%5ld  %s%s  %-11s  %s%*s  %-4s  %-3d  %-8s  %s\n", k->id, due,
		tickets_overdue(k, now) ? "!" : " ", tickets_status_code(k->status),
		cut, (int)(w < 20 ? 20 - w : 0), "", lang, k->attempts, by, topics);
	free(to);
	free(safe_to);
	free(cut);
	free(lang);
	free(topics);
	free(by);
}

int tickets_list_write(FILE *f, const struct ticket *rows, size_t n,
		       enum tickets_format fmt, time_t now, char **err)
{
	size_t i;
	int c;

	if (fmt == TICKETS_CSV) {
		csv_write_row(f, list_names, COL__N);
		for (i = 0; i < n; i++) {
			char *v[COL__N];
			cells(&rows[i], now, v);
			/* The cells of text from the store, never the
			 * numbers and times. */
			for (c = COL_ASSIGNEE; c <= COL_TAKEN_BY; c++) {
				char *safe;
				if (c == COL_ATTEMPTS || c == COL_PASSES)
					continue;
				safe = csv_text_cell(v[c]);
				free(v[c]);
				v[c] = safe;
			}
			csv_write_row(f, (const char *const *)v, COL__N);
			cells_free(v);
		}
		return write_error(f, err);
	}
	if (fmt == TICKETS_JSON) {
		struct json_object *a = json_object_new_array();
		for (i = 0; i < n; i++) {
			struct json_object *o = json_object_new_object();
			char *v[COL__N];
			cells(&rows[i], now, v);
			for (c = 0; c < COL__N; c++) {
				if (c == COL_ID || c == COL_ATTEMPTS || c == COL_PASSES)
					json_object_object_add(o, list_names[c],
						json_object_new_int64(strtoll(v[c], NULL, 10)));
				else if (c == COL_OVERDUE)
					json_object_object_add(o, list_names[c],
						json_object_new_boolean(!strcmp(v[c], "yes")));
				else
					json_put(o, list_names[c], *v[c] ? v[c] : NULL);
			}
			cells_free(v);
			json_object_array_add(a, o);
		}
		return json_out(f, a, err);
	}
	if (n == 0)
		fprintf(f, "%s\n", _("No tickets."));
	else
		/* TRANSLATORS: the columns of the ticket list, in this width:
		 * id 5, due 17, status 11, assignee 20, language 4, attempts 3. */
		fprintf(f, "%s\n", _("   ID  due               status       assignee              lang  try  taken by  topics"));
	for (i = 0; i < n; i++)
		text_row(f, &rows[i], now);
	return write_error(f, err);
}

/* ---- the report ----------------------------------------------------------- */

/* One line of figures: a group of tickets. */
/* The counts of a row as an array (opened, closed, overdue), and which of
 * them --suppress hides. */
enum { FIG_OPENED, FIG_CLOSED, FIG_OVERDUE, FIG__N };

struct fig {
	char *code;
	size_t opened, closed, overdue;
	bool hide[FIG__N];
	time_t *waits;		/* seconds to the first call */
	size_t n_waits;
};

struct figs {
	struct fig *v;
	size_t n;
};

static struct fig *fig_of(struct figs *g, const char *code)
{
	size_t i;
	for (i = 0; i < g->n; i++)
		if (!strcmp(g->v[i].code, code))
			return &g->v[i];
	g->v = xrealloc(g->v, (g->n + 1) * sizeof *g->v);
	memset(&g->v[g->n], 0, sizeof *g->v);
	g->v[g->n].code = xstrdup(code);
	return &g->v[g->n++];
}

static void fig_add(struct fig *x, const struct ticket *k, time_t now)
{
	time_t called = k->first_call_at;
	x->opened++;
	if (k->status == TICKET_DONE || k->status == TICKET_UNREACHABLE)
		x->closed++;
	/* Not called by the due time: called late, or not yet and past it. */
	if (called ? called > k->due_at : tickets_overdue(k, now))
		x->overdue++;
	if (called) {
		x->waits = xrealloc(x->waits, (x->n_waits + 1) * sizeof *x->waits);
		x->waits[x->n_waits++] = called - k->created_at;
	}
}

static int cmp_time(const void *a, const void *b)
{
	time_t x = *(const time_t *)a, y = *(const time_t *)b;
	return x < y ? -1 : x > y;
}

static int cmp_fig(const void *a, const void *b)
{
	return strcmp(((const struct fig *)a)->code, ((const struct fig *)b)->code);
}

/* The median wait in minutes, -1 when none or hidden. */
static long median(struct fig *x, int suppress)
{
	size_t m;
	if (!x->n_waits || (suppress > 0 && x->n_waits < (size_t)suppress))
		return -1;
	qsort(x->waits, x->n_waits, sizeof *x->waits, cmp_time);
	m = x->n_waits / 2;
	return (long)((x->n_waits % 2 ? x->waits[m]
		       : (x->waits[m - 1] + x->waits[m]) / 2) / 60);
}

static size_t fig_count(const struct fig *x, int m)
{
	return m == FIG_OPENED ? x->opened : m == FIG_CLOSED ? x->closed : x->overdue;
}

/* --suppress N as the main report does it (core/report_suppress): each
 * count of a dimension's rows and the total form one sum; the counts
 * from 1 to N-1 are hidden, then more until none of them can be worked
 * out from what is printed. The total is shared by both dimensions: hidden
 * by either, it is hidden in both (hiding more never gives one away). */
static void figs_suppress(struct fig *total, struct figs *by, size_t n_by, int n)
{
	size_t d, i;
	int m;
	if (n < 2)
		return;
	for (m = 0; m < FIG__N; m++)
		for (d = 0; d < n_by; d++) {
			size_t k = by[d].n, *v = xcalloc(k + 1, sizeof *v);
			bool *hidden = xcalloc(k + 1, sizeof *hidden);
			for (i = 0; i < k; i++)
				v[i] = fig_count(&by[d].v[i], m);
			v[k] = fig_count(total, m);
			report_suppress_table(k, 0, v, hidden, n);
			for (i = 0; i < k; i++)
				by[d].v[i].hide[m] = hidden[i];
			total->hide[m] |= hidden[k];
			free(v);
			free(hidden);
		}
}

/* A count as the report shows it: the main report's mark when hidden. */
static char *count_text(const struct fig *x, int m)
{
	if (x->hide[m])
		return xstrdup(REPORT_HIDDEN_MARK);
	return xasprintf("%zu", fig_count(x, m));
}

static void figs_free(struct figs *g)
{
	size_t i;
	for (i = 0; i < g->n; i++) {
		free(g->v[i].code);
		free(g->v[i].waits);
	}
	free(g->v);
}

/* Hidden counts are null, and named in "suppressed" (as the main report's
 * json keeps its numbers numbers). */
static struct json_object *json_fig(struct fig *x, int suppress)
{
	struct json_object *o = json_object_new_object(), *hid = NULL;
	static const char *const key[FIG__N] = { "opened", "closed", "overdue" };
	long med = median(x, suppress);
	int m;
	json_put(o, "code", x->code);
	for (m = 0; m < FIG__N; m++) {
		json_object_object_add(o, key[m], x->hide[m] ? NULL
				       : json_object_new_int64((int64_t)fig_count(x, m)));
		if (x->hide[m]) {
			if (!hid)
				hid = json_object_new_array();
			json_object_array_add(hid, json_object_new_string(key[m]));
		}
	}
	if (hid)
		json_object_object_add(o, "suppressed", hid);
	json_object_object_add(o, "median_first_call_minutes",
			       med < 0 ? NULL : json_object_new_int64(med));
	return o;
}

static void text_fig(FILE *f, struct fig *x, const char *label, int suppress)
{
	char *c[FIG__N] = { count_text(x, FIG_OPENED), count_text(x, FIG_CLOSED),
			    count_text(x, FIG_OVERDUE) };
	char *safe = text_sanitize(label), *cut = text_cut(safe, 24, false);
	long med = median(x, suppress);
	size_t w = text_width(cut);
	int i;
	fprintf(f, "  %s%*s %7s %7s %7s  ", cut, (int)(w < 24 ? 24 - w : 0), "",
		c[0], c[1], c[2]);
	if (med < 0)
		fputs("-\n", f);
	else
		fprintf(f, "%ld:%02ld\n", med / 60, med % 60);
	for (i = 0; i < 3; i++)
		free(c[i]);
	free(safe);
	free(cut);
}

int tickets_report_write(FILE *f, const struct ticket *rows, size_t n,
			 time_t from, time_t to, const char *from_date,
			 const char *to_date, int suppress,
			 enum tickets_format fmt, time_t now, char **err)
{
	struct fig total = { 0 };
	struct figs by[2] = { { NULL, 0 }, { NULL, 0 } };
	static const char *const dim[2] = { "assignee", "language" };
	size_t i, d;
	int rc;

	total.code = xstrdup("total");
	for (i = 0; i < n; i++) {
		const struct ticket *k = &rows[i];
		char *to_text;
		if (k->created_at < from || k->created_at >= to)
			continue;
		to_text = tickets_assignee_text(k->to, k->assignee);
		fig_add(&total, k, now);
		fig_add(fig_of(&by[0], to_text), k, now);
		fig_add(fig_of(&by[1], k->language), k, now);
		free(to_text);
	}
	for (d = 0; d < 2; d++)
		qsort(by[d].v, by[d].n, sizeof *by[d].v, cmp_fig);
	figs_suppress(&total, by, 2, suppress);

	if (fmt == TICKETS_CSV) {
		static const char *const head[] = { "dimension", "code", "opened",
			"closed", "overdue", "median_first_call_minutes" };
		csv_write_row(f, head, 6);
		for (d = 0; d <= 2; d++) {
			size_t m = d == 0 ? 1 : by[d - 1].n;
			for (i = 0; i < m; i++) {
				struct fig *x = d == 0 ? &total : &by[d - 1].v[i];
				long med = median(x, suppress);
				char *v[6];
				int c;
				v[0] = xstrdup(d == 0 ? "total" : dim[d - 1]);
				{
					char *clean = text_sanitize(x->code);
					v[1] = csv_text_cell(clean);
					free(clean);
				}
				v[2] = count_text(x, FIG_OPENED);
				v[3] = count_text(x, FIG_CLOSED);
				v[4] = count_text(x, FIG_OVERDUE);
				v[5] = med < 0 ? xstrdup("") : xasprintf("%ld", med);
				csv_write_row(f, (const char *const *)v, 6);
				for (c = 0; c < 6; c++)
					free(v[c]);
			}
		}
		rc = write_error(f, err);
	} else if (fmt == TICKETS_JSON) {
		struct json_object *o = json_object_new_object();
		json_put(o, "from", from_date);
		json_put(o, "to", to_date);
		json_object_object_add(o, "suppress", json_object_new_int(suppress));
		json_object_object_add(o, "total", json_fig(&total, suppress));
		for (d = 0; d < 2; d++) {
			struct json_object *a = json_object_new_array();
			for (i = 0; i < by[d].n; i++)
				json_object_array_add(a, json_fig(&by[d].v[i], suppress));
			json_object_object_add(o, d ? "by_language" : "by_assignee", a);
		}
		rc = json_out(f, o, err);
	} else {
		if (strcmp(from_date, to_date))
			fprintf(f, _("Callback tickets %s to %s\n"), from_date, to_date);
		else
			fprintf(f, _("Callback tickets %s\n"), from_date);
		/* TRANSLATORS: column heads over counts 7 wide; the last is
		 * hours:minutes from creating a ticket to its first call. */
		fprintf(f, "  %-24s %7s %7s %7s  %s\n", "", _("opened"), _("closed"),
			_("overdue"), _("median to first call"));
		text_fig(f, &total, _("All tickets"), suppress);
		for (d = 0; d < 2; d++) {
			fprintf(f, "%s\n", d ? _("By language") : _("By assignee"));
			for (i = 0; i < by[d].n; i++)
				text_fig(f, &by[d].v[i], by[d].v[i].code, suppress);
		}
		rc = write_error(f, err);
	}
	free(total.code);
	free(total.waits);
	figs_free(&by[0]);
	figs_free(&by[1]);
	return rc;
}
