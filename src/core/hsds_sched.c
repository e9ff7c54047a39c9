/* hsds_sched: HSDS schedules as neuvoo's weekly hours and dated
 * exceptions (see hsds_import.c for the rules), for services (1.x
 * regular and holiday schedules, 3.x schedule) and resources. */
#include <config.h>

#include <errno.h>
#include <limits.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>

#include "core/catalogue.h"
#include "core/codes.h"
#include "core/csv.h"
#include "core/err.h"
#include "core/hours.h"
#include "core/hsds.h"
#include "core/hsds_cols.h"
#include "core/hsds_import.h"
#include "core/i18n.h"
#include "core/paths.h"
#include "core/strmap.h"
#include "core/text.h"

static const char *const day_names[7] = { "monday", "tuesday", "wednesday",
					  "thursday", "friday", "saturday",
					  "sunday" };

static bool truthy(const char *s)
{
	static const char *const yes[] = { "1", "true", "t", "yes", "y" };
	size_t i;
	char *t = hsds_trimmed(s);
	bool ok = false;
	for (i = 0; t && i < sizeof yes / sizeof *yes; i++)
		if (strcasecmp(t, yes[i]) == 0)
			ok = true;
	free(t);
	return ok;
}

/* "9", "09:00", "9.00", "09:00:00", "09:00Z", "09:00+02:00": minutes after
 * midnight, or -1. */
static int parse_clock(const char *s)
{
	int h = 0, m = 0, n = 0;
	const char *p = s;
	while (*p == ' ')
		p++;
	if (*p < '0' || *p > '9')
		return -1;
	while (*p >= '0' && *p <= '9' && n < 3) {
		h = h * 10 + (*p++ - '0');
		n++;
	}
	if (n > 2)
		return -1;
	if (*p == ':' || *p == '.') {
		p++;
		if (p[0] < '0' || p[0] > '5' || p[1] < '0' || p[1] > '9')
			return -1;
		m = (p[0] - '0') * 10 + (p[1] - '0');
		p += 2;
		if (*p == ':') {	/* seconds, ignored */
			if (p[1] < '0' || p[1] > '5' || p[2] < '0' ||
			    p[2] > '9')
				return -1;
			p += 3;
		}
	}
	if (*p == 'Z' || *p == 'z')
		p++;
	else if (*p == '+' || *p == '-')
		p += strspn(p + 1, "0123456789:") + 1;
	while (*p == ' ')
		p++;
	if (*p || h > 24 || (h == 24 && m))
		return -1;
	return h * 60 + m;
}

/* "MO", "Monday", "mon", "1" (ISO: 1 = Monday): 0..6, or -1. */
static int parse_day(const char *s)
{
	char *t = hsds_trimmed(s);
	int d = -1, i;
	size_t n;
	if (!t)
		return -1;
	n = strlen(t);
	if (n == 1 && t[0] >= '1' && t[0] <= '7')
		d = t[0] - '1';
	else if (n >= 2)
		for (i = 0; i < 7; i++)
			if (n <= strlen(day_names[i]) &&
			    strncasecmp(t, day_names[i], n) == 0)
				d = i;
	free(t);
	return d;
}

static void sched_cols_find(const struct hsds_found *fd, struct sched_cols *c)
{
	/* By enum sched_col. */
	static const char *const names[SC__N] = {
		"weekday", "byday", "freq", "interval", "opens_at", "closes_at",
		"valid_from", "valid_to", "dtstart", "start_date", "end_date",
		"closed",
	};
	int i;
	for (i = 0; i < SC__N; i++)
		c->c[i] = hsds_own(fd, names[i]);
}

/* Opening and closing minutes of a row; false (warned) when unusable. */
static bool row_times(struct imp *im, struct csv_reader *r,
		      const struct sched_cols *c, int *open, int *close)
{
	const char *o = csv_field(r, c->c[SC_OPENS]), *e = csv_field(r, c->c[SC_CLOSES]);
	if (hsds_blank(o) || hsds_blank(e)) {
		hsds_warn(im, r, _("opens_at and closes_at are both needed; row skipped"));
		return false;
	}
	*open = parse_clock(o);
	*close = parse_clock(e);
	if (*open < 0 || *close < 0) {
		hsds_warn(im, r, _("times \"%s\"-\"%s\" are not HH:MM; row skipped"),
		      o, e);
		return false;
	}
	if (*open == 1440)
		*open = -1;
	if (*close == 0 && *open > 0)
		*close = 1440;	/* closes at midnight */
	if (*open < 0 || *close <= *open) {
		hsds_warn(im, r, _("closes at or before it opens (hours past midnight are not supported); row skipped"));
		return false;
	}
	return true;
}

