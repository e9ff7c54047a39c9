/* pg_schema: see pg_schema.h.
 *
 * The contact table's recorded fields, like the desk file's, come from
 * CONTACT_FIELDS (contact_fields.h): the fields readers get, with their
 * SQL types and constraints, which PostgreSQL reads as SQLite does. A new
 * group of fields is a new version here too: its columns appended by a
 * migration step. Every statement is a constant. */
#include <config.h>

#include <stdlib.h>
#include <string.h>

#include "core/codes.h"
#include "core/contact_fields.h"
#include "core/err.h"
#include "core/i18n.h"
#include "core/pg_schema.h"

#define PG_COL(name, type, constraint, kind, list, use) \
	CONTACT_IF_READ(use, ", " #name " " type constraint)

/* The views' columns of a field: a code with its labels, a flag as a
 * boolean, the rest as they are; only the exported fields. */
#define VIEW_LABEL(name, lang) \
	", (SELECT " lang " FROM code_label l WHERE l.field = '" #name \
	"' AND l.code = c." #name ") AS " #name "_" lang
#define VIEW_CODE(name) ", c." #name VIEW_LABEL(name, "label") \
	VIEW_LABEL(name, "label_fi") VIEW_LABEL(name, "label_sv")
#define VIEW_TEXT(name) ", c." #name
#define VIEW_TOPICS(name) ", c." #name
#define VIEW_COUNT(name) ", c." #name
#define VIEW_FLAG(name) ", c." #name " <> 0 AS " #name
#define VIEW_COL(name, t, k, kind, l, use) \
	CONTACT_IF_EXPORT(use, VIEW_##kind(name))

/* The local time of a contact at its desk. */
#define LOCAL_TS "(to_timestamp(c.started_at + c.tz_offset) AT TIME ZONE 'UTC')"

static const char create_sql[] =
	"CREATE TABLE neuvoo_schema (version integer NOT NULL);"
	"INSERT INTO neuvoo_schema VALUES (1);"
	"CREATE TABLE contact ("
	" id text PRIMARY KEY,"
	" organisation text NOT NULL DEFAULT '',"
	" desk text NOT NULL,"
	" advisor text,"
	" started_at bigint NOT NULL,"
	" ended_at bigint NOT NULL,"
	" tz_offset integer NOT NULL DEFAULT 0,"
	" saved_at bigint,"
	" undone_at bigint,"
	" corrected_at bigint"
	CONTACT_FIELDS(PG_COL)
	");"
	"CREATE INDEX contact_started ON contact (started_at);"
	"CREATE INDEX contact_organisation ON contact (organisation, desk);"
	"CREATE TABLE event ("
	" organisation text NOT NULL, source text NOT NULL, id bigint NOT NULL,"
	" kind text NOT NULL, at bigint NOT NULL, contact_id text, detail text,"
	" PRIMARY KEY (organisation, source, id));"
	"CREATE TABLE sign_off ("
	" organisation text NOT NULL, date text NOT NULL,"
	" action text NOT NULL CHECK (action IN ('close', 'reopen')),"
	" at bigint NOT NULL, by text NOT NULL DEFAULT '',"
	" PRIMARY KEY (organisation, date, action, at, by));"
	"CREATE TABLE pushed_file ("
	" host text NOT NULL, path text NOT NULL, organisation text NOT NULL,"
	" state text NOT NULL, watermark bigint NOT NULL, last_event bigint NOT NULL,"
	" contacts bigint NOT NULL, pushed_at timestamptz NOT NULL DEFAULT now(),"
	" PRIMARY KEY (host, path));"
	"CREATE TABLE code_label ("
	" field text NOT NULL, code text NOT NULL, position integer NOT NULL,"
	" label text NOT NULL, label_fi text NOT NULL, label_sv text NOT NULL,"
	" PRIMARY KEY (field, code));"
	"CREATE VIEW report_contact AS SELECT c.id, c.organisation, c.desk,"
	" to_timestamp(c.started_at) AS started, to_timestamp(c.ended_at) AS ended,"
	" " LOCAL_TS "::date AS local_date,"
	" extract(hour FROM " LOCAL_TS ")::integer AS local_hour,"
	" extract(isodow FROM " LOCAL_TS ")::integer AS local_weekday,"
	" c.corrected_at IS NOT NULL AS corrected"
	CONTACT_FIELDS(VIEW_COL)
	" FROM contact c WHERE c.undone_at IS NULL;"
	"CREATE VIEW report_contact_topic AS SELECT c.id, c.organisation, c.desk,"
	" " LOCAL_TS "::date AS local_date, t.topic,"
	" l.label AS topic_label, l.label_fi AS topic_label_fi,"
	" l.label_sv AS topic_label_sv"
	" FROM contact c"
	" CROSS JOIN LATERAL unnest(string_to_array(nullif(c.topics, ''), ';')) AS t(topic)"
	" LEFT JOIN code_label l ON l.field = 'topics' AND l.code = t.topic"
	" WHERE c.undone_at IS NULL;"
	"CREATE VIEW report_desk_day AS SELECT c.organisation, c.desk,"
	" " LOCAL_TS "::date AS local_date, count(*) AS contacts,"
	" sum(c.people) AS people"
	" FROM contact c WHERE c.undone_at IS NULL GROUP BY 1, 2, 3;";

/* The roles of the supervisor guide, when the administrator made them:
 * the writer pushes, the reader reads (reports, dashboards). */
static const char grant_sql[] =
	"DO $$ BEGIN"
	" IF EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'neuvoo_writer') THEN"
	"  GRANT SELECT, INSERT, UPDATE ON contact, event, sign_off, pushed_file TO neuvoo_writer;"
	"  GRANT SELECT ON neuvoo_schema, code_label TO neuvoo_writer;"
	" END IF;"
	" IF EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'neuvoo_reader') THEN"
	"  GRANT SELECT ON neuvoo_schema, contact, event, sign_off, code_label,"
	"   report_contact, report_contact_topic, report_desk_day TO neuvoo_reader;"
	" END IF;"
	" END $$;";

/* Read the version where the table may not exist: to_regclass first, so
 * that a missing table is no error (a failed statement would end the
 * transaction). */
static const char has_table_sql[] = "SELECT to_regclass('neuvoo_schema') IS NOT NULL";
static const char version_only_sql[] = "SELECT max(version) FROM neuvoo_schema";

/* The version, 0 when there is none. -1 on failure. */
static int read_version(struct pg *db, int *version, char **err)
{
	PGresult *res = pg_query(db, has_table_sql, 0, NULL, err);
	bool has;
	if (!res)
		return -1;
	has = PQntuples(res) == 1 && !strcmp(PQgetvalue(res, 0, 0), "t");
	PQclear(res);
	*version = 0;
	if (!has)
		return 0;
	if (!(res = pg_query(db, version_only_sql, 0, NULL, err)))
		return -1;
	if (PQntuples(res) == 1 && !PQgetisnull(res, 0, 0))
		*version = atoi(PQgetvalue(res, 0, 0));
	PQclear(res);
	return 0;
}

static void newer_error(struct pg *db, int version, char **err)
{
	err_set(err, _("%s: made by a newer neuvoo (database schema %d, this one knows %d); use the newer neuvoo, the database is left unchanged"),
		pg_where(db), version, PG_SCHEMA_VERSION);
}

/* Every code of every coded field, with its labels. */
#define LABEL_LIST(name, t, k, kind, list, use) LABEL_LIST_##kind(name, list)
#define LABEL_LIST_CODE(name, list) { #name, list },
#define LABEL_LIST_TOPICS(name, list) { #name, list },
#define LABEL_LIST_TEXT(name, list)
#define LABEL_LIST_COUNT(name, list)
#define LABEL_LIST_FLAG(name, list)
static const struct { const char *field; enum code_list list; } label_lists[] = {
	CONTACT_FIELDS(LABEL_LIST)
};

static int fill_labels(struct pg *db, char **err)
{
	static const char ins[] =
		"INSERT INTO code_label (field, code, position, label, label_fi, label_sv)"
		" VALUES ($1, $2, $3, $4, $5, $6) ON CONFLICT (field, code) DO UPDATE"
		" SET position = excluded.position, label = excluded.label,"
		" label_fi = excluded.label_fi, label_sv = excluded.label_sv";
	size_t i, j, n;
	for (i = 0; i < sizeof label_lists / sizeof label_lists[0]; i++) {
		const struct code *c = codes_list(label_lists[i].list, &n);
		for (j = 0; j < n; j++) {
			char pos[24], *fi = i18n_translate_in("fi", c[j].label),
				*sv = i18n_translate_in("sv", c[j].label);
			const char *p[6] = { label_lists[i].field, c[j].code, pos,
					     c[j].label, fi, sv };
			int rc;
			snprintf(pos, sizeof pos, "%zu", j);
			rc = pg_exec(db, ins, 6, p, err);
			free(fi);
			free(sv);
			if (rc)
				return -1;
		}
	}
	return 0;
}

int pg_schema_init(struct pg *db, char **err)
{
	int version;
	/* One at a time: two hosts running --init at once wait here. */
	if (pg_exec(db, "BEGIN", 0, NULL, err)
	    || pg_exec(db, "SELECT pg_advisory_xact_lock(7294019)", 0, NULL, err)
	    || read_version(db, &version, err))
		goto fail;
	if (version > PG_SCHEMA_VERSION) {
		newer_error(db, version, err);
		goto fail;
	}
	if (version == 0 && pg_exec(db, create_sql, 0, NULL, err))
		goto fail;
	/* Later versions: a step from each older one, appended here. */
	if (fill_labels(db, err) || pg_exec(db, grant_sql, 0, NULL, err)
	    || pg_exec(db, "COMMIT", 0, NULL, err))
		goto fail;
	return 0;
fail:
	if (PQstatus(pg_conn(db)) == CONNECTION_OK) {
		char *ignore = NULL;
		pg_exec(db, "ROLLBACK", 0, NULL, &ignore);
		err_free(&ignore);
	}
	return -1;
}

int pg_schema_check(struct pg *db, char **err)
{
	int version;
	if (read_version(db, &version, err))
		return -1;
	if (version > PG_SCHEMA_VERSION) {
		newer_error(db, version, err);
		return -1;
	}
	if (version < PG_SCHEMA_VERSION) {
		if (version == 0)
			err_set(err, _("%s: no neuvoo statistics there yet; make them with neuvoo stats push --init"),
				pg_where(db));
		else
			err_set(err, _("%s: made by an older neuvoo (database schema %d); bring it up to date with neuvoo stats push --init"),
				pg_where(db), version);
		return -1;
	}
	return 0;
}
