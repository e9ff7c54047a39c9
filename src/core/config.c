/* config: the layered configuration (see config.h and neuvoo.conf(5)).
 *
 * Design: each file is parsed on its own with a fresh libconfuse table, and
 * only the options the file actually sets (libconfuse marks them
 * CFGF_MODIFIED) are copied over the values so far, so a user file that sets
 * only `desk` keeps the system file's catalogue. Values are checked while
 * parsing, in validation callbacks, because only then does libconfuse know
 * the line; every error becomes one "file:line: what; what to do" message.
 * Reading, comments and line numbers are cfgparse's (shared with keymaps,
 * screens and scenarios). */
#include <config.h>

#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <confuse.h>

#include "core/cfgparse.h"
#include "core/codes.h"
#include "core/config.h"
#include "core/defaults.h"
#include "core/err.h"
#include "core/hours.h"
#include "core/i18n.h"
#include "core/paths.h"
#include "core/pg.h"
#include "core/tickets.h"

#define SEE_ALSO "see neuvoo.conf(5)"

/* ---- value checks, shared by files and the command line ----------------- */

static bool in_set(char c, const char *extra)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
	       (c >= '0' && c <= '9') || (c && strchr(extra, c));
}

/* A desk name becomes a file name (DESK.db): keep it portable and unable to
 * climb out of the statistics folder. */
static bool desk_ok(const char *s)
{
	size_t n = s ? strlen(s) : 0, i;
	if (n == 0 || n > 64 || s[0] == '.')
		return false;
	for (i = 0; i < n; i++)
		if (!in_set(s[i], "._-"))
			return false;
	return true;
}

/* ${LOGNAME} and ${USER} (the login name, from the password database)
 * and ${HOST} (this host's short name) in a desk name: one site file can
 * name a desk per user or per host. A new string. */
static char *expand_desk(const char *v)
{
	static const char *const names[] = { "${LOGNAME}", "${USER}", "${HOST}" };
	char *out = xstrdup(v ? v : ""), *at;
	size_t i;
	for (i = 0; i < 3; i++)
		while ((at = strstr(out, names[i]))) {
			char *val = i < 2 ? paths_user_name() : paths_hostname();
			char *next = xasprintf("%.*s%s%s", (int)(at - out), out, val,
					       at + strlen(names[i]));
			free(val);
			free(out);
			out = next;
		}
	return out;
}

static bool advisor_ok(const char *s)
{
	size_t n = s ? strlen(s) : 0, i;
	if (n == 0 || n > 32)
		return false;
	for (i = 0; i < n; i++)
		if (!in_set(s[i], "_-"))
			return false;
	return true;
}

static bool lower_run(const char *s, size_t min, size_t max, size_t *len)
{
	size_t n = 0;
	while (s[n] >= 'a' && s[n] <= 'z')
		n++;
	*len = n;
	return n >= min && n <= max;
}

/* "fi", "sv", "fi_FI", "ckb": the form gettext catalogues use. */
static bool lang_ok(const char *s)
{
	size_t n;
	if (!s || !lower_run(s, 2, 3, &n))
		return false;
	if (s[n] == '\0')
		return true;
	return s[n] == '_' && s[n + 1] >= 'A' && s[n + 1] <= 'Z' &&
	       s[n + 2] >= 'A' && s[n + 2] <= 'Z' && s[n + 3] == '\0';
}

/* A contact's language: ISO 639-1, else 639-3 (DESIGN.md). */
static bool language_code_ok(const char *s)
{
	size_t n;
	return s && lower_run(s, 2, 3, &n) && s[n] == '\0';
}

static const char desk_rule[] =
	N_("use letters, digits, '.', '-' or '_' (at most 64, "
	   "not starting with '.')");
static const char lang_rule[] =
	N_("use a language code such as 'fi', 'sv' or 'en'");

/* ---- validation callbacks ------------------------------------------------ */

static int check_desk(cfg_t *cfg, cfg_opt_t *opt)
{
	const char *v = cfg_opt_getnstr(opt, 0);
	char *x = expand_desk(v);
	bool ok = desk_ok(x);
	free(x);
	if (ok)
		return 0;
	cfg_error(cfg, _("desk name '%s' is not valid; %s"), v ? v : "",
		  _(desk_rule));
	return -1;
}

