/* statusbar: the bottom line: a message on the left (what just happened,
 * or what is wrong), the desk's state on the right. */
#ifndef NEUVOO_UI_STATUSBAR_H
#define NEUVOO_UI_STATUSBAR_H

#include <curses.h>
#include <stdbool.h>

void statusbar_draw(WINDOW *w, const char *left, const char *right,
		    bool error);

#endif
