/* cfgparse: parse a libconfuse file into "file:line: message" errors.
 *
 * libconfuse reports errors through a callback that carries no user data
 * and, inside sections, no file name; its line counter also runs ahead of
 * a value by the look-ahead token. This wraps cfg_parse() so that keymap
 * and layout files give one exact "file:line: what is wrong" line. */
#ifndef NEUVOO_CFGPARSE_H
#define NEUVOO_CFGPARSE_H

#include <confuse.h>

/* Parse path into cfg (made with cfg_init). Returns 0, or -1 with *err set
 * to "path:line: message". */
int cfgparse_file(cfg_t *cfg, const char *path, char **err);

/* Report an error from a parse or validate callback. `needle` is the text
 * the error is about (a value or a section title), used to find its exact
 * line; it may be NULL. Always returns -1 (for `return cfgparse_error(...)`). */
int cfgparse_error(cfg_t *cfg, const char *needle, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

#endif
