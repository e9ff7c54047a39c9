/* stats_session: a desk run's session and its draft journal.
 *
 * A session is a random id saved with every contact and with its draft,
 * and a lock held while it lives: an open-file-description lock (Linux
 * F_OFD_SETLK) on one byte `slot` below 4096 of the file, far from the
 * bytes SQLite locks (at 1 GiB), dropped by the kernel however the process
 * ends. A draft whose slot nobody holds belongs to a dead session and may
 * be taken over; a live session's never is. */
#ifndef NEUVOO_STATS_SESSION_H
#define NEUVOO_STATS_SESSION_H

#include "core/contact.h"

struct stats;
struct stats_session;

/* A session: a new random id; its lock is taken by the first stats_open()
 * that uses it and held until stats_session_free(). */
struct stats_session *stats_session_new(void);
void stats_session_free(struct stats_session **s);
const char *stats_session_id(const struct stats_session *s);

/* The draft journal, one draft a session: put replaces this session's,
 * get returns it, or else takes over the newest draft left by a session
 * that is no longer running (never one of a live session); NULL when
 * none. */
int stats_draft_put(struct stats *st, const struct contact *draft, char **err);
int stats_draft_get(struct stats *st, struct contact **draft, char **err);
int stats_draft_clear(struct stats *st, char **err);

#endif
