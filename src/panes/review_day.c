/* review_day: see review_day.h.
 *
 * Loading reads each file twice, cheaply: once through stats_reader_day()
 * (which also tells whether the file can be read at all) and once in the
 * merged report_scan() over the readable files. report_scan() stops at the
 * first bad file; should a file fail only there (damage deep inside the
 * contact table), each file is scanned alone to find it, it is flagged,
 * and the rest are scanned again, so one bad file never hides the others. */
#include <config.h>

#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "core/err.h"
#include "core/i18n.h"
#include "core/paths.h"
#include "core/text.h"
#include "panes/review_day.h"
#include "panes/review_hours.h"

static const char *const top_titles[REVIEW_TOP__N] = {
	N_("Topics"), N_("Languages"), N_("Redirected to"),
	N_("Redirect reasons"), N_("Interpreters")
};

static const int top_dims[REVIEW_TOP__N] = {
	REPORT_TOPIC, REPORT_LANGUAGE, REPORT_REDIRECT, REPORT_REASON,
	REPORT_INTERPRETER
};

const char *review_top_title(enum review_top which)
{
	return (unsigned)which < REVIEW_TOP__N ? _(top_titles[which]) : "";
}

char *review_time(time_t t)
{
	char *s = NULL;
	i18n_format_time(t, &s);
	return s ? s : xstrdup("?");
}

static int local_hour(time_t t)
{
	struct tm tm;
	if (!localtime_r(&t, &tm))
		return 0;
	return tm.tm_hour >= 0 && tm.tm_hour < 24 ? tm.tm_hour : 0;
}

/* ---- loading ----------------------------------------------------------- */

bool review_day_wanted(const char *name, const char *const *desks, size_t n)
{
	size_t i;
	if (!n)
		return true;
	for (i = 0; i < n; i++)
		if (!strcmp(desks[i], name))
			return true;
	return false;
}

static void push_time(time_t **v, size_t n, time_t t)
{
	*v = xrealloc(*v, (n + 1) * sizeof **v);
	(*v)[n] = t;
}

static int cmp_time(const void *a, const void *b)
{
	time_t x = *(const time_t *)a, y = *(const time_t *)b;
	return x < y ? -1 : x > y;
}

/* The sign-offs, the drafts and the discarded drafts of one file (so may
 * be NULL: a sign-off file, whose day information is not wanted); an
 * error marks the desk unreadable. */
static void probe(struct review_desk *k, const char *date,
		  struct stats_signoffs *so)
{
	struct stats_day_info info;
	struct stats_reader *r = NULL;
	char *e = NULL;
	size_t i;

	if (stats_reader_open(&r, k->path, &e) != 0
	    || stats_reader_signoffs(r, so, &e) != 0
	    || stats_reader_day(r, date, &info, &e) != 0) {
		k->error = e ? e : xstrdup(k->path);
		stats_reader_free(&r);
		return;
	}
	stats_reader_free(&r);
	k->draft = info.draft;
	k->drafts = info.drafts;
	k->draft_at = info.draft_at;
	for (i = 0; i < info.n_events; i++)
		if (!strcmp(info.events[i].kind, "draft-discarded"))
			push_time(&k->discard_at, k->discarded++, info.events[i].at);
	stats_day_info_clear(&info);
}

static int count_row(const struct stats_row *r, void *ud)
{
	(void)r;
	(void)ud;
	return 0;
}

/* The readable desks' files into f. */
static void readable_files(struct review_day *d, struct report_files *f)
{
	size_t i;
	char *ignore = NULL;
	report_files_clear(f);
	for (i = 0; i < d->n_desks; i++)
		if (!d->desks[i].error
		    && report_files_add(f, d->desks[i].path, false, &ignore) != 0) {
			/* Gone since the probe: it is flagged below. */
			d->desks[i].error = ignore;
			ignore = NULL;
		}
	/* Sign-offs only, no contacts: for the late ones. */
	for (i = 0; i < d->n_signoff_files; i++)
		if (report_files_add(f, d->signoff_files[i], false, &ignore) != 0)
			err_free(&ignore);
	err_free(&ignore);
}

