/* text: UTF-8 text through libunistring (see text.h).
 *
 * Design: every function takes NUL-terminated UTF-8 and returns new heap
 * strings; widths come from uc_width() so that they agree with what a
 * terminal shows, and cuts happen only at grapheme cluster boundaries so a
 * base letter never loses its combining marks. Searching and sorting work on
 * a folded form (lower case, accents removed) so that an advisor typing
 * "cafe" finds "Café", while Finnish and Swedish keep å ä ö as letters of
 * their own: "paiva" must not match "päivä" for them. Start-up folds every
 * word of the catalogue, so text_fold() first tries a fast path of its own
 * for the common text (ASCII plus å ä ö) and only goes through
 * libunistring's case, normalization and category tables for anything else;
 * both give the same result, which the unit tests check. */
#include <config.h>

#include <langinfo.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include <unicase.h>
#include <unictype.h>
#include <unigbrk.h>
#include <uninorm.h>
#include <unistr.h>
#include <uniwidth.h>

#include "core/err.h"
#include "core/text.h"

/* A growable byte buffer, always NUL-terminated once used. */
struct buf {
	char *p;
	size_t len, cap;
};

static void buf_add(struct buf *b, const void *data, size_t n)
{
	if (b->len + n + 1 > b->cap) {
		size_t cap = b->cap ? b->cap : 32;
		while (b->len + n + 1 > cap)
			cap *= 2;
		b->p = xrealloc(b->p, cap);
		b->cap = cap;
	}
	memcpy(b->p + b->len, data, n);
	b->len += n;
	b->p[b->len] = '\0';
}

static void buf_adduc(struct buf *b, ucs4_t c)
{
	uint8_t tmp[6];
	int n = u8_uctomb(tmp, c, sizeof tmp);
	if (n > 0)
		buf_add(b, tmp, (size_t)n);
}

static char *buf_take(struct buf *b)
{
	if (!b->p)
		return xstrdup("");
	return b->p;
}

/* libunistring returns NULL only on out-of-memory once the input is valid;
 * like xmalloc, that is the one failure neuvoo does not try to survive. */
static void *u8_checked(void *p)
{
	if (!p) {
		fputs("neuvoo: out of memory\n", stderr);
		abort();
	}
	return p;
}

bool text_valid(const char *s, size_t len)
{
	return s && u8_check((const uint8_t *)s, len) == NULL;
}

/* ---- sanitize ------------------------------------------------------- */

#define ESC 0x1B
#define BEL 0x07

/* Decode one character of s[i..n); invalid bytes give U+FFFD. */
static size_t next_uc(const uint8_t *s, size_t i, size_t n, ucs4_t *c)
{
	int k = u8_mbtouc(c, s + i, n - i);
	return k > 0 ? (size_t)k : 1;
}

/* Skip a control sequence body after CSI: parameter and intermediate bytes
 * then one final byte. A byte that cannot be part of it ends the sequence
 * without being eaten (it is shown, or removed on its own merits). */
static size_t skip_csi(const uint8_t *s, size_t i, size_t n)
{
	while (i < n && s[i] >= 0x20 && s[i] <= 0x3F)
		i++;
	if (i < n && s[i] >= 0x40 && s[i] <= 0x7E)
		i++;
	return i;
}

/* Skip a string sequence (OSC, DCS, SOS, PM, APC) up to and including its
 * terminator: BEL, ESC \ or U+009C. An unterminated one runs to the end,
 * since a terminal would swallow it too. */
static size_t skip_string(const uint8_t *s, size_t i, size_t n)
{
	while (i < n) {
		ucs4_t c;
		size_t k;
		if (s[i] == BEL)
			return i + 1;
		if (s[i] == ESC) {
			if (i + 1 < n && s[i + 1] == '\\')
				return i + 2;
			/* Another ESC starts a new sequence; xterm treats it
			 * as ending the string. */
			return i;
		}
		k = next_uc(s, i, n, &c);
		if (c == 0x9C)
			return i + k;
		i += k;
	}
	return i;
}

