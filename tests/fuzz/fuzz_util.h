/* fuzz_util.h: shared helpers for the libFuzzer harnesses.
 *
 * Every harness runs with HOME and the XDG folders pointing at one empty
 * temporary folder of its own (made once, removed at exit), so that a
 * parser that looks for user files finds none and nothing of the machine's
 * leaks in. Inputs that must be files are written into that folder. A
 * broken invariant aborts with a message, which libFuzzer reports as a
 * crash and saves the input. */
#ifndef NEUVOO_FUZZ_UTIL_H
#define NEUVOO_FUZZ_UTIL_H

#ifndef _GNU_SOURCE
#define _GNU_SOURCE 1
#endif
#include <ftw.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

int LLVMFuzzerInitialize(int *argc, char ***argv);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static char fuzz_dir[256];

static inline int fuzz_rm_one(const char *path, const struct stat *st, int flag,
		       struct FTW *ftw)
{
	(void)st;
	(void)flag;
	(void)ftw;
	remove(path);
	return 0;
}

static inline void fuzz_cleanup(void)
{
	if (fuzz_dir[0])
		nftw(fuzz_dir, fuzz_rm_one, 16, FTW_DEPTH | FTW_PHYS);
}

/* Make the private folder and point HOME and XDG there. */
static inline void fuzz_setup(void)
{
	static const char *const vars[] = { "HOME", "XDG_CONFIG_HOME",
		"XDG_DATA_HOME", "XDG_STATE_HOME", "XDG_CACHE_HOME" };
	size_t i;
	const char *tmp = getenv("TMPDIR");

	snprintf(fuzz_dir, sizeof fuzz_dir, "%s/neuvoo-fuzz.XXXXXX",
		 tmp && *tmp && strlen(tmp) < 200 ? tmp : "/tmp");
	if (!mkdtemp(fuzz_dir)) {
		perror("fuzz: mkdtemp");
		abort();
	}
	for (i = 0; i < sizeof vars / sizeof vars[0]; i++)
		setenv(vars[i], fuzz_dir, 1);
	unsetenv("NEUVOO_DATADIR");
	setenv("LC_ALL", "C.UTF-8", 1);
	atexit(fuzz_cleanup);
}

/* fuzz_dir/name, a new string. */
static inline char *fuzz_path(const char *name)
{
	size_t n = strlen(fuzz_dir) + strlen(name) + 2;
	char *p = malloc(n);
	if (!p)
		abort();
	snprintf(p, n, "%s/%s", fuzz_dir, name);
	return p;
}

/* Write data to path (replacing it). */
static inline void fuzz_write(const char *path, const uint8_t *data, size_t size)
{
	FILE *f = fopen(path, "wb");
	if (!f || (size && fwrite(data, 1, size, f) != size) || fclose(f) != 0) {
		perror(path);
		abort();
	}
}

/* data as a NUL-terminated string (stops at the first NUL), a new string. */
static inline char *fuzz_str(const uint8_t *data, size_t size)
{
	char *s = malloc(size + 1);
	if (!s)
		abort();
	memcpy(s, data, size);
	s[size] = '\0';
	return s;
}

#define FUZZ_ASSERT(cond, ...) \
	do { \
		if (!(cond)) { \
			fprintf(stderr, "fuzz invariant broken: %s: ", #cond); \
			fprintf(stderr, __VA_ARGS__); \
			fputc('\n', stderr); \
			abort(); \
		} \
	} while (0)

/* An error message is one line. */
static inline void fuzz_one_line(const char *what, const char *msg)
{
	FUZZ_ASSERT(msg && *msg, "%s: an empty error message", what);
	FUZZ_ASSERT(!strchr(msg, '\n'), "%s: the message is not one line: %s",
		    what, msg);
}

#endif
