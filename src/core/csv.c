/* csv: see csv.h.
 *
 * The reader is a small state machine over a private read buffer (so that
 * the byte order mark and CRLF can be looked at without ungetc limits).
 * A record's fields are stored one after another, NUL-terminated, in one
 * growing byte array, with an array of offsets; nothing has a fixed size.
 * After a malformed record the reader skips to the end of the physical
 * line it noticed the fault on and carries on, so one bad row costs one
 * row. */
#include <config.h>

#include <errno.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "core/csv.h"
#include "core/err.h"
#include "core/i18n.h"
#include "core/text.h"

#define CSV_IOBUF 65536

struct csv_reader {
	FILE *f;
	bool own;
	char *name;
	csv_warn_fn warn;
	void *ctx;

	unsigned char *io;	/* read buffer */
	size_t io_len, io_pos;
	bool io_eof, io_err;

	unsigned long line;	/* physical line being read, from 1 */
	unsigned long rec_line;	/* where the current record starts */
	unsigned long nbad;

	char *data;		/* fields, each NUL-terminated */
	size_t dlen, dcap;
	size_t *off;		/* field offsets into data */
	size_t nf, fcap;
	bool has_nul;		/* a NUL byte was inside a field */

	char **hdr;
	size_t nh;
};

enum { REC_EOF, REC_OK, REC_BAD, REC_IOERR };

static bool fill(struct csv_reader *r)
{
	size_t n;
	if (r->io_pos < r->io_len)
		return true;
	if (r->io_eof || r->io_err)
		return false;
	n = fread(r->io, 1, CSV_IOBUF, r->f);
	r->io_pos = 0;
	r->io_len = n;
	if (n == 0) {
		if (ferror(r->f))
			r->io_err = true;
		else
			r->io_eof = true;
		return false;
	}
	return true;
}

static int peekc(struct csv_reader *r)
{
	return fill(r) ? r->io[r->io_pos] : EOF;
}

static int getc_(struct csv_reader *r)
{
	return fill(r) ? r->io[r->io_pos++] : EOF;
}

static void put_byte(struct csv_reader *r, int c)
{
	if (r->dlen + 1 >= r->dcap) {
		r->dcap = r->dcap ? r->dcap * 2 : 256;
		r->data = xrealloc(r->data, r->dcap);
	}
	r->data[r->dlen++] = (char)c;
}

/* A byte of field text (a NUL there makes the record malformed, since
 * fields are handed out as C strings). */
static void put(struct csv_reader *r, int c)
{
	if (c == 0)
		r->has_nul = true;
	put_byte(r, c);
}

static void begin_field(struct csv_reader *r)
{
	if (r->nf == r->fcap) {
		r->fcap = r->fcap ? r->fcap * 2 : 16;
		r->off = xrealloc(r->off, r->fcap * sizeof *r->off);
	}
	r->off[r->nf++] = r->dlen;
}

/* c was a CR or LF just read: take the LF of a CRLF and count the line. */
static void end_line(struct csv_reader *r, int c)
{
	if (c == '\r' && peekc(r) == '\n')
		getc_(r);
	r->line++;
}

static void skip_line(struct csv_reader *r)
{
	int c;
	while ((c = getc_(r)) != EOF) {
		if (c == '\r' || c == '\n') {
			end_line(r, c);
			return;
		}
	}
}

/* Parse one record into r->data/r->off. *why gets what was wrong for
 * REC_BAD. */
