/* report_html: see report_html.h.
 *
 * Charts are drawn from the printed counts only: a hidden count gets no
 * bar and no point (the line breaks there), so the picture never tells
 * more than the table. Every text from data goes through
 * report_html_text; the page has no script, so nothing in it runs. */
#include <config.h>

#include <stdlib.h>
#include <string.h>

#include "core/err.h"
#include "core/i18n.h"
#include "core/report.h"
#include "core/report_html.h"
#include "core/report_suppress.h"
#include "core/report_text.h"
#include "core/text.h"

void report_html_text(FILE *f, const char *s)
{
	char *clean = text_sanitize(s ? s : "");
	const char *p;
	for (p = clean; *p; p++)
		switch (*p) {
		case '&': fputs("&amp;", f); break;
		case '<': fputs("&lt;", f); break;
		case '>': fputs("&gt;", f); break;
		case '"': fputs("&quot;", f); break;
		case '\'': fputs("&#39;", f); break;
		default: fputc(*p, f);
		}
	free(clean);
}

static const char style[] =
	"body{font-family:sans-serif;margin:2em;color:#222;max-width:60em}"
	"h1{font-size:1.5em}table{border-collapse:collapse;margin:1em 0}"
	"th,td{border:1px solid #bbb;padding:.2em .6em}td.n{text-align:right}"
	"th{background:#eee;text-align:left}.warn{border:2px solid #b00;padding:.5em;"
	"background:#fee}.note{color:#555;font-size:.9em}svg{display:block;margin:1em 0}"
	"svg text{font-family:sans-serif;font-size:12px}"
	"@media print{body{margin:0}}";

static void count_cell(FILE *f, size_t c, bool hidden)
{
	char *s = NULL;
	if (hidden) {
		fputs("<td class=\"n\">" REPORT_HIDDEN_MARK "</td>", f);
		return;
	}
	i18n_format_number((long long)c, &s);
	fputs("<td class=\"n\">", f);
	report_html_text(f, s ? s : "?");
	fputs("</td>", f);
	free(s);
}

static void pct_cell(FILE *f, size_t c, size_t total, bool hidden)
{
	char buf[32];
	if (hidden) {
		fputs("<td class=\"n\"></td>", f);
		return;
	}
	report_percent(buf, sizeof buf, c, total, i18n_decimal_point());
	fprintf(f, "<td class=\"n\">%s</td>", buf);
}

static void head(FILE *f, const struct report_out *o, const char *const *desks,
		 size_t n_desks, size_t total, bool total_hidden)
{
	char *from = i18n_format_ymd(o->from_date), *to = i18n_format_ymd(o->to_date);
	size_t i;
	const char *lang = i18n_lang();

	fputs("<!DOCTYPE html>\n<html lang=\"", f);
	report_html_text(f, lang && *lang ? lang : "en");
	fputs("\">\n<head>\n<meta charset=\"utf-8\">\n<title>", f);
	report_html_text(f, _("Contact statistics"));
	fputs("</title>\n<style>", f);
	fputs(style, f);
	fputs("</style>\n</head>\n<body>\n<h1>", f);
	report_html_text(f, _("Contact statistics"));
	fputs("</h1>\n<p>", f);
	report_html_text(f, _("Period"));
	fputs(": ", f);
	report_html_text(f, from);
	if (strcmp(o->from_date, o->to_date)) {
		fputs(" \u2013 ", f);
		report_html_text(f, to);
	}
	fputs("<br>", f);
	report_html_text(f, o->n_desks ? _("Desks") : _("Desks (all)"));
	fputs(": ", f);
	for (i = 0; i < n_desks; i++) {
		if (i)
			fputs(", ", f);
		report_html_text(f, desks[i]);
	}
	fputs("<br>", f);
	report_html_text(f, o->count == REPORT_COUNT_PEOPLE ? _("People") : _("Contacts"));
	fputs(": ", f);
	if (total_hidden)
		fputs(REPORT_HIDDEN_MARK, f);
	else
		fprintf(f, "%zu", total);
	fputs("</p>\n", f);
	free(from);
	free(to);
	if (o->skips && o->skips->n) {
		fputs("<div class=\"warn\"><p>", f);
		report_html_text(f, _("Left out: these files cannot be read, and the figures are without them."));
		fputs("</p><ul>", f);
		for (i = 0; i < o->skips->n; i++) {
			fputs("<li>", f);
			report_html_text(f, o->skips->why[i]);
			fputs("</li>", f);
		}
		fputs("</ul></div>\n", f);
	}
}

