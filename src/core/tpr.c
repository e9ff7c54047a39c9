/* tpr: see tpr.h.
 *
 * Units map onto the catalogue's fields one to one (name_LL, desc_LL,
 * street_address_LL + address_zip + address_city_LL, phone with
 * call_charge_info_LL, email, www_LL, extra_searchwords_LL); the
 * connections add opening hours (section_type OPENING_HOURS, a text
 * read as neuvoo's hours: a text it cannot read is kept in the
 * description) and more phones (PHONE_OR_EMAIL). Descriptions are kept
 * small (titles, short texts, topics) until the end, when they are
 * joined to their units, so pages come in any order. */
#include <config.h>

#include <ctype.h>
#include <stdlib.h>
#include <string.h>

#include "core/err.h"
#include "core/hours.h"
#include "core/i18n.h"
#include "core/tpr.h"
#include "core/strmap.h"

static const struct { const char *tpr; enum org_kind kind; } org_kinds[] = {
	{ "MUNICIPALITY", ORG_CITY }, { "MUNICIPAL_ENTERPRISE_GROUP", ORG_CITY },
	{ "GOVERNMENT", ORG_PUBLIC }, { "GOVERNMENTAL_COMPANY", ORG_PUBLIC },
	{ "ASSOCIATION", ORG_NGO }, { "FOUNDATION", ORG_NGO },
	{ "PRIVATE_ENTERPRISE", ORG_OTHER },
};

struct tdesc {
	char *words;
	struct cat_text short_text;
	topic_set topics;
};

/* A unit's or a description's ontology word or tree node, resolved to
 * topics at the end, when every page (and the words' names) is read. */
struct oref {
	size_t idx;		/* the service, or the description */
	bool desc, tree;
	long long id;
};

/* A word or tree node of the ontology pages: its Finnish name and, for a
 * node, its parent. */
struct onode {
	char *name;
	long long parent;	/* -1: none */
};

struct tpr {
	struct regjson j;
	struct regjson_map words;
	struct strmap units, orgs;
	struct tdesc *desc;
	size_t n_desc;
	char **la, **lb;	/* unit id, description index (as text) */
	size_t n_links;
	struct oref *refs;
	size_t n_refs;
	/* "w813" / "t1234" -> index of nodes[] */
	struct strmap onames;
	struct onode *nodes;
	size_t n_nodes;
};

static void lang_fields(struct tpr *t, json_object *o, const char *base,
			size_t cap, struct cat_text *out)
{
	int k;
	for (k = 0; k < CAT__NLANG; k++) {
		char *key = xasprintf("%s_%s", base, catalogue_lang_code(k));
		char *v = regjson_str(&t->j, o, key, cap, false);
		free(key);
		if (v) {
			free(out->v[k]);
			out->v[k] = v;
		}
	}
}

static void fill_fi(struct cat_text *t)
{
	if (!t->v[CAT_FI] && (t->v[CAT_SV] || t->v[CAT_EN]))
		t->v[CAT_FI] = xstrdup(t->v[CAT_SV] ? t->v[CAT_SV] : t->v[CAT_EN]);
}

/* ---- hours text ---------------------------------------------------------- */

