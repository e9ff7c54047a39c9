/* test_keymap: key names, the bundled keymaps, and keymap file errors. */
#include "util.h"

#include <config.h>

#include "core/err.h"
#include "core/keymap.h"

static char *tmp;

static int setup(void **state)
{
	const char *src = getenv("top_srcdir");
	(void)state;
	tmp = util_tmpdir();
	/* Bundled keymaps come from the source tree, never from the user. */
	setenv("NEUVOO_DATADIR", src ? src : ".", 1);
	setenv("XDG_CONFIG_HOME", tmp, 1);
	/* No site keymaps of this machine's. */
	setenv("NEUVOO_SYSCONFDIR", tmp, 1);
	return 0;
}

static int teardown(void **state)
{
	(void)state;
	util_rmtree(&tmp);
	return 0;
}

static void key_names_round_trip(void **state)
{
	static const char *const names[] = { "Tab", "S-Tab", "Enter", "Esc",
		"Space", "Backspace", "Delete", "Up", "Down", "Left", "Right",
		"PgUp", "PgDn", "Home", "End", "F1", "F10", "F24", "C-l", "/",
		"j", "G", "ä" };
	size_t i;
	(void)state;
	for (i = 0; i < sizeof names / sizeof names[0]; i++) {
		km_key k = keymap_key_parse(names[i]);
		char *back;
		assert_true(k >= 0);
		back = keymap_key_name(k);
		assert_string_equal(back, names[i]);
		free(back);
	}
	assert_int_equal(keymap_key_parse("^L"), KM_CTRL('l'));
	assert_int_equal(keymap_key_parse("pgdn"), KM_PGDN);
	assert_int_equal(keymap_key_parse("F1"), KM_F(1));
	assert_int_equal(keymap_key_parse("C-L"), 12);
	/* Not keys: empty, words, F0, F25, Alt, two characters. */
	assert_int_equal(keymap_key_parse(""), -1);
	assert_int_equal(keymap_key_parse("Enterr"), -1);
	assert_int_equal(keymap_key_parse("F0"), -1);
	assert_int_equal(keymap_key_parse("F25"), -1);
	assert_int_equal(keymap_key_parse("M-x"), -1);
	assert_int_equal(keymap_key_parse("ab"), -1);
	assert_true(keymap_key_printable('a'));
	assert_true(keymap_key_printable(0x4e2d));
	assert_false(keymap_key_printable(KM_ESC));
	assert_false(keymap_key_printable(KM_F(2)));
}

static void action_table(void **state)
{
	int a;
	(void)state;
	for (a = ACT_NONE + 1; a < ACT__N; a++) {
		assert_non_null(action_name((enum action)a));
		assert_int_equal(action_find(action_name((enum action)a)), a);
		assert_true(action_scope((enum action)a) != SCOPE_NONE);
		/* The focus actions say which pane they focus on each screen
		 * (the pane registry); every other action has its text. */
		if (action_focus_index((enum action)a) < 0)
			assert_true(strlen(action_help((enum action)a)) > 0);
	}
	assert_int_equal(action_find("no-such-thing"), ACT_NONE);
	assert_null(action_name(ACT_NONE));
	assert_int_equal(action_scope(ACT_NONE), SCOPE_NONE);
	/* The desk's older focus names are the first four panes'. */
	assert_int_equal(action_find("focus-intake"), ACT_FOCUS_PANE_1);
	assert_int_equal(action_find("focus-interpreters"), ACT_FOCUS_PANE_4);
	assert_int_equal(action_focus_index(ACT_FOCUS_PANE_3), 2);
	assert_int_equal(action_focus(0), ACT_FOCUS_PANE_1);
	assert_int_equal(action_focus(ACTION_FOCUS_N), ACT_NONE);
	assert_int_equal(action_focus_index(ACT_HELP), -1);
	assert_true(action_screen_wide(ACT_SAVE));
	assert_false(action_screen_wide(ACT_CLOSE_DAY));
}

/* A keymap file may name the focus keys either way: the older names of
 * the desk's panes and the numbered ones bind the same actions, and a key
 * given both ways is not a conflict. */
