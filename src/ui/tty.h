/* tty: the terminal under the screen manager: curses started on a
 * terminal (or on other streams, for benchmarks) and ended, the signals
 * that end the main loop, and curses key codes as keymap keys. */
#ifndef NEUVOO_UI_TTY_H
#define NEUVOO_UI_TTY_H

#include <curses.h>
#include <stdbool.h>
#include <stdio.h>
#include <wchar.h>

#include "core/keymap.h"

/* A key read waits this long (ms) before the screen's idle hook runs
 * (a message of the moment goes within this much of its time). */
#define TTY_IDLE_MS 5000

/* Everything a full-screen command needs before its first screen: a
 * terminal on both stdin and stdout, the signals caught, curses started.
 * Returns 0, or EXIT_RUNTIME with *err: no_tty (a translated sentence:
 * "the desk needs a terminal ...") when input or output is redirected,
 * else that TERM cannot be used. */
int tty_start(const char *no_tty, char **err);
/* initscr and friends; false when the terminal cannot be used. */
bool tty_start_curses(void);
/* The same on other streams (benchmarks draw into a file). */
bool tty_start_on(FILE *out, FILE *in);
void tty_end(void);

/* Signals: SIGHUP, SIGTERM, SIGINT and SIGQUIT set a flag that ends
 * screen_run() with SCREEN_SIGNAL (the handler does nothing else). The
 * terminal is in raw mode, so Ctrl-C, Ctrl-\, Ctrl-S and Ctrl-Q are keys,
 * never signals or flow control. */
void tty_catch_signals(void);
/* The signal that came, 0 when none. */
int tty_signal(void);

/* A curses key (wget_wch's rc and wc) as a keymap key; -1 for keys
 * neuvoo does not use. */
km_key tty_key(int rc, wint_t wc);
/* True for Ctrl-\ (a key in raw mode): it sets the flag as SIGQUIT would,
 * so the screen ends as on SIGTERM (the desk keeps its draft). */
bool tty_end_key(int rc, wint_t wc);

#endif