static int check_advisor(cfg_t *cfg, cfg_opt_t *opt)
{
	const char *v = cfg_opt_getnstr(opt, 0);
	if (advisor_ok(v))
		return 0;
	cfg_error(cfg, _("advisor code '%s' is not valid; use 1 to 32 letters, "
			 "digits, '-' or '_' (a pseudonym, not a name)"),
		  v ? v : "");
	return -1;
}

static int check_lang(cfg_t *cfg, cfg_opt_t *opt)
{
	const char *v = cfg_opt_getnstr(opt, 0);
	if (lang_ok(v))
		return 0;
	cfg_error(cfg, _("'%s' is not a language code; %s"), v ? v : "",
		  _(lang_rule));
	return -1;
}

/* Every value of a list of UI or catalogue languages. */
static int check_lang_list(cfg_t *cfg, cfg_opt_t *opt)
{
	unsigned i, n = cfg_opt_size(opt);
	for (i = 0; i < n; i++) {
		const char *v = cfg_opt_getnstr(opt, i);
		if (!lang_ok(v)) {
			cfg_error(cfg, _("'%s' is not a language code; %s"), v ? v : "",
				  _(lang_rule));
			return -1;
		}
	}
	return 0;
}

static int check_not_empty(cfg_t *cfg, cfg_opt_t *opt)
{
	const char *v = cfg_opt_getnstr(opt, 0);
	if (v && *v)
		return 0;
	cfg_error(cfg, _("option '%s' is empty; give a value or remove the line"),
		  cfg_opt_name(opt));
	return -1;
}

static int check_range(cfg_t *cfg, cfg_opt_t *opt, long lo, long hi)
{
	long v = cfg_opt_getnint(opt, 0);
	if (v >= lo && v <= hi)
		return 0;
	cfg_error(cfg, _("option '%s' is %ld; use a number from %ld to %ld"),
		  cfg_opt_name(opt), v, lo, hi);
	return -1;
}

static int check_undo(cfg_t *cfg, cfg_opt_t *opt)
{
	return check_range(cfg, opt, 1, 1440);
}

static int check_retention(cfg_t *cfg, cfg_opt_t *opt)
{
	return check_range(cfg, opt, 0, 3650);
}

/* expected-desks: each "DESK HOURS", a desk name and its opening hours in
 * the catalogue's form ("mo-fr 8-16; sa 10-14"). */
static int check_expected(cfg_t *cfg, cfg_opt_t *opt)
{
	unsigned i;
	for (i = 0; i < cfg_opt_size(opt); i++) {
		const char *v = cfg_opt_getnstr(opt, i);
		const char *sp = v ? strchr(v, ' ') : NULL;
		char *desk = sp ? xstrndup(v, (size_t)(sp - v)) : xstrdup(v ? v : "");
		struct hours h = { 0 };
		char *why = NULL;
		int rc = 0;
		if (!desk_ok(desk) || !sp) {
			cfg_error(cfg, _("expected-desks: '%s' is not \"DESK HOURS\" (for example \"walk-in-1 mo-fr 8-16\")"),
				  v ? v : "");
			rc = -1;
		} else if (hours_parse(&h, sp + 1, &why) != 0) {
			cfg_error(cfg, _("expected-desks: the hours of %s: %s"), desk, why ? why : "");
			rc = -1;
		}
		hours_clear(&h);
		free(why);
		free(desk);
		if (rc)
			return rc;
	}
	return 0;
}

static int check_backdate(cfg_t *cfg, cfg_opt_t *opt)
{
	return check_range(cfg, opt, 0, 31);
}

/* "walk-in, phone, chat": the codes a user may write. */
static char *code_choices(enum code_list list)
{
	size_t n, i, len = 0;
	const struct code *c = codes_list(list, &n);
	char *s, *p;

	for (i = 0; i < n; i++)
		len += strlen(c[i].code) + 2;
	s = p = xmalloc(len + 1);
	*p = '\0';
	for (i = 0; i < n; i++)
		p += sprintf(p, "%s%s", i ? ", " : "", c[i].code);
	return s;
}

static int check_code(cfg_t *cfg, cfg_opt_t *opt, enum code_list list)
{
	const char *v = cfg_opt_getnstr(opt, 0);
	char *choices;
	if (v && codes_find(list, v) >= 0)
		return 0;
	choices = code_choices(list);
	cfg_error(cfg, _("unknown %s '%s'; use one of: %s"),
		  codes_list_name(list), v ? v : "", choices);
	free(choices);
	return -1;
}

static int check_channel(cfg_t *cfg, cfg_opt_t *opt)
{
	return check_code(cfg, opt, CODES_CHANNEL);
}

