/* report_files: see report_files.h. */
#include <config.h>

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <unistd.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "core/err.h"
#include "core/i18n.h"
#include "core/report_files.h"
#include "core/stats.h"

static bool same_file_added(const struct report_files *f, const struct stat *st)
{
	size_t i;
	struct stat o;
	for (i = 0; i < f->n; i++)
		if (stat(f->paths[i], &o) == 0 && o.st_dev == st->st_dev
		    && o.st_ino == st->st_ino)
			return true;
	return false;
}

static void warn(struct report_files *f, char *msg)
{
	f->warnings = xrealloc(f->warnings, (f->n_warnings + 1) * sizeof *f->warnings);
	f->warnings[f->n_warnings++] = msg;
}

/* An SQLite file whose header says WAL (bytes 18 and 19 are 2) with no
 * -wal beside it: copied from a desk that had it open, or closed cleanly
 * (then nothing is missing; the warning says "may"). */
static bool wal_missing(const char *path)
{
	unsigned char h[20];
	char *wal;
	bool missing = false;
	int fd = open(path, O_RDONLY | O_CLOEXEC);
	if (fd < 0)
		return false;
	if (read(fd, h, sizeof h) == (ssize_t)sizeof h
	    && !memcmp(h, "SQLite format 3", 16) && h[18] == 2 && h[19] == 2) {
		wal = xasprintf("%s-wal", path);
		missing = access(wal, F_OK) != 0;
		free(wal);
	}
	close(fd);
	return missing;
}

static void files_push(struct report_files *f, const char *path, bool copy)
{
	f->paths = xrealloc(f->paths, (f->n + 1) * sizeof *f->paths);
	f->paths[f->n++] = xstrdup(path);
	if (copy && wal_missing(path)) {
		/* One line for them all: a folder of fifty cleanly closed
		 * files must not give fifty lines. */
		char *msg;
		if (f->wal_missing++ == 0) {
			f->wal_first = f->n - 1;
			f->wal_warning = f->n_warnings;
			warn(f, NULL);
		}
		msg = f->wal_missing == 1
		      ? xasprintf(_("%s: a desk file in WAL mode without its -wal beside it: if it was copied from a running desk, its latest contacts are missing; copy desk files with 'neuvoo stats snapshot'"),
				  f->paths[f->wal_first])
		      : xasprintf(ngettext("%s and %zu other desk file are in WAL mode without their -wal beside them: if they were copied from running desks, their latest contacts are missing; copy desk files with 'neuvoo stats snapshot'",
					   "%s and %zu other desk files are in WAL mode without their -wal beside them: if they were copied from running desks, their latest contacts are missing; copy desk files with 'neuvoo stats snapshot'",
					   f->wal_missing - 1),
				  f->paths[f->wal_first], f->wal_missing - 1);
		free(f->warnings[f->wal_warning]);
		f->warnings[f->wal_warning] = msg;
	}
}

static int cmp_str(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

void report_sort_names(char **names, size_t n)
{
	if (n > 1)	/* qsort(NULL, 0) is undefined */
		qsort(names, n, sizeof *names, cmp_str);
}

/* A linked or foreign desk file is warned about even when it names a
 * file already added. */
static void check_trust(struct report_files *f, const char *path)
{
	char *msg = NULL;
	if (stats_trust_file(path, &msg))
		warn(f, msg);
}

static int add_dir(struct report_files *f, const char *dir, bool copy, char **err)
{
	DIR *d = opendir(dir);
	struct dirent *e;
	char **names = NULL;
	size_t n = 0, i;

	if (!d) {
		err_set(err, _("%s: cannot read the folder: %s"), dir, strerror(errno));
		return -1;
	}
	while ((e = readdir(d))) {
		size_t len = strlen(e->d_name);
		if (len > 3 && !strcmp(e->d_name + len - 3, ".db") && e->d_name[0] != '.') {
			names = xrealloc(names, (n + 1) * sizeof *names);
			names[n++] = xstrdup(e->d_name);
		}
	}
	closedir(d);
	{
		char *msg = NULL;
		if (stats_trust_folder(dir, &msg))
			warn(f, msg);
	}
	report_sort_names(names, n);
	for (i = 0; i < n; i++) {
		char *p = xasprintf("%s/%s", dir, names[i]);
		struct stat st;
		check_trust(f, p);
		if (stat(p, &st) == 0 && S_ISREG(st.st_mode) && !same_file_added(f, &st))
			files_push(f, p, copy);
		free(p);
		free(names[i]);
	}
	free(names);
	return 0;
}

int report_files_add(struct report_files *f, const char *path, bool missing_ok,
		     char **err)
{
	struct stat st;
	if (stat(path, &st) != 0) {
		if (missing_ok && errno == ENOENT)
			return 0;
		err_set(err, _("%s: cannot read: %s"), path, strerror(errno));
		return -1;
	}
	if (S_ISDIR(st.st_mode))
		return add_dir(f, path, !missing_ok, err);
	check_trust(f, path);
	if (!same_file_added(f, &st))
		files_push(f, path, !missing_ok);
	return 0;
}

void report_files_clear(struct report_files *f)
{
	size_t i;
	for (i = 0; i < f->n; i++)
		free(f->paths[i]);
	for (i = 0; i < f->n_warnings; i++)
		free(f->warnings[i]);
	free(f->paths);
	free(f->warnings);
	f->paths = NULL;
	f->warnings = NULL;
	f->n = f->n_warnings = 0;
	f->wal_missing = f->wal_first = f->wal_warning = 0;
}