int tpr_hours_text(const char *text, struct hours *h)
{
	static const char *const fi[] = { "ma", "ti", "ke", "to", "pe", "la", "su" };
	static const char *const sv[] = { "må", "ti", "on", "to", "fr", "lö", "sö" };
	static const char *const en[] = { "mo", "tu", "we", "th", "fr", "sa", "su" };
	char *out = xmalloc(strlen(text) * 2 + 1), *err = NULL;
	size_t o = 0, i = 0, n = strlen(text);
	int rc;
	memset(h, 0, sizeof *h);
	while (i < n) {
		const char *p = text + i;
		int d, matched = 0;
		/* En and em dashes are hyphens here. */
		if (!strncmp(p, "\xe2\x80\x93", 3) || !strncmp(p, "\xe2\x80\x94", 3)) {
			out[o++] = '-';
			i += 3;
			continue;
		}
		if (isalpha((unsigned char)*p) || (unsigned char)*p >= 0x80) {
			for (d = 0; d < 7 && !matched; d++) {
				const char *const *names[] = { fi, sv };
				int l;
				for (l = 0; l < 2 && !matched; l++) {
					size_t len = strlen(names[l][d]);
					/* Not the start of a longer word ("maanantai"
					 * stays as it is, and fails). */
					if (!strncasecmp(p, names[l][d], len) &&
					    !isalpha((unsigned char)p[len]) &&
					    (unsigned char)p[len] != 0xC3) {
						memcpy(out + o, en[d], 2);
						o += 2;
						i += len;
						matched = 1;
					}
				}
			}
			if (matched)
				continue;
			if (!strncasecmp(p, "klo", 3) && !isalpha((unsigned char)p[3])) {
				i += 3;
				continue;
			}
		}
		if (*p == ',') {
			/* A comma before a day starts a new day range. */
			size_t k = i + 1;
			int d2, isday = 0;
			while (k < n && text[k] == ' ')
				k++;
			for (d2 = 0; d2 < 7; d2++)
				if (!strncasecmp(text + k, fi[d2], 2) ||
				    !strncasecmp(text + k, sv[d2], strlen(sv[d2])))
					isday = 1;
			out[o++] = isday ? ';' : ',';
			i++;
			continue;
		}
		out[o++] = (char)tolower((unsigned char)*p);
		i++;
	}
	out[o] = '\0';
	rc = hours_parse(h, out, &err);
	free(err);
	free(out);
	if (rc == 0 && h->n_spans == 0 && h->n_ex == 0)
		rc = -1;	/* nothing said */
	if (rc != 0)
		hours_clear(h);
	return rc;
}

/* ---- units ----------------------------------------------------------------- */

static char *address_in(struct tpr *t, json_object *u, int k)
{
	const char *l = catalogue_lang_code(k);
	char *key = xasprintf("street_address_%s", l);
	char *street = regjson_str(&t->j, u, key, REGJSON_LINE_MAX, false), *city, *zip, *out;
	free(key);
	if (!street)
		return NULL;
	key = xasprintf("address_city_%s", l);
	city = regjson_str(&t->j, u, key, REGJSON_LINE_MAX, false);
	free(key);
	zip = regjson_str(&t->j, u, "address_zip", 16, true);
	out = xasprintf("%s%s%s%s%s", street, zip || city ? ", " : "", zip ? zip : "",
			zip && city ? " " : "", city ? city : "");
	free(street);
	free(city);
	free(zip);
	return out;
}

static void address(struct tpr *t, json_object *u, struct cat_service_info *in)
{
	char *a[CAT__NLANG], *out = NULL;
	int k, base = -1;
	for (k = 0; k < CAT__NLANG; k++) {
		a[k] = address_in(t, u, k);
		if (a[k] && base < 0)
			base = k;
	}
	/* The first language's form, then the others where they differ. */
	for (k = 0; k < CAT__NLANG; k++) {
		if (!a[k])
			continue;
		if (k == base) {
			regjson_append(&out, "", a[k]);
		} else if (strcmp(a[k], a[base])) {
			char *part = xasprintf("(%s: %s)", catalogue_lang_code(k), a[k]);
			regjson_append(&out, " ", part);
			free(part);
		}
	}
	for (k = 0; k < CAT__NLANG; k++)
		free(a[k]);
	in->address = out;
	in->municipality = regjson_str(&t->j, u, "address_city_fi", REGJSON_LINE_MAX, false);
	/* The parts: TPR keeps the number in the street's text, and its
	 * city is the post office; its units are in Finland. */
	lang_fields(t, u, "street_address", REGJSON_LINE_MAX, &in->street);
	lang_fields(t, u, "address_city", REGJSON_LINE_MAX, &in->post_office);
	in->postal_code = regjson_str(&t->j, u, "address_zip", 16, true);
	if (out)
		in->country = xstrdup("FI");
}

