/* tty: see tty.h. The signal flag and the curses SCREEN are
 * process-wide state, like curses' own. */
#include <config.h>

#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "core/err.h"
#include "core/i18n.h"
#include "core/text.h"
#include "ui/tty.h"
#include "ui/theme.h"

static volatile sig_atomic_t got_signal;
static SCREEN *term_screen;

static void on_signal(int sig)
{
	got_signal = sig;
}

void tty_catch_signals(void)
{
	struct sigaction sa;
	memset(&sa, 0, sizeof sa);
	sa.sa_handler = on_signal;
	sigemptyset(&sa.sa_mask);
	/* No SA_RESTART: a blocking read returns so the loop sees the flag. */
	sa.sa_flags = 0;
	sigaction(SIGHUP, &sa, NULL);
	sigaction(SIGTERM, &sa, NULL);
	sigaction(SIGINT, &sa, NULL);
	/* Ctrl-\ from another terminal's kill, or a script's: the same
	 * clean end, never a core dump with the terminal left raw. */
	sigaction(SIGQUIT, &sa, NULL);
	/* Writing to a terminal that hung up must not kill us before the
	 * draft is journalled. */
	signal(SIGPIPE, SIG_IGN);
}

int tty_signal(void)
{
	return got_signal;
}

/* Sequences that many thin-client terminals send but whose terminfo entry
 * (vt100, linux) may not list: F-keys, Home/End, Delete. */
static void define_fallback_keys(void)
{
	static const struct {
		const char *seq;
		int code;
	} extra[] = {
		{ "\033OP", KEY_F(1) }, { "\033OQ", KEY_F(2) },
		{ "\033OR", KEY_F(3) }, { "\033OS", KEY_F(4) },
		{ "\033[11~", KEY_F(1) }, { "\033[12~", KEY_F(2) },
		{ "\033[13~", KEY_F(3) }, { "\033[14~", KEY_F(4) },
		{ "\033[[A", KEY_F(1) }, { "\033[[B", KEY_F(2) },
		{ "\033[[C", KEY_F(3) }, { "\033[[D", KEY_F(4) },
		{ "\033[[E", KEY_F(5) },
		{ "\033[15~", KEY_F(5) }, { "\033[17~", KEY_F(6) },
		{ "\033[18~", KEY_F(7) }, { "\033[19~", KEY_F(8) },
		{ "\033[20~", KEY_F(9) }, { "\033[21~", KEY_F(10) },
		{ "\033[23~", KEY_F(11) }, { "\033[24~", KEY_F(12) },
		{ "\033[1~", KEY_HOME }, { "\033[4~", KEY_END },
		{ "\033[7~", KEY_HOME }, { "\033[8~", KEY_END },
		{ "\033[H", KEY_HOME }, { "\033[F", KEY_END },
		{ "\033OH", KEY_HOME }, { "\033OF", KEY_END },
		{ "\033[3~", KEY_DC }, { "\033[2~", KEY_IC },
		{ "\033[5~", KEY_PPAGE }, { "\033[6~", KEY_NPAGE },
		{ "\033[Z", KEY_BTAB },
		{ "\033[A", KEY_UP }, { "\033[B", KEY_DOWN },
		{ "\033[C", KEY_RIGHT }, { "\033[D", KEY_LEFT },
		{ "\033OA", KEY_UP }, { "\033OB", KEY_DOWN },
		{ "\033OC", KEY_RIGHT }, { "\033OD", KEY_LEFT },
	};
	size_t i;
	for (i = 0; i < sizeof extra / sizeof extra[0]; i++)
		if (key_defined(extra[i].seq) == 0)
			define_key(extra[i].seq, extra[i].code);
}

int tty_start(const char *no_tty, char **err)
{
	if (!isatty(STDIN_FILENO) || !isatty(STDOUT_FILENO)) {
		err_set(err, "%s", no_tty);
		return EXIT_RUNTIME;
	}
	tty_catch_signals();
	if (!tty_start_curses()) {
		err_set(err, _("the terminal '%s' cannot be used; set TERM to your terminal's type"),
			getenv("TERM") ? getenv("TERM") : "");
		return EXIT_RUNTIME;
	}
	return EXIT_OK;
}

bool tty_start_curses(void)
{
	return tty_start_on(stdout, stdin);
}

bool tty_start_on(FILE *out, FILE *in)
{
	/* Line drawing as Unicode in a UTF-8 locale: some terminals (and
	 * terminal multiplexers, and thin-client viewers) mishandle the VT100
	 * alternate character set. */
	if (text_locale_utf8())
		setenv("NCURSES_NO_UTF8_ACS", "1", 0);
	term_screen = newterm(NULL, out, in);
	if (!term_screen)
		return false;
	set_term(term_screen);
	/* Raw, not cbreak: Ctrl-S and Ctrl-Q are no flow control here (a
	 * thin client's Ctrl-S would freeze the screen until Ctrl-Q), and
	 * Ctrl-C and Ctrl-\ arrive as keys: Ctrl-C is bound to quit, which
	 * asks like F10, and Ctrl-\ ends the desk like SIGTERM (see
	 * tty_end_key). */
	raw();
	noecho();
	nonl();
	intrflush(stdscr, FALSE);
	keypad(stdscr, TRUE);
	/* Esc alone clears a filter: wait a little for the rest of a
	 * sequence, not the default whole second (ESCDELAY, in ms, still
	 * wins for very slow links). */
	if (!getenv("ESCDELAY"))
		set_escdelay(100);
	wtimeout(stdscr, TTY_IDLE_MS);
	leaveok(stdscr, TRUE);
	define_fallback_keys();
	theme_init();
	return true;
}

void tty_end(void)
{
	if (!term_screen)
		return;
	curs_set(1);
	endwin();
	delscreen(term_screen);
	term_screen = NULL;
}

bool tty_end_key(int rc, wint_t wc)
{
	if (rc == OK && wc == KM_CTRL('\\')) {
		got_signal = SIGQUIT;
		return true;
	}
	return false;
}

/* curses key -> keymap key; -1 for keys neuvoo does not use. */
km_key tty_key(int rc, wint_t wc)
{
	if (rc == KEY_CODE_YES) {
		if (wc >= KEY_F(1) && wc <= KEY_F(24))
			return KM_F((int)wc - KEY_F0);
		switch (wc) {
		case KEY_UP: return KM_UP;
		case KEY_DOWN: return KM_DOWN;
		case KEY_LEFT: return KM_LEFT;
		case KEY_RIGHT: return KM_RIGHT;
		case KEY_PPAGE: return KM_PGUP;
		case KEY_NPAGE: return KM_PGDN;
		case KEY_HOME: return KM_HOME;
		case KEY_END: return KM_END;
		case KEY_IC: return KM_INSERT;
		case KEY_DC: return KM_DELETE;
		case KEY_BACKSPACE: return KM_BACKSPACE;
		case KEY_BTAB: return KM_BTAB;
		case KEY_ENTER: return KM_ENTER;
		default: return -1;
		}
	}
	if (wc == '\r' || wc == '\n')
		return KM_ENTER;
	if (wc == 127 || wc == 8)
		return KM_BACKSPACE;
	return (km_key)wc;
}

