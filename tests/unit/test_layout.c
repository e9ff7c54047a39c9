/* test_layout: screen files and how they split the terminal. */
#include "util.h"

#include <config.h>

#include "core/err.h"
#include "core/layout.h"

static const char *const desk_panes[] = { "intake", "topics", "redirect",
	"interpreters", NULL };
static char *tmp;

static int setup(void **state)
{
	const char *src = getenv("top_srcdir");
	(void)state;
	tmp = util_tmpdir();
	setenv("NEUVOO_DATADIR", src ? src : ".", 1);
	setenv("XDG_CONFIG_HOME", tmp, 1);
	setenv("NEUVOO_SYSCONFDIR", tmp, 1);
	return 0;
}

static int teardown(void **state)
{
	(void)state;
	util_rmtree(&tmp);
	return 0;
}

static struct layout *load_desk(void)
{
	char *err = NULL, *path = layout_find(NULL, "desk", &err);
	struct layout *l = NULL;
	if (!path)
		fail_msg("%s", err);
	if (layout_load(path, desk_panes, &l, &err) != 0)
		fail_msg("%s", err);
	free(path);
	return l;
}

static const struct layout_rect *find(const struct layout_rect *r, size_t n,
				      const char *pane)
{
	size_t i;
	for (i = 0; i < n; i++)
		if (!strcmp(r[i].pane, pane))
			return &r[i];
	fail_msg("no rectangle for %s", pane);
	return NULL;
}

/* Rectangles tile the area exactly: no overlap, nothing outside. */
static void assert_tiles(const struct layout_rect *r, size_t n, int w, int h)
{
	size_t i;
	long area = 0;
	for (i = 0; i < n; i++) {
		assert_true(r[i].x >= 0 && r[i].y >= 0);
		assert_true(r[i].x + r[i].w <= w);
		assert_true(r[i].y + r[i].h <= h);
		area += (long)r[i].w * r[i].h;
	}
	assert_int_equal(area, (long)w * h);
}

static void desk_at_80x24_shows_four_panes(void **state)
{
	struct layout *l = load_desk();
	struct layout_rect r[8];
	const struct layout_rect *in, *to, *re, *ip;
	int v;
	size_t n;
	(void)state;
	v = layout_choose(l, 80, 24);
	assert_true(v >= 0);
	assert_string_equal(l->variants[v].name, "small");
	n = layout_place(l, v, 0, 0, 80, 23, r, 8);
	assert_int_equal(n, 4);
	assert_tiles(r, n, 80, 23);
	in = find(r, n, "intake");
	to = find(r, n, "topics");
	re = find(r, n, "redirect");
	ip = find(r, n, "interpreters");
	/* Intake holds its eleven fields within borders at 80x24, and
	 * Topics has the 8 rows of its two columns. */
	assert_int_equal(in->h, 13);
	assert_true(to->h - 2 >= 8);
	assert_int_equal(in->y + in->h, to->y);
	assert_int_equal(re->x, in->x + in->w);
	assert_true(ip->h >= 4);
	layout_free(&l);
	assert_null(l);
}

static void large_terminals_use_the_room(void **state)
{
	struct layout *l = load_desk();
	struct layout_rect r[8];
	int v = layout_choose(l, 200, 60);
	size_t n;
	(void)state;
	assert_string_equal(l->variants[v].name, "large");
	n = layout_place(l, v, 0, 0, 200, 59, r, 8);
	assert_int_equal(n, 4);
	assert_tiles(r, n, 200, 59);
	assert_int_equal(find(r, n, "redirect")->h, 59);
	assert_true(find(r, n, "redirect")->w > 80);
	layout_free(&l);
}

static void too_small_has_no_layout(void **state)
{
	struct layout *l = load_desk();
	struct layout_rect r[8];
	int w, h;
	(void)state;
	assert_int_equal(layout_choose(l, 20, 5), -1);
	assert_int_equal(layout_choose(l, 1, 1), -1);
	layout_min_size(l, &w, &h);
	assert_true(w <= 80 && h <= 24);
	assert_int_equal(layout_choose(l, w, h), 0);
	assert_int_equal(layout_choose(l, w - 1, h), -1);
	/* Minimum sizes that do not fit give nothing rather than overlap. */
	assert_int_equal(layout_place(l, 0, 0, 0, 20, 4, r, 8), 0);
	assert_int_equal(layout_place(l, 0, 0, 0, 0, 0, r, 8), 0);
	layout_free(&l);
}

