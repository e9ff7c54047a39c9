/* contact: see contact.h.
 *
 * Code fields are indexes into the lists of codes.h (-1 = unset), looked
 * up by code so that the order of a list can change without touching this
 * file. Strings are owned by the contact. */
#include <config.h>

#include <stdlib.h>
#include <string.h>

#include "core/contact.h"
#include "core/defaults.h"
#include "core/err.h"
#include "core/i18n.h"

void contact_defaults_init(struct contact_defaults *d)
{
	d->channel = codes_find(CODES_CHANNEL, DEFAULT_CHANNEL);
	d->language = DEFAULT_LANGUAGE;
	d->interpreter = codes_find(CODES_INTERPRETER, DEFAULT_INTERPRETER);
	d->outcome = codes_find(CODES_OUTCOME, DEFAULT_OUTCOME);
}

/* Empty strings mean "not set": keep them NULL so that validation and
 * storage see one representation. */
static void set_str(char **dst, const char *s)
{
	free(*dst);
	*dst = (s && *s) ? xstrdup(s) : NULL;
}

static void clear_non_sticky(struct contact *c, const struct contact_defaults *d)
{
	set_str(&c->id, NULL);
	c->started_at = 0;
	c->ended_at = 0;
	c->interpreter = d->interpreter;
	c->topics = 0;
	c->outcome = d->outcome;
	set_str(&c->redirect_service, NULL);
	c->redirect_reason = -1;
	set_str(&c->interpreter_resource, NULL);
	c->discovery = -1;
	c->age_band = -1;
	c->gender = -1;
	c->life_situation = -1;
	set_str(&c->note, NULL);
	c->people = 1;
	c->backdated = false;
}

struct contact *contact_new(const struct contact_defaults *d)
{
	struct contact_defaults local;
	struct contact *c = xcalloc(1, sizeof *c);

	if (!d) {
		contact_defaults_init(&local);
		d = &local;
	}
	c->channel = d->channel;
	set_str(&c->language, d->language);
	clear_non_sticky(c, d);
	return c;
}

void contact_free(struct contact **c)
{
	if (!c || !*c)
		return;
	free((*c)->id);
	free((*c)->language);
	free((*c)->redirect_service);
	free((*c)->interpreter_resource);
	free((*c)->note);
	free(*c);
	*c = NULL;
}

struct contact *contact_dup(const struct contact *c)
{
	struct contact *d;
	if (!c)
		return NULL;
	d = xmalloc(sizeof *d);
	*d = *c;
	d->id = xstrdup(c->id);
	d->language = xstrdup(c->language);
	d->redirect_service = xstrdup(c->redirect_service);
	d->interpreter_resource = xstrdup(c->interpreter_resource);
	d->note = xstrdup(c->note);
	return d;
}

void contact_reset_sticky(struct contact *c, const struct contact_defaults *d)
{
	struct contact_defaults local;
	if (!d) {
		contact_defaults_init(&local);
		d = &local;
	}
	clear_non_sticky(c, d);
}

static int str_eq(const char *a, const char *b)
{
	if (!a || !*a)
		return !b || !*b;
	return b && !strcmp(a, b);
}

bool contact_has_content(const struct contact *c,
			 const struct contact_defaults *d)
{
	struct contact_defaults local;
	if (!c)
		return false;
	if (!d) {
		contact_defaults_init(&local);
		d = &local;
	}
	/* started_at and id are bookkeeping, not something the advisor
	 * would lose. */
	return c->channel != d->channel || !str_eq(c->language, d->language)
	       || c->interpreter != d->interpreter || c->topics != 0
	       || c->outcome != d->outcome || c->redirect_service
	       || c->redirect_reason >= 0 || c->interpreter_resource
	       || c->discovery >= 0 || c->age_band >= 0 || c->gender >= 0
	       || c->life_situation >= 0 || (c->note && *c->note)
	       || c->people != 1 || c->backdated;
}

void contact_touch(struct contact *c, time_t now)
{
	if (c->started_at == 0)
		c->started_at = now;
}

