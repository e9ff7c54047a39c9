/* catalogue_check: see catalogue_schema.h (catalogue_check,
 * catalogue_info). What `catalogue check` asks of a catalogue, and what
 * `catalogue info` tells about one.
 *
 * The fields' own rules (a line, a paragraph, an e-mail or web address, a
 * date, a name with its required languages) come from the field table
 * (catalogue_fields.h) and are checked field by field in its order; what
 * spans fields or records (ids used twice, references, hours, the topic
 * order) is written here. */
#include <config.h>

#include <stdarg.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "core/catalogue.h"
#include "core/catalogue_fields.h"
#include "core/catalogue_check.h"
#include "core/codes.h"
#include "core/err.h"
#include "core/hours.h"
#include "core/i18n.h"
#include "core/text.h"

/* ---- check --------------------------------------------------------------- */

struct checker {
	catalogue_problem_fn fn;
	void *ctx;
	size_t n;
	const char *who;	/* "service 'x'" etc., for the message's start */
};

/* The longest problem line, in columns (bytes for ASCII). */
#define CHECK_LINE_MAX 400

static void problem(struct checker *c, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));

static void problem(struct checker *c, const char *fmt, ...)
{
	va_list ap;
	char *what = NULL, *line;
	va_start(ap, fmt);
	err_vset(&what, fmt, ap);
	va_end(ap);
	line = c->who ? xasprintf("%s: %s", c->who, what) : xstrdup(what);
	/* A record's text can be megabytes: a problem is one readable
	 * line, cut with a marker. */
	if (strlen(line) > CHECK_LINE_MAX) {
		size_t len = strlen(line);
		size_t keep = text_fit_n(line, len, CHECK_LINE_MAX - 1, NULL);
		if (keep < len) {
			line = xrealloc(line, keep + 4);
			memcpy(line + keep, "\xe2\x80\xa6", 4);	/* "…" and the NUL */
		}
	}
	if (c->fn)
		c->fn(c->ctx, line);
	c->n++;
	free(line);
	free(what);
}

/* Valid UTF-8 without control characters; multi-line texts may keep
 * newlines. Returns NULL when fine, else what is wrong. */
static const char *text_problem(const char *s, bool multiline)
{
	const unsigned char *p;
	if (!s)
		return NULL;
	if (!text_valid(s, strlen(s)))
		return _("is not valid UTF-8");
	for (p = (const unsigned char *)s; *p; p++) {
		if ((*p < 0x20 && !(multiline && *p == '\n')) || *p == 0x7f ||
		    (p[0] == 0xc2 && p[1] >= 0x80 && p[1] <= 0x9f))
			return _("contains control characters");
		/* Bidi embeddings, overrides and isolates (U+202A-U+202E,
		 * U+2066-U+2069) can reorder what a terminal shows. */
		if (p[0] == 0xe2 && ((p[1] == 0x80 && p[2] >= 0xaa && p[2] <= 0xae) ||
				     (p[1] == 0x81 && p[2] >= 0xa6 && p[2] <= 0xa9)))
			return _("contains control characters");
		/* And the direction marks LRM, RLM (U+200E, U+200F), ALM
		 * (U+061C), which the terminal sanitiser removes too. */
		if ((p[0] == 0xe2 && p[1] == 0x80 && (p[2] == 0x8e || p[2] == 0x8f))
		    || (p[0] == 0xd8 && p[1] == 0x9c))
			return _("contains control characters");
	}
	return NULL;
}

static void check_str(struct checker *c, const char *field, const char *s, bool multiline)
{
	const char *bad = text_problem(s, multiline);
	if (bad)
		problem(c, "%s %s", field, bad);
}

static void check_text3(struct checker *c, const char *field, const struct cat_text *t,
			bool multiline)
{
	int k;
	for (k = 0; k < CAT__NLANG; k++) {
		const char *bad = text_problem(t->v[k], multiline);
		if (bad)
			problem(c, "%s (%s) %s", field, catalogue_lang_code(k), bad);
	}
}

/* The Finnish name is required (the schema says NOT NULL); every name
 * present must have some text. */
static void check_name(struct checker *c, const struct cat_text *t)
{
	int k;
	if (!t->v[CAT_FI] || !t->v[CAT_FI][0])
		problem(c, _("the Finnish name is missing"));
	for (k = 1; k < CAT__NLANG; k++)
		if (t->v[k] && !t->v[k][0])
			problem(c, _("the name (%s) is empty; leave it out instead"),
				catalogue_lang_code(k));
	check_text3(c, _("the name"), t, false);
}

