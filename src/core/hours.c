/* hours: see hours.h.
 *
 * Weekly spans never cross midnight (a night shift is two spans), so "open
 * at" is a plain look-up of the day's spans. A date with exceptions replaces
 * the weekly hours of that day entirely: it is either closed or open only in
 * its listed intervals. With no weekly hours known, a day without an
 * exception is unknown rather than closed. */
#include <config.h>

#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "core/err.h"
#include "core/date.h"
#include "core/hours.h"

static const char *local_day(int d);
#include "core/i18n.h"

static const char *const day_names[7] = { "mo", "tu", "we", "th", "fr", "sa", "su" };

void hours_clear(struct hours *h)
{
	if (!h)
		return;
	free(h->spans);
	free(h->ex);
	h->spans = NULL;
	h->ex = NULL;
	h->n_spans = 0;
	h->n_ex = 0;
}

void hours_minutes_str(int minutes, char buf[6])
{
	if (minutes < 0 || minutes > 1440)
		minutes = 0;
	snprintf(buf, 6, "%02d:%02d", minutes / 60 % 100, minutes % 60);
}

/* Parse a time of len bytes: H, HH, H.MM, H:MM; 24.00 is the latest. */
static int parse_time_n(const char *s, size_t len)
{
	size_t i = 0;
	int h = 0, m = 0, digits = 0;

	while (i < len && isdigit((unsigned char)s[i]) && digits < 2) {
		h = h * 10 + (s[i] - '0');
		i++;
		digits++;
	}
	if (digits == 0)
		return -1;
	if (i < len) {
		if (s[i] != '.' && s[i] != ':')
			return -1;
		i++;
		if (len - i != 2 || !isdigit((unsigned char)s[i]) ||
		    !isdigit((unsigned char)s[i + 1]))
			return -1;
		m = (s[i] - '0') * 10 + (s[i + 1] - '0');
		i += 2;
	}
	if (i != len || m > 59 || h > 24 || (h == 24 && m != 0))
		return -1;
	return h * 60 + m;
}

int hours_parse_time(const char *s)
{
	if (!s)
		return -1;
	return parse_time_n(s, strlen(s));
}

bool hours_valid_date(const char *s)
{
	return date_valid(s);
}

/* Civil dates and day numbers (proleptic Gregorian): the well-known
 * era-based conversion. */
long hours_date_days(const char *ymd)
{
	int y = atoi(ymd), m = atoi(ymd + 5), d = atoi(ymd + 8);
	long era, yoe, doy, doe;
	y -= m <= 2;
	era = (y >= 0 ? y : y - 399) / 400;
	yoe = y - era * 400;
	doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
	doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
	return era * 146097 + doe - 719468;
}

void hours_days_date(long z, char buf[11])
{
	long era, doe, yoe, doy, mp;
	int y, m, d;
	z += 719468;
	era = (z >= 0 ? z : z - 146096) / 146097;
	doe = z - era * 146097;
	yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
	doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
	mp = (5 * doy + 2) / 153;
	d = (int)(doy - (153 * mp + 2) / 5 + 1);
	m = (int)(mp < 10 ? mp + 3 : mp - 9);
	y = (int)(yoe + era * 400 + (m <= 2));
	snprintf(buf, 11, "%04u-%02u-%02u", (unsigned)y % 10000u,
		 (unsigned)m % 100u, (unsigned)d % 100u);
}

int hours_add_span(struct hours *h, int day, int open, int close)
{
	struct hours_span *sp;
	if (!hours_span_ok(day, open, close))
		return -1;
	h->spans = xrealloc(h->spans, (h->n_spans + 1) * sizeof *h->spans);
	sp = &h->spans[h->n_spans++];
	sp->day = (uint8_t)day;
	sp->open = (uint16_t)open;
	sp->close = (uint16_t)close;
	return 0;
}

/* Whether date already has a closed (closed=true) or an open exception:
 * a date is either closed all day or open in intervals, never both. */
static bool date_has(const struct hours *h, const char *date, bool closed)
{
	size_t i;
	for (i = 0; i < h->n_ex; i++)
		if (h->ex[i].closed == closed && !strcmp(h->ex[i].date, date))
			return true;
	return false;
}

int hours_add_exception(struct hours *h, const char *date, bool closed,
			int open, int close)
{
	struct hours_exception *e;
	if (!hours_valid_date(date))
		return -1;
	if (!closed && (open < 0 || close > 1440 || open >= close))
		return -1;
	h->ex = xrealloc(h->ex, (h->n_ex + 1) * sizeof *h->ex);
	e = &h->ex[h->n_ex++];
	memcpy(e->date, date, 10);
	e->date[10] = '\0';
	e->closed = closed;
	e->open = closed ? 0 : (uint16_t)open;
	e->close = closed ? 0 : (uint16_t)close;
	return 0;
}

