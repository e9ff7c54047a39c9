/* test_csv: the RFC 4180 reader and writer. */
#include <config.h>

#include "util.h"

#include "core/csv.h"
#include "core/err.h"

struct warns {
	char *msg[16];
	size_t n;
};

static void collect(void *ctx, const char *msg)
{
	struct warns *w = ctx;
	if (w->n < 16)
		w->msg[w->n] = strdup(msg);
	w->n++;
}

static void warns_free(struct warns *w)
{
	size_t i;
	for (i = 0; i < w->n && i < 16; i++)
		free(w->msg[i]);
	w->n = 0;
}

/* A reader over bytes held in memory (len, so NULs can be tested). */
struct mem {
	FILE *f;
	struct csv_reader *r;
	char *err;
};

static void mem_open(struct mem *m, const char *bytes, size_t len,
		     bool header, struct warns *w)
{
	m->err = NULL;
	m->f = fmemopen((void *)bytes, len, "rb");
	assert_non_null(m->f);
	m->r = csv_reader_new(m->f, "t.csv", header, collect, w, &m->err);
}

static void mem_close(struct mem *m)
{
	csv_close(&m->r);
	assert_null(m->r);
	fclose(m->f);
	free(m->err);
}

#define OPEN(m, s, hdr, w) mem_open((m), (s), sizeof(s) - 1, (hdr), (w))

static void test_plain_and_quoted(void **state)
{
	struct warns w = { 0 };
	struct mem m;
	(void)state;
	OPEN(&m, "a,b,c\n"
	     "1,\"x, y\",\"say \"\"hi\"\"\"\n"
	     "2,,\"\"\n", false, &w);
	assert_non_null(m.r);
	assert_int_equal(csv_next(m.r, &m.err), 1);
	assert_int_equal(csv_nfields(m.r), 3);
	assert_string_equal(csv_field(m.r, 2), "c");
	assert_int_equal(csv_next(m.r, &m.err), 1);
	assert_string_equal(csv_field(m.r, 0), "1");
	assert_string_equal(csv_field(m.r, 1), "x, y");
	assert_string_equal(csv_field(m.r, 2), "say \"hi\"");
	assert_int_equal(csv_line(m.r), 2);
	assert_int_equal(csv_next(m.r, &m.err), 1);
	assert_int_equal(csv_nfields(m.r), 3);
	assert_string_equal(csv_field(m.r, 1), "");
	assert_string_equal(csv_field(m.r, 2), "");
	/* Past the end of a record: empty; a missing column: NULL. */
	assert_string_equal(csv_field(m.r, 7), "");
	assert_null(csv_field(m.r, -1));
	assert_int_equal(csv_next(m.r, &m.err), 0);
	assert_int_equal(csv_next(m.r, &m.err), 0);
	assert_int_equal(w.n, 0);
	mem_close(&m);
}

static void test_header_bom_crlf(void **state)
{
	struct warns w = { 0 };
	struct mem m;
	(void)state;
	OPEN(&m, "\xEF\xBB\xBF" "Id, Name ,EXTRA\r\n"
	     "s1,Neuvonta,zzz\r\n"
	     "\r\n"
	     "s2,Palvelu\r\n", true, &w);
	assert_non_null(m.r);
	assert_int_equal(csv_ncolumns(m.r), 3);
	/* The BOM is not part of the first column's name. */
	assert_int_equal(csv_column(m.r, "id"), 0);
	assert_int_equal(csv_column(m.r, "name"), 1);
	assert_int_equal(csv_column(m.r, "Extra"), 2);
	assert_int_equal(csv_column(m.r, "missing"), -1);
	assert_int_equal(csv_next(m.r, &m.err), 1);
	assert_string_equal(csv_field(m.r, csv_column(m.r, "name")),
			    "Neuvonta");
	assert_int_equal(csv_line(m.r), 2);
	/* A blank line is skipped; a short row reads its missing fields as
	 * empty. */
	assert_int_equal(csv_next(m.r, &m.err), 1);
	assert_int_equal(csv_line(m.r), 4);
	assert_string_equal(csv_field(m.r, 0), "s2");
	assert_string_equal(csv_field(m.r, 2), "");
	assert_null(csv_field(m.r, csv_column(m.r, "nope")));
	assert_int_equal(csv_next(m.r, &m.err), 0);
	assert_int_equal(w.n, 0);
	mem_close(&m);
}