/* Every contact of the day from the readable files into d->rows. */
static void scan(struct review_day *d, const struct report_query *q)
{
	struct report_files f = { 0 };
	char *e = NULL;
	size_t i;
	int attempt;

	for (attempt = 0; attempt < 2; attempt++) {
		report_contacts_free(&d->rows);
		d->rows = report_contacts_new();
		readable_files(d, &f);
		if (report_scan(&f, q, report_contacts_add, d->rows, &e) == 0)
			break;
		err_free(&e);
		/* Which one? Each alone. */
		for (i = 0; i < d->n_desks; i++) {
			struct report_files one = { 0 };
			if (d->desks[i].error)
				continue;
			if (report_files_add(&one, d->desks[i].path, false, &e) != 0
			    || report_scan(&one, q, count_row, NULL, &e) != 0) {
				d->desks[i].error = e;
				e = NULL;
			}
			report_files_clear(&one);
		}
		if (attempt == 1) {
			/* Failing together but not alone: leave the contacts
			 * out rather than show half of them. */
			report_contacts_free(&d->rows);
			d->rows = report_contacts_new();
		}
	}
	report_files_clear(&f);
}

static struct review_desk *desk_of_file(struct review_day *d, const char *file)
{
	size_t i;
	for (i = 0; i < d->n_desks; i++)
		if (file && !strcmp(d->desks[i].path, file))
			return &d->desks[i];
	return NULL;
}

static void find_gaps(struct review_desk *k)
{
	int h, lo, hi;
	k->n_gaps = 0;
	if (!k->contacts)
		return;
	lo = local_hour(k->first);
	hi = local_hour(k->last);
	for (h = lo; h <= hi; h++)
		if (!k->hours[h])
			k->gaps[k->n_gaps++] = h;
}

static void add_row(struct review_day *d, struct review_desk *k,
		    const struct stats_row *r)
{
	struct review_desk *t = &d->total;
	int i;
	if (r->undone_at) {
		k->undone++;
		push_time(&k->undo_at, k->undone - 1, r->undone_at);
		t->undone++;
		return;
	}
	k->contacts++;
	t->contacts++;
	if (r->late) {
		push_time(&k->late_at, k->late++, r->saved_at);
		t->late++;
	}
	if (r->corrected_at) {
		push_time(&k->corrected_at, k->corrected++, r->corrected_at);
		t->corrected++;
	}
	k->hours[local_hour(r->started_at)]++;
	t->hours[local_hour(r->started_at)]++;
	if (!k->first || r->started_at < k->first)
		k->first = r->started_at;
	if (r->started_at > k->last)
		k->last = r->started_at;
	if (r->outcome && (!strcmp(r->outcome, "redirected")
			   || !strcmp(r->outcome, "consulted"))) {
		k->redirected++;
		t->redirected++;
	}
	if (r->interpreter && *r->interpreter && strcmp(r->interpreter, "none")) {
		k->interpreted++;
		t->interpreted++;
	}
	for (i = 0; i < REVIEW_TOP__N; i++)
		report_agg_add(d->agg[i], r);
}

void review_day_add_flag(struct review_day *d, size_t desk,
			 enum review_flag_kind kind)
{
	d->flags = xrealloc(d->flags, (d->n_flags + 1) * sizeof *d->flags);
	d->flags[d->n_flags].desk = desk;
	d->flags[d->n_flags].kind = kind;
	d->n_flags++;
}

