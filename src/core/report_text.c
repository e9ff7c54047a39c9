/* report_text: see report_text.h.
 *
 * Text goes through a buffer so that padding never leaves spaces at the
 * end of a line; widths are display columns of the sanitised text; a
 * count shows the operator's thousands separator and decimal point
 * (12 345 and 53,3 in Finnish; csv and json write plain digits). */
#include <config.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/err.h"
#include "core/i18n.h"
#include "core/report.h"
#include "core/report_suppress.h"
#include "core/report_text.h"
#include "core/text.h"

/* A count for the text report, with the operator's thousands separator
 * (12 345 in Finnish; csv and json write plain digits). */
static void count_text(char *buf, size_t n, size_t count, bool hidden)
{
	char *s = NULL;
	if (hidden) {
		snprintf(buf, n, "%s", REPORT_HIDDEN_MARK);
		return;
	}
	i18n_format_number((long long)count, &s);
	snprintf(buf, n, "%s", s ? s : "?");
	free(s);
}

/* One decimal, rounded, with the given decimal point. */
void report_percent(char *buf, size_t n, size_t count, size_t total,
			 const char *point)
{
	unsigned long long tenths = total
		? ((unsigned long long)count * 1000 + total / 2) / total : 0;
	snprintf(buf, n, "%llu%s%llu", tenths / 10, point, tenths % 10);
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

/* "Period: ..." of from and to into a new string. */
static char *period_text(const struct report_out *o, const char *from_date,
			 const char *to_date)
{
	char *from = i18n_format_ymd(from_date), *to = i18n_format_ymd(to_date), *s;
	if (!strcmp(from_date, to_date))
		s = xstrdup(from);
	else
		s = xasprintf("%s %s %s", from, o->utf8 ? "\u2013" : "-", to);
	free(from);
	free(to);
	return s;
}

void report_text_skips(FILE *f, const struct report_skips *s)
{
	size_t i;
	if (!s || !s->n)
		return;
	fprintf(f, ngettext("Left out: %zu file that cannot be read (the figures are without it):\n",
			    "Left out: %zu files that cannot be read (the figures are without them):\n",
			    s->n), s->n);
	for (i = 0; i < s->n; i++) {
		char *clean = text_sanitize(s->why[i]);
		fprintf(f, "  %s\n", clean);
		free(clean);
	}
}

static void text_head(FILE *f, const struct report_out *o,
		      const char *const *desks, size_t n_desks,
		      size_t total, bool total_hidden)
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
	count_text(num, sizeof num, total, total_hidden);
	if (o->count == REPORT_COUNT_PEOPLE)
		fprintf(f, _("People: %s\n"), num);
	else
		fprintf(f, _("Contacts: %s\n"), num);
	if (o->prev) {
		char *p = period_text(o, o->prev_from, o->prev_to);
		fprintf(f, _("Compared with: %s\n"), p);
		free(p);
	}
	text_days(f, o);
	report_text_skips(f, o->skips);
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

static const char *count_title(const struct report_out *o)
{
	return o->count == REPORT_COUNT_PEOPLE ? _("People") : _("Contacts");
}

/* A signed change, with the operator's separator: "+12", "-3", "0". */
static void change_text(char *buf, size_t n, long long d)
{
	char *s = NULL;
	i18n_format_number(d < 0 ? -d : d, &s);
	snprintf(buf, n, "%s%s", d > 0 ? "+" : d < 0 ? "-" : "", s ? s : "?");
	free(s);
}

static int write_text_1d(FILE *f, const struct report_agg *a,
			 const struct report_out *o, const struct report_hide *h,
			 const struct report_hide *ph)
{
	size_t n = report_agg_size(a, 0), total = report_agg_total(a), i;
	size_t wl, wc, wp = 1, wprev = 0, wchg = 0, max = 0;
	const char *point = i18n_decimal_point();
	const char *ctitle = count_title(o), *prev_title = _("Previous"), *chg_title = _("Change");
	int width = o->bar_width > 0 ? o->bar_width : 30;
	bool th = report_hide_total(h);
	char buf[64];

	wl = width_of(report_dim_title(report_agg_dim(a, 0)));
	wc = width_of(ctitle);
	if (o->prev) {
		wprev = width_of(prev_title);
		wchg = width_of(chg_title);
	}
	for (i = 0; i < n; i++) {
		size_t c = report_agg_count(a, 0, i), w = width_of(report_agg_label(a, 0, i));
		bool hid = report_hide_count(h, 0, i);
		wl = w > wl ? w : wl;
		count_text(buf, sizeof buf, c, hid);
		wc = text_width(buf) > wc ? text_width(buf) : wc;
		report_percent(buf, sizeof buf, c, total, point);
		wp = strlen(buf) > wp ? strlen(buf) : wp;
		if (!hid && c > max)
			max = c;
		if (o->prev) {
			bool phid;
			size_t p = report_prev_count(a, o, ph, i, &phid);
			count_text(buf, sizeof buf, p, phid);
			wprev = text_width(buf) > wprev ? text_width(buf) : wprev;
			change_text(buf, sizeof buf, (long long)c - (long long)p);
			wchg = text_width(buf) > wchg ? text_width(buf) : wchg;
		}
	}
	wl = wl > LABEL_MAX ? LABEL_MAX : wl;
	pad(f, report_dim_title(report_agg_dim(a, 0)), wl, false, !o->utf8);
	fputs("  ", f);
	pad(f, ctitle, wc, true, !o->utf8);
	fputs("  ", f);
	pad(f, "%", wp, true, !o->utf8);
	if (o->prev) {
		fputs("  ", f);
		pad(f, prev_title, wprev, true, !o->utf8);
		fputs("  ", f);
		pad(f, chg_title, wchg, true, !o->utf8);
	}
	fputc('\n', f);
	for (i = 0; i < n; i++) {
		size_t c = report_agg_count(a, 0, i);
		bool hid = report_hide_count(h, 0, i);
		pad(f, report_agg_label(a, 0, i), wl, false, !o->utf8);
		fputs("  ", f);
		count_text(buf, sizeof buf, c, hid);
		pad(f, buf, wc, true, true);
		fputs("  ", f);
		if (hid || th)
			buf[0] = '\0';
		else
			report_percent(buf, sizeof buf, c, total, point);
		pad(f, buf, wp, true, true);
		if (o->prev) {
			bool phid;
			size_t p = report_prev_count(a, o, ph, i, &phid);
			fputs("  ", f);
			count_text(buf, sizeof buf, p, phid);
			pad(f, buf, wprev, true, true);
			fputs("  ", f);
			if (hid || phid)
				snprintf(buf, sizeof buf, "%s", REPORT_HIDDEN_MARK);
			else
				change_text(buf, sizeof buf, (long long)c - (long long)p);
			pad(f, buf, wchg, true, true);
		}
		if (!hid && c) {
			char *bar = report_bar(c, max, width, o->utf8);
			fputs("  ", f);
			fputs(bar, f);
			free(bar);
		}
		fputc('\n', f);
	}
	if (report_agg_dim(a, 0) == REPORT_TOPIC && n)
		fprintf(f, "\n%s\n", _("A contact can have several topics: percentages are of all contacts and may add up to more than 100."));
	if (h && o->suppress)
		fprintf(f, "\n%s\n", _(".. = hidden by --suppress, so that no count below it can be worked out."));
	return 0;
}

static const char *column_head(const struct report_agg *a, size_t j)
{
	/* Column heads are codes (short, like "fi" or "walk-in"); hours and
	 * weekdays use their labels. */
	if (report_agg_dim(a, 1) == REPORT_HOUR || report_agg_dim(a, 1) == REPORT_WEEKDAY
	    || !report_agg_code(a, 1, j)[0])
		return report_agg_label(a, 1, j);
	return report_agg_code(a, 1, j);
}

/* A cross table for the terminal: rows and columns without any contact
 * are left out so that language x topic fits a wide terminal; csv and
 * json keep every cell. */
static int write_text_2d(FILE *f, const struct report_agg *a,
			 const struct report_out *o, const struct report_hide *h)
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
	corner = xasprintf("%s \\ %s", report_dim_title(report_agg_dim(a, 0)),
			   report_dim_title(report_agg_dim(a, 1)));
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
		count_text(buf, sizeof buf, c, false);
		if (text_width(buf) > wcol[k])
			wcol[k] = text_width(buf);
		if (o->suppress && wcol[k] < strlen(REPORT_HIDDEN_MARK))
			wcol[k] = strlen(REPORT_HIDDEN_MARK);
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
			bool hid;
			if (i == nr) {
				c = k == nc ? report_agg_total(a) : report_agg_count(a, 1, cols[k]);
				hid = k == nc ? report_hide_total(h) : report_hide_count(h, 1, cols[k]);
			} else {
				c = k == nc ? report_agg_count(a, 0, rows[i])
					: report_agg_cell(a, rows[i], cols[k]);
				hid = k == nc ? report_hide_count(h, 0, rows[i])
					: report_hide_cell(h, rows[i], cols[k]);
			}
			count_text(buf, sizeof buf, c, hid);
			fputs("  ", f);
			pad(f, buf, wcol[k], true, true);
		}
		fputc('\n', f);
	}
	if ((report_agg_dim(a, 0) == REPORT_TOPIC || report_agg_dim(a, 1) == REPORT_TOPIC) && nr)
		fprintf(f, "\n%s\n", _("A contact can have several topics: it counts once under each of them."));
	if (h && o->suppress)
		fprintf(f, "\n%s\n", _(".. = hidden by --suppress, so that no count below it can be worked out."));
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

