/* catalogue_fields: the catalogue's schema as data, one place.
 *
 * Every table of the catalogue file is one X-macro below, one row a
 * column, in the order of the file. Each row says what the column is:
 *
 *   F(col, shape, decl, type, arg, where, member, check, label, since)
 *
 * (the first row of a table, its key, is F1: the same, written without a
 * separator before it)
 *
 *   col     the SQL column; a per-language text (shape LANGS) is the
 *           columns col_fi, col_sv, col_en, made from CAT_LANGS (the one
 *           list of catalogue languages), so no suffix is written by hand
 *   shape   ONE column or LANGS (one a catalogue language)
 *   decl    ONE: the column's SQL type and constraints; LANGS: which of
 *           the languages are required (REQ_NONE, REQ_FI, REQ_FI_EN)
 *   type    how the record holds it: FT_STR (a string), FT_SHARED (a
 *           string that repeats across records: the loader stores it
 *           once), FT_TEXT (struct cat_text), FT_STEXT (one whose texts
 *           repeat), FT_CODE (an enum of code
 *           list arg), FT_INT, or FT_OWN (the table's own code reads and
 *           writes it: ids, references, child rows)
 *   where   REC (the record), INFO (a service's details, which a lean
 *           catalogue leaves out) or WORDS (in the record, but a lean
 *           catalogue keeps only its words); member: the record's field
 *   check   what `catalogue check` asks of a value (CK_*, see
 *           catalogue_check.c); label: the field in its messages (for
 *           CK_CODE: the whole message for a value outside its list)
 *   since   the schema version that added the column: a file of an older
 *           version is read with NULL in its place (CAT_SELECT_V1 ...),
 *           and the migration to that version adds it (CAT_ALTER_V2).
 *           A row added later is appended to its table (ALTER TABLE
 *           appends), and must be nullable.
 *
 * The schema's DDL (catalogue_schema.c), the loader's SELECTs and reads
 * (catalogue_load.c, catalogue_cells.c, catalogue_lean.c), publish's
 * INSERTs (catalogue_publish.c), the checks (catalogue_check.c) and
 * freeing a record (catalogue.c) are all made from these rows, and HSDS
 * maps its columns onto them (hsds_cols.c): a new field is one row here
 * and its struct member (and an HSDS column entry when HSDS carries it).
 * Every SQL text made here is a compile-time literal. */
#ifndef NEUVOO_CATALOGUE_FIELDS_H
#define NEUVOO_CATALOGUE_FIELDS_H

#include <stddef.h>

#include "core/codes.h"

/* The catalogue languages: X(arg, ENUM suffix, column suffix). Their
 * order is the order of struct cat_text's v[] (CAT_FI, CAT_SV, ...). */
#define CAT_LANGS(X, a, b) X(a, b, FI, fi) X(a, b, SV, sv) X(a, b, EN, en)

#define CAT_LANG_ENUM_(a, b, U, l) CAT_##U,
enum cat_lang { CAT_LANGS(CAT_LANG_ENUM_, _, _) CAT__NLANG };
/* "fi", "sv", "en": the language's code (NULL out of range). */
const char *catalogue_lang_code(int lang);

/* Which languages of a LANGS column are NOT NULL. */
#define REQ_NONE(U) ""
#define REQ_FI(U) REQ_FI__##U
#define REQ_FI__FI " NOT NULL"
#define REQ_FI__SV ""
#define REQ_FI__EN ""
#define REQ_FI_EN(U) REQ_FI_EN__##U
#define REQ_FI_EN__FI " NOT NULL"
#define REQ_FI_EN__SV ""
#define REQ_FI_EN__EN " NOT NULL"

/* A CHECK that the column holds a code of a list of codes.h. */
#define CAT_SQL_CODE_(e, code, label) code "','"
#define CAT_SQL_CODES(col, LIST) \
	" CHECK (" #col " IN ('" LIST(CAT_SQL_CODE_) "') AND " #col " <> '')"

#define CAT_T_META(F1, F) \
	F1(key, ONE, "TEXT PRIMARY KEY", FT_OWN, 0, REC, _, CK_NONE, NULL, 1) \
	F(value, ONE, "TEXT NOT NULL", FT_OWN, 0, REC, _, CK_NONE, NULL, 1)