static void tally(struct review_day *d)
{
	size_t n = report_contacts_n(d->rows), i, j, at = 0;
	struct review_desk *t = &d->total;

	d->order = xcalloc(n ? n : 1, sizeof *d->order);
	for (i = 0; i < n; i++) {
		const struct stats_row *r = report_contacts_get(d->rows, i);
		struct review_desk *k = desk_of_file(d, r->file);
		if (k)
			add_row(d, k, r);
	}
	for (j = 0; j < d->n_desks; j++) {
		struct review_desk *k = &d->desks[j];
		k->first_row = at;
		for (i = 0; i < n; i++)
			if (desk_of_file(d, report_contacts_get(d->rows, i)->file) == k)
				d->order[at++] = i;
		k->n_rows = at - k->first_row;
		if (k->undone)
			qsort(k->undo_at, k->undone, sizeof *k->undo_at, cmp_time);
		if (k->late)
			qsort(k->late_at, k->late, sizeof *k->late_at, cmp_time);
		if (k->corrected)
			qsort(k->corrected_at, k->corrected, sizeof *k->corrected_at,
			      cmp_time);
		find_gaps(k);
		if (k->contacts && (!t->first || k->first < t->first))
			t->first = k->first;
		if (k->last > t->last)
			t->last = k->last;
		k->unsaved = k->discarded + k->drafts;
		t->discarded += k->discarded;
		t->unsaved += k->unsaved;
		t->draft = t->draft || k->draft;
		if (k->error)
			review_day_add_flag(d, j, REVIEW_FLAG_UNREADABLE);
		if (k->n_gaps)
			review_day_add_flag(d, j, REVIEW_FLAG_GAP);
		if (k->draft)
			review_day_add_flag(d, j, REVIEW_FLAG_DRAFT);
		if (k->discarded)
			review_day_add_flag(d, j, REVIEW_FLAG_DISCARDED);
		if (k->undone)
			review_day_add_flag(d, j, REVIEW_FLAG_UNDO);
		if (k->late)
			review_day_add_flag(d, j, REVIEW_FLAG_LATE);
		if (k->corrected)
			review_day_add_flag(d, j, REVIEW_FLAG_CORRECTED);
	}
	find_gaps(t);
}

