/* cmd_util: what several subcommands share: the one-line error, the
 * keymap and layout of a full-screen command, option values and the
 * catalogue's names for report labels. */
#include <config.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cmd/cmd.h"
#include "core/catalogue.h"
#include "core/err.h"
#include "core/i18n.h"
#include "core/paths.h"
#include "core/text.h"
#include "core/tickets_write.h"

/* The one way an error reaches stderr: a message may quote a bad file's
 * text, so its controls and invisible characters are shown as escapes. */
int cmd_fail(int status, const char *msg)
{
	char *safe = text_escape(msg);
	fprintf(stderr, "neuvoo: %s\n", safe);
	free(safe);
	return status;
}

int cmd_load_ui(struct app *app, enum screen_id id, const char *screen,
		struct keymap **km, struct layout **l)
{
	char *err = NULL;
	int status = EXIT_OK;
	if (screens_load(id, app->cfg->keymap, screen, km, l, &err) != 0)
		status = cmd_fail(EXIT_USAGE, err);
	err_free(&err);
	return status;
}

int cmd_opt_value(int argc, char **argv, int *i, const char *name,
		  const char **val, char **err)
{
	size_t len = strlen(name);
	const char *a = argv[*i];
	if (!strncmp(a, name, len) && a[len] == '=') {
		*val = a + len + 1;
		return 1;
	}
	if (strcmp(a, name))
		return 0;
	if (*i + 1 >= argc) {
		err_set(err, _("option %s needs a value (see neuvoo --help)"), name);
		return -1;
	}
	*val = argv[++*i];
	return 1;
}

int cmd_opt_tickets_format(int argc, char **argv, int *i, int *fmt,
			   char **err)
{
	const char *v;
	int m = cmd_opt_value(argc, argv, i, "--format", &v, err);
	if (m <= 0)
		return m;
	if ((*fmt = tickets_format_parse(v)) < 0) {
		err_set(err, _("--format %s: use text, csv or json"), v);
		return -1;
	}
	return 1;
}

int cmd_check_period(const char *date, const char *from, const char *to,
		     char **err)
{
	if (date && (from || to)) {
		err_set(err, "%s", _("give either --date or --from and --to, not both"));
		return -1;
	}
	if (!from != !to) {
		err_set(err, "%s", _("--from and --to go together; give both"));
		return -1;
	}
	return 0;
}

int cmd_opt_suppress(int argc, char **argv, int *i, int *n, char **err)
{
	const char *v;
	char *end;
	long x;
	int m = cmd_opt_value(argc, argv, i, "--suppress", &v, err);
	if (m <= 0)
		return m;
	x = strtol(v, &end, 10);
	if (!*v || *end || x < 1 || x > 1000000) {
		err_set(err, _("--suppress %s: give a whole number from 1 up"), v);
		return -1;
	}
	*n = (int)x;
	return 1;
}

const char *cmd_catalogue_label(enum report_dim dim, const char *code, void *ud)
{
	const struct catalogue *cat = ud;
	if (dim == REPORT_LANGUAGE) {
		const struct cat_language *l = catalogue_language(cat, code);
		const char *name = l ? catalogue_text(&l->name, i18n_lang()) : NULL;
		return name && *name ? name : NULL;
	}
	if (dim == REPORT_REDIRECT) {
		long i = catalogue_service_index(cat, code);
		const char *name = i >= 0
			? catalogue_text(&cat->services[i].name, i18n_lang()) : NULL;
		return name && *name ? name : NULL;
	}
	return NULL;
}

char *cmd_stats_folder(const struct app *app, bool *named)
{
	char *state, *r;
	*named = true;
	if (app->cfg && app->cfg->stats_dir) {
		/* The default the configuration filled in is not named. */
		*named = !app->cfg->stats_dir_default;
		return xstrdup(app->cfg->stats_dir);
	}
	if (app->cli.stats_dir)
		return xstrdup(app->cli.stats_dir);
	*named = false;
	state = paths_state_home();
	r = paths_join(state, "neuvoo/stats");
	free(state);
	return r;
}

void cmd_warn(const char *msg)
{
	char *clean = text_sanitize(msg ? msg : "");
	fprintf(stderr, "neuvoo: %s\n", clean);
	free(clean);
}
