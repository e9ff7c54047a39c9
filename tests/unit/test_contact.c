/* test_contact: defaults, validation, sticky reset and the summary line. */
#include <config.h>

#include "util.h"

#include "core/contact.h"
#include "core/i18n.h"

static struct contact *routine(void)
{
	struct contact *c = contact_new(NULL);
	c->topics = 1u << TOPIC_HOUSING;
	return c;
}

static void test_defaults(void **state)
{
	struct contact_defaults d;
	struct contact *c;
	(void)state;
	contact_defaults_init(&d);
	c = contact_new(&d);
	assert_string_equal(codes_code(CODES_CHANNEL, c->channel), "walk-in");
	assert_string_equal(c->language, "fi");
	assert_string_equal(codes_code(CODES_INTERPRETER, c->interpreter), "none");
	assert_string_equal(codes_code(CODES_OUTCOME, c->outcome), "answered");
	assert_null(c->id);
	assert_int_equal(c->topics, 0);
	assert_int_equal(c->redirect_reason, -1);
	assert_int_equal(c->discovery, -1);
	assert_int_equal(c->age_band, -1);
	assert_int_equal(c->gender, -1);
	assert_int_equal(c->life_situation, -1);
	assert_null(c->note);
	assert_int_equal(c->started_at, 0);
	assert_false(contact_has_content(c, &d));
	contact_free(&c);
	assert_null(c);
}

static void test_validate(void **state)
{
	struct contact *c = contact_new(NULL);
	(void)state;
	/* The smallest routine contact needs one topic. */
	assert_int_equal(contact_validate(c), CONTACT_NO_TOPIC);
	c->topics = 1u << TOPIC_DAYCARE;
	assert_int_equal(contact_validate(c), CONTACT_OK);

	c->channel = -1;
	assert_int_equal(contact_validate(c), CONTACT_NO_CHANNEL);
	c->channel = codes_find(CODES_CHANNEL, "phone");
	contact_set_language(c, "");
	assert_int_equal(contact_validate(c), CONTACT_NO_LANGUAGE);
	contact_set_language(c, "so");
	assert_int_equal(contact_validate(c), CONTACT_OK);

	c->outcome = codes_find(CODES_OUTCOME, "redirected");
	assert_int_equal(contact_validate(c), CONTACT_NO_SERVICE);
	contact_set_redirect(c, "adult-social-work");
	assert_int_equal(contact_validate(c), CONTACT_NO_REASON);
	c->redirect_reason = codes_find(CODES_REASON, "expertise");
	assert_int_equal(contact_validate(c), CONTACT_OK);

	/* A consultation needs the same. */
	c->outcome = codes_find(CODES_OUTCOME, "consulted");
	c->redirect_reason = -1;
	assert_int_equal(contact_validate(c), CONTACT_NO_REASON);
	contact_free(&c);
}

static void test_missing_text(void **state)
{
	(void)state;
	assert_string_equal(contact_missing_text(CONTACT_NO_TOPIC), "tick at least one topic");
	assert_string_not_equal(contact_missing_text(CONTACT_NO_CHANNEL),
				contact_missing_text(CONTACT_NO_LANGUAGE));
	assert_string_not_equal(contact_missing_text(CONTACT_NO_REASON),
				contact_missing_text(CONTACT_NO_SERVICE));
}

static void test_sticky_reset(void **state)
{
	struct contact_defaults d;
	struct contact *c;
	(void)state;
	contact_defaults_init(&d);
	c = routine();
	c->id = strdup("x");
	c->channel = codes_find(CODES_CHANNEL, "phone");
	contact_set_language(c, "ar");
	c->interpreter = codes_find(CODES_INTERPRETER, "phone");
	c->outcome = codes_find(CODES_OUTCOME, "redirected");
	contact_set_redirect(c, "kela");
	c->redirect_reason = 0;
	c->age_band = 1;
	contact_set_note(c, "came back");
	contact_touch(c, 1000);
	c->ended_at = 2000;

	contact_reset_sticky(c, &d);
	assert_string_equal(codes_code(CODES_CHANNEL, c->channel), "phone");
	assert_string_equal(c->language, "ar");
	assert_int_equal(c->interpreter, d.interpreter);
	assert_int_equal(c->outcome, d.outcome);
	assert_int_equal(c->topics, 0);
	assert_null(c->redirect_service);
	assert_int_equal(c->redirect_reason, -1);
	assert_int_equal(c->age_band, -1);
	assert_null(c->note);
	assert_null(c->id);
	assert_int_equal(c->started_at, 0);
	assert_int_equal(c->ended_at, 0);
	/* Channel and language differ from the desk's defaults: that is
	 * content the advisor chose. */
	assert_true(contact_has_content(c, &d));
	contact_free(&c);
}

static void test_has_content_and_touch(void **state)
{
	struct contact_defaults d;
	struct contact *c;
	(void)state;
	contact_defaults_init(&d);
	c = contact_new(&d);
	contact_touch(c, 100);
	contact_touch(c, 200);
	assert_int_equal(c->started_at, 100);
	/* Pressing a key is not content. */
	assert_false(contact_has_content(c, &d));
	contact_set_note(c, "asked twice");
	assert_true(contact_has_content(c, &d));
	contact_set_note(c, "");
	assert_null(c->note);
	assert_false(contact_has_content(c, &d));
	c->topics = 1u << TOPIC_HEALTH;
	assert_true(contact_has_content(c, &d));
	contact_free(&c);
}

static void test_dup(void **state)
{
	struct contact *c = routine(), *d;
	(void)state;
	contact_set_note(c, "one");
	contact_set_redirect(c, "svc");
	d = contact_dup(c);
	contact_set_note(c, "two");
	contact_set_redirect(c, NULL);
	assert_string_equal(d->note, "one");
	assert_string_equal(d->redirect_service, "svc");
	assert_string_equal(d->language, "fi");
	assert_int_equal(d->topics, 1u << TOPIC_HOUSING);
	contact_free(&c);
	contact_free(&d);
}

static void test_summary(void **state)
{
	struct contact *c = routine();
	char *s;
	(void)state;
	contact_set_language(c, "so");
	c->topics |= 1u << TOPIC_DAYCARE;
	s = contact_summary(c);
	assert_string_equal(s, "Walk-in, so, Housing+Early childhood education, Answered");
	free(s);

	c->outcome = codes_find(CODES_OUTCOME, "redirected");
	contact_set_redirect(c, "adult-social-work");
	c->redirect_reason = codes_find(CODES_REASON, "wrong-place");
	c->interpreter = codes_find(CODES_INTERPRETER, "phone");
	s = contact_summary(c);
	assert_non_null(strstr(s, "interpreter: Phone interpreter"));
	assert_non_null(strstr(s, "Redirected: adult-social-work (Came to the wrong place)"));
	assert_null(strchr(s, '\n'));
	free(s);
	contact_free(&c);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_defaults),
		cmocka_unit_test(test_validate),
		cmocka_unit_test(test_missing_text),
		cmocka_unit_test(test_sticky_reset),
		cmocka_unit_test(test_has_content_and_touch),
		cmocka_unit_test(test_dup),
		cmocka_unit_test(test_summary),
	};
	setenv("LANGUAGE", "en", 1);
	return cmocka_run_group_tests(tests, NULL, NULL);
}
