/* cfgparse: see cfgparse.h.
 *
 * The parse under way is reached through one thread-local pointer, set only
 * for the length of one cfgparse_file_opts() call (and restored after it,
 * should a callback ever parse another file): libconfuse's error callback
 * and validation callbacks have no user pointer. It holds the file name,
 * the comment-free text (to find a needle's or a section's line) and the
 * first error. */
#include <config.h>

#include <errno.h>
#include <fcntl.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "core/cfgparse.h"
#include "core/err.h"
#include "core/i18n.h"

struct parse_run {
	const char *path;
	const char *text;	/* without comments; lines as in the file */
	size_t len;
	void *user;
	char *msg;		/* the first error, and its line */
	int line;
};

static _Thread_local struct parse_run *current;

/* ---- the text ------------------------------------------------------------- */

/* The whole file in a new buffer, or NULL with errno set (ENOENT and
 * ENOTDIR for a missing file) or *err set (not a regular file, too big).
 * The file is opened without blocking so that a FIFO or a device is
 * refused before anything waits on it, and read up to CFGPARSE_MAX_BYTES,
 * so that /dev/zero or a runaway file never fills memory. */
static char *slurp(const char *path, size_t *len, char **err)
{
	struct stat sb;
	char *buf;
	size_t n = 0;
	int fd = open(path, O_RDONLY | O_NONBLOCK | O_NOCTTY | O_CLOEXEC), e;

	if (fd < 0)
		return NULL;
	if (fstat(fd, &sb) != 0) {
		e = errno;
		close(fd);
		errno = e;
		return NULL;
	}
	if (!S_ISREG(sb.st_mode)) {
		close(fd);
		err_set(err, _("%s: not a regular file (a folder, FIFO or device); give the path of a file"), path);
		return NULL;
	}
	if (sb.st_size > CFGPARSE_MAX_BYTES) {
		close(fd);
		err_set(err, _("%s: larger than %d kB, the most a file of settings may be; check that it is the right file"),
			path, CFGPARSE_MAX_BYTES / 1024);
		return NULL;
	}
	buf = xmalloc((size_t)sb.st_size + 2);
	/* Read one byte more than fstat said: a file that grows while it
	 * is read is still cut off at the cap. */
	for (;;) {
		size_t want = (size_t)sb.st_size + 1 - n;
		ssize_t got;
		if (!want)
			break;
		got = read(fd, buf + n, want);
		if (got < 0 && errno == EINTR)
			continue;
		if (got < 0) {
			e = errno;
			free(buf);
			close(fd);
			errno = e;
			return NULL;
		}
		if (got == 0)
			break;
		n += (size_t)got;
	}
	close(fd);
	if (n > (size_t)sb.st_size && n > CFGPARSE_MAX_BYTES) {
		free(buf);
		err_set(err, _("%s: larger than %d kB, the most a file of settings may be; check that it is the right file"),
			path, CFGPARSE_MAX_BYTES / 1024);
		return NULL;
	}
	buf[n] = '\0';
	*len = n;
	return buf;
}

/* Remove comments (# ..., // ..., slash-star ... star-slash) outside quoted
 * strings, keeping their newlines, following libconfuse's lexer: '#' always
 * starts a comment outside quotes, while // and slash-star do so only where
 * a token starts. Lines and everything else stay where they were. */
static void strip_comments(char *s, size_t n)
{
	size_t i = 0, o = 0;
	char quote = 0;
	bool word = false;	/* inside an unquoted word */

	while (i < n) {
		char c = s[i];
		if (quote) {
			s[o++] = s[i++];
			if (c == '\\' && i < n)
				s[o++] = s[i++];
			else if (c == quote)
				quote = 0;
			continue;
		}
		if (c == '#' || (!word && c == '/' && i + 1 < n &&
				 s[i + 1] == '/')) {
			while (i < n && s[i] != '\n')
				i++;
			word = false;
			continue;
		}
		if (!word && c == '/' && i + 1 < n && s[i + 1] == '*') {
			i += 2;
			while (i < n && !(s[i] == '*' && i + 1 < n &&
					  s[i + 1] == '/')) {
				if (s[i] == '\n')
					s[o++] = '\n';
				i++;
			}
			i = i < n ? i + 2 : n;
			/* The lexer ends a comment as a token of its own. */
			s[o++] = ' ';
			continue;
		}
		if (c == '"' || c == '\'')
			quote = c;
		word = !quote && !strchr(" \t\r\n={}()+,", c);
		s[o++] = s[i++];
	}
	s[o] = '\0';
}