static bool has_space_or_control(const char *s)
{
	for (; *s; s++)
		if ((unsigned char)*s <= 0x20 || *s == 0x7f)
			return true;
	return false;
}

static bool sane_email(const char *s)
{
	const char *at = strchr(s, '@'), *dot;
	if (!at || at == s || strchr(at + 1, '@') || has_space_or_control(s))
		return false;
	dot = strchr(at + 1, '.');
	return dot && dot > at + 1 && dot[1] && s[strlen(s) - 1] != '.';
}

/* "https://hel.fi/x", "http://..." or a bare "hsy.fi/path". */
static bool sane_web(const char *s)
{
	const char *host = s, *sep = strstr(s, "://");
	size_t hl;
	if (!*s || has_space_or_control(s))
		return false;
	if (sep) {
		if (!((sep - s == 4 && !strncasecmp(s, "http", 4)) ||
		      (sep - s == 5 && !strncasecmp(s, "https", 5))))
			return false;
		host = sep + 3;
	}
	hl = strcspn(host, "/?#");
	return hl > 2 && memchr(host, '.', hl) && host[0] != '.' && host[hl - 1] != '.';
}

static bool sane_phone(const char *s)
{
	int digits = 0;
	if (!s || !*s)
		return false;
	for (; *s; s++) {
		if (*s >= '0' && *s <= '9')
			digits++;
		else if (!strchr(" +-()/.", *s))
			return false;
	}
	return digits >= 3;
}

static bool has_digits(const char *s, int min)
{
	int n = 0;
	for (; *s; s++)
		if (*s >= '0' && *s <= '9')
			n++;
	return n >= min;
}

static const char *const day_full[7] = {
	N_("Monday"), N_("Tuesday"), N_("Wednesday"), N_("Thursday"),
	N_("Friday"), N_("Saturday"), N_("Sunday"),
};

static void check_hours(struct checker *c, const struct hours *h)
{
	size_t i, j;
	for (i = 0; i < h->n_spans; i++) {
		const struct hours_span *a = &h->spans[i];
		char o[6], cl[6];
		hours_minutes_str(a->open, o);
		hours_minutes_str(a->close, cl);
		if (a->day > 6) {
			problem(c, _("hours name day %d, which is not a weekday"), a->day);
			continue;
		}
		if (a->open >= a->close || a->close > 1440) {
			problem(c, _("hours on %s, %s-%s, close before they open"),
				_(day_full[a->day]), o, cl);
			continue;
		}
		for (j = i + 1; j < h->n_spans; j++) {
			const struct hours_span *b = &h->spans[j];
			if (b->day == a->day && b->open < a->close && a->open < b->close) {
				char o2[6], c2[6];
				hours_minutes_str(b->open, o2);
				hours_minutes_str(b->close, c2);
				problem(c, _("hours on %s overlap: %s-%s and %s-%s"),
					_(day_full[a->day]), o, cl, o2, c2);
			}
		}
	}
	for (i = 0; i < h->n_ex; i++) {
		const struct hours_exception *e = &h->ex[i];
		char date[11];
		memcpy(date, e->date, sizeof date);
		date[10] = '\0';
		if (!hours_valid_date(date))
			problem(c, _("exception date '%s' is not a date (YYYY-MM-DD)"), date);
		else if (!e->closed && (e->open >= e->close || e->close > 1440))
			problem(c, _("exception on %s closes before it opens"), date);
	}
}

static void check_languages_ref(struct checker *c, const struct catalogue *cat,
				 const char *code)
{
	if (!code || !*code)
		problem(c, _("a language code is empty"));
	else if (!catalogue_language(cat, code))
		problem(c, _("language '%s' is not in the language table"), code);
}

static int str_ptr_cmp(const void *a, const void *b)
{
	return strcmp(*(const char *const *)a, *(const char *const *)b);
}

/* Report ids that occur more than once among n records. */
static void check_duplicates(struct checker *c, const char *kind, const void *base,
			     size_t n, size_t stride, size_t off)
{
	const char **ids = xmalloc((n ? n : 1) * sizeof *ids);
	size_t i, k = 0;
	for (i = 0; i < n; i++) {
		const char *id = *(char *const *)((const char *)base + i * stride + off);
		if (id)
			ids[k++] = id;
	}
	qsort(ids, k, sizeof *ids, str_ptr_cmp);
	for (i = 1; i < k; i++)
		if (!strcmp(ids[i], ids[i - 1]) && (i + 1 == k || strcmp(ids[i + 1], ids[i])))
			problem(c, _("%s '%s': the id is used more than once"), kind, ids[i]);
	free(ids);
}

