/* sharedir: see sharedir.h. Moved out of stats.c when the ticket store
 * came, so both keep the same rules. */
#include <config.h>

#include <errno.h>
#include <fcntl.h>
#include <grp.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "core/err.h"
#include "core/i18n.h"
#include "core/sharedir.h"

void sharedir_fail_errno(char **err, const char *path, int e)
{
	if (e == ENOSPC || e == EDQUOT)
		err_set(err, _("%s: the disk is full; free some space and try again"), path);
	else if (e == EROFS || e == EACCES || e == EPERM)
		err_set(err, _("%s: cannot write (read-only file or folder); check the permissions of the file and its folder"), path);
	else
		err_set(err, _("%s: cannot create the file: %s"), path, strerror(e));
}

int sharedir_group(const char *group, gid_t *gid, char **err)
{
	struct group *g;
	if (!group || !*group) {
		*gid = (gid_t)-1;
		return 0;
	}
	g = getgrnam(group);
	if (!g) {
		err_set(err, _("group '%s' (setting 'group' of neuvoo.conf) does not exist; create it or change the setting"), group);
		return -1;
	}
	*gid = g->gr_gid;
	return 0;
}

int sharedir_make(const char *dir, mode_t mode, gid_t gid, char **err)
{
	char *p = xstrdup(dir), *s;
	int rc = 0;

	for (s = p + 1;; s++) {
		if (*s == '/' || *s == '\0') {
			char c = *s;
			*s = '\0';
			if (mkdir(p, 0700) == 0) {
				if (gid != (gid_t)-1 && chown(p, (uid_t)-1, gid) != 0) {
					err_set(err, _("%s: cannot give the folder to the configured group: %s"),
						p, strerror(errno));
					rc = -1;
					break;
				}
				chmod(p, c == '\0' ? mode : mode & 02750);
			} else if (errno != EEXIST) {
				sharedir_fail_errno(err, p, errno);
				rc = -1;
				break;
			}
			*s = c;
			if (c == '\0')
				break;
		}
	}
	free(p);
	return rc;
}

int sharedir_create_file(const char *path, mode_t mode, gid_t gid, char **err)
{
	return sharedir_create_new(path, mode, gid, err) < 0 ? -1 : 0;
}

int sharedir_create_new(const char *path, mode_t mode, gid_t gid, char **err)
{
	/* Made with its mode whole, not the umask's: another member opening
	 * it before the fchmod below would find it closed to the group. */
	mode_t umask_was = umask(0);
	int fd = open(path, O_RDWR | O_CREAT | O_EXCL | O_CLOEXEC | O_NOFOLLOW, mode);
	umask(umask_was);
	if (fd < 0) {
		if (errno == EEXIST)
			return 1;
		sharedir_fail_errno(err, path, errno);
		return -1;
	}
	if ((gid != (gid_t)-1 && fchown(fd, (uid_t)-1, gid) != 0)
	    || fchmod(fd, mode) != 0) {
		int e = errno;
		close(fd);
		unlink(path);
		err_set(err, _("%s: cannot set the file's group or mode: %s"), path, strerror(e));
		return -1;
	}
	close(fd);
	return 0;
}

bool sharedir_folder_open(const char *dir)
{
	struct stat sb;
	return stat(dir, &sb) == 0 && (sb.st_mode & S_IWOTH) && !(sb.st_mode & S_ISVTX);
}

int sharedir_check_folder(const char *dir, enum sharedir_kind kind, char **err)
{
	if (!sharedir_folder_open(dir))
		return 0;
	if (kind == SHAREDIR_TICKETS)
		err_set(err, _("%s: the tickets folder is writable by others; run 'chmod o-w' on it, or 'neuvoo doctor --fix' as root"), dir);
	else
		err_set(err, _("%s: the statistics folder is writable by others; run 'chmod o-w' or 'chmod +t' on it, or 'neuvoo doctor --fix' as root"), dir);
	return -1;
}

const char *sharedir_suffix(size_t i)
{
	static const char *const suffix[] = { "", "-wal", "-shm", "-journal" };
	return i < sizeof suffix / sizeof *suffix ? suffix[i] : NULL;
}

enum sharedir_trust sharedir_file_trust(const char *p, uid_t uid)
{
	struct stat sb;
	if (lstat(p, &sb) != 0)
		return SHAREDIR_OK;
	if (S_ISLNK(sb.st_mode))
		return SHAREDIR_LINK;
	return !S_ISREG(sb.st_mode) || (uid != (uid_t)-1 && sb.st_uid != uid)
	       ? SHAREDIR_FOREIGN : SHAREDIR_OK;
}

int sharedir_check_file(const char *path, enum sharedir_kind kind, bool own,
			char **err)
{
	const char *suffix;
	size_t i;
	int rc = 0;
	for (i = 0; (suffix = sharedir_suffix(i)) && !rc; i++) {
		char *p = xasprintf("%s%s", path, suffix);
		switch (sharedir_file_trust(p, own ? geteuid() : (uid_t)-1)) {
		case SHAREDIR_LINK:
			if (kind == SHAREDIR_TICKETS)
				err_set(err, _("%s: the ticket file is a symbolic link; remove the link and start again"), p);
			else
				err_set(err, _("%s: the statistics file is a symbolic link; remove the link and start again"), p);
			rc = -1;
			break;
		case SHAREDIR_FOREIGN:
			if (kind == SHAREDIR_TICKETS)
				err_set(err, _("%s: the ticket file is not a regular file; move it aside and run 'neuvoo doctor --fix' as root"), p);
			else
				err_set(err, _("%s: the statistics file is not a file of your own; remove or rename it and start again"), p);
			rc = -1;
			break;
		case SHAREDIR_OK:
			break;
		}
		free(p);
	}
	return rc;
}

mode_t sharedir_umask_keep(gid_t gid, mode_t keep)
{
	mode_t was = umask(0);
	umask(gid == (gid_t)-1 ? was : was & ~keep);
	return was;
}

void sharedir_give_group(const char *path, gid_t gid)
{
	static const char *const suffix[] = { "-wal", "-shm" };
	size_t i;
	if (gid == (gid_t)-1)
		return;
	for (i = 0; i < 2; i++) {
		char *p = xasprintf("%s%s", path, suffix[i]);
		struct stat sb;
		if (stat(p, &sb) == 0 && sb.st_uid == geteuid() && sb.st_gid != gid)
			(void)!chown(p, (uid_t)-1, gid);
		free(p);
	}
}
