/* scenario_fields: how each field of a contact is named in scenario files,
 * read from a contact and checked, for the keys and the `when` rules.
 *
 * Design: one table made from CONTACT_FIELDS, so a field added there can
 * be graded at once; what a field needs follows its kind (CODE: codes of
 * its list, TEXT: as written, TOPICS: topic codes, COUNT: a number or a
 * range, FLAG: "yes" or "no") and its use (PRIVATE: graded as "holds no personal data"). Only
 * the names that version 0.1's files already used differ from the column
 * names (redirect, reason, topic), and the resource used is graded with
 * the interpreter. */
#include <config.h>

#include <errno.h>
#include <limits.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/err.h"
#include "core/i18n.h"
#include "core/scenario.h"

enum field_kind { FK_CODE, FK_TEXT, FK_TOPICS, FK_COUNT, FK_FLAG };
enum field_use { FU_PUBLIC, FU_INTERNAL, FU_PRIVATE };

struct field {
	const char *name;	/* the column */
	enum field_kind kind;
	int list;		/* CODE: its code list */
	enum field_use use;
	size_t off;		/* in struct contact */
};

#define FIELD_ROW(name, t, k, kind, list, use) \
	{ #name, FK_##kind, list, FU_##use, offsetof(struct contact, name) },
static const struct field fields[SC__NFIELD] = {
	CONTACT_FIELDS(FIELD_ROW)
};
#undef FIELD_ROW

/* Section names that differ from the column (the names of 0.1's files);
 * NULL: graded with another field. */
static const struct {
	enum sc_kind f;
	const char *section;
} renamed[] = {
	{ SC_F_topics, "topic" },
	{ SC_F_redirect_service, "redirect" },
	{ SC_F_redirect_reason, "reason" },
	{ SC_F_interpreter_resource, NULL },
};

const char *scenario_field_section(enum sc_kind f)
{
	size_t i;
	if ((int)f < 0 || f >= SC__NFIELD)
		return NULL;
	for (i = 0; i < sizeof renamed / sizeof renamed[0]; i++)
		if (renamed[i].f == f)
			return renamed[i].section;
	return fields[f].name;
}

int scenario_field_find(const char *section)
{
	int f;
	if (!section)
		return -1;
	for (f = 0; f < SC__NFIELD; f++) {
		const char *s = scenario_field_section((enum sc_kind)f);
		if (s && !strcmp(s, section))
			return f;
	}
	return -1;
}

bool scenario_field_private(enum sc_kind f)
{
	return f < SC__NFIELD && fields[f].use == FU_PRIVATE;
}

bool scenario_field_count(enum sc_kind f)
{
	return f < SC__NFIELD && fields[f].kind == FK_COUNT;
}

int scenario_field_list(enum sc_kind f)
{
	return f < SC__NFIELD && fields[f].kind == FK_CODE ? fields[f].list : -1;
}

static const void *member(const struct contact *c, enum sc_kind f)
{
	return (const char *)c + fields[f].off;
}

char *scenario_field_value(enum sc_kind f, const struct contact *c)
{
	const char *s;
	if (!c || f >= SC__NFIELD)
		return xstrdup("");
	switch (fields[f].kind) {
	case FK_CODE:
		s = codes_code((enum code_list)fields[f].list,
			       *(const int *)member(c, f));
		return xstrdup(s ? s : "");
	case FK_TEXT:
		s = *(char *const *)member(c, f);
		return xstrdup(s ? s : "");
	case FK_TOPICS:
		return codes_topics_join(*(const topic_set *)member(c, f));
	case FK_COUNT: {
		int n = *(const int *)member(c, f);
		return n > 0 ? xasprintf("%d", n) : xstrdup("");
	}
	case FK_FLAG:
		return xstrdup(*(const bool *)member(c, f) ? "yes" : "no");
	}
	return xstrdup("");
}

/* "N", "N-M" or "N+", N and M whole numbers from 0. */
static bool count_parse(const char *s, long *lo, long *hi)
{
	char *end;
	if (!s || *s < '0' || *s > '9')
		return false;
	errno = 0;
	*lo = strtol(s, &end, 10);
	if (errno || *lo > INT_MAX)
		return false;
	if (!*end) {
		*hi = *lo;
		return true;
	}
	if (!strcmp(end, "+")) {
		*hi = LONG_MAX;
		return true;
	}
	if (*end != '-' || end[1] < '0' || end[1] > '9')
		return false;
	*hi = strtol(end + 1, &end, 10);
	return !errno && !*end && *hi >= *lo && *hi <= INT_MAX;
}

bool scenario_count_matches(const char *accept, long n)
{
	long lo, hi;
	return count_parse(accept, &lo, &hi) && n >= lo && n <= hi;
}

/* ISO 639-1 or 639-3: two or three lower-case letters. */
static bool lang_ok(const char *s)
{
	size_t n = 0;
	for (; s[n]; n++)
		if (s[n] < 'a' || s[n] > 'z')
			return false;
	return n == 2 || n == 3;
}

/* Catalogue ids come from HSDS imports too (UUIDs, dotted names). */
static bool ref_ok(const char *s)
{
	size_t n = 0;
	if (!*s)
		return false;
	for (; s[n]; n++)
		if (!((s[n] >= 'a' && s[n] <= 'z') || (s[n] >= 'A' && s[n] <= 'Z')
		      || (s[n] >= '0' && s[n] <= '9') || s[n] == '-' || s[n] == '_'
		      || s[n] == '.'))
			return false;
	return n <= 128;
}

/* "walk-in, phone, chat..." for messages. */
static char *codes_joined(enum code_list list)
{
	size_t n, i;
	const struct code *c = codes_list(list, &n);
	char *s = xstrdup("");
	for (i = 0; i < n; i++) {
		char *t = xasprintf("%s%s%s", s, i ? ", " : "", c[i].code);
		free(s);
		s = t;
	}
	return s;
}

char *scenario_field_value_error(enum sc_kind f, const char *v)
{
	const char *sec = scenario_field_section(f);
	if (!v)
		v = "";
	if (f >= SC__NFIELD)
		return xstrdup("?");
	switch (fields[f].kind) {
	case FK_CODE:
		if (codes_find((enum code_list)fields[f].list, v) < 0) {
			const char *list = codes_list_name((enum code_list)fields[f].list);
			char *all = codes_joined((enum code_list)fields[f].list);
			/* The lists' names are English words: "an outcome". */
			char *m = strchr("aeiou", list[0])
				? xasprintf(_("%s: '%s' is not an %s code (%s)"), sec, v, list, all)
				: xasprintf(_("%s: '%s' is not a %s code (%s)"), sec, v, list, all);
			free(all);
			return m;
		}
		return NULL;
	case FK_TOPICS:
		if (codes_find(CODES_TOPIC, v) < 0) {
			char *all = codes_joined(CODES_TOPIC);
			char *m = xasprintf(_("'%s' is not a topic code (%s)"), v, all);
			free(all);
			return m;
		}
		return NULL;
	case FK_COUNT: {
		long lo, hi;
		if (!count_parse(v, &lo, &hi))
			return xasprintf(_("%s: '%s' is not a number or a range: write \"1\", \"2-4\" or \"5+\""),
					 sec, v);
		return NULL;
	}
	case FK_FLAG:
		if (strcmp(v, "yes") && strcmp(v, "no"))
			return xasprintf(_("%s: '%s' is neither yes nor no"), sec, v);
		return NULL;
	case FK_TEXT:
		if (f == SC_F_language && !lang_ok(v))
			return xasprintf(_("language: '%s' is not a language code: write ISO 639-1 codes such as \"so\", in lower case"),
					 v);
		if (f == SC_F_redirect_service && !ref_ok(v))
			return xasprintf(_("redirect: '%s' is not a catalogue service id (letters, digits, '-', '_' or '.')"),
					 v);
		return NULL;
	}
	return NULL;
}
