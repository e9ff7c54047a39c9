/* results_report: what `neuvoo train --results` shows: the attempts of
 * one or more results files merged, per trainee the first and best score
 * of each scenario and the items most often missed, and the same for the
 * whole group, as text, csv or json.
 *
 * Merging is idempotent, like the statistics': an attempt is the same
 * attempt in every copy of a file (trainee, scenario, start, end and
 * score), so giving a file twice, or a copy of one's own file, counts
 * nothing twice. Attempts are numbered again per trainee and scenario in
 * the order they were made, so files from two servers read as one. */
#ifndef NEUVOO_RESULTS_REPORT_H
#define NEUVOO_RESULTS_REPORT_H

#include <stdio.h>

#include "core/results.h"
#include "core/scenario.h"

/* The csv header of `neuvoo train --results --format csv`. */
#define RESULTS_CSV_HEADER "trainee,scenario,attempt,score,seconds,finished_at"

/* The attempts of own (may be NULL: none yet) and of the files or folders
 * in paths (n_paths of them; each must be a results file or hold one),
 * with their items, merged and ordered by trainee, scenario and time;
 * only trainee's when it is not NULL. */
int results_gather(struct results *own, char *const *paths, size_t n_paths,
		   const char *trainee, struct results_attempt **out, size_t *n,
		   char **err);

/* `train --results --format csv`: RESULTS_CSV_HEADER, then one row per
 * attempt (finished_at in ISO 8601 with the local offset). */
int results_write_csv(FILE *f, const struct results_attempt *a, size_t n,
		      char **err);
/* `train --results`: per trainee a table of the scenarios (those of set,
 * then any others with results) with first and best score, attempts and
 * last time, the trainee's progress (scenarios done out of set's total,
 * the mean best score) and the items most often missed; then, for more
 * than one trainee, the group: per scenario how many trainees, their mean
 * first and best score, and the items the group missed most. set may be
 * NULL. */
int results_write_text(FILE *f, const struct results_attempt *a, size_t n,
		       const struct scenario_set *set, char **err);
/* The same as one JSON object: {"trainees": [...], "group": {...}}, with
 * every attempt and its items (neuvoo(1) describes the members). */
int results_write_json(FILE *f, const struct results_attempt *a, size_t n,
		       char **err);

#endif
