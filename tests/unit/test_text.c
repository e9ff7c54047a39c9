/* Unit tests for src/core/text.c: widths, cutting, folding, sanitizing and
 * collation as an advisor would see them on screen. */
#include <config.h>

#include <locale.h>
#include <stdbool.h>

#include "util.h"
#include "core/text.h"

#define ELLIPSIS "\xe2\x80\xa6"
#define COMBINING_DIAERESIS "\xcc\x88"
#define COMBINING_RING "\xcc\x8a"
#define COMBINING_ACUTE "\xcc\x81"
/* "Päivähoito" written decomposed (a + U+0308). */
#define PAIVAHOITO_NFD "Pa" COMBINING_DIAERESIS "iva" COMBINING_DIAERESIS "hoito"
/* Arabic "marhaban" with harakat (fatha, sukun, fathatan). */
#define MARHABAN "\xd9\x85\xd9\x8e\xd8\xb1\xd9\x92\xd8\xad\xd9\x8e\xd8\xa8\xd9\x8b\xd8\xa7"

static void test_valid(void **state)
{
	(void)state;
	assert_true(text_valid("P\xc3\xa4iv\xc3\xa4", 7));
	assert_true(text_valid("\xe6\xbc\xa2\xe5\xad\x97", 6));
	assert_false(text_valid("a\xff" "b", 3));
	assert_false(text_valid("\xc0\xaf", 2));	/* overlong '/' */
	assert_false(text_valid("\xe6\xbc", 2));	/* truncated */
	assert_false(text_valid("\xed\xa0\x80", 3));	/* surrogate */
}

static void test_width(void **state)
{
	(void)state;
	assert_int_equal(text_width("abc"), 3);
	assert_int_equal(text_width("\xe6\xbc\xa2\xe5\xad\x97"), 4);	/* 漢字 */
	assert_int_equal(text_width("P\xc3\xa4iv\xc3\xa4hoito"), 10);
	assert_int_equal(text_width(PAIVAHOITO_NFD), 10);
	/* Five letters; the harakat take no column of their own. */
	assert_int_equal(text_width(MARHABAN), 5);
	assert_int_equal(text_width("cafe" COMBINING_ACUTE), 4);
	assert_int_equal(text_width(""), 0);
	assert_int_equal(text_width(NULL), 0);
}

static void test_fit(void **state)
{
	size_t used = 99;
	(void)state;
	/* One wide character fits in three columns, not half of the next. */
	assert_int_equal(text_fit("\xe6\xbc\xa2\xe5\xad\x97", 3, &used), 3);
	assert_int_equal(used, 2);
	/* The diaeresis goes with its a. */
	assert_int_equal(text_fit(PAIVAHOITO_NFD, 2, &used), 4);
	assert_int_equal(used, 2);
	/* A letter keeps its haraka. */
	assert_int_equal(text_fit(MARHABAN, 1, &used), 4);
	assert_int_equal(used, 1);
	assert_int_equal(text_fit("abc", 10, &used), 3);
	assert_int_equal(used, 3);
	assert_int_equal(text_fit("abc", 0, NULL), 0);
}

static void test_cut_simple(void **state)
{
	char *s;
	(void)state;

	s = text_cut("P\xc3\xa4iv\xc3\xa4hoito", 5, false);
	assert_string_equal(s, "P\xc3\xa4iv" ELLIPSIS);
	free(s);
	s = text_cut("P\xc3\xa4iv\xc3\xa4hoito", 5, true);
	assert_string_equal(s, "P\xc3\xa4...");
	free(s);
	s = text_cut("P\xc3\xa4iv\xc3\xa4hoito", 10, false);
	assert_string_equal(s, "P\xc3\xa4iv\xc3\xa4hoito");
	free(s);
	/* 漢字漢字 in four columns: 漢 and the ellipsis, never half a 字. */
	s = text_cut("\xe6\xbc\xa2\xe5\xad\x97\xe6\xbc\xa2\xe5\xad\x97", 4, false);
	assert_string_equal(s, "\xe6\xbc\xa2" ELLIPSIS);
	free(s);
	s = text_cut("Housing advice", 9, false);
	assert_string_equal(s, "Housing" ELLIPSIS);	/* no space before … */
	free(s);
	s = text_cut("abc", 0, false);
	assert_string_equal(s, "");
	free(s);
	s = text_cut(PAIVAHOITO_NFD, 3, false);
	assert_string_equal(s, "Pa" COMBINING_DIAERESIS ELLIPSIS);
	free(s);
}