static int check_interpreter(cfg_t *cfg, cfg_opt_t *opt)
{
	return check_code(cfg, opt, CODES_INTERPRETER);
}

static int check_outcome(cfg_t *cfg, cfg_opt_t *opt)
{
	return check_code(cfg, opt, CODES_OUTCOME);
}

static int check_language(cfg_t *cfg, cfg_opt_t *opt)
{
	const char *v = cfg_opt_getnstr(opt, 0);
	if (language_code_ok(v))
		return 0;
	cfg_error(cfg, _("'%s' is not a language code; use an ISO 639-1 code "
			 "such as 'fi' or 'ar', or ISO 639-3 where there is none"),
		  v ? v : "");
	return -1;
}

/* ---- the options ---------------------------------------------------------- */

/* Every option of neuvoo.conf, X(KIND, "name", field of struct config,
 * default, check). KIND says how a file's value is taken: STR as it is,
 * PATH relative to the file's folder, DESK with its ${VARS} expanded, INT,
 * LIST (a later file's list replaces an earlier one's). The parser's
 * table, the checks, the loading, the starting values and the freeing
 * of struct config all come from these rows. */
#define CONFIG_OPTIONS(X) \
	X(PATH, "catalogue", catalogue, NULL, check_not_empty) \
	X(PATH, "stats-dir", stats_dir, NULL, check_not_empty) \
	X(DESK, "desk", desk, NULL, check_desk) \
	X(STR, "lang", lang, NULL, check_lang) \
	X(STR, "keymap", keymap, NULL, check_not_empty) \
	X(STR, "screen", screen, NULL, check_not_empty) \
	X(STR, "advisor", advisor, NULL, check_advisor) \
	X(STR, "group", group, NULL, check_not_empty) \
	X(PATH, "training-dir", training_dir, NULL, check_not_empty) \
	X(STR, "organisation", organisation, NULL, check_not_empty) \
	X(INT, "undo-minutes", undo_minutes, DEFAULT_UNDO_MINUTES, check_undo) \
	X(INT, "note-retention-days", note_retention_days, \
	  DEFAULT_NOTE_RETENTION_DAYS, check_retention) \
	X(PATH, "tickets-dir", tickets_dir, NULL, check_not_empty) \
	X(INT, "ticket-retention-days", ticket_retention_days, \
	  TICKETS_DEFAULT_RETENTION_DAYS, check_retention) \
	X(INT, "backdate-days", backdate_days, DEFAULT_BACKDATE_DAYS, check_backdate) \
	X(LIST, "ui-languages", ui_languages, DEFAULT_UI_LANGUAGES, check_lang_list) \
	X(LIST, "catalogue-fallback", catalogue_fallback, \
	  DEFAULT_CATALOGUE_FALLBACK, check_lang_list) \
	X(STR, "tickets-db", tickets_db, NULL, check_not_empty) \
	X(LIST, "expected-desks", expected_desks, NULL, check_expected)

/* The section defaults { }: a new contact's codes, the same way. */
#define CONFIG_DEFAULTS(X) \
	X(STR, "channel", default_channel, DEFAULT_CHANNEL, check_channel) \
	X(STR, "language", default_language, DEFAULT_LANGUAGE, check_language) \
	X(STR, "interpreter", default_interpreter, DEFAULT_INTERPRETER, \
	  check_interpreter) \
	X(STR, "outcome", default_outcome, DEFAULT_OUTCOME, check_outcome)

#define CFG_OPT_STR(name, def) CFG_STR(name, def, CFGF_NONE),
#define CFG_OPT_PATH CFG_OPT_STR
#define CFG_OPT_DESK CFG_OPT_STR
#define CFG_OPT_INT(name, def) CFG_INT(name, def, CFGF_NONE),
#define CFG_OPT_LIST(name, def) CFG_STR_LIST(name, def, CFGF_NONE),
#define CFG_OPT(kind, name, field, def, check) CFG_OPT_##kind(name, def)

