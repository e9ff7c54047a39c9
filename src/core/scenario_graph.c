/* scenario_graph: the steps of a scenario as a graph; see scenario.h.
 *
 * Design: nodes are the steps and the endings (one index space: a target
 * below n_steps is a step, above it an ending). Edges are the choices
 * (the trainee's), and the automatic ones: `when` rules, next, the file
 * order, and an ending's next (the story's next contact). The checks are
 * the ones a trainer cannot see by reading one step: every name known,
 * every step and ending reachable from the start, an ending reachable
 * from every step, and no loop without a choice in it (following the
 * automatic edges, as grading does, must end). A file of version 0.1
 * (no names, no choices) is a line of steps to the one key. */
#include <config.h>

#include <stdlib.h>
#include <string.h>

#include "core/err.h"
#include "core/i18n.h"
#include "core/scenario.h"

bool scenario_target_is_step(const struct scenario *sc, int target)
{
	return target >= 0 && (size_t)target < sc->n_steps;
}

int scenario_target_ending(const struct scenario *sc, int target)
{
	if (target < 0 || (size_t)target < sc->n_steps
	    || (size_t)target >= sc->n_steps + sc->n_endings)
		return -1;
	return target - (int)sc->n_steps;
}

/* "step 'ask'" or "step 3" for messages. */
static char *step_name(const struct scenario *sc, size_t i)
{
	if (sc->steps[i].id)
		return xasprintf(_("step '%s'"), sc->steps[i].id);
	return xasprintf(_("step %zu"), i + 1);
}

static char *node_name(const struct scenario *sc, int t)
{
	int e = scenario_target_ending(sc, t);
	if (scenario_target_is_step(sc, t))
		return step_name(sc, (size_t)t);
	if (e >= 0 && sc->endings[e].id)
		return xasprintf(_("ending '%s'"), sc->endings[e].id);
	return xstrdup(_("the scenario's key"));
}

static int lookup(const struct scenario *sc, const char *name)
{
	size_t i;
	for (i = 0; i < sc->n_steps; i++)
		if (sc->steps[i].id && !strcmp(sc->steps[i].id, name))
			return (int)i;
	for (i = 0; i < sc->n_endings; i++)
		if (sc->endings[i].id && !strcmp(sc->endings[i].id, name))
			return (int)(sc->n_steps + i);
	return -1;
}

static int unknown(const struct scenario *sc, int line, const char *what,
		   const char *name, char **err)
{
	err_set(err, _("%s:%d: %s: next '%s' is neither a step nor an ending of this scenario; name a step (id = \"...\") or an ending"),
		sc->path, line, what, name);
	return -1;
}

/* The edges out of node t: automatic ones and choices. */
struct edges {
	int v[64];
	bool choice[64];
	size_t n;
};

static void edge(struct edges *e, int t, bool choice)
{
	if (t >= 0 && e->n < sizeof e->v / sizeof e->v[0]) {
		e->choice[e->n] = choice;
		e->v[e->n++] = t;
	}
}

static void edges_of(const struct scenario *sc, int t, struct edges *e)
{
	size_t i;
	int en = scenario_target_ending(sc, t);
	e->n = 0;
	if (scenario_target_is_step(sc, t)) {
		const struct sc_step *s = &sc->steps[t];
		for (i = 0; i < s->n_choices; i++)
			edge(e, s->choices[i].target, true);
		for (i = 0; i < s->n_whens; i++)
			edge(e, s->whens[i].target, false);
		if (!s->n_choices)
			edge(e, s->target, false);
	} else if (en >= 0)
		edge(e, sc->endings[en].target, false);
}

/* A loop of automatic edges through t: DFS colours 0 new, 1 on the path,
 * 2 done. Returns the node where the loop closes, or -1. */
static int auto_loop(const struct scenario *sc, int t, char *colour, int *path,
		     size_t *depth)
{
	struct edges e;
	size_t i;
	colour[t] = 1;
	path[(*depth)++] = t;
	edges_of(sc, t, &e);
	for (i = 0; i < e.n; i++) {
		int r;
		if (e.choice[i])
			continue;
		if (colour[e.v[i]] == 1)
			return e.v[i];
		if (colour[e.v[i]] == 0 && (r = auto_loop(sc, e.v[i], colour, path, depth)) >= 0)
			return r;
	}
	colour[t] = 2;
	(*depth)--;
	return -1;
}

