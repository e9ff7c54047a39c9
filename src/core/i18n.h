/* i18n: gettext set-up and the operator's UI language.
 *
 * The UI language comes from --lang, then the config, then LANGUAGE and
 * LC_MESSAGES. glibc ignores LANGUAGE when the message locale is "C", so
 * i18n_init() moves a C locale to C.UTF-8, which honours it. Switching
 * languages at run time (F4) sets LANGUAGE and invalidates gettext's cache. */
#ifndef NEUVOO_I18N_H
#define NEUVOO_I18N_H

#include <libintl.h>
#include <stddef.h>

#define _(s) gettext(s)
#define N_(s) (s)
#define C_(ctx, s) i18n_pgettext(ctx "\004" s, s)

/* setlocale, bindtextdomain, textdomain; lang may be NULL (environment). */
void i18n_init(const char *localedir, const char *lang);
/* Switch the UI language ("fi", "sv", "en", ...). */
void i18n_set_lang(const char *lang);
/* The UI language in effect as a short code ("en" when untranslated). */
const char *i18n_lang(void);
/* The UI languages shipped (po/LINGUAS plus "en"), NULL-terminated, in the
 * order F4 cycles through them. */
const char *const *i18n_langs(void);
/* The next UI language after the current one (for F4). */
const char *i18n_next_lang(void);

/* msgid translated into lang ("fi", "sv", "en") whatever the UI language
 * is now (for search terms in every language). A new string. */
char *i18n_translate_in(const char *lang, const char *msgid);

const char *i18n_pgettext(const char *ctx_msgid, const char *msgid);

#endif
