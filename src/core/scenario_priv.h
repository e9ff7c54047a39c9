/* scenario_priv: what reading a scenario file shares between the parser
 * (scenario.c) and the builder (scenario_build.c); private to them. */
#ifndef NEUVOO_SCENARIO_PRIV_H
#define NEUVOO_SCENARIO_PRIV_H

#include <confuse.h>

#include "core/scenario.h"

/* The suffixes of texts in three languages, in catalogue order. */
extern const char *const scenario_lang_suffix[CAT__NLANG];

/* Lines where sections open, in the order the parser closed them. */
struct lines {
	int *v;
	size_t n;
};

struct scenario_lines {
	struct lines steps, choices, whens, endings, keys;
};

/* "easy", "2", ... as enum sc_difficulty, or -1. */
int scenario_difficulty_parse(const char *s);

/* The scenario of a parsed and validated file (cfg), with the lines the
 * callbacks kept. */
struct scenario *scenario_build(cfg_t *cfg, const char *path,
				const struct scenario_lines *lines);

#endif
