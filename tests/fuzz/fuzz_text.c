/* fuzz_text: the text module on arbitrary bytes.
 *
 * Invariants: text_sanitize() gives valid UTF-8 with no C0 or C1 control,
 * DEL, ESC or bidi control, and is idempotent; text_cut() never exceeds its
 * width and returns the text itself when it fits; text_fit() stops at a
 * character boundary within its width; text_fold() gives valid UTF-8,
 * folding twice changes nothing, and its fast path (ASCII, å ä ö) gives
 * what the general path gives; text_collate() is antisymmetric and
 * reflexive. The first input byte picks the widths; the input splits at its
 * first NUL into two strings for collation. */
#include <config.h>

#include "fuzz_util.h"

#include <unistr.h>

#include "core/text.h"

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
	(void)argc;
	(void)argv;
	fuzz_setup();
	return 0;
}

static void check_clean(const char *in, const char *s)
{
	const uint8_t *p = (const uint8_t *)s, *end = p + strlen(s);
	FUZZ_ASSERT(text_valid(s, strlen(s)), "sanitize gave invalid UTF-8");
	while (p < end) {
		ucs4_t c;
		int k = u8_mbtouc(&c, p, (size_t)(end - p));
		FUZZ_ASSERT(k > 0, "sanitize gave a bad sequence");
		FUZZ_ASSERT(c >= 0x20 && c != 0x7f && !(c >= 0x80 && c <= 0x9f) &&
			    !(c >= 0x202a && c <= 0x202e) &&
			    !(c >= 0x2066 && c <= 0x2069),
			    "sanitize let U+%04X through (input \"%s\")",
			    (unsigned)c, in);
		p += k;
	}
}

static void check_cut(const char *s, size_t cols, bool ascii)
{
	char *cut = text_cut(s, cols, ascii);
	size_t used = 0, fit;
	FUZZ_ASSERT(text_width(cut) <= cols, "cut to %zu gave width %zu", cols,
		    text_width(cut));
	if (text_width(s) <= cols)
		FUZZ_ASSERT(!strcmp(cut, s), "a text that fits was changed");
	free(cut);
	fit = text_fit(s, cols, &used);
	FUZZ_ASSERT(fit <= strlen(s) && used <= cols, "fit %zu bytes %zu cols",
		    fit, used);
}

static int sign(int r)
{
	return (r > 0) - (r < 0);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static const char *const langs[] = { "fi", "sv", "en", NULL };
	char *s = fuzz_str(data, size), *san, *again, *f1, *f2, *b;
	size_t len = strlen(s), cols[] = { 0, 1, 2, 3, 4, 7, 80 }, i;

	(void)text_valid((const char *)data, size);
	cols[sizeof cols / sizeof cols[0] - 1] = size ? data[0] % 100 : 80;

	san = text_sanitize(s);
	check_clean(s, san);
	again = text_sanitize(san);
	FUZZ_ASSERT(!strcmp(again, san), "sanitize is not idempotent");
	free(again);

	for (i = 0; i < sizeof cols / sizeof cols[0]; i++) {
		check_cut(san, cols[i], false);
		check_cut(san, cols[i], true);
		/* Raw bytes must not crash either; widths count the same. */
		check_cut(s, cols[i], false);
		if (text_valid(san, strlen(san))) {
			size_t n = text_fit(san, cols[i], NULL);
			FUZZ_ASSERT(text_valid(san, n), "fit split a character");
		}
	}

	for (i = 0; i < 2; i++) {
		f1 = text_fold(s, i);
		FUZZ_ASSERT(text_valid(f1, strlen(f1)), "fold gave invalid UTF-8");
		f2 = text_fold(f1, i);
		FUZZ_ASSERT(!strcmp(f1, f2), "fold is not idempotent: \"%s\" -> \"%s\"",
			    f1, f2);
		free(f2);
		f2 = text_fold_unicode(s, i);
		FUZZ_ASSERT(!strcmp(f1, f2), "fast and general folds differ: \"%s\" vs \"%s\"",
			    f1, f2);
		free(f1);
		free(f2);
	}

	/* Collation between the part before the first NUL and the rest. */
	b = fuzz_str(data + (len < size ? len + 1 : size),
		     len < size ? size - len - 1 : 0);
	for (i = 0; i < sizeof langs / sizeof langs[0]; i++) {
		int ab = text_collate(s, b, langs[i]);
		int ba = text_collate(b, s, langs[i]);
		FUZZ_ASSERT(sign(ab) == -sign(ba), "collate is not antisymmetric");
		FUZZ_ASSERT(text_collate(s, s, langs[i]) == 0, "collate(a, a) != 0");
	}
	free(b);
	free(san);
	free(s);
	return 0;
}