/* Every cut of every width is valid UTF-8, fits, is a prefix of the input
 * plus an ellipsis, and never stops between a letter and its mark. */
static void test_cut_never_splits(void **state)
{
	static const char *const inputs[] = {
		PAIVAHOITO_NFD,
		MARHABAN " " MARHABAN,
		"\xe6\xbc\xa2\xe5\xad\x97 a\xe6\xbc\xa2\xe5\xad\x97",
		"Cre" "\xcc\x80" "me bru" "\xcc\x82" "le" COMBINING_ACUTE "e",
		"na\xc3\xafve",
	};
	size_t i, cols;
	(void)state;

	for (i = 0; i < sizeof inputs / sizeof inputs[0]; i++) {
		for (cols = 0; cols <= text_width(inputs[i]) + 1; cols++) {
			int ascii;
			for (ascii = 0; ascii <= 1; ascii++) {
				char *s = text_cut(inputs[i], cols, ascii);
				const char *ell = ascii ? "..." : ELLIPSIS;
				size_t n = strlen(s), el = strlen(ell);
				assert_true(text_valid(s, n));
				assert_true(text_width(s) <= cols);
				if (strcmp(s, inputs[i]) != 0 && n >= el &&
				    !strcmp(s + n - el, ell)) {
					const unsigned char *next;
					size_t keep = n - el;
					assert_memory_equal(s, inputs[i], keep);
					/* What follows the cut in the input is
					 * not a combining mark (U+0300-036F,
					 * Arabic harakat U+064B-0652). */
					next = (const unsigned char *)inputs[i] + keep;
					while (*next == ' ')
						next++;
					assert_false(next[0] == 0xCC ||
						     (next[0] == 0xCD && next[1] < 0xB0));
					assert_false(next[0] == 0xD9 &&
						     next[1] >= 0x8B && next[1] <= 0x92);
				}
				free(s);
			}
		}
	}
}

static void check_fold(const char *in, bool nordic, const char *want)
{
	char *s = text_fold(in, nordic);
	assert_string_equal(s, want);
	free(s);
}

static void test_fold_finnish(void **state)
{
	(void)state;
	check_fold("P\xc3\xa4iv\xc3\xa4hoito", true, "p\xc3\xa4iv\xc3\xa4hoito");
	/* Decomposed input gives the same, composed (NFC) result. */
	check_fold(PAIVAHOITO_NFD, true, "p\xc3\xa4iv\xc3\xa4hoito");
	check_fold("\xc3\x85\xc3\x84\xc3\x96 \xc3\xa5\xc3\xa4\xc3\xb6", true,
		   "\xc3\xa5\xc3\xa4\xc3\xb6 \xc3\xa5\xc3\xa4\xc3\xb6");
	check_fold("A" COMBINING_RING "bo", true, "\xc3\xa5" "bo");
	/* Other accents still go, even in Finnish. */
	check_fold("Caf\xc3\xa9", true, "cafe");
	check_fold("M\xc3\xbcller", true, "muller");
	check_fold("Kela: Asumistuki!", true, "kela asumistuki");
}

static void test_fold_english(void **state)
{
	(void)state;
	check_fold("P\xc3\xa4iv\xc3\xa4hoito", false, "paivahoito");
	check_fold(PAIVAHOITO_NFD, false, "paivahoito");
	check_fold("Caf\xc3\xa9", false, "cafe");
	check_fold("M\xc3\xbcller", false, "muller");
	check_fold("  Hello,  World!! ", false, "hello world");
	check_fold("Cr\xc3\xa8me-br\xc3\xbbl\xc3\xa9" "e", false, "creme brulee");
	check_fold("S\xc3\xa3o Paulo", false, "sao paulo");
	/* Harakat are left out: people search Arabic without them. */
	check_fold(MARHABAN, false, "\xd9\x85\xd8\xb1\xd8\xad\xd8\xa8\xd8\xa7");
	check_fold("\xe6\xbc\xa2\xe5\xad\x97", false, "\xe6\xbc\xa2\xe5\xad\x97");
	check_fold("", false, "");
	check_fold(NULL, false, "");
}