static struct cat_phone *add_phone(struct cat_service_info *in, char *number)
{
	size_t k;
	for (k = 0; k < in->n_phones; k++)
		if (!strcmp(in->phones[k].number, number)) {
			free(number);
			return &in->phones[k];
		}
	in->phones = xrealloc(in->phones, (k + 1) * sizeof *in->phones);
	memset(&in->phones[k], 0, sizeof *in->phones);
	in->phones[k].number = number;
	in->n_phones++;
	return &in->phones[k];
}

static void connections(struct tpr *t, json_object *u, struct cat_service *s)
{
	json_object *a = regjson_array(&t->j, u, "connections");
	size_t i, n = a ? json_object_array_length(a) : 0;
	for (i = 0; i < n; i++) {
		json_object *c = json_object_array_get_idx(a, i);
		char *type = regjson_str(&t->j, c, "section_type", 64, false);
		struct cat_text name = { { 0 } };
		lang_fields(t, c, "name", REGJSON_LINE_MAX, &name);
		if (type && !strcmp(type, "OPENING_HOURS") && (name.v[CAT_FI] || name.v[CAT_SV])) {
			/* Swedish day names are read too. */
			const char *text = name.v[CAT_FI] ? name.v[CAT_FI] : name.v[CAT_SV];
			struct hours h;
			if (tpr_hours_text(text, &h) == 0) {
				uint32_t k;
				for (k = 0; k < h.n_spans; k++)
					hours_add_span(&s->hours, h.spans[k].day,
						       h.spans[k].open, h.spans[k].close);
				for (k = 0; k < h.n_ex; k++)
					hours_add_exception(&s->hours, h.ex[k].date,
							    h.ex[k].closed, h.ex[k].open,
							    h.ex[k].close);
				hours_clear(&h);
			} else {
				int k;
				/* Kept for the advisor to read. */
				for (k = 0; k < CAT__NLANG; k++)
					if (name.v[k])
						regjson_append(&s->description.v[k], "\n\n", name.v[k]);
				regjson_problem(&t->j, false, _("opening hours \"%s\" not understood; kept in the description"),
						text);
			}
		} else if (type && !strcmp(type, "PHONE_OR_EMAIL")) {
			char *ph = regjson_str(&t->j, c, "phone", 64, false);
			char *em = regjson_str(&t->j, c, "email", REGJSON_LINE_MAX, false);
			if (ph) {
				struct cat_phone *p = add_phone(s->info, ph);
				int k;
				for (k = 0; k < CAT__NLANG; k++)
					if (!p->label.v[k] && name.v[k]) {
						p->label.v[k] = name.v[k];
						name.v[k] = NULL;
					}
			}
			if (em && !s->info->email)
				s->info->email = em;
			else
				free(em);
		}
		cat_text_free(&name);
		free(type);
	}
}

static void organisation(struct tpr *t, json_object *u, struct cat_service *s)
{
	char *org = regjson_str(&t->j, u, "org_id", 64, true);
	char *type = regjson_str(&t->j, u, "organizer_type", 64, false);
	char *oid = xasprintf("tpr-%s", org ? org : "unknown");
	size_t idx, k;
	if (!strmap_get(&t->orgs, oid, &idx)) {
		struct cat_org *o;
		idx = t->j.cat->n_orgs;
		strmap_put(&t->orgs, oid, idx);
		o = catalogue_add_org(t->j.cat);
		o->id = oid;
		oid = NULL;
		o->kind = ORG_OTHER;
		for (k = 0; type && k < sizeof org_kinds / sizeof org_kinds[0]; k++)
			if (!strcmp(type, org_kinds[k].tpr))
				o->kind = org_kinds[k].kind;
		o->name.v[CAT_FI] = regjson_str(&t->j, u, "organizer_name", REGJSON_LINE_MAX, false);
		if (!o->name.v[CAT_FI])
			/* A municipality's own unit: the city is its organiser. */
			lang_fields(t, u, "address_city", REGJSON_LINE_MAX, &o->name);
		fill_fi(&o->name);
		if (!o->name.v[CAT_FI])
			o->name.v[CAT_FI] = xstrdup(o->id);
		o->municipality = regjson_str(&t->j, u, "address_city_fi", REGJSON_LINE_MAX, false);
	}
	s->org = idx;
	free(oid);
	free(org);
	free(type);
}

