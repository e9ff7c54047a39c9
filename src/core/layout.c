/* layout: see layout.h.
 *
 * Design: libconfuse parses the file; checks that need the whole section
 * (a pane used twice, a column without panes) run in section validation
 * callbacks, while the parser still knows where it is, so each error names
 * its line. Splitting gives every pane its minimum first, then shares what
 * is left by weight (largest remainder), so sizes add up exactly. */
#include <config.h>

#include <confuse.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "core/cfgparse.h"
#include "core/err.h"
#include "core/i18n.h"
#include "core/layout.h"
#include "core/paths.h"

/* The pane names allowed in the layout_load() under way (cfgparse's user
 * pointer); NULL allows any. */
static int known(const char *const *known_panes, const char *name)
{
	size_t i;
	if (!known_panes)
		return 1;
	for (i = 0; known_panes[i]; i++)
		if (name && !strcmp(known_panes[i], name))
			return 1;
	return 0;
}

static char *known_list(const char *const *known_panes)
{
	size_t i, len = 1;
	char *s;
	for (i = 0; known_panes && known_panes[i]; i++)
		len += strlen(known_panes[i]) + 2;
	s = xcalloc(1, len);
	for (i = 0; known_panes && known_panes[i]; i++) {
		if (i)
			strcat(s, ", ");
		strcat(s, known_panes[i]);
	}
	return s;
}

static cfg_t *last_sec(cfg_opt_t *opt)
{
	return cfg_opt_getnsec(opt, cfg_opt_size(opt) - 1);
}

/* The option's last value is a whole number from lo (0 or 1) to 10000. */
static int in_range(cfg_t *cfg, cfg_opt_t *opt, long lo)
{
	long v = cfg_opt_getnint(opt, cfg_opt_size(opt) - 1);
	if (v >= lo && v <= 10000)
		return 0;
	return cfgparse_error(cfg, opt->name,
			      lo ? _("%s must be a whole number from 1 to 10000, not %ld")
				 : _("%s must be a whole number from 0 to 10000, not %ld"),
			      opt->name, v);
}

static int positive_cb(cfg_t *cfg, cfg_opt_t *opt)
{
	return in_range(cfg, opt, 1);
}

static int nonneg_cb(cfg_t *cfg, cfg_opt_t *opt)
{
	return in_range(cfg, opt, 0);
}

static int pane_cb(cfg_t *cfg, cfg_opt_t *opt)
{
	cfg_t *sec = last_sec(opt);
	const char *t = sec ? cfg_title(sec) : NULL;
	const char *const *known_panes = cfgparse_user();
	if (!known(known_panes, t)) {
		char *list = known_list(known_panes);
		cfgparse_section_error(cfg, "pane", t,
				       _("no pane named '%s' in this screen (%s)"),
				       t ? t : "", list);
		free(list);
		return -1;
	}
	return 0;
}

static int column_cb(cfg_t *cfg, cfg_opt_t *opt)
{
	cfg_t *sec = last_sec(opt);
	if (!sec || cfg_size(sec, "pane") == 0)
		return cfgparse_section_error(cfg, "column", NULL,
					      _("a column needs at least one pane"));
	return 0;
}

static int layout_cb(cfg_t *cfg, cfg_opt_t *opt)
{
	cfg_t *sec = last_sec(opt);
	unsigned c, p, c2, p2;
	if (!sec || cfg_size(sec, "column") == 0)
		return cfgparse_section_error(cfg, "layout", sec ? cfg_title(sec) : NULL,
					      _("layout '%s' needs at least one column"),
					      sec ? cfg_title(sec) : "");
	/* A pane may appear once per layout. */
	for (c = 0; c < cfg_size(sec, "column"); c++) {
		cfg_t *col = cfg_getnsec(sec, "column", c);
		for (p = 0; p < cfg_size(col, "pane"); p++) {
			const char *name = cfg_title(cfg_getnsec(col, "pane", p));
			for (c2 = 0; c2 <= c; c2++) {
				cfg_t *col2 = cfg_getnsec(sec, "column", c2);
				unsigned lim = c2 == c ? p : cfg_size(col2, "pane");
				for (p2 = 0; p2 < lim; p2++)
					if (!strcmp(name, cfg_title(cfg_getnsec(col2, "pane", p2))))
						return cfgparse_section_error(cfg, "pane", name,
									      _("pane '%s' is placed twice in layout '%s'"),
									      name, cfg_title(sec));
			}
		}
	}
	return 0;
}

