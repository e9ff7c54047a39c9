/* scenario_dir: the folders of scenarios; see scenario.h.
 *
 * Design: every *.conf of a folder is one scenario, read in name order so
 * that which of two files with one id is kept does not depend on the
 * file system; the site's folder comes before the bundled one and its
 * ids replace the bundled scenarios of the same id. */
#include <config.h>

#include <dirent.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "core/err.h"
#include "core/i18n.h"
#include "core/paths.h"
#include "core/scenario.h"


static int by_difficulty_id(const void *a, const void *b)
{
	const struct scenario *x = *(const struct scenario *const *)a;
	const struct scenario *y = *(const struct scenario *const *)b;
	if (x->difficulty != y->difficulty)
		return x->difficulty - y->difficulty;
	return strcmp(x->id, y->id);
}

static int by_name(const void *a, const void *b)
{
	return strcmp(*(const char *const *)a, *(const char *const *)b);
}

static void warn_msg(scenario_warn_fn warn, void *ctx, char **msg)
{
	if (warn)
		warn(ctx, *msg);
	err_free(msg);
}

/* The line of the file's id setting, for a duplicate id. */
static int id_line(const char *path)
{
	FILE *f = fopen(path, "r");
	char *buf = NULL;
	size_t cap = 0;
	int n = 0, found = 1;
	if (!f)
		return 1;
	while (getline(&buf, &cap, f) >= 0) {
		const char *p = buf;
		n++;
		while (*p == ' ' || *p == '\t')
			p++;
		if (!strncmp(p, "id", 2) && (p[2] == ' ' || p[2] == '\t' || p[2] == '=')) {
			found = n;
			break;
		}
	}
	free(buf);
	fclose(f);
	return found;
}

/* Add dir's scenarios to set. An id that an earlier folder (before index
 * first) gave is that folder's override and skipped quietly; two files of
 * one folder with one id are a mistake worth a warning. */
static int load_into(struct scenario_set *set, const char *dir,
		     scenario_warn_fn warn, void *ctx, char **err)
{
	DIR *d;
	struct dirent *e;
	char **names = NULL;
	size_t n_names = 0, i, j, first = set->n;

	d = opendir(dir);
	if (!d) {
		err_set(err, _("%s: cannot read the scenario folder: %s"), dir,
			strerror(errno));
		return -1;
	}
	while ((e = readdir(d))) {
		size_t len = strlen(e->d_name);
		if (e->d_name[0] == '.' || len < 6
		    || strcmp(e->d_name + len - 5, ".conf"))
			continue;
		names = xrealloc(names, (n_names + 1) * sizeof *names);
		names[n_names++] = xstrdup(e->d_name);
	}
	closedir(d);
	/* File order decides which of two files with one id is kept. */
	if (n_names)
		qsort(names, n_names, sizeof *names, by_name);

	for (i = 0; i < n_names; i++) {
		char *path = xasprintf("%s%s%s", dir,
				       dir[0] && dir[strlen(dir) - 1] == '/' ? "" : "/",
				       names[i]);
		struct scenario *sc = NULL;
		char *msg = NULL;
		if (scenario_load_file(path, &sc, &msg) != 0) {
			warn_msg(warn, ctx, &msg);
		} else {
			for (j = 0; j < set->n; j++)
				if (!strcmp(set->v[j]->id, sc->id))
					break;
			if (j < first) {
				scenario_free(&sc);
			} else if (j < set->n) {
				err_set(&msg, _("%s:%d: id '%s' is already used by %s; give each scenario its own id"),
					path, id_line(path), sc->id, set->v[j]->path);
				warn_msg(warn, ctx, &msg);
				scenario_free(&sc);
			} else {
				set->v = xrealloc(set->v, (set->n + 1) * sizeof *set->v);
				set->v[set->n++] = sc;
			}
		}
		free(path);
		free(names[i]);
	}
	free(names);
	return 0;
}

int scenario_load_dirs(char *const *dirs, scenario_warn_fn warn, void *ctx,
		       struct scenario_set **out, char **err)
{
	struct scenario_set *set = xcalloc(1, sizeof *set);
	struct stat st;
	size_t i;

	*out = NULL;
	for (i = 0; dirs[i]; i++) {
		/* A site without scenarios of its own may have no folder;
		 * the last one (the bundled scenarios) must be there. */
		if (dirs[i + 1] && stat(dirs[i], &st) != 0 && errno == ENOENT)
			continue;
		if (load_into(set, dirs[i], warn, ctx, err) != 0) {
			scenario_set_free(&set);
			return -1;
		}
	}
	if (set->n)
		qsort(set->v, set->n, sizeof *set->v, by_difficulty_id);
	*out = set;
	return 0;
}

int scenario_load_dir(const char *dir, scenario_warn_fn warn, void *ctx,
		      struct scenario_set **out, char **err)
{
	char *dirs[] = { (char *)dir, NULL };
	return scenario_load_dirs(dirs, warn, ctx, out, err);
}

int scenario_load_all(scenario_warn_fn warn, void *ctx,
		      struct scenario_set **out, char **where, char **err)
{
	char **dirs = paths_search("scenarios", false);
	int rc = scenario_load_dirs(dirs, warn, ctx, out, err);
	*where = paths_list_join(dirs, ", ");
	paths_list_free(&dirs);
	return rc;
}

void scenario_set_free(struct scenario_set **setp)
{
	size_t i;
	if (!setp || !*setp)
		return;
	for (i = 0; i < (*setp)->n; i++)
		scenario_free(&(*setp)->v[i]);
	free((*setp)->v);
	free(*setp);
	*setp = NULL;
}

const struct scenario *scenario_find(const struct scenario_set *set,
				     const char *id)
{
	size_t i;
	if (!set || !id)
		return NULL;
	for (i = 0; i < set->n; i++)
		if (!strcmp(set->v[i]->id, id))
			return set->v[i];
	return NULL;
}

