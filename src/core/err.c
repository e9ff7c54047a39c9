/* err: see err.h. Messages are heap strings so that paths and catalogue
 * text of any length fit. */
#include <config.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/err.h"

static void oom(void)
{
	fputs("neuvoo: out of memory\n", stderr);
	abort();
}

void *xmalloc(size_t n)
{
	void *p = malloc(n ? n : 1);
	if (!p)
		oom();
	return p;
}

void *xcalloc(size_t n, size_t size)
{
	void *p = calloc(n ? n : 1, size ? size : 1);
	if (!p)
		oom();
	return p;
}

void *xrealloc(void *p, size_t n)
{
	p = realloc(p, n ? n : 1);
	if (!p)
		oom();
	return p;
}

char *xstrdup(const char *s)
{
	return s ? xstrndup(s, strlen(s)) : NULL;
}

char *xstrndup(const char *s, size_t n)
{
	char *p;
	if (!s)
		return NULL;
	p = strndup(s, n);
	if (!p)
		oom();
	return p;
}

static char *xvasprintf(const char *fmt, va_list ap)
{
	char *s = NULL;
	if (vasprintf(&s, fmt, ap) < 0)
		oom();
	return s;
}

char *xasprintf(const char *fmt, ...)
{
	va_list ap;
	char *s;
	va_start(ap, fmt);
	s = xvasprintf(fmt, ap);
	va_end(ap);
	return s;
}

/* A message is one line, whatever text from a file it quotes: a newline,
 * tab or other control character (an escape sequence's ESC too) in a
 * quoted value becomes a space. */
static char *one_line(char *s)
{
	char *p;
	for (p = s; *p; p++)
		if ((unsigned char)*p < 0x20 || *p == 0x7f)
			*p = ' ';
	return s;
}

void err_vset(char **err, const char *fmt, va_list ap)
{
	if (!err)
		return;
	free(*err);
	*err = one_line(xvasprintf(fmt, ap));
}

void err_set(char **err, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	err_vset(err, fmt, ap);
	va_end(ap);
}

void err_prefix(char **err, const char *fmt, ...)
{
	va_list ap;
	char *prefix, *old;
	if (!err)
		return;
	va_start(ap, fmt);
	prefix = one_line(xvasprintf(fmt, ap));
	va_end(ap);
	old = *err;
	*err = old ? xasprintf("%s: %s", prefix, old) : prefix;
	if (old) {
		free(prefix);
		free(old);
	}
}

void err_free(char **err)
{
	if (err) {
		free(*err);
		*err = NULL;
	}
}