static void test_embedded_newlines_line_numbers(void **state)
{
	struct warns w = { 0 };
	struct mem m;
	(void)state;
	OPEN(&m, "id,text\n"
	     "1,\"first\nsecond\r\nthird\"\n"
	     "2,plain\n"
	     "3,\"a\rb\"\n"
	     "4,last", true, &w);
	assert_non_null(m.r);
	assert_int_equal(csv_next(m.r, &m.err), 1);
	assert_int_equal(csv_line(m.r), 2);
	assert_string_equal(csv_field(m.r, 1), "first\nsecond\r\nthird");
	assert_int_equal(csv_next(m.r, &m.err), 1);
	assert_int_equal(csv_line(m.r), 5);
	assert_string_equal(csv_field(m.r, 1), "plain");
	assert_int_equal(csv_next(m.r, &m.err), 1);
	assert_int_equal(csv_line(m.r), 6);
	assert_string_equal(csv_field(m.r, 1), "a\rb");
	/* The last record has no line end. */
	assert_int_equal(csv_next(m.r, &m.err), 1);
	assert_int_equal(csv_line(m.r), 8);
	assert_string_equal(csv_field(m.r, 1), "last");
	assert_int_equal(csv_next(m.r, &m.err), 0);
	mem_close(&m);
}

static void test_malformed_rows_skipped(void **state)
{
	struct warns w = { 0 };
	struct mem m;
	(void)state;
	OPEN(&m, "id,name\n"		/* 1 */
	     "1,good\n"			/* 2 */
	     "2,ba\"d\n"		/* 3: quote in an unquoted field */
	     "3,\"x\"y\n"		/* 4: text after a closing quote */
	     "4,a,b\n"			/* 5: too many fields */
	     "5,\xff\xfe\n"		/* 6: invalid UTF-8 */
	     "6,\"multi\nline\"\n"	/* 7-8: fine */
	     "7,\"never closed\nat all\n", /* 9: unterminated */
	     true, &w);
	assert_non_null(m.r);
	assert_int_equal(csv_next(m.r, &m.err), 1);
	assert_string_equal(csv_field(m.r, 0), "1");
	assert_int_equal(csv_next(m.r, &m.err), 1);
	assert_string_equal(csv_field(m.r, 0), "6");
	assert_int_equal(csv_line(m.r), 7);
	assert_int_equal(csv_next(m.r, &m.err), 0);
	assert_int_equal(csv_skipped(m.r), 5);
	assert_int_equal(w.n, 5);
	assert_non_null(strstr(w.msg[0], "t.csv:3: "));
	assert_non_null(strstr(w.msg[0], "quote"));
	assert_non_null(strstr(w.msg[1], "t.csv:4: "));
	assert_non_null(strstr(w.msg[2], "t.csv:5: "));
	assert_non_null(strstr(w.msg[2], "3 fields"));
	assert_non_null(strstr(w.msg[3], "t.csv:6: "));
	assert_non_null(strstr(w.msg[3], "UTF-8"));
	assert_non_null(strstr(w.msg[4], "t.csv:9: "));
	warns_free(&w);
	mem_close(&m);
}

static void test_nul_and_odd_bytes(void **state)
{
	static const char bytes[] = "a,b\n1,x\0y\n\"\"\"\n2,ok\n";
	struct warns w = { 0 };
	struct mem m;
	(void)state;
	mem_open(&m, bytes, sizeof bytes - 1, true, &w);
	assert_non_null(m.r);
	/* Row 2 has a NUL; row 3's quote never closes (eats the rest). */
	assert_int_equal(csv_next(m.r, &m.err), 0);
	assert_int_equal(w.n, 2);
	assert_non_null(strstr(w.msg[0], "t.csv:2: "));
	assert_non_null(strstr(w.msg[1], "t.csv:3: "));
	warns_free(&w);
	mem_close(&m);
}

