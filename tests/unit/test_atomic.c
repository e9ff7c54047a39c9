/* test_atomic: a file replaced through core/atomic is the old one or the
 * new one, never half of either, and leaves no temporary file behind;
 * and the building blocks beside it: the FNV-1a hashes (published test
 * values), string maps and arenas. */
#include <config.h>

#include "util.h"

#include <dirent.h>
#include <errno.h>
#include <stdalign.h>
#include <stdint.h>
#include <sys/stat.h>
#include <unistd.h>

#include "core/arena.h"
#include "core/atomic.h"
#include "core/hash.h"
#include "core/strmap.h"

static char *join(const char *dir, const char *name)
{
	char *p = malloc(strlen(dir) + strlen(name) + 2);
	sprintf(p, "%s/%s", dir, name);
	return p;
}

static size_t count_files(const char *dir)
{
	DIR *d = opendir(dir);
	struct dirent *e;
	size_t n = 0;
	assert_non_null(d);
	while ((e = readdir(d)))
		if (e->d_name[0] != '.')
			n++;
	closedir(d);
	return n;
}

static char *slurp(const char *path)
{
	FILE *f = fopen(path, "rb");
	char *buf = calloc(1, 256);
	assert_non_null(f);
	assert_true(fread(buf, 1, 255, f) < 255);
	fclose(f);
	return buf;
}

static void write_all(int fd, const char *s)
{
	assert_int_equal(write(fd, s, strlen(s)), (ssize_t)strlen(s));
}

static void test_replace(void **state)
{
	char *dir = util_tmpdir(), *path = join(dir, "file.csv"), *got;
	struct atomic_file af;
	struct stat st;
	(void)state;
	free(util_write(dir, "file.csv", "old\n"));

	assert_int_equal(atomic_create(&af, path, 0644), 0);
	write_all(af.fd, "new\n");
	/* Until the commit, readers see the old file. */
	got = slurp(path);
	assert_string_equal(got, "old\n");
	free(got);
	assert_int_equal(count_files(dir), 2);
	assert_int_equal(atomic_commit(&af), 0);
	atomic_abort(&af);	/* after a commit: only frees */
	got = slurp(path);
	assert_string_equal(got, "new\n");
	free(got);
	assert_int_equal(count_files(dir), 1);
	assert_int_equal(stat(path, &st), 0);
	assert_int_equal(st.st_mode & 0777, 0644);

	/* Abandoned: the old file stays, the temporary file goes. */
	assert_int_equal(atomic_create(&af, path, 0600), 0);
	write_all(af.fd, "half");
	atomic_abort(&af);
	got = slurp(path);
	assert_string_equal(got, "new\n");
	free(got);
	assert_int_equal(count_files(dir), 1);
	free(path);
	util_rmtree(&dir);
}

static void test_failures(void **state)
{
	char *dir = util_tmpdir(), *missing = join(dir, "no/such/file");
	char *sub = join(dir, "sub"), *target = join(dir, "sub/inside");
	struct atomic_file af;
	(void)state;
	/* A folder that does not exist: errno says why, nothing is left. */
	assert_int_equal(atomic_create(&af, missing, 0644), -1);
	assert_int_equal(errno, ENOENT);
	assert_non_null(af.tmp);	/* names what was tried, for the message */
	atomic_abort(&af);
	assert_null(af.tmp);
	/* A rename that cannot happen (the name is a folder with content). */
	assert_int_equal(mkdir(sub, 0755), 0);
	free(util_write(sub, "inside", "x"));
	assert_int_equal(atomic_create(&af, sub, 0644), 0);
	assert_int_equal(atomic_commit(&af), -1);
	assert_int_equal(count_files(dir), 1);	/* only sub: no temporary */
	atomic_abort(&af);
	assert_int_equal(atomic_sync_dir(dir), 0);
	free(missing);
	free(sub);
	free(target);
	util_rmtree(&dir);
}

static void test_hash(void **state)
{
	(void)state;
	/* The FNV-1a test values of its authors. */
	assert_int_equal(hash32("", 0), 0x811c9dc5u);
	assert_int_equal(hash32("a", 1), 0xe40c292cu);
	assert_int_equal(hash32("foobar", 6), 0xbf9cf968u);
	assert_true(hash64("", 0) == 0xcbf29ce484222325ULL);
	assert_true(hash64("a", 1) == 0xaf63dc4c8601ec8cULL);
	assert_true(hash64_str("foobar") == 0x85944171f73967e8ULL);
}

static void test_strmap(void **state)
{
	struct strmap m = { NULL, 0, 0 };
	char key[32];
	size_t i, v = 0;
	(void)state;
	assert_false(strmap_get(&m, "x", &v));
	assert_false(strmap_get(&m, NULL, &v));
	for (i = 0; i < 1000; i++) {
		snprintf(key, sizeof key, "org-%zu", i);
		assert_true(strmap_put(&m, key, i));
	}
	assert_false(strmap_put(&m, "org-7", 99));	/* the first stays */
	for (i = 0; i < 1000; i++) {
		snprintf(key, sizeof key, "org-%zu", i);
		assert_true(strmap_get(&m, key, &v));
		assert_int_equal(v, i);
	}
	assert_false(strmap_get(&m, "org-1000", NULL));
	strmap_clear(&m);
	assert_false(strmap_get(&m, "org-1", NULL));
}

static void test_arena(void **state)
{
	struct arena *a = arena_new();
	char *big, *s = NULL, *first;
	int i;
	(void)state;
	first = arena_strndup(a, "Helsinki", 4);
	assert_string_equal(first, "Hels");
	for (i = 0; i < 100000; i++) {
		double *d = arena_alloc(a, sizeof *d, alignof(double));
		assert_int_equal((uintptr_t)d % alignof(double), 0);
		*d = i;
		s = arena_strndup(a, "x", 1);
	}
	big = arena_alloc(a, 4 * 1024 * 1024, 16);	/* past any block */
	memset(big, 1, 4 * 1024 * 1024);
	assert_true(arena_has(a, first));
	assert_true(arena_has(a, s));
	assert_true(arena_has(a, big + 4 * 1024 * 1024 - 1));
	assert_false(arena_has(a, &i));
	assert_false(arena_has(NULL, first));
	assert_string_equal(first, "Hels");
	arena_free(&a);
	assert_null(a);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_replace),
		cmocka_unit_test(test_failures),
		cmocka_unit_test(test_hash),
		cmocka_unit_test(test_strmap),
		cmocka_unit_test(test_arena),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
