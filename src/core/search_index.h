/* search_index: the search index as a file, built once when a catalogue
 * is published and mapped read-only by every session on the server.
 *
 * The file sits next to the catalogue and is named by the catalogue's
 * publish id (meta "publish-id", new at every publish): CATALOGUE.ID.idx.
 * A publish writes the index first, then renames the catalogue over the
 * old one, so a desk that loaded a catalogue opens exactly the index of
 * that version (or none: it then builds one in memory, as before). It
 * holds one index per UI language (fi, sv, en: the display order is the
 * names' order in that language), each a set of flat arrays that the
 * engine uses in place (doc/HACKING.md, "The search index file"). */
#ifndef NEUVOO_SEARCH_INDEX_H
#define NEUVOO_SEARCH_INDEX_H

#include <stdbool.h>
#include <stddef.h>

#include "core/catalogue.h"
#include "core/search.h"

#define SEARCH_INDEX_FORMAT 2

/* CATALOGUE.ID.idx (the caller frees). */
char *search_index_path(const char *catalogue, const char *publish_id);

/* Build the index of the catalogue file `file` (a new catalogue not yet
 * renamed into place, loaded as a desk loads it) and write it atomically
 * as search_index_path(path, publish_id). One line on stderr when an
 * analyser is missing. */
int search_index_write(const char *file, const char *path,
		       const char *publish_id, char **err);

/* Remove index files of path other than keep's and the newest other one
 * (a desk that loaded the catalogue just replaced keeps using its index;
 * one mapped already stays readable after removal anyway). */
void search_index_prune(const char *path, const char *keep_id);

/* For catalogue_open_lean: map the index file of cat (its path, file
 * identity and publish id read, its organisations loaded) at the address
 * its service records were written for, and check the header and the
 * records. 1 when cat's index_map, mapped_services and n_services are
 * set; 0 when
 * there is no usable file or the address is taken (load from SQLite;
 * search_index_open says what is wrong with a file, if anything); -1
 * with *err when the records are refused. */
int search_index_map_records(struct catalogue *cat, char **err);

/* The engine on the mapped index of cat (its path and publish id) for
 * lang. NULL with *err NULL when there is none (an old catalogue, a
 * language the file has not); NULL with *err set when the file is
 * refused (damaged, cut short, of another catalogue or format). */
struct search *search_index_open(const struct catalogue *cat,
				 const char *lang, char **err);

/* The mapped index when there is a good one, else an engine that builds
 * its own (search_new); *warn gets the refusal's message, if any. */
struct search *search_open(const struct catalogue *cat, const char *lang,
			   char **warn);

/* The index came from a file (nothing was built in this process). */
bool search_is_mapped(const struct search *s);

/* search_free's part: unmap the file, if any. */
void search_index_unmap(struct search *s);

/* The same checks as search_index_open on a file already in memory, for
 * the fuzz harness: 0 when accepted (then *out uses buf in place). */
int search_index_load(const struct catalogue *cat, const char *lang,
		      const void *buf, size_t len, const char *name,
		      struct search **out, char **err);
/* Checksums made again after bytes were changed, so that the fuzz harness
 * reaches the checks behind them. */
void search_index_reseal(void *buf, size_t len);

#endif