#define CAT_T_LANGUAGE(F1, F) \
	F1(code, ONE, "TEXT PRIMARY KEY", FT_STR, 0, REC, code, CK_LANGCODE, NULL, 1) \
	F(name, LANGS, REQ_FI_EN, FT_TEXT, 0, REC, name, CK_LANGNAME, N_("the name"), 1) \
	F(native, ONE, "TEXT", FT_STR, 0, REC, native, CK_LINE, N_("the native name"), 1)

#define CAT_T_ORGANISATION(F1, F) \
	F1(id, ONE, "TEXT PRIMARY KEY", FT_STR, 0, REC, id, CK_ID, NULL, 1) \
	F(kind, ONE, "TEXT NOT NULL" CAT_SQL_CODES(kind, CODES_ORG_KINDS), \
	  FT_CODE, CODES_ORG_KIND, REC, kind, CK_CODE, \
	  N_("the kind is not one of city, public, ngo, other"), 1) \
	F(name, LANGS, REQ_FI, FT_TEXT, 0, REC, name, CK_NAME, N_("the name"), 1) \
	F(web, ONE, "TEXT", FT_SHARED, 0, REC, web, CK_WEB, NULL, 1) \
	F(municipality, ONE, "TEXT", FT_SHARED, 0, REC, municipality, CK_LINE, \
	  N_("the municipality"), 1)

#define CAT_T_SERVICE(F1, F) \
	F1(id, ONE, "TEXT PRIMARY KEY", FT_STR, 0, REC, id, CK_ID, NULL, 1) \
	F(organisation_id, ONE, "TEXT NOT NULL REFERENCES organisation(id)", \
	  FT_OWN, 0, REC, org, CK_NONE, NULL, 1) \
	F(name, LANGS, REQ_FI, FT_TEXT, 0, REC, name, CK_NAME, N_("the name"), 1) \
	F(description, LANGS, REQ_NONE, FT_TEXT, 0, WORDS, description, CK_PARA, \
	  N_("the description"), 1) \
	F(eligibility, LANGS, REQ_NONE, FT_STEXT, 0, INFO, eligibility, CK_PARA, \
	  N_("the eligibility"), 1) \
	F(keywords, ONE, "TEXT", FT_SHARED, 0, REC, keywords, CK_LINE, \
	  N_("the keywords"), 1) \
	F(email, ONE, "TEXT", FT_SHARED, 0, INFO, email, CK_EMAIL, NULL, 1) \
	F(web, ONE, "TEXT", FT_SHARED, 0, INFO, web, CK_WEB, NULL, 1) \
	F(address, ONE, "TEXT", FT_SHARED, 0, INFO, address, CK_PARA, \
	  N_("the address"), 1) \
	F(municipality, ONE, "TEXT", FT_SHARED, 0, INFO, municipality, CK_LINE, \
	  N_("the municipality"), 1) \
	F(appointment, ONE, "TEXT NOT NULL DEFAULT 'no'" \
	  CAT_SQL_CODES(appointment, CODES_APPOINTMENTS), \
	  FT_CODE, CODES_APPOINTMENT, INFO, appointment, CK_CODE, \
	  N_("appointment is not one of no, yes, sometimes"), 1) \
	F(verified, ONE, "TEXT", FT_SHARED, 0, INFO, verified, CK_DATE, NULL, 1) \
	F(street, LANGS, REQ_NONE, FT_STEXT, 0, INFO, street, CK_LINE, \
	  N_("the street"), 2) \
	F(street_number, ONE, "TEXT", FT_SHARED, 0, INFO, street_number, CK_LINE, \
	  N_("the street number"), 2) \
	F(postal_code, ONE, "TEXT", FT_SHARED, 0, INFO, postal_code, CK_LINE, \
	  N_("the postal code"), 2) \
	F(post_office, LANGS, REQ_NONE, FT_STEXT, 0, INFO, post_office, CK_LINE, \
	  N_("the post office"), 2) \
	F(municipality_name, LANGS, REQ_NONE, FT_STEXT, 0, INFO, municipality_name, \
	  CK_LINE, N_("the municipality"), 2) \
	F(municipality_code, ONE, "TEXT", FT_SHARED, 0, INFO, municipality_code, \
	  CK_LINE, N_("the municipality code"), 2) \
	F(country, ONE, "TEXT", FT_SHARED, 0, INFO, country, CK_LINE, \
	  N_("the country"), 2) \
	F(attributes, ONE, "TEXT", FT_SHARED, 0, INFO, attributes, CK_LINE, \
	  N_("the attributes"), 2)

