/* pg_schema: the national database's tables and views, versioned.
 *
 * The version is the one row of neuvoo_schema (like a desk file's
 * user_version): `stats push --init` creates the schema or migrates an
 * older one step by step; every other use checks it and refuses a
 * database of a newer version, or one not made yet, with one line.
 *
 * Tables (what push writes; every time is seconds since 1970, UTC):
 *   contact      one row a contact: id (the key), organisation, desk,
 *                advisor code, times, undone_at and corrected_at, and the
 *                fields of CONTACT_FIELDS that reports read (never the
 *                note); topics as the contract's ;-joined codes
 *   event        the desk files' events (undo, drafts, days closed)
 *   sign_off     days closed and reopened, by organisation
 *   pushed_file  what each host pushed of each file, so an unchanged
 *                file is skipped
 *   code_label   every code of every coded field with its label in
 *                English, Finnish and Swedish
 *   ticket, ticket_contact, ticket_audit
 *                (version 2) the callback tickets of tickets_pg.c; the
 *                reader role gets ticket only
 * Views for reports and BI tools (undone contacts left out):
 *   report_contact        one row a contact, codes and labels, local date
 *                         and hour, times as timestamptz
 *   report_contact_topic  one row a contact and topic
 *   report_desk_day       contacts and people a desk and local day */
#ifndef NEUVOO_PG_SCHEMA_H
#define NEUVOO_PG_SCHEMA_H

#include "core/pg.h"

#define PG_SCHEMA_VERSION 2

/* Create or migrate (one transaction), then grant neuvoo_writer and
 * neuvoo_reader what they need when those roles exist. */
int pg_schema_init(struct pg *db, char **err);
/* 0 when the database has this version; -1 with *err when it has none
 * (run --init), an older one (run --init) or a newer one. */
int pg_schema_check(struct pg *db, char **err);

#endif
