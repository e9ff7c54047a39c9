/* scenario_labels: values of a graded item as the desk shows them, for
 * the Scenario pane: a code's label, a language's name (in lower case
 * inside a Finnish or Swedish sentence), a service's or resource's name,
 * and what a key item accepts, "Chat / Phone". */
#include <config.h>

#include <stdlib.h>
#include <string.h>

#include "core/err.h"
#include "core/i18n.h"
#include "panes/scenario_labels.h"

static const char *code_label(enum code_list list, const char *code)
{
	int i = code ? codes_find(list, code) : -1;
	const char *l = i >= 0 ? codes_label(list, i) : NULL;
	return l ? l : code ? code : "";
}

static char *language_label(const struct catalogue *cat, const char *code)
{
	const struct cat_language *l = cat && code ? catalogue_language(cat, code) : NULL;
	const char *name = l ? catalogue_text(&l->name, i18n_lang()) : "";
	const char *ui = i18n_lang();
	char *s = *name ? xasprintf("%s (%s)", name, code) : xstrdup(code ? code : "");
	/* Finnish and Swedish write language names in lower case inside a
	 * sentence ("kirjattu somali"); the catalogue's names are list
	 * labels. */
	if (*name && (!strcmp(ui, "fi") || !strcmp(ui, "sv")) && s[0] >= 'A' && s[0] <= 'Z')
		s[0] = (char)(s[0] - 'A' + 'a');
	return s;
}

static char *service_label(const struct catalogue *cat, const char *id)
{
	long i = cat && id ? catalogue_service_index(cat, id) : -1;
	if (i >= 0) {
		const char *name = catalogue_text(&cat->services[i].name, i18n_lang());
		if (*name)
			return xstrdup(name);
	}
	return xstrdup(id ? id : "");
}

static char *resource_label(const struct catalogue *cat, const char *id)
{
	size_t i;
	for (i = 0; cat && id && i < cat->n_resources; i++)
		if (cat->resources[i].id && !strcmp(cat->resources[i].id, id)) {
			const char *name = catalogue_text(&cat->resources[i].name, i18n_lang());
			if (*name)
				return xstrdup(name);
		}
	return xstrdup(id ? id : "");
}

/* One value of kind k as the desk shows it: a code's label, a
 * language's or a service's name. */
static char *value_label(const struct catalogue *cat, enum sc_kind k,
			 const char *v)
{
	int list = scenario_field_list(k);
	if (list >= 0)
		return xstrdup(code_label((enum code_list)list, v));
	if (k == SC_F_language)
		return language_label(cat, v);
	if (k == SC_F_redirect_service)
		return service_label(cat, v);
	return xstrdup(v ? v : "");
}

/* What the contact recorded: grade_item.got, "code (resource)" for an
 * interpreter. */
char *scenario_label_got(const struct catalogue *cat, const struct grade_item *it)
{
	const char *open;
	if (it->kind == SC_INTERPRETER && (open = strstr(it->got, " (")) != NULL) {
		char *code = xstrndup(it->got, (size_t)(open - it->got));
		char *res = xstrdup(open + 2), *r, *c, *out;
		size_t n = strlen(res);
		if (n && res[n - 1] == ')')
			res[n - 1] = '\0';
		c = value_label(cat, SC_INTERPRETER, code);
		r = resource_label(cat, res);
		out = xasprintf("%s (%s)", c, r);
		free(code);
		free(res);
		free(c);
		free(r);
		return out;
	}
	return value_label(cat, it->kind, it->got);
}

static void join(char **s, const char *sep, char *v)
{
	char *t = xasprintf("%s%s%s", *s, **s ? sep : "", v);
	free(*s);
	free(v);
	*s = t;
}

/* What the key item accepts, as labels: "Chat / Phone". */
char *scenario_label_expected(const struct catalogue *cat, const struct sc_item *it)
{
	char *s = xstrdup("");
	size_t i;
	if (!it)
		return s;
	if (scenario_field_private(it->kind))
		return xstrdup(_("no personal data"));
	for (i = 0; i < it->n_accept; i++)
		join(&s, " / ", value_label(cat, it->kind, it->accept[i]));
	if (it->kind == SC_F_interpreter && it->n_resources) {
		char *r = xstrdup("");
		for (i = 0; i < it->n_resources; i++)
			join(&r, " / ", resource_label(cat, it->resources[i]));
		join(&s, " ", xasprintf("(%s)", r));
		free(r);
	}
	if (it->kind == SC_F_redirect_service && it->optional)
		/* TRANSLATORS: after the acceptable services: recording no
		 * service is fine too. */
		join(&s, " ", xstrdup(_("(or none)")));
	return s;
}

