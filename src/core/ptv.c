/* ptv: see ptv.h.
 *
 * One pass over the pages, one page in memory at a time: channels
 * become services at once; what they point at (organisations, services
 * for keywords and topics) is kept small (names and topic sets) and
 * joined at the end, so pages may come in any order. Links are taken
 * from both sides (a channel's services, a service's channels).
 *
 * Hours are read by core/ptv_hours. */
#include <config.h>

#include <stdlib.h>
#include <string.h>

#include "core/arena.h"
#include "core/err.h"
#include "core/hours.h"
#include "core/i18n.h"
#include "core/ptv.h"
#include "core/ptv_hours.h"
#include "core/strmap.h"

/* The channel types a customer can be sent to. */
static const char *const kept_types[] = {
	"ServiceLocation", "Phone", "EChannel", "WebPage", NULL
};

/* organizationType -> neuvoo's organisation kind. */
static const struct { const char *ptv; enum org_kind kind; } org_kinds[] = {
	{ "Municipality", ORG_CITY }, { "RegionalOrganization", ORG_CITY },
	{ "State", ORG_PUBLIC }, { "Region", ORG_PUBLIC },
	{ "SotePublic", ORG_PUBLIC }, { "Organization", ORG_NGO },
	{ "Company", ORG_OTHER }, { "SotePrivate", ORG_OTHER },
};

/* "FreeOfCharge" in each catalogue language (CAT_LANGS' order). */
static const char *const free_of_charge[CAT__NLANG] = {
	"maksuton", "avgiftsfri", "free of charge"
};

struct psvc {			/* a PTV service: what channels take from it */
	char *words;
	topic_set topics;
};

struct pairs {
	char **a, **b;
	size_t n, cap;
};

struct ptv {
	struct regjson j;
	const struct ptv_opts *o;
	struct regjson_map classes;
	struct strmap orgs, chans, svcs;
	char **chan_org;	/* a channel's organizationId, by service index */
	size_t cap_chan_org;
	struct psvc *svc;
	size_t n_svc;
	struct pairs links;	/* channel id, service id */
	/* The ids above, kept until the join: a national dump has hundreds
	 * of thousands of them, one malloc each would cost more than they. */
	struct arena *ids;
};

static char *id_copy(struct ptv *p, const char *s)
{
	return s ? arena_strndup(p->ids, s, strlen(s)) : NULL;
}

static void pair_add(struct ptv *pt, struct pairs *p, const char *a, const char *b)
{
	if (p->n == p->cap) {
		p->cap = p->cap ? 2 * p->cap : 1024;
		p->a = xrealloc(p->a, p->cap * sizeof *p->a);
		p->b = xrealloc(p->b, p->cap * sizeof *p->b);
	}
	p->a[p->n] = id_copy(pt, a);
	p->b[p->n++] = id_copy(pt, b);
}

/* [{language, value, type}] into t: the entries of the given type (any
 * when NULL) in the catalogue's languages; joined with sep when one
 * language has several. */
static void lang_texts(struct ptv *p, json_object *o, const char *key,
		       const char *type, size_t cap, const char *sep,
		       struct cat_text *t)
{
	json_object *a = regjson_array(&p->j, o, key);
	size_t i, n = a ? json_object_array_length(a) : 0;
	for (i = 0; i < n; i++) {
		json_object *e = json_object_array_get_idx(a, i);
		char *lang = regjson_str(&p->j, e, "language", 16, false);
		char *ty = type ? regjson_str(&p->j, e, "type", 64, false) : NULL;
		int k;
		if (lang && (!type || (ty && !strcmp(ty, type))))
			for (k = 0; k < CAT__NLANG; k++)
				if (!strcmp(lang, catalogue_lang_code(k))) {
					char *v = regjson_str(&p->j, e, "value", cap, false);
					regjson_append(&t->v[k], sep, v);
					free(v);
				}
		free(lang);
		free(ty);
	}
}

/* The Finnish text is required: a text only in Swedish or English
 * stands in for it. */
static void fill_fi(struct cat_text *t)
{
	if (!t->v[CAT_FI] && (t->v[CAT_SV] || t->v[CAT_EN]))
		t->v[CAT_FI] = xstrdup(t->v[CAT_SV] ? t->v[CAT_SV] : t->v[CAT_EN]);
}

