/* test_index: the search index published with the catalogue: written by
 * every publish, named by the catalogue's publish id, mapped by desks with
 * the same hits and tiers as an index built in memory, kept for a desk of
 * the previous version, and refused (then built in memory) when damaged,
 * cut short, foreign, of another format or of another catalogue. */
#include <config.h>

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include "util.h"

#include "../../bench/gen.h"
#include "core/catalogue.h"
#include "core/catalogue_publish.h"
#include "core/err.h"
#include "core/i18n.h"
#include "core/search.h"
#include "core/search_index.h"

#define HEADER_BYTES 112	/* magic, format, counts, ids, table sum */
#define ENTRY_BYTES 32

static const char *srcdir(void)
{
	const char *s = getenv("top_srcdir");
	return s && *s ? s : ".";
}

/* Queries an advisor types, each also typed letter by letter. */
static const char *const queries[] = {
	"kelasta", "häädöstä", "hyresbostäder", "evicted", "asumisneuvota",
	"toimeentulotuki", "asunto", "asuntohakemus", "neuvonta", "kela",
	"terveys", "a", "as", "ne", "x", "café", "zz", "nuorten palvelu",
	"barnbidraget", "bostad", "rådgivning", "housing advice", "lapsi",
	"työ", "kotoutumisneuvonta", "helsingin", "sosiaali", "päivä koti",
};

static struct catalogue *open_desk(const char *path)
{
	struct catalogue *cat = NULL;
	char *err = NULL;
	if (catalogue_open_lean(path, &cat, &err) != 0 ||
	    catalogue_load_words(cat, &err) != 0)
		fail_msg("open %s: %s", path, err);
	return cat;
}

/* The same hits in the same tiers from both engines, for q. */
static size_t same_hits(struct search *a, struct search *b, const char *q,
			topic_set topics)
{
	const struct search_hit *ha, *hb;
	size_t na = search_query_topics(a, q, topics, &ha), nb, i;
	struct search_hit *copy = xmalloc((na + 1) * sizeof *copy);
	memcpy(copy, ha, na * sizeof *ha);
	nb = search_query_topics(b, q, topics, &hb);
	if (na != nb)
		fail_msg("\"%s\": %zu hits built, %zu mapped", q, na, nb);
	for (i = 0; i < na; i++)
		if (copy[i].index != hb[i].index || copy[i].tier != hb[i].tier)
			fail_msg("\"%s\": hit %zu differs", q, i);
	free(copy);
	return na;
}

/* Every query, and every prefix of it as typed, in lang. */
static void compare_engines(const struct catalogue *cat, const char *lang)
{
	struct search *built = search_new(cat, lang), *mapped;
	char *err = NULL;
	size_t q, k, found = 0;
	mapped = search_index_open(cat, lang, &err);
	if (!mapped)
		fail_msg("no mapped index for %s: %s", lang, err ? err : "none");
	assert_true(search_is_mapped(mapped));
	assert_false(search_is_mapped(built));
	for (q = 0; q < sizeof queries / sizeof queries[0]; q++) {
		size_t len = strlen(queries[q]);
		for (k = 1; k <= len; k++) {
			char *pre = xstrndup(queries[q], k);
			found += same_hits(built, mapped, pre, 0) > 0;
			same_hits(built, mapped, pre, (topic_set)0x5);
			free(pre);
		}
	}
	same_hits(built, mapped, "", 0);
	assert_true(found > 0);
	search_free(&built);
	search_free(&mapped);
	assert_null(mapped);
}

