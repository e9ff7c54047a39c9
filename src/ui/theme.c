/* theme: see theme.h. The attribute table is process-wide screen state,
 * set once after initscr() (like curses' own). */
#include <config.h>

#include <stdlib.h>

#include "core/text.h"
#include "ui/theme.h"

static attr_t attrs[TH__N];
static bool colour;

static void mono(void)
{
	int i;
	for (i = 0; i < TH__N; i++)
		attrs[i] = A_NORMAL;
	attrs[TH_BORDER_FOCUS] = A_BOLD;
	attrs[TH_TITLE] = A_NORMAL;
	attrs[TH_TITLE_FOCUS] = A_REVERSE | A_BOLD;
	attrs[TH_CURSOR] = A_REVERSE;
	attrs[TH_CURSOR_DIM] = A_BOLD;
	attrs[TH_MARK] = A_BOLD;
	attrs[TH_OPEN] = A_NORMAL;
	attrs[TH_CLOSED] = A_NORMAL;
	attrs[TH_DIM] = A_NORMAL;
	attrs[TH_HEADER] = A_BOLD;
	attrs[TH_STATUS] = A_REVERSE;
	attrs[TH_STATUS_ERROR] = A_REVERSE | A_BOLD;
	attrs[TH_INPUT] = A_UNDERLINE;
	attrs[TH_DIALOG] = A_NORMAL;
}

enum { P_TITLE = 1, P_MARK, P_OPEN, P_CLOSED, P_DIM, P_ERROR, P_STATUS,
       P_BORDER_FOCUS };

void theme_init(void)
{
	const char *nc = getenv("NO_COLOR");
	mono();
	colour = false;
	if ((nc && *nc) || !has_colors() || start_color() != OK || COLORS < 8)
		return;
	colour = true;
	use_default_colors();
	/* -1: the terminal's own background, so light and dark themes both
	 * keep their look. */
	init_pair(P_TITLE, COLOR_CYAN, -1);
	init_pair(P_MARK, COLOR_GREEN, -1);
	init_pair(P_OPEN, COLOR_GREEN, -1);
	init_pair(P_CLOSED, COLOR_RED, -1);
	init_pair(P_DIM, COLOR_BLUE, -1);
	init_pair(P_ERROR, COLOR_WHITE, COLOR_RED);
	init_pair(P_STATUS, COLOR_BLACK, COLOR_CYAN);
	init_pair(P_BORDER_FOCUS, COLOR_CYAN, -1);
	attrs[TH_BORDER_FOCUS] = COLOR_PAIR(P_BORDER_FOCUS) | A_BOLD;
	attrs[TH_TITLE] = COLOR_PAIR(P_TITLE);
	attrs[TH_TITLE_FOCUS] = A_REVERSE | A_BOLD | COLOR_PAIR(P_TITLE);
	attrs[TH_MARK] = COLOR_PAIR(P_MARK) | A_BOLD;
	attrs[TH_OPEN] = COLOR_PAIR(P_OPEN);
	attrs[TH_CLOSED] = COLOR_PAIR(P_CLOSED);
	attrs[TH_DIM] = COLOR_PAIR(P_DIM) | A_BOLD;
	attrs[TH_STATUS] = COLOR_PAIR(P_STATUS);
	attrs[TH_STATUS_ERROR] = COLOR_PAIR(P_ERROR) | A_BOLD;
}

attr_t theme_attr(enum theme_role r)
{
	return (unsigned)r < TH__N ? attrs[r] : A_NORMAL;
}

bool theme_colour(void)
{
	return colour;
}

const char *theme_glyph_tick(void)
{
	return text_locale_utf8() ? "\u2713" : "x";
}

const char *theme_glyph_more(void)
{
	return text_locale_utf8() ? "\u2026" : "...";
}