static int parse_record(struct csv_reader *r, const char **why)
{
	int c;

	r->nf = 0;
	r->dlen = 0;
	r->has_nul = false;
	*why = NULL;

	/* Blank lines carry no record. */
	while ((c = peekc(r)) == '\r' || c == '\n') {
		getc_(r);
		end_line(r, c);
	}
	if (c == EOF)
		return r->io_err ? REC_IOERR : REC_EOF;
	r->rec_line = r->line;

	for (;;) {
		begin_field(r);
		c = getc_(r);
		if (c == '"') {
			for (;;) {
				c = getc_(r);
				if (c == EOF) {
					if (r->io_err)
						return REC_IOERR;
					*why = _("a quote opened here is never closed, so every later row is inside it; close the quote");
					return REC_BAD;
				}
				if (c == '"') {
					if (peekc(r) != '"')
						break;
					getc_(r);
					put(r, '"');
				} else if (c == '\r') {
					put(r, c);
					if (peekc(r) == '\n')
						put(r, getc_(r));
					r->line++;
				} else {
					if (c == '\n')
						r->line++;
					put(r, c);
				}
			}
			c = getc_(r);
			if (c != ',' && c != '\r' && c != '\n' && c != EOF) {
				*why = _("text after the closing quote of a field");
				skip_line(r);
				return REC_BAD;
			}
		} else {
			while (c != ',' && c != '\r' && c != '\n' && c != EOF) {
				if (c == '"') {
					*why = _("quote inside an unquoted field");
					skip_line(r);
					return REC_BAD;
				}
				put(r, c);
				c = getc_(r);
			}
		}
		put_byte(r, '\0');
		if (c == ',')
			continue;
		if (c == '\r' || c == '\n')
			end_line(r, c);
		else if (r->io_err)
			return REC_IOERR;
		return REC_OK;
	}
}

/* Checks on a syntactically whole record. */
static const char *check_record(struct csv_reader *r, char **owned)
{
	size_t i;
	if (r->has_nul)
		return _("a NUL byte inside a field");
	for (i = 0; i < r->nf; i++) {
		const char *s = r->data + r->off[i];
		if (!text_valid(s, strlen(s)))
			return _("text that is not valid UTF-8");
	}
	if (r->hdr && r->nf > r->nh) {
		*owned = xasprintf(ngettext("%zu field but the header has %zu",
					    "%zu fields but the header has %zu",
					    r->nf),
				   r->nf, r->nh);
		return *owned;
	}
	return NULL;
}

static void warn_bad(struct csv_reader *r, const char *why)
{
	char *msg;
	r->nbad++;
	if (!r->warn)
		return;
	msg = xasprintf(_("%s:%lu: %s; row skipped"), r->name, r->rec_line, why);
	r->warn(r->ctx, msg);
	free(msg);
}

static int read_error(struct csv_reader *r, char **err)
{
	err_set(err, _("%s: cannot read: %s"), r->name,
		strerror(errno ? errno : EIO));
	return -1;
}

/* The next well-formed record, skipping and reporting bad ones. */
static int next_record(struct csv_reader *r, bool header, char **err)
{
	for (;;) {
		const char *why;
		char *owned = NULL;
		int st = parse_record(r, &why);
		if (st == REC_EOF) {
			r->nf = 0;
			return 0;
		}
		if (st == REC_IOERR)
			return read_error(r, err);
		if (st == REC_OK)
			why = check_record(r, &owned);
		if (!why)
			return 1;
		if (header) {
			err_set(err, _("%s:%lu: bad header row: %s; fix the file"),
				r->name, r->rec_line, why);
			free(owned);
			return -1;
		}
		warn_bad(r, why);
		free(owned);
	}
}

char *csv_trim(const char *s)
{
	size_t n;
	while (*s == ' ' || *s == '\t')
		s++;
	n = strlen(s);
	while (n && (s[n - 1] == ' ' || s[n - 1] == '\t'))
		n--;
	return xstrndup(s, n);
}

struct csv_reader *csv_reader_new(FILE *f, const char *name, bool header,
				  csv_warn_fn warn, void *ctx, char **err)
{
	struct csv_reader *r = xcalloc(1, sizeof *r);
	r->f = f;
	r->name = xstrdup(name ? name : "-");
	r->warn = warn;
	r->ctx = ctx;
	r->io = xmalloc(CSV_IOBUF);
	r->line = 1;

	/* A UTF-8 byte order mark, as spreadsheet programs write. */
	if (peekc(r) == 0xEF) {
		if (r->io_len - r->io_pos < 3 && !r->io_eof) {
			/* Make the three bytes contiguous (tiny first read). */
			size_t have = r->io_len - r->io_pos, n;
			memmove(r->io, r->io + r->io_pos, have);
			r->io_pos = 0;
			r->io_len = have;
			while (r->io_len < 3 &&
			       (n = fread(r->io + r->io_len, 1,
					  CSV_IOBUF - r->io_len, f)) > 0)
				r->io_len += n;
		}
		if (r->io_len - r->io_pos >= 3 &&
		    memcmp(r->io + r->io_pos, "\xEF\xBB\xBF", 3) == 0)
			r->io_pos += 3;
	}

	if (header) {
		int st = next_record(r, true, err);
		size_t i;
		if (st < 0) {
			csv_close(&r);
			return NULL;
		}
		r->nh = r->nf;
		r->hdr = xcalloc(r->nh ? r->nh : 1, sizeof *r->hdr);
		for (i = 0; i < r->nh; i++)
			r->hdr[i] = csv_trim(r->data + r->off[i]);
		r->nf = 0;
	}
	return r;
}

