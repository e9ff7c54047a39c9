/* fuzz_scenario: training scenario files on arbitrary bytes.
 *
 * The bytes are written to a file and loaded with scenario_load_file().
 * Invariants: a load fails with one line naming the file, or gives a
 * scenario with an id, at least one step, every ending with a key that
 * has a required topic, weights in 1..100 and the four items every key
 * has, and every step leading to a known step or ending. */
#include <config.h>

#include "fuzz_util.h"

#include "core/err.h"
#include "core/scenario.h"

static char *path;

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
	(void)argc;
	(void)argv;
	fuzz_setup();
	path = fuzz_path("fuzz.conf");
	return 0;
}

static void item(const struct sc_item *it, const char *what)
{
	if (!it->present)
		return;
	FUZZ_ASSERT(it->weight >= 1 && it->weight <= 100, "%s weight %d", what,
		    it->weight);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct scenario *sc = NULL;
	char *err = NULL;
	size_t i, e;

	fuzz_write(path, data, size);
	if (scenario_load_file(path, &sc, &err) != 0) {
		FUZZ_ASSERT(!sc, "a failed load left a scenario");
		fuzz_one_line("scenario_load_file", err);
		FUZZ_ASSERT(!strncmp(err, path, strlen(path)),
			    "the message does not start with the file: %s", err);
		err_free(&err);
		return 0;
	}
	FUZZ_ASSERT(sc && sc->id && *sc->id, "no id");
	FUZZ_ASSERT(sc->n_steps >= 1, "no step");
	FUZZ_ASSERT(sc->n_endings >= 1, "no ending");
	/* Every ending has a key, with the items every key has. */
	for (e = 0; e < sc->n_endings; e++) {
		const struct sc_key *k = sc->endings[e].key;
		int f;
		FUZZ_ASSERT(k && k->present, "ending %zu has no key", e);
		FUZZ_ASSERT(k->n_topics >= 1, "no required topic");
		FUZZ_ASSERT(k->field[SC_F_channel].present && k->field[SC_F_language].present &&
			    k->field[SC_F_interpreter].present && k->field[SC_F_outcome].present,
			    "a key item every scenario has is missing");
		FUZZ_ASSERT(sc->endings[e].max_score >= 1 && sc->endings[e].max_score <= 100,
			    "max_score %d", sc->endings[e].max_score);
		for (f = 0; f < SC__NFIELD; f++)
			item(&k->field[f], "field");
		for (i = 0; i < k->n_topics; i++)
			item(&k->topics[i], "topic");
	}
	/* Every step leads somewhere known, and grading from it ends. */
	for (i = 0; i < sc->n_steps; i++) {
		const struct sc_step *st = &sc->steps[i];
		size_t k;
		FUZZ_ASSERT(st->n_choices || (st->target >= 0
			    && (size_t)st->target < sc->n_steps + sc->n_endings),
			    "step %zu leads nowhere", i);
		for (k = 0; k < st->n_choices; k++)
			FUZZ_ASSERT(st->choices[k].target >= 0, "a choice leads nowhere");
		(void)scenario_ending_from(sc, i, NULL);
	}
	for (i = 0; i < sc->n_steps; i++)
		(void)catalogue_text(&sc->steps[i].text, "sv");
	(void)scenario_difficulty_code(sc->difficulty);
	scenario_free(&sc);
	FUZZ_ASSERT(!sc, "scenario_free did not clear the pointer");
	return 0;
}
