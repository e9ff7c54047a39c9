/* doctor: see doctor.h.
 *
 * The multi-user model decides what is right: a shared statistics folder
 * (a `group` configured) is root:GROUP 3770, so that new files get the
 * group (setgid), nobody removes or renames another's file (sticky) and
 * others see nothing; a single user's folder is the user's own, with no
 * group or other write and not world-readable. Files in it are written by
 * their owners only and never world-readable. A check names each thing
 * that breaks this once, with what to do; problems that follow from one
 * already named (a folder the user cannot write because the user is not
 * in its group) are not named again.
 * The repairs of --fix are doctor_fix.c's. */
#include <config.h>

#include <dirent.h>
#include <errno.h>
#include <grp.h>
#include <langinfo.h>
#include <locale.h>
#include <pwd.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/ioctl.h>
#include <sys/stat.h>
#include <unistd.h>

#include "core/catalogue.h"
#include "core/catalogue_check.h"
#include "core/catalogue_schema.h"
#include "core/doctor.h"
#include "core/err.h"
#include "core/i18n.h"
#include "core/paths.h"

/* ---- the report ---------------------------------------------------------- */

static const enum doctor_fix fixes[] = {
#define X(code, fix) DOCTOR_FIX_##fix,
	DOCTOR_PROBLEMS(X)
#undef X
};

enum doctor_fix doctor_fix_of(enum doctor_code code)
{
	return code < DOCTOR__N ? fixes[code] : DOCTOR_FIX_NONE;
}

static void add(struct doctor_report *r, enum doctor_code code,
		const char *path, const char *fmt, ...)
	__attribute__((format(printf, 4, 5)));

static void add(struct doctor_report *r, enum doctor_code code,
		const char *path, const char *fmt, ...)
{
	struct doctor_problem *p;
	va_list ap;

	r->items = xrealloc(r->items, (r->n + 1) * sizeof *r->items);
	p = &r->items[r->n++];
	p->code = code;
	p->path = xstrdup(path);
	p->msg = NULL;
	va_start(ap, fmt);
	err_vset(&p->msg, fmt, ap);
	va_end(ap);
}

void doctor_report_clear(struct doctor_report *r)
{
	size_t i;
	for (i = 0; i < r->n; i++) {
		free(r->items[i].path);
		free(r->items[i].msg);
	}
	free(r->items);
	r->items = NULL;
	r->n = 0;
}

bool doctor_has(const struct doctor_report *r, enum doctor_code code)
{
	size_t i;
	for (i = 0; i < r->n; i++)
		if (r->items[i].code == code)
			return true;
	return false;
}

static bool has_at(const struct doctor_report *r, enum doctor_code code,
		   const char *path)
{
	size_t i;
	for (i = 0; i < r->n; i++)
		if (r->items[i].code == code && r->items[i].path
		    && !strcmp(r->items[i].path, path))
			return true;
	return false;
}

size_t doctor_fixable(const struct doctor_report *r)
{
	size_t i, n = 0;
	for (i = 0; i < r->n; i++)
		if (doctor_fix_of(r->items[i].code) != DOCTOR_FIX_NONE)
			n++;
	return n;
}

/* ---- the environment ----------------------------------------------------- */

/* Which variable decides the character set, as "NAME=value" (NULL when
 * none is set), and whether that locale is installed. */
static void probe_locale(struct doctor_env *e)
{
	static const char *const vars[] = { "LC_ALL", "LC_CTYPE", "LANG" };
	const char *v = NULL, *now;
	char *saved;
	size_t i;

	for (i = 0; i < sizeof vars / sizeof vars[0]; i++) {
		v = getenv(vars[i]);
		if (v && *v)
			break;
	}
	if (i == sizeof vars / sizeof vars[0])
		return;
	e->locale_var = xasprintf("%s=%s", vars[i], v);
	now = setlocale(LC_CTYPE, NULL);
	saved = xstrdup(now ? now : "C");
	e->locale_missing = setlocale(LC_CTYPE, "") == NULL;
	setlocale(LC_CTYPE, saved);
	free(saved);
}

