/* contact_fields: the one list of a contact's recorded fields, the row the
 * statistics own.
 *
 * Everything that spells out a contact's columns is made from
 * CONTACT_FIELDS: the contact and draft tables of a desk file (stats),
 * the INSERT of a save and the draft journal, the reads of undo, draft
 * and scan, the row readers get (struct stats_row), and the csv and json
 * writers of `report --contacts` (their header and order are the
 * contract's). A new field is one line here (appended: columns are only
 * ever appended), its member in struct contact and, for a code, its list
 * in codes.h.
 *
 * X(name, sqltype, constraint, kind, list, use):
 *   name        the C member of struct contact and struct stats_row, the
 *               column, and the csv/json name
 *   sqltype     its SQL type; constraint what the contact table adds
 *   kind        CODE (an index of code list `list`, stored as its code),
 *               TEXT (a string) or TOPICS (a topic_set, stored as the
 *               contract's ;-joined codes)
 *   use         PUBLIC (read by reports and exported), INTERNAL (read by
 *               reports, never exported) or PRIVATE (never read outside
 *               the desk's own session, never exported: the note)
 *
 * The fields come in groups by the schema version that added them
 * (CONTACT_FIELDS_SINCE_n): a file of an older version lacks the later
 * groups, a writer migrating it appends their columns, and readers of it
 * get each missing field's old value (CONTACT_OLD_<kind>). A new group is
 * a new schema version (stats.c appends its columns).
 *
 * The columns around these (id, desk, advisor, times, session, undo) are
 * the statistics' own and written out in stats. */
#ifndef NEUVOO_CONTACT_FIELDS_H
#define NEUVOO_CONTACT_FIELDS_H

#include "core/codes.h"

#define CONTACT_FIELDS_SINCE_1(X) \
	X(channel, "TEXT", "", CODE, CODES_CHANNEL, PUBLIC) \
	X(language, "TEXT", "", TEXT, 0, PUBLIC) \
	X(interpreter, "TEXT", "", CODE, CODES_INTERPRETER, PUBLIC) \
	X(topics, "TEXT", " NOT NULL DEFAULT ''", TOPICS, CODES_TOPIC, PUBLIC) \
	X(outcome, "TEXT", "", CODE, CODES_OUTCOME, PUBLIC) \
	X(redirect_service, "TEXT", "", TEXT, 0, PUBLIC) \
	X(redirect_reason, "TEXT", "", CODE, CODES_REASON, PUBLIC) \
	X(interpreter_resource, "TEXT", "", TEXT, 0, INTERNAL) \
	X(discovery, "TEXT", "", CODE, CODES_DISCOVERY, PUBLIC) \
	X(age_band, "TEXT", "", CODE, CODES_AGE, PUBLIC) \
	X(gender, "TEXT", "", CODE, CODES_GENDER, PUBLIC) \
	X(life_situation, "TEXT", "", CODE, CODES_LIFE, PUBLIC) \
	X(note, "TEXT", "", TEXT, 0, PRIVATE)

/* Schema 3: how many people the contact served (a group at an outreach
 * event counts once as a contact, its size as people) and whether the
 * advisor set its start time afterwards. */
#define CONTACT_FIELDS_SINCE_3(X) \
	X(people, "INTEGER", " NOT NULL DEFAULT 1", COUNT, 0, PUBLIC) \
	X(backdated, "INTEGER", " NOT NULL DEFAULT 0", FLAG, 0, INTERNAL)

#define CONTACT_FIELDS(X) CONTACT_FIELDS_SINCE_1(X) CONTACT_FIELDS_SINCE_3(X)

/* A field's value in a file older than the field, as SQL. */
#define CONTACT_OLD_CODE "NULL"
#define CONTACT_OLD_TEXT "NULL"
#define CONTACT_OLD_TOPICS "''"
#define CONTACT_OLD_COUNT "1"
#define CONTACT_OLD_FLAG "0"

/* CONTACT_IF_READ(use, x): x for the fields readers get; CONTACT_IF_EXPORT
 * (use, x): x for the exported ones. */
#define CONTACT_IF_READ(use, x) CONTACT_READ_##use(x)
#define CONTACT_READ_PUBLIC(x) x
#define CONTACT_READ_INTERNAL(x) x
#define CONTACT_READ_PRIVATE(x)
#define CONTACT_IF_EXPORT(use, x) CONTACT_EXPORT_##use(x)
#define CONTACT_EXPORT_PUBLIC(x) x
#define CONTACT_EXPORT_INTERNAL(x)
#define CONTACT_EXPORT_PRIVATE(x)

/* Each field's index, in CONTACT_FIELDS order (CONTACT_F_channel ...),
 * for masks of the fields a reader needs (CONTACT_FIELD_BIT). */
#define CONTACT_FIELD_ENUM(name, t, k, kind, l, u) CONTACT_F_##name,
enum contact_field { CONTACT_FIELDS(CONTACT_FIELD_ENUM) CONTACT_F__N };
#undef CONTACT_FIELD_ENUM
#define CONTACT_FIELD_BIT(f) (1ul << (f))

/* How many fields there are. */
#define CONTACT_FIELD_ONE(name, t, k, kind, l, u) + 1
#define CONTACT_FIELDS_N (0 CONTACT_FIELDS(CONTACT_FIELD_ONE))

/* String pieces for SQL and headers, each a literal. */
#define CONTACT_COL_NAME(name, t, k, kind, l, u) ", " #name
#define CONTACT_COL_QMARK(name, t, k, kind, l, u) ", ?"
#define CONTACT_COL_READ(name, t, k, kind, l, use) \
	CONTACT_IF_READ(use, ", " #name)
#define CONTACT_COL_CSV(name, t, k, kind, l, use) \
	CONTACT_IF_EXPORT(use, "," #name)

/* ", channel, language, ...": every field, for INSERT and SELECT. */
#define CONTACT_COLUMNS CONTACT_FIELDS(CONTACT_COL_NAME)
/* ", ?, ?, ...": as many placeholders. */
#define CONTACT_QMARKS CONTACT_FIELDS(CONTACT_COL_QMARK)
/* ", channel, ...": the fields readers get. */
#define CONTACT_READ_COLUMNS CONTACT_FIELDS(CONTACT_COL_READ)
/* The same for a file of schema 1 or 2: the later fields as their old
 * values. */
#define CONTACT_COL_READ_OLD(name, t, k, kind, l, use) \
	CONTACT_IF_READ(use, ", " CONTACT_OLD_##kind " AS " #name)
#define CONTACT_READ_COLUMNS_V2 \
	CONTACT_FIELDS_SINCE_1(CONTACT_COL_READ) \
	CONTACT_FIELDS_SINCE_3(CONTACT_COL_READ_OLD)

/* The contract's header of `report --contacts --format csv`. */
#define CONTACT_CSV_HEADER \
	"id,desk,started_at,ended_at" CONTACT_FIELDS(CONTACT_COL_CSV)

#endif
