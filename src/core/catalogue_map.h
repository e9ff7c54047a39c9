/* catalogue_map: a lean catalogue's service records as one section of the
 * published index file (core/search_index), read in place by every
 * session on the server.
 *
 * The section holds the struct cat_service array itself, then the small
 * arrays the records point at (language lists, opening hours and their
 * exceptions), then their strings, with every pointer written for the
 * address the section is mapped at: the file names that address and a
 * desk maps it there (MAP_FIXED_NOREPLACE), so panes, ranking and search
 * use the records as they use loaded ones, and the pages stay shared
 * (no relocation writes to them). When the address is taken the caller
 * loads the records from SQLite as before.
 *
 * Only what a lean catalogue keeps is written (names, keywords, topics,
 * languages, hours, the organisation's index); no detail field, no
 * description words. */
#ifndef NEUVOO_CATALOGUE_MAP_H
#define NEUVOO_CATALOGUE_MAP_H

#include <stddef.h>
#include <stdint.h>

#include "core/catalogue.h"

/* The section's bytes (malloc'd, *len set) for cat's services, to be read
 * at address `at` (8-byte aligned). */
void *catalogue_map_build(const struct catalogue *cat, uintptr_t at,
			  size_t *len);

/* Check the section at sec (mapped at its own address) for n services of
 * n_orgs organisations: the structs' layout this build's, every pointer
 * inside it and aligned, every string terminated inside it, counts and
 * hours within bounds. NULL when it can be used, else what is wrong:
 * "layout" (written by a build whose records differ) or "records". */
const char *catalogue_map_check(const void *sec, size_t len, size_t n,
				size_t n_orgs);

/* The records of a section that passed catalogue_map_check. */
struct cat_service *catalogue_map_services(const void *sec);

#endif