struct csv_reader *csv_open(const char *path, bool header, csv_warn_fn warn,
			    void *ctx, char **err)
{
	struct csv_reader *r;
	FILE *f = fopen(path, "rb");
	if (!f) {
		err_set(err, _("%s: cannot open: %s"), path, strerror(errno));
		return NULL;
	}
	r = csv_reader_new(f, path, header, warn, ctx, err);
	if (!r) {
		fclose(f);
		return NULL;
	}
	r->own = true;
	return r;
}

void csv_close(struct csv_reader **rp)
{
	struct csv_reader *r;
	size_t i;
	if (!rp || !*rp)
		return;
	r = *rp;
	if (r->own && r->f)
		fclose(r->f);
	for (i = 0; i < r->nh; i++)
		free(r->hdr[i]);
	free(r->hdr);
	free(r->name);
	free(r->io);
	free(r->data);
	free(r->off);
	free(r);
	*rp = NULL;
}

int csv_next(struct csv_reader *r, char **err)
{
	return next_record(r, false, err);
}

size_t csv_nfields(const struct csv_reader *r)
{
	return r->nf;
}

const char *csv_field(const struct csv_reader *r, int i)
{
	if (i < 0)
		return NULL;
	if ((size_t)i >= r->nf)
		return "";
	return r->data + r->off[i];
}

int csv_column(const struct csv_reader *r, const char *name)
{
	size_t i;
	for (i = 0; i < r->nh && i < INT_MAX; i++)
		if (strcasecmp(r->hdr[i], name) == 0)
			return (int)i;
	return -1;
}

size_t csv_ncolumns(const struct csv_reader *r)
{
	return r->nh;
}

int csv_expect_columns(const struct csv_reader *r, size_t min, char **err)
{
	const char *h = r->nh ? r->hdr[0] : "";
	if (r->nh >= min)
		return 0;
	if (strchr(h, ';') || strchr(h, '\t'))
		err_set(err, _("%s:1: the header is one column; not comma-separated? (save the file as CSV with commas)"),
			r->name);
	else
		err_set(err, ngettext("%s:1: the header has %zu column, at least %zu are needed; not comma-separated?",
				      "%s:1: the header has %zu columns, at least %zu are needed; not comma-separated?",
				      r->nh),
			r->name, r->nh, min);
	return -1;
}

unsigned long csv_line(const struct csv_reader *r)
{
	return r->rec_line;
}

const char *csv_name(const struct csv_reader *r)
{
	return r->name;
}

unsigned long csv_skipped(const struct csv_reader *r)
{
	return r->nbad;
}

bool csv_needs_quotes(const char *s)
{
	/* A leading U+FEFF would read back as a byte-order mark and vanish. */
	return s && (strpbrk(s, ",\"\r\n") != NULL
		     || !strncmp(s, "\xEF\xBB\xBF", 3));
}

int csv_write_row(FILE *f, const char *const *fields, size_t n)
{
	size_t i;
	for (i = 0; i < n; i++) {
		const char *s = fields[i] ? fields[i] : "";
		if (i)
			putc(',', f);
		if (csv_needs_quotes(s) || (n == 1 && !*s)) {
			putc('"', f);
			for (; *s; s++) {
				if (*s == '"')
					putc('"', f);
				putc(*s, f);
			}
			putc('"', f);
		} else {
			fputs(s, f);
		}
	}
	fputs("\r\n", f);
	return ferror(f) ? -1 : 0;
}

char *csv_text_cell(const char *s)
{
	if (s && *s && strchr("=+-@\t\r", *s))
		return xasprintf("'%s", s);
	return xstrdup(s ? s : "");
}
