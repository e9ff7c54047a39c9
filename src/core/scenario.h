/* scenario: training scenarios, loaded from libconfuse files and graded.
 *
 * A scenario is a scripted customer: a title and persona, the situation in
 * steps, hints, and answer keys that say which contact records are
 * acceptable. The steps form a graph (scenario_graph.c): a step shows the
 * customer's words and goes on to the next step in the file, to a step it
 * names, to one of the trainee's choices, or to where the first matching
 * `when` rule over the contact recorded so far points; an ending has an
 * answer key of its own, feedback and a score cap, and may start the next
 * contact of the story (the callback, the second visit). A file without
 * endings is the linear scenario of version 0.1: its steps in order, its
 * one key. Each key item has a weight and a feedback text saying why it
 * matters; every field of CONTACT_FIELDS can be an item (scenario_fields.c
 * says how each kind is graded). The file format is documented in
 * neuvoo-scenario(5); texts come in fi, sv and en, a missing one falling
 * back like catalogue texts do (catalogue_text()).
 *
 * Grading (scenario_grade.c) compares a recorded contact with a key item
 * by item and gives a score from 0 to 100. Nothing here touches
 * statistics: training results go to their own file (results.h). All
 * strings are as written in the file: sanitize (text_sanitize) before
 * drawing them. */
#ifndef NEUVOO_SCENARIO_H
#define NEUVOO_SCENARIO_H

#include <stdbool.h>
#include <stddef.h>

#include "core/catalogue.h"	/* struct cat_text, catalogue_text() */
#include "core/codes.h"
#include "core/contact.h"
#include "core/contact_fields.h"

enum sc_difficulty { SC_EASY = 1, SC_MEDIUM = 2, SC_HARD = 3 };

/* What one key item (or one graded item) is about: a field of
 * CONTACT_FIELDS (SC_F_channel, SC_F_topics: one required topic, ...), or
 * a topic recorded outside the key. */
#define SC_KIND_ENUM(name, t, k, kind, l, u) SC_F_##name,
enum sc_kind {
	CONTACT_FIELDS(SC_KIND_ENUM)
	SC_EXTRA_TOPIC,		/* graded only: a topic outside the key */
	SC__NKIND
};
#undef SC_KIND_ENUM
#define SC__NFIELD SC_EXTRA_TOPIC
/* The names of version 0.1. */
#define SC_CHANNEL SC_F_channel
#define SC_LANGUAGE SC_F_language
#define SC_INTERPRETER SC_F_interpreter
#define SC_TOPIC SC_F_topics
#define SC_OUTCOME SC_F_outcome
#define SC_REDIRECT SC_F_redirect_service
#define SC_REASON SC_F_redirect_reason

/* Feedback of its own for one service a redirect item knows: an
 * acceptable one (shown when it was chosen) or a known wrong one (shown
 * instead of the item's general feedback). */
struct sc_service_note {
	char *service;
	bool accepted;
	struct cat_text feedback;
};

/* One item of an answer key. */
struct sc_item {
	enum sc_kind kind;
	bool present;		/* given in the key */
	int weight;		/* 1..100 */
	/* Acceptable values as written: codes, language codes, catalogue
	 * service ids, numbers or ranges ("2-4", "5+") of a count. */
	char **accept;
	size_t n_accept;
	/* Interpreter only: acceptable catalogue resource ids; empty = any. */
	char **resources;
	size_t n_resources;
	/* Redirect only: a contact with no service also matches. */
	bool optional;
	/* Redirect only: services with feedback of their own. */
	struct sc_service_note *services;
	size_t n_services;
	struct cat_text wrong_feedback;	/* another service: may be all NULL */
	int topic;		/* SC_F_topics: the enum topic index; else -1 */
	struct cat_text feedback;	/* why it matters */
	int line;		/* where the item's section opens */
};

/* An answer key: one item per field (present or not; channel, language,
 * interpreter and outcome always are), the required topics. */
