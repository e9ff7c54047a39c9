/* terminfo: what the terminal database says about a terminal type,
 * without starting curses on the screen (for `neuvoo doctor`). */
#ifndef NEUVOO_UI_TERMINFO_H
#define NEUVOO_UI_TERMINFO_H

#include <stdbool.h>

/* Does terminfo have an entry for term that curses can draw on? */
bool terminfo_known(const char *term);

#endif