static bool any_text(const struct cat_text *t)
{
	int k;
	for (k = 0; k < CAT__NLANG; k++)
		if (t->v[k])
			return true;
	return false;
}

/* The value of [{language, value}] (or a plain string) at key in the
 * first of fi, sv, en present, else the first entry's. */
static char *pick_lang(struct ptv *p, json_object *o, const char *key,
		       const char *field, size_t cap)
{
	json_object *a = regjson_array(&p->j, o, key);
	size_t i, n = a ? json_object_array_length(a) : 0, best = n;
	int k, rank = CAT__NLANG + 1;
	for (i = 0; i < n; i++) {
		json_object *e = json_object_array_get_idx(a, i);
		char *lang = regjson_str(&p->j, e, "language", 16, false);
		int r = CAT__NLANG;
		for (k = 0; lang && k < CAT__NLANG; k++)
			if (!strcmp(lang, catalogue_lang_code(k)))
				r = k;
		free(lang);
		if (r < rank) {
			rank = r;
			best = i;
		}
	}
	return best < n ? regjson_str(&p->j, json_object_array_get_idx(a, best),
				      field, cap, false) : NULL;
}

/* ---- channels ---------------------------------------------------------- */

/* Phones, merged by number: each language's label is the phone's
 * additional information and its charge. */
static void phones(struct ptv *p, json_object *ch, struct cat_service_info *in)
{
	json_object *a = regjson_array(&p->j, ch, "phoneNumbers");
	size_t i, n;
	if (!a)
		a = regjson_array(&p->j, ch, "supportPhones");
	n = a ? json_object_array_length(a) : 0;
	for (i = 0; i < n; i++) {
		json_object *e = json_object_array_get_idx(a, i);
		char *num = regjson_str(&p->j, e, "number", 64, false);
		char *pre = regjson_str(&p->j, e, "prefixNumber", 16, false);
		char *lang = regjson_str(&p->j, e, "language", 16, false);
		char *info = regjson_str(&p->j, e, "additionalInformation", REGJSON_LINE_MAX, false);
		char *charge = regjson_str(&p->j, e, "chargeDescription", REGJSON_LINE_MAX, false);
		char *ctype = regjson_str(&p->j, e, "serviceChargeType", 32, false);
		char *type = regjson_str(&p->j, e, "type", 32, false);
		char *full, *label = NULL;
		size_t k;
		int l;
		if (!num || (type && strcmp(type, "Phone"))) {
			/* Fax and SMS numbers are not for calling. */
			goto next;
		}
		/* Finnish service numbers (0800..., 0600...) have no prefix. */
		full = pre && !regjson_bool(&p->j, e, "isFinnishServiceNumber") && num[0] != '+'
			? xasprintf("%s %s", pre, num[0] == '0' ? num + 1 : num)
			: xstrdup(num);
		for (k = 0; k < in->n_phones; k++)
			if (!strcmp(in->phones[k].number, full))
				break;
		if (k == in->n_phones) {
			in->phones = xrealloc(in->phones, (k + 1) * sizeof *in->phones);
			memset(&in->phones[k], 0, sizeof *in->phones);
			in->phones[k].number = full;
			in->n_phones++;
		} else {
			free(full);
		}
		for (l = 0; l < CAT__NLANG; l++)
			if (lang && !strcmp(lang, catalogue_lang_code(l)))
				break;
		if (l == CAT__NLANG)
			l = CAT_FI;	/* a phone in another language */
		regjson_append(&label, "", info);
		if (charge)
			regjson_append(&label, label ? "; " : "", charge);
		else if (ctype && !strcmp(ctype, "FreeOfCharge"))
			/* Data in the phone's language, not the admin's. */
			regjson_append(&label, label ? "; " : "", free_of_charge[l]);
		if (label && !in->phones[k].label.v[l]) {
			in->phones[k].label.v[l] = label;
			label = NULL;
		}
		free(label);
	next:
		free(num);
		free(pre);
		free(lang);
		free(info);
		free(charge);
		free(ctype);
		free(type);
	}
}