static int check_graph(struct scenario *sc, char **err)
{
	size_t n = sc->n_steps + sc->n_endings, i, k, depth = 0;
	char *seen = xcalloc(n, 1), *ends = xcalloc(n, 1), *colour = xcalloc(n, 1);
	int *queue = xcalloc(n, sizeof *queue), *path = xcalloc(n + 1, sizeof *path);
	size_t head = 0, tail = 0;
	bool changed = true;
	int rc = -1, loop;
	struct edges e;
	char *name;

	/* No loop without a choice. */
	for (i = 0; i < n; i++) {
		if (colour[i])
			continue;
		depth = 0;
		loop = auto_loop(sc, (int)i, colour, path, &depth);
		if (loop >= 0) {
			char *chain = NULL;
			size_t from = 0;
			while (from < depth && path[from] != loop)
				from++;
			for (k = from; k < depth; k++) {
				char *nm = node_name(sc, path[k]), *t;
				t = xasprintf("%s%s -> ", chain ? chain : "", nm);
				free(nm);
				free(chain);
				chain = t;
			}
			name = node_name(sc, loop);
			err_set(err, _("%s:%d: %s%s go round without a choice, so the story would never end; add a choice or lead one of them to an ending"),
				sc->path,
				scenario_target_is_step(sc, loop) ? sc->steps[loop].line
					: sc->endings[loop - (int)sc->n_steps].line,
				chain ? chain : "", name);
			free(name);
			free(chain);
			goto out;
		}
	}
	/* From the start, every step and ending. */
	seen[0] = 1;
	queue[tail++] = 0;
	while (head < tail) {
		edges_of(sc, queue[head++], &e);
		for (k = 0; k < e.n; k++)
			if (!seen[e.v[k]]) {
				seen[e.v[k]] = 1;
				queue[tail++] = e.v[k];
			}
	}
	for (i = 0; i < n; i++) {
		int line;
		if (seen[i])
			continue;
		line = i < sc->n_steps ? sc->steps[i].line : sc->endings[i - sc->n_steps].line;
		name = node_name(sc, (int)i);
		err_set(err, _("%s:%d: %s can never be reached: no step, choice or rule leads to it"),
			sc->path, line, name);
		free(name);
		goto out;
	}
	/* To an ending, from every step. */
	for (i = sc->n_steps; i < n; i++)
		ends[i] = 1;
	while (changed) {
		changed = false;
		for (i = 0; i < sc->n_steps; i++) {
			if (ends[i])
				continue;
			edges_of(sc, (int)i, &e);
			for (k = 0; k < e.n; k++)
				if (ends[e.v[k]]) {
					ends[i] = 1;
					changed = true;
					break;
				}
		}
	}
	for (i = 0; i < sc->n_steps; i++) {
		if (ends[i])
			continue;
		name = step_name(sc, i);
		err_set(err, _("%s:%d: from %s the story reaches no ending: it goes round in a loop; let a choice or a next lead to an ending"),
			sc->path, sc->steps[i].line, name);
		free(name);
		goto out;
	}
	rc = 0;
out:
	free(seen);
	free(ends);
	free(colour);
	free(queue);
	free(path);
	return rc;
}

