/* morph: see morph.h.
 *
 * Finnish. Voikko gives each reading of a word its BASEFORM ("häätö" for
 * "häädöstä") and its WORDBASES, the lexical pieces with their own base
 * forms: "+asunto(asunto)+hakemus(hakemus)", or
 * "+asumis(asua)+neuvo(neuvoa)+n+ta(+ta)" where "+ta" is a derivational
 * ending and "n" a joint. A compound part is a run of pieces up to the
 * next piece that has a base form of its own (not an ending): here
 * "asumis" and "neuvonta". Each part and, for a part of one piece, its
 * base form ("lasten" -> lapsi) count; a part with "=" in its base form
 * ("toimeentulo(toimeen=tulo)") is a compound itself and gives its pieces
 * too. Every reading counts: a search term that matches one too many
 * costs less than one that is missed.
 *
 * Swedish and English: the Snowball stem of the word, when it differs.
 *
 * libvoikko is opened with dlopen() when a search index is first built,
 * not linked: it brings libstdc++, ICU, libxml2 and libarchive, whose
 * loading would cost every desk several milliseconds and megabytes of
 * mapped pages before its first screen. A missing library is then one
 * more case of plain folding with a warning. */
#include <config.h>

#include <dlfcn.h>
#include <libstemmer.h>
#include <libvoikko/voikko.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "core/err.h"
#include "core/i18n.h"
#include "core/morph.h"
#include "core/text.h"

/* Parts shorter than this (in bytes) are joints or endings, not words. */
#define MIN_PART 3

/* The functions of libvoikko that morph calls. */
struct voikko_api {
	void *lib;
	__typeof__(voikkoInit) *init;
	__typeof__(voikkoTerminate) *terminate;
	__typeof__(voikkoAnalyzeWordCstr) *analyse;
	__typeof__(voikko_free_mor_analysis) *free_analysis;
	__typeof__(voikko_mor_analysis_value_cstr) *value;
	__typeof__(voikko_free_mor_analysis_value_cstr) *free_value;
};

struct morph {
	struct voikko_api v;
	struct VoikkoHandle *voikko;
	struct sb_stemmer *sv, *en;
	char *warning;
};

/* libvoikko's functions, or false (and nothing open) without it. */
static bool voikko_open(struct voikko_api *v)
{
	v->lib = dlopen(VOIKKO_SONAME, RTLD_NOW | RTLD_LOCAL);
	if (!v->lib)
		return false;
	*(void **)&v->init = dlsym(v->lib, "voikkoInit");
	*(void **)&v->terminate = dlsym(v->lib, "voikkoTerminate");
	*(void **)&v->analyse = dlsym(v->lib, "voikkoAnalyzeWordCstr");
	*(void **)&v->free_analysis = dlsym(v->lib, "voikko_free_mor_analysis");
	*(void **)&v->value = dlsym(v->lib, "voikko_mor_analysis_value_cstr");
	*(void **)&v->free_value = dlsym(v->lib,
					 "voikko_free_mor_analysis_value_cstr");
	if (v->init && v->terminate && v->analyse && v->free_analysis &&
	    v->value && v->free_value)
		return true;
	dlclose(v->lib);
	memset(v, 0, sizeof *v);
	return false;
}

struct morph *morph_new(const char *voikko_lang)
{
	struct morph *m = xcalloc(1, sizeof *m);
	const char *env = getenv("NEUVOO_VOIKKO_LANG");
	const char *verr = NULL;

	if (env && *env)
		voikko_lang = env;
	if (voikko_open(&m->v))
		m->voikko = m->v.init(&verr, voikko_lang ? voikko_lang : "fi",
				      NULL);
	m->sv = sb_stemmer_new("swedish", "UTF_8");
	m->en = sb_stemmer_new("english", "UTF_8");
	if (!m->voikko)
		m->warning = xstrdup(_("search: Voikko or its Finnish dictionary is missing (install libvoikko1 and voikko-fi); Finnish words match only as written"));
	else if (!m->sv || !m->en)
		m->warning = xstrdup(_("search: the Snowball stemmers are missing (install libstemmer0d); Swedish and English words match only as written"));
	return m;
}

