/* results: the training results file (one SQLite file, never the real
 * statistics).
 *
 * $XDG_STATE_HOME/neuvoo/training/results.db by default (config
 * training_dir): the folder 0700, the file 0600, WAL. One row per graded
 * attempt (trainee, scenario, when, time taken, attempt number, score) and
 * one row per graded item of it, so a trainer can see what each trainee
 * got right and wrong. `neuvoo train --results` prints it as text, csv or
 * json (results_report.h), merged with other results files. */
#ifndef NEUVOO_RESULTS_H
#define NEUVOO_RESULTS_H

#include <stdbool.h>
#include <stdio.h>
#include <time.h>

#include "core/scenario.h"

#define RESULTS_SCHEMA_VERSION 1
#define RESULTS_FILE "results.db"
/* The csv header of `neuvoo train --results --format csv`. */
#define RESULTS_CSV_HEADER "trainee,scenario,attempt,score,seconds,finished_at"

struct results;

/* Open dir/results.db, creating the folder (0700) and file (0600) as
 * needed. Errors name the file and say what to do. */
int results_open(struct results **out, const char *dir, char **err);
/* Open dir/results.db only if it exists: 0 and *out set, 1 and *out NULL
 * when there is no file yet, -1 with *err. Creates nothing. */
int results_open_existing(struct results **out, const char *dir, char **err);
/* Open a results file (or a folder's results.db) read-only, for merging;
 * it must exist. */
int results_open_file(struct results **out, const char *path, char **err);
void results_close(struct results **r);
const char *results_path(const struct results *r);

struct results_attempt {
	long long id;		/* row id, set by results_record */
	char *trainee;
	char *scenario;		/* scenario id */
	int attempt;		/* 1, 2, ... per trainee and scenario */
	time_t started_at;
	time_t ended_at;
	int seconds;		/* time taken */
	int score;		/* 0..100 */
	struct results_item *items;	/* results_gather() only, else NULL */
	size_t n_items;
};

/* Record one graded attempt. The caller sets trainee, scenario, started_at
 * and ended_at; this sets id, attempt (the next number for the trainee and
 * scenario), seconds (ended_at - started_at, at least 0) and score (from
 * g), and stores every item of g. One transaction. */
int results_record(struct results *r, struct results_attempt *a,
		   const struct grade *g, char **err);
/* How many attempts the trainee has recorded for the scenario. */
int results_count(struct results *r, const char *trainee,
		  const char *scenario, int *count, char **err);

struct results_item;

/* Remove every attempt of trainee (and its items) from r in one
 * transaction; *removed says how many attempts. */
int results_reset(struct results *r, const char *trainee, int *removed,
		  char **err);

/* Every attempt, ordered by trainee, scenario and attempt number. */
int results_list(struct results *r, struct results_attempt **out,
		 size_t *n, char **err);
void results_list_free(struct results_attempt **a, size_t n);

/* The graded items of one attempt, in grading order. */
struct results_item {
	char *item;		/* grade_item_key(): "channel", "topic:daycare" */
	bool matched;
	int weight;
	int points;
	char *expected;
	char *got;
};
int results_items(struct results *r, long long attempt_id,
		  struct results_item **out, size_t *n, char **err);
void results_items_free(struct results_item **items, size_t n);

#endif
