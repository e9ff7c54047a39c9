/* db: neuvoo's own writable SQLite files, a desk's statistics and the
 * training results: opening them the same careful way, statements that
 * wait while another process holds the file, and one clear line for what
 * went wrong (never a bare SQLite code).
 *
 * The caller creates the file first (with the mode and group it wants:
 * SQLite's -wal and -shm files take the database file's), then db_open()
 * opens it read-write, refuses a newer or a foreign file before changing
 * anything, switches to WAL with the wanted synchronous level and creates
 * the schema of a new file once. */
#ifndef NEUVOO_DB_H
#define NEUVOO_DB_H

#include <sqlite3.h>
#include <stdbool.h>

/* Which file: it decides the words of the messages. */
enum db_kind { DB_STATS, DB_RESULTS, DB_TICKETS };

struct db_spec {
	enum db_kind kind;
	int version;		/* the schema version this build writes */
	/* Creates a new file's tables and sets PRAGMA user_version: the
	 * caller runs its own constant DDL (an SQLite code back). */
	int (*create)(sqlite3 *db);
	/* synchronous=FULL (every commit survives a power cut), else NORMAL. */
	bool full_sync;
	/* Open a file this process may not write too (to read it); else
	 * that is refused at once rather than at the first write. */
	bool read_only_ok;
	/* Brings a file of an older version `from` (>= 1) up to `version`
	 * inside the caller's transaction (an SQLite code back), or NULL. */
	int (*migrate)(sqlite3 *db, int from);
	/* Refuse a path that is a symlink at the moment SQLite opens it. */
	bool no_follow;
};

/* Open the existing file at path for writing as spec says. 0 with *out
 * (close it with sqlite3_close_v2), or -1 with *err and nothing open. */
int db_open(const char *path, const struct db_spec *spec, sqlite3 **out,
	    char **err);

/* Open a file of another user read-only, for reading only what it holds
 * now: never creates, changes or locks out anything beside it, so read
 * access to the file and its -wal and -shm is all it needs.
 *   - with a -wal and a -shm (a desk running, or one that crashed): a
 *     read-only connection that opens them read-only (SQLite then reads
 *     the log itself), through a VFS that refuses to create a missing
 *     -wal (SQLite would otherwise make one, owned by the reader, which
 *     the desk could not write);
 *   - with no -wal (no writer, nothing to recover): immutable=1;
 *   - with a -wal but no -shm (copied files, a removed -shm): a private
 *     consistent copy, opened immutable and already unlinked.
 * 0 with *out (sqlite3_close), or -1 with *err naming the file. */
int db_open_reader(const char *path, enum db_kind kind, sqlite3 **out,
		   char **err);

/* The schema version of an open file (0: a new, empty file); -1 with *err
 * for a file of a newer schema than `known`, or one with tables but no
 * version (not neuvoo's). */
int db_check_version(sqlite3 *db, const char *path, enum db_kind kind,
		     int known, int *version, char **err);
/* The refusal of a file whose version is newer than `known` (or, with
 * version 0, not neuvoo's at all), for a caller that read the version. */
void db_version_error(char **err, const char *path, enum db_kind kind,
		      int version, int known);

/* The largest value (text or blob) neuvoo reads from any SQLite file, in
 * bytes: a catalogue's longest description is some kB, a hostile one could
 * hold gigabytes (or generate them on every read). */
#define DB_VALUE_MAX_BYTES (8 * 1024 * 1024)

/* On every connection to a file neuvoo did not just create: PRAGMA
 * trusted_schema = OFF and values capped at DB_VALUE_MAX_BYTES. */
void db_harden(sqlite3 *db);

/* Schema allow-listing. *odd = NULL when every object of db is allowed,
 * else a new clause naming the first that is not ("it has a view
 * 'contact'").
 * Never allowed: a virtual table, a generated or hidden column (PRAGMA
 * table_xinfo), any other kind of object. With create, which makes the
 * known schema in an empty database, db must have exactly its tables and
 * columns (in order), views and triggers only as create makes them, and
 * indexes only on its tables; without it, no view and no trigger at all.
 * An SQLite code back. */
int db_schema_odd(sqlite3 *db, int (*create)(sqlite3 *ref, void *arg),
		  void *arg, char **odd);
/* db_schema_odd for a statistics or results file of this version (exact,
 * with spec's create, when version is spec's), or of any version when
 * spec is NULL or version older: 0, or -1 with *err "PATH: not a neuvoo
 * statistics file (it has ...); move it aside". */
int db_check_schema(sqlite3 *db, const char *path, const struct db_spec *spec,
		    enum db_kind kind, int version, char **err);

/* One line for a failed SQLite call on path: full disk, read-only,
 * locked, damaged, cannot open, input/output. */
void db_error(char **err, const char *path, sqlite3 *db, int rc,
	      enum db_kind kind);

/* While another process holds the file (SQLITE_BUSY or SQLITE_LOCKED,
 * which some statements return without waiting for the busy timeout),
 * these retry for a while. */
int db_prepare(sqlite3 *db, const char *sql, sqlite3_stmt **s);
int db_step(sqlite3_stmt *s);	/* the first step of a statement */
/* How long a statement waits for another process's lock before it gives
 * up with a message (the busy timeout, and the retries' total). */
#define DB_BUSY_TIMEOUT_MS 5000

int db_exec(sqlite3 *db, const char *sql);
/* The integer of a one-row, one-column query. */
int db_query_int(sqlite3 *db, const char *sql, int *out);
/* A file's schema version (PRAGMA user_version): the one read of it for
 * files that need no snapshot with other facts (db_check_version reads
 * it with the table count). An SQLite code. */
int db_user_version(sqlite3 *db, int *version);
/* "file:PATH?PARAMS" for sqlite3_open_v2 with SQLITE_OPEN_URI. */
char *db_file_uri(const char *path, const char *params);
/* For a caller retrying a whole operation: is rc such a wait, and a short
 * random nap before try number `tries` (up to DB_RETRIES). */
#define DB_RETRIES 100
bool db_busy(int rc);
void db_nap(int tries);

#endif