/* Bidi embeddings, overrides and isolates, and the invisible direction
 * marks (LRM, RLM, ALM): each can reorder what a terminal shows. */
static bool is_bidi_control(ucs4_t c)
{
	return (c >= 0x202A && c <= 0x202E) || (c >= 0x2066 && c <= 0x2069)
	       || c == 0x200E || c == 0x200F || c == 0x061C;
}

/* Emoji and pictographs (where a joiner makes a sequence). */
static bool is_pictograph(ucs4_t c)
{
	return (c >= 0x1F000 && c <= 0x1FAFF) || (c >= 0x2600 && c <= 0x27BF)
	       || (c >= 0x2300 && c <= 0x23FF) || c == 0x2B50 || c == 0x2B55;
}

/* What terminals draw differently from each other and from the widths
 * here: the soft hyphen (a hyphen of one column, or nothing), variation
 * selectors and skin-tone modifiers (one glyph of two columns, or each
 * part on its own), tag characters; and the joiner between emoji (the
 * caller: a joiner between letters is needed by some scripts). Dropped,
 * so that a text takes on screen the columns text_width counts and never
 * pushes past a pane's border; each emoji then shows on its own. */
static bool is_unsteady(ucs4_t c)
{
	return c == 0x00AD || (c >= 0xFE00 && c <= 0xFE0F)
	       || (c >= 0x1F3FB && c <= 0x1F3FF) || (c >= 0xE0000 && c <= 0xE007F)
	       || (c >= 0xE0100 && c <= 0xE01EF);
}

static bool is_string_introducer(ucs4_t c)
{
	/* DCS, SOS, OSC, PM, APC as C1 characters. */
	return c == 0x90 || c == 0x98 || c == 0x9D || c == 0x9E || c == 0x9F;
}

/* The joiners of emoji sequences out of clean text: a joiner whose
 * nearest other character on either side is a pictograph. Only joiners
 * go, so the neighbours stay and a second pass keeps what the first
 * kept. */
static char *drop_emoji_joiners(char *t)
{
	const uint8_t *s = (const uint8_t *)t;
	size_t n = strlen(t), i = 0;
	struct buf b = { 0 };
	ucs4_t last = 0;
	if (!strstr(t, "\xe2\x80\x8d"))
		return t;
	while (i < n) {
		ucs4_t c, after = 0;
		size_t k = next_uc(s, i, n, &c), j = i + k;
		if (c == 0x200D) {
			while (j < n) {
				size_t m = next_uc(s, j, n, &after);
				if (after != 0x200D)
					break;
				after = 0;
				j += m;
			}
			if (is_pictograph(last) || is_pictograph(after)) {
				i += k;
				continue;
			}
		} else
			last = c;
		buf_add(&b, t + i, k);
		i += k;
	}
	free(t);
	return buf_take(&b);
}

char *text_sanitize(const char *str)
{
	const uint8_t *s = (const uint8_t *)(str ? str : "");
	size_t n = strlen((const char *)s), i = 0;
	struct buf b = { 0 };
	bool spaced = false;	/* last output was a replaced tab/newline */

	while (i < n) {
		ucs4_t c;
		size_t k;

		if (s[i] == ESC) {
			i++;
			if (i >= n)
				break;
			if (s[i] == '[') {
				i = skip_csi(s, i + 1, n);
			} else if (s[i] == ']' || s[i] == 'P' || s[i] == 'X' ||
				   s[i] == '^' || s[i] == '_') {
				i = skip_string(s, i + 1, n);
			} else {
				/* nF: intermediates then a final byte; or a
				 * two-byte Fp/Fe/Fs sequence. */
				while (i < n && s[i] >= 0x20 && s[i] <= 0x2F)
					i++;
				if (i < n && s[i] >= 0x30 && s[i] <= 0x7E)
					i++;
			}
			continue;
		}
		k = next_uc(s, i, n, &c);
		i += k;
		if (c == '\t' || c == '\n' || c == '\r' || c == '\v' ||
		    c == '\f' || c == 0x2028 || c == 0x2029) {
			if (!spaced)
				buf_add(&b, " ", 1);
			spaced = true;
			continue;
		}
		if (c == 0x9B) {
			i = skip_csi(s, i, n);
			continue;
		}
		if (is_string_introducer(c)) {
			i = skip_string(s, i, n);
			continue;
		}
		if (c < 0x20 || c == 0x7F || (c >= 0x80 && c <= 0x9F) ||
		    is_bidi_control(c) || is_unsteady(c))
			continue;

		/* u8_mbtouc gave U+FFFD for an invalid byte; write it out
		 * rather than copying the bad bytes. */
		buf_adduc(&b, c);
		spaced = false;
	}
	return drop_emoji_joiners(buf_take(&b));
}