void morph_free(struct morph **mp)
{
	struct morph *m;
	if (!mp || !*mp)
		return;
	m = *mp;
	if (m->voikko)
		m->v.terminate(m->voikko);
	if (m->v.lib)
		dlclose(m->v.lib);
	if (m->sv)
		sb_stemmer_delete(m->sv);
	if (m->en)
		sb_stemmer_delete(m->en);
	free(m->warning);
	free(m);
	*mp = NULL;
}

const char *morph_warning(const struct morph *m)
{
	return m ? m->warning : NULL;
}

bool morph_has_finnish(const struct morph *m)
{
	return m && m->voikko;
}

/* ---- emitting distinct terms ------------------------------------------- */

struct emit {
	morph_fn fn;
	morph_part_fn pfn;	/* instead of fn: parts by number */
	unsigned part;
	void *arg;
	const char *w;
	size_t wl;
	char **seen;
	size_t n, cap;
};

static void emit_one(struct emit *e, const char *t, size_t len,
		     enum morph_kind kind)
{
	size_t i;
	if (len < (kind == MORPH_PART ? MIN_PART : 2) ||
	    (len == e->wl && !memcmp(t, e->w, len)))
		return;
	for (i = 0; i < e->n; i++)
		if (strlen(e->seen[i]) == len && !memcmp(e->seen[i], t, len))
			return;
	if (e->n == e->cap) {
		e->cap = e->cap ? e->cap * 2 : 8;
		e->seen = xrealloc(e->seen, e->cap * sizeof *e->seen);
	}
	e->seen[e->n++] = xstrndup(t, len);
	if (e->pfn)
		e->pfn(e->arg, t, len, e->part);
	else
		e->fn(e->arg, t, len, kind);
}

/* text[0..len) folded; a fold of several words ("vuokra-asunto", a base
 * form "toimeen=tulo") gives each word as a part as well. */
static void emit_text(struct emit *e, const char *text, size_t len,
		      enum morph_kind kind)
{
	char *raw = xstrndup(text, len), *f = text_fold(raw, true), *p = f;
	if (!strchr(f, ' ')) {
		emit_one(e, f, strlen(f), kind);
	} else {
		char *joined = xmalloc(strlen(f) + 1), *j = joined;
		while (*p) {
			char *sp = strchr(p, ' ');
			size_t l = sp ? (size_t)(sp - p) : strlen(p);
			emit_one(e, p, l, MORPH_PART);
			memcpy(j, p, l);
			j += l;
			p += l + (sp ? 1 : 0);
		}
		*j = '\0';
		emit_one(e, joined, strlen(joined), kind);
		free(joined);
	}
	free(f);
	free(raw);
}

/* ---- Finnish ------------------------------------------------------------ */

/* One piece of WORDBASES: "asunto(asunto)", "n" or "ta(+ta)". */
struct piece {
	const char *surf, *base;
	size_t slen, blen;	/* blen 0: no base form given */
};

static size_t split_pieces(const char *wb, struct piece **out)
{
	struct piece *v = NULL;
	size_t n = 0, cap = 0;
	const char *p = wb;
	while (*p) {
		const char *end, *paren;
		if (*p == '+') {
			p++;
			continue;
		}
		/* A piece ends at the next '+' outside parentheses. */
		end = p;
		while (*end && *end != '+' && *end != '(')
			end++;
		paren = *end == '(' ? end : NULL;
		if (paren) {
			const char *close = strchr(paren, ')');
			end = close ? close + 1 : paren + strlen(paren);
		}
		if (n == cap) {
			cap = cap ? cap * 2 : 8;
			v = xrealloc(v, cap * sizeof *v);
		}
		v[n].surf = p;
		v[n].slen = (size_t)((paren ? paren : end) - p);
		v[n].base = paren ? paren + 1 : NULL;
		v[n].blen = paren ? (size_t)(end - paren - 1) -
				    (end[-1] == ')' ? 1 : 0) : 0;
		n++;
		p = end;
	}
	*out = v;
	return n;
}

/* A piece that starts a new part: one with a base form that is not an
 * ending ("+ta"). */
