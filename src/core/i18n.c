/* i18n: see i18n.h. The current language is kept in one static buffer:
 * it mirrors process-wide state (the locale and LANGUAGE) anyway. */
#include <config.h>

#include <locale.h>
#include <stdlib.h>
#include <string.h>

#include "core/i18n.h"

static char current[16] = "en";
static const char *const shipped[] = { "en", "fi", "sv", NULL };

/* glibc's counter that invalidates cached translations. */
extern int _nl_msg_cat_cntr;

static void remember(const char *lang)
{
	size_t n = 0;
	if (!lang || !*lang || !strcmp(lang, "C") || !strcmp(lang, "POSIX"))
		lang = "en";
	while (lang[n] && lang[n] != '_' && lang[n] != '.' && lang[n] != ':'
	       && lang[n] != '@' && n < sizeof current - 1)
		n++;
	memcpy(current, lang, n);
	current[n] = '\0';
}

static void detect(void)
{
	const char *l = getenv("LANGUAGE");
	if (l && *l) {
		remember(l);
		return;
	}
	l = setlocale(LC_MESSAGES, NULL);
	remember(l);
}

void i18n_init(const char *localedir, const char *lang)
{
	const char *loc = setlocale(LC_ALL, "");
	/* No usable locale, or plain C: take C.UTF-8 so that UTF-8 text and
	 * LANGUAGE both work. */
	if (!loc || !strcmp(loc, "C") || !strcmp(loc, "POSIX"))
		setlocale(LC_ALL, "C.UTF-8");
	bindtextdomain(PACKAGE, localedir);
	bind_textdomain_codeset(PACKAGE, "UTF-8");
	textdomain(PACKAGE);
	if (lang && *lang)
		i18n_set_lang(lang);
	else
		detect();
}

void i18n_set_lang(const char *lang)
{
	const char *loc = setlocale(LC_MESSAGES, NULL);
	if (loc && (!strcmp(loc, "C") || !strcmp(loc, "POSIX")))
		setlocale(LC_MESSAGES, "C.UTF-8");
	setenv("LANGUAGE", lang, 1);
	++_nl_msg_cat_cntr;
	remember(lang);
}

const char *i18n_lang(void)
{
	return current;
}

const char *const *i18n_langs(void)
{
	return shipped;
}

const char *i18n_next_lang(void)
{
	size_t i;
	for (i = 0; shipped[i]; i++)
		if (!strcmp(shipped[i], current))
			return shipped[i + 1] ? shipped[i + 1] : shipped[0];
	return shipped[0];
}

const char *i18n_pgettext(const char *ctx_msgid, const char *msgid)
{
	const char *t = gettext(ctx_msgid);
	return t == ctx_msgid ? msgid : t;
}

char *i18n_translate_in(const char *lang, const char *msgid)
{
	char *saved = getenv("LANGUAGE") ? strdup(getenv("LANGUAGE")) : NULL;
	char *r;
	setenv("LANGUAGE", lang, 1);
	++_nl_msg_cat_cntr;
	r = strdup(gettext(msgid));
	if (saved) {
		setenv("LANGUAGE", saved, 1);
		free(saved);
	} else
		unsetenv("LANGUAGE");
	++_nl_msg_cat_cntr;
	if (!r)
		abort();
	return r;
}
