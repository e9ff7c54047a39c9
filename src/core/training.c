/* training: see training.h.
 *
 * Design: a plain state record with small transitions, so that the
 * screen only calls them and draws the result, and the unit tests check
 * the rules (attempt numbers, what stays revealed, where the story goes)
 * without a terminal. Where the story goes is the scenario's graph
 * (scenario_graph.c); this only walks it. */
#include <config.h>

#include <stdlib.h>
#include <string.h>

#include "core/err.h"
#include "core/training.h"

static void push(struct training *t, size_t step, int contact)
{
	t->path = xrealloc(t->path, (t->steps_shown + 1) * sizeof *t->path);
	t->path[t->steps_shown].step = step;
	t->path[t->steps_shown].contact = contact;
	t->path[t->steps_shown].choice = -1;
	t->steps_shown++;
	t->gen++;
}

/* From the first step, with nothing graded. */
static void restart_story(struct training *t)
{
	free(t->path);
	t->path = NULL;
	t->steps_shown = 0;
	t->ending = -1;
	t->contact = 1;
	t->contact_graded = false;
	if (t->sc->n_steps)
		push(t, 0, 1);
}

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
	restart_story(t);
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
	free(t->path);
	free(t->scores);
	free(t->endings);
	free(t->trainee);
	free(t);
	*tp = NULL;
}

const struct sc_step *training_step(const struct training *t)
{
	if (!t->steps_shown)
		return NULL;
	return &t->sc->steps[t->path[t->steps_shown - 1].step];
}

size_t training_choices(const struct training *t)
{
	const struct sc_step *s = training_step(t);
	if (!s || t->ending >= 0 || t->contact_graded
	    || t->path[t->steps_shown - 1].choice >= 0)
		return 0;
	return s->n_choices;
}

/* Go to target: show a step, or reach an ending. */
static enum training_move go(struct training *t, int target)
{
	if (scenario_target_is_step(t->sc, target)) {
		push(t, (size_t)target, t->contact);
		return TRAINING_STEP;
	}
	t->ending = scenario_target_ending(t->sc, target);
	t->gen++;
	return t->ending >= 0 ? TRAINING_ENDING : TRAINING_DONE;
}

enum training_move training_advance(struct training *t, const struct contact *c)
{
	const struct sc_step *s = training_step(t);
	int target;

	if (t->contact_graded) {
		const struct sc_ending *e = &t->sc->endings[t->endings[t->grade.contacts - 1]];
		if (e->next && scenario_target_is_step(t->sc, e->target)) {
			t->contact++;
			t->contact_graded = false;
			t->ending = -1;
			push(t, (size_t)e->target, t->contact);
			return TRAINING_NEXT_CONTACT;
		}
		return TRAINING_DONE;
	}
	if (!s || t->ending >= 0 || t->graded)
		return TRAINING_DONE;
	if (training_choices(t))
		return TRAINING_CHOOSE;
	if (s->n_choices) {
		/* Chosen already: the choice was the move. */
		return TRAINING_DONE;
	}
	target = scenario_step_next(t->sc, t->path[t->steps_shown - 1].step, c);
	if (target < 0)
		return TRAINING_DONE;
	return go(t, target);
}

enum training_move training_choose(struct training *t, size_t i)
{
	const struct sc_step *s = training_step(t);
	if (!training_choices(t) || i >= s->n_choices)
		return TRAINING_CHOOSE;
	t->path[t->steps_shown - 1].choice = (int)i;
	return go(t, s->choices[i].target);
}

bool training_next_step(struct training *t)
{
	const struct sc_step *s = training_step(t);
	int target;
	if (!s || t->ending >= 0 || t->contact_graded || s->n_choices)
		return false;
	target = scenario_step_next(t->sc, t->path[t->steps_shown - 1].step, NULL);
	if (!scenario_target_is_step(t->sc, target))
		return false;
	return go(t, target) == TRAINING_STEP;
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
	const struct sc_step *s = training_step(t);
	if (!t->sc->branching)
		return t->sc->n_steps - t->steps_shown;
	if (!s || t->ending >= 0 || t->contact_graded || s->n_choices)
		return 0;
	return 1;
}

size_t training_hints_left(const struct training *t)
{
	return t->sc->n_hints - t->hints_shown;
}

static void clear_grades(struct training *t)
{
	grade_free(&t->grade);
	free(t->scores);
	free(t->endings);
	t->scores = NULL;
	t->endings = NULL;
}

/* A new attempt; keep_story: the steps shown stay (the same story graded
 * again, or a linear scenario heard already). */
static void new_attempt(struct training *t, time_t now, bool keep_story)
{
	if (t->graded) {
		t->attempt++;
		t->graded = false;
		t->recorded = false;
	}
	clear_grades(t);
	if (!keep_story)
		restart_story(t);
	else {
		t->contact_graded = false;
		if (t->contact > 1)
			restart_story(t);
	}
	t->started_at = now;
	t->ended_at = 0;
	t->gen++;
}

void training_retry(struct training *t, time_t now)
{
	new_attempt(t, now, !t->sc->branching);
}

int training_grade(struct training *t, const struct contact *c, time_t now,
		   char **err)
{
	struct results_attempt a;
	struct grade g;
	int e = t->ending;
	int n;

	if (t->graded) {
		/* The same story, a changed contact: a new attempt. A story of
		 * several contacts is not graded again from its last one. */
		int keep_ending = t->ending;
		if (t->contact > 1)
			return 3;
		new_attempt(t, t->ended_at, true);
		t->ending = keep_ending;
		e = t->ending;
	}
	if (t->contact_graded)
		return 1;
	if (e < 0) {
		e = t->steps_shown
		    ? scenario_ending_from(t->sc, t->path[t->steps_shown - 1].step, c)
		    : -1;
		if (e < 0)
			return 2;
	}
	scenario_grade_ending(t->sc, (size_t)e, c, &g);
	n = t->grade.contacts;
	t->scores = xrealloc(t->scores, (size_t)(n + 1) * sizeof *t->scores);
	t->endings = xrealloc(t->endings, (size_t)(n + 1) * sizeof *t->endings);
	t->scores[n] = g.score;
	t->endings[n] = e;
	grade_append(&t->grade, &g, t->contact);
	grade_free(&g);
	/* t->ending stays what the moves reached: an ending found for the
	 * grade alone does not end a linear story (F3 and F11 go on). */
	t->gen++;
	if (t->sc->endings[e].next) {
		t->contact_graded = true;
		return 1;
	}
	t->graded = true;
	t->recorded = false;
	t->ended_at = now < t->started_at ? t->started_at : now;
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