static bool starts_part(const struct piece *pc)
{
	return pc->blen > 0 && pc->base[0] != '+';
}

/* The compound parts of one reading; returns how many (1: not a
 * compound). With only_count, nothing is emitted. */
static size_t finnish_parts(struct emit *e, const char *wb, bool only_count)
{
	struct piece *pc;
	size_t n = split_pieces(wb, &pc), i, parts = 0;
	for (i = 0; i < n; i++)
		if (starts_part(&pc[i]) || i == 0)
			parts++;
	if (only_count) {
		free(pc);
		return parts;
	}
	e->part = 0;
	if (parts >= 2) {
		i = 0;
		while (i < n) {
			size_t j = i + 1, len = pc[i].slen, k;
			char *part;
			while (j < n && !starts_part(&pc[j]))
				len += pc[j++].slen;
			part = xmalloc(len + 1);
			len = 0;
			for (k = i; k < j; k++) {
				memcpy(part + len, pc[k].surf, pc[k].slen);
				len += pc[k].slen;
			}
			emit_text(e, part, len, MORPH_PART);
			if (j == i + 1 && pc[i].blen)
				emit_text(e, pc[i].base, pc[i].blen, MORPH_PART);
			free(part);
			i = j;
			e->part++;
		}
	} else if (n == 1 && pc[0].blen &&
		   memchr(pc[0].base, '=', pc[0].blen)) {
		emit_text(e, pc[0].base, pc[0].blen, MORPH_PART);
	}
	free(pc);
	return parts;
}

static void finnish(struct morph *m, struct emit *e)
{
	char *w = xstrndup(e->w, e->wl);
	struct voikko_mor_analysis **a = m->v.analyse(m->voikko, w);
	size_t i;
	for (i = 0; a && a[i]; i++) {
		char *base = m->v.value(a[i], "BASEFORM");
		char *wb = m->v.value(a[i], "WORDBASES");
		if (base)
			emit_text(e, base, strlen(base), MORPH_BASE);
		if (wb)
			finnish_parts(e, wb, false);
		m->v.free_value(base);
		m->v.free_value(wb);
	}
	if (a)
		m->v.free_analysis(a);
	free(w);
}

/* ---- Swedish, English --------------------------------------------------- */

static void stem(struct sb_stemmer *st, struct emit *e)
{
	const sb_symbol *r;
	if (!st)
		return;
	r = sb_stemmer_stem(st, (const sb_symbol *)e->w, (int)e->wl);
	if (r)
		emit_one(e, (const char *)r, (size_t)sb_stemmer_length(st),
			 MORPH_BASE);
}

/* Swedish plurals that change their vowel (stad, städer; hand, händer;
 * bostad, bostäderna): the stemmer cuts the ending and keeps the ä or ö,
 * so the singular's stem is added too when an ending from "er" was cut
 * and the stem's last vowel is ä or ö followed only by consonants. */
static void swedish_umlaut(struct sb_stemmer *st, struct emit *e)
{
	const char *r;
	size_t n, i, v = (size_t)-1;
	char *t;
	if (!st)
		return;
	r = (const char *)sb_stemmer_stem(st, (const sb_symbol *)e->w, (int)e->wl);
	n = r ? (size_t)sb_stemmer_length(st) : 0;
	if (n < 3 || n + 2 > e->wl || memcmp(e->w, r, n) ||
	    memcmp(e->w + n, "er", 2))
		return;
	for (i = 0; i < n; i++) {
		unsigned char c = (unsigned char)r[i];
		if (c == 0xc3 && i + 1 < n &&
		    ((unsigned char)r[i + 1] == 0xa4 || (unsigned char)r[i + 1] == 0xb6)) {
			v = i++;
		} else if (c >= 0x80 || memchr("aeiouy", c, 6)) {
			v = (size_t)-1;	/* another vowel after it */
			while (i + 1 < n && ((unsigned char)r[i + 1] & 0xc0) == 0x80)
				i++;
		}
	}
	if (v == (size_t)-1 || v + 2 >= n)
		return;
	t = xmalloc(n);
	memcpy(t, r, v);
	t[v] = (unsigned char)r[v + 1] == 0xa4 ? 'a' : 'o';
	memcpy(t + v + 1, r + v + 2, n - v - 2);
	emit_one(e, t, n - 1, MORPH_BASE);
	free(t);
}