int layout_load(const char *path, const char *const *knownv,
		struct layout **out, char **err)
{
	cfg_opt_t pane_opts[] = {
		CFG_INT("weight", 1, CFGF_NONE),
		CFG_INT("min", 3, CFGF_NONE),
		CFG_INT("max", 0, CFGF_NONE),
		CFG_END()
	};
	cfg_opt_t column_opts[] = {
		CFG_INT("weight", 1, CFGF_NONE),
		CFG_INT("min", 10, CFGF_NONE),
		CFG_INT("max", 0, CFGF_NONE),
		CFG_SEC("pane", pane_opts, CFGF_MULTI | CFGF_TITLE | CFGF_NO_TITLE_DUPES),
		CFG_END()
	};
	cfg_opt_t layout_opts[] = {
		CFG_INT("min-width", 1, CFGF_NONE),
		CFG_INT("min-height", 1, CFGF_NONE),
		CFG_SEC("column", column_opts, CFGF_MULTI),
		CFG_END()
	};
	cfg_opt_t top[] = {
		CFG_SEC("layout", layout_opts, CFGF_MULTI | CFGF_TITLE | CFGF_NO_TITLE_DUPES),
		CFG_END()
	};
	struct cfgparse_opts opts = { .user = (void *)knownv };
	cfg_t *cfg;
	struct layout *l;
	size_t v, c, p;

	*out = NULL;
	cfg = cfg_init(top, CFGF_NONE);
	if (!cfg) {
		err_set(err, _("%s: cannot set up the screen parser"), path);
		return -1;
	}
	cfg_set_validate_func(cfg, "layout", layout_cb);
	cfg_set_validate_func(cfg, "layout|min-width", positive_cb);
	cfg_set_validate_func(cfg, "layout|min-height", positive_cb);
	cfg_set_validate_func(cfg, "layout|column", column_cb);
	cfg_set_validate_func(cfg, "layout|column|weight", positive_cb);
	cfg_set_validate_func(cfg, "layout|column|min", nonneg_cb);
	cfg_set_validate_func(cfg, "layout|column|max", nonneg_cb);
	cfg_set_validate_func(cfg, "layout|column|pane|max", nonneg_cb);
	cfg_set_validate_func(cfg, "layout|column|pane", pane_cb);
	cfg_set_validate_func(cfg, "layout|column|pane|weight", positive_cb);
	cfg_set_validate_func(cfg, "layout|column|pane|min", nonneg_cb);
	if (cfgparse_file_opts(cfg, path, &opts, err) != 0) {
		cfg_free(cfg);
		return -1;
	}
	if (cfg_size(cfg, "layout") == 0) {
		err_set(err, _("%s:1: no layout in this screen file; add a layout section"),
			path);
		cfg_free(cfg);
		return -1;
	}

