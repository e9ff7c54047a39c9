/* report_files: which desk files a report or review reads: the
 * statistics folder, and extra files and folders copied from other
 * hosts, each file once. */
#ifndef NEUVOO_REPORT_FILES_H
#define NEUVOO_REPORT_FILES_H

#include <stdbool.h>
#include <stddef.h>

struct report_files {
	char **paths;
	size_t n;
	/* Lines to warn with (a folder open to others, a linked or foreign
	 * desk file, a copy without its -wal): the files are still read. */
	char **warnings;
	size_t n_warnings;
	/* Files in WAL mode without a -wal: how many, the first's path and
	 * the one warning that names them. */
	size_t wal_missing, wal_first, wal_warning;
};

/* Add a file, or every *.db in a folder (sorted by name). A path that
 * names the same file as one already added (by device and inode) is added
 * once. missing_ok: a folder that does not exist adds nothing (the
 * statistics folder before the first contact); otherwise a missing or
 * unreadable path is an error naming it, and the path is a copy (a file
 * whose header says a desk had it open in WAL mode while no -wal lies
 * beside it is warned about: its latest contacts may be missing). */
int report_files_add(struct report_files *f, const char *path,
		     bool missing_ok, char **err);
void report_files_clear(struct report_files *f);

/* Sort n names in byte order (file names, desk names). */
void report_sort_names(char **names, size_t n);

#endif
