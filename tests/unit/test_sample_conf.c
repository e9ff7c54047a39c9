/* test_sample_conf: the sample SYSCONFDIR/neuvoo/neuvoo.conf that make
 * install ships (etc/neuvoo.conf, made from etc/neuvoo.conf.in) is valid
 * configuration as it is, names every option the parser knows (the list
 * comes from config.c's own table, config_option_names), and is still
 * valid with every option uncommented. */
#include <config.h>

#include "util.h"

#include <sys/stat.h>

#include "core/config.h"
#include "core/err.h"
#include "core/paths.h"

static char *tmp;

static int setup(void **state)
{
	(void)state;
	tmp = util_tmpdir();
	setenv("HOME", tmp, 1);
	setenv("XDG_CONFIG_HOME", tmp, 1);
	setenv("XDG_DATA_HOME", tmp, 1);
	setenv("XDG_STATE_HOME", tmp, 1);
	return 0;
}

static int teardown(void **state)
{
	(void)state;
	util_rmtree(&tmp);
	return 0;
}

static char *read_all(const char *path)
{
	FILE *f = fopen(path, "r");
	char *s;
	long n;
	if (!f)
		fail_msg("%s: cannot read the sample (run make first)", path);
	assert_int_equal(fseek(f, 0, SEEK_END), 0);
	n = ftell(f);
	rewind(f);
	s = xmalloc((size_t)n + 1);
	assert_int_equal(fread(s, 1, (size_t)n, f), (size_t)n);
	s[n] = '\0';
	fclose(f);
	return s;
}

static char *sample(void)
{
	const char *b = getenv("top_builddir");
	char *path = xasprintf("%s/etc/neuvoo.conf", b ? b : ".");
	char *s = read_all(path);
	free(path);
	return s;
}

/* An option line is "#name = ..." (or "#\tname" in a section, "#}"); an
 * explanation is "# text". Uncommenting drops the first '#' of the first. */
static char *uncomment(const char *s)
{
	char *out = xmalloc(strlen(s) + 1), *o = out;
	int bol = 1;
	for (; *s; s++) {
		if (bol && s[0] == '#' && s[1] && s[1] != ' ' && s[1] != '#'
		    && s[1] != '\n')
			s++;
		bol = *s == '\n';
		*o++ = *s;
	}
	*o = '\0';
	return out;
}

static void load_as_site(const char *text, struct config **cfg, char **err)
{
	char *etc = xasprintf("%s/etc", tmp), *dir = xasprintf("%s/neuvoo", etc);
	struct cli_opts cli;
	struct stat st;

	if (stat(dir, &st) != 0) {
		assert_int_equal(mkdir(etc, 0700), 0);
		assert_int_equal(mkdir(dir, 0700), 0);
	}
	free(util_write(dir, "neuvoo.conf", text));
	memset(&cli, 0, sizeof cli);
	cli.desk = "d1";
	if (config_load(cfg, &cli, etc, err) != 0)
		fail_msg("the sample as site configuration: %s", *err);
	free(dir);
	free(etc);
}

static void sample_as_shipped_changes_nothing(void **state)
{
	char *s = sample(), *err = NULL;
	struct config *cfg = NULL;
	(void)state;

	/* Real folders, not placeholders, and nothing set. */
	assert_null(strstr(s, "LOCALSTATEDIR"));
	assert_null(strstr(s, "SYSCONFDIR"));
	load_as_site(s, &cfg, &err);
	assert_null(cfg->group);
	assert_null(cfg->advisor);
	assert_int_equal(cfg->undo_minutes, 10);
	assert_string_equal(cfg->keymap, "default");
	config_free(&cfg);
	free(s);
}

struct names {
	const char *text;	/* the uncommented sample */
	int missing;
};

/* "name = " at the start of a line, or "section|name" as "name = " on an
 * indented line after "section {". */
static void expect_named(const char *name, void *arg)
{
	struct names *n = arg;
	const char *bar = strchr(name, '|'), *from = n->text, *p;
	char *want;

	if (bar) {
		char *sec = xasprintf("\n%.*s {\n", (int)(bar - name), name);
		from = strstr(n->text, sec);
		free(sec);
		name = bar + 1;
		want = xasprintf("\t%s = ", name);
	} else {
		want = xasprintf("\n%s = ", name);
	}
	p = from ? strstr(from, want) : NULL;
	if (!p) {
		print_error("the sample does not name option '%s'\n", name);
		n->missing++;
	}
	free(want);
}

static void sample_names_every_option_and_loads_uncommented(void **state)
{
	char *s = sample(), *all = uncomment(s), *err = NULL;
	struct names n = { all, 0 };
	struct config *cfg = NULL;
	(void)state;

	config_option_names(expect_named, &n);
	assert_int_equal(n.missing, 0);
	/* Every example value is valid, and they do arrive. */
	load_as_site(all, &cfg, &err);
	assert_non_null(cfg->group);
	assert_string_equal(cfg->group, "neuvoo");
	assert_non_null(cfg->advisor);
	assert_string_equal(cfg->default_channel, "walk-in");
	assert_true(cfg->stats_dir[0] == '/');
	config_free(&cfg);
	free(all);
	free(s);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(sample_as_shipped_changes_nothing),
		cmocka_unit_test(sample_names_every_option_and_loads_uncommented),
	};
	return cmocka_run_group_tests(tests, setup, teardown);
}
