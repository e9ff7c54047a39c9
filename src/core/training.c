/* training: see training.h.
 *
 * Design: a plain state record with small transitions, so that the
 * screen only calls them and draws the result, and the unit tests check
 * the rules (attempt numbers, what stays revealed) without a terminal. */
#include <config.h>

#include <stdlib.h>
#include <string.h>

#include "core/err.h"
#include "core/training.h"

int training_start(struct training **out, const struct scenario *sc,
		   const char *trainee, struct results *r, time_t now,
		   char **err)
{
	struct training *t;
	int done = 0;

	*out = NULL;
	if (r && results_count(r, trainee, sc->id, &done, err) != 0)
		return -1;
	t = xcalloc(1, sizeof *t);
	t->sc = sc;
	t->trainee = xstrdup(trainee);
	t->results = r;
	t->attempt = done + 1;
	t->started_at = now;
	t->steps_shown = sc->n_steps ? 1 : 0;
	*out = t;
	return 0;
}

void training_free(struct training **tp)
{
	struct training *t;
	if (!tp || !*tp)
		return;
	t = *tp;
	grade_free(&t->grade);
	free(t->trainee);
	free(t);
	*tp = NULL;
}

bool training_next_step(struct training *t)
{
	if (t->steps_shown >= t->sc->n_steps)
		return false;
	t->steps_shown++;
	t->gen++;
	return true;
}

bool training_next_hint(struct training *t)
{
	if (t->hints_shown >= t->sc->n_hints)
		return false;
	t->hints_shown++;
	t->gen++;
	return true;
}

size_t training_steps_left(const struct training *t)
{
	return t->sc->n_steps - t->steps_shown;
}

size_t training_hints_left(const struct training *t)
{
	return t->sc->n_hints - t->hints_shown;
}

void training_retry(struct training *t, time_t now)
{
	if (t->graded) {
		t->attempt++;
		grade_free(&t->grade);
		t->graded = false;
		t->recorded = false;
	}
	t->started_at = now;
	t->ended_at = 0;
	t->gen++;
}

int training_grade(struct training *t, const struct contact *c, time_t now,
		   char **err)
{
	struct results_attempt a;

	if (t->graded)
		training_retry(t, t->ended_at);
	scenario_grade(t->sc, c, &t->grade);
	t->graded = true;
	t->recorded = false;
	t->ended_at = now < t->started_at ? t->started_at : now;
	t->gen++;
	if (!t->results)
		return 0;
	memset(&a, 0, sizeof a);
	a.trainee = t->trainee;
	a.scenario = t->sc->id;
	a.started_at = t->started_at;
	a.ended_at = t->ended_at;
	if (results_record(t->results, &a, &t->grade, err) != 0)
		return -1;
	/* Another session of the same trainee may have recorded in between:
	 * the file's number is the true one. */
	t->attempt = a.attempt;
	t->recorded = true;
	return 0;
}
