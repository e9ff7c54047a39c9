/* help: see help.h. The rows come from the keymap (so a changed keymap
 * changes the help) and the texts from the action table or the pane. */
#include <config.h>

#include <stdlib.h>
#include <string.h>

#include "core/err.h"
#include "core/i18n.h"
#include "core/text.h"
#include "ui/draw.h"
#include "ui/help.h"
#include "ui/theme.h"

struct help {
	char **keys;		/* "Tab, S-Tab" */
	char **texts;		/* translated */
	size_t n;
	size_t top;
	int keys_w;
	int page;
};

/* The text for a in pane p, and whether it is a key of the whole screen
 * (listed after the pane's own); NULL when a does nothing here. */
static const char *text_for(struct pane *p, enum action a,
			    help_screen_text *screen_text, void *ud,
			    bool *screen_wide)
{
	const char *t = NULL;
	*screen_wide = false;
	if (!action_screen_wide(a) && p->ops->help)
		t = p->ops->help(p, a);
	if (t)
		return t;
	*screen_wide = true;
	return screen_text ? screen_text(ud, a) : NULL;
}

static char *keys_string(const struct keymap *km, enum km_context ctx,
			 enum action a)
{
	km_key keys[16];
	size_t n = keymap_keys_for(km, ctx, a, keys, 16), i;
	char *s = xstrdup("");
	for (i = 0; i < n; i++) {
		char *name = keymap_key_label(keys[i]);
		char *t = xasprintf("%s%s%s", s, i ? ", " : "", name);
		free(name);
		free(s);
		s = t;
	}
	return s;
}

char **help_rows(const struct keymap *km, struct pane *p,
		 help_screen_text *screen_text, void *ud, size_t *n)
{
	size_t more = p->ops->help_more ? p->ops->help_more(p, 0, NULL, NULL) : 0, m;
	char **rows = xcalloc(ACT__N + more, sizeof *rows);
	int pass, a;
	*n = 0;
	/* The pane's own keys first (and what it does with letters and
	 * typing), then the keys of the whole screen. */
	for (pass = 0; pass < 2; pass++) {
		if (pass == 1)
			for (m = 0; m < more; m++) {
				const char *k = NULL, *t = NULL;
				p->ops->help_more(p, m, &k, &t);
				if (k && t)
					rows[(*n)++] = xasprintf("%s\t%s", _(k), _(t));
			}
		for (a = ACT_NONE + 1; a < ACT__N; a++) {
			const char *t;
			char *k;
			bool wide;
			t = text_for(p, (enum action)a, screen_text, ud, &wide);
			if (wide != (pass == 1))
				continue;
			if (!t || !*t)
				continue;
			k = keys_string(km, p->context, (enum action)a);
			if (*k)
				rows[(*n)++] = xasprintf("%s\t%s", k, _(t));
			free(k);
		}
	}
	return rows;
}

static void help_size(struct overlay *o, int cols, int lines, int *w, int *h)
{
	struct help *hp = o->state;
	size_t i;
	int want = 0;
	for (i = 0; i < hp->n; i++) {
		int tw = hp->keys_w + 3 + (int)text_width(hp->texts[i]);
		if (tw > want)
			want = tw;
	}
	*w = want + 4 < 40 ? 40 : want + 4;
	if (*w > 90)
		*w = 90;
	*h = (int)hp->n + 4;
	(void)cols;
	(void)lines;
}

static void help_draw(struct overlay *o, WINDOW *w, int h, int width)
{
	struct help *hp = o->state;
	int rows = h - 3, y, kw = hp->keys_w;
	size_t i;
	char *footer;
	if (rows < 1)
		return;
	if (kw > (width - 4) / 2)
		kw = (width - 4) / 2;
	hp->page = rows;
	if (hp->top + (size_t)rows > hp->n)
		hp->top = hp->n > (size_t)rows ? hp->n - (size_t)rows : 0;
	for (y = 0, i = hp->top; y < rows && i < hp->n; y++, i++) {
		ui_put_cut(w, 1 + y, 2, kw, hp->keys[i], theme_attr(TH_HEADER));
		ui_put_cut(w, 1 + y, 3 + kw, width - 5 - kw, hp->texts[i],
			   A_NORMAL);
	}
	footer = xasprintf(hp->n > (size_t)rows
			   ? _("%zu-%zu of %zu; arrows scroll, Esc closes")
			   : _("%zu-%zu of %zu; Esc closes"),
			   hp->n ? hp->top + 1 : 0,
			   hp->top + (size_t)rows < hp->n ? hp->top + (size_t)rows : hp->n,
			   hp->n);
	ui_put_cut(w, h - 2, 2, width - 4, footer, theme_attr(TH_DIM));
	free(footer);
}