/* ---- the ontology: words and the service tree --------------------------- */

/* The ids of array key of record o, for resolving at the end. */
static void add_refs(struct tpr *t, json_object *o, const char *key,
		     size_t idx, bool desc, bool tree)
{
	json_object *a = regjson_array(&t->j, o, key);
	size_t i, n = a ? json_object_array_length(a) : 0;
	for (i = 0; i < n; i++) {
		json_object *w = json_object_array_get_idx(a, i);
		struct oref *r;
		if (!json_object_is_type(w, json_type_int))
			continue;
		t->refs = xrealloc(t->refs, (t->n_refs + 1) * sizeof *t->refs);
		r = &t->refs[t->n_refs++];
		r->idx = idx;
		r->desc = desc;
		r->tree = tree;
		r->id = (long long)json_object_get_int64(w);
	}
}

static char *node_key(bool tree, long long id)
{
	return xasprintf("%c%lld", tree ? 't' : 'w', id);
}

/* An item of the ontologyword or ontologytree pages: its id, Finnish
 * name (ontologyword_fi, name_fi) and parent (parent_id) kept. */
static void onode(struct tpr *t, json_object *it, bool tree)
{
	json_object *v;
	char *key, *name;
	struct onode *nd;
	if (!json_object_object_get_ex(it, "id", &v) || !json_object_is_type(v, json_type_int)) {
		regjson_problem(&t->j, true, _("an ontology entry without a numeric id; left out"));
		return;
	}
	key = node_key(tree, (long long)json_object_get_int64(v));
	name = regjson_str(&t->j, it, tree ? "name_fi" : "ontologyword_fi",
			   REGJSON_LINE_MAX, false);
	if (!strmap_put(&t->onames, key, t->n_nodes)) {
		free(key);
		free(name);
		return;		/* pages of the same list: the first kept */
	}
	free(key);
	t->nodes = xrealloc(t->nodes, (t->n_nodes + 1) * sizeof *t->nodes);
	nd = &t->nodes[t->n_nodes++];
	nd->name = name;
	nd->parent = -1;
	if (tree && json_object_object_get_ex(it, "parent_id", &v) &&
	    json_object_is_type(v, json_type_int))
		nd->parent = (long long)json_object_get_int64(v);
}

static const struct onode *find_node(const struct tpr *t, bool tree, long long id)
{
	char *key = node_key(tree, id);
	size_t i;
	bool ok = strmap_get(&t->onames, key, &i);
	free(key);
	return ok ? &t->nodes[i] : NULL;
}

/* The topics of a word (its id, else its name) or a tree node (its
 * "tree:ID", else its name; else its parent's, up the tree). */
static topic_set ref_topics(const struct tpr *t, const struct oref *r)
{
	long long id = r->id;
	int depth;
	for (depth = 0; depth < 32 && id >= 0; depth++) {
		const struct onode *nd = find_node(t, r->tree, id);
		char *code = r->tree ? xasprintf("tree:%lld", id) : xasprintf("%lld", id);
		topic_set set = regjson_map_topics(&t->words, code, nd ? nd->name : NULL);
		free(code);
		if (set || !r->tree || !nd)
			return set;
		id = nd->parent;
	}
	return 0;
}

/* Every unit's and description's ontology ids as topics; those that give
 * none counted by id for the caller (--verbose lists them). */
