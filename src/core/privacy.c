/* privacy: see privacy.h.
 *
 * Plain scanners rather than regular expressions: the rules (a date, a
 * checksum, digit counts across separators) are easier to state and test
 * in C, and a note is short. The note is first normalised (privacy_fold):
 * the look-alikes an advisor's keyboard or a pasted text brings (dashes,
 * no-break and other spaces, full-width forms, other scripts' digits,
 * invisible joiners, "(at)" and " dot ") become the ASCII the scanners
 * know, so "131052 – 308T" and "matti(at)example.fi" are found like their
 * plain forms. The guard errs on the side of refusing: an advisor can
 * always rephrase a note, but a stored identity code cannot be taken back
 * from copies of a desk file. Two exceptions keep ordinary notes
 * possible: a number written after a reference word ("viite 12345678901")
 * and a phone number of a service in the catalogue (the desk passes them
 * in as an allow-list). */
#include <config.h>

#include <ctype.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include <unictype.h>
#include <unistr.h>

#include "core/err.h"
#include "core/i18n.h"
#include "core/privacy.h"

static const char check_chars[] = "0123456789ABCDEFHJKLMNPRSTUVWXY";

char privacy_check_char(unsigned long n)
{
	return check_chars[n % 31];
}

static int digits(const char *s, int n, int *out)
{
	int v = 0, i;
	for (i = 0; i < n; i++) {
		if (s[i] < '0' || s[i] > '9')
			return -1;
		v = v * 10 + (s[i] - '0');
	}
	*out = v;
	return 0;
}

/* The century a sign stands for; '?' (no sign written) is any of them. */
static int century(char sign)
{
	switch (toupper((unsigned char)sign)) {
	case '+':
		return 1800;
	case '-': case 'Y': case 'X': case 'W': case 'V': case 'U':
		return 1900;
	case 'A': case 'B': case 'C': case 'D': case 'E': case 'F':
		return 2000;
	default:
		return -1;
	}
}

static int days_in_month(int month, int year)
{
	static const int days[] = { 31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31 };
	if (month == 2 && ((year % 4 == 0 && year % 100 != 0) || year % 400 == 0))
		return 29;
	return days[month - 1];
}

static bool date_ok(int dd, int mm, int year)
{
	return mm >= 1 && mm <= 12 && dd >= 1 && dd <= days_in_month(mm, year);
}

/* s[0..11) as DDMMYY?ZZZQ with sign '?' for "not written". */
static bool identity_code(const char *s, bool any_century)
{
	int dd, mm, yy, zzz, base;
	unsigned long n;

	if (strnlen(s, 11) < 11)
		return false;
	if (digits(s, 2, &dd) || digits(s + 2, 2, &mm) || digits(s + 4, 2, &yy)
	    || digits(s + 7, 3, &zzz))
		return false;
	if (any_century) {
		if (!date_ok(dd, mm, 1800 + yy) && !date_ok(dd, mm, 1900 + yy)
		    && !date_ok(dd, mm, 2000 + yy))
			return false;
	} else {
		base = century(s[6]);
		if (base < 0 || !date_ok(dd, mm, base + yy))
			return false;
	}
	if (zzz < 2)
		return false;
	n = (unsigned long)dd * 10000000UL + (unsigned long)mm * 100000UL
	    + (unsigned long)yy * 1000UL + (unsigned long)zzz;
	return toupper((unsigned char)s[10]) == privacy_check_char(n);
}

bool privacy_is_identity_code(const char *s)
{
	return identity_code(s, false);
}

/* ---- normalisation ---------------------------------------------------- */

struct obuf {
	char *p;
	size_t len, cap;
};

static void oadd(struct obuf *b, const void *data, size_t n)
{
	if (b->len + n + 1 > b->cap) {
		b->cap = (b->len + n + 1) * 2;
		b->p = xrealloc(b->p, b->cap);
	}
	memcpy(b->p + b->len, data, n);
	b->len += n;
	b->p[b->len] = '\0';
}

static void oaddc(struct obuf *b, char c)
{
	/* Runs of spaces count as one. */
	if (c == ' ' && b->len && b->p[b->len - 1] == ' ')
		return;
	oadd(b, &c, 1);
}

/* The ASCII a look-alike stands for, 0 to drop the character, or -1 to
 * keep it as it is. */
