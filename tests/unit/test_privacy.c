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


/* The table: notes an advisor could write, in fi, sv and en. kind is the
 * word the refusal must name, or NULL for a note that may be stored. */
struct note_case {
	const char *note;
	const char *kind;
};

#define ID "identity code"
#define EM "e-mail"
#define PH "phone"

static const struct note_case note_cases[] = {
	/* identity codes, every century sign, the separators people type */
	{ "131052-308T", ID },
	{ "asiakkaan hetu 131052 308T", ID },
	{ "hetu 131052 - 308T kirjattu", ID },
	{ "131052\u2010308T", ID },			/* hyphen */
	{ "131052\u2013308T", ID },			/* en dash */
	{ "131052\u2014308T", ID },			/* em dash */
	{ "131052\u2212308T", ID },			/* minus */
	{ "131052\u00a0-\u00a0308T", ID },		/* no-break spaces */
	{ "\uff11\uff13\uff11\uff10\uff15\uff12\uff0d\uff13\uff10\uff18\uff34", ID },
	{ "131052\u200b-308T", ID },			/* zero-width space */
	{ "131052308T", ID },
	{ "personnummer 150607A1239 för barnet", ID },
	{ "barnets nummer: 290200A234V.", ID },
	{ "born 311299-456X, asked about housing", ID },
	{ "lapsi 050523B456W päiväkotiin", ID },
	{ "isoisä 120456+789V", ID },
	{ "(010150X002D)", ID },
	{ "id 230811C3458 ok", ID },
	{ "070702D9112", ID },
	{ "280298U7771 kysyi", ID },
	{ "190901E555N", ID },
	{ "021203f888c", ID },
	{ "101085W321T", ID },
	{ "171190V6545 frågade om bostad", ID },
	/* e-mail addresses, spelled out and full-width */
	{ "matti.meikalainen@example.fi", EM },
	{ "kirjoita matti@example.fi.", EM },			/* a full stop after */
	{ "sposti matti@example.fi. Soittaa huomenna", EM },
	{ "matti(at)example.fi", EM },
	{ "matti (at) example.fi", EM },
	{ "matti[at]example.fi", EM },
	{ "matti at example dot com", EM },
	{ "skriv till anna at exempel punkt se eller anna[at]exempel.se", EM },
	{ "matti\uff20example.fi", EM },
	{ "matti\ufe6bexample.fi", EM },
	{ "email: someone{at}mail(dot)example(dot)org", EM },
	{ "send it to John.Smith AT Example DOT com", EM },
	/* phone numbers */
	{ "040 123 4567", PH },
	{ "soita 040/1234567 huomenna", PH },
	{ "ring 070\u2011123 45 67", PH },
	{ "+358\u00a040\u00a0123\u00a04567", PH },
	{ "\uff10\uff14\uff10\uff11\uff12\uff13\uff14\uff15\uff16\uff17", PH },
	{ "call 358401234567", PH },
	{ "numero (09) 123 4567", PH },
	{ "soitti 09 310 11112", PH },
	{ "viite 040 123 4567", PH },
	{ "+46 70 123 45 67", PH },
	/* ordinary notes */
	{ "reference 12345678901", NULL },
	{ "viitenumero 12345678901 maksettu", NULL },
	{ "viite: 1234567890123", NULL },
	{ "ärendenummer 35812345678 hos FPA", NULL },
	{ "invoice no. 0123456789 was paid", NULL },
	{ "soitti 09 310 11111", NULL },		/* a listed service */
	{ "ring +358 9 310 11111 för tid", NULL },
	{ "kävi klo 14.05, 2 lasta, 3 lomaketta", NULL },
	{ "asked about 2026-11-22 and 1.2.2026", NULL },
	{ "besökte oss 01/02/2026 med tolk", NULL },
	{ "meet at the library at 10", NULL },
	{ "came at 9 and left at 10", NULL },
	{ "tapaaminen huoneessa 101, kerros 2", NULL },
	{ "131052-308A", NULL },			/* wrong check character */
	{ "1310523083", NULL },			/* ten digits */
	{ "X131052-308TX", NULL },
	{ "040 123", NULL },
	{ "user@localhost", NULL },
	{ "meet @ the library", NULL },
	{ "Kela-kortti ja 3 kopiota \u2013 valmis", NULL },
	{ "behöver tolk på somaliska nästa gång", NULL },
	{ "needs a Somali interpreter next time", NULL },
	{ "\u00c4\u00e4kk\u00f6set ja \u0627\u0644\u0639\u0631\u0628\u064a\u0629 ok", NULL },
	{ "postinumero 00100 Helsinki", NULL },
};

static void test_note_table(void **state)
{
	size_t i, refuse = 0, accept = 0;
	(void)state;
	for (i = 0; i < sizeof note_cases / sizeof note_cases[0]; i++) {
		struct privacy_allow *allow = privacy_allow_new();
		const struct note_case *t = &note_cases[i];
		char *why = NULL;
		int rc;
		privacy_allow_add(allow, "+358 9 310 11111");
		privacy_allow_add(allow, "(09) 310 22222");
		rc = privacy_check(t->note, allow, &why);
		privacy_allow_free(&allow);
		assert_null(allow);
		if (t->kind) {
			if (rc != -1 || !why)
				fail_msg("not refused: '%s'", t->note);
			if (!strstr(why, t->kind))
				fail_msg("'%s': reason '%s' does not mention '%s'",
					 t->note, why, t->kind);
			refuse++;
		} else {
			if (rc != 0 || why)
				fail_msg("refused: '%s' (%s)", t->note, why ? why : "");
			accept++;
		}
		free(why);
	}
	assert_true(refuse >= 40);
	assert_true(accept >= 20);
}

static void test_allow_list(void **state)
{
	struct privacy_allow *allow = privacy_allow_new();
	(void)state;
	/* Without the list a service's number is a phone number like any. */
	refused("soitti 09 310 11111", "phone");
	privacy_allow_add(allow, "09 310 11111");
	assert_int_equal(privacy_check("soitti 09 310 11111", allow, NULL), 0);
	assert_int_equal(privacy_check("soitti +358 9 31011111", allow, NULL), 0);
	assert_int_equal(privacy_check("soitti 09 310 11111 ja 040 123 4567", allow, NULL), -1);
	assert_int_equal(privacy_check("soitti 09 310 1111", allow, NULL), -1);
	privacy_allow_add(allow, NULL);
	privacy_allow_add(allow, "");
	privacy_allow_free(&allow);
	assert_null(allow);
	privacy_allow_free(&allow);
}

static void test_fold(void **state)
{
	char *f;
	(void)state;
	f = privacy_fold("a\u2013b\u00a0\u00a0c\uff21\uff11 x(at)y z dot w \u200b!");
	assert_string_equal(f, "a-b cA1 x@y z.w !");
	free(f);
	f = privacy_fold(NULL);
	assert_string_equal(f, "");
	free(f);
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
		cmocka_unit_test(test_note_table),
		cmocka_unit_test(test_allow_list),
		cmocka_unit_test(test_fold),
	};
	setenv("LANGUAGE", "en", 1);
	return cmocka_run_group_tests(tests, NULL, NULL);
}
