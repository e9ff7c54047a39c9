/* util.h: shared helpers for the cmocka unit tests. */
#ifndef NEUVOO_TEST_UTIL_H
#define NEUVOO_TEST_UTIL_H

#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

/* A fresh temporary folder for one test (removed by util_rmtree). */
static inline char *util_tmpdir(void)
{
	char tmpl[] = "/tmp/neuvoo-unit.XXXXXX";
	char *d = mkdtemp(tmpl);
	assert_non_null(d);
	return strdup(d);
}

static inline void util_rmtree(char **dir)
{
	char cmd[4200];
	if (!dir || !*dir)
		return;
	snprintf(cmd, sizeof cmd, "rm -rf '%s'", *dir);
	if (system(cmd) != 0)
		fprintf(stderr, "could not remove %s\n", *dir);
	free(*dir);
	*dir = NULL;
}

/* Write text to dir/name; returns the new path (caller frees). */
static inline char *util_write(const char *dir, const char *name,
			       const char *text)
{
	char *path = malloc(strlen(dir) + strlen(name) + 2);
	FILE *f;
	assert_non_null(path);
	sprintf(path, "%s/%s", dir, name);
	f = fopen(path, "w");
	assert_non_null(f);
	fputs(text, f);
	fclose(f);
	return path;
}

#endif