/* "service 'x'" for messages; "service #3" when the id is missing. */
static char *who(const char *kind, const char *id, size_t i)
{
	if (id && *id)
		return xasprintf("%s '%s'", kind, id);
	return xasprintf("%s #%zu", kind, i + 1);
}

/* Field f's own rule (catalogue_fields.h) on its value at p. */
static void check_field(struct checker *c, const struct cat_field *f, const void *p)
{
	const char *str = f->type == FT_STR || f->type == FT_SHARED
		? *(const char *const *)p : NULL;
	const struct cat_text *t = f->type == FT_TEXT || f->type == FT_STEXT ? p : NULL;
	const char *label = f->label ? _(f->label) : "";

	switch (f->check) {
	case CK_NONE:
		break;
	case CK_ID:
		if (!str || !*str)
			problem(c, _("the id is missing"));
		break;
	case CK_LANGCODE:
		if (!catalogue_lang_code_ok(str))
			problem(c, _("the code must be 2 or 3 lower-case letters (ISO 639)"));
		break;
	case CK_CODE:
		/* The label is the whole message here. */
		if (*(const int *)p < 0 || (size_t)*(const int *)p >= codes_count(f->list))
			problem(c, "%s", label);
		break;
	case CK_LINE:
	case CK_PARA:
		if (t)
			check_text3(c, label, t, f->check == CK_PARA);
		else
			check_str(c, label, str, f->check == CK_PARA);
		break;
	case CK_NAME:
		check_name(c, t);
		break;
	case CK_LANGNAME:
		if (!t->v[CAT_FI] || !t->v[CAT_FI][0])
			problem(c, _("the Finnish name is missing"));
		if (!t->v[CAT_EN] || !t->v[CAT_EN][0])
			problem(c, _("the English name is missing"));
		check_text3(c, label, t, false);
		break;
	case CK_EMAIL:
		if (str && !sane_email(str))
			problem(c, _("e-mail address '%s' does not look like one"), str);
		break;
	case CK_WEB:
		if (str && !sane_web(str))
			problem(c, _("web address '%s' does not look like one (e.g. https://www.hel.fi/)"), str);
		break;
	case CK_DATE:
		if (str && !hours_valid_date(str))
			problem(c, _("verified date '%s' is not a date (YYYY-MM-DD)"), str);
		break;
	case CK_PHONE:
		if (!sane_phone(str))
			problem(c, _("phone number '%s' does not look like one"), str ? str : "");
		break;
	case CK_EXTENSION:
		/* An internal line may carry a word ("ext. 2102"): only ask
		 * for a number in it. */
		if (str && !has_digits(str, 3))
			problem(c, _("phone number '%s' does not look like one"), str);
		check_str(c, label, str, false);
		break;
	}
}

/* Every field of table t of record rec (and its info), in table order. */
static void check_fields(struct checker *c, enum cat_table_id t, const void *rec,
			 const void *info)
{
	const struct cat_table *tb = catalogue_fields(t);
	size_t k;
	for (k = 0; k < tb->n_fields; k++) {
		const void *p = catalogue_field_cptr(&tb->fields[k], rec, info);
		if (p)
			check_field(c, &tb->fields[k], p);
	}
}

static void check_service(struct checker *c, const struct catalogue *cat,
			  const struct cat_service *s)
{
	static const struct cat_service_info none;
	const struct cat_service_info *in = s->info ? s->info : &none;
	size_t k;
	check_fields(c, CAT_TABLE_service, s, in);
	/* A loaded catalogue marks a dangling organisation SIZE_MAX and the
	 * loader has already named the missing id in cat->problems. */
	if (s->org >= cat->n_orgs && !(s->org == SIZE_MAX && cat->path))
		problem(c, _("its organisation does not exist"));
	if (s->topics >> TOPIC__N)
		problem(c, _("it has a topic outside the topic list"));
	for (k = 0; k < s->n_languages; k++)
		check_languages_ref(c, cat, s->languages[k]);
	for (k = 0; k < in->n_phones; k++)
		check_fields(c, CAT_TABLE_service_phone, &in->phones[k], NULL);
	check_hours(c, &s->hours);
}

static void check_resource(struct checker *c, const struct catalogue *cat,
			   const struct cat_resource *r)
{
	size_t k;
	check_fields(c, CAT_TABLE_resource, r, NULL);
	if (r->n_languages == 0)
		problem(c, _("it lists no language"));
	for (k = 0; k < r->n_languages; k++) {
		check_languages_ref(c, cat, r->languages[k].code);
		check_fields(c, CAT_TABLE_resource_language, &r->languages[k], NULL);
	}
	if (r->modality == 0 || (r->modality & ~(unsigned)MOD__ALL))
		problem(c, _("the modality must be some of in-person, phone, video, on-site"));
	if (r->lead_minutes < 0)
		problem(c, _("the booking lead time is negative"));
	check_hours(c, &r->hours);
	if (r->hours.n_ex)
		problem(c, _("dated exceptions are not kept for resources; they would be lost"));
}

