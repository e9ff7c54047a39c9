/* doctor_fix: the repairs of `neuvoo doctor --fix` (see doctor_fix.h).
 *
 * Repairs create what is missing and give the statistics folder what the
 * configuration asks for (its group and mode); owners and the files in
 * the folder are never changed: only a person can tell whose they should
 * be. The folder is changed through a descriptor opened without following
 * a link, and nothing is made while others could swap a folder above it. */
#include <config.h>

#include <errno.h>
#include <fcntl.h>
#include <grp.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include "core/doctor.h"
#include "core/doctor_fix.h"
#include "core/err.h"
#include "core/i18n.h"
#include "core/paths.h"

static void tell(void (*done)(const char *, void *), void *ud,
		 const char *fmt, ...) __attribute__((format(printf, 3, 4)));

static void tell(void (*done)(const char *, void *), void *ud,
		 const char *fmt, ...)
{
	char *line = NULL;
	va_list ap;
	va_start(ap, fmt);
	err_vset(&line, fmt, ap);
	va_end(ap);
	if (done)
		done(line, ud);
	free(line);
}

/* A name groupadd takes, and never an option. */
static bool group_name_ok(const char *s)
{
	size_t i;
	if (!s || !*s || strlen(s) > 32 || s[0] == '-')
		return false;
	for (i = 0; s[i]; i++)
		if (!((s[i] >= 'a' && s[i] <= 'z') || (s[i] >= 'A' && s[i] <= 'Z')
		      || (s[i] >= '0' && s[i] <= '9') || strchr("._-", s[i])))
			return false;
	return true;
}

/* Run argv[0] (an absolute path) without a shell; its exit status, or
 * -1 when it could not be run. */
static int run_tool(char *const argv[])
{
	pid_t pid = fork();
	int status;

	if (pid < 0)
		return -1;
	if (pid == 0) {
		execv(argv[0], argv);
		_exit(127);
	}
	while (waitpid(pid, &status, 0) < 0)
		if (errno != EINTR)
			return -1;
	if (!WIFEXITED(status))
		return -1;
	return WEXITSTATUS(status) == 127 ? -1 : WEXITSTATUS(status);
}

static int create_group(const char *name, char **err)
{
	/* groupadd (passwd) first, then Debian's addgroup (adduser). */
	static const char *const tools[] = {
		"/usr/sbin/groupadd", "/sbin/groupadd",
		"/usr/sbin/addgroup", "/sbin/addgroup",
	};
	size_t i;

	if (!group_name_ok(name)) {
		err_set(err, _("group '%s' (setting 'group'): not a name groupadd accepts; use letters, digits, '.', '-' or '_'"),
			name);
		return -1;
	}
	for (i = 0; i < sizeof tools / sizeof tools[0]; i++) {
		char *argv[] = { (char *)tools[i], (char *)"--system",
				 (char *)name, NULL };
		int rc;
		if (access(tools[i], X_OK) != 0)
			continue;
		rc = run_tool(argv);
		if (rc == 0 && getgrnam(name))
			return 0;
		err_set(err, _("group '%s': %s failed (status %d); create the group by hand"),
			name, tools[i], rc);
		return -1;
	}
	err_set(err, _("group '%s': neither groupadd nor addgroup is installed; create the group by hand"),
		name);
	return -1;
}

/* Missing folders above dir, each `mode` exactly (not the umask's). */
static int make_parents(const char *dir, mode_t mode, char **err)
{
	char *p = xstrdup(dir), *s;
	int rc = 0;

	for (s = p + 1; *s; s++) {
		if (*s != '/')
			continue;
		*s = '\0';
		if (mkdir(p, mode) == 0)
			chmod(p, mode);
		else if (errno != EEXIST) {
			err_set(err, _("%s: cannot create folder: %s"), p, strerror(errno));
			rc = -1;
		}
		*s = '/';
		if (rc)
			break;
	}
	free(p);
	return rc;
}

/* The repairs of an existing folder (or one just made): group and mode,
 * on the folder opened without following a link. */