static int day_index(const char *s, size_t len)
{
	int i;
	if (len != 2)
		return -1;
	for (i = 0; i < 7; i++)
		if (tolower((unsigned char)s[0]) == day_names[i][0] &&
		    tolower((unsigned char)s[1]) == day_names[i][1])
			return i;
	return -1;
}

/* "mo-fr" / "sa" / "mo,we-fr" into a 7-bit day set; a range may wrap
 * ("fr-mo"). Returns -1 on a bad day, with *bad and *badlen pointing at it. */
static int parse_days(const char *s, size_t len, unsigned *set,
		      const char **bad, size_t *badlen)
{
	size_t i = 0;
	*set = 0;
	while (i < len) {
		size_t j = i, k;
		int a, b;
		while (j < len && s[j] != ',')
			j++;
		for (k = i; k < j && s[k] != '-'; k++)
			;
		a = day_index(s + i, k - i);
		b = k < j ? day_index(s + k + 1, j - k - 1) : a;
		if (a < 0) {
			*bad = s + i;
			*badlen = k - i;
			return -1;
		}
		if (b < 0) {
			*bad = s + k + 1;
			*badlen = j - k - 1;
			return -1;
		}
		for (;;) {
			*set |= 1u << a;
			if (a == b)
				break;
			a = (a + 1) % 7;
		}
		i = j + 1;
	}
	return *set ? 0 : -1;
}

/* "8.15-12.00" (len bytes) into minutes. */
static int parse_interval(const char *s, size_t len, int *open, int *close)
{
	const char *dash = memchr(s, '-', len);
	if (!dash)
		return -1;
	*open = parse_time_n(s, (size_t)(dash - s));
	*close = parse_time_n(dash + 1, len - (size_t)(dash - s) - 1);
	if (*open < 0 || *close < 0)
		return -1;
	return 0;
}

static int is_date_word(const char *s, size_t len)
{
	return len == 10 && isdigit((unsigned char)s[0]) && s[4] == '-';
}

/* One ;-separated item, trimmed, of len bytes. */
static int parse_item(struct hours *h, const char *s, size_t len, char **err)
{
	size_t wl = 0, i;
	const char *rest;
	size_t rl;
	char *item = xstrndup(s, len), *word;
	int rc = -1;

	while (wl < len && !isspace((unsigned char)s[wl]))
		wl++;
	rest = s + wl;
	rl = len - wl;
	while (rl && isspace((unsigned char)*rest)) {
		rest++;
		rl--;
	}
	word = xstrndup(s, wl);
	if (rl == 0) {
		err_set(err, _("'%s': a time like 9-16 or 8.15-12.00 is missing"), item);
		goto out;
	}
	if (is_date_word(s, wl)) {
		if (!hours_valid_date(word)) {
			err_set(err, _("'%s': '%s' is not a date (YYYY-MM-DD)"), item, word);
			goto out;
		}
		if (rl == 6 && !strncasecmp(rest, "closed", 6)) {
			if (date_has(h, word, false)) {
				err_set(err, _("'%s': %s is given both closed and open hours"), item, word);
				goto out;
			}
			hours_add_exception(h, word, true, 0, 0);
			rc = 0;
			goto out;
		}
	} else {
		unsigned set;
		const char *bad = s;
		size_t badlen = wl;
		if (parse_days(s, wl, &set, &bad, &badlen) != 0) {
			err_set(err, _("'%s': unknown day '%.*s' (days are mo tu we th fr sa su)"),
				item, (int)badlen, bad);
			goto out;
		}
		if (rl == 6 && !strncasecmp(rest, "closed", 6)) {
			/* Closed weekdays simply have no spans. */
			rc = 0;
			goto out;
		}
	}
	if (is_date_word(s, wl) && date_has(h, word, true)) {
		err_set(err, _("'%s': %s is given both closed and open hours"), item, word);
		goto out;
	}
	/* Comma-separated intervals. */
	i = 0;
	while (i < rl) {
		size_t j = i, a = i, b;
		int open, close;
		while (j < rl && rest[j] != ',')
			j++;
		b = j;
		while (a < b && isspace((unsigned char)rest[a]))
			a++;
		while (b > a && isspace((unsigned char)rest[b - 1]))
			b--;
		if (parse_interval(rest + a, b - a, &open, &close) != 0) {
			err_set(err, _("'%s': '%.*s' is not a time range like 9-16 or 8.15-12.00"),
				item, (int)(b - a), rest + a);
			goto out;
		}
		if (open >= close) {
			err_set(err, _("'%s': '%.*s' closes before it opens (split a night at midnight)"),
				item, (int)(b - a), rest + a);
			goto out;
		}
		if (is_date_word(s, wl))
			hours_add_exception(h, word, false, open, close);
		else {
			unsigned set;
			const char *bad;
			size_t badlen;
			int d;
			parse_days(s, wl, &set, &bad, &badlen);
			for (d = 0; d < 7; d++)
				if (set & (1u << d))
					hours_add_span(h, d, open, close);
		}
		i = j + 1;
	}
	rc = 0;
out:
	free(word);
	free(item);
	return rc;
}

