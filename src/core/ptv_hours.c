/* ptv_hours: see ptv_hours.h.
 *
 * Into core/hours' model: DaysOfTheWeek (and Special) entries valid from
 * today with no end are the weekly hours; those with an end date or a
 * later start become dated exceptions for the days of their period in
 * the next year; Exceptional entries are dated exceptions (closed, or
 * their hours), and win over the others. An interval past midnight is
 * split at 24:00 into the next day; a dayFrom..dayTo period is open
 * throughout; isAlwaysOpen (or 00:00 to 00:00) is open all day. */
#include <config.h>

#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "core/err.h"
#include "core/hours.h"
#include "core/i18n.h"
#include "core/ptv_hours.h"

static const char *const day_names[] = {
	"Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"
};

#define PTV_HORIZON 366		/* days of dated hours kept ahead */

struct hctx {
	struct regjson *j;	/* the page: its reads and problems */
	long today;		/* days since the epoch */
};

static int weekday(const char *s)
{
	int d;
	for (d = 0; s && d < 7; d++)
		if (!strcasecmp(s, day_names[d]))
			return d;
	return -1;
}

/* The weekly spans one entry's openingHour lists, into w. */
static void entry_spans(struct hctx *p, json_object *e, struct hours *w)
{
	json_object *a = regjson_array(p->j, e, "openingHour");
	size_t i, n = a ? json_object_array_length(a) : 0;
	if (regjson_bool(p->j, e, "isAlwaysOpen") ||
	    regjson_bool(p->j, e, "isNonStop")) {
		int d;
		for (d = 0; d < 7; d++)
			hours_add_span(w, d, 0, 1440);
		return;
	}
	for (i = 0; i < n; i++) {
		json_object *oh = json_object_array_get_idx(a, i);
		char *df = regjson_str(p->j, oh, "dayFrom", 32, false);
		char *dt = regjson_str(p->j, oh, "dayTo", 32, false);
		char *fs = regjson_str(p->j, oh, "from", 32, false);
		char *ts = regjson_str(p->j, oh, "to", 32, false);
		int d0 = weekday(df), d1 = dt ? weekday(dt) : d0;
		int from = regjson_minutes(fs), to = regjson_minutes(ts);
		if (d0 < 0 || d1 < 0 || from < 0 || to < 0) {
			regjson_problem(p->j, false,
					_("opening hours \"%s %s-%s\" not understood; left out"),
					df ? df : "?", fs ? fs : "?", ts ? ts : "?");
		} else if (d1 != d0) {
			/* Open from dayFrom's from to dayTo's to. */
			int d = d0;
			hours_add_span(w, d, from, 1440);
			for (d = (d + 1) % 7; d != d1; d = (d + 1) % 7)
				hours_add_span(w, d, 0, 1440);
			if (to > 0)
				hours_add_span(w, d1, 0, to);
		} else if (to > from) {
			hours_add_span(w, d0, from, to);
		} else if (to == 0) {
			hours_add_span(w, d0, from, 1440);	/* to midnight */
		} else {
			/* Past midnight: the rest in the next day. */
			hours_add_span(w, d0, from, 1440);
			hours_add_span(w, (d0 + 1) % 7, 0, to);
		}
		free(df);
		free(dt);
		free(fs);
		free(ts);
	}
}

static bool date_taken(const struct hours *h, const char *date)
{
	uint32_t i;
	for (i = 0; i < h->n_ex; i++)
		if (!strcmp(h->ex[i].date, date))
			return true;
	return false;
}

/* Dated hours for days first..last (within the horizon), from the
 * weekly spans w (closed on a day without spans), or closed. */
static void dated(struct hctx *p, struct hours *h, long first, long last,
		  const struct hours *w, bool closed)
{
	long d;
	if (first < p->today)
		first = p->today;
	if (last > p->today + PTV_HORIZON)
		last = p->today + PTV_HORIZON;
	for (d = first; d <= last; d++) {
		char date[11];
		int wd = (int)((d + 3) % 7);	/* 1970-01-01 was a Thursday */
		uint32_t i;
		bool open = false;
		hours_days_date(d, date);
		if (date_taken(h, date))
			continue;	/* an exceptional day wins */
		for (i = 0; !closed && i < w->n_spans; i++)
			if (w->spans[i].day == wd) {
				hours_add_exception(h, date, false, w->spans[i].open,
						    w->spans[i].close);
				open = true;
			}
		if (!open)
			hours_add_exception(h, date, true, 0, 0);
	}
}

static void entry_dates(struct hctx *p, json_object *e, long *from, long *to,
			bool *has_from, bool *has_to)
{
	char *vf = regjson_str(p->j, e, "validFrom", 64, false);
	char *vt = regjson_str(p->j, e, "validTo", 64, false);
	*has_from = vf && regjson_date(vf, from);
	*has_to = vt && regjson_date(vt, to);
	if ((vf && !*has_from) || (vt && !*has_to))
		regjson_problem(p->j, false, _("validFrom/validTo \"%s\"/\"%s\" is not a date; taken as open-ended"),
				vf ? vf : "", vt ? vt : "");
	free(vf);
	free(vt);
}

void ptv_hours_read(struct regjson *j, long today, json_object *ch, struct hours *h)
{
	struct hctx ctx = { j, today }, *p = &ctx;
	json_object *a = regjson_array(p->j, ch, "serviceHours");
	size_t i, n = a ? json_object_array_length(a) : 0;
	int pass;
	/* Exceptional days first: they win over the periods. */
	for (pass = 0; pass < 2; pass++)
		for (i = 0; i < n; i++) {
			json_object *e = json_object_array_get_idx(a, i);
			char *type = regjson_str(p->j, e, "serviceHourType", 64, false);
			bool exc = type && !strcmp(type, "Exceptional");
			long from = 0, to = 0;
			bool hf, ht;
			struct hours w = { 0 };
			free(type);
			if (exc != (pass == 0))
				continue;
			entry_dates(p, e, &from, &to, &hf, &ht);
			if (exc) {
				if (!hf) {
					regjson_problem(p->j, false, _("exceptional hours without validFrom; left out"));
					continue;
				}
				if (!ht)
					to = from;
				if (!regjson_bool(p->j, e, "isClosed")) {
					/* Its hours on every day of the range,
					 * whichever weekday they name. */
					struct hours day = { 0 }, all = { 0 };
					uint32_t k;
					int d;
					entry_spans(p, e, &day);
					for (d = 0; d < 7; d++)
						for (k = 0; k < day.n_spans; k++)
							hours_add_span(&all, d, day.spans[k].open,
								       day.spans[k].close);
					dated(p, h, from, to, &all, all.n_spans == 0);
					hours_clear(&day);
					hours_clear(&all);
				} else {
					dated(p, h, from, to, &w, true);
				}
				continue;
			}
			if (ht && to < p->today)
				continue;	/* over */
			entry_spans(p, e, &w);
			if (regjson_bool(p->j, e, "isClosed"))
				hours_clear(&w);
			if (!ht && (!hf || from <= p->today)) {
				uint32_t k;
				for (k = 0; k < w.n_spans; k++)
					hours_add_span(h, w.spans[k].day, w.spans[k].open,
						       w.spans[k].close);
			} else {
				dated(p, h, hf ? from : p->today,
				      ht ? to : p->today + PTV_HORIZON, &w, false);
			}
			hours_clear(&w);
		}
}