#define CAT_T_SERVICE_TOPIC(F1, F) \
	F1(service_id, ONE, "TEXT NOT NULL REFERENCES service(id)", FT_OWN, 0, REC, _, CK_NONE, NULL, 1) \
	F(topic, ONE, "TEXT NOT NULL", FT_OWN, 0, REC, _, CK_NONE, NULL, 1)

#define CAT_T_SERVICE_LANGUAGE(F1, F) \
	F1(service_id, ONE, "TEXT NOT NULL REFERENCES service(id)", FT_OWN, 0, REC, _, CK_NONE, NULL, 1) \
	F(language, ONE, "TEXT NOT NULL REFERENCES language(code)", FT_OWN, 0, REC, _, CK_NONE, NULL, 1)

#define CAT_T_SERVICE_PHONE(F1, F) \
	F1(service_id, ONE, "TEXT NOT NULL REFERENCES service(id)", FT_OWN, 0, REC, _, CK_NONE, NULL, 1) \
	F(position, ONE, "INTEGER NOT NULL", FT_OWN, 0, REC, _, CK_NONE, NULL, 1) \
	F(number, ONE, "TEXT NOT NULL", FT_STR, 0, REC, number, CK_PHONE, NULL, 1) \
	F(label, LANGS, REQ_NONE, FT_STEXT, 0, REC, label, CK_LINE, N_("a phone label"), 1)

#define CAT_T_SERVICE_HOURS(F1, F) \
	F1(service_id, ONE, "TEXT NOT NULL REFERENCES service(id)", FT_OWN, 0, REC, _, CK_NONE, NULL, 1) \
	F(weekday, ONE, "INTEGER NOT NULL CHECK (weekday BETWEEN 1 AND 7)", FT_OWN, 0, REC, _, CK_NONE, NULL, 1) \
	F(opens, ONE, "TEXT NOT NULL", FT_OWN, 0, REC, _, CK_NONE, NULL, 1) \
	F(closes, ONE, "TEXT NOT NULL", FT_OWN, 0, REC, _, CK_NONE, NULL, 1)

#define CAT_T_SERVICE_EXCEPTION(F1, F) \
	F1(service_id, ONE, "TEXT NOT NULL REFERENCES service(id)", FT_OWN, 0, REC, _, CK_NONE, NULL, 1) \
	F(date, ONE, "TEXT NOT NULL", FT_OWN, 0, REC, _, CK_NONE, NULL, 1) \
	F(opens, ONE, "TEXT", FT_OWN, 0, REC, _, CK_NONE, NULL, 1) \
	F(closes, ONE, "TEXT", FT_OWN, 0, REC, _, CK_NONE, NULL, 1)

#define CAT_T_RESOURCE(F1, F) \
	F1(id, ONE, "TEXT PRIMARY KEY", FT_STR, 0, REC, id, CK_ID, NULL, 1) \
	F(kind, ONE, "TEXT NOT NULL" CAT_SQL_CODES(kind, CODES_RES_KINDS), \
	  FT_CODE, CODES_RES_KIND, REC, kind, CK_CODE, \
	  N_("the kind is not one of colleague, interpreting"), 1) \
	F(name, LANGS, REQ_FI, FT_TEXT, 0, REC, name, CK_NAME, N_("the name"), 1) \
	F(unit, ONE, "TEXT", FT_SHARED, 0, REC, unit, CK_LINE, N_("the unit"), 1) \
	F(phone, ONE, "TEXT", FT_SHARED, 0, REC, phone, CK_EXTENSION, N_("the phone"), 1) \
	F(email, ONE, "TEXT", FT_SHARED, 0, REC, email, CK_EMAIL, NULL, 1) \
	F(web, ONE, "TEXT", FT_SHARED, 0, REC, web, CK_WEB, NULL, 1) \
	F(modality, ONE, "TEXT NOT NULL", FT_OWN, 0, REC, modality, CK_NONE, NULL, 1) \
	F(lead_minutes, ONE, "INTEGER NOT NULL DEFAULT 0", FT_INT, 0, REC, \
	  lead_minutes, CK_NONE, NULL, 1) \
	F(note, LANGS, REQ_NONE, FT_STEXT, 0, REC, note, CK_PARA, N_("the note"), 1)

