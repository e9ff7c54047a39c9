/* hsds_links: the HSDS files that point at the records hsds_import.c has
 * read: 1.x eligibility rows, phones, a service's languages, locations
 * with their addresses (a service's address and municipality, an
 * organisation's city), a resource's languages. Columns by hsds_cols.c. */
#include <config.h>

#include <errno.h>
#include <limits.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>

#include "core/catalogue.h"
#include "core/codes.h"
#include "core/csv.h"
#include "core/err.h"
#include "core/hours.h"
#include "core/hsds.h"
#include "core/hsds_cols.h"
#include "core/hsds_import.h"
#include "core/i18n.h"
#include "core/paths.h"
#include "core/strmap.h"
#include "core/text.h"

/* 1.x eligibility.csv: one text a row, added to the Finnish text. */
void hsds_elig_row(struct imp *im, const struct hsds_found *fd)
{
	struct csv_reader *r = fd->r;
	int c_text = hsds_own(fd, "eligibility");
	long si = hsds_row_service(im, r, hsds_own(fd, "service_id"), -1);
	char *text, **fi;
	if (c_text < 0)
		c_text = hsds_own(fd, "description");
	text = hsds_trimmed(csv_field(r, c_text));
	if (si < 0 || !text) {
		free(text);
		return;
	}
	fi = &im->cat->services[si].info->eligibility.v[CAT_FI];
	if (!*fi) {
		*fi = text;
	} else if (strstr(*fi, text)) {
		free(text);
	} else {
		char *both = xasprintf("%s; %s", *fi, text);
		free(*fi);
		free(text);
		*fi = both;
	}
}

static bool standard_phone_type(const char *t)
{
	static const char *const types[] = { "voice", "fax", "text", "cell",
					     "video", "pager", "textphone",
					     "sms", "mobile" };
	size_t i;
	for (i = 0; i < sizeof types / sizeof *types; i++)
		if (strcasecmp(t, types[i]) == 0)
			return true;
	return false;
}

static void phone_free(struct cat_phone *p)
{
	free(p->number);
	cat_text_free(&p->label);
}

void hsds_phones_free(struct phones *p)
{
	size_t i;
	for (i = 0; i < p->n; i++)
		phone_free(&p->v[i]);
	free(p->v);
	p->v = NULL;
	p->n = 0;
}

static struct cat_phone *phone_add(struct cat_phone **v, size_t *n)
{
	*v = xrealloc(*v, (*n + 1) * sizeof **v);
	memset(&(*v)[*n], 0, sizeof **v);
	return &(*v)[(*n)++];
}

/* Where a phone row belongs: a service (the service's own, also through
 * its service at a location), else a location, else an organisation.
 * NULL when unknown (warned). */
static struct cat_phone *phone_owner(struct imp *im, const struct hsds_found *fd)
{
	struct csv_reader *r = fd->r;
	long si = hsds_row_located(im, fd);
	char *lid, *oid;
	struct cat_phone *p = NULL;
	size_t idx;
	if (si >= 0) {
		struct cat_service_info *in = im->cat->services[si].info;
		return phone_add(&in->phones, &in->n_phones);
	}
	if (si == -1)
		return NULL;
	lid = hsds_trimmed(csv_field(r, hsds_own(fd, "location_id")));
	oid = hsds_trimmed(csv_field(r, hsds_own(fd, "organization_id")));
	if (lid) {
		if (strmap_get(&im->locs, lid, &idx))
			p = phone_add(&im->loc[idx].phones.v, &im->loc[idx].phones.n);
		else
			hsds_warn(im, r, _("unknown location_id \"%s\"; row skipped"), lid);
	} else if (oid) {
		if (strmap_get(&im->orgs, oid, &idx)) {
			if (!im->org_phones) {
				im->n_org_phones = im->cat->n_orgs;
				im->org_phones = xcalloc(im->n_org_phones + 1,
							 sizeof *im->org_phones);
			}
			p = phone_add(&im->org_phones[idx].v, &im->org_phones[idx].n);
		} else {
			hsds_warn(im, r, _("unknown organization_id \"%s\"; row skipped"), oid);
		}
	} else {
		hsds_warn(im, r, _("phone of no service, location or organization; row skipped"));
	}
	free(lid);
	free(oid);
	return p;
}

