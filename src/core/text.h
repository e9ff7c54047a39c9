/* text: UTF-8 text through libunistring.
 *
 * Lengths in bytes and widths in terminal columns are different things;
 * every function here says which it means. Text from data (catalogue,
 * statistics files, scenarios) goes through text_sanitize() before it may
 * reach a terminal. */
#ifndef NEUVOO_TEXT_H
#define NEUVOO_TEXT_H

#include <stdbool.h>
#include <stddef.h>

/* True when s[0..len) is valid UTF-8. */
bool text_valid(const char *s, size_t len);

/* A new string safe to show: invalid bytes become U+FFFD; C0 and C1 control
 * characters, DEL, whole ESC sequences (CSI, OSC, ...), bidi embedding,
 * override and isolate controls (U+202A-U+202E, U+2066-U+2069) and the
 * direction marks U+200E, U+200F and U+061C are removed;
 * tabs and newlines become one space. NULL gives "". */
char *text_sanitize(const char *s);

/* The same characters made visible for an error message on stderr: each
 * C0 and C1 control, DEL, bidi control or mark and other invisible format
 * character becomes an escape ("\x1B", "\u200E"), an invalid byte
 * "\xNN"; the rest is kept. A new string; NULL gives "". */
char *text_escape(const char *s);

/* Display width in columns of sanitized UTF-8 (wide CJK = 2, combining = 0). */
size_t text_width(const char *s);

/* Number of bytes of s that fit in `cols` columns without splitting a
 * character or a combining sequence; *used gets their width (may be NULL). */
size_t text_fit(const char *s, size_t cols, size_t *used);
/* The same for s[0..len): what a caller walking a long text line by line
 * uses, so that each line costs its own length, not the rest's. */
size_t text_fit_n(const char *s, size_t len, size_t cols, size_t *used);

/* A new string of at most `cols` columns: s itself if it fits, else cut at a
 * character boundary with an ellipsis ("…", or "..." when ascii is true)
 * ending it. */
char *text_cut(const char *s, size_t cols, bool ascii);

/* A new string for searching: lower case, decomposed, with accents removed
 * (é -> e, ü -> u) except that å, ä and ö stay distinct letters when
 * keep_nordic is true (Finnish and Swedish treat them as letters of their
 * own). Punctuation becomes a space; runs of spaces collapse. */
char *text_fold(const char *s, bool keep_nordic);

/* The general path that text_fold() falls back to for text other than
 * ASCII and å ä ö: the same result for every input, only slower. For
 * tests. */
char *text_fold_unicode(const char *s, bool keep_nordic);

/* True when the locale's character set is UTF-8 (decides ellipsis, bars). */
bool text_locale_utf8(void);

/* Compare two names for sorting in a language: Finnish and Swedish put
 * å ä ö after z (and treat w like v is NOT done: plain code point order
 * otherwise after folding case). lang may be NULL. */
int text_collate(const char *a, const char *b, const char *lang);

#endif