#define CAT_T_RESOURCE_LANGUAGE(F1, F) \
	F1(resource_id, ONE, "TEXT NOT NULL REFERENCES resource(id)", FT_OWN, 0, REC, _, CK_NONE, NULL, 1) \
	F(language, ONE, "TEXT NOT NULL REFERENCES language(code)", FT_OWN, 0, REC, _, CK_NONE, NULL, 1) \
	F(dialects, ONE, "TEXT", FT_SHARED, 0, REC, dialects, CK_LINE, N_("the dialects"), 1)

#define CAT_T_RESOURCE_HOURS(F1, F) \
	F1(resource_id, ONE, "TEXT NOT NULL REFERENCES resource(id)", FT_OWN, 0, REC, _, CK_NONE, NULL, 1) \
	F(weekday, ONE, "INTEGER NOT NULL CHECK (weekday BETWEEN 1 AND 7)", FT_OWN, 0, REC, _, CK_NONE, NULL, 1) \
	F(opens, ONE, "TEXT NOT NULL", FT_OWN, 0, REC, _, CK_NONE, NULL, 1) \
	F(closes, ONE, "TEXT NOT NULL", FT_OWN, 0, REC, _, CK_NONE, NULL, 1)

#define CAT_T_TOPIC_ORDER(F1, F) \
	F1(topic, ONE, "TEXT PRIMARY KEY", FT_OWN, 0, REC, _, CK_NONE, NULL, 1) \
	F(position, ONE, "INTEGER NOT NULL", FT_OWN, 0, REC, _, CK_NONE, NULL, 1)

/* Every table: X(name, rows, table constraints after the columns). The
 * order is the order of the DDL. */
#define CAT_TABLES(X) \
	X(meta, CAT_T_META, "") \
	X(language, CAT_T_LANGUAGE, "") \
	X(organisation, CAT_T_ORGANISATION, "") \
	X(service, CAT_T_SERVICE, "") \
	X(service_topic, CAT_T_SERVICE_TOPIC, ",\n  PRIMARY KEY (service_id, topic)") \
	X(service_language, CAT_T_SERVICE_LANGUAGE, ",\n  PRIMARY KEY (service_id, language)") \
	X(service_phone, CAT_T_SERVICE_PHONE, ",\n  PRIMARY KEY (service_id, position)") \
	X(service_hours, CAT_T_SERVICE_HOURS, "") \
	X(service_exception, CAT_T_SERVICE_EXCEPTION, "") \
	X(resource, CAT_T_RESOURCE, "") \
	X(resource_language, CAT_T_RESOURCE_LANGUAGE, ",\n  PRIMARY KEY (resource_id, language)") \
	X(resource_hours, CAT_T_RESOURCE_HOURS, "") \
	X(topic_order, CAT_T_TOPIC_ORDER, "")

/* ---- SQL made from the rows (compile-time string literals) ------------ */

/* Column names "a, b_fi, b_sv, b_en". */
#define CAT_COL_LANG_(col, b, U, l) ", " #col "_" #l
#define CAT_COL_ONE_(col) ", " #col
#define CAT_COL_LANGS_(col) CAT_LANGS(CAT_COL_LANG_, col, _)
#define CAT_COL_(col, shape, ...) CAT_COL_##shape##_(col)
#define CAT_COL1_(col, shape, ...) #col
#define CAT_COLUMNS(ROWS) ROWS(CAT_COL1_, CAT_COL_)
/* Placeholders "?, ?, ?": one a column. */
#define CAT_PH_LANG_(col, b, U, l) ", ?"
#define CAT_PH_ONE_(col) ", ?"
#define CAT_PH_LANGS_(col) CAT_LANGS(CAT_PH_LANG_, col, _)
#define CAT_PH_(col, shape, ...) CAT_PH_##shape##_(col)
#define CAT_PH1_(col, shape, ...) "?"
#define CAT_PLACEHOLDERS(ROWS) ROWS(CAT_PH1_, CAT_PH_)
/* Column definitions "\n  a TEXT PRIMARY KEY,\n  b_fi TEXT NOT NULL, ...". */
#define CAT_DDL_LANG_(col, req, U, l) ",\n  " #col "_" #l " TEXT" req(U)
#define CAT_DDL_ONE_(col, decl) ",\n  " #col " " decl
#define CAT_DDL_LANGS_(col, req) CAT_LANGS(CAT_DDL_LANG_, col, req)
/* Version 1's columns only: the later ones come from their migration. */
#define CAT_DDL_(col, shape, decl, type, arg, where, member, check, label, since) \
	CAT_DDL_IN1_##since(col, shape, decl)
