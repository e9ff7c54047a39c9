/* privacy: see privacy.h.
 *
 * Plain scanners rather than regular expressions: the rules (a date, a
 * checksum, digit counts across separators) are easier to state and test
 * in C, and a note is short. The guard errs on the side of refusing: an
 * advisor can always rephrase a note, but a stored identity code cannot be
 * taken back from copies of a desk file. */
#include <config.h>

#include <ctype.h>
#include <string.h>

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

bool privacy_is_identity_code(const char *s)
{
	int dd, mm, yy, zzz, base;
	unsigned long n;

	if (strnlen(s, 11) < 11)
		return false;
	if (digits(s, 2, &dd) || digits(s + 2, 2, &mm) || digits(s + 4, 2, &yy)
	    || digits(s + 7, 3, &zzz))
		return false;
	base = century(s[6]);
	if (base < 0 || mm < 1 || mm > 12 || dd < 1
	    || dd > days_in_month(mm, base + yy))
		return false;
	if (zzz < 2)
		return false;
	n = (unsigned long)dd * 10000000UL + (unsigned long)mm * 100000UL
	    + (unsigned long)yy * 1000UL + (unsigned long)zzz;
	return toupper((unsigned char)s[10]) == privacy_check_char(n);
}

static bool is_alnum(char c)
{
	return isalnum((unsigned char)c);
}

static bool find_identity_code(const char *note)
{
	size_t len = strlen(note), i;
	if (len < 11)
		return false;
	for (i = 0; i + 11 <= len; i++) {
		/* Whole tokens only: not the middle of a longer number. */
		if (i > 0 && is_alnum(note[i - 1]))
			continue;
		if (i + 11 < len && is_alnum(note[i + 11]))
			continue;
		if (privacy_is_identity_code(note + i))
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
				if (label == 0)
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

/* A phone number: starting with + or 0, digits with single spaces, dashes
 * or brackets between groups, 7 digits or more ("040 123 4567",
 * "+358 40 1234567", "(09) 310 11111"); or a bare run of 9 or more digits
 * (an international number typed without its plus). */
static bool find_phone(const char *note)
{
	const char *p = note;
	for (; *p; p++) {
		const char *q = p;
		int n = 0, run = 0, max_run = 0;
		bool lead;
		if (p > note && (is_alnum(p[-1]) || p[-1] == '+'))
			continue;
		if (*q == '(')
			q++;
		lead = *q == '+' || *q == '0';
		if (*q == '+')
			q++;
		if (!isdigit((unsigned char)*q))
			continue;
		while (*q) {
			const char *s = q;
			int k = 0;
			if (isdigit((unsigned char)*q)) {
				n++;
				if (++run > max_run)
					max_run = run;
				q++;
				continue;
			}
			/* At most two separators ("1 2", "1-2", ") 3") between
			 * digit groups. */
			while (*s && strchr(" -()", *s) && k < 2) {
				s++;
				k++;
			}
			if (!k || !isdigit((unsigned char)*s))
				break;
			run = 0;
			q = s;
		}
		if ((lead && n >= 7) || max_run >= 9)
			return true;
	}
	return false;
}

int privacy_check_note(const char *note, char **why)
{
	if (!note || !*note)
		return 0;
	if (find_identity_code(note)) {
		err_set(why, "%s", _("the note holds a personal identity code; remove it (statistics are anonymous)"));
		return -1;
	}
	if (find_email(note)) {
		err_set(why, "%s", _("the note holds an e-mail address; remove it (statistics are anonymous)"));
		return -1;
	}
	if (find_phone(note)) {
		err_set(why, "%s", _("the note holds a phone number; remove it (statistics are anonymous)"));
		return -1;
	}
	return 0;
}