int review_day_load(struct review_day **out, const char *dir,
		    const char *date, const char *const *desks,
		    size_t n_desks, const struct review_labels *labels,
		    char **err)
{
	struct review_day *d;
	struct report_files all = { 0 };
	struct report_query q;
	size_t i;

	*out = NULL;
	d = xcalloc(1, sizeof *d);
	if (date_local_day(date, &d->from, &d->to)) {
		err_set(err, _("'%s' is not a date; write it as YYYY-MM-DD"), date);
		free(d);
		return -1;
	}
	snprintf(d->date, sizeof d->date, "%s", date);
	d->dir = xstrdup(dir);
	if (report_files_add(&all, dir, true, err) != 0) {
		review_day_free(&d);
		return -1;
	}
	for (i = 0; i < all.n; i++) {
		char *desk, *user;
		struct review_desk *k, so_file;
		stats_file_parse(all.paths[i], &desk, &user);
		if (!*desk) {
			/* A supervisor's sign-offs: listed only when they
			 * cannot be read (the day's state may be wrong). */
			memset(&so_file, 0, sizeof so_file);
			so_file.path = xstrdup(all.paths[i]);
			probe(&so_file, d->date, &d->signoffs);
			if (!so_file.error) {
				d->signoff_files = xrealloc(d->signoff_files,
							    (d->n_signoff_files + 1) * sizeof *d->signoff_files);
				d->signoff_files[d->n_signoff_files++] = so_file.path;
				free(desk);
				free(user);
				continue;
			}
			free(so_file.path);
			free(so_file.error);
		} else if (!review_day_wanted(desk, desks, n_desks)) {
			/* Its sign-offs count all the same. */
			memset(&so_file, 0, sizeof so_file);
			so_file.path = all.paths[i];
			probe(&so_file, d->date, &d->signoffs);
			free(so_file.error);
			free(so_file.discard_at);
			free(desk);
			free(user);
			continue;
		}
		d->desks = xrealloc(d->desks, (d->n_desks + 1) * sizeof *d->desks);
		k = &d->desks[d->n_desks++];
		memset(k, 0, sizeof *k);
		k->desk = desk;
		k->user = user;
		k->name = user ? xasprintf("%s (%s)", *desk ? desk : "?", user)
			       : xstrdup(desk);
		k->path = xstrdup(all.paths[i]);
		probe(k, d->date, &d->signoffs);
	}
	/* The warnings go to the day; the files' list is done. */
	d->warnings = all.warnings;
	d->n_warnings = all.n_warnings;
	all.warnings = NULL;
	all.n_warnings = 0;
	report_files_clear(&all);
	{
		const struct stats_signoff *last;
		d->closed = stats_signoffs_closed(&d->signoffs, d->date, time(NULL), &last);
		if (d->closed) {
			d->closed_at = last->at;
			d->closed_by = last->by ? xstrdup(last->by) : NULL;
		}
		for (i = 0; i < d->n_desks; i++) {
			struct review_desk *k = &d->desks[i];
			if (k->error || !d->closed)
				continue;
			k->closed = true;
			k->closed_at = d->closed_at;
			k->closed_by = d->closed_by ? xstrdup(d->closed_by) : NULL;
		}
	}

	for (i = 0; i < REVIEW_TOP__N; i++) {
		d->agg[i] = report_agg_new(top_dims[i], -1);
		if (labels && labels->fn)
			report_agg_set_labels(d->agg[i], labels->fn, labels->ud);
	}
	memset(&q, 0, sizeof q);
	q.from = d->from;
	q.to = d->to;
	q.desks = desks;
	q.n_desks = n_desks;
	q.include_undone = true;
	scan(d, &q);
	tally(d);
	review_hours_check(d, labels, desks, n_desks);
	if (labels) {
		d->note_limit = labels->note_limit;
		d->note_days = labels->note_days;
	}
	*out = d;
	return 0;
}

static void desk_clear(struct review_desk *k)
{
	free(k->name);
	free(k->desk);
	free(k->user);
	free(k->late_at);
	free(k->corrected_at);
	free(k->path);
	free(k->error);
	free(k->undo_at);
	free(k->discard_at);
	free(k->closed_by);
}

void review_day_free(struct review_day **dp)
{
	struct review_day *d;
	size_t i;
	if (!dp || !*dp)
		return;
	d = *dp;
	for (i = 0; i < d->n_desks; i++)
		desk_clear(&d->desks[i]);
	free(d->desks);
	free(d->total.undo_at);
	free(d->total.discard_at);
	for (i = 0; i < d->n_signoff_files; i++)
		free(d->signoff_files[i]);
	free(d->signoff_files);
	for (i = 0; i < d->n_warnings; i++)
		free(d->warnings[i]);
	free(d->warnings);
	stats_signoffs_clear(&d->signoffs);
	free(d->closed_by);
	free(d->flags);
	free(d->order);
	free(d->dir);
	report_contacts_free(&d->rows);
	for (i = 0; i < REVIEW_TOP__N; i++)
		report_agg_free(&d->agg[i]);
	free(d);
	*dp = NULL;
}

/* ---- questions --------------------------------------------------------- */

const struct stats_row *review_day_row(const struct review_day *d,
					const struct review_desk *desk,
					size_t j)
{
	if (!d->rows || j >= desk->n_rows)
		return NULL;
	return report_contacts_get(d->rows, d->order[desk->first_row + j]);
}

size_t review_day_readable(const struct review_day *d, size_t *closed)
{
	size_t i, n = 0, c = 0;
	for (i = 0; i < d->n_desks; i++)
		if (!d->desks[i].error) {
			n++;
			c += d->desks[i].closed;
		}
	if (closed)
		*closed = c;
	return n;
}

