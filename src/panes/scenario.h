/* scenario: the training screen's Scenario pane: the scenario's title and
 * persona, the customer's story revealed step by step, the hints asked
 * for, and after F2 the grade: the score, what was missed and why, what
 * matched. The text scrolls; it follows the training state (training.h)
 * and the UI language. */
#ifndef NEUVOO_PANES_SCENARIO_H
#define NEUVOO_PANES_SCENARIO_H

#include <stdbool.h>
#include <stddef.h>

#include "core/training.h"
#include "panes/desk.h"
#include "ui/pane.h"

struct pane *scenario_pane_new(struct desk *d, struct training *t);

/* next-step or show-hint, from this pane or from any other (the keys work
 * on the whole screen): reveal one more, or say there is none. */
unsigned scenario_pane_reveal(struct pane *p, enum action a);
/* True while the story waits for the trainee's choice (press 1..9 in
 * the pane). */
bool scenario_pane_waits(const struct pane *p);
/* Scroll so the grade is at the top at the next draw (after F2). */
void scenario_pane_show_grade(struct pane *p);

/* For tests: the pane's text as it would be laid out width columns wide,
 * one row a line ("\n"-separated, without attributes; a new string), and
 * the first row shown. */
char *scenario_pane_text(struct pane *p, int width);
size_t scenario_pane_top(const struct pane *p);

#endif