static int fold_char(ucs4_t c)
{
	int v;
	if (c < 0x80)
		return c == '\t' || c == '\n' || c == '\r' ? ' ' : (int)c;
	if (c >= 0xFF01 && c <= 0xFF5E)		/* full-width ASCII */
		return (int)(c - 0xFEE0);
	if ((c >= 0x2010 && c <= 0x2015) || c == 0x2212 || c == 0x2043
	    || c == 0xFE58 || c == 0xFE63)	/* dashes, minus */
		return '-';
	if (c == 0x00A0 || c == 0x1680 || (c >= 0x2000 && c <= 0x200A)
	    || c == 0x202F || c == 0x205F || c == 0x3000)	/* spaces */
		return ' ';
	if (c == 0x00AD || (c >= 0x200B && c <= 0x200F) || c == 0x061C
	    || (c >= 0x202A && c <= 0x202E) || (c >= 0x2060 && c <= 0x2069)
	    || c == 0xFEFF)			/* invisible */
		return 0;
	if (c == 0xFE6B)			/* small commercial at */
		return '@';
	if (c == 0xFE52 || c == 0x2024 || c == 0x3002)	/* dots */
		return '.';
	v = uc_decimal_value(c);		/* other scripts' digits */
	if (v >= 0 && v <= 9)
		return '0' + v;
	return -1;
}

/* Words that stand for @ and . when written out: "(at)", "[dot]",
 * " at ", " dot ". */
struct spelled {
	const char *word;
	char c;
	bool bracketed;
};

static const struct spelled spelled[] = {
	{ "(at)", '@', true }, { "[at]", '@', true }, { "{at}", '@', true },
	{ "<at>", '@', true }, { "(dot)", '.', true }, { "[dot]", '.', true },
	{ "{dot}", '.', true }, { "<dot>", '.', true },
	{ " at ", '@', false }, { " dot ", '.', false },
};

/* The spelled-out word at s (with spaces around a bracketed one), its
 * length in *len. */
static const struct spelled *spelled_at(const char *s, size_t *len)
{
	size_t i;
	for (i = 0; i < sizeof spelled / sizeof spelled[0]; i++) {
		const char *p = s, *w = spelled[i].word;
		size_t n = strlen(w);
		if (spelled[i].bracketed) {
			/* "( at )" too */
			const char *q = w;
			while (*p == ' ')
				p++;
			for (; *q; q++) {
				while (*p == ' ' && q != w)
					p++;
				if (tolower((unsigned char)*p) != *q)
					break;
				p++;
			}
			if (*q)
				continue;
			while (*p == ' ')
				p++;
			*len = (size_t)(p - s);
			return &spelled[i];
		}
		if (strncasecmp(s, w, n) == 0) {
			*len = n;
			return &spelled[i];
		}
	}
	return NULL;
}

char *privacy_fold(const char *note)
{
	const uint8_t *s = (const uint8_t *)(note ? note : "");
	size_t n = strlen((const char *)s), i = 0;
	struct obuf a = { 0 }, b = { 0 };
	const char *p;

	oadd(&a, "", 0);
	while (i < n) {
		ucs4_t c;
		int k = u8_mbtouc(&c, s + i, n - i), f;
		if (k < 1)
			k = 1;
		f = fold_char(c);
		if (f > 0)
			oaddc(&a, (char)f);
		else if (f < 0)
			oadd(&a, s + i, (size_t)k);
		i += (size_t)k;
	}
	oadd(&b, "", 0);
	for (p = a.p; *p;) {
		size_t len;
		const struct spelled *w = spelled_at(p, &len);
		/* A spelled-out @ or . between two words only. */
		if (w && len && p > a.p && isalnum((unsigned char)p[-1])
		    && isalnum((unsigned char)p[len])) {
			while (b.len && b.p[b.len - 1] == ' ')
				b.p[--b.len] = '\0';
			oadd(&b, &w->c, 1);
			p += len;
			continue;
		}
		oadd(&b, p, 1);
		p++;
	}
	free(a.p);
	return b.p;
}

/* ---- scanners (on the folded note) ------------------------------------ */

static bool is_alnum(char c)
{
	return isalnum((unsigned char)c);
}

static bool is_sign(char c)
{
	return c && strchr("+-ABCDEFYXWVUabcdefyxwvu", c);
}

/* An identity code starting at s: DDMMYY, then spaces and a sign (either
 * may be missing: "131052 308T"), three digits and the check character,
 * ending a token. Written with no separator at all it counts only with a
 * letter as its check character, so that ten-digit numbers pass. */
static bool identity_at(const char *s)
{
	char code[12];
	const char *p = s + 6;
	size_t sp = 0;
	char sign = '?';

	if (strnlen(s, 10) < 10)
		return false;
	while (*p == ' ') {
		p++;
		sp++;
	}
	if (is_sign(*p) && (isdigit((unsigned char)p[1]) || p[1] == ' ')) {
		sign = *p++;
		while (*p == ' ')
			p++;
	}
	if (strnlen(p, 4) < 4 || is_alnum(p[4]))
		return false;
	if (sign == '?' && sp == 0 && !isalpha((unsigned char)p[3]))
		return false;
	memcpy(code, s, 6);
	code[6] = sign;
	memcpy(code + 7, p, 4);
	code[11] = '\0';
	return identity_code(code, sign == '?');
}