/* The line where a quoted string opens that a newline reaches before its
 * closing quote, or 0 (the text is without comments). */
static int open_quote_line(const char *s, size_t n)
{
	size_t i;
	int line = 1, open = 0;
	char quote = 0;
	for (i = 0; i < n; i++) {
		char c = s[i];
		if (c == '\n') {
			if (quote)
				return open;
			line++;
		} else if (quote) {
			if (c == '\\' && i + 1 < n && s[i + 1] != '\n')
				i++;
			else if (c == quote)
				quote = 0;
		} else if (c == '"' || c == '\'') {
			quote = c;
			open = line;
		}
	}
	return quote ? open : 0;
}

/* The last line, up to `upto`, that mentions needle; upto if none. */
static int needle_line(const struct parse_run *run, int upto, const char *needle)
{
	const char *p = run->text, *end = run->text + run->len;
	size_t n = needle ? strlen(needle) : 0;
	int line = 1, found = 0;

	if (!n || upto <= 0)
		return upto;
	while (p < end && line <= upto) {
		const char *eol = memchr(p, '\n', (size_t)(end - p));
		const char *stop = eol ? eol : end, *q;
		for (q = p; q + n <= stop; q++)
			if (!memcmp(q, needle, n)) {
				found = line;
				break;
			}
		if (!eol)
			break;
		p = eol + 1;
		line++;
	}
	return found ? found : upto;
}

/* Where the last section `name` (titled `title`, unless NULL) that closes
 * by line `upto` was opened, or 0: a small scanner of libconfuse's syntax
 * (strings, words, "x = {" lists, "name {" and "name title {" sections). */
static int section_line(const struct parse_run *run, const char *name,
			const char *title, int upto)
{
	const char *s = run->text;
	size_t len = run->len, i = 0, cap = 0;
	/* The last three tokens, their lines, and whether they were words. */
	char *tok[3] = { NULL, NULL, NULL };
	int tline[3] = { 0, 0, 0 }, line = 1, found = 0, depth = 0, k;
	int *stack = NULL;	/* the opening line if it is our section, else 0 */

#define PUSH(str, ln) do { free(tok[0]); tok[0] = tok[1]; tok[1] = tok[2]; \
		tline[0] = tline[1]; tline[1] = tline[2]; \
		tok[2] = (str); tline[2] = (ln); } while (0)
	while (i < len && line <= upto) {
		char ch = s[i];
		if (ch == '\n') {
			line++;
			i++;
		} else if (ch == ' ' || ch == '\t' || ch == '\r' || ch == ',') {
			i++;
		} else if (ch == '"' || ch == '\'') {
			size_t st = ++i;
			int ln = line;
			for (; i < len && s[i] != ch; i++) {
				if (s[i] == '\\' && i + 1 < len)
					i++;
				if (s[i] == '\n')
					line++;
			}
			PUSH(xstrndup(s + st, i - st), ln);
			i++;
		} else if (ch == '{') {
			bool list = tok[2] && (!strcmp(tok[2], "=") || !strcmp(tok[2], "+="));
			int open = 0;
			if (!list && !title && tok[2] && !strcmp(tok[2], name) &&
			    !(tok[1] && !strcmp(tok[1], "=")))
				open = tline[2];
			else if (!list && tok[1] && !strcmp(tok[1], name) &&
				 (!title || !strcmp(tok[2], title)) &&
				 !(tok[0] && !strcmp(tok[0], "=")))
				open = tline[1];
			if ((size_t)depth >= cap) {
				cap = cap ? 2 * cap : 16;
				stack = xrealloc(stack, cap * sizeof *stack);
			}
			stack[depth++] = open;
			PUSH(xstrdup("{"), line);
			i++;
		} else if (ch == '}') {
			if (depth > 0 && stack[--depth] > 0)
				found = stack[depth];
			PUSH(xstrdup("}"), line);
			i++;
		} else if (ch == '=') {
			PUSH(xstrdup("="), line);
			i++;
		} else {
			size_t st = i;
			while (i < len && !strchr(" \t\r\n{}=,\"'", s[i]))
				i++;
			if (i > st + 1 && s[i - 1] == '+' && i < len && s[i] == '=') {
				PUSH(xstrndup(s + st, i - 1 - st), line);
				PUSH(xstrdup("+="), line);
				i++;
			} else {
				PUSH(xstrndup(s + st, i - st), line);
			}
		}
	}
