/* fuzz_privacy: the personal-data guard for notes on arbitrary bytes.
 *
 * Invariants: the guard answers 0 or -1; a refusal says why in one line;
 * a refused note stays refused with text around it; an identity code is
 * only ever recognised in 11 bytes whose check character is right. */
#include <config.h>

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

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char *s = fuzz_str(data, size), *why = NULL;
	int rc = privacy_check_note(s, &why);

	FUZZ_ASSERT(rc == 0 || rc == -1, "status %d", rc);
	if (rc == -1) {
		size_t n = strlen(s);
		char *wrapped = malloc(n + 32);
		char *why2 = NULL;
		fuzz_one_line("privacy_check_note", why);
		if (!wrapped)
			abort();
		/* A clause of its own (": " before, ". " after) keeps the
		 * found text words of their own: a spelled-out "at" joins
		 * the words on either side, so a bare word before could pair
		 * with an "at" of the note ("kysyi AT at x.fi"). */
		snprintf(wrapped, n + 32, "asiakas kysyi: %s. ja lähti", s);
		FUZZ_ASSERT(privacy_check_note(wrapped, &why2) == -1,
			    "refused alone but not inside a sentence");
		err_free(&why2);
		free(wrapped);
	} else {
		FUZZ_ASSERT(!why, "a message for a note that may be stored");
	}
	err_free(&why);
	if (size >= 11 && privacy_is_identity_code((const char *)data)) {
		unsigned long num = 0;
		int i;
		for (i = 0; i < 6; i++)
			num = num * 10 + (unsigned long)(data[i] - '0');
		for (i = 7; i < 10; i++)
			num = num * 10 + (unsigned long)(data[i] - '0');
		FUZZ_ASSERT(privacy_check_char(num) == data[10] ||
			    privacy_check_char(num) == (data[10] & ~0x20),
			    "an identity code with the wrong check character");
	}
	free(s);
	return 0;
}
