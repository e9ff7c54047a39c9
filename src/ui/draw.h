/* draw: putting UTF-8 text into curses windows at its real width.
 *
 * Every function cuts at a character boundary to the columns given, so
 * wide (CJK) and combining characters never spill over a border. Text from
 * data must be sanitized first (text_sanitize), or use ui_put_data(). */
#ifndef NEUVOO_UI_DRAW_H
#define NEUVOO_UI_DRAW_H

#include <curses.h>
#include <stdbool.h>
#include <stddef.h>

/* Put s at (y, x), at most width columns; returns the columns used. */
int ui_put(WINDOW *w, int y, int x, int width, const char *s, attr_t attr);
/* The same, then spaces up to width (for highlighted rows). */
void ui_put_pad(WINDOW *w, int y, int x, int width, const char *s, attr_t attr);
/* Sanitize raw (catalogue) text, then ui_put(). */
int ui_put_data(WINDOW *w, int y, int x, int width, const char *raw,
		attr_t attr);
/* Two pieces of data on one line: right (a phone number) whole at the
 * right end when it fits at all, left (a name) cut before it; the rest
 * is filled. Returns the columns used. */
int ui_put_data_pair(WINDOW *w, int y, int x, int width, const char *left,
		     const char *right, attr_t attr);
/* s cut to width with an ellipsis when too long, then put. */
int ui_put_cut(WINDOW *w, int y, int x, int width, const char *s, attr_t attr);
/* Spaces. */
void ui_fill(WINDOW *w, int y, int x, int width, attr_t attr);
/* Border with a title (and an optional key hint) on the top line. */
void ui_frame(WINDOW *w, const char *title, const char *hint, bool focused);

/* Word-wrap s into lines of at most width columns; calls fn for each line
 * (bytes [start, start+len) of s). Returns the number of lines. fn may be
 * NULL (to count). */
typedef void (*ui_wrap_fn)(void *ctx, const char *line, size_t len);
size_t ui_wrap(const char *s, int width, ui_wrap_fn fn, void *ctx);

#endif
