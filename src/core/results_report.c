/* results_report: see results_report.h.
 *
 * Design: the attempts of every file are read into memory (a trainer's
 * group is some hundreds of attempts), sorted, and duplicates dropped
 * side by side; the summaries are made once from that list, and the
 * three writers only print them. JSON goes through json-c, which escapes
 * whatever a trainee's name holds. */
#include <config.h>

#include <errno.h>
#include <json-c/json.h>
#include <stdlib.h>
#include <string.h>

#include "core/csv.h"
#include "core/date.h"
#include "core/err.h"
#include "core/i18n.h"
#include "core/results_report.h"
#include "core/text.h"

/* How many missed items a summary names. */
#define MISSED_SHOWN 5

/* ---- gathering ------------------------------------------------------------ */

struct vec {
	struct results_attempt *v;
	size_t n, cap;
};

static int add_file(struct vec *out, struct results *r, const char *trainee,
		    char **err)
{
	struct results_attempt *a = NULL;
	size_t n = 0, i;
	if (results_list(r, &a, &n, err) != 0)
		return -1;
	for (i = 0; i < n; i++) {
		if (trainee && strcmp(a[i].trainee, trainee))
			continue;
		if (results_items(r, a[i].id, &a[i].items, &a[i].n_items, err) != 0) {
			results_list_free(&a, n);
			return -1;
		}
		if (out->n == out->cap) {
			out->cap = out->cap ? 2 * out->cap : 64;
			out->v = xrealloc(out->v, out->cap * sizeof *out->v);
		}
		out->v[out->n++] = a[i];
		memset(&a[i], 0, sizeof a[i]);
	}
	results_list_free(&a, n);
	return 0;
}

static int by_attempt(const void *x, const void *y)
{
	const struct results_attempt *a = x, *b = y;
	int c = strcmp(a->trainee, b->trainee);
	if (c)
		return c;
	if ((c = strcmp(a->scenario, b->scenario)))
		return c;
	if (a->started_at != b->started_at)
		return a->started_at < b->started_at ? -1 : 1;
	if (a->ended_at != b->ended_at)
		return a->ended_at < b->ended_at ? -1 : 1;
	return a->score - b->score;
}

static bool same_attempt(const struct results_attempt *a,
			 const struct results_attempt *b)
{
	return !strcmp(a->trainee, b->trainee) && !strcmp(a->scenario, b->scenario)
	       && a->started_at == b->started_at && a->ended_at == b->ended_at
	       && a->score == b->score;
}

int results_gather(struct results *own, char *const *paths, size_t n_paths,
		   const char *trainee, struct results_attempt **out, size_t *n,
		   char **err)
{
	struct vec v = { NULL, 0, 0 };
	size_t i, k;

	*out = NULL;
	*n = 0;
	if (own && add_file(&v, own, trainee, err) != 0)
		goto fail;
	for (i = 0; i < n_paths; i++) {
		struct results *r = NULL;
		if (results_open_file(&r, paths[i], err) != 0)
			goto fail;
		if (add_file(&v, r, trainee, err) != 0) {
			results_close(&r);
			goto fail;
		}
		results_close(&r);
	}
	if (v.n)
		qsort(v.v, v.n, sizeof *v.v, by_attempt);
	/* One attempt once, numbered again in the order made. */
	for (i = 0, k = 0; i < v.n; i++) {
		if (k && same_attempt(&v.v[k - 1], &v.v[i])) {
			free(v.v[i].trainee);
			free(v.v[i].scenario);
			results_items_free(&v.v[i].items, v.v[i].n_items);
			continue;
		}
		v.v[k] = v.v[i];
		v.v[k].attempt = k && !strcmp(v.v[k - 1].trainee, v.v[k].trainee)
				 && !strcmp(v.v[k - 1].scenario, v.v[k].scenario)
				 ? v.v[k - 1].attempt + 1 : 1;
		k++;
	}
	*out = v.v;
	*n = k;
	return 0;
fail:
	results_list_free(&v.v, v.n);
	return -1;
}

/* ---- summaries ------------------------------------------------------------ */

struct scn {
	const char *scenario;
	int attempts;
	int first;		/* -1: not attempted */
	int best;
	time_t last;
};

struct miss {
	const char *item;
	int missed, graded;
};

struct sum {
	struct scn *s;
	size_t n_s;
	struct miss *m;
	size_t n_m;
};