static void test_bad_header_is_an_error(void **state)
{
	struct warns w = { 0 };
	struct mem m;
	(void)state;
	OPEN(&m, "id,\"name\n1,x\n", true, &w);
	assert_null(m.r);
	assert_non_null(m.err);
	assert_non_null(strstr(m.err, "t.csv:1: "));
	mem_close(&m);

	/* An empty file is a header with no columns and no rows. */
	OPEN(&m, "", true, &w);
	assert_non_null(m.r);
	assert_int_equal(csv_ncolumns(m.r), 0);
	assert_int_equal(csv_next(m.r, &m.err), 0);
	mem_close(&m);
	/* Half a byte order mark is just bad text. */
	OPEN(&m, "\xEF\xBB", false, &w);
	assert_non_null(m.r);
	assert_int_equal(csv_next(m.r, &m.err), 0);
	mem_close(&m);
	assert_int_equal(w.n, 1);	/* the lone 0xEF 0xBB is bad UTF-8 */
	warns_free(&w);
}

static void test_open_missing_file(void **state)
{
	char *err = NULL;
	(void)state;
	assert_null(csv_open("/nonexistent/neuvoo/x.csv", true, NULL, NULL,
			     &err));
	assert_non_null(err);
	assert_non_null(strstr(err, "/nonexistent/neuvoo/x.csv: "));
	free(err);
}

static void test_write_read_back(void **state)
{
	const char *row1[] = { "plain", "with,comma", "with \"quote\"",
			       "two\nlines", NULL, "crlf\r\nend", "ä ö å" };
	const char *row2[] = { "" };
	char *buf = NULL;
	size_t len = 0, i;
	FILE *f = open_memstream(&buf, &len);
	struct warns w = { 0 };
	struct mem m;
	(void)state;
	assert_non_null(f);
	assert_int_equal(csv_write_row(f, row1, 7), 0);
	assert_int_equal(csv_write_row(f, row2, 1), 0);
	assert_int_equal(csv_write_row(f, row1, 1), 0);
	fclose(f);
	assert_memory_equal(buf, "plain,\"with,comma\",\"with \"\"quote\"\"\","
			    "\"two\nlines\",,\"crlf\r\nend\",ä ö å\r\n",
			    strlen("plain,\"with,comma\",\"with \"\"quote\"\"\","
				   "\"two\nlines\",,\"crlf\r\nend\",ä ö å\r\n"));
	mem_open(&m, buf, len, false, &w);
	assert_int_equal(csv_next(m.r, &m.err), 1);
	assert_int_equal(csv_nfields(m.r), 7);
	for (i = 0; i < 7; i++)
		assert_string_equal(csv_field(m.r, (int)i),
				    row1[i] ? row1[i] : "");
	/* A lone empty field survives as a record. */
	assert_int_equal(csv_next(m.r, &m.err), 1);
	assert_int_equal(csv_nfields(m.r), 1);
	assert_string_equal(csv_field(m.r, 0), "");
	assert_int_equal(csv_line(m.r), 4);
	assert_int_equal(csv_next(m.r, &m.err), 1);
	assert_string_equal(csv_field(m.r, 0), "plain");
	assert_int_equal(csv_next(m.r, &m.err), 0);
	assert_int_equal(w.n, 0);
	mem_close(&m);
	free(buf);
	assert_true(csv_needs_quotes("a,b"));
	assert_false(csv_needs_quotes("a b"));
}

/* A first field starting with U+FEFF must not read back as a byte-order
 * mark (found by fuzzing). */
