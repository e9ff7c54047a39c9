/* stats_snapshot: consistent copies of desk files, for carrying them to
 * another host (`neuvoo stats snapshot DIR`).
 *
 * A copy of a running desk's file made with cp misses what sits in its
 * -wal (most of the day's contacts); a snapshot reads the file as every
 * reader does (read-only, the -wal included, nothing created beside it)
 * and writes it whole through SQLite's backup API, so read access to the file is all
 * it needs. The copy is a plain file (no -wal to forget), made as the
 * desk makes its own (0600, or 0640 and the group's with `group` set),
 * written beside its final name and renamed into place.
 *
 * Notes leave the host only when asked: a snapshot drops every note,
 * unless keep_notes, which keeps those younger than the retention (none
 * when the retention is 0). */
#ifndef NEUVOO_STATS_SNAPSHOT_H
#define NEUVOO_STATS_SNAPSHOT_H

#include <stdbool.h>

struct stats_snapshot_opts {
	const char *group;	/* the configured group, or NULL */
	bool keep_notes;	/* notes within the retention stay */
	int note_retention_days;	/* the configuration's; 0 = none kept */
};

/* A consistent copy of the desk file at from as the file to (replaced
 * when it exists); -1 with one line naming the file. */
int stats_snapshot(const char *from, const char *to,
		   const struct stats_snapshot_opts *o, char **err);

#endif