const struct review_desk *review_day_last_close(const struct review_day *d)
{
	const struct review_desk *best = NULL;
	size_t i;
	for (i = 0; i < d->n_desks; i++)
		if (d->desks[i].closed && (!best || d->desks[i].closed_at > best->closed_at))
			best = &d->desks[i];
	return best;
}

struct top_sort {
	size_t idx, count;
};

static int by_count_desc(const void *pa, const void *pb)
{
	const struct top_sort *a = pa, *b = pb;
	if (a->count != b->count)
		return a->count > b->count ? -1 : 1;
	return a->idx < b->idx ? -1 : a->idx > b->idx;
}

size_t review_day_top(const struct review_day *d, enum review_top which,
		      struct review_entry *out, size_t max)
{
	const struct report_agg *a;
	struct top_sort *v;
	size_t n, i, k = 0;

	if ((unsigned)which >= REVIEW_TOP__N)
		return 0;
	a = d->agg[which];
	n = report_agg_size(a, 0);
	v = xcalloc(n ? n : 1, sizeof *v);
	for (i = 0; i < n; i++) {
		const char *code = report_agg_code(a, 0, i);
		size_t c = report_agg_count(a, 0, i);
		if (!c || !*code || (which == REVIEW_TOP_INTERPRETER && !strcmp(code, "none")))
			continue;
		v[k].idx = i;
		v[k].count = c;
		k++;
	}
	qsort(v, k, sizeof *v, by_count_desc);
	for (i = 0; i < k && i < max; i++) {
		out[i].code = report_agg_code(a, 0, v[i].idx);
		out[i].label = report_agg_label(a, 0, v[i].idx);
		out[i].count = v[i].count;
	}
	free(v);
	return i;
}

/* "10.05, 14.40" (at most a handful, then an ellipsis). */
static char *times_text(const time_t *t, size_t n)
{
	char *s = xstrdup(""), *u;
	size_t i, shown = n > 6 ? 5 : n;
	for (i = 0; i < shown; i++) {
		char *one = review_time(t[i]);
		u = xasprintf("%s%s%s", s, i ? ", " : "", one);
		free(one);
		free(s);
		s = u;
	}
	if (shown < n) {
		u = xasprintf("%s, %s", s, text_locale_utf8() ? "\u2026" : "...");
		free(s);
		s = u;
	}
	return s;
}

/* "11-12, 14-16": runs of gap hours. */
static char *hours_text(const int *h, size_t n)
{
	char *s = xstrdup(""), *u;
	size_t i = 0;
	while (i < n) {
		size_t j = i;
		while (j + 1 < n && h[j + 1] == h[j] + 1)
			j++;
		u = xasprintf("%s%s%02d-%02d", s, i ? ", " : "", h[i], (h[j] + 1) % 24);
		free(s);
		s = u;
		i = j + 1;
	}
	return s;
}

const char *review_desk_reason(const struct review_desk *k)
{
	size_t n;
	if (!k->error)
		return NULL;
	n = strlen(k->path);
	if (!strncmp(k->error, k->path, n) && k->error[n] == ':' && k->error[n + 1] == ' ')
		return k->error + n + 2;
	return k->error;
}