struct sc_key {
	bool present;
	struct sc_item field[SC__NFIELD];
	struct sc_item *topics;	/* required topics, in file order (>= 1) */
	size_t n_topics;
	topic_set acceptable_topics;	/* may be recorded too, no penalty */
	int extra_topic_penalty;	/* score points per other topic, 0..100 */
	struct cat_text extra_topic_feedback;	/* may be all NULL */
	int line;
};

/* A way on from a step: to step `target` (< n_steps) or to ending
 * target - n_steps; -1 before the graph is resolved. */
struct sc_choice {
	struct cat_text text;	/* what the trainee says or does */
	char *next;
	int target;
	int line;
};

/* A rule over the contact recorded so far: every field it names must
 * hold one of its values ("" = nothing recorded; for topics, one of them
 * ticked). */
struct sc_cond {
	enum sc_kind field;
	char **values;
	size_t n_values;
};
struct sc_when {
	struct sc_cond *conds;
	size_t n_conds;
	char *next;
	int target;
	int line;
};

struct sc_step {
	char *id;		/* NULL: reachable only in file order */
	struct cat_text text;	/* what the customer says or shows */
	struct sc_choice *choices;
	size_t n_choices;
	struct sc_when *whens;
	size_t n_whens;
	char *next;		/* NULL: the next step in the file */
	int target;		/* where next (or the file order) leads */
	int line;
};

struct sc_ending {
	char *id;		/* NULL: the scenario's own key, after the last step */
	struct cat_text title;
	struct cat_text feedback;	/* shown with the grade */
	const struct sc_key *key;	/* its own, else the scenario's */
	struct sc_key own;
	int max_score;		/* the score is capped at it, 1..100 */
	char *next;		/* NULL: the last contact; else its first step */
	int target;
	int line;
};

struct scenario {
	char *path;		/* the file it came from */
	char *id;		/* [a-z0-9-], unique among the loaded ones */
	struct cat_text title;
	struct cat_text persona;
	int difficulty;		/* enum sc_difficulty */
	char *language;		/* the customer's language code */
	struct sc_step *steps;	/* the first is where the story starts */
	size_t n_steps;
	struct cat_text *hints;
	size_t n_hints;
	struct sc_key key;	/* the scenario's own key (may be absent) */
	struct sc_ending *endings;	/* >= 1 */
	size_t n_endings;
	bool branching;		/* choices, rules, endings or named steps */
};

/* Loaded scenarios, sorted by difficulty then id. */
struct scenario_set {
	struct scenario **v;
	size_t n;
};

/* Receives one "file:line: what is wrong" line per problem. */
typedef void (*scenario_warn_fn)(void *ctx, const char *msg);

/* Load one file: the grammar and the step graph. Returns 0; -1 with
 * *err "path:line: what is wrong; what to do"; or -2 with *err when the
 * file cannot be read at all (missing, a folder, no permission): a
 * runtime failure rather than a mistake in the file. */
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

/* What the scenario names that cat does not have (services of redirect
 * items and `when` rules, interpreter resources, the customer's and the
 * keys' languages), one "path:line: what is wrong" line each to warn.
 * Returns how many. A scenario written for another catalogue still
 * loads; the desk can say why an answer can never match. */
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

/* ---- the step graph (scenario_graph.c) ---------------------------------- */

/* Resolve the names of next, choices, rules and endings to indexes and
 * check the graph: unknown names, steps and endings the story can never
 * reach, steps from which no ending can be reached, a loop without a
 * choice in it, a step with choices and a next or rules too. Returns 0, or
 * -1 with *err "path:line: what is wrong" (the first problem). */
int scenario_graph_resolve(struct scenario *sc, char **err);

/* Target helpers: is it a step (else an ending), and which. */
bool scenario_target_is_step(const struct scenario *sc, int target);
int scenario_target_ending(const struct scenario *sc, int target);

/* Where step s leads without a choice, for contact c (NULL: nothing
 * recorded): the first `when` rule that holds, else next or the file
 * order. -1 when the step waits for a choice. */
int scenario_step_next(const struct scenario *sc, size_t step,
		       const struct contact *c);
