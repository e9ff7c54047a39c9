/* codes: the code lists stored in statistics (DESIGN.md, "Codes stored in
 * statistics"). Codes are stable and never translated; labels are marked
 * with N_() and translated when shown. */
#ifndef NEUVOO_CODES_H
#define NEUVOO_CODES_H

#include <stddef.h>
#include <stdint.h>

enum code_list {
	CODES_CHANNEL,
	CODES_INTERPRETER,
	CODES_OUTCOME,
	CODES_REASON,		/* redirect_reason */
	CODES_DISCOVERY,
	CODES_AGE,		/* age_band */
	CODES_GENDER,
	CODES_LIFE,		/* life_situation (optional field) */
	CODES_TOPIC,
	CODES_ORG_KIND,		/* catalogue organisation kinds */
	CODES__N
};

/* Topic indexes follow the contract's order; topics are stored in a
 * contact as a bit set (bit i = topic i). */
enum topic {
	TOPIC_HOUSING, TOPIC_EDUCATION, TOPIC_LEISURE, TOPIC_ELDERLY,
	TOPIC_FAMILIES, TOPIC_TRANSPORT, TOPIC_PERMITS, TOPIC_MOVING,
	TOPIC_DAYCARE, TOPIC_HEALTH, TOPIC_EMPLOYMENT, TOPIC_DISABILITY,
	TOPIC_ENTREPRENEURSHIP, TOPIC_SOCIAL_ASSISTANCE, TOPIC_DIGITAL,
	TOPIC_OTHER,
	TOPIC__N
};
typedef uint32_t topic_set;

struct code {
	const char *code;	/* stable identifier, e.g. "walk-in" */
	const char *label;	/* English label, N_()-marked */
};

/* The list's entries in contract order, and how many there are. */
const struct code *codes_list(enum code_list list, size_t *n);
size_t codes_count(enum code_list list);
/* The list's name as used in config and report (--by), e.g. "channel". */
const char *codes_list_name(enum code_list list);
/* Index of code in list, or -1. */
int codes_find(enum code_list list, const char *code);
/* Code at index (NULL when out of range). */
const char *codes_code(enum code_list list, int idx);
/* Translated label at index (gettext), NULL when out of range. */
const char *codes_label(enum code_list list, int idx);

/* "housing;daycare": topics as the contract's ;-joined codes in code order.
 * Returns a new string. */
char *codes_topics_join(topic_set set);
/* Parse a ;-joined list; returns -1 on an unknown code (leaving *set
 * unchanged), 0 on success. */
int codes_topics_parse(const char *s, topic_set *set);

#endif