	l = xcalloc(1, sizeof *l);
	l->path = xstrdup(path);
	l->n_variants = cfg_size(cfg, "layout");
	l->variants = xcalloc(l->n_variants, sizeof *l->variants);
	for (v = 0; v < l->n_variants; v++) {
		cfg_t *ls = cfg_getnsec(cfg, "layout", (unsigned)v);
		struct layout_variant *lv = &l->variants[v];
		lv->name = xstrdup(cfg_title(ls));
		lv->min_width = (int)cfg_getint(ls, "min-width");
		lv->min_height = (int)cfg_getint(ls, "min-height");
		lv->n_columns = cfg_size(ls, "column");
		lv->columns = xcalloc(lv->n_columns, sizeof *lv->columns);
		for (c = 0; c < lv->n_columns; c++) {
			cfg_t *cs = cfg_getnsec(ls, "column", (unsigned)c);
			struct layout_column *lc = &lv->columns[c];
			lc->weight = (int)cfg_getint(cs, "weight");
			lc->min = (int)cfg_getint(cs, "min");
			lc->max = (int)cfg_getint(cs, "max");
			lc->n_panes = cfg_size(cs, "pane");
			lc->panes = xcalloc(lc->n_panes, sizeof *lc->panes);
			for (p = 0; p < lc->n_panes; p++) {
				cfg_t *ps = cfg_getnsec(cs, "pane", (unsigned)p);
				lc->panes[p].name = xstrdup(cfg_title(ps));
				lc->panes[p].weight = (int)cfg_getint(ps, "weight");
				lc->panes[p].min = (int)cfg_getint(ps, "min");
				lc->panes[p].max = (int)cfg_getint(ps, "max");
			}
		}
	}
	cfg_free(cfg);
	*out = l;
	return 0;
}

void layout_free(struct layout **lp)
{
	struct layout *l;
	size_t v, c, p;
	if (!lp || !*lp)
		return;
	l = *lp;
	for (v = 0; v < l->n_variants; v++) {
		struct layout_variant *lv = &l->variants[v];
		for (c = 0; c < lv->n_columns; c++) {
			for (p = 0; p < lv->columns[c].n_panes; p++)
				free(lv->columns[c].panes[p].name);
			free(lv->columns[c].panes);
		}
		free(lv->columns);
		free(lv->name);
	}
	free(l->variants);
	free(l->path);
	free(l);
	*lp = NULL;
}

static int is_file(const char *path)
{
	struct stat st;
	return stat(path, &st) == 0 && S_ISREG(st.st_mode);
}

char *layout_find(const char *name, const char *dflt, char **err)
{
	char **dirs, *path, *where;

	if (!name || !*name)
		name = dflt;
	if (strchr(name, '/')) {
		if (is_file(name))
			return xstrdup(name);
		err_set(err, _("%s: no such screen file"), name);
		return NULL;
	}
	/* The user's own, the site's, then the bundled one. */
	dirs = paths_search("screens", true);
	path = paths_search_file(dirs, name);
	if (!path) {
		where = paths_list_join(dirs, ", ");
		err_set(err, _("no screen named '%s' (looked in %s); see neuvoo.conf(5)"),
			name, where);
		free(where);
	}
	paths_list_free(&dirs);
	return path;
}

int layout_choose(const struct layout *l, int width, int height)
{
	int v;
	if (!l)
		return -1;
	for (v = (int)l->n_variants - 1; v >= 0; v--)
		if (width >= l->variants[v].min_width
		    && height >= l->variants[v].min_height)
			return v;
	return -1;
}

void layout_min_size(const struct layout *l, int *width, int *height)
{
	size_t v;
	long best = -1;
	*width = *height = 0;
	for (v = 0; l && v < l->n_variants; v++) {
		long area = (long)l->variants[v].min_width * l->variants[v].min_height;
		if (best < 0 || area < best) {
			best = area;
			*width = l->variants[v].min_width;
			*height = l->variants[v].min_height;
		}
	}
}

/* Share total among n items by weight (largest remainder, so the sizes add
 * up exactly). An item whose share is below its minimum gets the minimum,
 * one above its maximum (0 = none) the maximum, and the others share the
 * rest. When every item is held at a bound and room is left, the last one
 * takes it. Returns -1 when the minimums do not fit. */