void morph_analyse(struct morph *m, const char *w, size_t len, unsigned langs,
		   morph_fn fn, void *arg)
{
	struct emit e = { fn, NULL, 0, arg, w, len, NULL, 0, 0 };
	size_t i;
	/* Numbers and one- or two-letter words have nothing to analyse. */
	if (!m || len < 3 || (w[0] >= '0' && w[0] <= '9'))
		return;
	if ((langs & MORPH_FI) && m->voikko)
		finnish(m, &e);
	if (langs & MORPH_SV) {
		stem(m->sv, &e);
		swedish_umlaut(m->sv, &e);
	}
	if (langs & MORPH_EN)
		stem(m->en, &e);
	for (i = 0; i < e.n; i++)
		free(e.seen[i]);
	free(e.seen);
}

bool morph_compound(struct morph *m, const char *w, size_t len,
		    morph_part_fn fn, void *arg)
{
	struct emit e = { NULL, fn, 0, arg, w, len, NULL, 0, 0 };
	struct voikko_mor_analysis **a;
	char *word;
	size_t i;
	bool found = false;
	if (!m || !m->voikko || len < 2 * MIN_PART)
		return false;
	word = xstrndup(w, len);
	a = m->v.analyse(m->voikko, word);
	for (i = 0; a && a[i] && !found; i++) {
		char *wb = m->v.value(a[i], "WORDBASES");
		if (wb && finnish_parts(&e, wb, true) >= 2) {
			finnish_parts(&e, wb, false);
			found = true;
		}
		m->v.free_value(wb);
	}
	if (a)
		m->v.free_analysis(a);
	for (i = 0; i < e.n; i++)
		free(e.seen[i]);
	free(e.seen);
	free(word);
	return found;
}

/* ---- typos -------------------------------------------------------------- */

/* Bytes of the UTF-8 character at s (1 at the end or on a bad byte). */
static size_t char_len(const char *s, size_t left)
{
	unsigned char c = (unsigned char)*s;
	size_t l = c >= 0xF0 ? 4 : c >= 0xE0 ? 3 : c >= 0xC0 ? 2 : 1;
	return l <= left ? l : 1;
}

/* Byte compare with lengths: x[0..n) == y[0..m). */
static bool same(const char *x, size_t n, const char *y, size_t m)
{
	return n == m && !memcmp(x, y, n);
}

/* Without allocating (the typo matcher calls it for thousands of words):
 * after the common prefix, the rest must agree once one character of
 * either (or both) is skipped, or two are swapped. Characters compare as
 * their bytes, so a prefix of equal characters has the same length in
 * both. */
bool morph_one_edit(const char *a, size_t alen, const char *b, size_t blen)
{
	size_t p = 0, ca, cb;
	while (p < alen && p < blen) {
		size_t l = char_len(a + p, alen - p);
		if (l > blen - p || memcmp(a + p, b + p, l))
			break;
		p += l;
	}
	if (p == alen && p == blen)
		return true;
	ca = p < alen ? char_len(a + p, alen - p) : 0;
	cb = p < blen ? char_len(b + p, blen - p) : 0;
	if (ca && cb &&
	    same(a + p + ca, alen - p - ca, b + p + cb, blen - p - cb))
		return true;	/* one substituted */
	if (ca && same(a + p + ca, alen - p - ca, b + p, blen - p))
		return true;	/* one more in a */
	if (cb && same(a + p, alen - p, b + p + cb, blen - p - cb))
		return true;	/* one more in b */
	/* Two swapped: a = X Y rest, b = Y X rest. */
	return ca && cb && alen - p >= ca + cb && blen - p >= ca + cb &&
	       !memcmp(a + p + ca, b + p, cb) && !memcmp(b + p + cb, a + p, ca) &&
	       same(a + p + ca + cb, alen - p - ca - cb,
		    b + p + ca + cb, blen - p - ca - cb);
}