struct doctor_env *doctor_env_new(const struct config *cfg,
				  const char *config_err,
				  bool (*term_known)(const char *term))
{
	struct doctor_env *e = xcalloc(1, sizeof *e);
	struct passwd *pw;
	struct winsize ws;
	const char *term;
	gid_t egid = getegid();
	int n;
	size_t i;

	e->cfg = cfg;
	e->config_err = xstrdup(config_err);
	e->uid = geteuid();
	pw = getpwuid(e->uid);
	e->user = pw ? xstrdup(pw->pw_name) : xasprintf("%ld", (long)e->uid);
	n = getgroups(0, NULL);
	e->groups = xcalloc((size_t)(n > 0 ? n : 0) + 1, sizeof *e->groups);
	n = n > 0 ? getgroups(n, e->groups) : 0;
	e->n_groups = n > 0 ? (size_t)n : 0;
	for (i = 0; i < e->n_groups && e->groups[i] != egid; i++)
		;
	if (i == e->n_groups)
		e->groups[e->n_groups++] = egid;
	term = getenv("TERM");
	e->term = term && *term ? xstrdup(term) : NULL;
	e->term_known = term_known;
	e->tty = isatty(STDOUT_FILENO) && ioctl(STDOUT_FILENO, TIOCGWINSZ, &ws) == 0
		 && ws.ws_col > 0 && ws.ws_row > 0;
	if (e->tty) {
		e->cols = ws.ws_col;
		e->rows = ws.ws_row;
	}
	probe_locale(e);
	e->codeset = xstrdup(nl_langinfo(CODESET));
	e->localedir = paths_localedir();
	return e;
}

void doctor_env_free(struct doctor_env **env)
{
	struct doctor_env *e;
	if (!env || !*env)
		return;
	e = *env;
	free(e->config_err);
	free(e->user);
	free(e->groups);
	free(e->term);
	free(e->locale_var);
	free(e->codeset);
	free(e->localedir);
	free(e);
	*env = NULL;
}

bool doctor_shared(const struct doctor_env *env)
{
	return env->cfg && env->cfg->group && *env->cfg->group;
}

/* ---- small helpers --------------------------------------------------------- */

static bool in_groups(const struct doctor_env *env, gid_t gid)
{
	size_t i;
	for (i = 0; i < env->n_groups; i++)
		if (env->groups[i] == gid)
			return true;
	return false;
}

/* May env's user do `want` (of 4 read, 2 write, 1 enter) to st? */
static bool may(const struct doctor_env *env, const struct stat *st, int want)
{
	int bits;
	if (env->uid == 0)
		return true;
	if (st->st_uid == env->uid)
		bits = (st->st_mode >> 6) & 7;
	else if (in_groups(env, st->st_gid))
		bits = (st->st_mode >> 3) & 7;
	else
		bits = st->st_mode & 7;
	return (bits & want) == want;
}

static char *user_name(uid_t uid)
{
	struct passwd *pw = getpwuid(uid);
	return pw ? xstrdup(pw->pw_name) : xasprintf("%ld", (long)uid);
}

char *doctor_group_name(gid_t gid)
{
	struct group *g = getgrgid(gid);
	return g ? xstrdup(g->gr_name) : xasprintf("%ld", (long)gid);
}

void doctor_mode_string(mode_t m, char out[11])
{
	static const char rwx[] = "rwxrwxrwx";
	int i;
	out[0] = S_ISDIR(m) ? 'd' : '-';
	for (i = 0; i < 9; i++)
		out[1 + i] = (m & (0400 >> i)) ? rwx[i] : '-';
	if (m & S_ISUID)
		out[3] = (m & S_IXUSR) ? 's' : 'S';
	if (m & S_ISGID)
		out[6] = (m & S_IXGRP) ? 's' : 'S';
	if (m & S_ISVTX)
		out[9] = (m & S_IXOTH) ? 't' : 'T';
	out[10] = '\0';
}

static const char *fix_hint(const struct doctor_env *env)
{
	return doctor_shared(env) ? _("run 'neuvoo doctor --fix' as root")
				  : _("run 'neuvoo doctor --fix'");
}

/* ---- configuration ------------------------------------------------------- */

static void check_config(const struct doctor_env *env, struct doctor_report *r)
{
	if (env->config_err)
		add(r, DOCTOR_CONFIG, NULL, "%s", env->config_err);
}

/* ---- the statistics folder --------------------------------------------- */