static int set_folder(const char *dir, bool shared, gid_t gid, bool chgrp,
		      bool chmod_, void (*done)(const char *, void *), void *ud,
		      char **err)
{
	int fd = open(dir, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
	struct stat st;
	mode_t want;
	int rc = -1;

	if (fd < 0 || fstat(fd, &st) != 0) {
		err_set(err, _("%s: cannot open the statistics folder: %s"), dir,
			strerror(errno));
		goto out;
	}
	if (chgrp && st.st_gid != gid) {
		char *name = doctor_group_name(gid);
		if (fchown(fd, (uid_t)-1, gid) != 0) {
			err_set(err, _("%s: cannot change the folder's group: %s"),
				dir, strerror(errno));
			free(name);
			goto out;
		}
		tell(done, ud, _("%s: group set to %s"), dir, name);
		free(name);
		fstat(fd, &st);
	}
	/* Shared: exactly 3770 (a change of group may have cleared setgid);
	 * single: only the rights of the group to write and of others. */
	want = shared ? DOCTOR_SHARED_MODE : (st.st_mode & 07777 & ~(mode_t)027);
	if ((chmod_ || chgrp) && (st.st_mode & 07777) != want) {
		char s[11];
		if (fchmod(fd, want) != 0) {
			err_set(err, _("%s: cannot change the folder's mode: %s"),
				dir, strerror(errno));
			goto out;
		}
		doctor_mode_string(want | S_IFDIR, s);
		tell(done, ud, _("%s: mode set to %04o (%s)"), dir, (unsigned)want, s);
	}
	rc = 0;
out:
	if (fd >= 0)
		close(fd);
	return rc;
}

static bool report_fixes(const struct doctor_report *r, enum doctor_fix fix)
{
	size_t i;
	for (i = 0; i < r->n; i++)
		if (doctor_fix_of(r->items[i].code) == fix)
			return true;
	return false;
}

int doctor_fix(const struct doctor_env *env, const struct doctor_report *r,
	       void (*done)(const char *line, void *ud), void *ud, char **err)
{
	const struct config *cfg = env->cfg;
	bool shared = doctor_shared(env);
	const char *dir;
	gid_t gid = (gid_t)-1;
	struct group *g;

	if (!cfg)
		return 0;
	dir = cfg->stats_dir;
	if (report_fixes(r, DOCTOR_FIX_GROUP)) {
		if (create_group(cfg->group, err) != 0)
			return -1;
		tell(done, ud, _("group '%s' created"), cfg->group);
	}
	if (shared) {
		g = getgrnam(cfg->group);
		if (!g) {
			err_set(err, _("group '%s' (setting 'group' of neuvoo.conf) does not exist; create it or change the setting"),
				cfg->group);
			return -1;
		}
		gid = g->gr_gid;
	}
	if (!report_fixes(r, DOCTOR_FIX_CREATE) && !report_fixes(r, DOCTOR_FIX_CHGRP)
	    && !report_fixes(r, DOCTOR_FIX_CHMOD))
		return 0;
	/* Making a folder that others could swap for their own would hand
	 * them the statistics. */
	if (doctor_has(r, DOCTOR_PARENT_WRITE) || doctor_has(r, DOCTOR_PARENT_OWNER)) {
		err_set(err, _("%s: not repaired while others can replace a folder above it; mend that first"),
			dir);
		return -1;
	}
	if (report_fixes(r, DOCTOR_FIX_CREATE)) {
		char *abs = dir[0] == '/' ? xstrdup(dir) : NULL;
		int rc;
		if (!abs) {
			char *cwd = getcwd(NULL, 0);
			abs = paths_join(cwd ? cwd : "/", dir);
			free(cwd);
		}
		rc = make_parents(abs, shared ? 0755 : 0700, err);
		free(abs);
		if (rc)
			return -1;
		if (mkdir(dir, 0700) != 0) {
			err_set(err, _("%s: cannot create folder: %s"), dir, strerror(errno));
			return -1;
		}
		if (shared) {
			int fd = open(dir, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
			if (fd < 0 || fchown(fd, 0, gid) != 0 || fchmod(fd, DOCTOR_SHARED_MODE) != 0) {
				err_set(err, _("%s: cannot give the folder to root and group %s: %s"),
					dir, cfg->group, strerror(errno));
				if (fd >= 0)
					close(fd);
				return -1;
			}
			close(fd);
			tell(done, ud, _("%s: folder created (root, group %s, mode 3770, drwxrws--T)"),
			     dir, cfg->group);
		} else {
			tell(done, ud, _("%s: folder created (mode 0700, drwx------)"), dir);
		}
		return 0;
	}
	return set_folder(dir, shared, gid, report_fixes(r, DOCTOR_FIX_CHGRP),
			  report_fixes(r, DOCTOR_FIX_CHMOD), done, ud, err);
}