/* "Street 4 A, 00530 Helsinki" in one language of an address. */
static char *address_in(struct ptv *p, json_object *sa, const char *lang)
{
	char *street = NULL, *num, *zip, *office = NULL, *out = NULL;
	json_object *a;
	size_t i, n;
	const char *keys[] = { "street", "postOffice" };
	char **dst[] = { &street, &office };
	int k;
	for (k = 0; k < 2; k++) {
		a = regjson_array(&p->j, sa, keys[k]);
		n = a ? json_object_array_length(a) : 0;
		for (i = 0; i < n && !*dst[k]; i++) {
			json_object *e = json_object_array_get_idx(a, i);
			char *l = regjson_str(&p->j, e, "language", 16, false);
			if (l && !strcmp(l, lang))
				*dst[k] = regjson_str(&p->j, e, "value", REGJSON_LINE_MAX, false);
			free(l);
		}
	}
	if (!street) {
		free(office);
		return NULL;
	}
	num = regjson_str(&p->j, sa, "streetNumber", 32, false);
	zip = regjson_str(&p->j, sa, "postalCode", 16, false);
	out = xasprintf("%s%s%s%s%s%s%s", street, num ? " " : "", num ? num : "",
			zip || office ? ", " : "", zip ? zip : "",
			zip && office ? " " : "", office ? office : "");
	free(street);
	free(num);
	free(zip);
	free(office);
	return out;
}

/* Each language's value of an array of {language, value} under key. */
static void lang_values(struct ptv *p, json_object *o, const char *key,
			struct cat_text *t)
{
	json_object *a = regjson_array(&p->j, o, key);
	size_t i, n = a ? json_object_array_length(a) : 0;
	int k;
	for (i = 0; i < n; i++) {
		json_object *e = json_object_array_get_idx(a, i);
		char *lang = regjson_str(&p->j, e, "language", 16, false);
		for (k = 0; lang && k < CAT__NLANG; k++)
			if (!strcmp(lang, catalogue_lang_code(k)) && !t->v[k])
				t->v[k] = regjson_str(&p->j, e, "value", REGJSON_LINE_MAX, false);
		free(lang);
	}
}

/* The street address's parts; PTV's addresses are Finnish ones. */
static void address_parts(struct ptv *p, json_object *sa,
			  struct cat_service_info *in)
{
	lang_values(p, sa, "street", &in->street);
	lang_values(p, sa, "postOffice", &in->post_office);
	in->street_number = regjson_str(&p->j, sa, "streetNumber", 32, false);
	in->postal_code = regjson_str(&p->j, sa, "postalCode", 16, false);
	in->country = xstrdup("FI");
}

/* The visiting address (else the first): in Finnish, with the Swedish
 * and English forms after it when they differ; and its municipality. */
static void address(struct ptv *p, json_object *ch, struct cat_service_info *in,
		    char **muni_code)
{
	json_object *a = regjson_array(&p->j, ch, "addresses"), *pick = NULL;
	size_t i, n = a ? json_object_array_length(a) : 0;
	json_object *sa, *mu;
	char *fi;
	for (i = 0; i < n; i++) {
		json_object *e = json_object_array_get_idx(a, i);
		char *type = regjson_str(&p->j, e, "type", 32, false);
		if (!pick || (type && (!strcmp(type, "Visiting") || !strcmp(type, "Location"))))
			pick = e;
		free(type);
	}
	sa = pick ? regjson_object(&p->j, pick, "streetAddress") : NULL;
	if (!sa)
		return;
	fi = address_in(p, sa, "fi");
	{
		const char *other[] = { "sv", "en" };
		char *first = fi ? xstrdup(fi) : NULL;
		for (i = 0; i < 2; i++) {
			char *t = address_in(p, sa, other[i]);
			if (t && !first) {
				first = xstrdup(t);
				fi = t;
				continue;
			}
			if (t && strcmp(t, first)) {
				char *part = xasprintf("(%s: %s)", other[i], t);
				regjson_append(&fi, " ", part);
				free(part);
			}
			free(t);
		}
		free(first);
	}
	in->address = fi;
	address_parts(p, sa, in);
	mu = regjson_object(&p->j, sa, "municipality");
	if (mu) {
		*muni_code = regjson_str(&p->j, mu, "code", 16, true);
		in->municipality = pick_lang(p, mu, "name", "value", REGJSON_LINE_MAX);
		lang_values(p, mu, "name", &in->municipality_name);
		if (*muni_code)
			in->municipality_code = xstrdup(*muni_code);
	}
}

