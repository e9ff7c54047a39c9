/* catalogue: the shared service catalogue, read side.
 *
 * Desks, review, report and training open the catalogue file read-only and
 * load it into memory whole (it is small: thousands of services), so that
 * filtering and ranking never touch SQL while an advisor types. An admin
 * publishes a new catalogue by renaming a new file over the old one;
 * catalogue_changed() notices that and the desk reloads between contacts.
 *
 * Texts come in the three catalogue languages; a missing translation is
 * NULL and catalogue_text() falls back (UI language, then fi, then en).
 * All strings here are as stored: sanitize before drawing. */
#ifndef NEUVOO_CATALOGUE_H
#define NEUVOO_CATALOGUE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <sys/types.h>
#include <time.h>

#include "core/catalogue_fields.h"
#include "core/codes.h"
#include "core/hours.h"
#include "core/wordset.h"

/* The schema version this build reads and writes (PRAGMA user_version). */
#define CATALOGUE_SCHEMA_VERSION 2

struct cat_text {
	char *v[CAT__NLANG];	/* fi, sv, en; NULL when absent */
};

struct cat_org {
	char *id;
	enum org_kind kind;
	struct cat_text name;
	char *web;
	char *municipality;
};

struct cat_phone {
	char *number;
	struct cat_text label;	/* "benefits in Swedish" ... */
};

/* What only a service's details show. A catalogue opened with
 * catalogue_open() has it for every service; a desk's lean catalogue
 * (catalogue_open_lean) leaves it NULL and fetches one service's at a
 * time with catalogue_service_info(), so that 10,000 services fit in a
 * thin client's few megabytes. */
struct cat_service_info {
	/* A lean catalogue's descriptions (a whole one keeps them in the
	 * service record; here they are then empty). */
	struct cat_text description;
	struct cat_text eligibility;	/* "ages 15-29", "not for undocumented" */
	struct cat_phone *phones;
	size_t n_phones;
	char *email;
	char *web;
	/* The address as one text ("Street 1, 00100 City"): what version-1
	 * files have; a version-2 file has its parts too (below), and the
	 * details are made from them when there are any. */
	char *address;
	char *municipality;	/* the municipality's name, as one text */
	enum appointment appointment;
	char *verified;		/* YYYY-MM-DD, or NULL */
	/* Schema 2: the address in its parts, as the source gives them
	 * (NULL when it does not). */
	struct cat_text street;	/* "Mannerheimintie" (with the number when
				 * the source does not split it) */
	char *street_number;	/* "5 A" */
	char *postal_code;	/* "00100" */
	struct cat_text post_office;	/* "Helsinki", "Helsingfors" */
	struct cat_text municipality_name;
	char *municipality_code;	/* Statistics Finland's, "091" */
	char *country;		/* as the source gives it ("FI", "Sweden") */
	/* What else the source says of it (HSDS 3 attributes: "Accessibility:
	 * wheelchair; Cost: free"), one line; NULL without any. */
	char *attributes;
};

struct cat_service {
	char *id;
	size_t org;		/* index into catalogue.orgs */
	struct cat_text name;
	struct cat_text description;	/* NULLs in a lean catalogue: see words */
	/* A lean catalogue keeps, instead of the descriptions, the distinct
	 * words of their folds (text_fold, å ä ö kept): all the search needs.
	 * See catalogue_service_words(). NULL otherwise or without any. */
	const unsigned char *words;
	char *keywords;		/* free words in any language, space separated */
	topic_set topics;
	char **languages;	/* ISO codes served regularly */
	size_t n_languages;
	struct hours hours;	/* empty: unknown (e-mail only services) */
	struct cat_service_info *info;	/* NULL in a lean catalogue */
};

struct cat_language {
	char *code;		/* ISO 639-1, else 639-3 */
	struct cat_text name;
	char *native;		/* endonym: "Soomaali", "العربية" */
};

struct cat_res_lang {
	char *code;
	char *dialects;		/* free text, e.g. "Sorani, Kurmanji"; NULL */
};

