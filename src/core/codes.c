/* codes: the code lists of DESIGN.md, "Codes stored in statistics".
 *
 * Design: plain static tables in the contract's order, because the order is
 * part of the contract (topics are a bit set by index, reports list codes in
 * this order). Codes are what files store and are never translated; labels
 * are English msgids marked with N_() and go through gettext when shown.
 * The catalogue's lists are X-macros in codes.h (the catalogue schema's
 * CHECKs are made from them too); their tables here are made from those. */
#include <config.h>

#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

#include "core/codes.h"
#include "core/err.h"
#include "core/i18n.h"

#define COUNT(a) (sizeof(a) / sizeof((a)[0]))

static const struct code channel[] = {
	/* TRANSLATORS: contact channels, shown in narrow choice fields: keep each
	 * label short (about 24 columns at most). */
	{ "walk-in", N_("Walk-in") },
	{ "phone", N_("Phone") },
	{ "chat", N_("Chat") },
	{ "email", N_("E-mail") },
	{ "video", N_("Video call") },
	{ "outreach", N_("Outreach") },
};

static const struct code interpreter[] = {
	/* TRANSLATORS: how interpreting was arranged for a contact; keep each label
	 * short (about 24 columns at most). */
	{ "none", N_("No interpreter") },
	{ "colleague", N_("Multilingual colleague") },
	{ "phone", N_("Phone interpreter") },
	{ "video", N_("Video interpreter") },
	{ "on-site", N_("On-site interpreter") },
	{ "companion", N_("Customer's companion") },
};

static const struct code outcome[] = {
	/* TRANSLATORS: the outcome of a contact; keep each label short (about 24
	 * columns at most). */
	{ "answered", N_("Answered") },
	{ "redirected", N_("Redirected") },
	{ "consulted", N_("Consulted another service") },
	{ "callback", N_("Call back later") },
};

static const struct code reason[] = {
	/* TRANSLATORS: why a customer was redirected to another service; keep each
	 * label short (about 24 columns at most, the longest may be abbreviated). */
	{ "expertise", N_("Another service has the expertise") },
	{ "wrong-place", N_("Came to the wrong place") },
	{ "language", N_("No language resources") },
	{ "time", N_("No time resources") },
};

static const struct code discovery[] = {
	/* TRANSLATORS: how the customer found the advisory service; keep each label
	 * short (about 24 columns at most). */
	{ "authority", N_("Via an authority") },
	{ "municipal", N_("Via a city service") },
	{ "advisory", N_("Via an advisory service") },
	{ "network", N_("Friends or family") },
	{ "advertising", N_("Advertising") },
	{ "internet", N_("Internet search") },
	{ "other", N_("Other") },
};

static const struct code age[] = {
	/* TRANSLATORS: age bands of a customer; keep each label short (about 24
	 * columns at most). */
	{ "under-18", N_("Under 18") },
	{ "18-29", N_("18-29") },
	{ "30-64", N_("30-64") },
	{ "65-plus", N_("65 or over") },
	{ "unknown", N_("Not known") },
};

static const struct code gender[] = {
	/* TRANSLATORS: a customer's gender as recorded in statistics; keep each
	 * label short (about 24 columns at most). */
	{ "female", N_("Female") },
	{ "male", N_("Male") },
	{ "other", N_("Other") },
	{ "unknown", N_("Not known") },
};

static const struct code life[] = {
	/* TRANSLATORS: a customer's life situation; keep each label short (about 24
	 * columns at most). */
	{ "working", N_("Working") },
	{ "studying", N_("Studying") },
	{ "unemployed", N_("Unemployed") },
	{ "retired", N_("Retired") },
	{ "family-leave", N_("Family leave") },
	{ "asylum-seeker", N_("Asylum seeker") },
	{ "other", N_("Other") },
	{ "unknown", N_("Not known") },
};