/* HSDS 3 gives a phone languages of its own (language.csv rows with a
 * phone_id): neuvoo keeps them in the phone's label, in each catalogue
 * language ("English, Spanish"), where the details window shows them
 * after the number. A label the file gives wins. */
static void phone_languages(struct imp *im, const struct hsds_found *fd,
			    struct cat_phone *p)
{
	char *id = hsds_trimmed(csv_field(fd->r, hsds_own(fd, "id")));
	char *codes, *save = NULL, *tok;
	size_t at;
	int k;
	if (!id || !strmap_get(&im->phone_langs, id, &at) ||
	    hsds_text_any(&p->label)) {
		free(id);
		return;
	}
	free(id);
	for (k = 0; k < CAT__NLANG; k++) {
		char *label = NULL;
		codes = xstrdup(im->phone_codes[at]);
		for (tok = strtok_r(codes, " ", &save); tok; tok = strtok_r(NULL, " ", &save)) {
			const struct cat_language *l = catalogue_language(im->cat, tok);
			const char *name = l && l->name.v[k] ? l->name.v[k] : tok;
			char *t = label ? xasprintf("%s, %s", label, name) : xstrdup(name);
			free(label);
			label = t;
		}
		free(codes);
		p->label.v[k] = label;
	}
}

void hsds_phone_row(struct imp *im, const struct hsds_found *fd)
{
	struct csv_reader *r = fd->r;
	char *num, *ext, *type;
	struct cat_phone *p;
	num = hsds_trimmed(csv_field(r, hsds_field(fd, "number")));
	if (!num) {
		hsds_warn(im, r, _("phone without a number; row skipped"));
		return;
	}
	p = phone_owner(im, fd);
	if (!p) {
		free(num);
		return;
	}
	ext = hsds_trimmed(csv_field(r, hsds_own(fd, "extension")));
	if (ext) {
		char *both = xasprintf("%s (%s)", num, ext);
		free(num);
		free(ext);
		num = both;
	}
	hsds_read_fields(fd, p, NULL);
	free(p->number);
	p->number = num;
	type = hsds_trimmed(csv_field(r, hsds_own(fd, "type")));
	if (hsds_field_lang(fd, "label", CAT_FI) < 0 && !p->label.v[CAT_FI] && type &&
	    !standard_phone_type(type)) {
		p->label.v[CAT_FI] = type;
		type = NULL;
	}
	free(type);
	phone_languages(im, fd, p);
}

static void phones_copy(struct cat_service_info *in, const struct phones *from)
{
	size_t i;
	int k;
	for (i = 0; i < from->n; i++) {
		struct cat_phone *p = phone_add(&in->phones, &in->n_phones);
		p->number = xstrdup(from->v[i].number);
		for (k = 0; k < CAT__NLANG; k++)
			p->label.v[k] = xstrdup(from->v[i].label.v[k]);
	}
}

void hsds_apply_phones(struct imp *im)
{
	size_t i, idx;
	for (i = 0; i < im->n_links; i++) {
		struct cat_service_info *in = im->cat->services[im->links[i].svc].info;
		if (strmap_get(&im->locs, im->links[i].loc_id, &idx) &&
		    im->loc[idx].phones.n && !in->n_phones)
			phones_copy(in, &im->loc[idx].phones);
	}
	for (i = 0; im->org_phones && i < im->cat->n_services; i++) {
		struct cat_service *s = &im->cat->services[i];
		if (!s->info->n_phones && s->org < im->n_org_phones)
			phones_copy(s->info, &im->org_phones[s->org]);
	}
}

/* The code of a language named (in any catalogue language or natively)
 * as name, or NULL. */
