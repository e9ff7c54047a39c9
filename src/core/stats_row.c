/* stats_row: a contact's CONTACT_FIELDS in SQL, for the statistics
 * modules (stats_priv.h): bound to a statement's parameters in the
 * table's order, and read back into a struct contact by each field's
 * kind. Codes are stored as their text, never as indexes, so that a file
 * stays readable when a code list grows or is reordered; a code a newer
 * list added reads as not set (a topic as left out). */
#include <config.h>

#include <limits.h>
#include <stdlib.h>
#include <string.h>

#include "core/contact_fields.h"
#include "core/err.h"
#include "core/stats_priv.h"

void stats_bind_text(sqlite3_stmt *s, int i, const char *v)
{
	if (v && *v)
		sqlite3_bind_text(s, i, v, -1, SQLITE_TRANSIENT);
	else
		sqlite3_bind_null(s, i);
}

char *stats_col_str(sqlite3_stmt *s, int i)
{
	const char *v = (const char *)sqlite3_column_text(s, i);
	return v && *v ? xstrdup(v) : NULL;
}

/* A field by its kind (CONTACT_FIELDS): a code list index as its code,
 * text as itself (NULL for ""), topics as the ;-joined codes ("" none). */
static void bind_CODE(sqlite3_stmt *s, int i, int v, int list)
{
	stats_bind_text(s, i, codes_code((enum code_list)list, v));
}

static void bind_TEXT(sqlite3_stmt *s, int i, const char *v, int list)
{
	(void)list;
	stats_bind_text(s, i, v);
}

static void bind_TOPICS(sqlite3_stmt *s, int i, topic_set v, int list)
{
	(void)list;
	sqlite3_bind_text(s, i, codes_topics_join(v), -1, free);
}

static void bind_COUNT(sqlite3_stmt *s, int i, int v, int list)
{
	(void)list;
	sqlite3_bind_int(s, i, v >= 1 ? v : 1);
}

static void bind_FLAG(sqlite3_stmt *s, int i, bool v, int list)
{
	(void)list;
	sqlite3_bind_int(s, i, v ? 1 : 0);
}

int stats_bind_fields(sqlite3_stmt *s, int i, const struct contact *c)
{
#define BIND_FIELD(name, t, k, kind, list, use) bind_##kind(s, i++, c->name, list);
	CONTACT_FIELDS(BIND_FIELD)
#undef BIND_FIELD
	return i;
}

static void read_CODE(sqlite3_stmt *s, int i, int *v, int list)
{
	const char *t = (const char *)sqlite3_column_text(s, i);
	*v = t ? codes_find((enum code_list)list, t) : -1;
}

static void read_TEXT(sqlite3_stmt *s, int i, char **v, int list)
{
	(void)list;
	free(*v);
	*v = stats_col_str(s, i);
}

static void read_TOPICS(sqlite3_stmt *s, int i, topic_set *v, int list)
{
	const char *topics = (const char *)sqlite3_column_text(s, i);
	*v = 0;
	if (topics && *topics && codes_topics_parse(topics, v) != 0) {
		/* An unknown code from a newer list: keep the known ones. */
		char *copy = xstrdup(topics), *tok, *save = NULL;
		*v = 0;
		for (tok = strtok_r(copy, ";", &save); tok; tok = strtok_r(NULL, ";", &save)) {
			int t = codes_find((enum code_list)list, tok);
			if (t >= 0)
				*v |= 1u << t;
		}
		free(copy);
	}
}

static void read_COUNT(sqlite3_stmt *s, int i, int *v, int list)
{
	sqlite3_int64 n = sqlite3_column_int64(s, i);
	(void)list;
	*v = n >= 1 && n <= INT_MAX ? (int)n : 1;
}

static void read_FLAG(sqlite3_stmt *s, int i, bool *v, int list)
{
	(void)list;
	*v = sqlite3_column_int(s, i) != 0;
}

struct contact *stats_row_contact(sqlite3_stmt *s)
{
	struct contact *c = contact_new(NULL);
	int i = 3;
	free(c->id);
	c->id = stats_col_str(s, 0);
	c->started_at = (time_t)sqlite3_column_int64(s, 1);
	c->ended_at = (time_t)sqlite3_column_int64(s, 2);
#define READ_FIELD(name, t, k, kind, list, use) read_##kind(s, i++, &c->name, list);
	CONTACT_FIELDS(READ_FIELD)
#undef READ_FIELD
	return c;
}
