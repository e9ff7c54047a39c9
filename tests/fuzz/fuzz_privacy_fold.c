/* fuzz_privacy_fold: the privacy guard's normalisation on arbitrary bytes.
 *
 * Invariants: the folded note is never longer than the note; it has no
 * tab, newline or run of spaces; from valid UTF-8 it is valid UTF-8 with
 * none of the look-alikes it folds left (other dashes and spaces,
 * full-width forms, invisible format characters); and a note the desk
 * journals while it is typed (privacy_plain) is one the guard accepts. */
#include <config.h>

#include <unistr.h>

#include "fuzz_util.h"

#include "core/err.h"
#include "core/privacy.h"

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
	(void)argc;
	(void)argv;
	fuzz_setup();
	return 0;
}

static int folded_away(ucs4_t c)
{
	return (c >= 0x2010 && c <= 0x2015) || c == 0x2212 || c == 0x00A0
	       || (c >= 0x2000 && c <= 0x200F) || c == 0x202F || c == 0x3000
	       || (c >= 0xFF01 && c <= 0xFF5E) || c == 0xFEFF || c == 0x00AD
	       || (c >= 0x202A && c <= 0x202E) || (c >= 0x2060 && c <= 0x2069);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char *s = fuzz_str(data, size), *f = privacy_fold(s), *why = NULL;
	size_t n = strlen(s), m = strlen(f);

	FUZZ_ASSERT(m <= n, "folded %zu bytes into %zu", n, m);
	FUZZ_ASSERT(!strpbrk(f, "\t\n\r"), "a tab or newline left");
	FUZZ_ASSERT(!strstr(f, "  "), "a run of spaces left");
	if (u8_check((const uint8_t *)s, n) == NULL) {
		const uint8_t *p = (const uint8_t *)f, *end = p + m;
		FUZZ_ASSERT(u8_check(p, m) == NULL, "valid UTF-8 folded into invalid");
		while (p < end) {
			ucs4_t c;
			int k = u8_mbtouc(&c, p, (size_t)(end - p));
			FUZZ_ASSERT(!folded_away(c), "U+%04X left after folding",
				    (unsigned)c);
			p += k > 0 ? k : 1;
		}
	}
	if (privacy_plain(s)) {
		FUZZ_ASSERT(privacy_check_note(s, &why) == 0,
			    "a plain note (journalled while typed) is refused: %s",
			    why ? why : "");
	}
	err_free(&why);
	free(f);
	free(s);
	return 0;
}
