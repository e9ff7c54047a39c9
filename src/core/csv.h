/* csv: RFC 4180 comma-separated values, read as a stream and written with
 * quoting where needed.
 *
 * The reader takes quoted fields with embedded commas, doubled quotes and
 * line breaks, CRLF or LF line ends and a UTF-8 byte order mark. With a
 * header, columns are found by name (ASCII case-insensitive, surrounding
 * blanks ignored), so unknown or reordered columns do no harm. A malformed
 * record (a quoted field never closed, a quote inside an unquoted field,
 * text after a closing quote, invalid UTF-8 or a NUL byte, more fields than
 * the header) is reported as "FILE:LINE: what is wrong" through the warn
 * callback, counting physical lines where the record starts, and skipped;
 * reading goes on with the next line. Blank lines are skipped. Any bytes
 * are safe input: fields grow as needed and nothing is cut. */
#ifndef NEUVOO_CSV_H
#define NEUVOO_CSV_H

#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>

typedef void (*csv_warn_fn)(void *ctx, const char *msg);

struct csv_reader;

/* Open path for reading. With header, the first record names the columns
 * (a malformed header is an error, not a warning). warn may be NULL.
 * Returns NULL and sets *err when the file cannot be opened or read. */
struct csv_reader *csv_open(const char *path, bool header, csv_warn_fn warn,
			    void *ctx, char **err);
/* The same on an open stream, which csv_close() leaves open; name is used
 * in messages. */
struct csv_reader *csv_reader_new(FILE *f, const char *name, bool header,
				  csv_warn_fn warn, void *ctx, char **err);
void csv_close(struct csv_reader **r);

/* Read the next well-formed record: 1 when there is one, 0 at the end of
 * the file, -1 on a read error (sets *err). */
int csv_next(struct csv_reader *r, char **err);

/* Fields of the current record. csv_field() gives "" for an index past the
 * record's end (a short row) and NULL for a negative index (a column the
 * header does not have), so csv_field(r, csv_column(r, "x")) works. */
size_t csv_nfields(const struct csv_reader *r);
const char *csv_field(const struct csv_reader *r, int i);
/* Index of a named column in the header, or -1. */
int csv_column(const struct csv_reader *r, const char *name);
/* Number of columns in the header (0 without one). */
size_t csv_ncolumns(const struct csv_reader *r);

/* A header of fewer than min columns is an error ("FILE:1: ... not
 * comma-separated?"): a file saved with semicolons or tabs reads as one
 * column, and every row of it would be lost without a word. 0 when it
 * has enough, else -1 and *err. */
int csv_expect_columns(const struct csv_reader *r, size_t min, char **err);

/* Physical line (from 1) where the current record starts. */
unsigned long csv_line(const struct csv_reader *r);
/* The name used in messages. */
const char *csv_name(const struct csv_reader *r);
/* How many malformed records were skipped so far. */
unsigned long csv_skipped(const struct csv_reader *r);

/* Writing: one record, CRLF-terminated as RFC 4180 says; a field is quoted
 * when it holds a comma, a quote, CR or LF (and a lone empty field, which
 * would otherwise read back as a blank line). NULL fields are empty.
 * Returns 0, or -1 when the stream has an error. */
int csv_write_row(FILE *f, const char *const *fields, size_t n);
/* A copy of s without its surrounding blanks (spaces and tabs). */
char *csv_trim(const char *s);
/* A text cell for a spreadsheet: s with "'" in front when it begins with
 * = + - @, a tab or CR (a spreadsheet would run it as a formula), else s
 * itself; a new string. Never for numbers, nor for a file read back. */
char *csv_text_cell(const char *s);
bool csv_needs_quotes(const char *s);

#endif
