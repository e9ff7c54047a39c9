/* terminfo: see terminfo.h. setupterm() reads the entry exactly as the
 * desk's initscr() would (same search path, same refusal of generic and
 * hard-copy types), and the entry is freed again at once, so nothing of
 * it stays for a later initscr(). */
#include <config.h>

#include <curses.h>
#include <term.h>
#include <unistd.h>

#include "ui/terminfo.h"

bool terminfo_known(const char *term)
{
	TERMINAL *before = cur_term;
	int errret = 0;

	if (!term || !*term)
		return false;
	if (setupterm(term, STDOUT_FILENO, &errret) != OK || errret != 1) {
		set_curterm(before);
		return false;
	}
	del_curterm(cur_term);
	set_curterm(before);
	return true;
}