static const char *language_by_name(const struct catalogue *cat,
				    const char *name)
{
	size_t i;
	int k;
	for (i = 0; i < cat->n_languages; i++) {
		const struct cat_language *l = &cat->languages[i];
		for (k = 0; k < CAT__NLANG; k++)
			if (l->name.v[k] && strcasecmp(l->name.v[k], name) == 0)
				return l->code;
		if (l->native && strcasecmp(l->native, name) == 0)
			return l->code;
	}
	return NULL;
}

void hsds_slang_row(struct imp *im, const struct hsds_found *fd)
{
	struct csv_reader *r = fd->r;
	int c_sid = hsds_own(fd, "service_id"), c_name = hsds_own(fd, "name");
	char *sid = hsds_trimmed(csv_field(r, c_sid)), *code = NULL;
	const char *raw;
	struct cat_service *s;
	size_t i;
	long si = -1;
	char *pid = NULL;
	if (!sid) {
		/* A phone's language is kept with the phone; a location's
		 * is not neuvoo's to keep. */
		pid = hsds_trimmed(csv_field(r, hsds_own(fd, "phone_id")));
		if (!pid)
			return;
	} else {
		free(sid);
		si = hsds_row_service(im, r, c_sid, -1);
		if (si < 0)
			return;
	}
	raw = csv_field(r, hsds_own(fd, "code"));
	if (hsds_blank(raw))
		raw = csv_field(r, hsds_own(fd, "language"));
	code = hsds_norm_code(raw);
	if (!code && !hsds_blank(raw)) {
		/* 1.x files often hold names ("Somali"). */
		char *t = hsds_trimmed(raw);
		const char *known = language_by_name(im->cat, t);
		if (!known)
			known = mapping_get(im->lang_names, t);
		free(t);
		code = xstrdup(known);
	}
	if (!code && !hsds_blank(csv_field(r, c_name))) {
		char *t = hsds_trimmed(csv_field(r, c_name));
		const char *known = language_by_name(im->cat, t);
		code = xstrdup(known ? known : mapping_get(im->lang_names, t));
		free(t);
	}
	if (!code) {
		hsds_warn(im, r, _("language without a usable ISO 639 code; row skipped"));
		free(pid);
		return;
	}
	if (!strmap_get(&im->langs, code, NULL)) {
		struct cat_language *l = hsds_add_language(im, xstrdup(code));
		hsds_read_fields(fd, l, NULL);
		/* The catalogue needs Finnish and English names: the other
		 * one, else the code, stands in (real names belong in
		 * x_languages.csv, read first). */
		if (!l->name.v[CAT_EN])
			l->name.v[CAT_EN] = xstrdup(l->name.v[CAT_FI] ? l->name.v[CAT_FI]
							: code);
		if (!l->name.v[CAT_FI])
			l->name.v[CAT_FI] = xstrdup(l->name.v[CAT_EN]);
	}
	if (pid) {
		size_t at;
		if (strmap_put(&im->phone_langs, pid, im->n_phone_codes)) {
			im->phone_codes = xrealloc(im->phone_codes, (im->n_phone_codes + 1) *
						   sizeof *im->phone_codes);
			im->phone_codes[im->n_phone_codes++] = code;
		} else if (strmap_get(&im->phone_langs, pid, &at)) {
			char *both = xasprintf("%s %s", im->phone_codes[at], code);
			free(im->phone_codes[at]);
			free(code);
			im->phone_codes[at] = both;
		}
		free(pid);
		return;
	}
	s = &im->cat->services[si];
	for (i = 0; i < s->n_languages; i++)
		if (strcmp(s->languages[i], code) == 0)
			break;
	if (i < s->n_languages) {
		free(code);
		return;
	}
	s->languages = xrealloc(s->languages, (s->n_languages + 1) *
				sizeof *s->languages);
	s->languages[s->n_languages++] = code;
}