static struct scn *scn_get(struct sum *u, const char *scenario)
{
	size_t i;
	for (i = 0; i < u->n_s; i++)
		if (!strcmp(u->s[i].scenario, scenario))
			return &u->s[i];
	u->s = xrealloc(u->s, (u->n_s + 1) * sizeof *u->s);
	memset(&u->s[u->n_s], 0, sizeof *u->s);
	u->s[u->n_s].scenario = scenario;
	u->s[u->n_s].first = -1;
	u->s[u->n_s].best = -1;
	return &u->s[u->n_s++];
}

static void miss_add(struct sum *u, const char *item, bool matched)
{
	size_t i;
	for (i = 0; i < u->n_m; i++)
		if (!strcmp(u->m[i].item, item))
			break;
	if (i == u->n_m) {
		u->m = xrealloc(u->m, (u->n_m + 1) * sizeof *u->m);
		u->m[i].item = item;
		u->m[i].missed = u->m[i].graded = 0;
		u->n_m++;
	}
	u->m[i].graded++;
	if (!matched)
		u->m[i].missed++;
}

static int by_missed(const void *x, const void *y)
{
	const struct miss *a = x, *b = y;
	if (a->missed != b->missed)
		return b->missed - a->missed;
	/* The same count: the one missed more often of its chances first. */
	if ((long)a->missed * b->graded != (long)b->missed * a->graded)
		return (long)a->missed * b->graded > (long)b->missed * a->graded ? -1 : 1;
	return strcmp(a->item, b->item);
}

/* Attempts a[0..n), ordered by scenario and time (one trainee's, or
 * everyone's for the missed items). */
static void summarise(struct sum *u, const struct results_attempt *a, size_t n)
{
	size_t i, k;
	memset(u, 0, sizeof *u);
	for (i = 0; i < n; i++) {
		struct scn *s = scn_get(u, a[i].scenario);
		if (s->attempts == 0)
			s->first = a[i].score;
		s->attempts++;
		if (a[i].score > s->best)
			s->best = a[i].score;
		if (a[i].ended_at > s->last)
			s->last = a[i].ended_at;
		for (k = 0; k < a[i].n_items; k++)
			miss_add(u, a[i].items[k].item, a[i].items[k].matched);
	}
	if (u->n_m)
		qsort(u->m, u->n_m, sizeof *u->m, by_missed);
}

static void sum_free(struct sum *u)
{
	free(u->s);
	free(u->m);
	memset(u, 0, sizeof *u);
}

/* The end of trainee a[i]'s attempts. */
static size_t trainee_end(const struct results_attempt *a, size_t n, size_t i)
{
	size_t j = i;
	while (j < n && !strcmp(a[j].trainee, a[i].trainee))
		j++;
	return j;
}

/* Per scenario over the group: trainees and the means of their first and
 * best scores. */
struct gscn {
	const char *scenario;
	int trainees;
	long first, best;	/* sums */
};

static struct gscn *group_scenarios(const struct results_attempt *a, size_t n,
				    size_t *n_out, int *trainees)
{
	struct gscn *g = NULL;
	size_t ng = 0, i = 0, k, j;
	*trainees = 0;
	while (i < n) {
		size_t end = trainee_end(a, n, i);
		struct sum u;
		summarise(&u, a + i, end - i);
		(*trainees)++;
		for (k = 0; k < u.n_s; k++) {
			for (j = 0; j < ng; j++)
				if (!strcmp(g[j].scenario, u.s[k].scenario))
					break;
			if (j == ng) {
				g = xrealloc(g, (ng + 1) * sizeof *g);
				memset(&g[ng], 0, sizeof *g);
				g[ng++].scenario = u.s[k].scenario;
			}
			g[j].trainees++;
			g[j].first += u.s[k].first;
			g[j].best += u.s[k].best;
		}
		sum_free(&u);
		i = end;
	}
	*n_out = ng;
	return g;
}

static int mean(long sum, int n)
{
	return n ? (int)((sum + n / 2) / n) : 0;
}

/* ---- csv ------------------------------------------------------------------ */

static int write_failed(FILE *f, char **err)
{
	if (ferror(f) || fflush(f) != 0) {
		err_set(err, _("cannot write the results: %s"), strerror(errno ? errno : EIO));
		return -1;
	}
	return 0;
}

