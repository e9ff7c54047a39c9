/* cfgparse: the one wrapper around libconfuse for neuvoo's files
 * (neuvoo.conf, keymaps, screens, training scenarios), so that every error
 * is one "file:line: what is wrong" line.
 *
 * libconfuse 3.3 miscounts lines after a comment, gives sections no file
 * name, reports a section's errors at its closing brace, and its error
 * callback carries no user pointer. So the file is read here, its comments
 * are blanked out (newlines kept: the parser's line is then exact for
 * values and unknown options), the file name is added here, and the first
 * error of a parse is kept for the caller. Validation callbacks report
 * through cfgparse_error() (or libconfuse's cfg_error(), which arrives the
 * same way); a message about a whole section names the line that opened
 * it with cfgparse_section_error(). */
#ifndef NEUVOO_CFGPARSE_H
#define NEUVOO_CFGPARSE_H

#include <stdbool.h>

#include <confuse.h>

/* The largest file of settings read (configuration, keymap, screen,
 * scenario), in bytes: the biggest real one is a few kB. A larger file,
 * and anything but a regular file (a FIFO, a device, a folder), is an
 * error naming the file, found without reading or waiting. */
#define CFGPARSE_MAX_BYTES (1024 * 1024)

struct cfgparse_opts {
	/* Appended as "; HINT" to a message that does not already say
	 * what to do (libconfuse's own say only what is wrong); NULL: none. */
	const char *hint;
	/* A missing file (or folder) is not an error: cfgparse_file_opts()
	 * returns 1 and sets nothing. */
	bool optional;
	/* Handed to the callbacks of this parse by cfgparse_user(). */
	void *user;
	/* Every quoted string ends on the line it starts (texts of
	 * scenarios): an unclosed quote is said at its own line. */
	bool one_line_strings;
};

/* Parse path into cfg (made with cfg_init; its error function is set
 * here). Returns 0, or -1 with *err set to "path:line: message" (or
 * "path: cannot read: why"). */
int cfgparse_file(cfg_t *cfg, const char *path, char **err);
/* The same with options (NULL: as cfgparse_file); 1 for an absent
 * optional file. */
int cfgparse_file_opts(cfg_t *cfg, const char *path,
		       const struct cfgparse_opts *opts, char **err);

/* The user pointer of the parse under way (NULL outside one). */
void *cfgparse_user(void);

/* Report an error from a parse or validate callback, at the parser's line.
 * `needle`, when not NULL, is the text the error is about (a value): when
 * the parser has already moved past it (a list checked at its closing
 * brace), the error names the last line up to the parser's that mentions
 * it. Only the first error of a parse is kept. Always returns -1 (for
 * `return cfgparse_error(...)`). */
int cfgparse_error(cfg_t *cfg, const char *needle, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

/* The same for a message about a whole section: it names the line where
 * the last section `name` (with this title, when title is not NULL) that
 * has closed by the parser's line was opened. */
int cfgparse_section_error(cfg_t *cfg, const char *name, const char *title,
			   const char *fmt, ...)
	__attribute__((format(printf, 4, 5)));

/* The line that opened the last section `name` (titled `title`, unless
 * NULL) that has closed by the parser's line, else the parser's line: for
 * a validation callback that keeps where a section is, for messages
 * about it after the parse. */
int cfgparse_section_open_line(cfg_t *cfg, const char *name,
			       const char *title);

#endif
