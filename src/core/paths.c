/* paths: see paths.h. */
#include <config.h>

#include <errno.h>
#include <pwd.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "core/err.h"
#include "core/i18n.h"
#include "core/paths.h"

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

static char *xdg(const char *var, const char *fallback)
{
	const char *v = getenv(var), *home;
	/* The spec: a relative path in the variable is invalid and ignored. */
	if (v && v[0] == '/')
		return xstrdup(v);
	home = getenv("HOME");
	if (!home || !*home)
		home = "/tmp";
	return paths_join(home, fallback);
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

int paths_uninstalled(void)
{
	static int cached = -1;
	char exe[PATH_MAX], bindir[PATH_MAX];
	ssize_t n;
	char *slash;

	if (cached >= 0)
		return cached;
	cached = 0;
	n = readlink("/proc/self/exe", exe, sizeof exe - 1);
	if (n <= 0)
		return cached;
	exe[n] = '\0';
	slash = strrchr(exe, '/');
	if (!slash)
		return cached;
	*slash = '\0';
	/* Compare real paths so that symlinked build trees still match. */
	if (realpath(BUILD_BINDIR, bindir) && !strcmp(bindir, exe))
		cached = 1;
	return cached;
}

char *paths_data(const char *kind)
{
	const char *env = getenv("NEUVOO_DATADIR");
	if (env && *env)
		return paths_join(env, kind);
	if (paths_uninstalled()) {
		if (!strcmp(kind, "catalogue") || !strcmp(kind, "scenarios")) {
			char *data = paths_join(BUILD_DATADIR, "data");
			char *r = paths_join(data, kind);
			free(data);
			return r;
		}
		return paths_join(BUILD_DATADIR, kind);
	}
	return paths_join(PKGDATADIR, kind);
}

char *paths_localedir(void)
{
	return xstrdup(paths_uninstalled() ? BUILD_LOCALEDIR : LOCALEDIR);
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
