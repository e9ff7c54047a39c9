/* hsds_taxonomy: the HSDS files that classify records: taxonomy terms
 * (1.x taxonomy.csv, 3.x taxonomy_term.csv) mapped to topics through
 * data/mappings/hsds-taxonomy.csv, and the rows that give a record its
 * terms (1.x services_taxonomy, 3.x attribute with its value): topics,
 * and for services, services at locations and locations a Features line
 * of the details and search keywords. Columns by hsds_cols.c. */
#include <config.h>

#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "core/catalogue.h"
#include "core/codes.h"
#include "core/csv.h"
#include "core/err.h"
#include "core/hsds_cols.h"
#include "core/hsds_import.h"
#include "core/i18n.h"
#include "core/mapping.h"
#include "core/strmap.h"

void hsds_taxterm_row(struct imp *im, const struct hsds_found *fd)
{
	struct csv_reader *r = fd->r;
	char *id = hsds_trimmed(csv_field(r, hsds_own(fd, "id")));
	const char *code = csv_field(r, hsds_own(fd, "code"));
	const char *name = csv_field(r, hsds_own(fd, "name"));
	const char *topic = mapping_get(im->tax_topics, code);
	struct term *tm;
	int t;
	if (!id) {
		hsds_warn(im, r, _("taxonomy term without an id; row skipped"));
		return;
	}
	if (!topic)
		topic = mapping_get(im->tax_topics, name);
	t = topic ? codes_find(CODES_TOPIC, topic) : -1;
	if (topic && t < 0)
		hsds_warn(im, r, _("the taxonomy mapping gives \"%s\", which is no topic; fix %s"),
			  topic, im->tax_topics->path ? im->tax_topics->path : "");
	if (t < 0)
		im->n_unmapped++;
	if (strmap_put(&im->terms, id, im->n_term)) {
		im->term = xrealloc(im->term, (im->n_term + 1) * sizeof *im->term);
		tm = &im->term[im->n_term++];
		tm->topic = t;
		tm->name = hsds_trimmed(!hsds_blank(name) ? name : code);
	}
	free(id);
}

/* The records an attribute may point at (HSDS 3 link_entity, or a
 * link_type that names one): those whose services it describes, and the
 * others of the specification, which the catalogue has no place for. */
static const char *const attr_used[] = { "service", "service_at_location", "location" };
static const char *const attr_other[] = {
	"organization", "organisation", "phone", "contact", "program",
	"schedule", "address", "language", "funding", "cost_option",
	"service_area", "required_document", "accessibility", "url",
	"organization_identifier", "service_capacity", "unit", "taxonomy",
	"taxonomy_term", "metadata", "meta_table_description", "attribute",
};

static int attr_entity(const char *e)
{
	size_t i;
	for (i = 0; e && i < sizeof attr_used / sizeof attr_used[0]; i++)
		if (!strcasecmp(e, attr_used[i]))
			return (int)i;
	for (i = 0; e && i < sizeof attr_other / sizeof attr_other[0]; i++)
		if (!strcasecmp(e, attr_other[i]))
			return 3;
	return -1;
}

/* "Name: value" (or the name alone) joined to a service's attributes
 * line and its search keywords, each once. */
static void attr_keep(struct cat_service *s, const char *name, const char *value)
{
	char *item = name && value ? xasprintf("%s: %s", name, value)
		   : xstrdup(name ? name : value);
	const char *words[2] = { name, value };
	size_t i;
	if (!s->info->attributes) {
		s->info->attributes = item;
	} else if (!strstr(s->info->attributes, item)) {
		char *t = xasprintf("%s; %s", s->info->attributes, item);
		free(s->info->attributes);
		free(item);
		s->info->attributes = t;
	} else {
		free(item);
	}
	for (i = 0; i < 2; i++) {
		char *t;
		if (!words[i] || (s->keywords && strstr(s->keywords, words[i])))
			continue;
		t = s->keywords ? xasprintf("%s %s", s->keywords, words[i]) : xstrdup(words[i]);
		free(s->keywords);
		s->keywords = t;
	}
}