/* Does a rule hold for c? */
bool scenario_when_holds(const struct sc_when *w, const struct contact *c);
/* The ending that the story reaches from step s without choices, for c;
 * -1 when a choice stands in the way (or, defensively, a loop). */
int scenario_ending_from(const struct scenario *sc, size_t step,
			 const struct contact *c);

/* ---- the fields (scenario_fields.c) ------------------------------------- */

/* The section name of a field in scenario files ("channel", "redirect",
 * "reason", "age_band", "topic", ...); NULL for a field that is graded
 * with another (interpreter_resource) . */
const char *scenario_field_section(enum sc_kind f);
/* The field of a section name, or -1. */
int scenario_field_find(const char *section);
/* The field's value in c as the key compares it: a code, a text, a
 * number, topics ;-joined; "" = nothing recorded. A new string. */
char *scenario_field_value(enum sc_kind f, const struct contact *c);
/* Is value v acceptable for field f as written in a file? NULL when it
 * is; else a translated reason (a new string). */
char *scenario_field_value_error(enum sc_kind f, const char *v);
/* Does a count n match an accepted value "N", "N-M" or "N+"? */
bool scenario_count_matches(const char *accept, long n);
/* Is the field private (the note): graded as "holds no personal data"? */
bool scenario_field_private(enum sc_kind f);
/* Is it a count (graded by number and range)? */
bool scenario_field_count(enum sc_kind f);
/* The code list of a CODE field, or -1. */
int scenario_field_list(enum sc_kind f);

/* ---- grading (scenario_grade.c) ----------------------------------------- */

struct grade_item {
	enum sc_kind kind;
	int topic;		/* SC_F_topics, SC_EXTRA_TOPIC: topic index; else -1 */
	int contact;		/* 1, 2, ...: which contact of the scenario */
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
	bool specific;		/* feedback for the service recorded */
	const struct sc_item *key;	/* the key item; NULL for an extra topic */
};

struct grade {
	struct grade_item *items;	/* in CONTACT_FIELDS order: channel,
					 * language, interpreter, topics, extra
					 * topics, outcome, redirect, reason, ...:
					 * present ones */
	size_t n_items;
	int earned;		/* weight points earned */
	int possible;		/* weight points possible (> 0) */
	int penalty;		/* score points lost to extra topics */
	int score;		/* round(100 * earned / possible) - penalty,
				 * within 0..max_score */
	int ending;		/* the ending graded against, or -1 */
	int max_score;		/* the ending's cap (100 without one) */
	int contacts;		/* how many contacts it covers (>= 1) */
};

/* Grade contact c against key into *out (which grade_free() frees). Never
 * fails. */
void scenario_grade_key(const struct sc_key *key, const struct contact *c,
			struct grade *out);
/* Against ending e of sc (its key and its cap). */
void scenario_grade_ending(const struct scenario *sc, size_t e,
			   const struct contact *c, struct grade *out);
/* Against the ending that the story reaches from its start for c without
 * choices, else its first ending: what a linear scenario always does. */
void scenario_grade(const struct scenario *sc, const struct contact *c,
		    struct grade *out);
/* Append the items of g (contact number `contact`) to all and make all's
 * score the mean of the contacts' scores. */
void grade_append(struct grade *all, const struct grade *g, int contact);
void grade_free(struct grade *g);

/* A stable name for an item in results files and csv: "channel",
 * "language", "interpreter", "topic:daycare", "extra-topic:leisure",
 * "outcome", "redirect", "reason", "discovery", "age_band", ...; for the
 * second contact on, prefixed "2:". A new string. */
char *grade_item_key(const struct grade_item *it);
/* A translated label for the scenario pane: "Channel", "Topic: Daycare",
 * "Extra topic: Leisure"... A new string. */
char *grade_item_label(const struct grade_item *it);
/* Why the item matters, in lang (fallback as scenario_text); for an extra
 * topic without a text in the file, a translated general one. Never NULL. */
const char *grade_item_feedback(const struct grade_item *it, const char *lang);

#endif
