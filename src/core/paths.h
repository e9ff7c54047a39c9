/* paths: XDG base directories and where neuvoo's own data lives.
 *
 * The uninstalled program (src/neuvoo in a build tree) registers its source
 * and build trees at start-up (paths_use_build_tree) and finds data,
 * keymaps, screens and translations there; the installed one, which has no
 * build folder compiled in, in PKGDATADIR and LOCALEDIR. NEUVOO_DATADIR
 * overrides both for data. Site files are in SYSCONFDIR/neuvoo
 * ($NEUVOO_SYSCONFDIR replaces SYSCONFDIR, for tests and relocated set-ups). */
#ifndef NEUVOO_PATHS_H
#define NEUVOO_PATHS_H

#include <stdbool.h>
#include <sys/types.h>

/* This user's home folder, a new string: $HOME when it is absolute, else
 * the password database's; NULL when neither knows one (never /tmp). */
char *paths_home(void);
/* New strings: $XDG_X_HOME or the spec's default under the home folder;
 * NULL when there is no home folder (see paths_home). */
char *paths_data_home(void);
char *paths_state_home(void);
char *paths_config_home(void);
/* The uninstalled program only: take bundled data from srcdir and
 * translations from localedir (both must outlive the process). */
void paths_use_build_tree(const char *srcdir, const char *localedir);
/* SYSCONFDIR, or $NEUVOO_SYSCONFDIR when it is absolute. */
const char *paths_sysconfdir(void);
/* A site folder: SYSCONFDIR/neuvoo/KIND ("keymaps", "screens",
 * "scenarios"), a new string. */
char *paths_site(const char *kind);
/* The folders searched for files of a kind, first match wins: the user's
 * $XDG_CONFIG_HOME/neuvoo/KIND (with_user, when there is a home), the
 * site's SYSCONFDIR/neuvoo/KIND, then the bundled paths_data(KIND). A
 * NULL-terminated list of new strings for paths_list_free(). */
char **paths_search(const char *kind, bool with_user);
/* The first DIR/name that is a regular file, a new string, or NULL. */
char *paths_search_file(char *const *dirs, const char *name);
/* The list's entries joined by sep, a new string (for messages). */
char *paths_list_join(char *const *list, const char *sep);
void paths_list_free(char ***list);
/* Folder of bundled data of one kind: "catalogue", "keymaps", "screens" or
 * "scenarios". Installed: PKGDATADIR/KIND. Uninstalled: the source tree's
 * data/catalogue, keymaps, screens, data/scenarios. $NEUVOO_DATADIR, when
 * set, replaces PKGDATADIR. A new string. */
char *paths_data(const char *kind);
/* True when this process runs from the build tree (not installed). */
int paths_uninstalled(void);
/* Translations root for bindtextdomain(). */
char *paths_localedir(void);
/* a/b with exactly one slash between. */
char *paths_join(const char *a, const char *b);
/* The folder of a file path, a new string: "a/b.db" -> "a", "b.db" ->
 * ".", "/b.db" -> "/". */
char *paths_dirname(const char *path);
/* mkdir -p with mode for the folders it creates. */
int paths_mkdir_p(const char *path, mode_t mode, char **err);
/* This host's name (for the default desk name), a new string. */
char *paths_hostname(void);
/* The effective user's login name from the password database (never the
 * environment, which anyone can set), made safe for a file name: letters,
 * digits, '.', '-' and '_' stay, anything else becomes '_', at most 32
 * bytes, never starting with '.'; "uidN" when the database has no entry.
 * A new string. */
char *paths_user_name(void);

#endif