static void test_publish_writes_index(void **state)
{
	char *dir = util_tmpdir(), *path = xasprintf("%s/c.db", dir);
	char *sql = xasprintf("%s/data/catalogue/helsinki.sql", srcdir());
	char *err = NULL, *idx, buf[HEADER_BYTES];
	struct catalogue *cat;
	uint32_t format;
	uint64_t services;
	int fd;
	(void)state;

	if (catalogue_init(path, sql, false, &err) != 0)
		fail_msg("init: %s", err);
	cat = open_desk(path);
	assert_non_null(cat->publish_id);
	assert_int_equal(strlen(cat->publish_id), 32);
	idx = search_index_path(path, cat->publish_id);
	fd = open(idx, O_RDONLY);
	assert_true(fd >= 0);
	assert_int_equal(read(fd, buf, sizeof buf), sizeof buf);
	close(fd);
	assert_memory_equal(buf, "NEUVOIDX", 8);
	memcpy(&format, buf + 8, 4);
	assert_int_equal(format, SEARCH_INDEX_FORMAT);
	memcpy(&services, buf + 24, 8);
	assert_int_equal(services, cat->n_services);
	assert_string_equal(buf + 32, cat->publish_id);
	compare_engines(cat, "fi");
	compare_engines(cat, "sv");
	compare_engines(cat, "en");
	catalogue_free(&cat);
	free(idx);
	free(sql);
	free(path);
	util_rmtree(&dir);
}

static char *publish_generated(const char *dir, size_t n)
{
	struct catalogue *made = NULL;
	char *path = xasprintf("%s/gen.db", dir), *err = NULL;
	char *sql = xasprintf("%s/data/catalogue/helsinki.sql", srcdir());
	char *base = xasprintf("%s/base.db", dir);
	/* The bundled catalogue (its languages) plus generated services. */
	if (catalogue_init(base, sql, false, &err) != 0 ||
	    catalogue_open(base, &made, &err) != 0)
		fail_msg("bundled: %s", err);
	free(sql);
	free(base);
	gen_services(made, n);
	if (catalogue_publish(made, path, &err) != 0)
		fail_msg("publish: %s", err);
	catalogue_free(&made);
	return path;
}

static void test_generated_same_hits(void **state)
{
	char *dir = util_tmpdir(), *path = publish_generated(dir, 600);
	struct catalogue *cat = open_desk(path), *whole = NULL;
	char *err = NULL;
	(void)state;
	compare_engines(cat, "fi");
	compare_engines(cat, "sv");
	compare_engines(cat, "en");
	/* `catalogue search` loads the whole catalogue: the same index. */
	if (catalogue_open(path, &whole, &err) != 0)
		fail_msg("open: %s", err);
	compare_engines(whole, "fi");
	catalogue_free(&whole);
	catalogue_free(&cat);
	free(path);
	util_rmtree(&dir);
}

static size_t count_index_files(const char *path)
{
	char *dir = xstrdup(path), *slash = strrchr(dir, '/'), *cmd;
	size_t n = 0;
	FILE *p;
	char line[512];
	*slash = '\0';
	cmd = xasprintf("ls '%s' | grep -c '^%s\\..*\\.idx$'", dir, slash + 1);
	p = popen(cmd, "r");
	if (p && fgets(line, sizeof line, p))
		n = (size_t)atoi(line);
	if (p)
		pclose(p);
	free(cmd);
	free(dir);
	return n;
}

static void test_republish_keeps_desks_index(void **state)
{
	char *dir = util_tmpdir(), *path = publish_generated(dir, 120);
	struct catalogue *old = open_desk(path), *made = NULL, *cur;
	struct search *desk1, *again, *desk2;
	const struct search_hit *h;
	char *err = NULL, *old_idx = search_index_path(path, old->publish_id);
	size_t before;
	(void)state;

	desk1 = search_index_open(old, "fi", &err);
	assert_non_null(desk1);
	before = search_query(desk1, "neuvonta", &h);
	assert_true(before > 0);
	/* A republish while the desk runs: its own index stays. */
	if (catalogue_open(path, &made, &err) != 0 ||
	    catalogue_publish(made, path, &err) != 0)
		fail_msg("republish: %s", err);
	cur = open_desk(path);
	assert_string_not_equal(cur->publish_id, old->publish_id);
	assert_int_equal(access(old_idx, R_OK), 0);
	again = search_index_open(old, "fi", &err);
	assert_non_null(again);
	assert_null(err);
	search_free(&again);
	desk2 = search_index_open(cur, "fi", &err);
	assert_non_null(desk2);
	search_free(&desk2);
	/* Another publish: the oldest index goes; the desk's mapping stays
	 * good, and a reopen on the old catalogue builds in memory. */
	if (catalogue_publish(made, path, &err) != 0)
		fail_msg("republish: %s", err);
	assert_int_equal(count_index_files(path), 2);
	assert_int_not_equal(access(old_idx, F_OK), 0);
	assert_int_equal(search_query(desk1, "neuvonta", &h), before);
	assert_null(search_index_open(old, "fi", &err));
	assert_null(err);
	again = search_open(old, "fi", &err);
	assert_false(search_is_mapped(again));
	assert_int_equal(search_query(again, "neuvonta", &h), before);
	search_free(&again);
	search_free(&desk1);
	catalogue_free(&made);
	catalogue_free(&cur);
	catalogue_free(&old);
	free(old_idx);
	free(path);
	util_rmtree(&dir);
}