int results_write_csv(FILE *f, const struct results_attempt *a, size_t n,
		      char **err)
{
	size_t i;
	fputs(RESULTS_CSV_HEADER "\r\n", f);
	for (i = 0; i < n; i++) {
		char attempt[16], score[16], seconds[16], when[DATE_ISO_LEN];
		/* Names typed by people: never a formula in a spreadsheet. */
		char *trainee = csv_text_cell(a[i].trainee);
		char *scenario = csv_text_cell(a[i].scenario);
		const char *row[6];
		int rc;
		date_iso_local(a[i].ended_at, when);
		snprintf(attempt, sizeof attempt, "%d", a[i].attempt);
		snprintf(score, sizeof score, "%d", a[i].score);
		snprintf(seconds, sizeof seconds, "%d", a[i].seconds);
		row[0] = trainee;
		row[1] = scenario;
		row[2] = attempt;
		row[3] = score;
		row[4] = seconds;
		row[5] = when;
		rc = csv_write_row(f, row, 6);
		free(trainee);
		free(scenario);
		if (rc != 0)
			break;
	}
	return write_failed(f, err);
}

/* ---- text ----------------------------------------------------------------- */

static void pad(FILE *f, const char *s, size_t width, bool right)
{
	size_t w = text_width(s);
	if (right)
		for (; w < width; w++)
			fputc(' ', f);
	fputs(s, f);
	if (!right)
		for (; w < width; w++)
			fputc(' ', f);
}

static size_t max_sz(size_t a, size_t b)
{
	return a > b ? a : b;
}

/* One row of cells, each padded to its width (numbers to the right). */
static void cells(FILE *f, const char *const *v, const size_t *w,
		  const bool *right, size_t n)
{
	size_t i;
	for (i = 0; i < n; i++) {
		fputs("  ", f);
		if (i + 1 == n && !right[i])
			fputs(v[i], f);
		else
			pad(f, v[i], w[i], right[i]);
	}
	fputc('\n', f);
}

static void write_missed(FILE *f, const struct sum *u)
{
	size_t i, shown = 0;
	for (i = 0; i < u->n_m && shown < MISSED_SHOWN; i++) {
		char *item;
		if (!u->m[i].missed)
			break;
		item = text_sanitize(u->m[i].item);
		if (!shown)
			/* TRANSLATORS: followed by items such as "redirect 3 of
			 * 4", the ones a trainee (or group) missed most. */
			fputs(_("  Most often missed:"), f);
		/* TRANSLATORS: an item missed %d times of %d attempts. */
		fprintf(f, _("%s %s %d of %d"), shown ? "," : "", item, u->m[i].missed,
			u->m[i].graded);
		free(item);
		shown++;
	}
	if (shown)
		fputc('\n', f);
}

