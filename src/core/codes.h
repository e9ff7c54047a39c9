/* codes: the code lists stored in statistics (DESIGN.md, "Codes stored in
 * statistics") and the catalogue's own (organisation and resource kinds,
 * modalities, appointments). Codes are stable and never translated;
 * labels are marked with N_() and translated when shown. */
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
	CODES_RES_KIND,		/* catalogue resource kinds */
	CODES_MODALITY,		/* how a resource works (a bit set) */
	CODES_APPOINTMENT,	/* whether a service needs an appointment */
	CODES__N
};

/* The catalogue's code lists, one place each: X(ENUM, "code", label).
 * They make the enums here, the tables of codes.c and the CHECK
 * constraints of the catalogue schema (catalogue_fields.h). Labels are
 * N_() msgids (this header is in po/POTFILES.in). */
#define CODES_ORG_KINDS(X)						\
	/* TRANSLATORS: kinds of organisation in the service catalogue;	\
	 * keep each label short (about 24 columns at most). */		\
	X(ORG_CITY, "city", N_("City service"))				\
	X(ORG_PUBLIC, "public", N_("Public authority"))			\
	X(ORG_NGO, "ngo", N_("NGO"))					\
	X(ORG_OTHER, "other", N_("Other"))
#define CODES_RES_KINDS(X)						\
	/* TRANSLATORS: kinds of resource, as `catalogue info` counts them. */ \
	X(RES_COLLEAGUE, "colleague", N_("colleagues"))			\
	X(RES_INTERPRETING, "interpreting", N_("interpreting"))
/* A resource's modalities are a bit set: bit i is entry i. */
#define CODES_MODALITIES(X)						\
	/* TRANSLATORS: how an interpreter works, short, in the list. */	\
	X(MODALITY_INPERSON, "in-person", N_("in person"))		\
	X(MODALITY_PHONE, "phone", N_("phone"))				\
	X(MODALITY_VIDEO, "video", N_("video"))				\
	X(MODALITY_ONSITE, "on-site", N_("on-site"))
#define CODES_APPOINTMENTS(X)						\
	X(APPT_NO, "no", N_("not needed"))				\
	X(APPT_YES, "yes", N_("needed"))				\
	X(APPT_SOMETIMES, "sometimes", N_("sometimes needed"))

#define CODES_ENUM_(e, code, label) e,
enum org_kind { CODES_ORG_KINDS(CODES_ENUM_) ORG__N };
enum res_kind { CODES_RES_KINDS(CODES_ENUM_) RES__N };
enum modality { CODES_MODALITIES(CODES_ENUM_) MODALITY__N };
enum appointment { CODES_APPOINTMENTS(CODES_ENUM_) APPT__N };
enum {
	MOD_INPERSON = 1 << MODALITY_INPERSON,	/* a colleague at the desk */
	MOD_PHONE = 1 << MODALITY_PHONE,
	MOD_VIDEO = 1 << MODALITY_VIDEO,
	MOD_ONSITE = 1 << MODALITY_ONSITE,
	MOD__ALL = (1 << MODALITY__N) - 1
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

/* A bit set of codes of list (bit i = code i) as the codes joined by sep
 * in list order ("in-person,phone"); a new string. */
char *codes_join_bits(enum code_list list, unsigned bits, const char *sep);
/* The reverse: words separated by any of seps, spaces before a word
 * ignored; -1 on an unknown word (*bits then holds the known ones). */
int codes_parse_bits(enum code_list list, const char *s, const char *seps,
		     unsigned *bits);

/* A topic's short label (translated, at most 13 columns in every shipped
 * language, never cut): what the Topics pane shows when it lays the
 * topics out in two columns (an 80x24 desk shows all 16 so). */
const char *codes_topic_short(int topic);

/* "housing;daycare": topics as the contract's ;-joined codes in code order.
 * Returns a new string. */
char *codes_topics_join(topic_set set);
/* Parse a ;-joined list; returns -1 on an unknown code (leaving *set
 * unchanged), 0 on success. */
int codes_topics_parse(const char *s, topic_set *set);

#endif