static bool find_identity_code(const char *note)
{
	const char *p;
	for (p = note; *p; p++) {
		/* Whole tokens only: not the middle of a longer number. */
		if (p > note && is_alnum(p[-1]))
			continue;
		if (isdigit((unsigned char)*p) && identity_at(p))
			return true;
	}
	return false;
}

static bool email_local(char c)
{
	return is_alnum(c) || (c && strchr("._%+-!#$&'*/=?^`{|}~", c));
}

static bool find_email(const char *note)
{
	const char *at;
	for (at = strchr(note, '@'); at; at = strchr(at + 1, '@')) {
		const char *p = at + 1, *last_dot = NULL;
		size_t label = 0, tld = 0;
		if (at == note || !email_local(at[-1]))
			continue;
		/* domain: labels of letters, digits and hyphens joined by dots,
		 * ending in a top-level label of two or more letters. */
		for (; *p && (is_alnum(*p) || *p == '-' || *p == '.'); p++) {
			if (*p == '.') {
				/* A full stop after the address ends the
				 * sentence, not the domain. */
				if (label == 0 || !is_alnum(p[1]))
					break;
				last_dot = p;
				label = 0;
			} else
				label++;
		}
		if (!last_dot)
			continue;
		for (p = last_dot + 1; isalpha((unsigned char)*p); p++)
			tld++;
		if (tld >= 2)
			return true;
	}
	return false;
}

/* Words after which a run of digits is a reference, not a phone number
 * (prefixes, lower case; fi, sv, en). */
static const char *const reference_words[] = {
	"viite", "viitt", "asianumer", "asiano", "diaari", "dnr", "lasku",
	"tilaus", "hakemus", "referens", "ärende", "faktura", "beställning",
	"ansökan", "reference", "ref", "invoice", "order", "case", "ticket",
	"application",
};

/* Is the word before p (skipping spaces and ": # . no nr number numero")
 * a reference word? */
static bool after_reference_word(const char *note, const char *p)
{
	int words = 0;
	while (p > note && words < 3) {
		const char *end, *start;
		size_t i, len;
		while (p > note && strchr(" :#.", p[-1]))
			p--;
		end = p;
		while (p > note && !strchr(" :#.,;()", p[-1]))
			p--;
		start = p;
		len = (size_t)(end - start);
		if (!len)
			return false;
		for (i = 0; i < sizeof reference_words / sizeof reference_words[0]; i++) {
			size_t n = strlen(reference_words[i]);
			if (len >= n && strncasecmp(start, reference_words[i], n) == 0)
				return true;
		}
		if (!((len == 2 && (!strncasecmp(start, "no", 2) || !strncasecmp(start, "nr", 2)))
		      || (len == 3 && !strncasecmp(start, "nro", 3))
		      || (len == 6 && (!strncasecmp(start, "number", 6) || !strncasecmp(start, "numero", 6)))
		      || (len == 6 && !strncasecmp(start, "nummer", 6))))
			return false;
		words++;
	}
	return false;
}

/* The national form of a phone number's digits: "358..." becomes "0...". */
static void national(char *digitsbuf)
{
	if (!strncmp(digitsbuf, "358", 3) && strlen(digitsbuf) > 5) {
		digitsbuf[0] = '0';
		memmove(digitsbuf + 1, digitsbuf + 3, strlen(digitsbuf + 3) + 1);
	}
}

#define PHONE_DIGITS_MAX 24	/* longer runs are never a listed number */

struct privacy_allow {
	char **numbers;		/* national digits, sorted */
	size_t n, cap;
	bool sorted;
};

struct privacy_allow *privacy_allow_new(void)
{
	return xcalloc(1, sizeof(struct privacy_allow));
}

void privacy_allow_free(struct privacy_allow **pa)
{
	struct privacy_allow *a = *pa;
	size_t i;
	if (!a)
		return;
	for (i = 0; i < a->n; i++)
		free(a->numbers[i]);
	free(a->numbers);
	free(a);
	*pa = NULL;
}

static void phone_digits(const char *s, size_t len, char out[PHONE_DIGITS_MAX + 1])
{
	size_t i, k = 0;
	out[0] = '\0';
	for (i = 0; i < len && s[i]; i++) {
		if (!isdigit((unsigned char)s[i]))
			continue;
		if (k == PHONE_DIGITS_MAX) {
			out[0] = '\0';
			return;
		}
		out[k++] = s[i];
	}
	out[k] = '\0';
	national(out);
}

