/* test_privacy: the note guard. Identity codes are built here from their
 * definition (DDMMYY, century sign, individual number, check character of
 * the nine digits mod 31), so every century sign is covered. */
#include <config.h>

#include "util.h"

#include "core/privacy.h"

/* A code for the date and individual number with sign, valid check. */
static void make_code(char out[12], const char *ddmmyy, char sign, const char *zzz)
{
	char nine[10];
	snprintf(nine, sizeof nine, "%s%s", ddmmyy, zzz);
	snprintf(out, 12, "%s%c%s%c", ddmmyy, sign, zzz,
		 privacy_check_char(strtoul(nine, NULL, 10)));
}

static void test_known_example(void **state)
{
	(void)state;
	/* 131052308 mod 31 = 25 -> 'T'. */
	assert_int_equal(131052308UL % 31, 25);
	assert_int_equal(privacy_check_char(131052308UL), 'T');
	assert_true(privacy_is_identity_code("131052-308T"));
	assert_true(privacy_is_identity_code("131052-308t"));
	assert_false(privacy_is_identity_code("131052-308U"));
	assert_false(privacy_is_identity_code("131052-309T"));
	/* 010101-0101 style with check 'X' is a different number. */
	assert_false(privacy_is_identity_code("131052*308T"));
}

static void test_check_chars(void **state)
{
	(void)state;
	/* The table skips G I O Q Z. */
	assert_int_equal(privacy_check_char(0), '0');
	assert_int_equal(privacy_check_char(9), '9');
	assert_int_equal(privacy_check_char(10), 'A');
	assert_int_equal(privacy_check_char(15), 'F');
	assert_int_equal(privacy_check_char(16), 'H');
	assert_int_equal(privacy_check_char(17), 'J');
	assert_int_equal(privacy_check_char(21), 'N');
	assert_int_equal(privacy_check_char(22), 'P');
	assert_int_equal(privacy_check_char(23), 'R');
	assert_int_equal(privacy_check_char(30), 'Y');
	assert_int_equal(privacy_check_char(31), '0');
}

static void test_every_century_sign(void **state)
{
	const char *signs = "+-YXWVUABCDEF";
	const char *p;
	char code[12];
	(void)state;
	for (p = signs; *p; p++) {
		make_code(code, "150607", *p, "123");
		assert_true(privacy_is_identity_code(code));
		/* One wrong check character: not an identity code. */
		code[10] = code[10] == 'A' ? 'B' : 'A';
		assert_false(privacy_is_identity_code(code));
	}
	/* Not a century sign. */
	make_code(code, "150607", 'G', "123");
	assert_false(privacy_is_identity_code(code));
	make_code(code, "150607", 'Z', "123");
	assert_false(privacy_is_identity_code(code));
}

static void test_dates_and_numbers(void **state)
{
	char code[12];
	(void)state;
	/* 29 February: 2000 was a leap year, 1900 and 1800 were not. */
	make_code(code, "290200", 'A', "234");
	assert_true(privacy_is_identity_code(code));
	make_code(code, "290200", '-', "234");
	assert_false(privacy_is_identity_code(code));
	make_code(code, "290200", '+', "234");
	assert_false(privacy_is_identity_code(code));
	make_code(code, "290296", 'Y', "234");
	assert_true(privacy_is_identity_code(code));
	make_code(code, "310406", 'A', "234");	/* 31 April */
	assert_false(privacy_is_identity_code(code));
	make_code(code, "011306", 'A', "234");	/* month 13 */
	assert_false(privacy_is_identity_code(code));
	make_code(code, "000106", 'A', "234");	/* day 0 */
	assert_false(privacy_is_identity_code(code));
	/* Individual numbers 002-999. */
	make_code(code, "010106", 'A', "001");
	assert_false(privacy_is_identity_code(code));
	make_code(code, "010106", 'A', "002");
	assert_true(privacy_is_identity_code(code));
	make_code(code, "010106", 'A', "999");
	assert_true(privacy_is_identity_code(code));
	assert_false(privacy_is_identity_code("0101"));
}

static void refused(const char *note, const char *word)
{
	char *why = NULL;
	if (privacy_check_note(note, &why) != -1)
		fail_msg("not refused: %s", note);
	assert_non_null(why);
	if (!strstr(why, word))
		fail_msg("'%s': reason '%s' does not mention '%s'", note, why, word);
	assert_null(strchr(why, '\n'));
	free(why);
}

static void allowed(const char *note)
{
	char *why = NULL;
	if (privacy_check_note(note, &why) != 0)
		fail_msg("refused: '%s' (%s)", note, why ? why : "");
	assert_null(why);
}

static void test_notes_with_identity_codes(void **state)
{
	char code[12], note[64];
	(void)state;
	refused("131052-308T", "identity code");
	refused("asiakas 131052-308T kävi", "identity code");
	refused("hetu: 131052-308t.", "identity code");
	make_code(code, "050523", 'B', "456");
	snprintf(note, sizeof note, "lapsi (%s) päiväkotiin", code);
	refused(note, "identity code");
	/* A wrong check character is just a string of characters. */
	allowed("131052-308A");
	/* Inside a longer token it is not a code. */
	allowed("X131052-308TX");
}

static void test_notes_with_email(void **state)
{
	(void)state;
	refused("write to anna.virtanen@example.fi later", "e-mail");
	refused("<someone+desk@mail.example.com>", "e-mail");
	allowed("meet @ the library");
	allowed("a@b");
	allowed("user@localhost");
}

static void test_notes_with_phone(void **state)
{
	(void)state;
	refused("040 123 4567", "phone");
	refused("call +358401234567 tomorrow", "phone");
	refused("09 310 11111", "phone");
	refused("(09) 310 11111", "phone");
	refused("+358 40 123 4567", "phone");
	refused("040-123-4567", "phone");
	refused("0401234567", "phone");
	refused("358401234567", "phone");
	allowed("came at 14:05, 2 children, 3 forms");
	allowed("room 101, floor 2");
	allowed("asked about 2026-11-22 and 1.2.2026");
	allowed("0 forms");
	allowed("040 123");
}

static void test_empty_notes(void **state)
{
	(void)state;
	assert_int_equal(privacy_check_note(NULL, NULL), 0);
	assert_int_equal(privacy_check_note("", NULL), 0);
	allowed("needs a Somali interpreter next time");
	allowed("Ääkköset ja العربية ok");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_known_example),
		cmocka_unit_test(test_check_chars),
		cmocka_unit_test(test_every_century_sign),
		cmocka_unit_test(test_dates_and_numbers),
		cmocka_unit_test(test_notes_with_identity_codes),
		cmocka_unit_test(test_notes_with_email),
		cmocka_unit_test(test_notes_with_phone),
		cmocka_unit_test(test_empty_notes),
	};
	setenv("LANGUAGE", "en", 1);
	return cmocka_run_group_tests(tests, NULL, NULL);
}