size_t catalogue_check(const struct catalogue *cat, catalogue_problem_fn fn, void *ctx)
{
	struct checker c = { fn, ctx, 0, NULL };
	int seen[TOPIC__N] = { 0 }, t;
	size_t i;
	if (!cat)
		return 0;
	for (i = 0; i < cat->n_problems; i++)
		problem(&c, "%s", cat->problems[i]);
	check_duplicates(&c, "language", cat->languages, cat->n_languages,
			 sizeof *cat->languages, offsetof(struct cat_language, code));
	check_duplicates(&c, "organisation", cat->orgs, cat->n_orgs, sizeof *cat->orgs,
			 offsetof(struct cat_org, id));
	check_duplicates(&c, "service", cat->services, cat->n_services,
			 sizeof *cat->services, offsetof(struct cat_service, id));
	check_duplicates(&c, "resource", cat->resources, cat->n_resources,
			 sizeof *cat->resources, offsetof(struct cat_resource, id));

	for (i = 0; i < cat->n_languages; i++) {
		char *w = who("language", cat->languages[i].code, i);
		c.who = w;
		check_fields(&c, CAT_TABLE_language, &cat->languages[i], NULL);
		free(w);
	}
	for (i = 0; i < cat->n_orgs; i++) {
		char *w = who("organisation", cat->orgs[i].id, i);
		c.who = w;
		check_fields(&c, CAT_TABLE_organisation, &cat->orgs[i], NULL);
		free(w);
	}
	for (i = 0; i < cat->n_services; i++) {
		char *w = who("service", cat->services[i].id, i);
		c.who = w;
		check_service(&c, cat, &cat->services[i]);
		free(w);
	}
	for (i = 0; i < cat->n_resources; i++) {
		char *w = who("resource", cat->resources[i].id, i);
		c.who = w;
		check_resource(&c, cat, &cat->resources[i]);
		free(w);
	}
	c.who = NULL;
	for (i = 0; i < TOPIC__N; i++) {
		t = cat->topic_order[i];
		if (t < 0 || t >= TOPIC__N || seen[t]) {
			problem(&c, _("topic order: not every topic once"));
			break;
		}
		seen[t] = 1;
	}
	return c.n;
}

/* ---- info ---------------------------------------------------------------- */

static const char *const org_kind_labels[ORG__N] = {
	N_("city"), N_("other public"), N_("NGO"), N_("other"),
};

char *catalogue_info(const struct catalogue *cat)
{
	size_t orgs[ORG__N] = { 0 }, res[RES__N] = { 0 }, i;
	char *org_parts = xstrdup(""), *res_parts = xstrdup(""), *out;
	int k;

	for (i = 0; i < cat->n_orgs; i++)
		if ((unsigned)cat->orgs[i].kind < ORG__N)
			orgs[cat->orgs[i].kind]++;
	for (i = 0; i < cat->n_resources; i++)
		if ((unsigned)cat->resources[i].kind < RES__N)
			res[cat->resources[i].kind]++;
	/* `info` has its own words for the kinds of organisation. */
	for (k = 0; k < ORG__N; k++) {
		char *n = xasprintf("%s%s%s %zu", org_parts, *org_parts ? ", " : "",
				    _(org_kind_labels[k]), orgs[k]);
		free(org_parts);
		org_parts = n;
	}
	for (k = 0; k < RES__N; k++) {
		char *n = xasprintf("%s%s%s %zu", res_parts, *res_parts ? ", " : "",
				    codes_label(CODES_RES_KIND, k), res[k]);
		free(res_parts);
		res_parts = n;
	}
	out = xasprintf("%s: %s\n%s: %s\n%s: %s\n%s: %d\n%s: %zu (%s)\n%s: %zu\n%s: %zu\n%s: %zu (%s)\n",
			_("catalogue"), cat->path ? cat->path : "",
			_("name"), cat->name ? cat->name : "",
			_("published"), cat->published ? cat->published : "",
			_("schema version"), cat->version,
			_("organisations"), cat->n_orgs, org_parts,
			_("services"), cat->n_services,
			_("languages"), cat->n_languages,
			_("resources"), cat->n_resources, res_parts);
	free(org_parts);
	free(res_parts);
	return out;
}