/* Invisible characters an error message shows as escapes: controls, bidi
 * controls and the other format characters (zero-width spaces and
 * joiners, the word joiner, the byte order mark, soft hyphen ...). */
static bool escaped_in_message(ucs4_t c)
{
	return c < 0x20 || c == 0x7F || (c >= 0x80 && c <= 0x9F)
	       || is_bidi_control(c) || c == 0x2028 || c == 0x2029
	       || uc_is_general_category(c, UC_FORMAT);
}

char *text_escape(const char *str)
{
	const uint8_t *s = (const uint8_t *)(str ? str : "");
	size_t n = strlen((const char *)s), i = 0;
	struct buf b = { 0 };

	while (i < n) {
		ucs4_t c;
		int k = u8_mbtouc(&c, s + i, n - i);
		char esc[12];
		if (k < 1)
			k = 1;
		if (c == 0xFFFD && !(k == 3 && s[i] == 0xEF)) {
			/* An invalid byte: its value, not a guess. */
			snprintf(esc, sizeof esc, "\\x%02X", s[i]);
			buf_add(&b, esc, strlen(esc));
			i++;
			continue;
		}
		if (escaped_in_message(c)) {
			if (c < 0x100)
				snprintf(esc, sizeof esc, "\\x%02X", (unsigned)c);
			else
				snprintf(esc, sizeof esc, "\\u%04X", (unsigned)c);
			buf_add(&b, esc, strlen(esc));
		} else
			buf_add(&b, s + i, (size_t)k);
		i += (size_t)k;
	}
	return buf_take(&b);
}

/* ---- widths and cutting --------------------------------------------- */

static size_t uc_cols(ucs4_t c)
{
	int w = uc_width(c, "UTF-8");
	return w > 0 ? (size_t)w : 0;
}

/* Printable ASCII: one column and, unless a combining mark follows, one
 * grapheme. Most of what is drawn is such text, so it is measured here
 * without libunistring's tables (whose pages would count in every
 * session's memory). */
static bool plain_byte(uint8_t c)
{
	return c >= 0x20 && c < 0x7F;
}

/* Width of s[0..n), invalid bytes counted as U+FFFD (one column). */
static size_t width_n(const uint8_t *s, size_t n)
{
	size_t i = 0, w = 0;
	while (i < n) {
		ucs4_t c;
		if (plain_byte(s[i])) {
			i++;
			w++;
			continue;
		}
		i += next_uc(s, i, n, &c);
		w += uc_cols(c);
	}
	return w;
}

size_t text_width(const char *s)
{
	if (!s)
		return 0;
	return width_n((const uint8_t *)s, strlen(s));
}

size_t text_fit(const char *str, size_t cols, size_t *used)
{
	return text_fit_n(str, str ? strlen(str) : 0, cols, used);
}

size_t text_fit_n(const char *str, size_t len, size_t cols, size_t *used)
{
	const uint8_t *s = (const uint8_t *)(str ? str : "");
	const uint8_t *end = s + len, *p = s;
	size_t w = 0;

	while (p < end) {
		const uint8_t *q;
		size_t cw;
		if (plain_byte(*p) && (p + 1 == end || p[1] < 0x80)) {
			if (w + 1 > cols)
				break;
			w++;
			p++;
			continue;
		}
		q = u8_grapheme_next(p, end);
		if (!q || q <= p)
			q = p + 1;
		cw = width_n(p, (size_t)(q - p));
		if (w + cw > cols)
			break;
		w += cw;
		p = q;
	}
	if (used)
		*used = w;
	return (size_t)(p - s);
}

