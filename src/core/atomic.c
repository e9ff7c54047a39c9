/* atomic: see atomic.h. errno is kept across the clean-up after a failed
 * step, so the caller's message says what failed, not what cleaned up. */
#include <config.h>

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/stat.h>
#include <unistd.h>

#include "core/atomic.h"
#include "core/err.h"
#include "core/paths.h"

int atomic_create(struct atomic_file *af, const char *path, mode_t mode)
{
	af->path = xstrdup(path);
	af->tmp = xasprintf("%s.tmp-XXXXXX", path);
	af->fd = mkstemp(af->tmp);
	af->made = af->fd >= 0;
	if (af->fd < 0)
		return -1;
	return fchmod(af->fd, mode);
}

void atomic_release_fd(struct atomic_file *af)
{
	if (af->fd >= 0)
		close(af->fd);
	af->fd = -1;
}

static int sync_fd(int fd)
{
	int rc = fsync(fd);
	/* Some file systems cannot fsync a folder (or a special file). */
	if (rc != 0 && (errno == EINVAL || errno == EBADF))
		rc = 0;
	return rc;
}

int atomic_sync(struct atomic_file *af)
{
	int rc, e;
	if (af->fd < 0)
		af->fd = open(af->tmp, O_RDONLY);
	if (af->fd < 0)
		return -1;
	rc = sync_fd(af->fd);
	e = errno;
	if (close(af->fd) != 0 && rc == 0) {
		rc = -1;
		e = errno;
	}
	af->fd = -1;
	errno = e;
	return rc;
}

int atomic_rename(struct atomic_file *af)
{
	if (rename(af->tmp, af->path) != 0)
		return -1;
	free(af->tmp);
	af->tmp = NULL;
	af->made = 0;
	return 0;
}

int atomic_sync_dir(const char *dir)
{
	int fd = open(dir, O_RDONLY | O_DIRECTORY), rc, e;
	if (fd < 0)
		return -1;
	rc = sync_fd(fd);
	e = errno;
	close(fd);
	errno = e;
	return rc;
}

int atomic_sync_parent(const struct atomic_file *af)
{
	char *dir = paths_dirname(af->path);
	int rc = atomic_sync_dir(dir), e = errno;
	free(dir);
	errno = e;
	return rc;
}

int atomic_commit(struct atomic_file *af)
{
	if (atomic_sync(af) != 0 || atomic_rename(af) != 0) {
		int e = errno;
		atomic_abort(af);
		errno = e;
		return -1;
	}
	return atomic_sync_parent(af);
}

void atomic_abort(struct atomic_file *af)
{
	int e = errno;
	if (af->fd >= 0)
		close(af->fd);
	af->fd = -1;
	if (af->tmp && af->made)
		unlink(af->tmp);
	af->made = 0;
	free(af->tmp);
	free(af->path);
	af->tmp = af->path = NULL;
	errno = e;
}