void contact_set_language(struct contact *c, const char *code)
{
	set_str(&c->language, code);
}

void contact_set_redirect(struct contact *c, const char *service_id)
{
	set_str(&c->redirect_service, service_id);
}

void contact_set_note(struct contact *c, const char *note)
{
	set_str(&c->note, note);
}

/* Outcomes that send the customer on or involve another service need the
 * service and the reason. */
static bool needs_redirect(int outcome)
{
	const char *code = codes_code(CODES_OUTCOME, outcome);
	return code && (!strcmp(code, "redirected") || !strcmp(code, "consulted"));
}

enum contact_missing contact_validate(const struct contact *c)
{
	if (!codes_code(CODES_CHANNEL, c->channel))
		return CONTACT_NO_CHANNEL;
	if (!c->language || !*c->language)
		return CONTACT_NO_LANGUAGE;
	if ((c->topics & ((1u << TOPIC__N) - 1)) == 0)
		return CONTACT_NO_TOPIC;
	if (needs_redirect(c->outcome)) {
		if (!c->redirect_service || !*c->redirect_service)
			return CONTACT_NO_SERVICE;
		if (!codes_code(CODES_REASON, c->redirect_reason))
			return CONTACT_NO_REASON;
	}
	return CONTACT_OK;
}

const char *contact_missing_text(enum contact_missing m)
{
	switch (m) {
	case CONTACT_OK:
		return _("the contact is complete");
	case CONTACT_NO_CHANNEL:
		return _("choose the channel of the contact");
	case CONTACT_NO_LANGUAGE:
		return _("choose the service language");
	case CONTACT_NO_TOPIC:
		return _("tick at least one topic");
	case CONTACT_NO_REASON:
		return _("choose why the customer was redirected");
	case CONTACT_NO_SERVICE:
		return _("choose the service the customer was redirected to or consulted");
	}
	return "";
}

static void append(char **s, size_t *len, const char *part)
{
	size_t n = strlen(part);
	*s = xrealloc(*s, *len + n + 1);
	memcpy(*s + *len, part, n + 1);
	*len += n;
}

char *contact_summary(const struct contact *c)
{
	return contact_summary_named(c, NULL);
}

char *contact_summary_named(const struct contact *c, const char *service)
{
	char *s = NULL, *part;
	size_t len = 0;
	const char *label;
	int i, first = 1;

	append(&s, &len, "");
	label = codes_label(CODES_CHANNEL, c->channel);
	if (label)
		append(&s, &len, label);
	if (c->language) {
		if (len)
			append(&s, &len, ", ");
		append(&s, &len, c->language);
	}
	if (c->people > 1) {
		/* TRANSLATORS: part of the summary after a save: a group. */
		part = xasprintf(ngettext("%d person", "%d people", (unsigned long)c->people),
				 c->people);
		append(&s, &len, len ? ", " : "");
		append(&s, &len, part);
		free(part);
	}
	for (i = 0; i < TOPIC__N; i++) {
		if (!(c->topics & (1u << i)) || !(label = codes_label(CODES_TOPIC, i)))
			continue;
		append(&s, &len, first ? (len ? ", " : "") : "+");
		append(&s, &len, label);
		first = 0;
	}
	label = codes_label(CODES_INTERPRETER, c->interpreter);
	if (label && c->interpreter != codes_find(CODES_INTERPRETER, "none")) {
		/* TRANSLATORS: part of the one-line summary after a save. */
		part = xasprintf(_("interpreter: %s"), label);
		append(&s, &len, ", ");
		append(&s, &len, part);
		free(part);
	}
	label = codes_label(CODES_OUTCOME, c->outcome);
	if (label) {
		append(&s, &len, ", ");
		append(&s, &len, label);
		if (needs_redirect(c->outcome) && c->redirect_service) {
			const char *why = codes_label(CODES_REASON, c->redirect_reason);
			append(&s, &len, ": ");
			append(&s, &len, service && *service ? service
							  : c->redirect_service);
			if (why) {
				append(&s, &len, " (");
				append(&s, &len, why);
				append(&s, &len, ")");
			}
		}
	}
	return s;
}