static void test_leading_bom_field_round_trip(void **state)
{
	const char *row[] = { "\xef\xbb\xbfx", "y" };
	char *buf = NULL;
	size_t len = 0;
	FILE *f = open_memstream(&buf, &len);
	struct warns w = { 0 };
	struct mem m;
	(void)state;
	assert_non_null(f);
	assert_int_equal(csv_write_row(f, row, 2), 0);
	fclose(f);
	mem_open(&m, buf, len, false, &w);
	assert_int_equal(csv_next(m.r, &m.err), 1);
	assert_int_equal(csv_nfields(m.r), 2);
	assert_string_equal(csv_field(m.r, 0), "\xef\xbb\xbfx");
	assert_string_equal(csv_field(m.r, 1), "y");
	mem_close(&m);
	free(buf);
}

static void test_long_field(void **state)
{
	size_t n = 300000, i;
	char *s = malloc(n + 16);
	struct warns w = { 0 };
	struct mem m;
	(void)state;
	assert_non_null(s);
	s[0] = '"';
	for (i = 1; i <= n; i++)
		s[i] = (char)('a' + i % 26);
	memcpy(s + n + 1, "\",z\n", 4);
	mem_open(&m, s, n + 5, false, &w);
	assert_int_equal(csv_next(m.r, &m.err), 1);
	assert_int_equal(strlen(csv_field(m.r, 0)), n);
	assert_string_equal(csv_field(m.r, 1), "z");
	mem_close(&m);
	free(s);
}

/* A file saved with semicolons or tabs reads as one column: an error
 * naming line 1, never an empty table read without a word. */
static void test_one_column_header(void **state)
{
	struct warns w = { 0 };
	struct mem m;
	(void)state;
	OPEN(&m, "id;name;x_kind\no1;Kunta;city\n", true, &w);
	assert_non_null(m.r);
	assert_int_equal(csv_ncolumns(m.r), 1);
	assert_int_equal(csv_expect_columns(m.r, 2, &m.err), -1);
	assert_non_null(strstr(m.err, "t.csv:1: "));
	assert_non_null(strstr(m.err, "not comma-separated?"));
	mem_close(&m);

	OPEN(&m, "id\tname\n", true, &w);
	assert_int_equal(csv_expect_columns(m.r, 2, &m.err), -1);
	assert_non_null(strstr(m.err, "not comma-separated?"));
	mem_close(&m);

	OPEN(&m, "id\n1\n", true, &w);
	assert_int_equal(csv_expect_columns(m.r, 2, &m.err), -1);
	assert_non_null(strstr(m.err, "has 1 column, at least 2"));
	mem_close(&m);

	OPEN(&m, "id,name\n", true, &w);
	assert_int_equal(csv_expect_columns(m.r, 2, &m.err), 0);
	assert_null(m.err);
	mem_close(&m);
	assert_int_equal(w.n, 0);
}

/* An unclosed quote is named where it opens and says that it swallowed
 * the rows after it. */
static void test_unclosed_quote_named(void **state)
{
	struct warns w = { 0 };
	struct mem m;
	(void)state;
	OPEN(&m, "id,name\n1,a\n2,\"open\n3,b\n4,c\n", true, &w);
	assert_int_equal(csv_next(m.r, &m.err), 1);
	assert_int_equal(csv_next(m.r, &m.err), 0);
	assert_int_equal(w.n, 1);
	assert_non_null(strstr(w.msg[0], "t.csv:3: a quote opened here is never closed"));
	assert_int_equal(csv_skipped(m.r), 1);
	warns_free(&w);
	mem_close(&m);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_plain_and_quoted),
		cmocka_unit_test(test_header_bom_crlf),
		cmocka_unit_test(test_embedded_newlines_line_numbers),
		cmocka_unit_test(test_malformed_rows_skipped),
		cmocka_unit_test(test_nul_and_odd_bytes),
		cmocka_unit_test(test_bad_header_is_an_error),
		cmocka_unit_test(test_open_missing_file),
		cmocka_unit_test(test_write_read_back),
		cmocka_unit_test(test_leading_bom_field_round_trip),
		cmocka_unit_test(test_long_field),
		cmocka_unit_test(test_one_column_header),
		cmocka_unit_test(test_unclosed_quote_named),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