/* Both paths of text_fold() on one input. */
static void check_fold_paths(const char *in)
{
	int nordic;
	for (nordic = 0; nordic <= 1; nordic++) {
		char *fast = text_fold(in, nordic);
		char *slow = text_fold_unicode(in, nordic);
		assert_string_equal(fast, slow);
		free(fast);
		free(slow);
	}
}

/* Every ASCII byte, alone and between letters, folds alike on both paths:
 * the fast path's idea of a word character (letters and digits only) is
 * checked against the Unicode categories rather than assumed. */
static void test_fold_ascii_bytes(void **state)
{
	int c;
	(void)state;

	for (c = 1; c < 0x80; c++) {
		char in[8];
		snprintf(in, sizeof in, "%c", c);
		check_fold_paths(in);
		snprintf(in, sizeof in, "x%cY", c);
		check_fold_paths(in);
		snprintf(in, sizeof in, "%c%c\xc3\xa4%c", c, c, c);
		check_fold_paths(in);
	}
	check_fold("a_b^c`d$e+f<g|h~i@j", false, "a b c d e f g h i j");
	check_fold("_^`$+<>=|~", true, "");
	check_fold("x\x01y\x7fz", true, "x y z");
}

/* A fixed-seed xorshift generator, so that the test is the same every run. */
static uint32_t rng_next(uint32_t *x)
{
	*x ^= *x << 13;
	*x ^= *x >> 17;
	*x ^= *x << 5;
	return *x;
}

/* Thousands of strings of the fast path's alphabet give the same result
 * on both paths, with and without keep_nordic. */
static void test_fold_fast_equivalence(void **state)
{
	static const char *const alphabet[] = {
		"a", "b", "o", "s", "z", "A", "B", "O", "S", "Z",
		"0", "1", "9", " ", " ", " ", "_", "-", ".", "/", "\t",
		",", ":", "!", "'", "\"", "(", ")", "&", "^", "`", "$", "+",
		"<", "~", "\n", "\x7f",
		"\xc3\xa5", "\xc3\xa4", "\xc3\xb6", "\xc3\x85", "\xc3\x84",
		"\xc3\x96",
	};
	const size_t na = sizeof alphabet / sizeof alphabet[0];
	uint32_t seed = 20240611u;
	int round;
	(void)state;

	for (round = 0; round < 5000; round++) {
		char in[3 * 40 + 1];
		size_t len = rng_next(&seed) % 40, k, n = 0;
		for (k = 0; k < len; k++) {
			const char *piece = alphabet[rng_next(&seed) % na];
			size_t pl = strlen(piece);
			memcpy(in + n, piece, pl);
			n += pl;
		}
		in[n] = '\0';
		check_fold_paths(in);
	}
}

static void test_fold_fast_expected(void **state)
{
	(void)state;
	check_fold("  Ty\xc3\xb6--ja ELINKEINO  ", true, "ty\xc3\xb6 ja elinkeino");
	check_fold("  Ty\xc3\xb6--ja ELINKEINO  ", false, "tyo ja elinkeino");
	check_fold("", true, "");
	check_fold("...", true, "");
	check_fold("\xc3\x85" "bo_Akademi", true, "\xc3\xa5" "bo akademi");
	check_fold("\xc3\x85" "bo_Akademi", false, "abo akademi");
	check_fold("bostadsr\xc3\xa5" "dgivning 1234", true,
		   "bostadsr\xc3\xa5" "dgivning 1234");
	check_fold("\xc3\x84\xc3\x96\xc3\x85", false, "aoa");
}

/* Text outside ASCII and å ä ö takes the general path and folds as
 * before. */
