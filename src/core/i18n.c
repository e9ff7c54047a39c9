/* i18n: see i18n.h. The current language and the list of shipped ones are
 * kept in static storage: they mirror process-wide state (the locale, the
 * LANGUAGE variable, the bound locale folder) anyway.
 *
 * The effective language is worked out the way glibc's gettext does it: the
 * first language in the LANGUAGE list that has a catalogue; so LANGUAGE=de
 * (no catalogue) means English messages, and i18n_lang() says "en", which
 * keeps catalogue names and date formats in the language the operator
 * actually sees. */
#include <config.h>

#include <locale.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "core/err.h"
#include "core/date.h"
#include "core/i18n.h"

/* The F4 order: English first, then po/LINGUAS. A new UI language is added
 * here and to po/LINGUAS (test_i18n checks they agree). */
static const struct {
	const char *code;
	const char *name;	/* the language's own name */
} known[] = {
	{ "en", "English" },
	{ "fi", "suomi" },
	{ "sv", "svenska" },
	{ "ru", "русский" },
	{ "et", "eesti" },
	{ "uk", "українська" },
};
#define N_KNOWN (sizeof known / sizeof known[0])

static char current[16] = "en";
/* Shipped languages (with a catalogue); before i18n_init, all known. */
static const char *shipped[N_KNOWN + 1];
static int shipped_set;

/* glibc's counter that invalidates cached translations. */
extern int _nl_msg_cat_cntr;

static void find_shipped(const char *localedir)
{
	size_t i, n = 0;
	for (i = 0; i < N_KNOWN; i++) {
		char *mo;
		int here;
		if (!strcmp(known[i].code, "en")) {
			shipped[n++] = known[i].code;
			continue;
		}
		mo = xasprintf("%s/%s/LC_MESSAGES/%s.mo", localedir ? localedir : ".",
			       known[i].code, PACKAGE);
		here = access(mo, R_OK) == 0;
		free(mo);
		if (here)
			shipped[n++] = known[i].code;
	}
	shipped[n] = NULL;
	shipped_set = 1;
}

const char *const *i18n_langs(void)
{
	size_t i;
	if (!shipped_set) {
		for (i = 0; i < N_KNOWN; i++)
			shipped[i] = known[i].code;
		shipped[N_KNOWN] = NULL;
	}
	return shipped;
}

/* The bare language of one locale-like name: "fi_FI.UTF-8" -> "fi". */
static size_t bare(const char *s, char *out, size_t size)
{
	size_t n = 0;
	while (s[n] && s[n] != '_' && s[n] != '.' && s[n] != ':' && s[n] != '@'
	       && n < size - 1) {
		out[n] = s[n];
		n++;
	}
	out[n] = '\0';
	return n;
}

static int has_catalogue(const char *code)
{
	const char *const *l;
	if (!strcmp(code, "en"))
		return 0;	/* English is the msgids themselves */
	for (l = i18n_langs(); *l; l++)
		if (!strcmp(*l, code))
			return 1;
	return 0;
}

/* Remember the effective language of a LANGUAGE-style list "sv:fi". */
static void remember(const char *list)
{
	const char *p = list ? list : "";
	char one[sizeof current];
	strcpy(current, "en");
	while (*p) {
		size_t len = strcspn(p, ":");
		if (len > 0 && len < sizeof one) {
			char item[sizeof one];
			memcpy(item, p, len);
			item[len] = '\0';
			bare(item, one, sizeof one);
			if (!strcmp(one, "C") || !strcmp(one, "POSIX"))
				return;	/* gettext stops at C: untranslated */
			if (has_catalogue(one)) {
				strcpy(current, one);
				return;
			}
		}
		p += len;
		if (*p == ':')
			p++;
	}
}

static int is_c(const char *loc)
{
	char one[16];
	if (!loc || !*loc)
		return 1;
	bare(loc, one, sizeof one);
	return !strcmp(one, "C") || !strcmp(one, "POSIX");
}

/* No --lang and no config: LANGUAGE, else the POSIX message locale
 * variables. Those are read from the environment rather than from
 * setlocale(), so that LANG=fi_FI.UTF-8 still gives Finnish on a server
 * where that locale is not installed (setlocale then fell back to C). */
