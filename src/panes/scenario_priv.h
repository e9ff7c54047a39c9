/* scenario_priv: what the Scenario pane's two halves share:
 * scenario_text.c makes its paragraphs (title, story, hints, grade),
 * scenario.c wraps them into rows, draws, scrolls and takes the keys.
 * Private to them. */
#ifndef NEUVOO_PANES_SCENARIO_PRIV_H
#define NEUVOO_PANES_SCENARIO_PRIV_H

#include <stdbool.h>
#include <stddef.h>

#include "panes/scenario.h"
#include "ui/theme.h"

struct para {
	char *prefix;		/* "" or a number, bullet, tick */
	char *text;		/* sanitized */
	int indent;		/* columns before the prefix */
	enum theme_role role;
};

struct row {
	size_t para;
	size_t start, len;	/* bytes of the paragraph's text */
	bool first;
};

enum anchor { ANCHOR_NONE, ANCHOR_TOP, ANCHOR_SHOW };

struct scen {
	struct desk *d;
	struct training *t;
	struct para *paras;
	size_t n_paras;
	struct row *rows;
	size_t n_rows, cap_rows;
	int rows_width;		/* width the rows are wrapped for; -1 stale */
	size_t top;
	int page;		/* rows shown at the last draw (>= 1) */
	enum anchor anchor;
	size_t anchor_para;
	size_t grade_para;	/* the score's paragraph, when graded */
	size_t last_step_para, last_hint_para;
	unsigned seen_gen, seen_lang, seen_cat;
	bool built;
	bool warned;		/* the catalogue lacks what the key names */
	char **warnings;	/* ... which, for catalogue checked_cat */
	size_t n_warnings;
	unsigned checked_cat;
	bool checked;
};

static inline struct scen *scenario_state(const struct pane *p)
{
	return p->state;
}

/* The pane's paragraphs made again from the training state, in the UI
 * language. */
void scenario_text_build(struct pane *p);
void scenario_text_clear(struct scen *s);
/* What the answer key names that the catalogue lacks, forgotten. */
void scenario_text_clear_warnings(struct scen *s);

#endif
