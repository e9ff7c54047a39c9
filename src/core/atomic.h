/* atomic: durable replacement of a file, for every writer whose readers
 * must see the old file or the new one, never half of either.
 *
 * The new content goes to PATH.tmp-XXXXXX in the same folder (so the
 * rename stays on one file system); when it is complete, it is fsynced,
 * renamed over PATH, and the folder is fsynced so that the rename itself
 * survives a power cut. A writer of several files (an HSDS export) syncs
 * each, renames each, then syncs the folder once.
 *
 * The functions return 0, or -1 with errno set: the caller words the
 * message, naming its own file and what to do. */
#ifndef NEUVOO_ATOMIC_H
#define NEUVOO_ATOMIC_H

#include <sys/types.h>

struct atomic_file {
	char *path;	/* the name to replace */
	char *tmp;	/* the temporary file; NULL once renamed or removed */
	int fd;		/* open for writing; -1 once closed */
	int made;	/* the temporary file exists (is ours to remove) */
};

/* Create the temporary file for path with the given mode (applied at
 * once, umask aside). On failure af->tmp names the template tried, for
 * the message, until atomic_abort(). */
int atomic_create(struct atomic_file *af, const char *path, mode_t mode);
/* Close the descriptor for a writer that opens the file by its name
 * (SQLite); atomic_sync() then reopens it to sync it. */
void atomic_release_fd(struct atomic_file *af);
/* fsync the temporary file and close it. */
int atomic_sync(struct atomic_file *af);
/* Rename the synced temporary file over af->path. */
int atomic_rename(struct atomic_file *af);
/* fsync a folder; a file system that cannot sync folders is no failure. */
int atomic_sync_dir(const char *dir);
/* The folder of af->path, synced. */
int atomic_sync_parent(const struct atomic_file *af);
/* atomic_sync, atomic_rename and atomic_sync_parent: the usual end. The
 * temporary file is removed when any step before the rename fails. */
int atomic_commit(struct atomic_file *af);
/* Remove the temporary file unless it was renamed, and free the names.
 * Safe to call after a commit, and twice. */
void atomic_abort(struct atomic_file *af);

#endif
