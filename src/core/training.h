/* training: one trainee working through one scenario, without a screen.
 *
 * The state the training screen shows and changes: the path through the
 * scenario's steps so far (the steps shown, the choices made), the ending
 * reached, which contact of the story is being recorded, the hints
 * revealed, the attempt number, when the attempt started, and the grade.
 * Grading records the attempt in the results file (results.h) and
 * nowhere else: nothing here knows of statistics.
 *
 * Attempt numbers follow the results file: an attempt that is started
 * and abandoned (F3 before F2) is not recorded, so the next one keeps its
 * number; a graded one is recorded, and the next one gets the next
 * number. In a scenario of several contacts, each contact is graded when
 * the trainee saves it, and the attempt (every contact's items, the mean
 * of their scores) is recorded when the last one is. A linear scenario's
 * steps once revealed stay revealed across attempts (the trainee has
 * heard them); a branching one starts again at its first step. */
#ifndef NEUVOO_TRAINING_H
#define NEUVOO_TRAINING_H

#include <stdbool.h>
#include <stddef.h>
#include <time.h>

#include "core/contact.h"
#include "core/results.h"
#include "core/scenario.h"

/* One step shown: which, in which contact, the choice made there. */
struct training_stop {
	size_t step;
	int contact;		/* 1, 2, ... */
	int choice;		/* the index chosen, -1 none */
};

struct training {
	const struct scenario *sc;	/* not owned */
	char *trainee;
	struct results *results;	/* not owned; NULL: nothing recorded */
	int attempt;		/* this attempt's number, 1, 2, ... */
	time_t started_at;	/* when this attempt started */
	time_t ended_at;	/* when it was graded; 0 before */
	struct training_stop *path;	/* the steps shown, in order */
	size_t steps_shown;	/* how many (>= 1) */
	size_t hints_shown;	/* 0 .. sc->n_hints */
	int ending;		/* the ending the story reached, -1 */
	int contact;		/* the contact being recorded, 1, 2, ... */
	bool contact_graded;	/* this contact is graded; the story goes on */
	int *scores;		/* per contact graded: its score */
	int *endings;		/* ... and its ending */
	bool graded;		/* grade holds this attempt's grade */
	bool recorded;		/* ... and it is in the results file */
	struct grade grade;	/* every contact graded in this attempt */
	unsigned gen;		/* bumps at every change a screen shows */
};

/* Start the first attempt of trainee on sc at now; the attempt number
 * follows the attempts already in r (may be NULL). The first step is
 * shown at once. Returns 0, or -1 with *err when r cannot be read. */
int training_start(struct training **out, const struct scenario *sc,
		   const char *trainee, struct results *r, time_t now,
		   char **err);
void training_free(struct training **t);

/* What a move did. */
enum training_move {
	TRAINING_STEP,		/* one more step is shown */
	TRAINING_ENDING,	/* the story reached an ending: record, F2 */
	TRAINING_CHOOSE,	/* nothing moved: the step waits for a choice */
	TRAINING_DONE,		/* nothing moved: the story is told */
	TRAINING_NEXT_CONTACT	/* the next contact started: clear the desk */
};

/* The next step (F11): where the first `when` rule over c (NULL: nothing
 * recorded) points, else the step's next; after a graded contact that
 * the story goes on from, the next contact's first step. */
enum training_move training_advance(struct training *t, const struct contact *c);
/* Choice i (0-based) of the step shown last. TRAINING_CHOOSE when there
 * is no such choice (or nothing to choose). */
enum training_move training_choose(struct training *t, size_t i);
/* The step shown last, and its choices when they wait for the trainee
 * (else NULL, 0). */
const struct sc_step *training_step(const struct training *t);
size_t training_choices(const struct training *t);

/* Version 0.1's moves: the next step when one can be shown (no choice
 * waiting, no ending reached); false else. */
bool training_next_step(struct training *t);
bool training_next_hint(struct training *t);
/* Steps not shown yet: in a linear scenario how many; in a branching one
 * 1 while the story can go on without a choice, else 0. */
size_t training_steps_left(const struct training *t);
size_t training_hints_left(const struct training *t);

/* Grade contact c at now against the ending reached (or that the story
 * reaches from the last step shown, following the rules over c). When
 * this attempt is graded already, c is graded as a new attempt (started
 * when the last one was graded). The last contact of the story records
 * the attempt. Returns 0; 1 when this contact is graded and the story
 * goes on (training_advance starts the next contact); 2 when a choice
 * must be made first (nothing graded); 3 when a story of several
 * contacts is graded already (F3 starts a new attempt); -1 with *err
 * when recording failed (the grade is kept, recorded stays false). */
int training_grade(struct training *t, const struct contact *c, time_t now,
		   char **err);

/* A new attempt from now (F3): after a graded one the number goes up;
 * an abandoned one keeps its number. */
void training_retry(struct training *t, time_t now);

#endif