static struct loc *get_loc(struct imp *im, const char *id)
{
	size_t idx;
	if (strmap_get(&im->locs, id, &idx))
		return &im->loc[idx];
	strmap_put(&im->locs, id, im->n_loc);
	im->loc = xrealloc(im->loc, (im->n_loc + 1) * sizeof *im->loc);
	memset(&im->loc[im->n_loc], 0, sizeof *im->loc);
	return &im->loc[im->n_loc++];
}

void hsds_location_row(struct imp *im, const struct hsds_found *fd)
{
	char *id = hsds_trimmed(csv_field(fd->r, hsds_own(fd, "id")));
	struct loc *l;
	if (!id) {
		hsds_warn(im, fd->r, _("location without an id; row skipped"));
		return;
	}
	l = get_loc(im, id);
	if (!l->org_id)
		l->org_id = hsds_trimmed(csv_field(fd->r, hsds_own(fd, "organization_id")));
	free(id);
}

void hsds_address_row(struct imp *im, const struct hsds_found *fd)
{
	struct csv_reader *r = fd->r;
	char *lid = hsds_trimmed(csv_field(r, hsds_own(fd, "location_id")));
	char *a1, *a2, *post, *text = NULL;
	const char *type = csv_field(r, hsds_own(fd, "address_type"));
	bool postal = type && strcasecmp(type, "postal") == 0;
	struct cat_service_info *in;
	struct loc *l;
	if (!lid) {
		hsds_warn(im, r, _("address without a location_id; row skipped"));
		return;
	}
	l = get_loc(im, lid);
	free(lid);
	/* A physical address wins over a postal one; else the first. */
	if (l->have_addr && (!l->postal || postal))
		return;
	in = &l->a;
	catalogue_fields_free(CAT_TABLE_service, 1u << CW_INFO, NULL, in);
	free(l->city);
	/* The fields' own columns (neuvoo's export), HSDS's postal_code and
	 * country as given; then the parts HSDS has from its plain columns. */
	hsds_read_fields(fd, NULL, in);
	a1 = hsds_cell(r, hsds_own(fd, "address_1"));
	a2 = hsds_trimmed(csv_field(r, hsds_own(fd, "address_2")));
	l->city = hsds_trimmed(csv_field(r, hsds_own(fd, "city")));
	if (!hsds_has_field(fd, "street") && a1)
		in->street.v[CAT_FI] = xstrdup(a1);
	if (!hsds_has_field(fd, "post_office") && l->city)
		in->post_office.v[CAT_FI] = xstrdup(l->city);
	if (!hsds_has_field(fd, "municipality") && l->city)
		in->municipality = xstrdup(l->city);
	post = in->postal_code ? xstrdup(in->postal_code) : NULL;
	if (a1)
		text = a1;
	if (a2) {
		char *t = text ? xasprintf("%s, %s", text, a2) : xstrdup(a2);
		free(text);
		text = t;
	}
	if (post) {
		char *pc = l->city ? xasprintf("%s %s", post, l->city)
				   : xstrdup(post);
		char *t = text ? xasprintf("%s, %s", text, pc) : pc;
		if (text) {
			free(text);
			free(pc);
		}
		text = t;
	}
	{
		/* The flat text of a version-1 catalogue names a country
		 * other than Finland; the parts keep it as given. */
		const char *cc = in->country;
		if (text && !catalogue_country_finland(cc)) {
			char *t = xasprintf("%s, %s", text, cc);
			free(text);
			text = t;
		}
	}
	free(a2);
	free(post);
	if (!in->address)
		in->address = text;
	else
		free(text);
	l->have_addr = true;
	l->postal = postal;
}