static const struct code topic[] = {
	/* TRANSLATORS: topics of a contact, shown as a checklist; keep each label
	 * short (about 24 columns at most). */
	{ "housing", N_("Housing") },
	{ "education", N_("Education") },
	{ "leisure", N_("Leisure") },
	{ "elderly", N_("Elderly people") },
	{ "families", N_("Families with children") },
	{ "transport", N_("Transport") },
	{ "permits", N_("Permits") },
	{ "moving", N_("Moving to Finland") },
	{ "daycare", N_("Early childhood education") },
	{ "health", N_("Health") },
	{ "employment", N_("Employment") },
	{ "disability", N_("Disability services") },
	{ "entrepreneurship", N_("Entrepreneurship") },
	{ "social-assistance", N_("Social assistance") },
	{ "digital", N_("Digital support") },
	{ "other", N_("Other") },
};

#define CODE_(e, code, label) { code, label },
static const struct code org_kind[] = { CODES_ORG_KINDS(CODE_) };
static const struct code res_kind[] = { CODES_RES_KINDS(CODE_) };
static const struct code modality[] = { CODES_MODALITIES(CODE_) };
static const struct code appointment[] = { CODES_APPOINTMENTS(CODE_) };

static const struct {
	const char *name;
	const struct code *list;
	size_t n;
} lists[CODES__N] = {
	[CODES_CHANNEL] = { "channel", channel, COUNT(channel) },
	[CODES_INTERPRETER] = { "interpreter", interpreter, COUNT(interpreter) },
	[CODES_OUTCOME] = { "outcome", outcome, COUNT(outcome) },
	[CODES_REASON] = { "reason", reason, COUNT(reason) },
	[CODES_DISCOVERY] = { "discovery", discovery, COUNT(discovery) },
	[CODES_AGE] = { "age", age, COUNT(age) },
	[CODES_GENDER] = { "gender", gender, COUNT(gender) },
	[CODES_LIFE] = { "life", life, COUNT(life) },
	[CODES_TOPIC] = { "topic", topic, COUNT(topic) },
	[CODES_ORG_KIND] = { "org-kind", org_kind, COUNT(org_kind) },
	[CODES_RES_KIND] = { "resource-kind", res_kind, COUNT(res_kind) },
	[CODES_MODALITY] = { "modality", modality, COUNT(modality) },
	[CODES_APPOINTMENT] = { "appointment", appointment, COUNT(appointment) },
};

/* The topic bit set must hold every topic. */
_Static_assert(COUNT(topic) == TOPIC__N, "topic table and enum differ");
_Static_assert(TOPIC__N <= 32, "topic_set is 32 bits");

static bool valid_list(enum code_list list)
{
	return (int)list >= 0 && list < CODES__N;
}

const struct code *codes_list(enum code_list list, size_t *n)
{
	if (!valid_list(list)) {
		if (n)
			*n = 0;
		return NULL;
	}
	if (n)
		*n = lists[list].n;
	return lists[list].list;
}

size_t codes_count(enum code_list list)
{
	return valid_list(list) ? lists[list].n : 0;
}

const char *codes_list_name(enum code_list list)
{
	return valid_list(list) ? lists[list].name : NULL;
}

int codes_find(enum code_list list, const char *code)
{
	size_t i;
	if (!valid_list(list) || !code)
		return -1;
	for (i = 0; i < lists[list].n; i++)
		if (!strcmp(lists[list].list[i].code, code))
			return (int)i;
	return -1;
}

const char *codes_code(enum code_list list, int idx)
{
	if (!valid_list(list) || idx < 0 || (size_t)idx >= lists[list].n)
		return NULL;
	return lists[list].list[idx].code;
}

const char *codes_label(enum code_list list, int idx)
{
	if (!valid_list(list) || idx < 0 || (size_t)idx >= lists[list].n)
		return NULL;
	return _(lists[list].list[idx].label);
}

