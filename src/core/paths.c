/* paths: see paths.h. The installation folders come from core/dirs.h,
 * which make writes from the configured folders (so a new --prefix
 * rebuilds this file); the build tree's folders are never compiled in here,
 * only registered at start-up by the uninstalled program (src/tree_build.c). */
#include <config.h>

#include <errno.h>
#include <pwd.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "core/dirs.h"
#include "core/err.h"
#include "core/i18n.h"
#include "core/paths.h"

/* Set once by paths_use_build_tree() before anything else runs; NULL in the
 * installed program. */
static const char *build_srcdir, *build_localedir;

char *paths_join(const char *a, const char *b)
{
	size_t la = strlen(a);
	/* All of a's trailing slashes go, so "/" + "x" is "/x", not "//x". */
	while (la > 0 && a[la - 1] == '/')
		la--;
	while (*b == '/')
		b++;
	return xasprintf("%.*s/%s", (int)la, a, b);
}

char *paths_dirname(const char *path)
{
	const char *slash = strrchr(path, '/');
	if (!slash)
		return xstrdup(".");
	if (slash == path)
		return xstrdup("/");
	return xstrndup(path, (size_t)(slash - path));
}

char *paths_home(void)
{
	const char *home = getenv("HOME");
	struct passwd *pw;

	if (home && home[0] == '/')
		return xstrdup(home);
	/* No HOME (cron, some service managers): the password database says
	 * where this user's files belong; a shared folder such as /tmp would
	 * let other users read or replace them. */
	pw = getpwuid(getuid());
	if (pw && pw->pw_dir && pw->pw_dir[0] == '/')
		return xstrdup(pw->pw_dir);
	return NULL;
}

static char *xdg(const char *var, const char *fallback)
{
	const char *v = getenv(var);
	char *home, *r;
	/* The spec: a relative path in the variable is invalid and ignored. */
	if (v && v[0] == '/')
		return xstrdup(v);
	home = paths_home();
	if (!home)
		return NULL;
	r = paths_join(home, fallback);
	free(home);
	return r;
}

char *paths_data_home(void)
{
	return xdg("XDG_DATA_HOME", ".local/share");
}

char *paths_state_home(void)
{
	return xdg("XDG_STATE_HOME", ".local/state");
}

char *paths_config_home(void)
{
	return xdg("XDG_CONFIG_HOME", ".config");
}

void paths_use_build_tree(const char *srcdir, const char *localedir)
{
	build_srcdir = srcdir;
	build_localedir = localedir;
}

int paths_uninstalled(void)
{
	return build_srcdir != NULL;
}

char *paths_data(const char *kind)
{
	const char *env = getenv("NEUVOO_DATADIR");
	if (env && *env)
		return paths_join(env, kind);
	if (build_srcdir) {
		if (!strcmp(kind, "catalogue") || !strcmp(kind, "scenarios") ||
		    !strcmp(kind, "mappings")) {
			char *data = paths_join(build_srcdir, "data");
			char *r = paths_join(data, kind);
			free(data);
			return r;
		}
		return paths_join(build_srcdir, kind);
	}
	return paths_join(PKGDATADIR, kind);
}

char *paths_localedir(void)
{
	return xstrdup(build_localedir ? build_localedir : LOCALEDIR);
}

const char *paths_sysconfdir(void)
{
	const char *env = getenv("NEUVOO_SYSCONFDIR");
	return env && env[0] == '/' ? env : SYSCONFDIR;
}

char *paths_site(const char *kind)
{
	char *dir = paths_join(paths_sysconfdir(), "neuvoo");
	char *r = paths_join(dir, kind);
	free(dir);
	return r;
}

char **paths_search(const char *kind, bool with_user)
{
	char **v = xcalloc(4, sizeof *v);
	size_t n = 0;

	if (with_user) {
		char *home = paths_config_home();
		if (home) {
			char *dir = paths_join(home, "neuvoo");
			v[n++] = paths_join(dir, kind);
			free(dir);
			free(home);
		}
	}
	v[n++] = paths_site(kind);
	v[n++] = paths_data(kind);
	return v;
}

char *paths_search_file(char *const *dirs, const char *name)
{
	struct stat st;
	size_t i;

	for (i = 0; dirs[i]; i++) {
		char *p = paths_join(dirs[i], name);
		if (stat(p, &st) == 0 && S_ISREG(st.st_mode))
			return p;
		free(p);
	}
	return NULL;
}

char *paths_list_join(char *const *list, const char *sep)
{
	size_t len = 1, i;
	char *s;

	for (i = 0; list[i]; i++)
		len += strlen(list[i]) + strlen(sep);
	s = xmalloc(len);
	s[0] = '\0';
	for (i = 0; list[i]; i++) {
		if (i)
			strcat(s, sep);
		strcat(s, list[i]);
	}
	return s;
}

void paths_list_free(char ***list)
{
	size_t i;
	if (!list || !*list)
		return;
	for (i = 0; (*list)[i]; i++)
		free((*list)[i]);
	free(*list);
	*list = NULL;
}

int paths_mkdir_p(const char *path, mode_t mode, char **err)
{
	char *p, *s;
	struct stat st;
	int rc = 0;

	if (!path || !*path) {
		err_set(err, _("cannot create a folder with an empty name"));
		return -1;
	}
	p = xstrdup(path);
	for (s = p + 1; ; s++) {
		if (*s == '/' || *s == '\0') {
			char c = *s;
			*s = '\0';
			if (mkdir(p, mode) != 0 && errno != EEXIST) {
				err_set(err, _("%s: cannot create folder: %s"), p,
					strerror(errno));
				rc = -1;
				break;
			}
			*s = c;
			if (c == '\0')
				break;
		}
	}
	/* EEXIST also means "a file of that name is in the way". */
	if (rc == 0 && (stat(path, &st) != 0 || !S_ISDIR(st.st_mode))) {
		err_set(err, _("%s: cannot create folder: %s"), path,
			strerror(ENOTDIR));
		rc = -1;
	}
	free(p);
	return rc;
}

char *paths_hostname(void)
{
	char buf[256];
	char *dot;
	if (gethostname(buf, sizeof buf) != 0 || !buf[0])
		return xstrdup("desk");
	buf[sizeof buf - 1] = '\0';
	dot = strchr(buf, '.');
	if (dot)
		*dot = '\0';
	return xstrdup(buf);
}

char *paths_user_name(void)
{
	struct passwd *pw = getpwuid(geteuid());
	char *name, *p;
	if (!pw || !pw->pw_name || !*pw->pw_name)
		return xasprintf("uid%lu", (unsigned long)geteuid());
	name = xstrndup(pw->pw_name, 32);
	for (p = name; *p; p++)
		if (!((*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z')
		      || (*p >= '0' && *p <= '9') || *p == '.' || *p == '-'
		      || *p == '_'))
			*p = '_';
	if (name[0] == '.')
		name[0] = '_';
	return name;
}