static void resolve_ontology(struct tpr *t, struct tpr_unmapped *un)
{
	struct strmap seen = { 0 };
	size_t *counts = NULL, n = 0, i, k;
	struct oref *first = NULL;
	for (i = 0; i < t->n_refs; i++) {
		const struct oref *r = &t->refs[i];
		topic_set set = ref_topics(t, r);
		char *key;
		if (r->desc)
			t->desc[r->idx].topics |= set;
		else
			t->j.cat->services[r->idx].topics |= set;
		if (set)
			continue;
		key = node_key(r->tree, r->id);
		if (strmap_put(&seen, key, n)) {
			counts = xrealloc(counts, (n + 1) * sizeof *counts);
			first = xrealloc(first, (n + 1) * sizeof *first);
			counts[n] = 0;
			first[n++] = *r;
		}
		if (strmap_get(&seen, key, &k))
			counts[k]++;
		free(key);
	}
	if (un) {
		un->n = n;
		un->lines = n ? xcalloc(n, sizeof *un->lines) : NULL;
		for (k = 0; k < n; k++) {
			const struct onode *nd = find_node(t, first[k].tree, first[k].id);
			const char *name = nd && nd->name ? nd->name : "";
			un->lines[k] = first[k].tree
				? xasprintf(ngettext("ontology tree node %lld%s%s%s: %zu record, no topic",
						     "ontology tree node %lld%s%s%s: %zu records, no topic",
						     counts[k]),
					    first[k].id, *name ? " (" : "", name, *name ? ")" : "", counts[k])
				: xasprintf(ngettext("ontology word %lld%s%s%s: %zu record, no topic",
						     "ontology word %lld%s%s%s: %zu records, no topic",
						     counts[k]),
					    first[k].id, *name ? " (" : "", name, *name ? ")" : "", counts[k]);
		}
	}
	free(counts);
	free(first);
	strmap_clear(&seen);
}

void tpr_unmapped_free(struct tpr_unmapped *un)
{
	size_t i;
	for (i = 0; i < un->n; i++)
		free(un->lines[i]);
	free(un->lines);
	memset(un, 0, sizeof *un);
}

static void unit(struct tpr *t, json_object *u, const char *id)
{
	char *sid = xasprintf("tpr-%s", id), *ph;
	struct cat_service *s;
	struct cat_text name = { { 0 } }, kw = { { 0 } };
	size_t i;
	int k;
	bool had[CAT__NLANG];
	if (strmap_get(&t->units, sid, NULL)) {
		regjson_problem(&t->j, true, _("unit listed twice; the first kept"));
		free(sid);
		return;
	}
	lang_fields(t, u, "name", REGJSON_LINE_MAX, &name);
	if (!name.v[CAT_FI] && !name.v[CAT_SV] && !name.v[CAT_EN]) {
		regjson_problem(&t->j, true, _("unit without a name; left out"));
		free(sid);
		return;
	}
	strmap_put(&t->units, sid, t->j.cat->n_services);
	s = catalogue_add_service(t->j.cat);
	s->id = sid;
	for (k = 0; k < CAT__NLANG; k++)
		had[k] = name.v[k] != NULL;
	fill_fi(&name);
	s->name = name;
	lang_fields(t, u, "desc", REGJSON_PARA_MAX, &s->description);
	if (!s->description.v[CAT_FI] && !s->description.v[CAT_SV] && !s->description.v[CAT_EN])
		lang_fields(t, u, "short_desc", REGJSON_PARA_MAX, &s->description);
	lang_fields(t, u, "extra_searchwords", REGJSON_LINE_MAX, &kw);
	for (k = 0; k < CAT__NLANG; k++)
		regjson_append(&s->keywords, " ", kw.v[k]);
	cat_text_free(&kw);
	if (s->keywords) {
		/* "a, b, c": words, one blank between. */
		size_t o = 0;
		for (i = 0; s->keywords[i]; i++) {
			char c = s->keywords[i] == ',' ? ' ' : s->keywords[i];
			if (c != ' ' || (o && s->keywords[o - 1] != ' '))
				s->keywords[o++] = c;
		}
		while (o && s->keywords[o - 1] == ' ')
			o--;
		s->keywords[o] = '\0';
	}
	address(t, u, s->info);
	ph = regjson_str(&t->j, u, "phone", 64, false);
	if (ph) {
		struct cat_phone *p = add_phone(s->info, ph);
		lang_fields(t, u, "call_charge_info", REGJSON_LINE_MAX, &p->label);
	}
	s->info->email = regjson_str(&t->j, u, "email", REGJSON_LINE_MAX, false);
	s->info->verified = regjson_modified(&t->j, u, "modified_time");
	for (k = 0; k < CAT__NLANG && !s->info->web; k++) {
		char *key = xasprintf("www_%s", catalogue_lang_code(k));
		s->info->web = regjson_str(&t->j, u, key, REGJSON_LINE_MAX, false);
		free(key);
	}
	/* The unit serves in the languages of its own names. */
	for (k = 0; k < CAT__NLANG; k++)
		if (had[k])
			regjson_service_language(&t->j, s, catalogue_lang_code(k));
	connections(t, u, s);
	add_refs(t, u, "ontologyword_ids", (size_t)(s - t->j.cat->services), false, false);
	add_refs(t, u, "ontologytree_ids", (size_t)(s - t->j.cat->services), false, true);
	organisation(t, u, s);
}