static int share(int total, size_t n, const int *weight, const int *min,
		 const int *max, int *size)
{
	int *fixed = xcalloc(n ? n : 1, sizeof *fixed);	/* 0 free, else the size */
	long *rem = xcalloc(n ? n : 1, sizeof *rem);
	long rest, sum_w, given;
	size_t i;
	bool again = true;
	int rc = 0;

	while (again) {
		again = false;
		rest = total;
		sum_w = 0;
		for (i = 0; i < n; i++) {
			if (fixed[i])
				rest -= fixed[i];
			else
				sum_w += weight[i];
		}
		if (rest < 0) {
			rc = -1;
			goto out;
		}
		given = 0;
		for (i = 0; i < n; i++) {
			long q;
			if (fixed[i]) {
				size[i] = fixed[i];
				continue;
			}
			q = sum_w ? rest * weight[i] : 0;
			size[i] = (int)(sum_w ? q / sum_w : 0);
			rem[i] = sum_w ? q % sum_w : 0;
			given += size[i];
		}
		/* Leftover cells go to the largest remainders. */
		while (sum_w && given < rest) {
			size_t best = n;
			for (i = 0; i < n; i++)
				if (!fixed[i] && (best == n || rem[i] > rem[best]))
					best = i;
			size[best]++;
			rem[best] = -1;
			given++;
		}
		for (i = 0; i < n && !again; i++) {
			if (fixed[i])
				continue;
			if (size[i] < min[i]) {
				fixed[i] = min[i] > 0 ? min[i] : 1;
				again = true;
			} else if (max[i] > 0 && size[i] > max[i]) {
				fixed[i] = max[i];
				again = true;
			}
		}
	}
	given = 0;
	for (i = 0; i < n; i++)
		given += size[i];
	if (n && given < total)
		size[n - 1] += (int)(total - given);
out:
	free(fixed);
	free(rem);
	return rc;
}

size_t layout_place(const struct layout *l, int v, int x, int y, int w,
		    int h, struct layout_rect *out, size_t max)
{
	const struct layout_variant *lv;
	int *cw, *cweight, *cmin, *cmax;
	size_t c, p, n = 0;
	int cx = x;

	if (!l || v < 0 || (size_t)v >= l->n_variants || w <= 0 || h <= 0)
		return 0;
	lv = &l->variants[v];
	cw = xcalloc(lv->n_columns, sizeof *cw);
	cweight = xcalloc(lv->n_columns, sizeof *cweight);
	cmin = xcalloc(lv->n_columns, sizeof *cmin);
	cmax = xcalloc(lv->n_columns, sizeof *cmax);
	for (c = 0; c < lv->n_columns; c++) {
		cweight[c] = lv->columns[c].weight;
		cmin[c] = lv->columns[c].min;
		cmax[c] = lv->columns[c].max;
	}
	if (share(w, lv->n_columns, cweight, cmin, cmax, cw) != 0)
		goto too_small;
	for (c = 0; c < lv->n_columns; c++) {
		const struct layout_column *lc = &lv->columns[c];
		int *ph = xcalloc(lc->n_panes, sizeof *ph);
		int *pw = xcalloc(lc->n_panes, sizeof *pw);
		int *pm = xcalloc(lc->n_panes, sizeof *pm);
		int *px = xcalloc(lc->n_panes, sizeof *px);
		int py = y;
		for (p = 0; p < lc->n_panes; p++) {
			pw[p] = lc->panes[p].weight;
			pm[p] = lc->panes[p].min;
			px[p] = lc->panes[p].max;
		}
		if (share(h, lc->n_panes, pw, pm, px, ph) != 0) {
			free(ph);
			free(pw);
			free(pm);
			free(px);
			goto too_small;
		}
		for (p = 0; p < lc->n_panes && n < max; p++) {
			out[n].pane = lc->panes[p].name;
			out[n].x = cx;
			out[n].y = py;
			out[n].w = cw[c];
			out[n].h = ph[p];
			py += ph[p];
			n++;
		}
		cx += cw[c];
		free(ph);
		free(pw);
		free(pm);
		free(px);
	}
	free(cw);
	free(cweight);
	free(cmin);
	free(cmax);
	return n;
too_small:
	free(cw);
	free(cweight);
	free(cmin);
	free(cmax);
	return 0;
}