static void focus_aliases(void **state)
{
	char *dir = util_tmpdir();
	char *path = util_write(dir, "km",
				"global { focus-intake = \"F5\" focus-pane-1 = \"F5\"\n"
				"  focus-pane-2 = \"F6\" focus-redirect = \"x\" }\n");
	struct keymap *km = NULL;
	char *err = NULL;
	km_key keys[4];
	(void)state;
	assert_int_equal(keymap_load(path, &km, &err), 0);
	assert_int_equal(keymap_lookup(km, KM_GLOBAL, KM_F(5)), ACT_FOCUS_PANE_1);
	assert_int_equal(keymap_lookup(km, KM_TOPICS, KM_F(6)), ACT_FOCUS_PANE_2);
	assert_int_equal(keymap_lookup(km, KM_GLOBAL, 'x'), ACT_FOCUS_PANE_3);
	assert_int_equal(keymap_keys_for(km, KM_GLOBAL, ACT_FOCUS_PANE_1, keys, 4), 1);
	keymap_free(&km);
	free(path);
	util_rmtree(&dir);
}

static struct keymap *load_named(const char *name)
{
	char *err = NULL, *path = keymap_find(name, &err);
	struct keymap *km = NULL;
	if (!path)
		fail_msg("%s", err);
	if (keymap_load(path, &km, &err) != 0)
		fail_msg("%s", err);
	free(path);
	return km;
}

static void default_keymap_has_the_contract_keys(void **state)
{
	struct keymap *km = load_named(NULL);
	km_key keys[8];
	size_t n;
	(void)state;
	assert_int_equal(keymap_lookup(km, KM_GLOBAL, KM_TAB), ACT_NEXT_PANE);
	assert_int_equal(keymap_lookup(km, KM_GLOBAL, KM_BTAB), ACT_PREV_PANE);
	assert_int_equal(keymap_lookup(km, KM_TOPICS, KM_F(1)), ACT_HELP);
	assert_int_equal(keymap_lookup(km, KM_TOPICS, KM_F(2)), ACT_SAVE);
	assert_int_equal(keymap_lookup(km, KM_TOPICS, KM_F(3)), ACT_NEW_CONTACT);
	assert_int_equal(keymap_lookup(km, KM_TOPICS, KM_F(4)), ACT_NEXT_LANGUAGE);
	assert_int_equal(keymap_lookup(km, KM_INTAKE, KM_F(5)), ACT_FOCUS_PANE_1);
	assert_int_equal(keymap_lookup(km, KM_INTAKE, KM_F(6)), ACT_FOCUS_PANE_2);
	assert_int_equal(keymap_lookup(km, KM_INTAKE, KM_F(7)), ACT_FOCUS_PANE_3);
	assert_int_equal(keymap_lookup(km, KM_INTAKE, KM_F(8)), ACT_FOCUS_PANE_4);
	assert_int_equal(keymap_lookup(km, KM_REDIRECT, KM_F(9)), ACT_UNDO);
	assert_int_equal(keymap_lookup(km, KM_REDIRECT, KM_F(10)), ACT_QUIT);
	assert_int_equal(keymap_lookup(km, KM_REDIRECT, '/'), ACT_FILTER);
	assert_int_equal(keymap_lookup(km, KM_REDIRECT, KM_ESC), ACT_CANCEL);
	assert_int_equal(keymap_lookup(km, KM_TOPICS, KM_SPACE), ACT_TOGGLE);
	assert_int_equal(keymap_lookup(km, KM_REDIRECT, KM_ENTER), ACT_CHOOSE);
	assert_int_equal(keymap_lookup(km, KM_INTERPRETERS, KM_ENTER), ACT_CHOOSE);
	assert_int_equal(keymap_lookup(km, KM_TOPICS, KM_CTRL('l')), ACT_REDRAW);
	assert_int_equal(keymap_lookup(km, KM_TOPICS, KM_PGDN), ACT_PAGE_DOWN);
	/* Intake: its own bindings win over the global moves. */
	assert_int_equal(keymap_lookup(km, KM_INTAKE, KM_DOWN), ACT_NEXT_FIELD);
	assert_int_equal(keymap_lookup(km, KM_INTAKE, KM_UP), ACT_PREV_FIELD);
	assert_int_equal(keymap_lookup(km, KM_INTAKE, KM_RIGHT), ACT_NEXT_CHOICE);
	assert_int_equal(keymap_lookup(km, KM_INTAKE, KM_LEFT), ACT_PREV_CHOICE);
	assert_int_equal(keymap_lookup(km, KM_TOPICS, KM_DOWN), ACT_DOWN);
	/* Letters stay free for the intake's quick jump. */
	assert_int_equal(keymap_lookup(km, KM_INTAKE, 'p'), ACT_NONE);
	/* Help lists the pane's own keys and the unshadowed global ones. */
	n = keymap_keys_for(km, KM_INTAKE, ACT_DOWN, keys, 8);
	assert_int_equal(n, 0);	/* Down is next-field in intake */
	n = keymap_keys_for(km, KM_INTAKE, ACT_NEXT_FIELD, keys, 8);
	assert_int_equal(n, 2);
	assert_int_equal(keys[0], KM_DOWN);
	n = keymap_keys_for(km, KM_TOPICS, ACT_QUIT, keys, 8);
	assert_int_equal(n, 1);
	assert_int_equal(keys[0], KM_F(10));
	/* The review's keys: F2 closes the day there, and saves nowhere. */
	assert_int_equal(keymap_lookup(km, KM_REVIEW, KM_F(2)), ACT_CLOSE_DAY);
	assert_int_equal(keymap_lookup(km, KM_REVIEW, KM_LEFT), ACT_PREVIOUS_DAY);
	assert_int_equal(keymap_lookup(km, KM_REVIEW, KM_RIGHT), ACT_NEXT_DAY);
	assert_int_equal(keymap_lookup(km, KM_REVIEW, KM_SPACE), ACT_SHOW_NOTES);
	assert_int_equal(keymap_lookup(km, KM_REVIEW, KM_F(10)), ACT_QUIT);
	assert_int_equal(keymap_keys_for(km, KM_REVIEW, ACT_SAVE, keys, 8), 0);
	keymap_free(&km);
	assert_null(km);
}

