/* morph: word analysis for search. Finnish through libvoikko (base forms
 * and compound parts: "häädöstä" -> häätö, "asuntohakemus" -> asunto,
 * hakemus), Swedish and English through the Snowball stemmers
 * (libstemmer); other languages keep plain folding (text_fold).
 *
 * Words go in folded (text_fold with å ä ö kept: lower case, one word) and
 * every term comes out folded the same way, so terms and the words of a
 * folded query compare by bytes. Analysis is slow (about 15 us a word in
 * Voikko): callers analyse each distinct word once.
 *
 * Without the Finnish dictionary (voikko-fi) at run time, Finnish words
 * keep their plain folding and morph_warning() says so in one line. */
#ifndef NEUVOO_MORPH_H
#define NEUVOO_MORPH_H

#include <stdbool.h>
#include <stddef.h>

/* Which analysers apply to a word: the language of its text. */
enum morph_lang {
	MORPH_FI = 1,
	MORPH_SV = 2,
	MORPH_EN = 4,
	MORPH_ALL = 7		/* text of no known language, or a query */
};

enum morph_kind {
	MORPH_BASE,		/* a base form (fi) or a stem (sv, en) */
	MORPH_PART		/* a part of a compound (fi) */
};

struct morph;

/* voikko_lang: the Voikko language tag, NULL for "fi" (the environment
 * variable NEUVOO_VOIKKO_LANG overrides both: a tag with a variant that
 * is not installed, such as "fi-x-none", shows the missing-dictionary
 * case). Never fails: a missing analyser leaves plain folding. */
struct morph *morph_new(const char *voikko_lang);
void morph_free(struct morph **m);
/* One line for the user when an analyser is missing, else NULL. */
const char *morph_warning(const struct morph *m);
bool morph_has_finnish(const struct morph *m);

typedef void (*morph_fn)(void *arg, const char *term, size_t len,
			 enum morph_kind kind);
/* Calls fn for each distinct term of the folded word w[0..len) in the
 * languages langs: base forms, stems and compound parts, never w itself.
 * A term is one folded word (no spaces). */
void morph_analyse(struct morph *m, const char *w, size_t len, unsigned langs,
		   morph_fn fn, void *arg);

typedef void (*morph_part_fn)(void *arg, const char *term, size_t len,
			      unsigned part);
/* The compound parts of the folded Finnish word w[0..len), numbered from
 * 0, by the first reading of it that is a compound: fn for each
 * alternative of a part (as written, its base form, the pieces of a part
 * that is a compound itself). False, calling nothing, when no reading is
 * a compound or Voikko is missing. */
bool morph_compound(struct morph *m, const char *w, size_t len,
		    morph_part_fn fn, void *arg);
/* True when a[0..alen) and b[0..blen) (UTF-8) differ by at most one
 * insertion, deletion, substitution or transposition of neighbours
 * (Damerau), counted in characters. */
bool morph_one_edit(const char *a, size_t alen, const char *b, size_t blen);

#endif