static void test_fold_general_path(void **state)
{
	(void)state;
	check_fold("Caf\xc3\xa9", true, "cafe");
	check_fold("Caf\xc3\xa9", false, "cafe");
	check_fold("Soomaali", true, "soomaali");
	check_fold("Af-Soomaali", false, "af soomaali");
	check_fold(MARHABAN, true, "\xd9\x85\xd8\xb1\xd8\xad\xd8\xa8\xd8\xa7");
	check_fold("a" COMBINING_DIAERESIS, true, "\xc3\xa4");
	check_fold("a" COMBINING_DIAERESIS, false, "a");
	/* An ä on the fast path's alphabet next to one it is not. */
	check_fold("\xc3\xa4" "a" COMBINING_DIAERESIS " M\xc3\xbcller", true,
		   "\xc3\xa4\xc3\xa4 muller");
	/* Invalid UTF-8, even after a c3 lead byte, is sanitized first. */
	check_fold("a\xc3", true, "a");
	check_fold("a\xff" "b", true, "a b");
	check_fold_paths("a\xc3");
	check_fold_paths("\xc3\xa9t\xc3\xa9 \xc3\xa5r");
}

static void check_sanitize(const char *in, const char *want)
{
	char *s = text_sanitize(in);
	assert_string_equal(s, want);
	free(s);
}

static void test_sanitize_marks(void **state)
{
	static const char *const marks[] = {
		"\u200e", "\u200f", "\u061c", "\u202a", "\u202b", "\u202c",
		"\u202d", "\u202e", "\u2066", "\u2067", "\u2068", "\u2069",
	};
	size_t i;
	(void)state;
	for (i = 0; i < sizeof marks / sizeof marks[0]; i++) {
		char in[32], *out;
		snprintf(in, sizeof in, "ab%scd", marks[i]);
		out = text_sanitize(in);
		assert_string_equal(out, "abcd");
		free(out);
	}
}

static void test_escape(void **state)
{
	static const struct { const char *in, *out; } cases[] = {
		{ "plain äö", "plain äö" },
		{ "\x1b[2J", "\\x1B[2J" },
		{ "\xc2\x9b" "2J", "\\x9B2J" },
		{ "a\u200eb\u200fc\u061cd", "a\\u200Eb\\u200Fc\\u061Cd" },
		{ "\u202eevil\u2069", "\\u202Eevil\\u2069" },
		{ "zero\u200bwidth\ufeff", "zero\\u200Bwidth\\uFEFF" },
		{ "line\nbreak\ttab\x7f", "line\\x0Abreak\\x09tab\\x7F" },
		{ "bad \xff byte", "bad \\xFF byte" },
		{ "kept \ufffd", "kept \ufffd" },
		{ "", "" },
	};
	size_t i;
	char *out;
	(void)state;
	for (i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		out = text_escape(cases[i].in);
		assert_string_equal(out, cases[i].out);
		free(out);
	}
	out = text_escape(NULL);
	assert_string_equal(out, "");
	free(out);
}

static void test_sanitize(void **state)
{
	(void)state;
	check_sanitize("Kela", "Kela");
	check_sanitize("a\x1b[2Jb", "ab");		/* clear screen */
	check_sanitize("a\x1b[1;31mred\x1b[0m", "ared");
	check_sanitize("\x1b]0;evil title\x07ok", "ok");	/* OSC, BEL */
	check_sanitize("\x1b]2;evil\x1b\\ok", "ok");		/* OSC, ST */
	check_sanitize("x\x1b(By", "xy");			/* charset */
	check_sanitize("x\x1b", "x");
	check_sanitize("\xc2\x9b" "31mz", "z");			/* 8-bit CSI */
	check_sanitize("\xc2\x9d" "8;;http://x\xc2\x9cz", "z");	/* 8-bit OSC */
	check_sanitize("a\xc2\x85" "b\xc2\x80" "c", "abc");	/* C1 */
	check_sanitize("a\x01" "b\x7f" "c", "abc");		/* C0, DEL */
	check_sanitize("a\xff" "b", "a\xef\xbf\xbd" "b");	/* invalid */
	check_sanitize("a\tb\r\nc", "a b c");
	check_sanitize("abc\xe2\x80\xae" "fdp.exe", "abcfdp.exe");	/* RLO */
	check_sanitize("\xe2\x81\xa6" "x\xe2\x81\xa9", "x");	/* isolates */
	/* The zero width joiner is needed by some scripts. */
	check_sanitize("a\xe2\x80\x8d" "b", "a\xe2\x80\x8d" "b");
	check_sanitize(MARHABAN, MARHABAN);
	check_sanitize(NULL, "");
}

