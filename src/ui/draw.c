/* draw: see draw.h. */
#include <config.h>

#include <stdlib.h>
#include <string.h>

#include "core/err.h"
#include "core/text.h"
#include "ui/draw.h"
#include "ui/theme.h"

int ui_put(WINDOW *w, int y, int x, int width, const char *s, attr_t attr)
{
	size_t used = 0, bytes;
	if (!w || width <= 0 || !s || !*s)
		return 0;
	bytes = text_fit(s, (size_t)width, &used);
	if (bytes == 0)
		return 0;
	wattr_on(w, attr, NULL);
	mvwaddnstr(w, y, x, s, (int)bytes);
	wattr_off(w, attr, NULL);
	return (int)used;
}

void ui_fill(WINDOW *w, int y, int x, int width, attr_t attr)
{
	if (!w || width <= 0)
		return;
	/* One call for the run (waddch per cell costs far more). */
	mvwhline(w, y, x, ' ' | (chtype)attr, width);
}

void ui_put_pad(WINDOW *w, int y, int x, int width, const char *s, attr_t attr)
{
	int used = ui_put(w, y, x, width, s, attr);
	ui_fill(w, y, x + used, width - used, attr);
}

int ui_put_data(WINDOW *w, int y, int x, int width, const char *raw,
		attr_t attr)
{
	char *s = text_sanitize(raw);
	int n = ui_put_cut(w, y, x, width, s, attr);
	free(s);
	return n;
}

int ui_put_data_pair(WINDOW *w, int y, int x, int width, const char *left,
		     const char *right, attr_t attr)
{
	char *r = right && *right ? text_sanitize(right) : NULL;
	int rw = r ? (int)text_width(r) : 0, lw;
	ui_fill(w, y, x, width, attr);
	if (!r || rw + 2 > width) {
		free(r);
		return ui_put_data(w, y, x, width, left ? left : "", attr);
	}
	lw = left && *left ? ui_put_data(w, y, x, width - rw - 2, left, attr) : 0;
	ui_put(w, y, x + width - rw, rw, r, attr);
	free(r);
	return lw + 2 + rw;
}

int ui_put_cut(WINDOW *w, int y, int x, int width, const char *s, attr_t attr)
{
	char *c;
	int n;
	if (width <= 0 || !s)
		return 0;
	c = text_cut(s, (size_t)width, !text_locale_utf8());
	n = ui_put(w, y, x, width, c, attr);
	free(c);
	return n;
}

void ui_frame(WINDOW *w, const char *title, const char *hint, bool focused)
{
	int h, width, x;
	attr_t b = theme_attr(focused ? TH_BORDER_FOCUS : TH_BORDER);
	if (!w)
		return;
	getmaxyx(w, h, width);
	if (h < 2 || width < 2)
		return;
	wattr_on(w, b, NULL);
	box(w, 0, 0);
	wattr_off(w, b, NULL);
	/* "┤ Title F5 ├" fits or is cut; the corners stay. */
	x = 2;
	if (width - 4 > 0 && title) {
		char *t = xasprintf(" %s ", title);
		x += ui_put_cut(w, 0, x, width - 4, t,
				theme_attr(focused ? TH_TITLE_FOCUS : TH_TITLE));
		free(t);
	}
	if (hint && width - 2 - x > (int)text_width(hint) + 1)
		ui_put(w, 0, x, width - 2 - x, hint, theme_attr(TH_DIM));
}

size_t ui_wrap(const char *s, int width, ui_wrap_fn fn, void *ctx)
{
	size_t lines = 0, n;
	if (!s)
		return 0;
	if (width < 1)
		width = 1;
	/* The length once: a line costs its own bytes, so a 4 MB text
	 * wraps in linear time. */
	n = strlen(s);
	while (*s) {
		size_t fit = text_fit_n(s, n, (size_t)width, NULL), cut = fit, skip;
		if (fit == 0) {	/* a character wider than the line */
			unsigned char c = (unsigned char)*s;
			fit = c < 0xc0 ? 1 : c < 0xe0 ? 2 : c < 0xf0 ? 3 : 4;
			fit = strnlen(s, fit);
			cut = fit;
		}
		if (s[fit]) {
			/* Break at the last space that fits, if any. */
			size_t i;
			for (i = fit; i > 0; i--)
				if (s[i] == ' ') {
					cut = i;
					break;
				}
			if (i == 0)
				cut = fit;
		}
		if (fn)
			fn(ctx, s, cut);
		lines++;
		skip = cut;
		while (s[skip] == ' ')
			skip++;
		s += skip;
		n -= skip;
	}
	return lines;
}