#define CAT_DDL_IN1_1(col, shape, decl) CAT_DDL_##shape##_(col, decl)
#define CAT_DDL_IN1_2(col, shape, decl)
#define CAT_DDL1_(col, shape, decl, ...) "\n  " #col " " decl
#define CAT_DDL_COLUMNS(ROWS) ROWS(CAT_DDL1_, CAT_DDL_)

/* The same columns with NULL for those a reader does not want, so that
 * column numbers stay those of CAT_SELECT: LEAN (a lean catalogue's
 * records: REC only) and DETAILS (one service's details: INFO and
 * WORDS). A table's key is REC. */
#define CAT_NULL_LANG_(col, b, U, l) ", NULL"
#define CAT_NULL_ONE_(col) ", NULL"
#define CAT_NULL_LANGS_(col) CAT_LANGS(CAT_NULL_LANG_, col, _)
#define CAT_PICK_COL_(col, shape) CAT_COL_##shape##_(col)
#define CAT_PICK_NULL_(col, shape) CAT_NULL_##shape##_(col)
#define CAT_LEAN_REC CAT_PICK_COL_
#define CAT_LEAN_INFO CAT_PICK_NULL_
#define CAT_LEAN_WORDS CAT_PICK_NULL_
#define CAT_DETAILS_REC CAT_PICK_NULL_
#define CAT_DETAILS_INFO CAT_PICK_COL_
#define CAT_DETAILS_WORDS CAT_PICK_COL_
#define CAT_LEAN_(col, shape, decl, type, arg, where, ...) CAT_LEAN_##where(col, shape)
#define CAT_DETAILS_(col, shape, decl, type, arg, where, ...) CAT_DETAILS_##where(col, shape)
#define CAT_NULL1_(...) "NULL"
/* Only the WORDS columns, each with a leading ", " (after a first column
 * of the caller's). */
#define CAT_ONLY_WORDS_REC(col, shape)
#define CAT_ONLY_WORDS_INFO(col, shape)
#define CAT_ONLY_WORDS_WORDS CAT_PICK_COL_
#define CAT_ONLY_WORDS_(col, shape, decl, type, arg, where, ...) CAT_ONLY_WORDS_##where(col, shape)
#define CAT_NONE1_(...)
#define CAT_ONLY_WORDS_COLUMNS(ROWS) ROWS(CAT_NONE1_, CAT_ONLY_WORDS_)
#define CAT_LEAN_COLUMNS(ROWS) ROWS(CAT_COL1_, CAT_LEAN_)
#define CAT_DETAILS_COLUMNS(ROWS) ROWS(CAT_NULL1_, CAT_DETAILS_)

/* A version-1 file read with a later version's columns: NULL for what it
 * does not have, so that column numbers stay those of CAT_SELECT (the
 * whole record, and one service's details). */
#define CAT_V1_1(col, shape) CAT_PICK_COL_(col, shape)
#define CAT_V1_2(col, shape) CAT_PICK_NULL_(col, shape)
#define CAT_COLV1_(col, shape, decl, type, arg, where, member, check, label, since) \
	CAT_V1_##since(col, shape)
#define CAT_SELECT_V1(t, ROWS) "SELECT " ROWS(CAT_COL1_, CAT_COLV1_) " FROM " #t
#define CAT_DETV1_1(col, shape, where) CAT_DETAILS_##where(col, shape)
#define CAT_DETV1_2(col, shape, where) CAT_PICK_NULL_(col, shape)
#define CAT_DETV1_(col, shape, decl, type, arg, where, member, check, label, since) \
	CAT_DETV1_##since(col, shape, where)
#define CAT_DETAILS_V1_COLUMNS(ROWS) ROWS(CAT_NULL1_, CAT_DETV1_)

/* "ALTER TABLE t ADD COLUMN c ...;" for each column of table t added in
 * version 2 (a table with such columns names itself here once). */
#define CAT_ADD_LANG_(t, col, U, l) "ALTER TABLE " #t " ADD COLUMN " #col "_" #l " TEXT;\n"
#define CAT_ADD_ONE_(t, col, decl) "ALTER TABLE " #t " ADD COLUMN " #col " " decl ";\n"
#define CAT_ADD_LANGS_(t, col, req) CAT_LANGS(CAT_ADD_LANG_, t, col)
#define CAT_ADD2_1(t, col, shape, decl)
#define CAT_ADD2_2(t, col, shape, decl) CAT_ADD_##shape##_(t, col, decl)
#define CAT_ADD2_service_(col, shape, decl, type, arg, where, member, check, label, since) \
	CAT_ADD2_##since(service, col, shape, decl)
