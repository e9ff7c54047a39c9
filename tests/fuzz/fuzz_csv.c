/* fuzz_csv: the CSV reader on arbitrary bytes, with and without a header.
 *
 * Invariants: reading ends (1 ... 1, then 0 or -1); every field of a
 * record handed out is valid UTF-8 without NUL; a header-less file's
 * records written back with csv_write_row() read back equal; every warning
 * is one line. The first byte chooses header or not. */
#include <config.h>

#include "fuzz_util.h"

#include "core/csv.h"
#include "core/err.h"
#include "core/text.h"

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
	(void)argc;
	(void)argv;
	fuzz_setup();
	return 0;
}

static void on_warn(void *ctx, const char *msg)
{
	(*(unsigned long *)ctx)++;
	fuzz_one_line("csv warning", msg);
}

struct rows {
	char ***f;
	size_t *n;
	size_t len;
};

static void rows_free(struct rows *r)
{
	size_t i, j;
	for (i = 0; i < r->len; i++) {
		for (j = 0; j < r->n[i]; j++)
			free(r->f[i][j]);
		free(r->f[i]);
	}
	free(r->f);
	free(r->n);
}

/* Read every record of f; records are kept when keep is not NULL. */
static void read_all(FILE *f, bool header, struct rows *keep)
{
	unsigned long warnings = 0;
	char *err = NULL;
	struct csv_reader *r = csv_reader_new(f, "fuzz.csv", header, on_warn,
					      &warnings, &err);
	int rc;

	if (!r) {
		FUZZ_ASSERT(header, "no reader without a header: %s", err ? err : "");
		fuzz_one_line("csv_reader_new", err);
		err_free(&err);
		return;
	}
	(void)csv_column(r, "name");
	(void)csv_column(r, " ID ");
	(void)csv_ncolumns(r);
	while ((rc = csv_next(r, &err)) == 1) {
		size_t n = csv_nfields(r), i;
		FUZZ_ASSERT(csv_line(r) >= 1, "line 0");
		for (i = 0; i < n; i++) {
			const char *v = csv_field(r, (int)i);
			FUZZ_ASSERT(v && text_valid(v, strlen(v)),
				    "field %zu is not valid UTF-8", i);
		}
		FUZZ_ASSERT(csv_field(r, -1) == NULL, "field -1");
		FUZZ_ASSERT(csv_field(r, (int)n + 5) && !*csv_field(r, (int)n + 5),
			    "a field past the end is not \"\"");
		if (keep) {
			keep->f = realloc(keep->f, (keep->len + 1) * sizeof *keep->f);
			keep->n = realloc(keep->n, (keep->len + 1) * sizeof *keep->n);
			if (!keep->f || !keep->n)
				abort();
			keep->f[keep->len] = calloc(n ? n : 1, sizeof(char *));
			for (i = 0; i < n; i++)
				keep->f[keep->len][i] = strdup(csv_field(r, (int)i));
			keep->n[keep->len++] = n;
		}
	}
	FUZZ_ASSERT(rc == 0 || rc == -1, "csv_next gave %d", rc);
	if (rc == -1)
		fuzz_one_line("csv_next", err);
	FUZZ_ASSERT(csv_skipped(r) <= warnings, "skipped rows without a warning");
	err_free(&err);
	csv_close(&r);
	FUZZ_ASSERT(!r, "csv_close did not clear the pointer");
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct rows a = { 0 }, b = { 0 };
	char *out = NULL;
	size_t outlen = 0, i, j;
	bool header = size && (data[0] & 1);
	FILE *f;

	if (size == 0)
		return 0;
	f = fmemopen((void *)data, size, "r");
	if (!f)
		return 0;
	read_all(f, header, header ? NULL : &a);
	fclose(f);
	if (header)
		return 0;

	/* Write the records back and read them again. */
	f = open_memstream(&out, &outlen);
	if (!f)
		abort();
	for (i = 0; i < a.len; i++)
		FUZZ_ASSERT(csv_write_row(f, (const char *const *)a.f[i], a.n[i]) == 0,
			    "csv_write_row failed");
	fclose(f);
	if (outlen) {
		f = fmemopen(out, outlen, "r");
		if (!f)
			abort();
		read_all(f, false, &b);
		fclose(f);
	}
	/* Every record comes back, a lone empty field too (it is written
	 * quoted so that it is not a blank line). */
	{
		size_t k = 0;
		for (i = 0; i < a.len; i++) {
			if (a.n[i] == 0)
				continue;
			FUZZ_ASSERT(k < b.len, "record %zu lost on the round trip", i);
			FUZZ_ASSERT(a.n[i] == b.n[k], "record %zu: %zu fields, then %zu",
				    i, a.n[i], b.n[k]);
			for (j = 0; j < a.n[i]; j++)
				FUZZ_ASSERT(!strcmp(a.f[i][j], b.f[k][j]),
					    "record %zu field %zu changed", i, j);
			k++;
		}
		FUZZ_ASSERT(k == b.len, "extra records after the round trip");
	}
	rows_free(&a);
	rows_free(&b);
	free(out);
	return 0;
}