struct cat_resource {
	char *id;
	enum res_kind kind;
	struct cat_text name;	/* a role ("Desk 2 advisor"), never a person */
	struct cat_res_lang *languages;
	size_t n_languages;
	char *unit;		/* where: unit or service point */
	char *phone;		/* internal phone or booking line */
	char *email;
	char *web;
	unsigned modality;	/* MOD_* bits */
	int lead_minutes;	/* booking lead time; 0 = at once */
	struct hours hours;	/* shifts (colleagues) or service hours */
	struct cat_text note;
};

struct arena;
struct cat_details;

struct catalogue {
	char *path;
	int version;		/* schema version of the file */
	char *name;		/* meta "name", e.g. "Helsinki" */
	char *published;	/* meta "published" (ISO date-time) */
	/* meta "publish-id": new at every publish, names the search index
	 * file of this version (core/search_index); NULL in old files. */
	char *publish_id;
	struct cat_org *orgs;
	size_t n_orgs;
	struct cat_service *services;
	size_t n_services;
	struct cat_language *languages;	/* sorted by code */
	size_t n_languages;
	struct cat_resource *resources;
	size_t n_resources;
	/* Topic display order: topic indexes, TOPIC__N of them. */
	int topic_order[TOPIC__N];
	/* Rows the loader had to skip or could not resolve (a bad time, an
	 * unknown topic code, a service whose organisation is missing), as
	 * catalogue_check() messages. Desks carry on without them; `catalogue
	 * check` reports them. */
	char **problems;
	size_t n_problems;
	/* What the file was when loaded, for catalogue_changed(). */
	dev_t dev;
	ino_t ino;
	struct timespec mtime;
	off_t size;
	/* A loaded catalogue keeps its strings and the small arrays of its
	 * records (languages, phones, hours) in a few large blocks, and
	 * records may share equal strings and arrays: treat them as
	 * read-only. Replacing a pointer with a malloc'd one is fine
	 * (catalogue_free frees what is not in the blocks). NULL for a
	 * catalogue built with catalogue_new(). */
	struct arena *arena;
	/* A lean catalogue's read-only connection to the file it was loaded
	 * from (kept open, so details match the loaded version even after a
	 * republish), and the last service's details fetched. */
	struct cat_details *details;
	/* A lean catalogue's description words (their ids are what
	 * cat_service.words lists). */
	struct wordset vocab;
	bool words_pending;	/* lean: catalogue_load_words() not run yet */
	/* A lean catalogue whose service records are the published index
	 * file's (core/catalogue_map): the file's mapping, which services
	 * points into (or a private copy of the array does, once words were
	 * added); NULL when they were loaded from SQLite. */
	void *index_map;
	size_t index_map_len;
	struct cat_service *mapped_services;	/* the file's array */
	/* Why the index file was refused (said once, by the search), or NULL. */
	char *index_problem;
};

/* Open the file read-only (never creating or migrating it) and load it.
 * Errors: not found, not a SQLite file, corrupt, wrong or newer schema:
 * one clear line naming the file and what to do. */
int catalogue_open(const char *path, struct catalogue **out, char **err);
/* The same for a desk: services come without their details (info is
 * NULL; catalogue_service_info() fetches them) and without their
 * descriptions, and the file stays open read-only until catalogue_free.
 * The descriptions' words, which the search needs, come with
 * catalogue_load_words(): a desk calls it after its first screen. */
int catalogue_open_lean(const char *path, struct catalogue **out, char **err);
/* Read a lean catalogue's descriptions, one service at a time, keeping
 * only their folded words (s->words). Does nothing for a whole catalogue
 * or a second time. A search built before it finds no description words. */
int catalogue_load_words(struct catalogue *cat, char **err);
void catalogue_free(struct catalogue **cat);
/* True when every service has its details in memory (not lean): what
 * writing a catalogue out (publish, export) needs. */
bool catalogue_whole(const struct catalogue *cat);
/* Call fn with each distinct folded word of a lean service's
 * descriptions (w is NUL-terminated, len its bytes); nothing for a whole
 * catalogue's services, whose descriptions are in the record. */
void catalogue_service_words(const struct catalogue *cat,
			     const struct cat_service *s,
			     void (*fn)(void *arg, const char *w, size_t len),
			     void *arg);
