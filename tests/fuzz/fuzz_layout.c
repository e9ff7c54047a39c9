/* fuzz_layout: screen layout files on arbitrary bytes.
 *
 * The bytes are written to a file and loaded with layout_load() for the
 * desk's panes. Invariants: a load fails with one line naming the file, or
 * gives layouts whose placement at any terminal size (1x1, 20x5, 80x24,
 * 500x200 and a size from the input) gives rectangles inside the screen
 * that do not overlap, one per pane, or none at all when the chosen
 * variant's minimums do not fit. */
#include <config.h>

#include "fuzz_util.h"

#include "core/err.h"
#include "core/layout.h"

static char *path;

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
	(void)argc;
	(void)argv;
	fuzz_setup();
	path = fuzz_path("fuzz.screen");
	return 0;
}

static int overlap(const struct layout_rect *a, const struct layout_rect *b)
{
	return a->x < b->x + b->w && b->x < a->x + a->w &&
	       a->y < b->y + b->h && b->y < a->y + a->h;
}

static void place(const struct layout *l, int w, int h)
{
	struct layout_rect r[64];
	int v = layout_choose(l, w, h), x = 2, y = 1;
	size_t n, i, j, panes = 0;

	FUZZ_ASSERT(v >= -1 && v < (int)l->n_variants, "variant %d", v);
	if (v < 0)
		return;
	FUZZ_ASSERT(l->variants[v].min_width <= w && l->variants[v].min_height <= h,
		    "variant %d chosen for %dx%d but needs %dx%d", v, w, h,
		    l->variants[v].min_width, l->variants[v].min_height);
	for (i = 0; i < l->variants[v].n_columns; i++)
		panes += l->variants[v].columns[i].n_panes;
	n = layout_place(l, v, x, y, w, h, r, 64);
	FUZZ_ASSERT(n == 0 || n == panes || (panes > 64 && n == 64),
		    "%zu rectangles for %zu panes", n, panes);
	for (i = 0; i < n; i++) {
		FUZZ_ASSERT(r[i].pane && r[i].w >= 0 && r[i].h >= 0 &&
			    r[i].x >= x && r[i].y >= y &&
			    r[i].x + r[i].w <= x + w && r[i].y + r[i].h <= y + h,
			    "pane %zu at %d,%d %dx%d outside %dx%d", i, r[i].x,
			    r[i].y, r[i].w, r[i].h, w, h);
		for (j = 0; j < i; j++)
			FUZZ_ASSERT(!overlap(&r[i], &r[j]) || !r[i].w ||
				    !r[i].h || !r[j].w || !r[j].h,
				    "panes %zu and %zu overlap", j, i);
	}
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static const char *const known[] = { "intake", "topics", "redirect",
		"interpreters", NULL };
	struct layout *l = NULL;
	char *err = NULL;
	int w, h;

	fuzz_write(path, data, size);
	if (layout_load(path, known, &l, &err) != 0) {
		FUZZ_ASSERT(!l, "a failed load left a layout");
		fuzz_one_line("layout_load", err);
		FUZZ_ASSERT(!strncmp(err, path, strlen(path)),
			    "the message does not start with the file: %s", err);
		err_free(&err);
		return 0;
	}
	FUZZ_ASSERT(l, "no layout");
	layout_min_size(l, &w, &h);
	place(l, 1, 1);
	place(l, 20, 5);
	place(l, 80, 24);
	place(l, 500, 200);
	if (w > 0 && h > 0 && w < 100000 && h < 100000)
		place(l, w, h);
	place(l, size ? data[0] + 1 : 1, size > 1 ? data[size - 1] + 1 : 1);
	layout_free(&l);
	FUZZ_ASSERT(!l, "layout_free did not clear the pointer");
	return 0;
}
