/* scenario: training scenarios, loaded from libconfuse files and graded.
 *
 * A scenario is a scripted customer: a title and persona, the situation in
 * steps revealed one at a time, hints, and an answer key that says which
 * contact records are acceptable. Each key item has a weight and a
 * feedback text saying why it matters. The file format is documented in
 * neuvoo-scenario(5); texts come in fi, sv and en, a missing one falling
 * back like catalogue texts do (catalogue_text()).
 *
 * Grading compares a recorded contact with the key item by item and gives
 * a score from 0 to 100. Nothing here touches statistics: training results
 * go to their own file (results.h). All strings are as written in the
 * file: sanitize (text_sanitize) before drawing them. */
#ifndef NEUVOO_SCENARIO_H
#define NEUVOO_SCENARIO_H

#include <stdbool.h>
#include <stddef.h>

#include "core/catalogue.h"	/* struct cat_text, catalogue_text() */
#include "core/codes.h"
#include "core/contact.h"

enum sc_difficulty { SC_EASY = 1, SC_MEDIUM = 2, SC_HARD = 3 };

/* What one key item (or one graded item) is about. */
enum sc_kind {
	SC_CHANNEL,
	SC_LANGUAGE,
	SC_INTERPRETER,
	SC_TOPIC,		/* one required topic */
	SC_EXTRA_TOPIC,		/* graded only: a topic outside the key */
	SC_OUTCOME,
	SC_REDIRECT,		/* the service redirected to or consulted */
	SC_REASON,		/* the redirect reason */
	SC__NKIND
};

/* One item of the answer key. */
struct sc_item {
	enum sc_kind kind;
	bool present;		/* redirect and reason are optional */
	int weight;		/* 1..100 */
	/* Acceptable values as written: channel, language, interpreter,
	 * outcome or reason codes, or catalogue service ids (redirect). */
	char **accept;
	size_t n_accept;
	/* Interpreter only: acceptable catalogue resource ids; empty = any. */
	char **resources;
	size_t n_resources;
	/* Redirect only: a contact with no service also matches. */
	bool optional;
	int topic;		/* SC_TOPIC: the enum topic index; else -1 */
	struct cat_text feedback;	/* why it matters */
};

/* The answer key. channel, language, interpreter and outcome are always
 * present; redirect and reason may be absent (present == false). */
struct sc_key {
	struct sc_item channel, language, interpreter, outcome, redirect,
		reason;
	struct sc_item *topics;	/* required topics, in file order (>= 1) */
	size_t n_topics;
	topic_set acceptable_topics;	/* may be recorded too, no penalty */
	int extra_topic_penalty;	/* score points per other topic, 0..100 */
	struct cat_text extra_topic_feedback;	/* may be all NULL */
};

struct scenario {
	char *path;		/* the file it came from */
	char *id;		/* [a-z0-9-], unique among the loaded ones */
	struct cat_text title;
	struct cat_text persona;
	int difficulty;		/* enum sc_difficulty */
	char *language;		/* the customer's language code */
	struct cat_text *steps;	/* in order, revealed one at a time */
	size_t n_steps;
	struct cat_text *hints;
	size_t n_hints;
	struct sc_key key;
};

/* Loaded scenarios, sorted by difficulty then id. */
struct scenario_set {
	struct scenario **v;
	size_t n;
};

/* Receives one "file:line: what is wrong" line per file left out. */
typedef void (*scenario_warn_fn)(void *ctx, const char *msg);

/* Load one file. Returns 0, or -1 with *err "path:line: what is wrong;
 * what to do". */
int scenario_load_file(const char *path, struct scenario **out, char **err);
void scenario_free(struct scenario **sc);

/* Load every *.conf in dir (hidden files skipped). A malformed file, or
 * one whose id an earlier file already uses, goes to warn (may be NULL)
 * and is left out; the others load. Returns 0 (even when every file was
 * malformed: check (*out)->n), or -1 with *err when the folder cannot be
 * read. */
int scenario_load_dir(const char *dir, scenario_warn_fn warn, void *ctx,
		      struct scenario_set **out, char **err);
/* The same over several folders (NULL-terminated), first folder first: a
 * scenario id that an earlier folder has replaces the later folders' file
 * of that id (the site's scenarios before the bundled ones). A folder that
 * does not exist is skipped, except the last. */
int scenario_load_dirs(char *const *dirs, scenario_warn_fn warn, void *ctx,
		       struct scenario_set **out, char **err);
/* The training scenarios: the site's SYSCONFDIR/neuvoo/scenarios, then the
 * bundled ones (paths_search). *where is set to the folders, for messages
 * (a new string, also on failure). */
int scenario_load_all(scenario_warn_fn warn, void *ctx,
		      struct scenario_set **out, char **where, char **err);
void scenario_set_free(struct scenario_set **set);
/* The scenario with this id, or NULL. */
const struct scenario *scenario_find(const struct scenario_set *set,
				     const char *id);

/* The key's catalogue references that cat does not have (redirect
 * services, interpreter resources), one "path: what is wrong" line each
 * to warn. Returns how many. A scenario written for another catalogue
 * still loads; the desk can say why a redirect can never match. */
int scenario_check_catalogue(const struct scenario *sc,
			     const struct catalogue *cat,
			     scenario_warn_fn warn, void *ctx);

/* "easy", "medium", "hard" (stable codes, as in files and --list), and the
 * translated label. */
const char *scenario_difficulty_code(int difficulty);
const char *scenario_difficulty_label(int difficulty);

/* A text in lang with the catalogue's fallback (lang, fi, en, sv); never
 * NULL. */
const char *scenario_text(const struct cat_text *t, const char *lang);

/* ---- grading ------------------------------------------------------------ */

struct grade_item {
	enum sc_kind kind;
	int topic;		/* SC_TOPIC, SC_EXTRA_TOPIC: topic index; else -1 */
	bool matched;
	int weight;		/* the key's weight; 0 for an extra topic */
	/* Weight points earned (weight or 0); for an extra topic, minus the
	 * score points it costs. */
	int points;
	char *expected;		/* acceptable values, ", "-joined codes or ids */
	char *got;		/* what the contact recorded; "" = nothing */
	/* The key's feedback, or NULL (extra topics with no text in the
	 * file): use grade_item_feedback(). */
	const struct cat_text *feedback;
};

struct grade {
	struct grade_item *items;	/* channel, language, interpreter,
					 * topics, extra topics, outcome,
					 * redirect, reason: present ones */
	size_t n_items;
	int earned;		/* weight points earned */
	int possible;		/* weight points possible (> 0) */
	int penalty;		/* score points lost to extra topics */
	int score;		/* round(100 * earned / possible) - penalty,
				 * within 0..100 */
};

/* Grade contact c against the key of sc into *out (which grade_free()
 * frees). Never fails. */
void scenario_grade(const struct scenario *sc, const struct contact *c,
		    struct grade *out);
void grade_free(struct grade *g);

/* A stable name for an item in results files and csv: "channel",
 * "language", "interpreter", "topic:daycare", "extra-topic:leisure",
 * "outcome", "redirect", "reason". A new string. */
char *grade_item_key(const struct grade_item *it);
/* A translated label for the scenario pane: "Channel", "Topic: Daycare",
 * "Extra topic: Leisure"... A new string. */
char *grade_item_label(const struct grade_item *it);
/* Why the item matters, in lang (fallback as scenario_text); for an extra
 * topic without a text in the file, a translated general one. Never NULL. */
const char *grade_item_feedback(const struct grade_item *it, const char *lang);

#endif