/* Days of the week named by a 1.x weekday or a 3.x byday, as a bit set in
 * order of appearance into days[]; returns how many, or -1 (warned). */
static int row_days(struct imp *im, struct csv_reader *r, const char *list,
		    int days[7])
{
	char *copy = xstrdup(list), *save = NULL, *tok;
	int n = 0, seen = 0;
	for (tok = strtok_r(copy, ", ;", &save); tok;
	     tok = strtok_r(NULL, ", ;", &save)) {
		int d = parse_day(tok);
		if (d < 0) {
			if (strpbrk(tok, "+-0123456789"))
				hsds_warn(im, r, _("monthly days such as \"%s\" cannot be weekly hours; row skipped"),
				      tok);
			else
				hsds_warn(im, r, _("unknown day \"%s\"; row skipped"),
				      tok);
			free(copy);
			return -1;
		}
		if (!(seen & (1 << d))) {
			seen |= 1 << d;
			days[n++] = d;
		}
	}
	free(copy);
	return n;
}

void hsds_sched_row(struct imp *im, struct csv_reader *r,
		      const struct sched_cols *c, struct hours *h)
{
	const char *days_s = csv_field(r, c->c[SC_WEEKDAY]);
	const char *freq = csv_field(r, c->c[SC_FREQ]);
	const char *start, *end;
	long d0, d1, d;
	int days[7], n, i, open = 0, close = 0;
	bool closed;

	if (hsds_blank(days_s))
		days_s = csv_field(r, c->c[SC_BYDAY]);
	if (!hsds_blank(days_s)) {
		char *iv = hsds_trimmed(csv_field(r, c->c[SC_INTERVAL]));
		bool bad_iv = iv && strcmp(iv, "1") != 0;
		free(iv);
		if (freq && !hsds_blank(freq) && strcasecmp(freq, "WEEKLY") != 0 &&
		    strcasecmp(freq, "DAILY") != 0) {
			hsds_warn(im, r, _("freq \"%s\" cannot be weekly hours; row skipped"),
			      freq);
			return;
		}
		if (bad_iv) {
			hsds_warn(im, r, _("an interval other than 1 cannot be weekly hours; row skipped"));
			return;
		}
		n = row_days(im, r, days_s, days);
		if (n <= 0 || !row_times(im, r, c, &open, &close))
			return;
		for (i = 0; i < n; i++)
			hours_add_span(h, days[i], open, close);
		return;
	}

	start = csv_field(r, c->c[SC_START_DATE]);
	end = csv_field(r, c->c[SC_END_DATE]);
	if (hsds_blank(start)) {
		start = csv_field(r, c->c[SC_FROM]);
		end = csv_field(r, c->c[SC_TO]);
	}
	if (hsds_blank(start))
		start = csv_field(r, c->c[SC_DTSTART]);
	if (hsds_blank(start)) {
		if (!hsds_blank(csv_field(r, c->c[SC_OPENS])))
			hsds_warn(im, r, _("hours with neither a day of the week nor a date; row skipped"));
		return;
	}
	if (!hsds_parse_date(start, &d0)) {
		hsds_warn(im, r, _("date \"%s\" is not YYYY-MM-DD; row skipped"),
		      start);
		return;
	}
	d1 = d0;
	if (!hsds_blank(end) && !hsds_parse_date(end, &d1)) {
		hsds_warn(im, r, _("date \"%s\" is not YYYY-MM-DD; row skipped"),
		      end);
		return;
	}
	if (d1 < d0 || d1 - d0 > 366) {
		hsds_warn(im, r, _("dates do not make a range of at most a year; row skipped"));
		return;
	}
	closed = truthy(csv_field(r, c->c[SC_CLOSED])) ||
		 (hsds_blank(csv_field(r, c->c[SC_OPENS])) &&
		  hsds_blank(csv_field(r, c->c[SC_CLOSES])));
	if (!closed && !row_times(im, r, c, &open, &close))
		return;
	for (d = d0; d <= d1; d++) {
		char buf[11];
		hours_days_date(d, buf);
		hours_add_exception(h, buf, closed, open, close);
	}
}

void hsds_schedule_row(struct imp *im, const struct hsds_found *fd)
{
	long si = hsds_row_located(im, fd);
	if (si >= 0)
		hsds_sched_row(im, fd->r, &im->sched, &im->cat->services[si].hours);
}

void hsds_sched_begin(struct imp *im, const struct hsds_found *fd)
{
	sched_cols_find(fd, &im->sched);
}

void hsds_rhours_row(struct imp *im, const struct hsds_found *fd)
{
	long ri = hsds_row_resource(im, fd->r, hsds_own(fd, "resource_id"));
	if (ri >= 0)
		hsds_sched_row(im, fd->r, &im->sched, &im->cat->resources[ri].hours);
}