static void attr_apply(struct imp *im, size_t si, const struct term *tm,
		       const char *label, const char *value)
{
	struct cat_service *s = &im->cat->services[si];
	const char *name = label ? label : tm ? tm->name : NULL;
	if (tm && tm->topic >= 0)
		s->topics |= (topic_set)1 << tm->topic;
	if (name || value)
		attr_keep(s, name, value);
}

/* 1.x services_taxonomy rows (a service's terms) and 3.x attributes (a
 * term, and maybe a value, for a record of any kind): topics from the
 * terms, and for services, services at locations and locations (their
 * services) the term's name (or the label) and the value as a line of
 * the details and as search keywords. */
void hsds_svctax_row(struct imp *im, const struct hsds_found *fd)
{
	struct csv_reader *r = fd->r;
	int c_sid = hsds_own(fd, "service_id");
	char *tid = hsds_trimmed(csv_field(r, hsds_own(fd, "taxonomy_term_id")));
	char *sid = hsds_trimmed(csv_field(r, c_sid));
	char *ent = hsds_trimmed(csv_field(r, hsds_own(fd, "link_entity")));
	char *type = hsds_trimmed(csv_field(r, hsds_own(fd, "link_type")));
	char *lid = hsds_trimmed(csv_field(r, hsds_own(fd, "link_id")));
	char *value = hsds_trimmed(csv_field(r, hsds_own(fd, "value")));
	char *label = hsds_trimmed(csv_field(r, hsds_own(fd, "label")));
	const struct term *tm = NULL;
	size_t idx, i;
	int kind = 0;
	long si = -1;

	if (!sid) {
		/* 3.x: what the attribute is of: link_entity, else a
		 * link_type that names a record (3.0 drafts used it so; in
		 * 3.0 proper it says what the term describes). */
		const char *e = ent ? ent : type;
		kind = attr_entity(e);
		if (!e && !lid && !tid)
			goto out;	/* an empty row */
		if (kind < 0) {
			hsds_warn(im, r, _("attribute of an unknown link_type \"%s\" (service, service_at_location, location, or another HSDS table); row skipped"),
				  e ? e : "");
			goto out;
		}
		if (kind == 3) {
			im->n_attr_unused++;
			goto out;
		}
		if (!lid) {
			hsds_warn(im, r, _("attribute without a link_id; row skipped"));
			goto out;
		}
		c_sid = hsds_own(fd, "link_id");
	}
	if (!tid && !value)
		goto out;	/* nothing said */
	if (tid) {
		if (!strmap_get(&im->terms, tid, &idx)) {
			hsds_warn(im, r, _("unknown taxonomy_term_id \"%s\"; row skipped"), tid);
			goto out;
		}
		tm = &im->term[idx];
	}
	if (sid || kind == 0) {
		const char *key = sid ? sid : lid;
		if (strmap_get(&im->svcs, key, &idx))
			si = (long)idx;
		else if (strmap_get(&im->skipped, key, NULL))
			goto out;	/* an inactive service's */
		else
			si = hsds_row_service(im, r, c_sid, -1);
		if (si >= 0)
			attr_apply(im, (size_t)si, tm, label, value);
	} else if (kind == 1) {
		if (strmap_get(&im->sals, lid, &idx))
			attr_apply(im, idx, tm, label, value);
		else if (!strmap_get(&im->skipped, lid, NULL))
			hsds_warn(im, r, _("unknown service_at_location \"%s\"; row skipped"), lid);
	} else {
		bool found = strmap_get(&im->locs, lid, NULL);
		for (i = 0; i < im->n_links; i++)
			if (!strcmp(im->links[i].loc_id, lid))
				attr_apply(im, im->links[i].svc, tm, label, value);
		if (!found)
			hsds_warn(im, r, _("unknown location_id \"%s\"; row skipped"), lid);
	}
out:
	free(tid);
	free(sid);
	free(ent);
	free(type);
	free(lid);
	free(value);
	free(label);
}
