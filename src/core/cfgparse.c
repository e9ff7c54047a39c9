/* cfgparse: see cfgparse.h.
 *
 * The first error of a parse is kept in thread-local storage because the
 * libconfuse error callback has no user pointer; the state lives only for
 * the duration of one cfgparse_file() call. */
#include <config.h>

#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/cfgparse.h"
#include "core/err.h"
#include "core/i18n.h"

struct parse_state {
	int line;
	char *msg;
	char *needle;
};

static _Thread_local struct parse_state *current;

static void record(cfg_t *cfg, const char *needle, const char *fmt, va_list ap)
{
	char *msg = NULL;
	if (!current || current->msg)
		return;		/* keep the first error only */
	err_vset(&msg, fmt, ap);
	current->msg = msg;
	current->line = cfg ? cfg->line : 0;
	current->needle = needle ? xstrdup(needle) : NULL;
}

static void errfunc(cfg_t *cfg, const char *fmt, va_list ap)
{
	record(cfg, NULL, fmt, ap);
}

int cfgparse_error(cfg_t *cfg, const char *needle, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	record(cfg, needle, fmt, ap);
	va_end(ap);
	return -1;
}

/* Does this line (outside a # comment) mention needle? */
static int line_has(const char *line, const char *needle)
{
	const char *p = line;
	int quoted = 0;
	size_t n = strlen(needle);
	for (; *p; p++) {
		if (*p == '"')
			quoted = !quoted;
		else if (*p == '#' && !quoted)
			return 0;
		if (!strncmp(p, needle, n))
			return 1;
	}
	return 0;
}

/* libconfuse reads one token ahead, so a value's error can come with a
 * later line: walk back to the last line at or before it that names the
 * value. */
static int locate(const char *path, int upto, const char *needle)
{
	FILE *f;
	char *buf = NULL;
	size_t cap = 0;
	int n = 0, found = 0;

	if (!needle || !*needle || upto <= 0)
		return upto;
	f = fopen(path, "r");
	if (!f)
		return upto;
	while (n < upto && getline(&buf, &cap, f) >= 0) {
		n++;
		if (line_has(buf, needle))
			found = n;
	}
	free(buf);
	fclose(f);
	return found ? found : upto;
}

int cfgparse_file(cfg_t *cfg, const char *path, char **err)
{
	struct parse_state st = { 0, NULL, NULL };
	struct parse_state *saved = current;
	int rc;

	current = &st;
	cfg_set_error_function(cfg, errfunc);
	errno = 0;
	rc = cfg_parse(cfg, path);
	current = saved;
	if (rc == CFG_SUCCESS) {
		free(st.msg);
		free(st.needle);
		return 0;
	}
	if (rc == CFG_FILE_ERROR)
		err_set(err, _("%s: cannot read: %s"), path,
			strerror(errno ? errno : ENOENT));
	else if (st.msg)
		err_set(err, "%s:%d: %s", path,
			locate(path, st.line, st.needle), st.msg);
	else
		err_set(err, _("%s: cannot be parsed"), path);
	free(st.msg);
	free(st.needle);
	return -1;
}