static void detect(void)
{
	static const char *const vars[] = { "LC_ALL", "LC_MESSAGES", "LANG" };
	const char *l = getenv("LANGUAGE");
	size_t i;
	if (l && *l) {
		remember(l);
		return;
	}
	for (i = 0; i < sizeof vars / sizeof vars[0]; i++) {
		l = getenv(vars[i]);
		if (l && *l)
			break;
	}
	if (!l || !*l || is_c(l)) {
		remember("en");
		return;
	}
	i18n_set_lang(l);
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
	++_nl_msg_cat_cntr;
	find_shipped(localedir);
	if (lang && *lang)
		i18n_set_lang(lang);
	else
		detect();
}

void i18n_set_lang(const char *lang)
{
	const char *loc = setlocale(LC_MESSAGES, NULL);
	char one[sizeof current];
	if (!lang || !*lang)
		return;
	if (loc && (!strcmp(loc, "C") || !strcmp(loc, "POSIX")))
		setlocale(LC_MESSAGES, "C.UTF-8");
	/* A locale name such as fi_FI.UTF-8 is cut to what LANGUAGE takes. */
	if (strchr(lang, '.') || strchr(lang, '@')) {
		bare(lang, one, sizeof one);
		lang = one;
	}
	setenv("LANGUAGE", lang, 1);
	++_nl_msg_cat_cntr;
	remember(lang);
}

const char *i18n_lang(void)
{
	return current;
}

/* F4's cycle: codes of `known` (never freed), NULL-terminated. */
static const char *cycle[N_KNOWN + 1];
static int cycle_set;

void i18n_set_cycle(const char *const *langs)
{
	const char *const *l;
	size_t n = 0, i, j;
	cycle_set = 0;
	for (l = langs; l && *l; l++)
		for (i = 0; i < N_KNOWN; i++) {
			bool dup = false;
			if (strcmp(known[i].code, *l)
			    || (strcmp(*l, "en") && !has_catalogue(*l)))
				continue;
			for (j = 0; j < n; j++)
				dup |= !strcmp(cycle[j], known[i].code);
			if (!dup)
				cycle[n++] = known[i].code;
		}
	cycle[n] = NULL;
	cycle_set = n > 0;
}

/* The catalogue text's fallback: a few codes (bounded: a catalogue has
 * three languages; more entries than this add nothing). */
#define FALLBACK_MAX 8
static char fallback_codes[FALLBACK_MAX][8] = { "en", "fi", "sv" };
static const char *fallback[FALLBACK_MAX + 1] = {
	fallback_codes[0], fallback_codes[1], fallback_codes[2], NULL
};

void i18n_set_text_fallback(const char *const *langs)
{
	size_t n = 0;
	for (; langs && *langs && n < FALLBACK_MAX; langs++) {
		if (strlen(*langs) >= sizeof fallback_codes[0])
			continue;
		strcpy(fallback_codes[n], *langs);
		fallback[n] = fallback_codes[n];
		n++;
	}
	fallback[n] = NULL;
}

const char *const *i18n_text_fallback(void)
{
	return fallback;
}

const char *i18n_next_lang(void)
{
	const char *const *l = cycle_set ? (const char *const *)cycle : i18n_langs();
	size_t i;
	for (i = 0; l[i]; i++)
		if (!strcmp(l[i], current))
			return l[i + 1] ? l[i + 1] : l[0];
	return l[0];
}

const char *i18n_lang_name(const char *code)
{
	char one[16];
	size_t i;
	if (!code)
		return "";
	bare(code, one, sizeof one);
	for (i = 0; i < N_KNOWN; i++)
		if (!strcmp(known[i].code, one))
			return known[i].name;
	return code;
}

const char *i18n_pgettext(const char *ctx_msgid, const char *msgid)
{
	const char *t = gettext(ctx_msgid);
	return t == ctx_msgid ? msgid : t;
}

char *i18n_translate_in(const char *lang, const char *msgid)
{
	char *saved = xstrdup(getenv("LANGUAGE"));
	char *r;
	setenv("LANGUAGE", lang, 1);
	++_nl_msg_cat_cntr;
	r = xstrdup(gettext(msgid));
	if (saved) {
		setenv("LANGUAGE", saved, 1);
		free(saved);
	} else
		unsetenv("LANGUAGE");
	++_nl_msg_cat_cntr;
	return r;
}

/* ---- dates, times, numbers ------------------------------------------------ */

enum style { ISO, FI, SV, EN, RU, ET };

