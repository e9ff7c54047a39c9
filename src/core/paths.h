/* paths: XDG base directories and where neuvoo's own data lives.
 *
 * The uninstalled program (src/neuvoo in a build tree) finds data, keymaps,
 * screens and translations in its source and build trees; the installed one
 * in PKGDATADIR and LOCALEDIR. NEUVOO_DATADIR overrides both for data. */
#ifndef NEUVOO_PATHS_H
#define NEUVOO_PATHS_H

#include <sys/types.h>

/* New strings: $XDG_X_HOME or the spec's default under $HOME. */
char *paths_data_home(void);
char *paths_state_home(void);
char *paths_config_home(void);
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
