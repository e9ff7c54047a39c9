/* stats_fill: save N synthetic contacts to a desk file through stats_save,
 * for the end-to-end tests (built by make check, not a test itself).
 *
 *   stats_fill PATH DESK N [YYYY-MM-DD]
 *
 * Contact i (0-based) of N, on the date (default today), local time:
 *   started  08:00 + i * (8 h / N), ended 5 minutes later
 *   language fi so ar en ru (i mod 5)
 *   channel  walk-in phone chat (i mod 3)
 *   topics   topic (i mod 16), plus housing when i is even
 *   outcome  answered, except every 4th: redirected to service-(i mod 2)
 *            for reason expertise
 * so that a test can work out every count. Prints the number saved.
 * STATS_FILL_HOLD=SECONDS keeps the file open that long after the saves
 * (a running desk); STATS_FILL_CRASH=1 ends without closing it, its log
 * left unfolded as after a SIGKILL; STATS_FILL_GROUP=GROUP writes it as a
 * desk with `group` set does (0640, the group's); STATS_FILL_UNDO=1 then
 * undoes the last contact saved (F9, after the hold; that one ends at the
 * time of its save) and prints its id. */
#include <config.h>

#include <stdio.h>
#include <stdlib.h>
#include <time.h>
#include <unistd.h>

#include "core/err.h"
#include "core/stats.h"

static const char *const langs[] = { "fi", "so", "ar", "en", "ru" };
static const char *const channels[] = { "walk-in", "phone", "chat" };

int main(int argc, char **argv)
{
	struct stats_opts o = { NULL, NULL, NULL, 0, 0, NULL };
	struct stats *st = NULL;
	char *err = NULL, today[11];
	const char *date;
	time_t start, end;
	long n, i;

	if (argc < 4 || argc > 5) {
		fputs("usage: stats_fill PATH DESK N [YYYY-MM-DD]\n", stderr);
		return 2;
	}
	n = strtol(argv[3], NULL, 10);
	date_format(time(NULL), today);
	date = argc == 5 ? argv[4] : today;
	if (n < 0 || date_local_day(date, &start, &end)) {
		fputs("stats_fill: bad count or date\n", stderr);
		return 2;
	}
	o.desk = argv[2];
	o.group = getenv("STATS_FILL_GROUP");
	if (stats_open(&st, argv[1], &o, &err)) {
		fprintf(stderr, "stats_fill: %s\n", err);
		err_free(&err);
		return 1;
	}
	for (i = 0; i < n; i++) {
		struct contact *c = contact_new(NULL);
		c->started_at = start + 8 * 3600 + (time_t)(i * (8 * 3600 / n));
		c->ended_at = c->started_at + 300;
		if (getenv("STATS_FILL_UNDO") && i == n - 1) {
			/* The one to undo ends now: F9 undoes a fresh one. */
			c->ended_at = time(NULL);
			c->started_at = c->ended_at - 300;
		}
		contact_set_language(c, langs[i % 5]);
		c->channel = codes_find(CODES_CHANNEL, channels[i % 3]);
		c->topics = 1u << (i % TOPIC__N);
		if (i % 2 == 0)
			c->topics |= 1u << TOPIC_HOUSING;
		if (i % 4 == 3) {
			c->outcome = codes_find(CODES_OUTCOME, "redirected");
			contact_set_redirect(c, i % 2 ? "service-1" : "service-0");
			c->redirect_reason = codes_find(CODES_REASON, "expertise");
		}
		if (stats_save(st, c, &err)) {
			fprintf(stderr, "stats_fill: %s\n", err);
			free(err);
			contact_free(&c);
			stats_close(&st);
			return 1;
		}
		contact_free(&c);
	}
	printf("%ld\n", n);
	fflush(stdout);
	if (getenv("STATS_FILL_HOLD"))
		sleep((unsigned)atoi(getenv("STATS_FILL_HOLD")));
	if (getenv("STATS_FILL_CRASH"))
		_exit(0);
	if (getenv("STATS_FILL_UNDO")) {
		struct contact *u = NULL;
		if (stats_undo_last(st, time(NULL), &u, &err) != 0) {
			fprintf(stderr, "stats_fill: undo: %s\n", err ? err : "nothing to undo");
			free(err);
			stats_close(&st);
			return 1;
		}
		printf("%s\n", u->id);
		contact_free(&u);
	}
	stats_close(&st);
	return 0;
}