static unsigned help_handle(struct overlay *o, enum action a, km_key key)
{
	struct help *hp = o->state;
	size_t page = hp->page > 1 ? (size_t)hp->page - 1 : 1;
	(void)key;
	switch (a) {
	case ACT_UP: case ACT_PREV_FIELD:
		if (hp->top > 0)
			hp->top--;
		return OVERLAY_HANDLED | OVERLAY_REDRAW;
	case ACT_DOWN: case ACT_NEXT_FIELD:
		if (hp->top + (size_t)hp->page < hp->n)
			hp->top++;
		return OVERLAY_HANDLED | OVERLAY_REDRAW;
	case ACT_PAGE_UP:
		hp->top = hp->top > page ? hp->top - page : 0;
		return OVERLAY_HANDLED | OVERLAY_REDRAW;
	case ACT_PAGE_DOWN:
		hp->top += page;
		return OVERLAY_HANDLED | OVERLAY_REDRAW;
	case ACT_HOME:
		hp->top = 0;
		return OVERLAY_HANDLED | OVERLAY_REDRAW;
	case ACT_END:
		hp->top = hp->n;
		return OVERLAY_HANDLED | OVERLAY_REDRAW;
	case ACT_NONE:
		return OVERLAY_HANDLED;
	default:
		/* Esc, F1, Enter, F10...: close (F10 does not quit from here). */
		return OVERLAY_HANDLED | OVERLAY_CLOSE;
	}
}

static void help_done(struct overlay *o)
{
	struct help *hp = o->state;
	size_t i;
	for (i = 0; i < hp->n; i++) {
		free(hp->keys[i]);
		free(hp->texts[i]);
	}
	free(hp->keys);
	free(hp->texts);
	free(hp);
}

static const struct overlay_ops help_ops = {
	help_size, help_draw, help_handle, help_done
};

/* The overlay for rows of "KEYS\tTEXT" (taken over) under title (taken
 * over). */
static struct overlay *overlay_of(char **rows, size_t n, char *title)
{
	struct overlay *o = xcalloc(1, sizeof *o);
	struct help *hp = xcalloc(1, sizeof *hp);
	size_t i;

	hp->keys = xcalloc(n ? n : 1, sizeof *hp->keys);
	hp->texts = xcalloc(n ? n : 1, sizeof *hp->texts);
	for (i = 0; i < n; i++) {
		char *tab = strchr(rows[i], '\t');
		*tab = '\0';
		hp->keys[i] = xstrdup(rows[i]);
		hp->texts[i] = xstrdup(tab + 1);
		if ((int)text_width(hp->keys[i]) > hp->keys_w)
			hp->keys_w = (int)text_width(hp->keys[i]);
		free(rows[i]);
	}
	free(rows);
	hp->n = n;
	hp->page = 1;
	o->ops = &help_ops;
	o->state = hp;
	o->title = title;
	return o;
}

struct overlay *help_new(const struct keymap *km, struct pane *p,
			 help_screen_text *screen_text, void *ud)
{
	size_t n;
	char **rows = help_rows(km, p, screen_text, ud, &n);
	/* TRANSLATORS: title of the F1 window; %s is a pane title. */
	return overlay_of(rows, n, xasprintf(_("Keys: %s"), _(p->title)));
}

struct overlay *help_new_rows(const struct keymap *km, const char *title,
			      const struct help_row *rows, size_t n)
{
	return help_new_rows_and(km, title, rows, n, NULL, NULL);
}

struct overlay *help_new_rows_and(const struct keymap *km, const char *title,
				  const struct help_row *rows, size_t n,
				  const char *more_keys, const char *more_text)
{
	char **out = xcalloc(n + 1, sizeof *out);
	size_t i, k = 0;
	if (more_keys && more_text)
		out[k++] = xasprintf("%s\t%s", _(more_keys), _(more_text));
	for (i = 0; i < n; i++) {
		char *keys = keys_string(km, rows[i].ctx, rows[i].action);
		if (*keys)
			out[k++] = xasprintf("%s\t%s", keys, _(rows[i].text));
		free(keys);
	}
	return overlay_of(out, k, xstrdup(title));
}