/* The group and the user's membership; the group's id, or (gid_t)-1. */
static gid_t check_group(const struct doctor_env *env, struct doctor_report *r)
{
	const char *name = env->cfg->group;
	struct group *g = getgrnam(name);
	struct passwd *pw;
	gid_t gid, base, *list;
	int n = 64;
	bool listed = false;

	if (!g) {
		add(r, DOCTOR_GROUP_MISSING, NULL,
		    _("group '%s' (setting 'group' of neuvoo.conf) does not exist; %s to create it"),
		    name, fix_hint(env));
		return (gid_t)-1;
	}
	gid = g->gr_gid;
	if (env->uid == 0 || in_groups(env, gid))
		return gid;
	/* In the group database but not in this session: logged in before
	 * being added. */
	pw = getpwnam(env->user);
	base = pw ? pw->pw_gid : (gid_t)-1;
	list = xmalloc((size_t)n * sizeof *list);
	if (getgrouplist(env->user, base, list, &n) < 0) {
		list = xrealloc(list, (size_t)n * sizeof *list);
		getgrouplist(env->user, base, list, &n);
	}
	while (n-- > 0)
		if (list[n] == gid)
			listed = true;
	free(list);
	if (listed)
		add(r, DOCTOR_NOT_MEMBER, NULL,
		    _("group '%s': you (%s) were added to it after this session started; log out and in again"),
		    name, env->user);
	else
		add(r, DOCTOR_NOT_MEMBER, NULL,
		    _("group '%s': you (%s) are not a member, so you cannot save statistics; an administrator adds you with: usermod -aG %s %s"),
		    name, env->user, name, env->user);
	return gid;
}

static void check_parent(const struct doctor_env *env, struct doctor_report *r,
			 const char *path)
{
	struct stat st;
	if (lstat(path, &st) != 0 || S_ISLNK(st.st_mode) || !S_ISDIR(st.st_mode))
		return;
	if ((st.st_mode & S_IWOTH) && !(st.st_mode & S_ISVTX)
	    && !has_at(r, DOCTOR_PARENT_WRITE, path))
		add(r, DOCTOR_PARENT_WRITE, path,
		    _("%s: anyone can write to this folder above the statistics folder, so others could replace it; chmod o-w %s (or +t)"),
		    path, path);
	if (st.st_uid != 0 && st.st_uid != env->uid
	    && !has_at(r, DOCTOR_PARENT_OWNER, path)) {
		char *owner = user_name(st.st_uid);
		add(r, DOCTOR_PARENT_OWNER, path,
		    _("%s: owned by %s, who could replace the statistics folder inside it; keep statistics on a path owned by root"),
		    path, owner);
		free(owner);
	}
}

/* Every folder above path: as written (what a process walks) and as
 * resolved (where it ends up, through symbolic links). */
static void check_parents(const struct doctor_env *env,
			  struct doctor_report *r, const char *dir)
{
	char *abs, *real, *p, *s;
	bool exists;
	int pass;

	if (dir[0] == '/')
		abs = xstrdup(dir);
	else {
		char *cwd = getcwd(NULL, 0);
		abs = paths_join(cwd ? cwd : "/", dir);
		free(cwd);
	}
	/* The deepest folder that exists, resolved. */
	exists = (real = realpath(abs, NULL)) != NULL;
	p = xstrdup(abs);
	while (!real && strcmp(p, "/")) {
		char *up = paths_dirname(p);
		free(p);
		p = up;
		real = realpath(p, NULL);
	}
	free(p);
	for (pass = 0; pass < 2; pass++) {
		const char *walk = pass ? real : abs;
		if (!walk)
			continue;
		p = xstrdup(walk);
		/* "/" and each prefix ending before a slash, never walk itself
		 * (the folder's own mode is checked on its own). */
		check_parent(env, r, "/");
		for (s = p + 1; *s; s++) {
			if (*s != '/')
				continue;
			*s = '\0';
			check_parent(env, r, p);
			*s = '/';
		}
		/* The deepest existing folder, when it is not the
		 * statistics folder itself, is a parent too. */
		if (pass && !exists)
			check_parent(env, r, walk);
		free(p);
	}
	free(real);
	free(abs);
}

/* A statistics file or one of SQLite's beside it: what the folder is
 * for (other files are not the desks' business, nor this check's). */