/* Horizontal bars, one for each printed nonzero count of axis 0. */
static void bars(FILE *f, const struct report_agg *a, const struct report_hide *h)
{
	size_t n = report_agg_size(a, 0), i, max = 0, k = 0;
	const int row = 20, left = 200, width = 400;
	for (i = 0; i < n; i++)
		if (!report_hide_count(h, 0, i) && report_agg_count(a, 0, i) > max)
			max = report_agg_count(a, 0, i);
	fprintf(f, "<svg xmlns=\"http://www.w3.org/2000/svg\" role=\"img\" width=\"%d\" height=\"%zu\">",
		left + width + 60, n * (size_t)row + 10);
	for (i = 0; i < n; i++) {
		size_t c = report_agg_count(a, 0, i);
		bool hid = report_hide_count(h, 0, i);
		int y = (int)k * row + 5;
		fprintf(f, "<text x=\"%d\" y=\"%d\" text-anchor=\"end\">", left - 6, y + 14);
		report_html_text(f, report_agg_label(a, 0, i));
		fputs("</text>", f);
		if (!hid && c && max) {
			long w = (long)(c * (size_t)width / max);
			fprintf(f, "<rect x=\"%d\" y=\"%d\" width=\"%ld\" height=\"%d\" fill=\"#3a6ea5\"/>"
				"<text x=\"%ld\" y=\"%d\">%zu</text>",
				left, y + 2, w > 0 ? w : 1, row - 4, left + (w > 0 ? w : 1) + 4, y + 14, c);
		} else if (hid)
			fprintf(f, "<text x=\"%d\" y=\"%d\">" REPORT_HIDDEN_MARK "</text>", left + 4, y + 14);
		k++;
	}
	fputs("</svg>\n", f);
}

/* A line over the days, weeks or months; a hidden count breaks it. */
static void line(FILE *f, const struct report_agg *a, const struct report_hide *h)
{
	size_t n = report_agg_size(a, 0), i, max = 1;
	const int left = 50, top = 10, width = 600, height = 200;
	bool open = false;
	for (i = 0; i < n; i++)
		if (!report_hide_count(h, 0, i) && report_agg_count(a, 0, i) > max)
			max = report_agg_count(a, 0, i);
	fprintf(f, "<svg xmlns=\"http://www.w3.org/2000/svg\" role=\"img\" width=\"%d\" height=\"%d\">",
		left + width + 20, top + height + 40);
	fprintf(f, "<line x1=\"%d\" y1=\"%d\" x2=\"%d\" y2=\"%d\" stroke=\"#888\"/>"
		"<line x1=\"%d\" y1=\"%d\" x2=\"%d\" y2=\"%d\" stroke=\"#888\"/>"
		"<text x=\"%d\" y=\"%d\" text-anchor=\"end\">%zu</text>"
		"<text x=\"%d\" y=\"%d\" text-anchor=\"end\">0</text>",
		left, top, left, top + height, left, top + height, left + width, top + height,
		left - 4, top + 10, max, left - 4, top + height);
	for (i = 0; i < n; i++) {
		int x = left + (n > 1 ? (int)(i * (size_t)width / (n - 1)) : width / 2);
		int y = top + height - (int)(report_agg_count(a, 0, i) * (size_t)height / max);
		if (report_hide_count(h, 0, i)) {
			if (open)
				fputs("\"/>", f);
			open = false;
			continue;
		}
		if (!open)
			fputs("<polyline fill=\"none\" stroke=\"#3a6ea5\" stroke-width=\"2\" points=\"", f);
		fprintf(f, "%d,%d ", x, y);
		open = true;
	}
	if (open)
		fputs("\"/>", f);
	if (n) {
		fprintf(f, "<text x=\"%d\" y=\"%d\">", left, top + height + 16);
		report_html_text(f, report_agg_label(a, 0, 0));
		fprintf(f, "</text><text x=\"%d\" y=\"%d\" text-anchor=\"end\">", left + width,
			top + height + 16);
		report_html_text(f, report_agg_label(a, 0, n - 1));
		fputs("</text>", f);
	}
	fputs("</svg>\n", f);
}

