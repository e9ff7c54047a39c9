/* doctor: check a set-up as the current user, and repair what is missing.
 *
 * The checks look at a struct doctor_env: the configuration and what the
 * process is (user, groups, locale, terminal). doctor_env_new() fills it
 * from the real process; tests change single fields (another uid, a
 * terminal size) to try one misconfiguration at a time. Each check adds
 * its findings to a report as structured items: a code (what kind of
 * problem, and which repair would mend it), the path it concerns and one
 * translated line saying what is wrong and what to do. No curses here:
 * whether a terminal type is known comes from the caller (term_known). */
#ifndef NEUVOO_DOCTOR_H
#define NEUVOO_DOCTOR_H

#include <stdbool.h>
#include <stddef.h>
#include <sys/types.h>

#include "core/config.h"

/* What --fix can do about a problem. */
enum doctor_fix {
	DOCTOR_FIX_NONE,	/* only a person can: the message says how */
	DOCTOR_FIX_GROUP,	/* create the configured group */
	DOCTOR_FIX_CREATE,	/* create the statistics folder */
	DOCTOR_FIX_CHGRP,	/* give the folder the configured group */
	DOCTOR_FIX_CHMOD	/* give the folder its mode */
};

/* X(code, fix): every problem the checks know. */
#define DOCTOR_PROBLEMS(X) \
	X(CONFIG, NONE) \
	X(GROUP_MISSING, GROUP) \
	X(NOT_MEMBER, NONE) \
	X(DIR_MISSING, CREATE) \
	X(DIR_NOT_DIR, NONE) \
	X(DIR_OWNER, NONE) \
	X(DIR_GROUP, CHGRP) \
	X(DIR_SETGID, CHMOD) \
	X(DIR_STICKY, CHMOD) \
	X(DIR_MODE, CHMOD) \
	X(DIR_GROUP_WRITE, CHMOD) \
	X(DIR_OTHERS_WRITE, CHMOD) \
	X(DIR_OTHERS_READ, CHMOD) \
	X(DIR_NO_WRITE, NONE) \
	X(DIR_UNREADABLE, NONE) \
	X(PARENT_WRITE, NONE) \
	X(PARENT_OWNER, NONE) \
	X(FILE_READABLE, NONE) \
	X(FILE_WRITABLE, NONE) \
	X(FILE_GROUP, NONE) \
	X(CATALOGUE, NONE) \
	X(DATA_MISSING, NONE) \
	X(LOCALE_MISSING, NONE) \
	X(LOCALE_CHARSET, NONE) \
	X(LANG_MISSING, NONE) \
	X(TERM_UNSET, NONE) \
	X(TERM_UNKNOWN, NONE) \
	X(TERM_SMALL, NONE)

enum doctor_code {
#define X(code, fix) DOCTOR_##code,
	DOCTOR_PROBLEMS(X)
#undef X
	DOCTOR__N
};

struct doctor_problem {
	enum doctor_code code;
	char *path;		/* the file or folder, or NULL */
	char *msg;		/* one translated line: path, what, what to do */
};

struct doctor_report {
	struct doctor_problem *items;
	size_t n;
};

/* A shared statistics folder: root:GROUP drwxrws--T. */
#define DOCTOR_SHARED_MODE 03770

/* The smallest terminal the desk is drawn for. */
#define DOCTOR_MIN_COLS 80
#define DOCTOR_MIN_ROWS 24

struct doctor_env {
	const struct config *cfg;	/* NULL when the configuration fails */
	char *config_err;	/* its error ("file:line: ..."), or NULL */
	uid_t uid;		/* whose set-up: the process's effective user */
	char *user;		/* that user's name (or the number) */
	gid_t *groups;		/* the groups this process has */
	size_t n_groups;
	char *term;		/* $TERM, or NULL */
	/* Whether terminfo knows a terminal type (the caller's curses). */
	bool (*term_known)(const char *term);
	bool tty;		/* standard output is a terminal: check its size */
	int cols, rows;
	char *locale_var;	/* "LC_ALL=fi_FI.UTF-8": what set the locale, or NULL */
	bool locale_missing;	/* that locale is not installed */
	char *codeset;		/* the character set in effect ("UTF-8") */
	char *localedir;	/* where the translations are */
};

/* The environment of this process; cfg (may be NULL) and config_err (may
 * be NULL) are the result of loading the configuration, copied. */
struct doctor_env *doctor_env_new(const struct config *cfg,
				  const char *config_err,
				  bool (*term_known)(const char *term));
void doctor_env_free(struct doctor_env **env);

/* Run every check; the report lists the problems in the checks' order
 * (empty when all is well). */
void doctor_check(const struct doctor_env *env, struct doctor_report *r);
void doctor_report_clear(struct doctor_report *r);
/* Does the report have a problem of this code? */
bool doctor_has(const struct doctor_report *r, enum doctor_code code);
enum doctor_fix doctor_fix_of(enum doctor_code code);
/* How many of the report's problems --fix could mend. */
size_t doctor_fixable(const struct doctor_report *r);

/* Is this a shared set-up (a group configured)? Then --fix needs root. */
bool doctor_shared(const struct doctor_env *env);

/* Names and modes as the messages show them: a group's name (or its
 * number), a new string; "drwxrws--T" for a mode. */
char *doctor_group_name(gid_t gid);
void doctor_mode_string(mode_t m, char out[11]);

#endif