static void vi_keymap_moves_with_letters(void **state)
{
	struct keymap *km = load_named("vi");
	(void)state;
	assert_int_equal(keymap_lookup(km, KM_REDIRECT, 'j'), ACT_DOWN);
	assert_int_equal(keymap_lookup(km, KM_REDIRECT, 'k'), ACT_UP);
	assert_int_equal(keymap_lookup(km, KM_REDIRECT, 'G'), ACT_END);
	assert_int_equal(keymap_lookup(km, KM_INTAKE, 'j'), ACT_NEXT_FIELD);
	assert_int_equal(keymap_lookup(km, KM_INTAKE, 'l'), ACT_NEXT_CHOICE);
	assert_int_equal(keymap_lookup(km, KM_TOPICS, KM_F(2)), ACT_SAVE);
	/* The review: h and l go to the day before and after. */
	assert_int_equal(keymap_lookup(km, KM_REVIEW, 'h'), ACT_PREVIOUS_DAY);
	assert_int_equal(keymap_lookup(km, KM_REVIEW, 'l'), ACT_NEXT_DAY);
	assert_int_equal(keymap_lookup(km, KM_REVIEW, 'j'), ACT_DOWN);
	keymap_free(&km);
}

/* Write a keymap, load it, and expect an error naming file:line. */
static void expect_error(const char *text, int line, const char *what)
{
	char *path = util_write(tmp, "km", text);
	char *err = NULL, *want;
	struct keymap *km = NULL;
	assert_int_not_equal(keymap_load(path, &km, &err), 0);
	assert_null(km);
	assert_non_null(err);
	want = xasprintf("%s:%d: ", path, line);
	if (strncmp(err, want, strlen(want)) != 0)
		fail_msg("expected '%s...', got '%s'", want, err);
	if (!strstr(err, what))
		fail_msg("expected '%s' in '%s'", what, err);
	free(want);
	free(err);
	free(path);
}

