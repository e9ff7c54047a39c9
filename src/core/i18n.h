/* i18n: gettext set-up, the operator's UI language and its conventions.
 *
 * The UI language comes from --lang, then the config, then LANGUAGE and
 * LC_MESSAGES. glibc ignores LANGUAGE when the message locale is "C", so
 * i18n_init() moves a C locale to C.UTF-8, which honours it. Switching
 * languages at run time (F4) sets LANGUAGE and invalidates gettext's cache.
 *
 * Dates, times and counts shown to the operator follow the UI language
 * (22.11.2026 and 14.05 in Finnish); files meant for machines (csv, json)
 * use ISO 8601 whatever the language and do not call these. */
#ifndef NEUVOO_I18N_H
#define NEUVOO_I18N_H

#include <libintl.h>
#include <stddef.h>
#include <time.h>

#define _(s) gettext(s)
#define N_(s) (s)
#define C_(ctx, s) i18n_pgettext(ctx "\004" s, s)

/* setlocale, bindtextdomain, textdomain; lang may be NULL (environment).
 * Also notes which UI languages have a catalogue in localedir. */
void i18n_init(const char *localedir, const char *lang);
/* Switch the UI language ("fi", "sv", "en", "fi_FI", ...). */
void i18n_set_lang(const char *lang);
/* The UI language in effect as a short code: "en" when the requested
 * language has no catalogue (the messages are then English). */
const char *i18n_lang(void);
/* The UI languages shipped, NULL-terminated, in the order F4 cycles
 * through them: "en", then those of en fi sv ru et uk (the po/LINGUAS
 * order) that have a catalogue in the locale folder given to i18n_init. */
const char *const *i18n_langs(void);
/* The next UI language after the current one (for F4). */
const char *i18n_next_lang(void);
/* F4's cycle (ui-languages): the languages given that have a catalogue,
 * in that order; NULL or none of them: every shipped language. */
void i18n_set_cycle(const char *const *langs);
/* The languages catalogue text falls back to after the UI language
 * (catalogue-fallback; default en, fi, sv): a NULL-terminated list. */
void i18n_set_text_fallback(const char *const *langs);
const char *const *i18n_text_fallback(void);
/* A UI language's name in that language, for the status line ("suomi",
 * "svenska", "English", "русский", "eesti", "українська"); the code itself
 * for a language without a known name. */
const char *i18n_lang_name(const char *code);

/* msgid translated into lang ("fi", "sv", "en") whatever the UI language
 * is now (for search terms in every language). A new string. */
char *i18n_translate_in(const char *lang, const char *msgid);

const char *i18n_pgettext(const char *ctx_msgid, const char *msgid);

/* Local date, time, date and time of t in the UI language's conventions,
 * as a new string in *out: fi 22.11.2026 / 14.05, sv 2026-11-22 / 14.05,
 * en 2026-11-22 / 14:05, ru uk 22.11.2026 / 14:05, et 22.11.2026 / 14.05,
 * any other ISO 8601. Return 0, or -1 (and "?" in *out) when t cannot be
 * converted to local time. */
int i18n_format_date(time_t t, char **out);
int i18n_format_time(time_t t, char **out);
int i18n_format_datetime(time_t t, char **out);
/* A count with the UI language's thousands separator, as a new string in
 * *out: fi sv ru uk 12 345 (with U+00A0 NO-BREAK SPACE, so that a number
 * is never split across lines), et likewise from 10 000 up, en 12,345.
 * Returns the length of *out in bytes. */
int i18n_format_number(long long n, char **out);
/* The decimal separator of the UI language: "," for fi sv ru uk et, "."
 * otherwise (the C.UTF-8 locale of a server would always say "."). */
const char *i18n_decimal_point(void);
/* A YYYY-MM-DD date as i18n_format_date shows it, as a new string; text
 * that is not such a date comes back as it is. */
char *i18n_format_ymd(const char *ymd);

#endif