static void description(struct tpr *t, json_object *d, const char *id)
{
	struct tdesc *td;
	struct cat_text title = { { 0 } };
	json_object *a;
	size_t i, n;
	int k;
	char *plain;
	t->desc = xrealloc(t->desc, (t->n_desc + 1) * sizeof *t->desc);
	td = &t->desc[t->n_desc];
	memset(td, 0, sizeof *td);
	lang_fields(t, d, "title", REGJSON_LINE_MAX, &title);
	plain = regjson_str(&t->j, d, "title", REGJSON_LINE_MAX, false);
	if (plain && !title.v[CAT_FI])
		title.v[CAT_FI] = plain;
	else
		free(plain);
	for (k = 0; k < CAT__NLANG; k++)
		regjson_append(&td->words, " ", title.v[k]);
	cat_text_free(&title);
	lang_fields(t, d, "description_short", REGJSON_PARA_MAX, &td->short_text);
	plain = regjson_str(&t->j, d, "description_short", REGJSON_PARA_MAX, false);
	if (plain && !td->short_text.v[CAT_FI])
		td->short_text.v[CAT_FI] = plain;
	else
		free(plain);
	add_refs(t, d, "ontologyword_ids", t->n_desc, true, false);
	a = regjson_array(&t->j, d, "unit_ids");
	n = a ? json_object_array_length(a) : 0;
	for (i = 0; i < n; i++) {
		json_object *w = json_object_array_get_idx(a, i);
		char *uid = json_object_is_type(w, json_type_int)
			? xasprintf("tpr-%lld", (long long)json_object_get_int64(w))
			: json_object_is_type(w, json_type_string)
			? xasprintf("tpr-%s", json_object_get_string(w)) : NULL;
		if (!uid) {
			regjson_problem(&t->j, false, _("unit_ids holds a value that is no id; left out"));
			continue;
		}
		t->la = xrealloc(t->la, (t->n_links + 1) * sizeof *t->la);
		t->lb = xrealloc(t->lb, (t->n_links + 1) * sizeof *t->lb);
		t->la[t->n_links] = uid;
		t->lb[t->n_links++] = xasprintf("%zu", t->n_desc);
	}
	(void)id;
	t->n_desc++;
}

static void item(struct tpr *t, json_object *it, size_t no)
{
	char *id;
	regjson_at(&t->j, no, NULL);
	if (!json_object_is_type(it, json_type_object)) {
		regjson_problem(&t->j, true, _("not a JSON object; left out"));
		return;
	}
	id = regjson_str(&t->j, it, "id", 64, true);
	regjson_at(&t->j, no, id);
	if (!id)
		regjson_problem(&t->j, true, _("no id; left out"));
	else if (json_object_object_get_ex(it, "ontologyword_fi", NULL) ||
		 json_object_object_get_ex(it, "ontologyword_sv", NULL) ||
		 json_object_object_get_ex(it, "ontologyword_en", NULL))
		onode(t, it, false);
	else if (json_object_object_get_ex(it, "parent_id", NULL))
		onode(t, it, true);
	else if (json_object_object_get_ex(it, "unit_ids", NULL))
		description(t, it, id);
	else if (json_object_object_get_ex(it, "name_fi", NULL) ||
		 json_object_object_get_ex(it, "name_sv", NULL) ||
		 json_object_object_get_ex(it, "name_en", NULL))
		unit(t, it, id);
	else
		regjson_problem(&t->j, true, _("neither a unit nor a description; left out"));
	free(id);
	regjson_at(&t->j, 0, NULL);
}