static cfg_t *new_parser(void)
{
	/* Built on the stack: cfg_init() copies the tables. */
	cfg_opt_t defaults[] = { CONFIG_DEFAULTS(CFG_OPT) CFG_END() };
	cfg_opt_t opts[] = {
		CONFIG_OPTIONS(CFG_OPT)
		CFG_SEC("defaults", defaults, CFGF_NONE),
		CFG_END()
	};
	cfg_t *cfg = cfg_init(opts, CFGF_NONE);

	if (!cfg) {
		fputs("neuvoo: out of memory\n", stderr);
		abort();
	}
#define CFG_CHECK(kind, name, field, def, check) \
	cfg_set_validate_func(cfg, name, check);
#define CFG_CHECK_DEFAULT(kind, name, field, def, check) \
	cfg_set_validate_func(cfg, "defaults|" name, check);
	CONFIG_OPTIONS(CFG_CHECK)
	CONFIG_DEFAULTS(CFG_CHECK_DEFAULT)
#undef CFG_CHECK
#undef CFG_CHECK_DEFAULT
	return cfg;
}

void config_option_names(void (*each)(const char *name, void *arg),
			 void *arg)
{
	cfg_t *cfg = new_parser();
	cfg_opt_t *o, *sub;

	/* The parser's own table, so that no list of names is kept twice. */
	for (o = cfg->opts; o && o->name; o++) {
		if (o->type != CFGT_SEC) {
			each(o->name, arg);
			continue;
		}
		for (sub = o->subopts; sub && sub->name; sub++) {
			char *full = xasprintf("%s|%s", o->name, sub->name);
			each(full, arg);
			free(full);
		}
	}
	cfg_free(cfg);
}

/* ---- one file ------------------------------------------------------------ */

static bool opt_given(cfg_t *cfg, const char *name)
{
	cfg_opt_t *opt = cfg ? cfg_getopt(cfg, name) : NULL;
	return opt && (opt->flags & CFGF_MODIFIED) && cfg_opt_size(opt) > 0;
}

static void replace(char **dst, const char *src)
{
	free(*dst);
	*dst = xstrdup(src);
}

/* A path in a file: "~/x" is under $HOME, and a relative one is relative to
 * the file's folder (not to wherever neuvoo happens to be started). */
static char *file_path(const char *file, const char *value)
{
	const char *slash;

	if (value[0] == '~' && (value[1] == '/' || value[1] == '\0')) {
		char *home = paths_home();
		if (home) {
			char *r = paths_join(home, value + 1);
			free(home);
			return r;
		}
	}
	if (value[0] == '/')
		return xstrdup(value);
	slash = strrchr(file, '/');
	if (!slash)
		return xstrdup(value);
	{
		char *dir = xstrndup(file, (size_t)(slash - file) + 1);
		char *r = paths_join(dir, value);
		free(dir);
		return r;
	}
}

/* What load_file() says besides an exit status: an optional file that is
 * not there. Kept apart from the exit codes (err.h), so that "absent" can
 * never be read as EXIT_RUNTIME. */
enum { LOAD_ABSENT = -1 };

/* Taking a value of each KIND into its field: from a file (at path),
 * and, as the starting value, the parser's default. */
static void take_STR(cfg_t *cfg, const char *name, const char *path, char **dst)
{
	const char *v = cfg_getstr(cfg, name);
	(void)path;
	free(*dst);
	*dst = v ? xstrdup(v) : NULL;
}

static void take_PATH(cfg_t *cfg, const char *name, const char *path, char **dst)
{
	const char *v = cfg_getstr(cfg, name);
	free(*dst);
	*dst = v ? file_path(path, v) : NULL;
}

static void take_DESK(cfg_t *cfg, const char *name, const char *path, char **dst)
{
	const char *v = cfg_getstr(cfg, name);
	(void)path;
	free(*dst);
	*dst = v ? expand_desk(v) : NULL;
}

static void take_INT(cfg_t *cfg, const char *name, const char *path, int *dst)
{
	(void)path;
	*dst = (int)cfg_getint(cfg, name);
}

static void take_LIST(cfg_t *cfg, const char *name, const char *path, char ***dst)
{
	unsigned i, n = cfg_size(cfg, name);
	(void)path;
	config_strv_free(dst);
	if (!n)
		return;
	*dst = xcalloc(n + 1, sizeof **dst);
	for (i = 0; i < n; i++)
		(*dst)[i] = xstrdup(cfg_getnstr(cfg, name, i));
}

static void drop_STR(char **v) { free(*v); }
#define drop_PATH drop_STR
#define drop_DESK drop_STR
static void drop_INT(int *v) { (void)v; }
static void drop_LIST(char ***v) { config_strv_free(v); }

/* The starting values: what the parser gives for a file that sets
 * nothing (the rows' defaults). */