static int cmp_fi(const void *a, const void *b)
{
	return text_collate(*(const char *const *)a, *(const char *const *)b, "fi");
}

static void test_collate(void **state)
{
	const char *names[] = {
		"\xc3\x96ljy", "\xc3\x84iti", "Zeta", "\xc3\x85ke", "apu",
		"Banaani",
	};
	const char *want[] = {
		"apu", "Banaani", "Zeta", "\xc3\x85ke", "\xc3\x84iti",
		"\xc3\x96ljy",
	};
	size_t i;
	(void)state;

	qsort(names, 6, sizeof names[0], cmp_fi);
	for (i = 0; i < 6; i++)
		assert_string_equal(names[i], want[i]);
	assert_true(text_collate("\xc3\x96ljy", "Zeta", "sv") > 0);
	assert_true(text_collate("\xc3\x85ke", "\xc3\x84iti", "sv_FI") < 0);
	/* In English ö is an o. */
	assert_true(text_collate("\xc3\x96ljy", "Zeta", "en") < 0);
	assert_true(text_collate("\xc3\x96ljy", "Pasta", NULL) < 0);
	/* Case does not decide the order. */
	assert_true(text_collate("apu", "Banaani", "en") < 0);
	assert_true(text_collate("Apu", "apu", "fi") != 0);
	assert_int_equal(text_collate("apu", "apu", "fi"), 0);
}

static void test_locale_utf8(void **state)
{
	(void)state;
	assert_non_null(setlocale(LC_CTYPE, "C"));
	assert_false(text_locale_utf8());
	assert_non_null(setlocale(LC_CTYPE, "C.UTF-8"));
	assert_true(text_locale_utf8());
}

/* Soft hyphens and emoji sequences never take other columns on screen
 * than the width counts: what terminals draw differently goes. */
static void test_sanitize_unsteady(void **state)
{
	static const struct { const char *in, *out; size_t w; } cases[] = {
		{ "Ty\u00f6llisyys\u00adpalvelut", "Ty\u00f6llisyyspalvelut", 18 },
		{ "\U0001F468\u200D\U0001F469\u200D\U0001F467", "\U0001F468\U0001F469\U0001F467", 6 },
		{ "\u263A\uFE0F ok", "\u263A ok", 4 },
		{ "\U0001F44D\U0001F3FD", "\U0001F44D", 2 },
		{ "\U0001F3F4\U000E0067\U000E0062\U000E007F!", "\U0001F3F4!", 3 },
	};
	size_t i;
	(void)state;
	for (i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		char *o = text_sanitize(cases[i].in);
		assert_string_equal(o, cases[i].out);
		assert_int_equal(text_width(o), cases[i].w);
		free(o);
	}
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_valid),
		cmocka_unit_test(test_sanitize_marks),
		cmocka_unit_test(test_escape),
		cmocka_unit_test(test_width),
		cmocka_unit_test(test_fit),
		cmocka_unit_test(test_cut_simple),
		cmocka_unit_test(test_cut_never_splits),
		cmocka_unit_test(test_fold_finnish),
		cmocka_unit_test(test_fold_english),
		cmocka_unit_test(test_fold_ascii_bytes),
		cmocka_unit_test(test_fold_fast_equivalence),
		cmocka_unit_test(test_fold_fast_expected),
		cmocka_unit_test(test_fold_general_path),
		cmocka_unit_test(test_sanitize),
		cmocka_unit_test(test_collate),
		cmocka_unit_test(test_locale_utf8),
		cmocka_unit_test(test_sanitize_unsteady),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