char *text_cut(const char *s, size_t cols, bool ascii)
{
	const char *ell = ascii ? "..." : "\xe2\x80\xa6";
	size_t ellw = ascii ? 3 : 1, n;
	struct buf b = { 0 };

	if (!s)
		s = "";
	if (text_width(s) <= cols)
		return xstrdup(s);
	if (cols < ellw)
		return xstrndup(ell, cols);	/* ascii dots only */
	n = text_fit(s, cols - ellw, NULL);
	/* "Housing …" reads worse than "Housing…". */
	while (n > 0 && s[n - 1] == ' ')
		n--;
	buf_add(&b, s, n);
	buf_add(&b, ell, strlen(ell));
	return buf_take(&b);
}

/* ---- folding ---------------------------------------------------------- */

#define RING_ABOVE 0x030A
#define DIAERESIS 0x0308

/* Accents and harakat, which searching ignores. Spacing marks (Mc) stay:
 * in Indic scripts they are vowels, not decoration. */
static bool is_accent(ucs4_t c)
{
	return uc_is_general_category(c, UC_CATEGORY_Mn) ||
	       uc_is_general_category(c, UC_CATEGORY_Me) ||
	       (uc_combining_class(c) != 0 &&
		!uc_is_general_category(c, UC_CATEGORY_Mc));
}

static bool is_word_char(ucs4_t c)
{
	return uc_is_general_category(c, UC_CATEGORY_L) ||
	       uc_is_general_category(c, UC_CATEGORY_N) ||
	       uc_is_general_category(c, UC_CATEGORY_Mc);
}

char *text_fold_unicode(const char *str, bool keep_nordic)
{
	char *clean = NULL;
	const uint8_t *s;
	uint8_t *low, *nfc;
	size_t n, lown, i = 0, nfcn;
	struct buf b = { 0 };
	ucs4_t base = 0;	/* last letter written, for å ä ö */
	bool kept = false;	/* a nordic mark already kept on base */
	bool space = false;	/* a space is pending */
	char *out;

	if (!str)
		str = "";
	n = strlen(str);
	if (!text_valid(str, n)) {
		clean = text_sanitize(str);
		str = clean;
		n = strlen(str);
	}
	s = (const uint8_t *)str;
	lown = 0;
	low = u8_checked(u8_tolower(s, n, NULL, UNINORM_NFD, NULL, &lown));

	while (i < lown) {
		ucs4_t c;
		i += next_uc(low, i, lown, &c);
		if (is_accent(c)) {
			bool nordic = keep_nordic && !kept &&
				((c == RING_ABOVE && base == 'a') ||
				 (c == DIAERESIS && (base == 'a' || base == 'o')));
			if (nordic) {
				buf_adduc(&b, c);
				kept = true;
			}
			continue;
		}
		if (!is_word_char(c)) {
			space = b.len > 0;
			base = 0;
			continue;
		}
		if (space)
			buf_add(&b, " ", 1);
		space = false;
		buf_adduc(&b, c);
		base = c;
		kept = false;
	}
	free(low);
	free(clean);
	if (!b.p)
		return xstrdup("");

	nfcn = 0;
	nfc = u8_checked(u8_normalize(UNINORM_NFC, (const uint8_t *)b.p, b.len,
				      NULL, &nfcn));
	free(b.p);
	out = xmalloc(nfcn + 1);
	memcpy(out, nfc, nfcn);
	out[nfcn] = '\0';
	free(nfc);
	return out;
}

/* For the fast path: the second byte of å, ä or ö (either case) after 0xC3,
 * as the second byte of the lower-case letter; 0 for any other byte. */
static unsigned char nordic_tail(unsigned char b)
{
	switch (b) {
	case 0xA5:		/* å */
	case 0x85:		/* Å */
		return 0xA5;
	case 0xA4:		/* ä */
	case 0x84:		/* Ä */
		return 0xA4;
	case 0xB6:		/* ö */
	case 0x96:		/* Ö */
		return 0xB6;
	default:
		return 0;
	}
}