/* The municipality codes a channel serves; true when the whole country. */
static bool areas(struct ptv *p, json_object *ch, char ***codes, size_t *n)
{
	char *at = regjson_str(&p->j, ch, "areaType", 64, false);
	bool whole = at && !strncmp(at, "WholeCountry", 12);
	json_object *a = regjson_array(&p->j, ch, "areas");
	size_t i, k, na = a ? json_object_array_length(a) : 0;
	free(at);
	for (i = 0; i < na; i++) {
		json_object *e = json_object_array_get_idx(a, i);
		char *type = regjson_str(&p->j, e, "type", 64, false);
		if (type && !strcmp(type, "Municipality")) {
			char *c = regjson_str(&p->j, e, "code", 16, true);
			if (c) {
				*codes = xrealloc(*codes, (*n + 1) * sizeof **codes);
				(*codes)[(*n)++] = c;
			}
		} else {
			json_object *m = regjson_array(&p->j, e, "municipalities");
			size_t nm = m ? json_object_array_length(m) : 0;
			for (k = 0; k < nm; k++) {
				char *c = regjson_str(&p->j, json_object_array_get_idx(m, k),
						      "code", 16, true);
				if (c) {
					*codes = xrealloc(*codes, (*n + 1) * sizeof **codes);
					(*codes)[(*n)++] = c;
				}
			}
		}
		free(type);
	}
	return whole;
}

static bool wanted(const struct ptv_opts *o, char **codes, size_t n)
{
	size_t i, k;
	if (!o->n_municipalities)
		return true;
	for (i = 0; i < n; i++)
		for (k = 0; k < o->n_municipalities; k++)
			if (!strcmp(codes[i], o->municipalities[k]))
				return true;
	return false;
}

static void web(struct ptv *p, json_object *ch, struct cat_service_info *in)
{
	static const char *const keys[] = { "webPages", "webPage", "urls" };
	size_t k;
	for (k = 0; !in->web && k < sizeof keys / sizeof keys[0]; k++) {
		in->web = pick_lang(p, ch, keys[k], "url", REGJSON_LINE_MAX);
		if (!in->web)
			in->web = pick_lang(p, ch, keys[k], "value", REGJSON_LINE_MAX);
	}
}

static void channel_links(struct ptv *p, json_object *ch, const char *id)
{
	json_object *a = regjson_array(&p->j, ch, "services");
	size_t i, n = a ? json_object_array_length(a) : 0;
	for (i = 0; i < n; i++) {
		json_object *e = json_object_array_get_idx(a, i);
		json_object *s = regjson_object(&p->j, e, "service");
		char *sid = regjson_str(&p->j, s ? s : e, s ? "id" : "serviceId", 64, false);
		if (sid)
			pair_add(p, &p->links, id, sid);
		free(sid);
	}
}