/* Details of service i: its info when loaded, else fetched from the file
 * into a one-service cache (valid until the next call or catalogue_free).
 * NULL with *err set when the file cannot be read. */
const struct cat_service_info *catalogue_service_info(struct catalogue *cat,
						      size_t i, char **err);
/* Move the strings of services from.. (names, descriptions, details,
 * phones, language codes; not ids and keywords) into the catalogue's
 * arena, equal ones seen lately stored once: an importer's records are
 * many small malloc'd strings, whose overhead outweighs them. Those
 * strings are not to be freed or replaced one by one afterwards
 * (catalogue_free and catalogue_merge know them). */
void catalogue_compact_services(struct catalogue *cat, size_t from);
/* True when a source's country (a code or a name) is Finland, or none is
 * given: the catalogue's addresses are Finnish unless they say not. */
bool catalogue_country_finland(const char *country);
/* True when the details have any part of an address (the flat text, a
 * part, the municipality or the country). */
bool catalogue_info_has_address(const struct cat_service_info *in);
/* Call fn with every phone number of every service (a whole catalogue's
 * from memory, a lean one's from its file): the numbers a note may name.
 * 0, or -1 with *err set when the file cannot be read. */
int catalogue_each_phone(struct catalogue *cat,
			 void (*fn)(void *arg, const char *number), void *arg,
			 char **err);
/* SQLite's own integrity check of the file, read-only (slower than open;
 * for `catalogue check`): 0 when sound, else -1 with "PATH: catalogue is
 * damaged (...); publish it again". */
int catalogue_verify_file(const char *path, char **err);
/* True when the file at cat->path is no longer the one loaded (replaced,
 * touched, or gone and back). */
bool catalogue_changed(const struct catalogue *cat);

/* Text in the wanted language with fallback: lang when the catalogue has
 * the language, then the configured chain (i18n_text_fallback: en, fi, sv
 * by default), then any language present. Never NULL ("" when all are
 * missing). */
const char *catalogue_text(const struct cat_text *t, const char *lang);
enum cat_lang catalogue_lang(const char *lang);
/* A language code as the catalogue keeps it: 2 or 3 lower-case letters
 * (ISO 639-1, else 639-3). */
bool catalogue_lang_code_ok(const char *code);	/* "sv" -> CAT_SV; other -> CAT_FI.. */

/* Look-ups (NULL / -1 when absent). */
const struct cat_language *catalogue_language(const struct catalogue *cat,
					      const char *code);
long catalogue_service_index(const struct catalogue *cat, const char *id);
/* NULL when the service's organisation is missing (org out of range). */
const struct cat_org *catalogue_service_org(const struct catalogue *cat,
					    const struct cat_service *s);
bool catalogue_service_speaks(const struct cat_service *s, const char *lang);
bool catalogue_resource_speaks(const struct cat_resource *r, const char *lang);

/* Building catalogues in memory (import, tests): an empty catalogue whose
 * arrays grow with the add functions; the added records' strings are taken
 * over (owned) by the catalogue. Each add returns a zeroed record (a
 * service with an empty info of its own; topic order: the code order); the pointer is valid until the next add of the
 * same kind. */
struct catalogue *catalogue_new(void);
struct cat_org *catalogue_add_org(struct catalogue *cat);
struct cat_service *catalogue_add_service(struct catalogue *cat);
struct cat_language *catalogue_add_language(struct catalogue *cat);
struct cat_resource *catalogue_add_resource(struct catalogue *cat);
void cat_text_free(struct cat_text *t);

/* Move every record of *from into into (a whole catalogue, loaded or
 * built): a record whose id into has already replaces it in its place,
 * the others are appended; services' organisations are resolved by id,
 * languages sorted again; from's name, when it has one, wins. replaced
 * (may be NULL) is told each replaced record's table and id. *from is
 * freed. Returns how many records were replaced. */
size_t catalogue_merge(struct catalogue *into, struct catalogue **from,
		       void (*replaced)(void *ctx, enum cat_table_id t,
					const char *id),
		       void *ctx);

#endif
