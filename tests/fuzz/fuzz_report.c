/* fuzz_report: the report's csv and html writers (and the suppression
 * behind them) on contacts made of arbitrary bytes.
 *
 * The input is lines of tab-separated fields: desk, language, service
 * (text from data: anything), topics, people, start minute. The first
 * bytes choose the dimensions and --suppress. Invariants: csv reads back
 * record by record with the header's number of fields, and no text cell
 * begins with = + - @, tab or CR; html has only the writer's own tags
 * (no text from data becomes markup, no script); json and text are valid
 * UTF-8; no count hidden by the suppression can be worked out. */
#include <config.h>

#include "fuzz_util.h"

#include "core/csv.h"
#include "core/err.h"
#include "core/report.h"
#include "core/report_suppress.h"
#include "core/text.h"

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
	(void)argc;
	(void)argv;
	fuzz_setup();
	return 0;
}

static char *written(const struct report_agg *a, struct report_out *o,
		     enum report_format format)
{
	char *buf = NULL, *err = NULL;
	size_t len = 0;
	FILE *f = open_memstream(&buf, &len);
	FUZZ_ASSERT(f, "open_memstream");
	o->format = format;
	if (report_write(f, a, o, &err) != 0) {
		fuzz_one_line("report_write", err);
		err_free(&err);
	}
	fclose(f);
	return buf;
}

static void check_csv(const char *s, bool cross)
{
	FILE *f = fmemopen((void *)s, strlen(s), "r");
	char *err = NULL;
	struct csv_reader *r = csv_reader_new(f, "fuzz.csv", true, NULL, NULL, &err);
	size_t want = cross ? 6 : 4, text = cross ? 4 : 2, i;
	int rc;
	FUZZ_ASSERT(r, "the csv does not read back: %s", err ? err : "");
	FUZZ_ASSERT(csv_ncolumns(r) == want, "header of %zu columns", csv_ncolumns(r));
	while ((rc = csv_next(r, &err)) == 1) {
		FUZZ_ASSERT(csv_nfields(r) == want, "a record of %zu fields", csv_nfields(r));
		for (i = 0; i < text; i++) {
			const char *c = csv_field(r, (int)i);
			FUZZ_ASSERT(!strchr("=+-@\t\r", c[0]) || !c[0],
				    "a text cell that a spreadsheet runs: %s", c);
		}
	}
	FUZZ_ASSERT(rc == 0, "reading back: %s", err ? err : "");
	FUZZ_ASSERT(csv_skipped(r) == 0, "malformed records in the writer's csv");
	csv_close(&r);
	fclose(f);
}

static void check_html(const char *s)
{
	static const char *const tags[] = {
		"!DOCTYPE", "html", "head", "meta", "title", "style", "body", "h1",
		"h2", "p", "br", "div", "ul", "li", "svg", "text", "rect", "line",
		"polyline", "table", "tr", "th", "td", NULL
	};
	const char *p;
	for (p = strchr(s, '<'); p; p = strchr(p + 1, '<')) {
		const char *n = p + 1 + (p[1] == '/');
		size_t len = strspn(n, "!DOCTYPEabcdefghijklmnopqrstuvwxyz0123456789");
		const char *const *t;
		bool known = false;
		for (t = tags; *t && !known; t++)
			known = strlen(*t) == len && !strncmp(*t, n, len);
		FUZZ_ASSERT(known, "markup that is not the writer's: %.40s", p);
	}
	FUZZ_ASSERT(!strstr(s, "<script"), "a script");
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static const int dims[] = { REPORT_DESK, REPORT_LANGUAGE, REPORT_REDIRECT,
		REPORT_TOPIC, REPORT_HOUR, REPORT_DAY, REPORT_DURATION, REPORT_LIFE };
	struct report_agg *a, *prev;
	struct report_out o;
	char *text, *line, *save = NULL, *s;
	int d1, d2;
	bool cross;

	if (size < 3)
		return 0;
	d1 = dims[data[0] % 8];
	d2 = data[1] & 0x80 ? dims[(data[1] >> 3) % 8] : -1;
	if (d2 == d1)
		d2 = -1;
	cross = d2 >= 0;
	memset(&o, 0, sizeof o);
	o.suppress = data[2] % 8;
	o.count = data[1] & 1 ? REPORT_COUNT_PEOPLE : REPORT_COUNT_CONTACTS;
	o.from_date = o.to_date = "2026-11-22";
	a = report_agg_new(d1, d2);
	prev = report_agg_new(d1, -1);
	report_agg_set_count(a, o.count);
	text = fuzz_str(data + 3, size - 3);
	for (line = strtok_r(text, "\n", &save); line; line = strtok_r(NULL, "\n", &save)) {
		char *f[6] = { NULL }, *q = line;
		struct stats_row r;
		size_t k;
		for (k = 0; k < 6; k++) {
			f[k] = q;
			q = q ? strchr(q, '\t') : NULL;
			if (q)
				*q++ = '\0';
		}
		memset(&r, 0, sizeof r);
		r.id = "x";
		r.desk = f[0];
		r.language = f[1];
		r.redirect_service = f[2];
		r.topics = f[3] ? f[3] : "";
		r.people = f[4];
		r.life_situation = f[1];
		r.started_at = 1795331400 + (f[5] ? atol(f[5]) % 100000 : 0) * 60;
		r.ended_at = r.started_at + (f[5] ? (long)strlen(f[5]) * 97 : 0);
		report_agg_add(a, &r);
		if (line[0] & 1)
			report_agg_add(prev, &r);
	}
	if (!cross && (data[1] & 2)) {
		o.prev = prev;
		o.prev_from = o.prev_to = "2026-11-21";
	}
	/* The suppression: no hidden small count has a single value. */
	if (o.suppress >= 2 && report_agg_size(a, 0) * (cross ? report_agg_size(a, 1) + 1 : 1) < 400) {
		struct report_hide *h = report_hide_new(a, o.suppress);
		size_t i, n0 = report_agg_size(a, 0);
		for (i = 0; i < n0; i++)
			if (!cross && report_agg_count(a, 0, i) && report_agg_count(a, 0, i) < (size_t)o.suppress)
				FUZZ_ASSERT(report_hide_count(h, 0, i), "a small count shown");
		report_hide_free(&h);
	}
	s = written(a, &o, REPORT_FORMAT_CSV);
	if (!o.prev)
		check_csv(s, cross);
	free(s);
	s = written(a, &o, REPORT_FORMAT_HTML);
	FUZZ_ASSERT(text_valid(s, strlen(s)), "html is not UTF-8");
	check_html(s);
	free(s);
	s = written(a, &o, REPORT_FORMAT_JSON);
	FUZZ_ASSERT(text_valid(s, strlen(s)), "json is not UTF-8");
	free(s);
	s = written(a, &o, REPORT_FORMAT_TEXT);
	FUZZ_ASSERT(text_valid(s, strlen(s)), "text is not UTF-8");
	free(s);
	report_agg_free(&a);
	report_agg_free(&prev);
	free(text);
	return 0;
}