/* ---- refused files ---------------------------------------------------- */

static void patch(const char *file, off_t at, const void *bytes, size_t n)
{
	int fd = open(file, O_WRONLY);
	assert_true(fd >= 0);
	assert_int_equal(pwrite(fd, bytes, n, at), (ssize_t)n);
	close(fd);
}

static uint64_t entry_u64(const char *file, size_t entry, size_t field)
{
	uint64_t v = 0;
	int fd = open(file, O_RDONLY);
	assert_true(fd >= 0);
	assert_int_equal(pread(fd, &v, 8, (off_t)(HEADER_BYTES +
						 entry * ENTRY_BYTES + field)),
			 8);
	close(fd);
	return v;
}

static void copy_file(const char *from, const char *to)
{
	char *cmd = xasprintf("cp '%s' '%s'", from, to);
	assert_int_equal(system(cmd), 0);
	free(cmd);
}

enum damage { CORRUPT, TRUNCATED, MAGIC, FORMAT, OTHER_CATALOGUE, TABLE };

static void damaged(enum damage how, const char *says)
{
	char *dir = util_tmpdir(), *path = publish_generated(dir, 80);
	struct catalogue *cat = open_desk(path), *made = NULL;
	char *idx = search_index_path(path, cat->publish_id), *err = NULL;
	char *other = xasprintf("%s/other.db", dir), *keep = xasprintf("%s/keep", dir);
	struct search *s, *built = search_new(cat, "fi");
	uint32_t v = 99;

	copy_file(idx, keep);
	switch (how) {
	case CORRUPT:	/* a byte of the Finnish vocabulary (section 2) */
		patch(idx, (off_t)entry_u64(idx, 2, 8) + 5, "\x7f", 1);
		break;
	case TRUNCATED:
		assert_int_equal(truncate(idx, (off_t)entry_u64(idx, 3, 8)), 0);
		break;
	case MAGIC:
		patch(idx, 0, "SQLite f", 8);
		break;
	case FORMAT:
		patch(idx, 8, &v, 4);
		break;
	case OTHER_CATALOGUE: {
		/* Same services, another publish: its index under this name. */
		struct catalogue *o;
		if (catalogue_open(path, &made, &err) != 0 ||
		    catalogue_publish(made, other, &err) != 0)
			fail_msg("publish: %s", err);
		o = open_desk(other);
		{
			char *oidx = search_index_path(other, o->publish_id);
			copy_file(oidx, idx);
			free(oidx);
		}
		catalogue_free(&o);
		break;
	}
	case TABLE:	/* the Finnish order's length in the table */
		patch(idx, HEADER_BYTES + 1 * ENTRY_BYTES + 16, "\xff\xff", 2);
		break;
	}
	s = search_index_open(cat, "fi", &err);
	assert_null(s);
	assert_non_null(err);
	assert_non_null(strstr(err, idx));
	assert_non_null(strstr(err, says));
	assert_non_null(strstr(err, "built in memory"));
	err_free(&err);
	/* The desk's way: refused, said once, and built in memory. */
	s = search_open(cat, "fi", &err);
	assert_non_null(err);
	assert_false(search_is_mapped(s));
	same_hits(built, s, "neuvonta", 0);
	same_hits(built, s, "asunno", 0);
	search_free(&s);
	err_free(&err);
	/* Put back, the file is used again. */
	copy_file(keep, idx);
	s = search_index_open(cat, "fi", &err);
	assert_non_null(s);
	search_free(&s);
	search_free(&built);
	catalogue_free(&made);
	catalogue_free(&cat);
	free(idx);
	free(other);
	free(keep);
	free(path);
	util_rmtree(&dir);
}