static bool stats_name(const char *name)
{
	static const char *const ends[] = { ".db", ".db-wal", ".db-shm", ".db-journal" };
	size_t n = strlen(name), i;
	for (i = 0; i < sizeof ends / sizeof ends[0]; i++) {
		size_t k = strlen(ends[i]);
		if (n > k && !strcmp(name + n - k, ends[i]))
			return true;
	}
	return false;
}

static int cmp_names(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/* The statistics files in the folder: never world-readable, written by
 * their owners only, and (shared) of the group, so that supervisors can
 * read them. */
static void check_files(const struct doctor_env *env, struct doctor_report *r,
			const char *dir, gid_t gid)
{
	DIR *d = opendir(dir);
	struct dirent *de;
	char **names = NULL;
	size_t n = 0, i;

	if (!d) {
		add(r, DOCTOR_DIR_UNREADABLE, dir,
		    _("%s: cannot list the statistics folder: %s; check its permissions"),
		    dir, strerror(errno));
		return;
	}
	while ((de = readdir(d))) {
		if (!stats_name(de->d_name))
			continue;
		names = xrealloc(names, (n + 1) * sizeof *names);
		names[n++] = xstrdup(de->d_name);
	}
	closedir(d);
	if (n)
		qsort(names, n, sizeof *names, cmp_names);
	for (i = 0; i < n; i++) {
		char *path = paths_join(dir, names[i]);
		struct stat st;
		if (lstat(path, &st) == 0 && S_ISREG(st.st_mode)) {
			if (st.st_mode & S_IROTH)
				add(r, DOCTOR_FILE_READABLE, path,
				    _("%s: anyone can read this statistics file; chmod o-r %s"),
				    path, path);
			if (st.st_mode & (S_IWGRP | S_IWOTH)) {
				char *owner = user_name(st.st_uid);
				add(r, DOCTOR_FILE_WRITABLE, path,
				    _("%s: users other than its owner (%s) can write to it; chmod go-w %s"),
				    path, owner, path);
				free(owner);
			}
			if (gid != (gid_t)-1 && st.st_gid != gid) {
				char *has = doctor_group_name(st.st_gid);
				add(r, DOCTOR_FILE_GROUP, path,
				    _("%s: its group is %s, not %s, so supervisors cannot read it; chgrp %s %s"),
				    path, has, env->cfg->group, env->cfg->group, path);
				free(has);
			}
		}
		free(path);
		free(names[i]);
	}
	free(names);
}

/* The mode of a shared folder: 3770 and nothing else. */
static void check_shared_mode(const struct doctor_env *env,
			      struct doctor_report *r, const char *dir,
			      mode_t m)
{
	const char *hint = fix_hint(env);
	if (!(m & S_ISGID))
		add(r, DOCTOR_DIR_SETGID, dir,
		    _("%s: no setgid bit, so new statistics files would not get group %s; %s (mode 3770)"),
		    dir, env->cfg->group, hint);
	if (!(m & S_ISVTX))
		add(r, DOCTOR_DIR_STICKY, dir,
		    _("%s: no sticky bit, so advisors could remove or rename each other's files; %s (mode 3770)"),
		    dir, hint);
	if ((m & 0770) != 0770) {
		char s[11];
		doctor_mode_string(m | S_IFDIR, s);
		add(r, DOCTOR_DIR_MODE, dir,
		    _("%s: mode %04o (%s), but the owner and the group need all rights (3770, drwxrws--T); %s"),
		    dir, (unsigned)(m & 07777), s, hint);
	}
}

static void check_others(const struct doctor_env *env, struct doctor_report *r,
			 const char *dir, mode_t m)
{
	if (m & S_IWOTH)
		add(r, DOCTOR_DIR_OTHERS_WRITE, dir,
		    _("%s: anyone can write to the statistics folder, so others could remove or replace statistics; %s"),
		    dir, fix_hint(env));
	if (m & (S_IROTH | S_IXOTH))
		add(r, DOCTOR_DIR_OTHERS_READ, dir,
		    _("%s: anyone can look into the statistics folder (statistics are never world-readable); %s"),
		    dir, fix_hint(env));
}

static void check_stats(const struct doctor_env *env, struct doctor_report *r)
{
	const char *dir = env->cfg->stats_dir;
	bool shared = doctor_shared(env);
	size_t before = r->n;
	gid_t gid = shared ? check_group(env, r) : (gid_t)-1;
	struct stat st;
	mode_t m;

	check_parents(env, r, dir);
	if (stat(dir, &st) != 0) {
		if (errno == ENOENT)
			add(r, DOCTOR_DIR_MISSING, dir,
			    _("%s: the statistics folder does not exist; %s to create it"),
			    dir, fix_hint(env));
		else
			add(r, DOCTOR_DIR_UNREADABLE, dir,
			    _("%s: cannot look at the statistics folder: %s; check the folders above it"),
			    dir, strerror(errno));
		return;
	}
	if (!S_ISDIR(st.st_mode)) {
		add(r, DOCTOR_DIR_NOT_DIR, dir,
		    _("%s: is not a folder; move it aside, or set 'stats-dir' to a folder"),
		    dir);
		return;
	}
	if (st.st_uid != (shared ? 0 : env->uid)) {
		char *owner = user_name(st.st_uid);
		if (shared)
			add(r, DOCTOR_DIR_OWNER, dir,
			    _("%s: owned by %s instead of root, so that user could change its mode; as root: chown root %s"),
			    dir, owner, dir);
		else
			add(r, DOCTOR_DIR_OWNER, dir,
			    _("%s: owned by %s, not by you (%s); set 'stats-dir' to a folder of your own"),
			    dir, owner, env->user);
		free(owner);
	}
	m = st.st_mode & 07777;
	if (shared) {
		if (gid != (gid_t)-1 && st.st_gid != gid) {
			char *has = doctor_group_name(st.st_gid);
			add(r, DOCTOR_DIR_GROUP, dir,
			    _("%s: its group is %s, not %s (setting 'group'); %s"),
			    dir, has, env->cfg->group, fix_hint(env));
			free(has);
		}
		check_shared_mode(env, r, dir, m);
	} else if (m & S_IWGRP) {
		add(r, DOCTOR_DIR_GROUP_WRITE, dir,
		    _("%s: its group can write to it, but no 'group' is configured; %s, or set 'group' for a shared folder"),
		    dir, fix_hint(env));
	}
	check_others(env, r, dir, m);
	/* Named only when nothing above explains it. */
	if (r->n == before && !may(env, &st, 3))
		add(r, DOCTOR_DIR_NO_WRITE, dir,
		    _("%s: you (%s) cannot create your statistics file in it; check its permissions"),
		    dir, env->user);
	if (may(env, &st, 5))
		check_files(env, r, dir, gid);
}

/* ---- catalogue, data ------------------------------------------------------ */

static void count_problem(void *ctx, const char *msg)
{
	(void)msg;
	++*(size_t *)ctx;
}

static void check_catalogue(const struct doctor_env *env,
			    struct doctor_report *r)
{
	const char *path = env->cfg->catalogue;
	struct catalogue *cat = NULL;
	char *err = NULL;
	size_t n = 0;

	/* The default one is made from the bundled data on first use (the
	 * data check looks for that). */
	if (env->cfg->catalogue_default && access(path, F_OK) != 0
	    && errno == ENOENT)
		return;
	if (catalogue_open(path, &cat, &err) != 0) {
		add(r, DOCTOR_CATALOGUE, path, "%s", err);
		err_free(&err);
		return;
	}
	catalogue_check(cat, count_problem, &n);
	catalogue_free(&cat);
	if (n)
		add(r, DOCTOR_CATALOGUE, path,
		    ngettext("%s: the catalogue has %zu problem; 'neuvoo catalogue check' lists it",
			     "%s: the catalogue has %zu problems; 'neuvoo catalogue check' lists them", n),
		    path, n);
}

static void check_data(const struct doctor_env *env, struct doctor_report *r)
{
	static const char *const kinds[] = {
		"catalogue", "keymaps", "screens", "scenarios"
	};
	size_t i;
	struct stat st;

	(void)env;
	for (i = 0; i < sizeof kinds / sizeof kinds[0]; i++) {
		char *dir = paths_data(kinds[i]);
		if (stat(dir, &st) != 0 || !S_ISDIR(st.st_mode))
			add(r, DOCTOR_DATA_MISSING, dir,
			    _("%s: the bundled data folder is missing; reinstall neuvoo (or set NEUVOO_DATADIR)"),
			    dir);
		else if (i == 0) {
			char *sql = paths_join(dir, "helsinki.sql");
			if (access(sql, R_OK) != 0)
				add(r, DOCTOR_DATA_MISSING, sql,
				    _("%s: the bundled catalogue is missing; reinstall neuvoo (or set NEUVOO_DATADIR)"),
				    sql);
			free(sql);
		}
		free(dir);
	}
}

/* ---- locale and terminal --------------------------------------------------- */

static bool is_utf8(const char *codeset)
{
	return codeset && (!strcasecmp(codeset, "UTF-8") || !strcasecmp(codeset, "utf8"));
}

/* Has the UI language lang ("fi", "sv_FI") a catalogue of messages? */
static char *missing_mo(const struct doctor_env *env, const char *lang)
{
	char *mo, bare[8];
	size_t n = strcspn(lang, "_.@");

	if (n >= sizeof bare)
		n = sizeof bare - 1;
	memcpy(bare, lang, n);
	bare[n] = '\0';
	if (!strcmp(bare, "en"))
		return NULL;
	mo = xasprintf("%s/%s/LC_MESSAGES/%s.mo", env->localedir, lang, PACKAGE);
	if (access(mo, R_OK) == 0) {
		free(mo);
		return NULL;
	}
	free(mo);
	mo = xasprintf("%s/%s/LC_MESSAGES/%s.mo", env->localedir, bare, PACKAGE);
	if (access(mo, R_OK) == 0) {
		free(mo);
		return NULL;
	}
	return mo;
}

static void check_locale(const struct doctor_env *env, struct doctor_report *r)
{
	if (env->locale_var && env->locale_missing)
		add(r, DOCTOR_LOCALE_MISSING, NULL,
		    _("%s: this locale is not installed; choose one that 'locale -a' lists, or install it (dpkg-reconfigure locales)"),
		    env->locale_var);
	if (!is_utf8(env->codeset))
		add(r, DOCTOR_LOCALE_CHARSET, NULL,
		    _("%s: the character set is %s, not UTF-8, so the desk cannot show every language; use a UTF-8 locale such as C.UTF-8 or fi_FI.UTF-8"),
		    env->locale_var ? env->locale_var : "LANG", env->codeset ? env->codeset : "?");
	if (env->cfg && env->cfg->lang) {
		char *mo = missing_mo(env, env->cfg->lang);
		if (mo)
			add(r, DOCTOR_LANG_MISSING, mo,
			    _("%s: no translations for the UI language '%s' (setting 'lang' or --lang); reinstall neuvoo or choose another language"),
			    mo, env->cfg->lang);
		free(mo);
	}
}

static void check_terminal(const struct doctor_env *env,
			   struct doctor_report *r)
{
	if (!env->term)
		add(r, DOCTOR_TERM_UNSET, NULL, "%s",
		    _("TERM is not set, so the desk cannot draw its screen; set it to the terminal's type (for example xterm-256color or linux)"));
	else if (env->term_known && !env->term_known(env->term))
		add(r, DOCTOR_TERM_UNKNOWN, NULL,
		    _("TERM=%s: terminfo does not know this terminal type; install ncurses-term, or set TERM to a known type (for example xterm-256color)"),
		    env->term);
	if (env->tty && (env->cols < DOCTOR_MIN_COLS || env->rows < DOCTOR_MIN_ROWS))
		add(r, DOCTOR_TERM_SMALL, NULL,
		    _("the terminal is %dx%d, but the desk needs at least %dx%d; enlarge the window or use a smaller font"),
		    env->cols, env->rows, DOCTOR_MIN_COLS, DOCTOR_MIN_ROWS);
}

/* ---- all checks ------------------------------------------------------------- */

static const struct {
	void (*run)(const struct doctor_env *, struct doctor_report *);
	bool needs_config;
} checks[] = {
	{ check_config, false },
	{ check_stats, true },
	{ check_catalogue, true },
	{ check_data, false },
	{ check_locale, false },
	{ check_terminal, false },
};

void doctor_check(const struct doctor_env *env, struct doctor_report *r)
{
	size_t i;
	for (i = 0; i < sizeof checks / sizeof checks[0]; i++)
		if (env->cfg || !checks[i].needs_config)
			checks[i].run(env, r);
}