void privacy_allow_add(struct privacy_allow *a, const char *number)
{
	char d[PHONE_DIGITS_MAX + 1];
	char *f;
	if (!a || !number)
		return;
	f = privacy_fold(number);
	phone_digits(f, strlen(f), d);
	free(f);
	if (strlen(d) < 5)
		return;
	if (a->n == a->cap) {
		a->cap = a->cap ? a->cap * 2 : 16;
		a->numbers = xrealloc(a->numbers, a->cap * sizeof *a->numbers);
	}
	a->numbers[a->n++] = xstrdup(d);
	a->sorted = false;
}

static int cmp_str(const void *x, const void *y)
{
	return strcmp(*(char *const *)x, *(char *const *)y);
}

static bool allowed_number(struct privacy_allow *a, const char *s, size_t len)
{
	char d[PHONE_DIGITS_MAX + 1];
	const char *key = d;
	if (!a || !a->n)
		return false;
	if (!a->sorted) {
		qsort(a->numbers, a->n, sizeof *a->numbers, cmp_str);
		a->sorted = true;
	}
	phone_digits(s, len, d);
	return *d && bsearch(&key, a->numbers, a->n, sizeof *a->numbers, cmp_str);
}

/* A phone number: starting with + or 0, digits with single spaces, dashes
 * or brackets between groups (and one slash after the area code:
 * "040/1234567"), 7 digits or more ("040 123 4567", "+358 40 1234567",
 * "(09) 310 11111"); or a bare run of 10 to 13 digits starting with a
 * Nordic or Baltic country code (an international number typed without
 * its plus). A number of a listed service, or a bare run of digits after a
 * reference word, is no phone number of a person. */
static bool find_phone(const char *note, struct privacy_allow *allow)
{
	const char *p = note;
	for (; *p; p++) {
		const char *q = p;
		int n = 0, groups = 1;
		bool lead, plus, slash = false, separated = false;
		if (p > note && (is_alnum(p[-1]) || p[-1] == '+'))
			continue;
		if (*q == '(')
			q++;
		plus = *q == '+';
		lead = plus || *q == '0';
		if (*q == '+')
			q++;
		if (!isdigit((unsigned char)*q))
			continue;
		while (*q) {
			const char *s = q;
			int k = 0;
			if (isdigit((unsigned char)*q)) {
				n++;
				q++;
				continue;
			}
			/* At most two separators ("1 2", "1-2", ") 3") between
			 * digit groups. */
			while (*s && strchr(" -()", *s) && k < 2) {
				s++;
				k++;
			}
			if (!k && *s == '/' && groups == 1 && !slash) {
				/* "040/1234567": the part after the slash is
				 * a number, not a day of a date. */
				size_t run = strspn(s + 1, "0123456789");
				if (run >= 3) {
					slash = true;
					k = 1;
					s++;
				}
			}
			if (!k || !isdigit((unsigned char)*s))
				break;
			groups++;
			separated = true;
			q = s;
		}
		if (lead ? n < 7 : separated || n < 10 || n > 13
		    || !(strncmp(p, "358", 3) == 0 || strncmp(p, "372", 3) == 0
			 || strncmp(p, "45", 2) == 0 || strncmp(p, "46", 2) == 0
			 || strncmp(p, "47", 2) == 0))
			continue;
		if (allowed_number(allow, p, (size_t)(q - p)))
			continue;
		if (!plus && !separated && after_reference_word(note, p))
			continue;
		return true;
	}
	return false;
}

int privacy_check(const char *note, struct privacy_allow *allow, char **why)
{
	char *f;
	int rc = 0;
	if (!note || !*note)
		return 0;
	f = privacy_fold(note);
	if (find_identity_code(f)) {
		err_set(why, "%s", _("the note holds a personal identity code; remove it (statistics are anonymous)"));
		rc = -1;
	} else if (find_email(f)) {
		err_set(why, "%s", _("the note holds an e-mail address; remove it (statistics are anonymous)"));
		rc = -1;
	} else if (find_phone(f, allow)) {
		err_set(why, "%s", _("the note holds a phone number; remove it (statistics are anonymous)"));
		rc = -1;
	}
	free(f);
	return rc;
}

bool privacy_plain(const char *note)
{
	char *f = privacy_fold(note);
	bool plain = !strpbrk(f, "0123456789@");
	free(f);
	return plain;
}

int privacy_check_note(const char *note, char **why)
{
	return privacy_check(note, NULL, why);
}