static void channel(struct ptv *p, json_object *ch, const char *id)
{
	char *type = regjson_str(&p->j, ch, "serviceChannelType", 64, false);
	char *status = regjson_str(&p->j, ch, "publishingStatus", 64, false);
	char **codes = NULL, *muni = NULL, *sid;
	size_t nc = 0, i, k;
	bool whole;
	struct cat_service *s;
	struct cat_text name = { { 0 } }, sum = { { 0 } }, desc = { { 0 } };
	json_object *langs;

	for (k = 0; type && kept_types[k]; k++)
		if (!strcmp(type, kept_types[k]))
			break;
	if (!type || !kept_types[k] || (status && strcmp(status, "Published")))
		goto out;	/* forms and drafts are not places to send anyone */
	sid = xasprintf("ptv-%s", id);
	if (strmap_get(&p->chans, sid, NULL)) {
		/* Pages of overlapping queries (a whole-country channel under
		 * every municipality) repeat channels: the first is kept. */
		free(sid);
		goto out;
	}
	lang_texts(p, ch, "serviceChannelNames", "Name", REGJSON_LINE_MAX, " / ", &name);
	if (!any_text(&name)) {
		regjson_problem(&p->j, true, _("service channel without a name; left out"));
		free(sid);
		goto out;
	}
	whole = areas(p, ch, &codes, &nc);
	s = catalogue_add_service(p->j.cat);
	address(p, ch, s->info, &muni);
	if (muni) {
		codes = xrealloc(codes, (nc + 1) * sizeof *codes);
		codes[nc++] = muni;
	}
	if (!whole && !wanted(p->o, codes, nc)) {
		free(sid);
		cat_text_free(&name);
		/* Not ours: take the record back out. */
		p->j.cat->n_services--;
		catalogue_fields_free(CAT_TABLE_service, CAT_WHERES_ALL, s, s->info);
		free(s->info);
		goto out;
	}
	strmap_put(&p->chans, sid, p->j.cat->n_services - 1);
	s->id = sid;
	fill_fi(&name);
	s->name = name;
	lang_texts(p, ch, "serviceChannelDescriptions", "Summary", REGJSON_PARA_MAX, "\n", &sum);
	lang_texts(p, ch, "serviceChannelDescriptions", "Description", REGJSON_PARA_MAX, "\n", &desc);
	for (k = 0; k < CAT__NLANG; k++) {
		s->description.v[k] = sum.v[k];
		regjson_append(&s->description.v[k], "\n\n", desc.v[k]);
		free(desc.v[k]);
	}
	langs = regjson_array(&p->j, ch, "languages");
	for (i = 0; langs && i < json_object_array_length(langs); i++) {
		char *c = regjson_elem_str(&p->j, langs, i, "languages", 16);
		if (c && !regjson_service_language(&p->j, s, c))
			regjson_problem(&p->j, false, _("language \"%s\" is no ISO 639 code; left out"), c);
		free(c);
	}
	ptv_hours_read(&p->j, p->o->today, ch, &s->hours);
	phones(p, ch, s->info);
	s->info->email = pick_lang(p, ch, "emails", "value", REGJSON_LINE_MAX);
	if (!s->info->email)
		s->info->email = pick_lang(p, ch, "supportEmails", "value", REGJSON_LINE_MAX);
	web(p, ch, s->info);
	s->info->verified = regjson_modified(&p->j, ch, "modified");
	if (p->j.cat->n_services > p->cap_chan_org) {
		p->cap_chan_org = p->cap_chan_org ? 2 * p->cap_chan_org : 1024;
		p->chan_org = xrealloc(p->chan_org, p->cap_chan_org * sizeof *p->chan_org);
	}
	{
		char *oid = regjson_str(&p->j, ch, "organizationId", 64, false);
		p->chan_org[p->j.cat->n_services - 1] = id_copy(p, oid);
		free(oid);
	}
	channel_links(p, ch, id);
out:
	for (i = 0; i < nc; i++)
		free(codes[i]);
	free(codes);
	free(type);
	free(status);
}

/* ---- services and organisations --------------------------------------- */

static void service(struct ptv *p, json_object *it, const char *id)
{
	struct cat_text names = { { 0 } }, kw = { { 0 } };
	struct psvc *ps;
	json_object *a;
	size_t i, n;
	int k;
	if (!strmap_put(&p->svcs, id, p->n_svc))
		return;		/* the same, from an overlapping query */
	p->svc = xrealloc(p->svc, (p->n_svc + 1) * sizeof *p->svc);
	ps = &p->svc[p->n_svc++];
	memset(ps, 0, sizeof *ps);
	lang_texts(p, it, "serviceNames", "Name", REGJSON_LINE_MAX, " ", &names);
	lang_texts(p, it, "keywords", NULL, REGJSON_LINE_MAX, " ", &kw);
	for (k = 0; k < CAT__NLANG; k++) {
		regjson_append(&ps->words, " ", names.v[k]);
		regjson_append(&ps->words, " ", kw.v[k]);
	}
	cat_text_free(&names);
	cat_text_free(&kw);
	a = regjson_array(&p->j, it, "serviceClasses");
	n = a ? json_object_array_length(a) : 0;
	for (i = 0; i < n; i++) {
		json_object *c = json_object_array_get_idx(a, i);
		char *code = regjson_str(&p->j, c, "code", 64, false);
		char *fi = pick_lang(p, c, "name", "value", REGJSON_LINE_MAX);
		ps->topics |= regjson_map_topics(&p->classes, code, fi);
		free(code);
		free(fi);
	}
	a = regjson_array(&p->j, it, "serviceChannels");
	n = a ? json_object_array_length(a) : 0;
	for (i = 0; i < n; i++) {
		json_object *e = json_object_array_get_idx(a, i);
		json_object *c = regjson_object(&p->j, e, "serviceChannel");
		char *cid = regjson_str(&p->j, c ? c : e, c ? "id" : "serviceChannelId", 64, false);
		if (cid)
			pair_add(p, &p->links, cid, id);
		free(cid);
	}
}

