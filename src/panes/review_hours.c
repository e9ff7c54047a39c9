/* review_hours: see review_hours.h. */
#include <config.h>

#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "core/defaults.h"
#include "core/err.h"
#include "core/hours.h"
#include "core/i18n.h"
#include "panes/review_day.h"
#include "panes/review_hours.h"

/* The earliest opening and the latest closing of a day's hours (a dated
 * exception first); false when closed or not given. */
static bool day_hours(const char *text, const char *date, int *open, int *close)
{
	struct hours h = { 0 };
	struct tm tm;
	time_t from, to;
	char *why = NULL;
	int wday;
	bool found = false, ex = false;
	uint32_t i;

	*open = *close = 0;
	if (hours_parse(&h, text, &why) != 0 || date_local_day(date, &from, &to)) {
		free(why);
		hours_clear(&h);
		return false;
	}
	localtime_r(&from, &tm);
	wday = (tm.tm_wday + 6) % 7;
	for (i = 0; i < h.n_ex; i++)
		if (!strcmp(h.ex[i].date, date)) {
			ex = true;
			if (h.ex[i].closed)
				continue;
			if (!found || h.ex[i].open < *open)
				*open = h.ex[i].open;
			if (!found || h.ex[i].close > *close)
				*close = h.ex[i].close;
			found = true;
		}
	for (i = 0; i < h.n_spans && !ex; i++)
		if (h.spans[i].day == wday) {
			if (!found || h.spans[i].open < *open)
				*open = h.spans[i].open;
			if (!found || h.spans[i].close > *close)
				*close = h.spans[i].close;
			found = true;
		}
	hours_clear(&h);
	return found;
}

/* Minutes after local midnight. */
static int local_minute(time_t t)
{
	struct tm tm;
	localtime_r(&t, &tm);
	return tm.tm_hour * 60 + tm.tm_min;
}

/* An expected desk that has no file yet gets a row of its own, so that
 * "recorded nothing" has a desk to show. */
static size_t expected_desk(struct review_day *d, const char *desk)
{
	struct review_desk *k;
	d->desks = xrealloc(d->desks, (d->n_desks + 1) * sizeof *d->desks);
	k = &d->desks[d->n_desks];
	memset(k, 0, sizeof *k);
	k->desk = xstrdup(desk);
	k->name = xstrdup(desk);
	k->path = xstrdup("");
	return d->n_desks++;
}

/* The flags of the site's expected desks: nothing recorded, started late
 * or stopped early (by more than REVIEW_HOURS_GRACE minutes), each judged
 * only once that time has passed. */
void review_hours_check(struct review_day *d, const struct review_labels *labels,
			const char *const *desks, size_t n_desks)
{
	size_t e, i;
	time_t now = time(NULL);
	int now_min = now >= d->to ? 24 * 60 : now < d->from ? -1 : local_minute(now);

	for (e = 0; labels && e < labels->n_expected; e++) {
		const char *spec = labels->expected[e], *sp = strchr(spec, ' ');
		char *name;
		int open, close, first = -1, last = -1;
		size_t contacts = 0, any = (size_t)-1;
		if (!sp)
			continue;
		name = xstrndup(spec, (size_t)(sp - spec));
		if (!review_day_wanted(name, desks, n_desks) || !day_hours(sp + 1, d->date, &open, &close)) {
			free(name);
			continue;
		}
		for (i = 0; i < d->n_desks; i++) {
			struct review_desk *k = &d->desks[i];
			if (!k->desk || strcmp(k->desk, name))
				continue;
			k->open = open;
			k->close = close;
			if (any == (size_t)-1 || k->contacts > d->desks[any].contacts)
				any = i;
			contacts += k->contacts;
			if (k->contacts) {
				int f = local_minute(k->first), l = local_minute(k->last);
				first = first < 0 || f < first ? f : first;
				last = l > last ? l : last;
			}
		}
		if (any == (size_t)-1) {
			any = expected_desk(d, name);
			d->desks[any].open = open;
			d->desks[any].close = close;
		}
		if (!contacts) {
			if (now_min >= open + REVIEW_HOURS_GRACE)
				review_day_add_flag(d, any, REVIEW_FLAG_NOTHING);
		} else {
			if (first > open + REVIEW_HOURS_GRACE)
				review_day_add_flag(d, any, REVIEW_FLAG_STARTED_LATE);
			if (last < close - REVIEW_HOURS_GRACE && now_min >= close)
				review_day_add_flag(d, any, REVIEW_FLAG_STOPPED_EARLY);
		}
		free(name);
	}
}

char *review_hours_flag_text(const struct review_day *d, const struct review_flag *f)
{
	const struct review_desk *k = &d->desks[f->desk];
	char *r;
	char open[6], close[6], *at;
	hours_minutes_str(k->open, open);
	hours_minutes_str(k->close, close);
	if (f->kind == REVIEW_FLAG_NOTHING)
		/* TRANSLATORS: the desk's expected hours, e.g. 08:00-16:00. */
		return xasprintf(_("recorded nothing, though expected open %s-%s"), open, close);
	/* The desk's first or last contact over all its files. */
	{
		time_t first = 0, last = 0;
		size_t i;
		for (i = 0; i < d->n_desks; i++)
			if (d->desks[i].desk && k->desk && !strcmp(d->desks[i].desk, k->desk)
			    && d->desks[i].contacts) {
				if (!first || d->desks[i].first < first)
					first = d->desks[i].first;
				if (d->desks[i].last > last)
					last = d->desks[i].last;
			}
		at = review_time(f->kind == REVIEW_FLAG_STARTED_LATE ? first : last);
	}
	if (f->kind == REVIEW_FLAG_STARTED_LATE)
		r = xasprintf(_("started late: the first contact at %s, expected open from %s"), at, open);
	else
		r = xasprintf(_("stopped early: the last contact at %s, expected open until %s"), at, close);
	free(at);
	return r;
}
