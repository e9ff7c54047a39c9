/* layout: screen layouts as data (screens/desk and friends; no curses).
 *
 * A screen file (libconfuse) holds one or more named layouts; each layout
 * says from which terminal size on it applies and splits the screen into
 * columns of panes with relative sizes (weights), minimum and maximum
 * sizes:
 *     layout small {
 *         min-width = 60  min-height = 18
 *         column { weight = 1
 *             pane intake { weight = 11 }
 *             pane topics { weight = 12 } }
 *         column { weight = 1  pane redirect { } pane interpreters { } }
 *     }
 * The last layout in the file whose minimum fits the terminal is used;
 * when none fits, the screen shows a "terminal too small" notice. The
 * status line is not part of a layout: the caller keeps its rows. */
#ifndef NEUVOO_LAYOUT_H
#define NEUVOO_LAYOUT_H

#include <stddef.h>

struct layout_pane {
	char *name;
	int weight;		/* relative height in its column, >= 1 */
	int min;		/* minimum rows, borders included */
	int max;		/* maximum rows while others want room; 0 = none */
};

struct layout_column {
	int weight;		/* relative width, >= 1 */
	int min;		/* minimum columns */
	int max;		/* maximum columns; 0 = none */
	struct layout_pane *panes;
	size_t n_panes;
};

struct layout_variant {
	char *name;
	int min_width, min_height;	/* whole terminal */
	struct layout_column *columns;
	size_t n_columns;
};

struct layout {
	char *path;
	struct layout_variant *variants;
	size_t n_variants;
};

struct layout_rect {
	const char *pane;	/* points into the layout */
	int x, y, w, h;
};

/* Load a screen file. known: the pane names this screen has
 * (NULL-terminated); another name is an error. */
int layout_load(const char *path, const char *const *known,
		struct layout **out, char **err);
void layout_free(struct layout **l);

/* Resolve a screen name or path like keymap_find() does (user folder
 * $XDG_CONFIG_HOME/neuvoo/screens, the site's SYSCONFDIR/neuvoo/screens,
 * then the bundled screens). NULL or ""
 * means `dflt`. A new string, or NULL with *err. */
char *layout_find(const char *name, const char *dflt, char **err);

/* The variant for a terminal of width x height, or -1 when none fits. */
int layout_choose(const struct layout *l, int width, int height);
/* The smallest size some variant accepts (for the "too small" notice). */
void layout_min_size(const struct layout *l, int *width, int *height);

/* Split the rectangle (x, y, w, h) for variant v into out (at most max
 * rectangles, one per pane). Returns the number of rectangles, or 0 when
 * the panes' minimum sizes do not fit. */
size_t layout_place(const struct layout *l, int v, int x, int y, int w,
		    int h, struct layout_rect *out, size_t max);

#endif