char *codes_join_bits(enum code_list list, unsigned bits, const char *sep)
{
	size_t n = codes_count(list), i, len = 0;
	char *s, *p;
	for (i = 0; i < n; i++)
		if (bits & (1u << i))
			len += strlen(lists[list].list[i].code) + strlen(sep);
	s = p = xmalloc(len + 1);
	*p = '\0';
	for (i = 0; i < n; i++) {
		if (!(bits & (1u << i)))
			continue;
		if (p != s)
			p = stpcpy(p, sep);
		p = stpcpy(p, lists[list].list[i].code);
	}
	return s;
}

int codes_parse_bits(enum code_list list, const char *s, const char *seps,
		     unsigned *bits)
{
	size_t n = codes_count(list);
	int rc = 0;
	*bits = 0;
	while (s && *s) {
		size_t len = strcspn(s, seps), i;
		const char *w = s;
		s += len;
		if (*s)
			s++;
		while (len && *w == ' ') {
			w++;
			len--;
		}
		if (!len)
			continue;
		for (i = 0; i < n; i++)
			if (strlen(lists[list].list[i].code) == len &&
			    !strncmp(lists[list].list[i].code, w, len))
				break;
		if (i == n)
			rc = -1;
		else
			*bits |= 1u << i;
	}
	return rc;
}

char *codes_topics_join(topic_set set)
{
	size_t len = 0, i;
	char *s, *p;

	for (i = 0; i < TOPIC__N; i++)
		if (set & ((topic_set)1 << i))
			len += strlen(topic[i].code) + 1;
	s = p = xmalloc(len + 1);
	*p = '\0';
	for (i = 0; i < TOPIC__N; i++) {
		if (!(set & ((topic_set)1 << i)))
			continue;
		if (p != s)
			*p++ = ';';
		strcpy(p, topic[i].code);
		p += strlen(p);
	}
	return s;
}

int codes_topics_parse(const char *s, topic_set *set)
{
	topic_set out = 0;
	const char *p = s ? s : "";

	/* Empty items are tolerated ("", "a;;b", a trailing ';') because
	 * they carry no topic and hand-edited files have them. */
	while (*p) {
		const char *e = strchr(p, ';');
		size_t n = e ? (size_t)(e - p) : strlen(p);
		if (n > 0) {
			size_t i;
			for (i = 0; i < TOPIC__N; i++)
				if (strlen(topic[i].code) == n &&
				    !memcmp(topic[i].code, p, n))
					break;
			if (i == TOPIC__N)
				return -1;
			out |= (topic_set)1 << i;
		}
		p += n;
		if (*p == ';')
			p++;
	}
	if (set)
		*set = out;
	return 0;
}

const char *codes_topic_short(int t)
{
	/* TRANSLATORS: short topic labels for two columns at 80x24: at
	 * most 13 columns each, whole words (no dot, no cut). */
	switch (t) {
	case TOPIC_HOUSING: return C_("topic-short", "Housing");
	case TOPIC_EDUCATION: return C_("topic-short", "Education");
	case TOPIC_LEISURE: return C_("topic-short", "Leisure");
	case TOPIC_ELDERLY: return C_("topic-short", "Elderly");
	case TOPIC_FAMILIES: return C_("topic-short", "Families");
	case TOPIC_TRANSPORT: return C_("topic-short", "Transport");
	case TOPIC_PERMITS: return C_("topic-short", "Permits");
	case TOPIC_MOVING: return C_("topic-short", "Moving here");
	case TOPIC_DAYCARE: return C_("topic-short", "Daycare");
	case TOPIC_HEALTH: return C_("topic-short", "Health");
	case TOPIC_EMPLOYMENT: return C_("topic-short", "Employment");
	case TOPIC_DISABILITY: return C_("topic-short", "Disability");
	case TOPIC_ENTREPRENEURSHIP: return C_("topic-short", "Business");
	case TOPIC_SOCIAL_ASSISTANCE: return C_("topic-short", "Social aid");
	case TOPIC_DIGITAL: return C_("topic-short", "Digital help");
	case TOPIC_OTHER: return C_("topic-short", "Other");
	default: return "";
	}
}