char *review_flag_text(const struct review_day *d, const struct review_flag *f)
{
	const struct review_desk *k;
	char *list, *t, *r;

	if (!f || f->desk >= d->n_desks)
		return xstrdup("");
	k = &d->desks[f->desk];
	switch (f->kind) {
	case REVIEW_FLAG_UNREADABLE:
		return xstrdup(k->error ? review_desk_reason(k) : "");
	case REVIEW_FLAG_GAP:
		list = hours_text(k->gaps, k->n_gaps);
		/* TRANSLATORS: %s is a list of hours, e.g. "11-12, 14-16". */
		r = xasprintf(ngettext("no contacts in the hour %s",
				       "no contacts in the hours %s", k->n_gaps), list);
		free(list);
		return r;
	case REVIEW_FLAG_DRAFT:
		t = review_time(k->draft_at);
		r = xasprintf(_("a contact left unsaved (from %s)"), t);
		free(t);
		return r;
	case REVIEW_FLAG_DISCARDED:
		list = times_text(k->discard_at, k->discarded);
		r = xasprintf(ngettext("%zu unsaved contact discarded (%s)",
				       "%zu unsaved contacts discarded (%s)",
				       k->discarded), k->discarded, list);
		free(list);
		return r;
	case REVIEW_FLAG_UNDO:
		list = times_text(k->undo_at, k->undone);
		r = xasprintf(ngettext("%zu contact undone (%s)",
				       "%zu contacts undone (%s)", k->undone),
			      k->undone, list);
		free(list);
		return r;
	case REVIEW_FLAG_LATE:
		list = times_text(k->late_at, k->late);
		/* TRANSLATORS: %s lists the times they were saved. */
		r = xasprintf(ngettext("%zu contact saved after the day was closed (%s)",
				       "%zu contacts saved after the day was closed (%s)",
				       k->late), k->late, list);
		free(list);
		return r;
	case REVIEW_FLAG_CORRECTED:
		list = times_text(k->corrected_at, k->corrected);
		/* TRANSLATORS: contacts changed after their save (the
		 * desk's correct key); %s lists when each was last changed. */
		r = xasprintf(ngettext("%zu contact corrected after its save (%s)",
				       "%zu contacts corrected after their save (%s)",
				       k->corrected), k->corrected, list);
		free(list);
		return r;
	case REVIEW_FLAG_NOTHING:
	case REVIEW_FLAG_STARTED_LATE:
	case REVIEW_FLAG_STOPPED_EARLY:
		return review_hours_flag_text(d, f);
	}
	return xstrdup("");
}

/* ---- changes ----------------------------------------------------------- */

int review_day_sign_off(const struct review_day *d,
			enum stats_signoff_action action, const char *by,
			const struct stats_opts *opts, char **err)
{
	struct stats_opts o;
	struct stats *st = NULL;
	char *user, *path;
	int rc;

	if (action == STATS_CLOSE && d->from > time(NULL)) {
		err_set(err, _("%s has not begun yet; only a day that has begun can be closed"),
			d->date);
		return -1;
	}
	if (action == STATS_CLOSE && d->closed) {
		char *at = review_time(d->closed_at);
		err_set(err, _("%s is closed already (by %s at %s)."), d->date,
			d->closed_by ? d->closed_by : "?", at);
		free(at);
		return 1;
	}
	if (action == STATS_REOPEN && !d->closed) {
		err_set(err, _("%s is not closed; there is nothing to reopen."), d->date);
		return 1;
	}
	if (opts)
		o = *opts;
	else
		memset(&o, 0, sizeof o);
	o.desk = "";
	o.session = NULL;
	user = paths_user_name();
	path = stats_signoff_path(d->dir, user);
	free(user);
	rc = stats_open(&st, path, &o, err);
	if (rc == 0)
		rc = stats_sign_off(st, d->date, action, by, err);
	stats_close(&st);
	free(path);
	return rc;
}

bool review_day_notes_expired(const struct review_day *d)
{
	/* A day wholly past the retention: its notes are due to be purged
	 * and are not shown (a day on the edge shows them, a day over at
	 * most). */
	return d->note_limit && (d->note_days <= 0
				 || d->to < time(NULL) - (time_t)d->note_days * 86400);
}

int review_day_notes(const struct review_day *d,
		     const struct review_desk *desk, stats_note_fn fn,
		     void *ud, char **err)
{
	struct stats_reader *r = NULL;
	int rc;
	if (review_day_notes_expired(d))
		return 0;
	if (stats_reader_open(&r, desk->path, err) != 0)
		return -1;
	rc = stats_reader_notes(r, d->from, d->to, fn, ud, err);
	stats_reader_free(&r);
	return rc;
}