static void page(struct tpr *t, json_object *doc)
{
	json_object *list = doc;
	size_t i, n;
	if (json_object_is_type(doc, json_type_object) &&
	    json_object_object_get_ex(doc, "results", &list)) {
		if (!json_object_is_type(list, json_type_array)) {
			regjson_problem(&t->j, true, _("results is not an array; page left out"));
			return;
		}
	} else if (json_object_is_type(doc, json_type_object)) {
		item(t, doc, 1);
		return;
	} else if (!json_object_is_type(doc, json_type_array)) {
		regjson_problem(&t->j, true, _("not a TPR page (an array of units or descriptions); left out"));
		return;
	}
	n = json_object_array_length(list);
	for (i = 0; i < n; i++)
		item(t, json_object_array_get_idx(list, i), i + 1);
}

static void join(struct tpr *t)
{
	size_t i, u;
	for (i = 0; i < t->n_links; i++) {
		size_t d = strtoul(t->lb[i], NULL, 10);
		struct cat_service *s;
		int k;
		if (!strmap_get(&t->units, t->la[i], &u))
			continue;	/* a unit not fetched */
		s = &t->j.cat->services[u];
		regjson_append(&s->keywords, " ", t->desc[d].words);
		s->topics |= t->desc[d].topics;
		for (k = 0; k < CAT__NLANG; k++)
			if (!s->description.v[k] && t->desc[d].short_text.v[k])
				s->description.v[k] = xstrdup(t->desc[d].short_text.v[k]);
	}
}

int tpr_import(char *const *paths, size_t n, const struct tpr_opts *o,
	       struct catalogue **out, struct regjson_problems *probs,
	       char **err)
{
	struct tpr t;
	char **files;
	size_t nf, i;
	int rc;

	*out = NULL;
	memset(&t, 0, sizeof t);
	rc = o && o->words_map ? regjson_map_load_file(&t.words, o->words_map, err)
		: regjson_map_load(&t.words, "tpr-ontologywords.conf", err);
	if (rc)
		return -1;
	if (regjson_files(paths, n, &files, &nf, err) != 0) {
		regjson_map_free(&t.words);
		return -1;
	}
	regjson_begin(&t.j, probs);
	for (i = 0; i < nf; i++) {
		json_object *doc = NULL;
		char *e = NULL;
		t.j.file = files[i];
		regjson_at(&t.j, 0, NULL);
		if (regjson_read(files[i], &doc, &e) != 0) {
			t.j.file = NULL;
			regjson_problem(&t.j, true, "%s", e);
			free(e);
			continue;
		}
		{
			size_t before = t.j.cat->n_services;
			page(&t, doc);
			json_object_put(doc);
			catalogue_compact_services(t.j.cat, before);
		}
	}
	resolve_ontology(&t, o ? o->unmapped : NULL);
	join(&t);
	regjson_end(&t.j);
	*out = t.j.cat;
	for (i = 0; i < t.n_desc; i++) {
		free(t.desc[i].words);
		cat_text_free(&t.desc[i].short_text);
	}
	free(t.desc);
	free(t.refs);
	for (i = 0; i < t.n_nodes; i++)
		free(t.nodes[i].name);
	free(t.nodes);
	strmap_clear(&t.onames);
	for (i = 0; i < t.n_links; i++) {
		free(t.la[i]);
		free(t.lb[i]);
	}
	free(t.la);
	free(t.lb);
	strmap_clear(&t.units);
	strmap_clear(&t.orgs);
	regjson_map_free(&t.words);
	regjson_files_free(&files, nf);
	return 0;
}