static void errors_name_file_and_line(void **state)
{
	(void)state;
	expect_error("global {\n\tquit = \"F10\"\n\tfly = \"F11\"\n}\n", 3, "fly");
	expect_error("# a comment\nglobal {\n\tquit = \"F10\"\n\n\tsave = \"F13x\"\n\n}\n\n",
		     5, "F13x");
	expect_error("global {\n\tquit = { \"F10\",\n\t\t\"Bogus\" }\n}\n", 3, "Bogus");
	expect_error("global {\n\tquit = \"F10\"\n\tsave = \"F10\"\n}\n", 3,
		     "bound to both");
	expect_error("global { quit = \"F10\" }\npane sidebar {\n\tquit = \"q\"\n}\n",
		     2, "sidebar");
	/* The message lists the pane names there are, the newest too. */
	expect_error("global { quit = \"F10\" }\npane sidebar {\n\tquit = \"q\"\n}\n",
		     2, "scenario, review");
	expect_error("global {\n\tquit = { \"F10\"\n", 3, "end of file");
	/* Comments before an error do not shift its line. */
	expect_error("# keys\n# more\nglobal {\n\t# x\n\tfly = \"F11\"\n}\n", 5, "fly");
	expect_error("/* a\n   b */\npane sidebar { # here\n\tquit = \"q\"\n}\n", 3,
		     "sidebar");
}

static void same_key_in_two_sections_is_fine(void **state)
{
	char *path = util_write(tmp, "ok",
				"global { down = \"Down\" }\n"
				"pane intake { next-field = \"Down\" }\n");
	char *err = NULL;
	struct keymap *km = NULL;
	(void)state;
	assert_int_equal(keymap_load(path, &km, &err), 0);
	assert_int_equal(keymap_lookup(km, KM_INTAKE, KM_DOWN), ACT_NEXT_FIELD);
	assert_int_equal(keymap_lookup(km, KM_TOPICS, KM_DOWN), ACT_DOWN);
	assert_int_equal(keymap_lookup(km, KM_TOPICS, KM_UP), ACT_NONE);
	assert_string_equal(keymap_path(km), path);
	keymap_free(&km);
	free(path);
}

static void find_by_name_or_path(void **state)
{
	char *err = NULL, *p, *dir, *user, *cmd, *site, *site_root;
	(void)state;
	assert_null(keymap_find("nonesuch", &err));
	assert_non_null(strstr(err, "nonesuch"));
	err_free(&err);
	assert_null(keymap_find("/no/such/file", &err));
	assert_non_null(strstr(err, "/no/such/file"));
	err_free(&err);
	/* A site's keymap (SYSCONFDIR/neuvoo/keymaps) wins over the bundled
	 * one, and a user's own over the site's. */
	assert_int_equal(setenv("NEUVOO_SYSCONFDIR", tmp, 1), 0);
	dir = xasprintf("%s/neuvoo/site/neuvoo/keymaps", tmp);
	cmd = xasprintf("mkdir -p '%s'", dir);
	assert_int_equal(system(cmd), 0);
	free(cmd);
	site = util_write(dir, "vi", "global { quit = \"Q\" }\n");
	free(dir);
	p = keymap_find("vi", &err);
	assert_non_null(strstr(p, "/keymaps/vi"));
	assert_null(strstr(p, "/site/"));	/* not yet: SYSCONFDIR is tmp */
	free(p);
	site_root = xasprintf("%s/neuvoo/site", tmp);
	setenv("NEUVOO_SYSCONFDIR", site_root, 1);
	p = keymap_find("vi", &err);
	assert_string_equal(p, site);
	free(p);
	/* A name the site does not have is still the bundled one. */
	p = keymap_find("default", &err);
	assert_null(strstr(p, site_root));
	free(p);
	dir = xasprintf("%s/neuvoo/keymaps", tmp);
	cmd = xasprintf("mkdir -p '%s'", dir);
	assert_int_equal(system(cmd), 0);
	free(cmd);
	user = util_write(dir, "vi", "global { quit = \"q\" }\n");
	p = keymap_find("vi", &err);
	assert_string_equal(p, user);
	free(p);
	/* Every folder is named when nothing matches. */
	assert_null(keymap_find("nonesuch", &err));
	assert_non_null(strstr(err, dir));
	assert_non_null(strstr(err, site_root));
	err_free(&err);
	setenv("NEUVOO_SYSCONFDIR", tmp, 1);
	free(site_root);
	free(site);
	free(user);
	free(dir);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(key_names_round_trip),
		cmocka_unit_test(action_table),
		cmocka_unit_test(focus_aliases),
		cmocka_unit_test(default_keymap_has_the_contract_keys),
		cmocka_unit_test(vi_keymap_moves_with_letters),
		cmocka_unit_test(errors_name_file_and_line),
		cmocka_unit_test(same_key_in_two_sections_is_fine),
		cmocka_unit_test(find_by_name_or_path),
	};
	return cmocka_run_group_tests(tests, setup, teardown);
}
