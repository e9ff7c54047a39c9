/* review_panes: the review screen's four panes, what their shared keys
 * do, and the contact log (review_log.c) Enter opens (see review.h). */
#ifndef NEUVOO_PANES_REVIEW_PANES_H
#define NEUVOO_PANES_REVIEW_PANES_H

#include <stddef.h>

#include "core/keymap.h"
#include "panes/review.h"
#include "ui/overlay.h"
#include "ui/pane.h"

struct screen;

/* The panes (the screen takes them over). */
struct pane *review_desks_pane_new(struct review *r);
struct pane *review_hours_pane_new(struct review *r);
struct pane *review_top_pane_new(struct review *r);
struct pane *review_flags_pane_new(struct review *r);

/* What every review pane does with the screen's actions (reload,
 * close the day, another day, language, quit): the result flags,
 * PANE_IGNORED when a is none of them (F1 is the screen's). */
unsigned review_global(struct pane *p, struct review *r, enum action a);

/* Enter on desk i: its contact log, or its error when unreadable. */
void review_open_desk(struct screen *s, struct review *r, size_t desk);

/* The contact log of one desk as an overlay (review_log.c). */
struct overlay *review_log_new(struct review *r, size_t desk);

#endif