/* The fast path of text_fold() for text of ASCII and å ä ö only, where it
 * gives what text_fold_unicode() gives: in ASCII only letters (L) and
 * digits (N) are word characters and none is an accent, and å ä ö
 * decompose to a or o and one mark that is kept or dropped. The result
 * is never longer than s, so out has room for strlen(s) + 1 bytes; it is
 * NUL-terminated. Returns false at the first byte it does not handle. */
static bool fold_fast(const unsigned char *s, bool keep_nordic, char *out)
{
	char *o = out;
	bool space = false;	/* a space is pending */

	for (; *s; s++) {
		unsigned char c = *s, tail;
		if (c >= 'A' && c <= 'Z')
			c = (unsigned char)(c - 'A' + 'a');
		else if (!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9'))) {
			if (c < 0x80) {
				space = o > out;
				continue;
			}
			if (c != 0xC3 || (tail = nordic_tail(s[1])) == 0)
				return false;
			s++;
			if (space)
				*o++ = ' ';
			space = false;
			if (keep_nordic) {
				*o++ = (char)0xC3;
				*o++ = (char)tail;
			} else
				*o++ = tail == 0xB6 ? 'o' : 'a';
			continue;
		}
		if (space)
			*o++ = ' ';
		space = false;
		*o++ = (char)c;
	}
	*o = '\0';
	return true;
}

char *text_fold(const char *str, bool keep_nordic)
{
	const unsigned char *s = (const unsigned char *)(str ? str : "");
	char *out = xmalloc(strlen((const char *)s) + 1);

	if (fold_fast(s, keep_nordic, out))
		return out;
	free(out);
	return text_fold_unicode(str, keep_nordic);
}

bool text_locale_utf8(void)
{
	const char *cs = nl_langinfo(CODESET);
	return cs && (!strcasecmp(cs, "UTF-8") || !strcasecmp(cs, "UTF8"));
}

/* ---- collation ---------------------------------------------------------- */

static bool lang_is(const char *lang, const char *code)
{
	size_t n = strlen(code);
	return lang && !strncmp(lang, code, n) &&
	       (lang[n] == '\0' || lang[n] == '_' || lang[n] == '-' ||
		lang[n] == '.' || lang[n] == '@');
}

/* Sort weight of a folded character: in Finnish and Swedish å ä ö come
 * right after z (æ and ø sort with ä and ö, as in their dictionaries). */
static uint32_t nordic_weight(ucs4_t c)
{
	switch (c) {
	case 0xE5:		/* å */
		return 'z' * 4 + 1;
	case 0xE4:		/* ä */
	case 0xE6:		/* æ */
		return 'z' * 4 + 2;
	case 0xF6:		/* ö */
	case 0xF8:		/* ø */
		return 'z' * 4 + 3;
	default:
		return c * 4;
	}
}

int text_collate(const char *a, const char *b, const char *lang)
{
	bool nordic = lang_is(lang, "fi") || lang_is(lang, "sv");
	char *fa = text_fold(a ? a : "", nordic);
	char *fb = text_fold(b ? b : "", nordic);
	const uint8_t *pa = (const uint8_t *)fa, *pb = (const uint8_t *)fb;
	size_t na = strlen(fa), nb = strlen(fb), i = 0, j = 0;
	int r = 0;

	while (r == 0 && i < na && j < nb) {
		ucs4_t ca, cb;
		uint32_t wa, wb;
		i += next_uc(pa, i, na, &ca);
		j += next_uc(pb, j, nb, &cb);
		wa = nordic ? nordic_weight(ca) : ca;
		wb = nordic ? nordic_weight(cb) : cb;
		if (wa != wb)
			r = wa < wb ? -1 : 1;
	}
	if (r == 0)
		r = (i < na) - (j < nb);
	free(fa);
	free(fb);
	/* Equal after folding: fall back to bytes so the order is total. */
	if (r == 0 && a && b) {
		r = strcmp(a, b);
		r = (r > 0) - (r < 0);
	}
	return r;
}
