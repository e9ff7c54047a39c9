/* training: one trainee working through one scenario, without a screen.
 *
 * The state the training screen shows and changes: how many steps and
 * hints are revealed, the attempt number, when the attempt started, and
 * the grade of the last F2. Grading records the attempt in the results
 * file (results.h) and nowhere else: nothing here knows of statistics.
 *
 * Attempt numbers follow the results file: an attempt that is started
 * and abandoned (F3 before F2) is not recorded, so the next one keeps its
 * number; a graded one is recorded, and the next one gets the next
 * number. Steps and hints once revealed stay revealed across attempts
 * (the trainee has heard them). */
#ifndef NEUVOO_TRAINING_H
#define NEUVOO_TRAINING_H

#include <stdbool.h>
#include <stddef.h>
#include <time.h>

#include "core/contact.h"
#include "core/results.h"
#include "core/scenario.h"

struct training {
	const struct scenario *sc;	/* not owned */
	char *trainee;
	struct results *results;	/* not owned; NULL: nothing recorded */
	int attempt;		/* this attempt's number, 1, 2, ... */
	time_t started_at;	/* when this attempt started */
	time_t ended_at;	/* when it was graded; 0 before */
	size_t steps_shown;	/* 1 .. sc->n_steps */
	size_t hints_shown;	/* 0 .. sc->n_hints */
	bool graded;		/* grade holds this attempt's grade */
	bool recorded;		/* ... and it is in the results file */
	struct grade grade;
	unsigned gen;		/* bumps at every change a screen shows */
};

/* Start the first attempt of trainee on sc at now; the attempt number
 * follows the attempts already in r (may be NULL). The first step is
 * shown at once. Returns 0, or -1 with *err when r cannot be read. */
int training_start(struct training **out, const struct scenario *sc,
		   const char *trainee, struct results *r, time_t now,
		   char **err);
void training_free(struct training **t);

/* Reveal one more step or hint; false when all are shown already. */
bool training_next_step(struct training *t);
bool training_next_hint(struct training *t);
size_t training_steps_left(const struct training *t);
size_t training_hints_left(const struct training *t);

/* Grade contact c at now and record the attempt. When this attempt is
 * graded already, c is graded as a new attempt (started when the last one
 * was graded). The grade is kept even when recording fails: then -1 with
 * *err, and recorded stays false. */
int training_grade(struct training *t, const struct contact *c, time_t now,
		   char **err);

/* A new attempt from now (F3): after a graded one the number goes up;
 * an abandoned one keeps its number. */
void training_retry(struct training *t, time_t now);

#endif
