/* redirect: the Redirect pane: the catalogue's services for the ticked
 * topics (or all), filtered as you type with the search engine, those
 * serving the customer's language and open now first. Enter shows the
 * details and asks the reason and whether the customer was sent on or
 * the service consulted. */
#ifndef NEUVOO_PANES_REDIRECT_H
#define NEUVOO_PANES_REDIRECT_H

#include "panes/desk.h"
#include "ui/dialog.h"
#include "ui/pane.h"

struct pane *redirect_pane_new(struct desk *d);

/* For tests: rows shown, the service (index into cat->services) of row i,
 * whether all topics are shown. */
size_t redirect_rows(const struct pane *p);
size_t redirect_service_at(const struct pane *p, size_t row);
bool redirect_all_topics(const struct pane *p);
/* The details dialog for service s (what Enter opens); accepting it sets
 * the redirect on the contact. */
struct dialog *redirect_details(struct desk *d, size_t s);

#endif