static void start_values(struct config *c)
{
	cfg_t *cfg = new_parser(), *sec = cfg_getsec(cfg, "defaults");
#define START(kind, name, field, def, check) take_##kind(cfg, name, "", &c->field);
#define START_DEFAULT(kind, name, field, def, check) take_##kind(sec, name, "", &c->field);
	CONFIG_OPTIONS(START)
	CONFIG_DEFAULTS(START_DEFAULT)
#undef START
#undef START_DEFAULT
	cfg_free(cfg);
}

void config_strv_free(char ***v)
{
	size_t i;
	if (!v || !*v)
		return;
	for (i = 0; (*v)[i]; i++)
		free((*v)[i]);
	free(*v);
	*v = NULL;
}

/* Parse one file over c: only what it sets replaces the values so far.
 * Returns 0, LOAD_ABSENT when an optional file is absent, or EXIT_USAGE
 * with *err set. */
static int load_file(struct config *c, const char *path, bool required,
		     bool *catalogue_set, char **err)
{
	struct cfgparse_opts opts = { .hint = SEE_ALSO, .optional = !required };
	cfg_t *cfg = new_parser(), *sec;
	int rc = cfgparse_file_opts(cfg, path, &opts, err);

	if (rc != 0) {
		cfg_free(cfg);
		return rc > 0 ? LOAD_ABSENT : EXIT_USAGE;
	}
	if (opt_given(cfg, "catalogue"))
		*catalogue_set = true;
	sec = cfg_getsec(cfg, "defaults");
#define LOAD(kind, name, field, def, check) \
	if (opt_given(cfg, name)) \
		take_##kind(cfg, name, path, &c->field);
#define LOAD_DEFAULT(kind, name, field, def, check) \
	if (sec && opt_given(sec, name)) \
		take_##kind(sec, name, path, &c->field);
	CONFIG_OPTIONS(LOAD)
	CONFIG_DEFAULTS(LOAD_DEFAULT)
#undef LOAD
#undef LOAD_DEFAULT
	cfg_free(cfg);
	return 0;
}

/* ---- the layers ------------------------------------------------------------ */

static int apply_cli(struct config *c, const struct cli_opts *cli,
		     bool *catalogue_set, char **err)
{
	if (cli->desk) {
		char *x = expand_desk(cli->desk);
		if (!desk_ok(x)) {
			err_set(err, _("--desk: desk name '%s' is not valid; %s"),
				cli->desk, _(desk_rule));
			free(x);
			return EXIT_USAGE;
		}
		free(c->desk);
		c->desk = x;
	}
	if (cli->lang) {
		if (!lang_ok(cli->lang)) {
			err_set(err, _("--lang: '%s' is not a language code; %s"),
				cli->lang, _(lang_rule));
			return EXIT_USAGE;
		}
		replace(&c->lang, cli->lang);
	}
	if (cli->catalogue) {
		if (!*cli->catalogue) {
			err_set(err, _("--catalogue: the file name is empty; "
				       "give the catalogue file"));
			return EXIT_USAGE;
		}
		replace(&c->catalogue, cli->catalogue);
		*catalogue_set = true;
	}
	if (cli->stats_dir) {
		if (!*cli->stats_dir) {
			err_set(err, _("--stats-dir: the folder name is empty; "
				       "give the statistics folder"));
			return EXIT_USAGE;
		}
		replace(&c->stats_dir, cli->stats_dir);
	}
	if (cli->keymap && *cli->keymap)
		replace(&c->keymap, cli->keymap);
	if (cli->screen && *cli->screen)
		replace(&c->screen, cli->screen);
	return 0;
}

/* The same folder, written with or without a trailing slash? */
static bool same_folder(const char *a, const char *b)
{
	size_t la = strlen(a), lb = strlen(b);
	while (la > 1 && a[la - 1] == '/')
		la--;
	while (lb > 1 && b[lb - 1] == '/')
		lb--;
	return la == lb && !strncmp(a, b, la);
}

/* What nothing set: the XDG locations, HOST-USER for the desk (so that two
 * users' sessions on one server never share a desk name by accident),
 * the contract's defaults for a new contact. */