#undef PUSH
	for (k = 0; k < 3; k++)
		free(tok[k]);
	free(stack);
	return found;
}

/* ---- errors ------------------------------------------------------------- */

static void record(int line, const char *fmt, va_list ap)
{
	char *msg = NULL;
	if (!current || current->msg)
		return;		/* the first error is the most specific */
	err_vset(&msg, fmt, ap);
	current->msg = msg;
	current->line = line;
}

__attribute__((format(printf, 2, 0)))
static void on_error(cfg_t *cfg, const char *fmt, va_list ap)
{
	record(cfg ? cfg->line : 0, fmt, ap);
}

int cfgparse_error(cfg_t *cfg, const char *needle, const char *fmt, ...)
{
	va_list ap;
	int line = cfg ? cfg->line : 0;
	if (current && needle)
		line = needle_line(current, line, needle);
	va_start(ap, fmt);
	record(line, fmt, ap);
	va_end(ap);
	return -1;
}

int cfgparse_section_error(cfg_t *cfg, const char *name, const char *title,
			   const char *fmt, ...)
{
	va_list ap;
	int line = cfg ? cfg->line : 0, open = 0;
	if (current && name)
		open = section_line(current, name, title, line);
	va_start(ap, fmt);
	record(open ? open : line, fmt, ap);
	va_end(ap);
	return -1;
}

int cfgparse_section_open_line(cfg_t *cfg, const char *name,
			       const char *title)
{
	int line = cfg ? cfg->line : 0, open = 0;
	if (current && name)
		open = section_line(current, name, title, line);
	return open ? open : line;
}

void *cfgparse_user(void)
{
	return current ? current->user : NULL;
}

/* ---- parsing -------------------------------------------------------------- */

int cfgparse_file(cfg_t *cfg, const char *path, char **err)
{
	return cfgparse_file_opts(cfg, path, NULL, err);
}

int cfgparse_file_opts(cfg_t *cfg, const char *path,
		       const struct cfgparse_opts *opts, char **err)
{
	static const struct cfgparse_opts none;
	struct parse_run run;
	struct parse_run *saved = current;
	const char *hint;
	FILE *f = NULL;
	char *text;
	size_t len = 0;
	int rc = CFG_SUCCESS;

	if (!opts)
		opts = &none;
	text = slurp(path, &len, err);
	if (!text) {
		int e = errno;
		if (err && *err)
			return -1;
		if (opts->optional && (e == ENOENT || e == ENOTDIR))
			return 1;
		err_set(err, _("%s: cannot read: %s"), path, strerror(e));
		return -1;
	}
	strip_comments(text, len);
	len = strlen(text);	/* also stops at a stray NUL byte */
	if (opts->one_line_strings) {
		/* libconfuse would read on into the next line and complain
		 * about what it finds there. */
		int open = open_quote_line(text, len);
		if (open) {
			err_set(err, _("%s:%d: a quote is not closed: end the text with \" on the same line"),
				path, open);
			free(text);
			return -1;
		}
	}

	memset(&run, 0, sizeof run);
	run.path = path;
	run.text = text;
	run.len = len;
	run.user = opts->user;
	cfg_set_error_function(cfg, on_error);
	/* fmemopen() of nothing fails on some C libraries; an empty file
	 * sets nothing, which is not an error here. */
	if (len) {
		f = fmemopen(text, len, "r");
		if (!f) {
			err_set(err, _("%s: cannot read: %s"), path, strerror(errno));
			free(text);
			return -1;
		}
		current = &run;
		rc = cfg_parse_fp(cfg, f);
		current = saved;
		fclose(f);
	}
	free(text);
	if (rc == CFG_SUCCESS) {
		free(run.msg);
		return 0;
	}
	/* Our own messages already say what to do (after a ';'). */
	hint = opts->hint && run.msg && !strchr(run.msg, ';') ? opts->hint : NULL;
	if (run.msg && run.line > 0)
		err_set(err, "%s:%d: %s%s%s", path, run.line, run.msg,
			hint ? "; " : "", hint ? hint : "");
	else if (run.msg)
		err_set(err, "%s: %s%s%s", path, run.msg, hint ? "; " : "",
			hint ? hint : "");
	else if (opts->hint)
		err_set(err, _("%s: cannot parse; %s"), path, opts->hint);
	else
		err_set(err, _("%s: cannot be parsed"), path);
	free(run.msg);
	return -1;
}