/* A copy of the address fields of src (the address file's) into dst. */
static void copy_address(struct cat_service_info *dst,
			 const struct cat_service_info *src)
{
	const struct hsds_file *hf = hsds_file(HF_ADDRESS);
	size_t i;
	int k;
	for (i = 0; i < hf->n_cols; i++) {
		const struct cat_field *f = hf->cols[i].kind == HK_FIELD
			? catalogue_field(hf->table, hf->cols[i].field) : NULL;
		const void *p;
		void *q;
		if (!f || !(p = catalogue_field_cptr(f, NULL, src)) ||
		    !(q = catalogue_field_ptr(f, NULL, dst)))
			continue;
		if (f->shape == CS_LANGS) {
			for (k = 0; k < CAT__NLANG; k++) {
				const char *v = ((const struct cat_text *)p)->v[k];
				if (v && !((struct cat_text *)q)->v[k])
					((struct cat_text *)q)->v[k] = xstrdup(v);
			}
		} else if (*(char *const *)p && !*(char **)q) {
			*(char **)q = xstrdup(*(char *const *)p);
		}
	}
}

void hsds_sal_row(struct imp *im, const struct hsds_found *fd)
{
	struct csv_reader *r = fd->r;
	int c_sid = hsds_own(fd, "service_id");
	char *id = hsds_trimmed(csv_field(r, hsds_own(fd, "id")));
	char *sid = hsds_trimmed(csv_field(r, c_sid));
	char *lid = hsds_trimmed(csv_field(r, hsds_own(fd, "location_id")));
	long si = -1;
	if (!sid || !lid) {
		hsds_warn(im, r, _("service_id and location_id are both needed; row skipped"));
	} else if (strmap_get(&im->skipped, sid, NULL)) {
		if (id)
			strmap_put(&im->skipped, id, 0);
	} else if ((si = hsds_row_service(im, r, c_sid, -1)) >= 0) {
		if (!strmap_get(&im->locs, lid, NULL))
			hsds_warn(im, r, _("unknown location_id \"%s\"; row skipped"), lid);
		else {
			if (id)
				strmap_put(&im->sals, id, (size_t)si);
			im->links = xrealloc(im->links, (im->n_links + 1) *
					     sizeof *im->links);
			im->links[im->n_links].svc = (size_t)si;
			im->links[im->n_links++].loc_id = lid;
			lid = NULL;
		}
	}
	free(id);
	free(sid);
	free(lid);
}

/* Services get the address of their first located place that has one;
 * organisations (without an x_municipality column) the city of their
 * first location. */
void hsds_apply_addresses(struct imp *im)
{
	size_t i, idx;
	for (i = 0; i < im->n_links; i++) {
		struct cat_service *s = &im->cat->services[im->links[i].svc];
		struct loc *l;
		if (!strmap_get(&im->locs, im->links[i].loc_id, &idx))
			continue;
		l = &im->loc[idx];
		if (!l->have_addr || catalogue_info_has_address(s->info))
			continue;
		copy_address(s->info, &l->a);
	}
	if (im->org_municipality_col)
		return;
	for (i = 0; i < im->n_loc; i++) {
		struct loc *l = &im->loc[i];
		if (l->org_id && l->city && strmap_get(&im->orgs, l->org_id, &idx) &&
		    !im->cat->orgs[idx].municipality)
			im->cat->orgs[idx].municipality = xstrdup(l->city);
	}
}

void hsds_rlang_row(struct imp *im, const struct hsds_found *fd)
{
	struct csv_reader *r = fd->r;
	long ri = hsds_row_resource(im, r, hsds_own(fd, "resource_id"));
	struct cat_resource *res;
	struct cat_res_lang *l;
	char *code;
	if (ri < 0)
		return;
	code = hsds_norm_code(csv_field(r, hsds_own(fd, "code")));
	if (!code) {
		hsds_warn(im, r, _("no valid language code; row skipped"));
		return;
	}
	if (!strmap_get(&im->langs, code, NULL)) {
		struct cat_language *cl = hsds_add_language(im, xstrdup(code));
		cl->name.v[CAT_FI] = xstrdup(code);
		cl->name.v[CAT_EN] = xstrdup(code);
	}
	res = &im->cat->resources[ri];
	res->languages = xrealloc(res->languages, (res->n_languages + 1) *
				  sizeof *res->languages);
	l = &res->languages[res->n_languages++];
	memset(l, 0, sizeof *l);
	hsds_read_fields(fd, l, NULL);
	l->code = code;
}