#define CAT_ALTER_V2(t, ROWS) ROWS(CAT_NONE1_, CAT_ADD2_##t##_)

/* "SELECT a, b FROM t" and "INSERT INTO t (a, b) VALUES (?, ?)". */
#define CAT_SELECT(t, ROWS) "SELECT " CAT_COLUMNS(ROWS) " FROM " #t
#define CAT_INSERT(t, ROWS) \
	"INSERT INTO " #t " (" CAT_COLUMNS(ROWS) ") VALUES (" CAT_PLACEHOLDERS(ROWS) ")"
/* "CREATE TABLE t (...);\n". */
#define CAT_CREATE(t, ROWS, tail) \
	"CREATE TABLE " #t " (" CAT_DDL_COLUMNS(ROWS) tail "\n);\n"

/* ---- the rows as a run-time table -------------------------------------- */

enum cat_shape { CS_ONE, CS_LANGS };
enum cat_ftype { FT_STR, FT_SHARED, FT_TEXT, FT_STEXT, FT_CODE, FT_INT, FT_OWN };
enum cat_where { CW_REC, CW_INFO, CW_WORDS };
enum cat_check {
	CK_NONE,	/* nothing (or the table's own code checks it) */
	CK_ID,		/* present and not empty */
	CK_LANGCODE,	/* 2 or 3 lower-case letters (ISO 639) */
	CK_CODE,	/* one of its code list */
	CK_LINE,	/* valid UTF-8, no control characters */
	CK_PARA,	/* the same, newlines allowed */
	CK_NAME,	/* a line; the Finnish one required, none empty */
	CK_LANGNAME,	/* a line; the Finnish and English ones required */
	CK_EMAIL, CK_WEB, CK_DATE,
	CK_PHONE,	/* a phone number */
	CK_EXTENSION	/* an internal line: some digits, words allowed */
};

struct cat_field {
	const char *col;	/* SQL column (LANGS: the base of col_LL) */
	enum cat_shape shape;
	enum cat_ftype type;
	enum code_list list;	/* FT_CODE: its code list */
	enum cat_where where;
	size_t offset;		/* of member in its struct; FT_OWN: 0 */
	enum cat_check check;
	const char *label;	/* N_() msgid, or NULL */
	int since;		/* the schema version that added it */
};

struct cat_table {
	const char *name;
	const struct cat_field *fields;
	size_t n_fields;
	int n_columns;		/* SQL columns (a LANGS field counts each) */
};

enum cat_table_id {
#define CAT_TID_(name, rows, tail) CAT_TABLE_##name,
	CAT_TABLES(CAT_TID_)
#undef CAT_TID_
	CAT_TABLE__N
};

/* How many SQL columns field f takes (a LANGS field one a language). */
#define CAT_FIELD_COLUMNS(f) ((f)->shape == CS_LANGS ? CAT__NLANG : 1)

/* The table's fields (never NULL for a valid id). */
const struct cat_table *catalogue_fields(enum cat_table_id t);
/* The field of table t whose column is col, or NULL. */
const struct cat_field *catalogue_field(enum cat_table_id t, const char *col);
/* The first SQL column (in the order of CAT_SELECT) of table t's field
 * whose column is col, or -1. */
int catalogue_field_column(enum cat_table_id t, const char *col);
/* fn(ctx, &string) for every string of table t's fields (each language
 * of a text) whose where is in the mask (1 << CW_*), in rec and info:
 * what freeing a record walks. */
void catalogue_fields_strings(enum cat_table_id t, unsigned wheres, void *rec,
			      void *info, void (*fn)(void *ctx, char **s),
			      void *ctx);
#define CAT_WHERES_ALL ((1u << CW_REC) | (1u << CW_INFO) | (1u << CW_WORDS))
/* Free (and clear) those strings: for records built with malloc. */
void catalogue_fields_free(enum cat_table_id t, unsigned wheres, void *rec,
			   void *info);
/* The member of record rec (or of its info) that field f names. */
void *catalogue_field_ptr(const struct cat_field *f, void *rec, void *info);
const void *catalogue_field_cptr(const struct cat_field *f, const void *rec,
				 const void *info);

#endif
