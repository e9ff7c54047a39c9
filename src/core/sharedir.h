/* sharedir: the trust rules of a folder shared by the users of a group
 * (the statistics folder, the tickets folder) and of the files in it:
 * making the folder with its group and mode, creating a file with its
 * group and mode, refusing a folder others can write without the sticky
 * bit, a linked file, a file of another user, and giving SQLite's -wal
 * and -shm the group. The statistics and the ticket store both use them,
 * so the rules live once; the messages name the kind of folder. */
#ifndef NEUVOO_SHAREDIR_H
#define NEUVOO_SHAREDIR_H

#include <stdbool.h>
#include <stddef.h>
#include <sys/types.h>

/* Which folder: it decides the words of the messages. */
enum sharedir_kind { SHAREDIR_STATS, SHAREDIR_TICKETS };

/* The gid of the configured group ((gid_t)-1 for none: NULL or ""); -1
 * with *err when the group does not exist. */
int sharedir_group(const char *group, gid_t *gid, char **err);
/* mkdir -p: folders created get gid, the last one exactly `mode`, the
 * ones on the way only what reaching it needs. 0, or -1 with *err. */
int sharedir_make(const char *dir, mode_t mode, gid_t gid, char **err);
/* Create path (O_EXCL, never through a link) with mode and gid: 0 made,
 * 1 when something is there already (left as it is), -1 with *err. */
int sharedir_create_new(const char *path, mode_t mode, gid_t gid, char **err);
/* The same, an existing file taken as it is: 0, or -1 with *err. */
int sharedir_create_file(const char *path, mode_t mode, gid_t gid,
			 char **err);
/* Refuse a folder others can write that is not sticky (anyone could
 * rename our file and plant another). 0, or -1 with *err. */
int sharedir_check_folder(const char *dir, enum sharedir_kind kind,
			  char **err);
/* Others may write the folder and it is not sticky. */
bool sharedir_folder_open(const char *dir);
/* "", "-wal", "-shm", "-journal" for i = 0..3, then NULL: a database file
 * and its journals. */
const char *sharedir_suffix(size_t i);
/* One file (lstat): missing or fine, a symbolic link, or not a regular
 * file of uid ((uid_t)-1: of anyone). */
enum sharedir_trust { SHAREDIR_OK, SHAREDIR_LINK, SHAREDIR_FOREIGN };
enum sharedir_trust sharedir_file_trust(const char *p, uid_t uid);
/* path and its -wal, -shm, -journal: no symbolic link, a regular file,
 * and (when own) owned by this user. 0, or -1 with *err. */
int sharedir_check_file(const char *path, enum sharedir_kind kind, bool own,
			char **err);
/* The -wal and -shm of path owned by this user get gid (SQLite makes
 * them with our primary group in a folder that is not setgid). */
void sharedir_give_group(const char *path, gid_t gid);

/* With gid a group (not (gid_t)-1): clears the group's bits in keep
 * (040 read, 060 read and write) from the umask, so the files SQLite
 * makes beside a database (-wal, -shm: the database's mode less the
 * umask, put right by a later fchmod) have their mode from the first
 * moment, when another member may already open them. Returns the umask
 * to put back with umask(). */
mode_t sharedir_umask_keep(gid_t gid, mode_t keep);
/* A failed create or write (errno e) as one line naming path. */
void sharedir_fail_errno(char **err, const char *path, int e);

#endif
