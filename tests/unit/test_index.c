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

#define HEADER_BYTES 120	/* magic, format, counts, ids, table sum, address */
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

/* A desk's catalogue, opened lean on the file as it is now. */
static struct catalogue *open_lean(const char *path)
{
	struct catalogue *cat = NULL;
	char *err = NULL;
	if (catalogue_open_lean(path, &cat, &err) != 0)
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

static void same_text(const char *a, const char *b)
{
	if (a || b) {
		assert_non_null(a);
		assert_non_null(b);
		assert_string_equal(a, b);
	}
}

/* The service records mapped from the index file are the ones SQLite
 * gives, field by field, and the file's pages are what they point at. */
static void test_records_round_trip(void **state)
{
	char *dir = util_tmpdir(), *path = publish_generated(dir, 300);
	struct catalogue *whole = NULL, *desk, *second;
	const char *lo, *hi;
	char *err = NULL;
	size_t i, k, n_ex = 0, n_lang = 0;
	(void)state;

	if (catalogue_open(path, &whole, &err) != 0)
		fail_msg("open: %s", err);
	desk = open_lean(path);
	assert_non_null(desk->index_map);
	assert_ptr_equal(desk->services, desk->mapped_services);
	assert_int_equal(desk->n_services, whole->n_services);
	lo = desk->index_map;
	hi = lo + desk->index_map_len;
	for (i = 0; i < whole->n_services; i++) {
		const struct cat_service *a = &whole->services[i], *b = &desk->services[i];
		assert_true((const char *)b >= lo && (const char *)b < hi);
		assert_true(b->id >= lo && b->id < hi);
		same_text(a->id, b->id);
		for (k = 0; k < CAT__NLANG; k++)
			same_text(a->name.v[k], b->name.v[k]);
		same_text(a->keywords, b->keywords);
		assert_int_equal(a->org, b->org);
		assert_int_equal(a->topics, b->topics);
		assert_int_equal(a->n_languages, b->n_languages);
		for (k = 0; k < a->n_languages; k++)
			assert_string_equal(a->languages[k], b->languages[k]);
		n_lang += a->n_languages;
		assert_int_equal(a->hours.n_spans, b->hours.n_spans);
		if (a->hours.n_spans)
			assert_memory_equal(a->hours.spans, b->hours.spans,
					    a->hours.n_spans * sizeof *a->hours.spans);
		assert_int_equal(a->hours.n_ex, b->hours.n_ex);
		for (k = 0; k < a->hours.n_ex; k++) {
			assert_string_equal(a->hours.ex[k].date, b->hours.ex[k].date);
			assert_int_equal(a->hours.ex[k].closed, b->hours.ex[k].closed);
			assert_int_equal(a->hours.ex[k].open, b->hours.ex[k].open);
			assert_int_equal(a->hours.ex[k].close, b->hours.ex[k].close);
		}
		n_ex += a->hours.n_ex;
		assert_null(b->info);
	}
	assert_true(n_lang > 0);
	assert_true(n_ex > 0);	/* the bundled services' exceptions */
	/* Details still come from the file, for a mapped record too. */
	{
		const struct cat_service_info *inf = catalogue_service_info(desk, 3, &err);
		assert_non_null(inf);
		same_text(whole->services[3].info->email, inf->email);
	}
	/* A second open of the same version in one process finds the
	 * address taken: it loads the records from SQLite, and its search
	 * still maps the file. */
	second = open_lean(path);
	assert_null(second->index_map);
	assert_int_equal(second->n_services, whole->n_services);
	{
		struct search *s = search_open(second, "fi", &err);
		assert_null(err);
		assert_true(search_is_mapped(s));
		search_free(&s);
	}
	catalogue_free(&second);
	/* Words for a search built in memory go into a private copy. */
	if (catalogue_load_words(desk, &err) != 0)
		fail_msg("words: %s", err);
	assert_ptr_not_equal(desk->services, desk->mapped_services);
	compare_engines(desk, "fi");
	catalogue_free(&desk);
	catalogue_free(&whole);
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
	/* The old catalogue keeps its mapping: a search opened again on it
	 * is still its own version's. */
	again = search_open(old, "fi", &err);
	assert_null(err);
	assert_true(search_is_mapped(again));
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

enum damage { CORRUPT, RECORDS, LAYOUT, TRUNCATED, MAGIC, FORMAT, OTHER_CATALOGUE, TABLE };

static void damaged(enum damage how, const char *says)
{
	char *dir = util_tmpdir(), *path = publish_generated(dir, 80);
	struct catalogue *cat = NULL, *made = NULL, *desk;
	char *idx, *err = NULL;
	char *other = xasprintf("%s/other.db", dir), *keep = xasprintf("%s/keep", dir);
	struct search *s, *built;
	uint32_t v = 99;

	/* The reference: the whole catalogue, which never maps the file. */
	if (catalogue_open(path, &cat, &err) != 0)
		fail_msg("open: %s", err);
	built = search_new(cat, "fi");
	idx = search_index_path(path, cat->publish_id);
	copy_file(idx, keep);
	switch (how) {
	case CORRUPT:	/* a byte of the Finnish vocabulary (entry 3) */
		patch(idx, (off_t)entry_u64(idx, 3, 8) + 5, "\x7f", 1);
		break;
	case RECORDS:	/* a byte of a service's name (entry 0) */
		patch(idx, (off_t)(entry_u64(idx, 0, 8) + entry_u64(idx, 0, 16)) - 3,
		      "\x7f", 1);
		break;
	case LAYOUT: {	/* records of a build whose structs differ, sealed */
		unsigned char *b;
		size_t n;
		FILE *f = fopen(idx, "r+b");
		assert_non_null(f);
		fseek(f, 0, SEEK_END);
		n = (size_t)ftell(f);
		b = xmalloc(n);
		rewind(f);
		assert_int_equal(fread(b, 1, n, f), n);
		b[entry_u64(idx, 0, 8) + 48] ^= 1;	/* the head's layout */
		search_index_reseal(b, n);
		rewind(f);
		assert_int_equal(fwrite(b, 1, n, f), n);
		fclose(f);
		free(b);
		break;
	}
	case TRUNCATED:
		assert_int_equal(truncate(idx, (off_t)entry_u64(idx, 4, 8)), 0);
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
		patch(idx, HEADER_BYTES + 2 * ENTRY_BYTES + 16, "\xff\xff", 2);
		break;
	}
	/* The records are not taken from a refused file (a damaged search
	 * section alone leaves them good): the services come from SQLite,
	 * the same as the whole catalogue's. */
	desk = open_lean(path);
	if (how != CORRUPT)
		assert_null(desk->index_map);
	assert_int_equal(desk->n_services, cat->n_services);
	assert_string_equal(catalogue_text(&desk->services[7].name, "fi"),
			    catalogue_text(&cat->services[7].name, "fi"));
	s = search_index_open(desk, "fi", &err);
	assert_null(s);
	assert_non_null(err);
	assert_non_null(strstr(err, idx));
	assert_non_null(strstr(err, says));
	assert_non_null(strstr(err, "built in memory"));
	err_free(&err);
	/* The desk's way: refused, said once, and built in memory. */
	s = search_open(desk, "fi", &err);
	assert_non_null(err);
	assert_false(search_is_mapped(s));
	search_free(&s);
	err_free(&err);
	if (catalogue_load_words(desk, &err) != 0)
		fail_msg("words: %s", err);
	s = search_open(desk, "fi", &err);
	err_free(&err);
	same_hits(built, s, "neuvonta", 0);
	same_hits(built, s, "asunno", 0);
	search_free(&s);
	catalogue_free(&desk);
	/* Put back, the file is used again, records and all. */
	copy_file(keep, idx);
	desk = open_lean(path);
	assert_non_null(desk->index_map);
	s = search_index_open(desk, "fi", &err);
	assert_non_null(s);
	assert_null(err);
	same_hits(built, s, "neuvonta", 0);
	search_free(&s);
	catalogue_free(&desk);
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

static void test_corrupt_records_refused(void **state)
{
	(void)state;
	damaged(RECORDS, "damaged");
}

static void test_records_layout_refused(void **state)
{
	(void)state;
	damaged(LAYOUT, "another version");
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
	catalogue_free(&cat);
	cat = open_desk(path);
	assert_null(cat->index_map);
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
		cmocka_unit_test(test_records_round_trip),
		cmocka_unit_test(test_corrupt_refused),
		cmocka_unit_test(test_corrupt_records_refused),
		cmocka_unit_test(test_records_layout_refused),
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
