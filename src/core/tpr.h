/* tpr: import from Helsinki's service register TPR (the data of the
 * Service Map), its REST API v4 JSON.
 *
 * Input: page files of units (/rest/v4/unit/: an array of units, or
 * {"results": [...]} pages) and, when given, of the service-register
 * descriptions the units link to (/rest/vpalvelurekisteri/description/:
 * items with a title and unit_ids) and of the ontology (/rest/v4/
 * ontologyword/: items with ontologyword_fi; /rest/v4/ontologytree/:
 * items with parent_id and name_fi), in any order and in folders. A
 * unit's ontologyword_ids and ontologytree_ids become topics through the
 * table: a word by its id or its Finnish name, a tree node by "tree:ID"
 * or its Finnish name, else by its parent's, up the tree. Each
 * unit becomes one neuvoo service "tpr-ID"; its organiser becomes an
 * organisation; descriptions add their titles as search keywords, their
 * short text where the unit has none, and topics through their
 * ontologyword ids (data/mappings/tpr-ontologywords.conf). The mapping
 * is in doc/catalogue-admin-ptv-tpr.md. */
#ifndef NEUVOO_TPR_H
#define NEUVOO_TPR_H

#include <stddef.h>

#include "core/catalogue.h"
#include "core/regjson.h"

/* The ontology ids that gave no topic: one line each, "ontology word
 * 813 (Neuvonta): 12 records, no topic" (as read: sanitize to print). */
struct tpr_unmapped {
	char **lines;
	size_t n;
};
void tpr_unmapped_free(struct tpr_unmapped *un);

struct tpr_opts {
	/* The ontologyword -> topic table; NULL: tpr-ontologywords.conf
	 * from the site's or the bundled mappings folder. */
	const char *words_map;
	/* Filled with the ids that gave no topic, when given. */
	struct tpr_unmapped *unmapped;
};

int tpr_import(char *const *paths, size_t n, const struct tpr_opts *o,
	       struct catalogue **out, struct regjson_problems *probs,
	       char **err);
/* A TPR opening-hours text ("ma-pe 8-16, la 10-14", "ma–to 8.00–16.00")
 * into h; -1 when it is not one (h then empty). */
int tpr_hours_text(const char *text, struct hours *h);

#endif