static void organisation(struct ptv *p, json_object *it, const char *id)
{
	char *oid = xasprintf("ptv-%s", id), *type;
	struct cat_org *o;
	struct cat_text name = { { 0 } };
	json_object *mu;
	size_t k;
	if (strmap_get(&p->orgs, oid, NULL)) {
		free(oid);	/* the same, from an overlapping query */
		return;
	}
	lang_texts(p, it, "organizationNames", "Name", REGJSON_LINE_MAX, " / ", &name);
	if (!any_text(&name)) {
		regjson_problem(&p->j, true, _("organisation without a name; left out"));
		free(oid);
		return;
	}
	strmap_put(&p->orgs, oid, p->j.cat->n_orgs);
	o = catalogue_add_org(p->j.cat);
	o->id = oid;
	fill_fi(&name);
	o->name = name;
	o->kind = ORG_OTHER;
	type = regjson_str(&p->j, it, "organizationType", 64, false);
	for (k = 0; type && k < sizeof org_kinds / sizeof org_kinds[0]; k++)
		if (!strcmp(type, org_kinds[k].ptv))
			o->kind = org_kinds[k].kind;
	free(type);
	mu = regjson_object(&p->j, it, "municipality");
	if (mu)
		o->municipality = pick_lang(p, mu, "name", "value", REGJSON_LINE_MAX);
	o->web = pick_lang(p, it, "webPages", "url", REGJSON_LINE_MAX);
}

/* ---- pages ------------------------------------------------------------- */

static void item(struct ptv *p, json_object *it, size_t no)
{
	char *id;
	regjson_at(&p->j, no, NULL);
	if (!json_object_is_type(it, json_type_object)) {
		regjson_problem(&p->j, true, _("not a JSON object; left out"));
		return;
	}
	id = regjson_str(&p->j, it, "id", 64, false);
	regjson_at(&p->j, no, id);
	if (!id)
		regjson_problem(&p->j, true, _("no id; left out"));
	else if (json_object_object_get_ex(it, "serviceChannelType", NULL))
		channel(p, it, id);
	else if (json_object_object_get_ex(it, "serviceNames", NULL))
		service(p, it, id);
	else if (json_object_object_get_ex(it, "organizationNames", NULL) ||
		 json_object_object_get_ex(it, "organizationType", NULL))
		organisation(p, it, id);
	else
		regjson_problem(&p->j, true, _("neither a service channel, a service nor an organisation; left out"));
	free(id);
	regjson_at(&p->j, 0, NULL);
}

static void page(struct ptv *p, json_object *doc)
{
	json_object *list = NULL;
	size_t i, n;
	if (json_object_is_type(doc, json_type_object) &&
	    json_object_object_get_ex(doc, "itemList", &list)) {
		if (json_object_is_type(list, json_type_null))
			return;		/* an empty last page */
		if (!json_object_is_type(list, json_type_array)) {
			regjson_problem(&p->j, true, _("itemList is not an array; page left out"));
			return;
		}
	} else if (json_object_is_type(doc, json_type_array)) {
		list = doc;
	} else if (json_object_is_type(doc, json_type_object)) {
		item(p, doc, 1);
		return;
	} else {
		regjson_problem(&p->j, true, _("not a PTV page (an object with itemList, or items); left out"));
		return;
	}
	n = json_object_array_length(list);
	for (i = 0; i < n; i++)
		item(p, json_object_array_get_idx(list, i), i + 1);
}

/* ---- the joins --------------------------------------------------------- */

static int cmp_pair(const void *x, const void *y)
{
	const size_t *a = x, *b = y;
	return a[0] != b[0] ? (a[0] < b[0] ? -1 : 1) : (a[1] < b[1] ? -1 : a[1] > b[1]);
}

