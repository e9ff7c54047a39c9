/* scenario_labels: the Scenario pane's labels of graded values; see
 * scenario_labels.c. Every string returned is new. */
#ifndef NEUVOO_PANES_SCENARIO_LABELS_H
#define NEUVOO_PANES_SCENARIO_LABELS_H

#include "core/catalogue.h"
#include "core/scenario.h"

/* What the contact recorded (grade_item.got), "code (resource)" for an
 * interpreter, as labels; cat may be NULL (codes stay). */
char *scenario_label_got(const struct catalogue *cat, const struct grade_item *it);
/* What key item it accepts, as labels: "Chat / Phone", "(or none)"
 * after an optional redirect; "" for NULL. */
char *scenario_label_expected(const struct catalogue *cat, const struct sc_item *it);

#endif