int scenario_graph_resolve(struct scenario *sc, char **err)
{
	size_t i, k;
	bool own_needed = false;
	char *name;

	/* Names once. */
	for (i = 0; i < sc->n_steps; i++) {
		const char *id = sc->steps[i].id;
		int t;
		if (!id)
			continue;
		t = lookup(sc, id);
		if (t != (int)i) {
			name = node_name(sc, t);
			err_set(err, _("%s:%d: step id '%s' is already the name of %s; give each step its own"),
				sc->path, sc->steps[i].line, id, name);
			free(name);
			return -1;
		}
	}
	for (i = 0; i < sc->n_steps; i++) {
		struct sc_step *s = &sc->steps[i];
		name = step_name(sc, i);
		if (s->n_choices && (s->next || s->n_whens)) {
			err_set(err, _("%s:%d: %s has choices and also a next or when: the trainee's choice is the only way on from it; move the next or when to a step of its own"),
				sc->path, s->line, name);
			free(name);
			return -1;
		}
		for (k = 0; k < s->n_choices; k++)
			if ((s->choices[k].target = lookup(sc, s->choices[k].next)) < 0) {
				free(name);
				return unknown(sc, s->choices[k].line, _("choice"),
					       s->choices[k].next, err);
			}
		for (k = 0; k < s->n_whens; k++)
			if ((s->whens[k].target = lookup(sc, s->whens[k].next)) < 0) {
				free(name);
				return unknown(sc, s->whens[k].line, "when",
					       s->whens[k].next, err);
			}
		if (s->next) {
			if ((s->target = lookup(sc, s->next)) < 0) {
				int line = s->line;
				free(name);
				return unknown(sc, line, _("step"), s->next, err);
			}
		} else if (!s->n_choices) {
			/* The file order; after the last step, the scenario's
			 * own key. */
			if (i + 1 < sc->n_steps)
				s->target = (int)i + 1;
			else if (sc->key.present)
				own_needed = true;
			else {
				err_set(err, _("%s:%d: %s is the last step and leads nowhere: add next = \"an-ending\", choices, or a key for the whole scenario"),
					sc->path, s->line, name);
				free(name);
				return -1;
			}
		}
		free(name);
	}
	for (i = 0; i < sc->n_endings; i++) {
		struct sc_ending *e = &sc->endings[i];
		if (!e->key) {
			err_set(err, _("%s:%d: ending '%s' has no answer key: add key { ... } to it, or a key for the whole scenario"),
				sc->path, e->line, e->id);
			return -1;
		}
		if (e->next) {
			e->target = lookup(sc, e->next);
			if (e->target < 0 || !scenario_target_is_step(sc, e->target)) {
				err_set(err, _("%s:%d: ending '%s': next '%s' is not a step of this scenario; the next contact starts at a step"),
					sc->path, e->line, e->id, e->next);
				return -1;
			}
		}
	}
	if (own_needed || sc->n_endings == 0) {
		/* build() left room for it. */
		struct sc_ending *e = &sc->endings[sc->n_endings];
		memset(e, 0, sizeof *e);
		e->key = &sc->key;
		e->max_score = 100;
		e->target = -1;
		e->line = sc->key.line > 0 ? sc->key.line : 1;
		sc->n_endings++;
		if (own_needed)
			sc->steps[sc->n_steps - 1].target =
				(int)(sc->n_steps + sc->n_endings - 1);
	}
	return check_graph(sc, err);
}

bool scenario_when_holds(const struct sc_when *w, const struct contact *c)
{
	size_t i, k;
	for (i = 0; i < w->n_conds; i++) {
		const struct sc_cond *cd = &w->conds[i];
		bool any = false;
		if (cd->field == SC_F_topics) {
			topic_set set = c ? c->topics : 0;
			for (k = 0; k < cd->n_values && !any; k++) {
				int t = codes_find(CODES_TOPIC, cd->values[k]);
				any = !*cd->values[k] ? set == 0
				      : t >= 0 && (set & ((topic_set)1 << t));
			}
		} else {
			char *v = scenario_field_value(cd->field, c);
			for (k = 0; k < cd->n_values && !any; k++)
				any = scenario_field_count(cd->field) && *v && *cd->values[k]
				      ? scenario_count_matches(cd->values[k], atol(v))
				      : !strcmp(cd->values[k], v);
			free(v);
		}
		if (!any)
			return false;
	}
	return true;
}

int scenario_step_next(const struct scenario *sc, size_t step,
		       const struct contact *c)
{
	const struct sc_step *s;
	size_t i;
	if (step >= sc->n_steps)
		return -1;
	s = &sc->steps[step];
	if (s->n_choices)
		return -1;
	for (i = 0; i < s->n_whens; i++)
		if (scenario_when_holds(&s->whens[i], c))
			return s->whens[i].target;
	return s->target;
}

int scenario_ending_from(const struct scenario *sc, size_t step,
			 const struct contact *c)
{
	size_t moves;
	int t = (int)step;
	/* The graph has no loop without a choice; the bound is for safety. */
	for (moves = 0; moves <= sc->n_steps; moves++) {
		t = scenario_step_next(sc, (size_t)t, c);
		if (t < 0)
			return -1;
		if (!scenario_target_is_step(sc, t))
			return scenario_target_ending(sc, t);
	}
	return -1;
}
