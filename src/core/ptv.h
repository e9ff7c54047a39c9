/* ptv: import from Finland's national service register PTV (Suomi.fi
 * Palvelutietovaranto), its Open API's JSON.
 *
 * Input: page files of the API's paginated lists (service channels,
 * services, organisations: {"pageNumber":..,"itemList":[...]}), single
 * items, or arrays of items, in any order and in folders. Each service
 * channel a customer can be sent to (ServiceLocation, Phone, EChannel,
 * WebPage; not PrintableForm) becomes one neuvoo service "ptv-GUID";
 * services give it search keywords and topics (their service classes
 * through data/mappings/ptv-service-classes.conf), organisations its
 * organisation "ptv-GUID" with its kind. The mapping is in
 * doc/catalogue-admin-ptv-tpr.md. */
#ifndef NEUVOO_PTV_H
#define NEUVOO_PTV_H

#include <stddef.h>

#include "core/catalogue.h"
#include "core/regjson.h"

struct ptv_opts {
	/* Keep only channels serving one of these municipality codes
	 * ("091"); none: keep all. Whole-country channels are kept. */
	char *const *municipalities;
	size_t n_municipalities;
	/* Today, in days since the epoch (hours_date_days): which hours are
	 * valid now, which dates are past. */
	long today;
	/* The class -> topic table; NULL: ptv-service-classes.conf from
	 * the site's or the bundled mappings folder. */
	const char *classes_map;
};

/* Read every page of paths (files or folders) into a new catalogue.
 * What cannot be read (a broken page, a record without an id or a name,
 * a value of a wrong type) is a problem with its location; *err and -1
 * only when nothing can start (a path missing, the mapping table
 * broken). */
int ptv_import(char *const *paths, size_t n, const struct ptv_opts *o,
	       struct catalogue **out, struct regjson_problems *probs,
	       char **err);

#endif