static void write_trainee(FILE *f, const struct results_attempt *a, size_t n,
			  const struct scenario_set *set)
{
	/* TRANSLATORS: column headers of `neuvoo train --results`. */
	const char *head[5] = { _("Scenario"), _("First try"), _("Best"), _("Attempts"),
				_("Last") };
	static const bool right[5] = { false, true, true, true, false };
	size_t w[5], i, j, set_n = set ? set->n : 0, n_rows;
	struct sum u;
	struct scn *rows;
	char *name = text_sanitize(a[0].trainee);
	int done = 0, total, sum = 0;

	summarise(&u, a, n);
	/* The scenarios on offer first, in their order, then any others. */
	rows = xcalloc(set_n + u.n_s + 1, sizeof *rows);
	for (i = 0; i < set_n; i++) {
		rows[i].scenario = set->v[i]->id;
		rows[i].first = rows[i].best = -1;
		for (j = 0; j < u.n_s; j++)
			if (!strcmp(u.s[j].scenario, set->v[i]->id))
				rows[i] = u.s[j];
	}
	n_rows = set_n;
	for (j = 0; j < u.n_s; j++) {
		for (i = 0; i < set_n; i++)
			if (!strcmp(u.s[j].scenario, set->v[i]->id))
				break;
		if (i == set_n)
			rows[n_rows++] = u.s[j];
	}
	for (i = 0; i < 5; i++)
		w[i] = max_sz(text_width(head[i]), i == 0 ? 0 : 3);
	w[4] = max_sz(w[4], 16);
	for (j = 0; j < n_rows; j++)
		w[0] = max_sz(w[0], text_width(rows[j].scenario));

	fprintf(f, _("Trainee: %s\n"), name);
	cells(f, head, w, right, 5);
	for (j = 0; j < n_rows; j++) {
		char first[16] = "-", best[16] = "-", att[16], last[32] = "-";
		const char *v[5];
		if (rows[j].attempts) {
			struct tm tm;
			snprintf(first, sizeof first, "%d", rows[j].first);
			snprintf(best, sizeof best, "%d", rows[j].best);
			localtime_r(&rows[j].last, &tm);
			if (!strftime(last, sizeof last, "%Y-%m-%d %H:%M", &tm))
				strcpy(last, "-");
		}
		snprintf(att, sizeof att, "%d", rows[j].attempts);
		v[0] = rows[j].scenario;
		v[1] = first;
		v[2] = best;
		v[3] = att;
		v[4] = last;
		cells(f, v, w, right, 5);
		/* Progress counts the scenarios on offer (all rows when no set
		 * was given). */
		if (rows[j].attempts && (j < set_n || set_n == 0)) {
			done++;
			sum += rows[j].best;
		}
	}
	total = set_n ? (int)set_n : (int)n_rows;
	if (done)
		fprintf(f, ngettext("  Progress: %d of %d scenario done, mean best score %d\n",
				    "  Progress: %d of %d scenarios done, mean best score %d\n",
				    (unsigned long)total),
			done, total, (sum + done / 2) / done);
	else
		fprintf(f, ngettext("  Progress: %d of %d scenario done\n",
				    "  Progress: %d of %d scenarios done\n",
				    (unsigned long)total),
			done, total);
	write_missed(f, &u);
	free(rows);
	sum_free(&u);
	free(name);
}

static void write_group(FILE *f, const struct results_attempt *a, size_t n)
{
	/* TRANSLATORS: column headers of the group's summary. */
	const char *head[4] = { _("Scenario"), _("Trainees"), _("Mean first"),
				_("Mean best") };
	static const bool right[4] = { false, true, true, true };
	size_t w[4], ng, i;
	int trainees;
	struct gscn *g = group_scenarios(a, n, &ng, &trainees);
	struct sum all;

	fputc('\n', f);
	fprintf(f, ngettext("Group: %d trainee, ", "Group: %d trainees, ",
			    (unsigned long)trainees), trainees);
	fprintf(f, ngettext("%zu attempt\n", "%zu attempts\n", (unsigned long)n), n);
	for (i = 0; i < 4; i++)
		w[i] = text_width(head[i]);
	for (i = 0; i < ng; i++)
		w[0] = max_sz(w[0], text_width(g[i].scenario));
	cells(f, head, w, right, 4);
	for (i = 0; i < ng; i++) {
		char t[16], fi[16], b[16];
		const char *v[4];
		snprintf(t, sizeof t, "%d", g[i].trainees);
		snprintf(fi, sizeof fi, "%d", mean(g[i].first, g[i].trainees));
		snprintf(b, sizeof b, "%d", mean(g[i].best, g[i].trainees));
		v[0] = g[i].scenario;
		v[1] = t;
		v[2] = fi;
		v[3] = b;
		cells(f, v, w, right, 4);
	}
	summarise(&all, a, n);
	write_missed(f, &all);
	sum_free(&all);
	free(g);
}

int results_write_text(FILE *f, const struct results_attempt *a, size_t n,
		       const struct scenario_set *set, char **err)
{
	size_t i = 0;
	int trainees = 0;
	if (n == 0)
		fputs(_("No training results yet.\n"), f);
	while (i < n) {
		size_t j = trainee_end(a, n, i);
		if (i)
			fputc('\n', f);
		write_trainee(f, a + i, j - i, set);
		trainees++;
		i = j;
	}
	if (trainees > 1)
		write_group(f, a, n);
	return write_failed(f, err);
}

/* ---- json ----------------------------------------------------------------- */

static json_object *jtime(time_t t)
{
	char when[DATE_ISO_LEN];
	date_iso_local(t, when);
	return json_object_new_string(when);
}

static json_object *jmissed(const struct sum *u)
{
	json_object *arr = json_object_new_array();
	size_t i;
	for (i = 0; i < u->n_m; i++) {
		json_object *o;
		if (!u->m[i].missed)
			break;
		o = json_object_new_object();
		json_object_object_add(o, "item", json_object_new_string(u->m[i].item));
		json_object_object_add(o, "missed", json_object_new_int(u->m[i].missed));
		json_object_object_add(o, "graded", json_object_new_int(u->m[i].graded));
		json_object_array_add(arr, o);
	}
	return arr;
}