int hours_parse(struct hours *h, const char *text, char **err)
{
	const char *p = text ? text : "";
	hours_clear(h);
	while (*p) {
		const char *semi = strchr(p, ';');
		const char *end = semi ? semi : p + strlen(p);
		const char *a = p, *b = end;
		while (a < b && isspace((unsigned char)*a))
			a++;
		while (b > a && isspace((unsigned char)b[-1]))
			b--;
		if (b > a && parse_item(h, a, (size_t)(b - a), err) != 0) {
			hours_clear(h);
			return -1;
		}
		if (!semi)
			break;
		p = semi + 1;
	}
	return 0;
}

/* ---- formatting ---------------------------------------------------------- */

struct buf {
	char *s;
	size_t len, cap;
};

static void buf_add(struct buf *b, const char *s)
{
	size_t n = strlen(s);
	if (b->len + n + 1 > b->cap) {
		b->cap = (b->len + n + 1) * 2;
		b->s = xrealloc(b->s, b->cap);
	}
	memcpy(b->s + b->len, s, n + 1);
	b->len += n;
}

/* "8.15", "12.00": the Finnish way of writing times, as in the data. */
static void time_text(int minutes, char out[8])
{
	snprintf(out, 8, "%d.%02d", minutes / 60 % 100, minutes % 60);
}

static void add_interval(struct buf *b, int open, int close)
{
	char t[8];
	time_text(open, t);
	buf_add(b, t);
	buf_add(b, "-");
	time_text(close, t);
	buf_add(b, t);
}

static int span_cmp(const void *pa, const void *pb)
{
	const struct hours_span *a = pa, *b = pb;
	if (a->day != b->day)
		return a->day - b->day;
	if (a->open != b->open)
		return a->open - b->open;
	return a->close - b->close;
}

static int ex_cmp(const void *pa, const void *pb)
{
	const struct hours_exception *a = pa, *b = pb;
	int c = strcmp(a->date, b->date);
	if (c)
		return c;
	if (a->closed != b->closed)
		return a->closed ? -1 : 1;
	return a->open - b->open;
}

/* The day's intervals as text ("8.15-12.00,13.00-16.00"), "" if none. */
static char *day_text(const struct hours_span *sp, size_t n, int day)
{
	struct buf b = { 0 };
	size_t i;
	buf_add(&b, "");
	for (i = 0; i < n; i++) {
		if (sp[i].day != day)
			continue;
		if (b.len)
			buf_add(&b, ",");
		add_interval(&b, sp[i].open, sp[i].close);
	}
	return b.s;
}

const char *hours_day_label(int d)
{
	return local_day(d);
}

/* Short weekday names for people, in the UI language. */
static const char *local_day(int d)
{
	switch (d) {
	/* TRANSLATORS: short weekday names in opening hours ("Mon-Fri
	 * 9.00-16.00"); two or three letters. */
	case 0: return C_("weekday", "Mon");
	case 1: return C_("weekday", "Tue");
	case 2: return C_("weekday", "Wed");
	case 3: return C_("weekday", "Thu");
	case 4: return C_("weekday", "Fri");
	case 5: return C_("weekday", "Sat");
	default: return C_("weekday", "Sun");
	}
}

/* local: for people (translated day names, the operator's dates); else
 * the canonical text that hours_parse reads. */
