/* regjson: what the PTV and TPR importers share (core/ptv, core/tpr):
 * reading one JSON page file through json-c's incremental tokener,
 * the list of problems with their locations ("FILE: item N (ID): what"),
 * type-checked and bounded text from a JSON value, the catalogue
 * languages a service names, and the mapping tables from a register's
 * classes to neuvoo's topics (data/mappings/, a site's copy in
 * SYSCONFDIR/neuvoo/mappings/ first).
 *
 * Memory stays bounded by one page: a page file is read in 64 KiB
 * chunks into one json-c tree, mapped, and freed before the next. */
#ifndef NEUVOO_REGJSON_H
#define NEUVOO_REGJSON_H

#include <stdbool.h>
#include <stddef.h>

#include <json.h>

#include "core/catalogue.h"
#include "core/strmap.h"

/* Caps on one text from a register (bytes): a longer one is cut at a
 * character boundary and reported. */
#define REGJSON_LINE_MAX 1024		/* names, addresses, labels */
#define REGJSON_PARA_MAX 16384		/* descriptions */
/* A page file larger than this is refused (as a problem): pages of the
 * APIs are a few megabytes. */
#define REGJSON_FILE_MAX ((size_t)256 << 20)

struct regjson_problem {
	char *text;		/* "FILE: item N (ID): what", sanitized */
	bool dropped;		/* the record (or the whole file) was left out */
};

struct regjson_problems {
	struct regjson_problem *v;
	size_t n;
};

void regjson_problems_free(struct regjson_problems *p);
/* How many problems left a record (or a file) out. */
size_t regjson_problems_dropped(const struct regjson_problems *p);

/* A class -> topics table: lines "KEY<blank>topic[,topic...]". A key
 * matches a class code by prefix (the longest wins: "P1" covers
 * "P1.2.3") or a class name, case-insensitively. */
struct regjson_map {
	char **keys;
	topic_set *topics;
	size_t n;
};

int regjson_map_load(struct regjson_map *m, const char *name, char **err);
int regjson_map_load_file(struct regjson_map *m, const char *path, char **err);
topic_set regjson_map_topics(const struct regjson_map *m, const char *code,
			     const char *name);
void regjson_map_free(struct regjson_map *m);

/* One import: the catalogue being built, the problems, and where the
 * reader is (file, item number and id) for the next problem. */
struct regjson {
	struct catalogue *cat;
	struct regjson_problems *probs;
	const char *file;
	size_t item;		/* 1-based; 0 = the file itself */
	char *id;		/* the current item's id, or NULL */
	struct strmap langs;	/* codes in cat->languages */
};

void regjson_begin(struct regjson *j, struct regjson_problems *probs);
/* Languages sorted; the state freed (the catalogue stays in j->cat). */
void regjson_end(struct regjson *j);
void regjson_at(struct regjson *j, size_t item, const char *id);
void regjson_problem(struct regjson *j, bool dropped, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

/* The files of PATH...: a file as it is, a folder's *.json files in
 * name order. -1 with *err when a path does not exist. */
int regjson_files(char *const *paths, size_t n, char ***files, size_t *nf,
		  char **err);
void regjson_files_free(char ***files, size_t nf);
/* Read one file into a json-c tree (json_object_put() it). -1 with *err
 * "FILE: byte N: what" when it is not one whole JSON value. */
int regjson_read(const char *path, json_object **out, char **err);

/* The string at key of object o: NULL when absent or null; a wrong type,
 * invalid UTF-8 (the value is left out) or a text over cap (cut) is a
 * problem naming label. A number is taken as its digits when numbers is
 * set (ids). */
char *regjson_str(struct regjson *j, json_object *o, const char *key,
		  size_t cap, bool numbers);
/* The date of the ISO 8601 time at key ("2026-09-14T10:21:00", with or
 * without zone) as YYYY-MM-DD, or NULL: the register's modification date,
 * which stands for the record's check when it has none of its own. A
 * value that is no such time is a problem (the record stays). */
char *regjson_modified(struct regjson *j, json_object *o, const char *key);
/* The array (or object, with want_object) at key: NULL when absent; a
 * wrong type is a problem. */
json_object *regjson_array(struct regjson *j, json_object *o, const char *key);
json_object *regjson_object(struct regjson *j, json_object *o, const char *key);
/* A boolean at key (false when absent; a wrong type is a problem). */
bool regjson_bool(struct regjson *j, json_object *o, const char *key);
/* A string of array a at i (the same checks; key names the array). */
char *regjson_elem_str(struct regjson *j, json_object *a, size_t i,
		       const char *key, size_t cap);

/* Add code (ISO 639, normalised) to s's languages and the catalogue's;
 * false when it is no language code. */
bool regjson_service_language(struct regjson *j, struct cat_service *s,
			      const char *code);
/* *dst = *dst SEP add (owned); add may be NULL (nothing). */
void regjson_append(char **dst, const char *sep, const char *add);
/* "HH:MM" or "HH:MM:SS" (or "H.MM") into minutes, 24:00 allowed; -1. */
int regjson_minutes(const char *s);
/* "YYYY-MM-DD..." into days since the epoch; false when no date. */
bool regjson_date(const char *s, long *days);

#endif