static json_object *jattempt(const struct results_attempt *a)
{
	json_object *o = json_object_new_object(), *items = json_object_new_array();
	size_t k;
	json_object_object_add(o, "scenario", json_object_new_string(a->scenario));
	json_object_object_add(o, "attempt", json_object_new_int(a->attempt));
	json_object_object_add(o, "score", json_object_new_int(a->score));
	json_object_object_add(o, "seconds", json_object_new_int(a->seconds));
	json_object_object_add(o, "started_at", jtime(a->started_at));
	json_object_object_add(o, "finished_at", jtime(a->ended_at));
	for (k = 0; k < a->n_items; k++) {
		const struct results_item *it = &a->items[k];
		json_object *i = json_object_new_object();
		json_object_object_add(i, "item", json_object_new_string(it->item));
		json_object_object_add(i, "matched", json_object_new_boolean(it->matched));
		json_object_object_add(i, "weight", json_object_new_int(it->weight));
		json_object_object_add(i, "points", json_object_new_int(it->points));
		json_object_object_add(i, "expected", json_object_new_string(it->expected));
		json_object_object_add(i, "got", json_object_new_string(it->got));
		json_object_array_add(items, i);
	}
	json_object_object_add(o, "items", items);
	return o;
}

int results_write_json(FILE *f, const struct results_attempt *a, size_t n,
		       char **err)
{
	json_object *root = json_object_new_object();
	json_object *trainees = json_object_new_array(), *group, *gs;
	struct gscn *g;
	struct sum all;
	size_t i = 0, k, ng;
	int nt;

	while (i < n) {
		size_t j = trainee_end(a, n, i);
		json_object *t = json_object_new_object(), *sc = json_object_new_array();
		json_object *att = json_object_new_array();
		struct sum u;
		summarise(&u, a + i, j - i);
		json_object_object_add(t, "trainee", json_object_new_string(a[i].trainee));
		for (k = 0; k < u.n_s; k++) {
			json_object *s = json_object_new_object();
			json_object_object_add(s, "scenario", json_object_new_string(u.s[k].scenario));
			json_object_object_add(s, "attempts", json_object_new_int(u.s[k].attempts));
			json_object_object_add(s, "first", json_object_new_int(u.s[k].first));
			json_object_object_add(s, "best", json_object_new_int(u.s[k].best));
			json_object_object_add(s, "last", jtime(u.s[k].last));
			json_object_array_add(sc, s);
		}
		json_object_object_add(t, "scenarios", sc);
		json_object_object_add(t, "missed", jmissed(&u));
		for (k = i; k < j; k++)
			json_object_array_add(att, jattempt(&a[k]));
		json_object_object_add(t, "attempts", att);
		json_object_array_add(trainees, t);
		sum_free(&u);
		i = j;
	}
	json_object_object_add(root, "trainees", trainees);

	g = group_scenarios(a, n, &ng, &nt);
	group = json_object_new_object();
	gs = json_object_new_array();
	json_object_object_add(group, "trainees", json_object_new_int(nt));
	json_object_object_add(group, "attempts", json_object_new_int((int)n));
	for (k = 0; k < ng; k++) {
		json_object *s = json_object_new_object();
		json_object_object_add(s, "scenario", json_object_new_string(g[k].scenario));
		json_object_object_add(s, "trainees", json_object_new_int(g[k].trainees));
		json_object_object_add(s, "mean_first", json_object_new_int(mean(g[k].first, g[k].trainees)));
		json_object_object_add(s, "mean_best", json_object_new_int(mean(g[k].best, g[k].trainees)));
		json_object_array_add(gs, s);
	}
	json_object_object_add(group, "scenarios", gs);
	summarise(&all, a, n);
	json_object_object_add(group, "missed", jmissed(&all));
	sum_free(&all);
	free(g);
	json_object_object_add(root, "group", group);

	fputs(json_object_to_json_string_ext(root, JSON_C_TO_STRING_PRETTY
					     | JSON_C_TO_STRING_NOSLASHESCAPE), f);
	fputc('\n', f);
	json_object_put(root);
	return write_failed(f, err);
}