static enum style style_of(const char *lang)
{
	if (!strcmp(lang, "fi"))
		return FI;
	if (!strcmp(lang, "sv"))
		return SV;
	if (!strcmp(lang, "en"))
		return EN;
	if (!strcmp(lang, "ru") || !strcmp(lang, "uk"))
		return RU;
	if (!strcmp(lang, "et"))
		return ET;
	return ISO;
}

static char *date_str(const struct tm *tm, enum style s)
{
	int y = tm->tm_year + 1900, m = tm->tm_mon + 1, d = tm->tm_mday;
	switch (s) {
	case FI:	/* Finnish and Finland-Swedish write days and months */
	case SV:	/* without zeros: 3.12.2026 */
		return xasprintf("%d.%d.%d", d, m, y);
	case RU:
	case ET:
		return xasprintf("%02d.%02d.%d", d, m, y);
	default:
		return xasprintf("%04d-%02d-%02d", y, m, d);
	}
}

static char *time_str(const struct tm *tm, enum style s)
{
	switch (s) {
	case FI:	/* 9.00: the hour without a zero, a dot */
	case SV:
		return xasprintf("%d.%02d", tm->tm_hour, tm->tm_min);
	case ET:
		return xasprintf("%02d.%02d", tm->tm_hour, tm->tm_min);
	default:
		return xasprintf("%02d:%02d", tm->tm_hour, tm->tm_min);
	}
}

static int local(time_t t, struct tm *tm, char **out)
{
	if (localtime_r(&t, tm))
		return 0;
	*out = xstrdup("?");
	return -1;
}

int i18n_format_date(time_t t, char **out)
{
	struct tm tm;
	if (local(t, &tm, out) != 0)
		return -1;
	*out = date_str(&tm, style_of(current));
	return 0;
}

int i18n_format_time(time_t t, char **out)
{
	struct tm tm;
	if (local(t, &tm, out) != 0)
		return -1;
	*out = time_str(&tm, style_of(current));
	return 0;
}

int i18n_format_datetime(time_t t, char **out)
{
	struct tm tm;
	char *d, *h;
	enum style s = style_of(current);
	if (local(t, &tm, out) != 0)
		return -1;
	d = date_str(&tm, s);
	h = time_str(&tm, s);
	*out = xasprintf("%s %s", d, h);
	free(d);
	free(h);
	return 0;
}

int i18n_format_number(long long n, char **out)
{
	char digits[32], *buf, *p;
	const char *sep;
	size_t len, seplen, i, groups;
	unsigned long long v;
	int neg = n < 0;
	enum style s = style_of(current);

	v = neg ? 0ULL - (unsigned long long)n : (unsigned long long)n;
	len = (size_t)snprintf(digits, sizeof digits, "%llu", v);
	switch (s) {
	case EN:
		sep = ",";
		break;
	case ISO:
		sep = "";
		break;
	default:
		sep = "\u00a0";
		break;
	}
	/* Estonian groups only from 10 000 up (CLDR minimum grouping 2). */
	if (s == ET && len <= 4)
		sep = "";
	seplen = strlen(sep);
	groups = seplen ? (len - 1) / 3 : 0;
	buf = p = xmalloc(len + groups * seplen + 2);
	if (neg)
		*p++ = '-';
	for (i = 0; i < len; i++) {
		*p++ = digits[i];
		if (seplen && i + 1 < len && (len - i - 1) % 3 == 0) {
			memcpy(p, sep, seplen);
			p += seplen;
		}
	}
	*p = '\0';
	*out = buf;
	return (int)(p - buf);
}

const char *i18n_decimal_point(void)
{
	static const char *const comma[] = { "fi", "sv", "ru", "uk", "et" };
	size_t i;
	for (i = 0; i < sizeof comma / sizeof comma[0]; i++)
		if (!strcmp(i18n_lang(), comma[i]))
			return ",";
	return ".";
}

char *i18n_format_ymd(const char *ymd)
{
	struct tm tm;
	char *out = NULL;
	memset(&tm, 0, sizeof tm);
	if (date_parse(ymd, &tm.tm_year, &tm.tm_mon, &tm.tm_mday) != 0)
		return xstrdup(ymd ? ymd : "");
	tm.tm_year -= 1900;
	tm.tm_mon -= 1;
	tm.tm_hour = 12;	/* noon: no daylight-saving edge moves the day */
	tm.tm_isdst = -1;
	if (i18n_format_date(mktime(&tm), &out) != 0) {
		free(out);
		return xstrdup(ymd);
	}
	return out;
}