static void test_corrupt_refused(void **state)
{
	(void)state;
	damaged(CORRUPT, "damaged");
}

static void test_truncated_refused(void **state)
{
	(void)state;
	damaged(TRUNCATED, "cut short");
}

static void test_wrong_magic_refused(void **state)
{
	(void)state;
	damaged(MAGIC, "not a search index");
}

static void test_wrong_format_refused(void **state)
{
	(void)state;
	damaged(FORMAT, "another version");
}

static void test_other_catalogue_refused(void **state)
{
	(void)state;
	damaged(OTHER_CATALOGUE, "another catalogue");
}

static void test_bad_table_refused(void **state)
{
	(void)state;
	damaged(TABLE, "damaged");
}

/* An old catalogue (no publish id) or a missing index: built, no word. */
static void test_no_index_builds(void **state)
{
	char *dir = util_tmpdir(), *path = publish_generated(dir, 100);
	struct catalogue *cat = open_desk(path);
	char *idx = search_index_path(path, cat->publish_id), *err = NULL;
	struct search *s;
	(void)state;
	assert_int_equal(unlink(idx), 0);
	s = search_open(cat, "fi", &err);
	assert_null(err);
	assert_false(search_is_mapped(s));
	search_free(&s);
	cat->publish_id = NULL;	/* as an old file has it (the arena's) */
	assert_null(search_index_open(cat, "fi", &err));
	assert_null(err);
	catalogue_free(&cat);
	free(idx);
	free(path);
	util_rmtree(&dir);
}

/* A catalogue changed by other means than a publish (an sqlite3 edit, a
 * copy) keeps its publish id but is not the file the index was made
 * for: it builds its own, without a word. */
static void test_edited_catalogue_builds(void **state)
{
	char *dir = util_tmpdir(), *path = publish_generated(dir, 100);
	struct catalogue *cat;
	char *idx, *err = NULL, *cmd;
	struct search *s;
	(void)state;
	cmd = xasprintf("cp '%s' '%s.new' && sqlite3 '%s.new' \"UPDATE service "
			"SET name_fi = 'zzz' WHERE rowid = 1\" && mv '%s.new' '%s'",
			path, path, path, path, path);
	assert_int_equal(system(cmd), 0);
	free(cmd);
	cat = open_desk(path);
	idx = search_index_path(path, cat->publish_id);
	assert_int_equal(access(idx, R_OK), 0);	/* the id's file is there */
	s = search_open(cat, "fi", &err);
	assert_null(err);
	assert_false(search_is_mapped(s));
	search_free(&s);
	catalogue_free(&cat);
	free(idx);
	free(path);
	util_rmtree(&dir);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_publish_writes_index),
		cmocka_unit_test(test_generated_same_hits),
		cmocka_unit_test(test_republish_keeps_desks_index),
		cmocka_unit_test(test_corrupt_refused),
		cmocka_unit_test(test_truncated_refused),
		cmocka_unit_test(test_wrong_magic_refused),
		cmocka_unit_test(test_wrong_format_refused),
		cmocka_unit_test(test_other_catalogue_refused),
		cmocka_unit_test(test_bad_table_refused),
		cmocka_unit_test(test_no_index_builds),
		cmocka_unit_test(test_edited_catalogue_builds),
	};
	setenv("LANGUAGE", "en", 1);
	return cmocka_run_group_tests(tests, NULL, NULL);
}