static void weights_share_exactly(void **state)
{
	char *path = util_write(tmp, "three",
				"layout one {\n"
				"  column { weight = 1 min = 0\n"
				"    pane intake { weight = 1 min = 0 }\n"
				"    pane topics { weight = 1 min = 0 }\n"
				"    pane redirect { weight = 1 min = 0 } }\n"
				"  column { weight = 2 min = 0 pane interpreters { } }\n"
				"}\n");
	struct layout *l = NULL;
	struct layout_rect r[4];
	char *err = NULL;
	size_t n;
	(void)state;
	assert_int_equal(layout_load(path, desk_panes, &l, &err), 0);
	n = layout_place(l, 0, 0, 1, 31, 10, r, 4);
	assert_int_equal(n, 4);
	assert_int_equal(r[0].w + r[3].w, 31);
	assert_int_equal(r[0].h + r[1].h + r[2].h, 10);
	assert_int_equal(r[0].y, 1);
	assert_int_equal(r[3].w, 21);	/* 2/3 of 31, rounded */
	layout_free(&l);
	free(path);
}

static void expect_error(const char *text, int line, const char *what)
{
	char *path = util_write(tmp, "screen", text);
	char *err = NULL, *want;
	struct layout *l = NULL;
	assert_int_not_equal(layout_load(path, desk_panes, &l, &err), 0);
	assert_null(l);
	want = xasprintf("%s:%d: ", path, line);
	if (!err || strncmp(err, want, strlen(want)) != 0)
		fail_msg("expected '%s...', got '%s'", want, err ? err : "(null)");
	if (!strstr(err, what))
		fail_msg("expected '%s' in '%s'", what, err);
	free(want);
	free(err);
	free(path);
}

static void errors_name_file_and_line(void **state)
{
	(void)state;
	expect_error("layout a {\n  column {\n    pane intake { }\n"
		     "    pane sidebar { }\n  }\n}\n", 4, "sidebar");
	expect_error("layout a {\n  column {\n    pane intake { }\n  }\n"
		     "  column {\n    pane intake { }\n  }\n}\n", 6, "twice");
	expect_error("layout a {\n  column {\n    pane intake { weight = 0 }\n"
		     "  }\n}\n", 3, "weight");
	expect_error("layout a {\n  min-width = 80\n  column {\n  }\n}\n", 3,
		     "at least one pane");
	expect_error("layout a {\n  colour = 1\n}\n", 2, "colour");
	expect_error("# nothing\n", 1, "no layout");
	/* Comments before an error do not shift its line. */
	expect_error("# screen\n/* two\n   lines */\nlayout a {\n  # c\n  colour = 1\n}\n",
		     6, "colour");
	expect_error("# screen\nlayout a {\n  column { # c\n    # c\n  }\n}\n", 3,
		     "at least one pane");
}

static void missing_screen_names_the_places(void **state)
{
	char *err = NULL;
	(void)state;
	assert_null(layout_find("nonesuch", "desk", &err));
	assert_non_null(strstr(err, "nonesuch"));
	err_free(&err);
}

/* A site's screen (SYSCONFDIR/neuvoo/screens) wins over the bundled one,
 * the user's own over the site's. */
static void site_screen_before_bundled(void **state)
{
	char *site_dir = xasprintf("%s/neuvoo/screens", tmp);
	char *user_root = xasprintf("%s/user", tmp);
	char *user_dir = xasprintf("%s/neuvoo/screens", user_root);
	char *cmd = xasprintf("mkdir -p '%s' '%s'", site_dir, user_dir);
	char *err = NULL, *site, *user, *p;
	(void)state;

	assert_int_equal(system(cmd), 0);
	p = layout_find(NULL, "desk", &err);
	assert_non_null(p);
	assert_null(strstr(p, tmp));	/* the bundled one */
	free(p);
	site = util_write(site_dir, "desk", "layout a { pane = \"topics\" }\n");
	p = layout_find(NULL, "desk", &err);
	assert_string_equal(p, site);
	free(p);
	setenv("XDG_CONFIG_HOME", user_root, 1);
	user = util_write(user_dir, "desk", "layout a { pane = \"intake\" }\n");
	p = layout_find("desk", "desk", &err);
	assert_string_equal(p, user);
	free(p);
	setenv("XDG_CONFIG_HOME", tmp, 1);
	unlink(user);
	unlink(site);
	free(user);
	free(site);
	free(cmd);
	free(user_dir);
	free(user_root);
	free(site_dir);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(desk_at_80x24_shows_four_panes),
		cmocka_unit_test(large_terminals_use_the_room),
		cmocka_unit_test(too_small_has_no_layout),
		cmocka_unit_test(weights_share_exactly),
		cmocka_unit_test(errors_name_file_and_line),
		cmocka_unit_test(missing_screen_names_the_places),
		cmocka_unit_test(site_screen_before_bundled),
	};
	return cmocka_run_group_tests(tests, setup, teardown);
}