enum { CC_STARTED, CC_DESK, CC_CHANNEL, CC_LANGUAGE, CC_INTERPRETER,
       CC_TOPICS, CC_OUTCOME, CC_REDIRECT, CC_REASON, CC_LATE, CC__N };

static const char *contact_cell(const struct stats_row *r, int c, char buf[32],
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
	size_t w[CC__N], i, n = report_contacts_n(c);
	bool with_date = strcmp(o->from_date, o->to_date) != 0;
	char buf[32];
	int k;

	for (k = 0; k < CC__N; k++)
		w[k] = width_of(titles[k]);
	for (i = 0; i < n; i++)
		for (k = 0; k < CC__N; k++) {
			const char *v = contact_cell(report_contacts_get(c, i), k, buf, with_date);
			size_t vw = width_of(v ? v : "");
			if (vw > w[k])
				w[k] = vw > LABEL_MAX ? LABEL_MAX : vw;
		}
	for (k = 0; k < CC__N; k++) {
		pad(f, titles[k], w[k], false, !o->utf8);
		fputs(k + 1 < CC__N ? "  " : "\n", f);
	}
	for (i = 0; i < n; i++)
		for (k = 0; k < CC__N; k++) {
			const char *v = contact_cell(report_contacts_get(c, i), k, buf, with_date);
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

/* Into a buffer, then out without trailing spaces. */
static FILE *buffer_open(FILE *f, char **buf, size_t *len)
{
	FILE *m = open_memstream(buf, len);
	/* Out of memory for the buffer: write unstripped. */
	return m ? m : f;
}

static void buffer_close(FILE *f, FILE *m, char **buf)
{
	/* fclose sets *buf. */
	if (m != f) {
		fclose(m);
		put_stripped(f, *buf ? *buf : "");
		free(*buf);
	}
}

void report_text_write(FILE *f, const struct report_out *o,
		       const char *const *desks, size_t n_desks,
		       const struct report_agg *a, const struct report_hide *h,
		       const struct report_hide *ph)
{
	char *buf = NULL;
	size_t len = 0;
	FILE *m = buffer_open(f, &buf, &len);
	text_head(m, o, desks, n_desks, report_agg_total(a), report_hide_total(h));
	fputc('\n', m);
	if (report_agg_dim(a, 1) >= 0)
		write_text_2d(m, a, o, h);
	else
		write_text_1d(m, a, o, h, ph);
	buffer_close(f, m, &buf);
}

void report_text_contacts(FILE *f, const struct report_out *o,
			  const char *const *desks, size_t n_desks,
			  const struct report_contacts *c)
{
	char *buf = NULL;
	size_t len = 0;
	FILE *m = buffer_open(f, &buf, &len);
	text_head(m, o, desks, n_desks, report_contacts_n(c), false);
	fputc('\n', m);
	write_contacts_text(m, c, o);
	buffer_close(f, m, &buf);
}
