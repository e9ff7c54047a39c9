/* theme: the attributes of each thing the UI draws, in colour when the
 * terminal has it and in monochrome otherwise (TERM=vt100, TERM=linux
 * without colour, NO_COLOR set). Highlights always include A_REVERSE or
 * A_BOLD, so they are visible without colour. */
#ifndef NEUVOO_UI_THEME_H
#define NEUVOO_UI_THEME_H

#include <curses.h>
#include <stdbool.h>

enum theme_role {
	TH_NORMAL,
	TH_BORDER,		/* border of an unfocused pane */
	TH_BORDER_FOCUS,	/* border of the focused pane */
	TH_TITLE,
	TH_TITLE_FOCUS,
	TH_CURSOR,		/* highlighted row in the focused pane */
	TH_CURSOR_DIM,		/* highlighted row in another pane */
	TH_MARK,		/* ticks, "serves the language" */
	TH_OPEN,
	TH_CLOSED,
	TH_DIM,			/* secondary text, hints, counts */
	TH_HEADER,		/* field labels, column headers */
	TH_STATUS,
	TH_STATUS_ERROR,
	TH_INPUT,		/* a text field being typed into */
	TH_DIALOG,
	TH__N
};

/* After initscr(): decide colour or monochrome and set the attributes. */
void theme_init(void);
attr_t theme_attr(enum theme_role r);
bool theme_colour(void);
/* Glyphs: Unicode when the locale is UTF-8, ASCII otherwise. */
const char *theme_glyph_tick(void);	/* "✓" or "x" */
const char *theme_glyph_more(void);	/* "…" or "..." */

#endif