static int fill_defaults(struct config *c, bool catalogue_set, char **err)
{
	static const char *const what[] = { "catalogue", "stats-dir",
					    "training-dir" };
	char **field[] = { &c->catalogue, &c->stats_dir, &c->training_dir };
	const char *under[] = { "neuvoo/catalogue.db", "neuvoo/stats",
				"neuvoo/training" };
	size_t i;

	c->catalogue_default = !catalogue_set;
	c->stats_dir_default = !c->stats_dir;
	for (i = 0; i < sizeof field / sizeof field[0]; i++) {
		char *dir;
		if (*field[i])
			continue;
		dir = i == 0 ? paths_data_home() : paths_state_home();
		if (!dir) {
			err_set(err, _("no home folder is known for this user "
				       "(HOME is not set and the password "
				       "database has none); set HOME, or '%s' "
				       "in neuvoo.conf"), what[i]);
			return EXIT_USAGE;
		}
		*field[i] = paths_join(dir, under[i]);
		free(dir);
	}
	if (!c->desk) {
		char *host = paths_hostname(), *user = paths_user_name();
		size_t room = 64 - 1 - strlen(user);
		c->desk = xasprintf("%.*s-%s", (int)room, host, user);
		free(user);
		if (!desk_ok(c->desk)) {
			err_set(err, _("the host name '%s' is not a valid desk "
				       "name; set 'desk' in neuvoo.conf or use "
				       "--desk"), host);
			free(host);
			return EXIT_USAGE;
		}
		free(host);
	}
	/* The tickets beside the statistics: a site that shares its stats
	 * folder shares its tickets folder the same way. */
	if (!c->tickets_dir) {
		char *parent = paths_dirname(c->stats_dir);
		c->tickets_dir = paths_join(parent, "tickets");
		free(parent);
	}
	/* Personal data never in the folder every report reads. */
	if (same_folder(c->tickets_dir, c->stats_dir)) {
		err_set(err, _("tickets-dir '%s' is the statistics folder; the tickets hold personal data and need a folder of their own"),
			c->tickets_dir);
		return EXIT_USAGE;
	}
	/* In a shared database a host's tickets are its organisation's. */
	if (c->tickets_db && !c->organisation) {
		err_set(err, "%s", _("tickets-db needs 'organisation': set it to your organisation's id in the catalogue, so that the shared database knows whose tickets these are"));
		return EXIT_USAGE;
	}
	if (c->tickets_db && pg_url_has_password(c->tickets_db)) {
		err_set(err, "%s", _("tickets-db: a password in the configuration can be read by whoever reads the file; put it in ~/.pgpass or PGPASSWORD instead"));
		return EXIT_USAGE;
	}
	if (!c->keymap)
		c->keymap = xstrdup("default");
	if (!c->screen)
		c->screen = xstrdup("desk");
	return 0;
}

int config_load(struct config **out, const struct cli_opts *cli,
		const char *sysconfdir, char **err)
{
	static const struct cli_opts no_cli;
	struct config *c = xcalloc(1, sizeof *c);
	bool catalogue_set = false;
	char *dir, *path;
	int rc;

	*out = NULL;
	if (!cli)
		cli = &no_cli;
	start_values(c);

	/* System file. */
	dir = paths_join(sysconfdir ? sysconfdir : paths_sysconfdir(), "neuvoo");
	path = paths_join(dir, "neuvoo.conf");
	free(dir);
	rc = load_file(c, path, false, &catalogue_set, err);
	free(path);
	if (rc == EXIT_USAGE)
		goto fail;

	/* The user's file (none without a home folder). */
	dir = paths_config_home();
	if (dir) {
		path = paths_join(dir, "neuvoo/neuvoo.conf");
		free(dir);
		rc = load_file(c, path, false, &catalogue_set, err);
		free(path);
		if (rc == EXIT_USAGE)
			goto fail;
	}

	if (cli->config_file) {
		rc = load_file(c, cli->config_file, true, &catalogue_set, err);
		if (rc == EXIT_USAGE)
			goto fail;
	}

	for (c->n_expected_desks = 0;
	     c->expected_desks && c->expected_desks[c->n_expected_desks];
	     c->n_expected_desks++)
		;
	rc = apply_cli(c, cli, &catalogue_set, err);
	if (rc)
		goto fail;
	rc = fill_defaults(c, catalogue_set, err);
	if (rc)
		goto fail;
	*out = c;
	return 0;
fail:
	config_free(&c);
	return EXIT_USAGE;
}

void config_free(struct config **cfg)
{
	struct config *c;

	if (!cfg || !*cfg)
		return;
	c = *cfg;
#define DROP(kind, name, field, def, check) drop_##kind(&c->field);
	CONFIG_OPTIONS(DROP)
	CONFIG_DEFAULTS(DROP)
#undef DROP
	free(c);
	*cfg = NULL;
}