static char *format(const struct hours *h, bool local)
{
	struct buf b = { 0 };
	struct hours_span *sp;
	struct hours_exception *ex;
	char *days[7];
	int done[7] = { 0 };
	int d, e;
	size_t i;

	buf_add(&b, "");
	if (!h)
		return b.s;
	sp = xmalloc((h->n_spans ? h->n_spans : 1) * sizeof *sp);
	if (h->n_spans)
		memcpy(sp, h->spans, h->n_spans * sizeof *sp);
	qsort(sp, h->n_spans, sizeof *sp, span_cmp);
	for (d = 0; d < 7; d++)
		days[d] = day_text(sp, h->n_spans, d);

	/* Days with the same intervals share one item: runs of consecutive
	 * days become ranges, separate runs are joined by commas. */
	for (d = 0; d < 7; d++) {
		int first = 1;
		if (done[d] || !days[d][0])
			continue;
		if (b.len)
			buf_add(&b, "; ");
		for (e = d; e < 7; e++) {
			int end = e;
			if (done[e] || strcmp(days[e], days[d]) != 0)
				continue;
			while (end + 1 < 7 && !done[end + 1] &&
			       !strcmp(days[end + 1], days[d]))
				end++;
			if (!first)
				buf_add(&b, ",");
			buf_add(&b, local ? local_day(e) : day_names[e]);
			if (end > e) {
				buf_add(&b, local ? "\u2013" : "-");
				buf_add(&b, local ? local_day(end) : day_names[end]);
			}
			first = 0;
			for (; e <= end; e++)
				done[e] = 1;
			e = end;
		}
		buf_add(&b, " ");
		buf_add(&b, days[d]);
	}
	for (d = 0; d < 7; d++)
		free(days[d]);
	free(sp);

	ex = xmalloc((h->n_ex ? h->n_ex : 1) * sizeof *ex);
	if (h->n_ex)
		memcpy(ex, h->ex, h->n_ex * sizeof *ex);
	qsort(ex, h->n_ex, sizeof *ex, ex_cmp);
	for (i = 0; i < h->n_ex; i++) {
		int same = i > 0 && !strcmp(ex[i].date, ex[i - 1].date);
		if (same) {
			/* A closed entry already says it all for that date. */
			if (ex[i - 1].closed || ex[i].closed)
				continue;
			buf_add(&b, ",");
		} else {
			if (b.len)
				buf_add(&b, "; ");
			if (local) {
				char *day = i18n_format_ymd(ex[i].date);
				buf_add(&b, day);
				free(day);
			} else
				buf_add(&b, ex[i].date);
			buf_add(&b, " ");
		}
		if (ex[i].closed)
			buf_add(&b, local ? _("closed") : "closed");
		else
			add_interval(&b, ex[i].open, ex[i].close);
	}
	free(ex);
	return b.s;
}

char *hours_format(const struct hours *h)
{
	return format(h, false);
}

char *hours_format_local(const struct hours *h)
{
	return format(h, true);
}

/* ---- open now ------------------------------------------------------------ */

/* "YYYY-MM-DD" as the number YYYYMMDD, by hand: this runs for every
 * service on every keystroke, so no printf and no allocation. 0 when the
 * text is not in that form. */
static long date_key(const char *d)
{
	long k = 0;
	int i;
	for (i = 0; i < 10; i++) {
		if (i == 4 || i == 7) {
			if (d[i] != '-')
				return 0;
			continue;
		}
		if (d[i] < '0' || d[i] > '9')
			return 0;
		k = k * 10 + (d[i] - '0');
	}
	return k;
}

enum hours_state hours_state_at(const struct hours *h, const struct tm *local)
{
	long today;
	int minute, day, any_ex = 0;
	size_t i;

	if (!h || !local || (h->n_spans == 0 && h->n_ex == 0))
		return HOURS_UNKNOWN;
	minute = local->tm_hour * 60 + local->tm_min;
	day = (local->tm_wday + 6) % 7;

	if (h->n_ex) {
		/* Exceptions are rare: compare dates as numbers, and only
		 * for the services that have any. */
		today = (local->tm_year + 1900L) * 10000L +
			(local->tm_mon + 1) * 100L + local->tm_mday;
		for (i = 0; i < h->n_ex; i++) {
			const struct hours_exception *e = &h->ex[i];
			if (date_key(e->date) != today)
				continue;
			if (e->closed)
				return HOURS_CLOSED;
			any_ex = 1;
		}
		if (any_ex) {
			for (i = 0; i < h->n_ex; i++) {
				const struct hours_exception *e = &h->ex[i];
				if (date_key(e->date) == today &&
				    minute >= e->open && minute < e->close)
					return HOURS_OPEN;
			}
			return HOURS_CLOSED;
		}
	}
	if (h->n_spans == 0)
		return HOURS_UNKNOWN;
	for (i = 0; i < h->n_spans; i++) {
		const struct hours_span *sp = &h->spans[i];
		if (sp->day == day && minute >= sp->open && minute < sp->close)
			return HOURS_OPEN;
	}
	return HOURS_CLOSED;
}

time_t hours_next_open(const struct hours *h, time_t from, int days)
{
	time_t t = from + (60 - from % 60) % 60, end = from + (time_t)days * 86400;
	for (; t <= end; t += 60) {
		struct tm tm;
		enum hours_state st;
		if (!localtime_r(&t, &tm))
			return 0;
		st = hours_state_at(h, &tm);
		if (st == HOURS_OPEN)
			return t;
		if (st == HOURS_UNKNOWN)
			return 0;
	}
	return 0;
}
