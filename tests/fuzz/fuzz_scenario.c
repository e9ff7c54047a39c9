/* fuzz_scenario: training scenario files on arbitrary bytes.
 *
 * The bytes are written to a file and loaded with scenario_load_file().
 * Invariants: a load fails with one line naming the file, or gives a
 * scenario with an id, at least one step and one required topic, weights
 * in 1..100 and the four items every key has. */
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
	size_t i;

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
	FUZZ_ASSERT(sc->key.n_topics >= 1, "no required topic");
	FUZZ_ASSERT(sc->key.field[SC_F_channel].present && sc->key.field[SC_F_language].present &&
		    sc->key.field[SC_F_interpreter].present && sc->key.field[SC_F_outcome].present,
		    "a key item every scenario has is missing");
	item(&sc->key.field[SC_F_channel], "channel");
	item(&sc->key.field[SC_F_language], "language");
	item(&sc->key.field[SC_F_interpreter], "interpreter");
	item(&sc->key.field[SC_F_outcome], "outcome");
	item(&sc->key.field[SC_F_redirect_service], "redirect");
	item(&sc->key.field[SC_F_redirect_reason], "reason");
	for (i = 0; i < sc->key.n_topics; i++)
		item(&sc->key.topics[i], "topic");
	for (i = 0; i < sc->n_steps; i++)
		(void)catalogue_text(&sc->steps[i].text, "sv");
	(void)scenario_difficulty_code(sc->difficulty);
	scenario_free(&sc);
	FUZZ_ASSERT(!sc, "scenario_free did not clear the pointer");
	return 0;
}