static void table_1d(FILE *f, const struct report_out *o, const struct report_agg *a,
		     const struct report_hide *h, const struct report_hide *ph)
{
	size_t n = report_agg_size(a, 0), total = report_agg_total(a), i;
	bool th = report_hide_total(h);
	fputs("<table>\n<tr><th>", f);
	report_html_text(f, report_dim_title(report_agg_dim(a, 0)));
	fputs("</th><th>", f);
	report_html_text(f, o->count == REPORT_COUNT_PEOPLE ? _("People") : _("Contacts"));
	fputs("</th><th>%</th>", f);
	if (o->prev) {
		fputs("<th>", f);
		report_html_text(f, _("Previous"));
		fputs("</th><th>", f);
		report_html_text(f, _("Change"));
		fputs("</th>", f);
	}
	fputs("</tr>\n", f);
	for (i = 0; i < n; i++) {
		size_t c = report_agg_count(a, 0, i);
		bool hid = report_hide_count(h, 0, i);
		fputs("<tr><td>", f);
		report_html_text(f, report_agg_label(a, 0, i));
		fputs("</td>", f);
		count_cell(f, c, hid);
		pct_cell(f, c, total, hid || th);
		if (o->prev) {
			bool phid;
			size_t p = report_prev_count(a, o, ph, i, &phid);
			count_cell(f, p, phid);
			if (hid || phid)
				fputs("<td class=\"n\">" REPORT_HIDDEN_MARK "</td>", f);
			else
				fprintf(f, "<td class=\"n\">%+lld</td>", (long long)c - (long long)p);
		}
		fputs("</tr>\n", f);
	}
	fputs("</table>\n", f);
}

static void table_2d(FILE *f, const struct report_agg *a, const struct report_hide *h)
{
	size_t n0 = report_agg_size(a, 0), n1 = report_agg_size(a, 1), i, j;
	fputs("<table>\n<tr><th>", f);
	report_html_text(f, report_dim_title(report_agg_dim(a, 0)));
	fputs(" \\ ", f);
	report_html_text(f, report_dim_title(report_agg_dim(a, 1)));
	fputs("</th>", f);
	for (j = 0; j < n1; j++) {
		fputs("<th>", f);
		report_html_text(f, report_agg_label(a, 1, j));
		fputs("</th>", f);
	}
	fputs("<th>", f);
	report_html_text(f, _("Total"));
	fputs("</th></tr>\n", f);
	for (i = 0; i <= n0; i++) {
		fputs("<tr><th>", f);
		report_html_text(f, i < n0 ? report_agg_label(a, 0, i) : _("Total"));
		fputs("</th>", f);
		for (j = 0; j <= n1; j++) {
			if (i < n0 && j < n1)
				count_cell(f, report_agg_cell(a, i, j), report_hide_cell(h, i, j));
			else if (i < n0)
				count_cell(f, report_agg_count(a, 0, i), report_hide_count(h, 0, i));
			else if (j < n1)
				count_cell(f, report_agg_count(a, 1, j), report_hide_count(h, 1, j));
			else
				count_cell(f, report_agg_total(a), report_hide_total(h));
		}
		fputs("</tr>\n", f);
	}
	fputs("</table>\n", f);
}

void report_html_write(FILE *f, const struct report_out *o,
		       const char *const *desks, size_t n_desks,
		       const struct report_agg *a, const struct report_hide *h,
		       const struct report_hide *ph)
{
	int dim = report_agg_dim(a, 0);
	head(f, o, desks, n_desks, report_agg_total(a), report_hide_total(h));
	fputs("<h2>", f);
	report_html_text(f, report_dim_title(dim));
	if (report_agg_dim(a, 1) >= 0) {
		fputs(" \u00d7 ", f);
		report_html_text(f, report_dim_title(report_agg_dim(a, 1)));
	}
	fputs("</h2>\n", f);
	if (report_dim_is_time(dim))
		line(f, a, h);
	else
		bars(f, a, h);
	if (report_agg_dim(a, 1) >= 0)
		table_2d(f, a, h);
	else
		table_1d(f, o, a, h, ph);
	if (dim == REPORT_TOPIC || report_agg_dim(a, 1) == REPORT_TOPIC) {
		fputs("<p class=\"note\">", f);
		report_html_text(f, _("A contact can have several topics: it counts once under each of them."));
		fputs("</p>\n", f);
	}
	if (o->suppress) {
		fputs("<p class=\"note\">", f);
		report_html_text(f, _(".. = hidden by --suppress, so that no count below it can be worked out."));
		fputs("</p>\n", f);
	}
	fputs("</body>\n</html>\n", f);
}