static void join(struct ptv *p)
{
	struct catalogue *cat = p->j.cat;
	size_t i, n = 0, (*lk)[2] = xmalloc((p->links.n + 1) * sizeof *lk);
	for (i = 0; i < p->links.n; i++) {
		char *cid = xasprintf("ptv-%s", p->links.a[i]);
		size_t c, s;
		if (strmap_get(&p->chans, cid, &c) && strmap_get(&p->svcs, p->links.b[i], &s)) {
			lk[n][0] = c;
			lk[n++][1] = s;
		}
		free(cid);
	}
	qsort(lk, n, sizeof *lk, cmp_pair);
	for (i = 0; i < n; i++) {
		struct cat_service *s = &cat->services[lk[i][0]];
		if (i && lk[i][0] == lk[i - 1][0] && lk[i][1] == lk[i - 1][1])
			continue;
		regjson_append(&s->keywords, " ", p->svc[lk[i][1]].words);
		s->topics |= p->svc[lk[i][1]].topics;
	}
	free(lk);
	p->j.file = _("(the pages)");
	for (i = 0; i < cat->n_services; i++) {
		char *oid = p->chan_org[i] ? xasprintf("ptv-%s", p->chan_org[i]) : NULL;
		size_t o;
		if (!oid || !strmap_get(&p->orgs, oid, &o)) {
			/* A placeholder, so the service stays: its pages may be
			 * missing from a partial fetch. */
			struct cat_org *org;
			regjson_at(&p->j, 0, NULL);
			regjson_problem(&p->j, false, _("service channel %s: organisation %s is in no page; named by its id"),
					cat->services[i].id, p->chan_org[i] ? p->chan_org[i] : "?");
			if (!oid)
				oid = xstrdup("ptv-unknown");
			if (!strmap_get(&p->orgs, oid, &o)) {
				o = cat->n_orgs;
				strmap_put(&p->orgs, oid, o);
				org = catalogue_add_org(cat);
				org->id = xstrdup(oid);
				org->kind = ORG_OTHER;
				org->name.v[CAT_FI] = xstrdup(oid + 4);
			}
		}
		cat->services[i].org = o;
		free(oid);
	}
}

static void ptv_free(struct ptv *p)
{
	size_t i;
	free(p->chan_org);
	for (i = 0; i < p->n_svc; i++)
		free(p->svc[i].words);
	free(p->svc);
	free(p->links.a);
	free(p->links.b);
	strmap_clear(&p->orgs);
	strmap_clear(&p->chans);
	strmap_clear(&p->svcs);
	regjson_map_free(&p->classes);
	arena_free(&p->ids);
}

int ptv_import(char *const *paths, size_t n, const struct ptv_opts *o,
	       struct catalogue **out, struct regjson_problems *probs,
	       char **err)
{
	struct ptv p;
	char **files;
	size_t nf, i;
	int rc;

	*out = NULL;
	memset(&p, 0, sizeof p);
	p.o = o;
	rc = o->classes_map ? regjson_map_load_file(&p.classes, o->classes_map, err)
		: regjson_map_load(&p.classes, "ptv-service-classes.conf", err);
	if (rc)
		return -1;
	if (regjson_files(paths, n, &files, &nf, err) != 0) {
		regjson_map_free(&p.classes);
		return -1;
	}
	p.ids = arena_new();
	regjson_begin(&p.j, probs);
	for (i = 0; i < nf; i++) {
		json_object *doc = NULL;
		char *e = NULL;
		p.j.file = files[i];
		regjson_at(&p.j, 0, NULL);
		if (regjson_read(files[i], &doc, &e) != 0) {
			/* The message names the file already. */
			p.j.file = NULL;
			regjson_problem(&p.j, true, "%s", e);
			p.j.file = files[i];
			free(e);
			continue;
		}
		{
			size_t before = p.j.cat->n_services;
			page(&p, doc);
			json_object_put(doc);	/* one page in memory at a time */
			/* Its channels' strings into the arena: a national
			 * dump is millions of them. */
			catalogue_compact_services(p.j.cat, before);
		}
	}
	join(&p);
	regjson_end(&p.j);
	*out = p.j.cat;
	ptv_free(&p);
	regjson_files_free(&files, nf);
	return 0;
}
