/* hsds_cols: see hsds_cols.h. The tables, and the walks over them that
 * both directions share. */
#include <config.h>

#include <stdlib.h>
#include <string.h>

#include "core/catalogue.h"
#include "core/catalogue_fields.h"
#include "core/codes.h"
#include "core/err.h"
#include "core/hsds_cols.h"

/* Column entries: a field, a field as plain HSDS text in one language, a
 * field again as HSDS's own column, a constant, the file's own. */
#define FLD(name, alias, field) { name, alias, HK_FIELD, HD_BOTH, field, 0, NULL }
#define FLD_IN(name, field) { name, NULL, HK_FIELD, HD_IMPORT, field, 0, NULL }
#define PLAIN(name, field, lang, dir) { name, NULL, HK_PLAIN, dir, field, lang, NULL }
#define ALSO(name, field) { name, NULL, HK_ALSO, HD_BOTH, field, 0, NULL }
#define CONST(name, value, dir) { name, NULL, HK_CONST, dir, NULL, 0, value }
#define OWN(name, alias, dir) { name, alias, HK_OWN, dir, NULL, 0, NULL }

static const struct hsds_col meta[] = {
	OWN("key", NULL, HD_BOTH), OWN("value", NULL, HD_BOTH),
};

static const struct hsds_col xlang[] = {
	FLD("code", NULL, "code"), FLD("name", NULL, "name"),
	FLD("native", NULL, "native"),
	/* HSDS names languages in English. */
	PLAIN("name", "name", CAT_EN, HD_IMPORT),
};

static const struct hsds_col org[] = {
	FLD("id", NULL, "id"),
	PLAIN("name", "name", CAT_FI, HD_BOTH),
	CONST("description", "", HD_EXPORT),
	FLD("website", "url", "web"),
	FLD("x_kind", NULL, "kind"),
	FLD("x_municipality", NULL, "municipality"),
	FLD("name", NULL, "name"),
};

static const struct hsds_col service[] = {
	FLD("id", NULL, "id"),
	OWN("organization_id", NULL, HD_BOTH),
	PLAIN("name", "name", CAT_FI, HD_BOTH),
	PLAIN("description", "description", CAT_FI, HD_BOTH),
	FLD("url", "website", "web"),
	FLD("email", NULL, "email"),
	CONST("status", "active", HD_BOTH),
	PLAIN("eligibility_description", "eligibility", CAT_FI, HD_BOTH),
	ALSO("assured_date", "verified"),
	FLD("name", NULL, "name"),
	FLD("description", NULL, "description"),
	FLD("eligibility", NULL, "eligibility"),
	FLD("keywords", NULL, "keywords"),
	OWN("topics", "x_topics", HD_BOTH),
	FLD("appointment", NULL, "appointment"),
	FLD("verified", NULL, "verified"),
	FLD("x_attributes", NULL, "attributes"),
	/* 3.x: when the register last changed it, the check date of a
	 * service that has no verified or assured_date. */
	OWN("last_modified", NULL, HD_IMPORT),
};

/* 1.x: one eligibility text a row. */
static const struct hsds_col elig[] = {
	OWN("service_id", NULL, HD_IMPORT),
	OWN("eligibility", "eligible_population", HD_IMPORT),
	OWN("description", NULL, HD_IMPORT),
};

static const struct hsds_col phone[] = {
	OWN("id", NULL, HD_BOTH),
	OWN("service_id", NULL, HD_BOTH),
	FLD("number", NULL, "number"),
	CONST("type", "voice", HD_BOTH),
	PLAIN("description", "label", CAT_FI, HD_BOTH),
	FLD("description", NULL, "label"),
	OWN("service_at_location_id", NULL, HD_IMPORT),
	OWN("extension", NULL, HD_IMPORT),
	/* A location's or organisation's phone: a fallback for services
	 * without one of their own. */
	OWN("location_id", NULL, HD_IMPORT),
	OWN("organization_id", NULL, HD_IMPORT),
};

/* A service's languages; a language new to the catalogue gets its names
 * from the row. */
static const struct hsds_col slang[] = {
	OWN("id", NULL, HD_EXPORT),
	OWN("service_id", NULL, HD_BOTH),
	OWN("name", NULL, HD_BOTH),
	OWN("code", NULL, HD_BOTH),
	OWN("language", NULL, HD_IMPORT),	/* 1.x */
	OWN("phone_id", NULL, HD_IMPORT),	/* 3.x: a phone's language */
	FLD_IN("name", "name"),
	PLAIN("name", "name", CAT_EN, HD_IMPORT),
	FLD_IN("native", "native"),
};

/* Schedules of every version: 1.x weekday rows and holiday rows, 3.x
 * byday and valid_from/valid_to. The times and dates both files write;
 * what the import also reads. */
#define SCHED_TIMES							\
	OWN("opens_at", NULL, HD_BOTH), OWN("closes_at", NULL, HD_BOTH), \
	OWN("valid_from", NULL, HD_BOTH), OWN("valid_to", NULL, HD_BOTH)
#define SCHED_READ							\
	OWN("weekday", NULL, HD_IMPORT), OWN("interval", NULL, HD_IMPORT), \
	OWN("dtstart", NULL, HD_IMPORT), OWN("start_date", NULL, HD_IMPORT), \
	OWN("end_date", NULL, HD_IMPORT), OWN("closed", NULL, HD_IMPORT)

static const struct hsds_col schedule[] = {
	OWN("id", NULL, HD_EXPORT),
	OWN("service_id", NULL, HD_BOTH),
	OWN("freq", NULL, HD_BOTH), OWN("byday", NULL, HD_BOTH),
	SCHED_TIMES,
	OWN("description", NULL, HD_EXPORT),
	SCHED_READ,
	OWN("service_at_location_id", NULL, HD_IMPORT),
};

static const struct hsds_col location[] = {
	OWN("id", NULL, HD_BOTH), OWN("organization_id", NULL, HD_BOTH),
	OWN("location_type", NULL, HD_EXPORT), OWN("name", NULL, HD_EXPORT),
};

static const struct hsds_col address[] = {
	OWN("id", NULL, HD_EXPORT), OWN("location_id", NULL, HD_BOTH),
	OWN("address_1", NULL, HD_BOTH), OWN("city", NULL, HD_BOTH),
	OWN("state_province", NULL, HD_EXPORT),
	FLD("postal_code", NULL, "postal_code"), FLD("country", NULL, "country"),
	OWN("address_type", NULL, HD_BOTH),
	OWN("address_2", NULL, HD_IMPORT),
	/* neuvoo's: the parts in every language (address_1 and city are
	 * the Finnish ones, else the first), the municipality, the flat
	 * text of version-1 catalogues. Without them the import makes the
	 * parts from address_1 and city. */
	FLD("x_street", NULL, "street"),
	FLD("x_street_number", NULL, "street_number"),
	FLD("x_post_office", NULL, "post_office"),
	FLD("x_municipality", NULL, "municipality"),
	FLD("x_municipality_name", NULL, "municipality_name"),
	FLD("x_municipality_code", NULL, "municipality_code"),
	FLD("x_address", NULL, "address"),
};

static const struct hsds_col sal[] = {
	OWN("id", NULL, HD_BOTH), OWN("service_id", NULL, HD_BOTH),
	OWN("location_id", NULL, HD_BOTH),
};

static const struct hsds_col res[] = {
	FLD("id", NULL, "id"),
	FLD("kind", NULL, "kind"),
	FLD("name", NULL, "name"),
	FLD("unit", NULL, "unit"),
	FLD("phone", NULL, "phone"),
	FLD("email", NULL, "email"),
	FLD("web", "url", "web"),
	OWN("modality", NULL, HD_BOTH),
	FLD("lead_minutes", NULL, "lead_minutes"),
	FLD("note", NULL, "note"),
	PLAIN("name", "name", CAT_FI, HD_IMPORT),
	PLAIN("note", "note", CAT_FI, HD_IMPORT),
};

static const struct hsds_col rlang[] = {
	OWN("resource_id", NULL, HD_BOTH), OWN("code", NULL, HD_BOTH),
	FLD("dialects", NULL, "dialects"),
};

static const struct hsds_col rhours[] = {
	OWN("resource_id", NULL, HD_BOTH),
	OWN("byday", NULL, HD_BOTH),
	SCHED_TIMES,
	OWN("freq", NULL, HD_IMPORT),
	SCHED_READ,
};

/* Taxonomy terms (import only: neuvoo's topics are the service's topics
 * column), mapped to topics through data/mappings/hsds-taxonomy.csv; and
 * the rows that give a service its terms (1.x services_taxonomy, 3.x
 * attribute). */
static const struct hsds_col taxterm[] = {
	OWN("id", NULL, HD_IMPORT), OWN("code", NULL, HD_IMPORT),
	OWN("name", NULL, HD_IMPORT),
};

static const struct hsds_col svctax[] = {
	OWN("service_id", NULL, HD_IMPORT), OWN("link_id", NULL, HD_IMPORT),
	OWN("link_entity", NULL, HD_IMPORT), OWN("link_type", NULL, HD_IMPORT),
	OWN("taxonomy_term_id", "taxonomy_id", HD_IMPORT),
	OWN("value", NULL, HD_IMPORT), OWN("label", NULL, HD_IMPORT),
};

#define NAMES(...) (const char *const[]){ __VA_ARGS__, NULL }
#define FILE_(id, names, table, cols) \
	[id] = { names, table, cols, sizeof cols / sizeof cols[0] }

static const struct hsds_file files[HF__N] = {
	FILE_(HF_META, NAMES("x_meta.csv"), CAT_TABLE_meta, meta),
	FILE_(HF_XLANG, NAMES("x_languages.csv"), CAT_TABLE_language, xlang),
	FILE_(HF_ORG, NAMES("organization.csv", "organizations.csv"),
	      CAT_TABLE_organisation, org),
	FILE_(HF_SERVICE, NAMES("service.csv", "services.csv"),
	      CAT_TABLE_service, service),
	FILE_(HF_ELIG, NAMES("eligibility.csv", "eligibilities.csv"),
	      CAT_TABLE_service, elig),
	FILE_(HF_PHONE, NAMES("phone.csv", "phones.csv"),
	      CAT_TABLE_service_phone, phone),
	FILE_(HF_SLANG, NAMES("language.csv", "languages.csv"),
	      CAT_TABLE_language, slang),
	FILE_(HF_SCHEDULE, NAMES("schedule.csv", "schedules.csv"),
	      CAT_TABLE_service_hours, schedule),
	FILE_(HF_REGULAR, NAMES("regular_schedules.csv", "regular_schedule.csv"),
	      CAT_TABLE_service_hours, schedule),
	FILE_(HF_HOLIDAY, NAMES("holiday_schedules.csv", "holiday_schedule.csv"),
	      CAT_TABLE_service_hours, schedule),
	FILE_(HF_LOCATION, NAMES("location.csv", "locations.csv"),
	      CAT_TABLE_service, location),
	FILE_(HF_ADDRESS, NAMES("address.csv", "addresses.csv",
				"physical_addresses.csv", "physical_address.csv"),
	      CAT_TABLE_service, address),
	FILE_(HF_SAL, NAMES("service_at_location.csv", "service_at_locations.csv",
			    "services_at_location.csv", "services_at_locations.csv"),
	      CAT_TABLE_service, sal),
	FILE_(HF_RES, NAMES("x_resources.csv"), CAT_TABLE_resource, res),
	FILE_(HF_RLANG, NAMES("x_resource_languages.csv"),
	      CAT_TABLE_resource_language, rlang),
	FILE_(HF_RHOURS, NAMES("x_resource_hours.csv"),
	      CAT_TABLE_resource_hours, rhours),
	FILE_(HF_TAXTERM, NAMES("taxonomy_term.csv", "taxonomy_terms.csv",
				"taxonomy.csv"),
	      CAT_TABLE_service_topic, taxterm),
	FILE_(HF_SVCTAX, NAMES("attribute.csv", "attributes.csv",
			       "services_taxonomy.csv", "service_taxonomy.csv"),
	      CAT_TABLE_service_topic, svctax),
};

const struct hsds_file *hsds_file(enum hsds_file_id f)
{
	return (int)f >= 0 && f < HF__N ? &files[f] : NULL;
}

static const struct cat_field *field_of(const struct hsds_file *hf,
					const struct hsds_col *c)
{
	return c->field ? catalogue_field(hf->table, c->field) : NULL;
}

static int column(struct csv_reader *r, const char *name, const char *alias)
{
	int c = csv_column(r, name);
	return c < 0 && alias ? csv_column(r, alias) : c;
}

void hsds_find(struct hsds_found *fd, enum hsds_file_id f, struct csv_reader *r)
{
	const struct hsds_file *hf = hsds_file(f);
	size_t i;
	int k;
	if (hf->n_cols > HSDS_MAX_COLS)
		abort();	/* a table above grew past struct hsds_found */
	memset(fd, 0, sizeof *fd);
	fd->file = hf;
	fd->r = r;
	for (i = 0; i < hf->n_cols; i++) {
		const struct hsds_col *c = &hf->cols[i];
		const struct cat_field *fl = field_of(hf, c);
		fd->col[i] = -1;
		for (k = 0; k < CAT__NLANG; k++)
			fd->lang[i][k] = -1;
		if (!(c->dir & HD_IMPORT))
			continue;
		if (c->kind == HK_FIELD && fl && fl->shape == CS_LANGS) {
			for (k = 0; k < CAT__NLANG; k++) {
				char *n = xasprintf("%s_%s", c->name, catalogue_lang_code(k));
				fd->lang[i][k] = csv_column(r, n);
				free(n);
			}
		} else
			fd->col[i] = column(r, c->name, c->alias);
	}
}

int hsds_own(const struct hsds_found *fd, const char *name)
{
	size_t i;
	for (i = 0; i < fd->file->n_cols; i++)
		if ((fd->file->cols[i].kind == HK_OWN || fd->file->cols[i].kind == HK_CONST) &&
		    !strcmp(fd->file->cols[i].name, name))
			return fd->col[i];
	return -1;
}

/* The entry of the field's own column(s) that the import reads. */
static long own_entry(const struct hsds_file *hf, const char *field)
{
	size_t i;
	for (i = 0; i < hf->n_cols; i++)
		if (hf->cols[i].kind == HK_FIELD && (hf->cols[i].dir & HD_IMPORT) &&
		    !strcmp(hf->cols[i].field, field))
			return (long)i;
	return -1;
}

int hsds_field(const struct hsds_found *fd, const char *field)
{
	long i = own_entry(fd->file, field);
	return i < 0 ? -1 : fd->col[i];
}

int hsds_field_lang(const struct hsds_found *fd, const char *field, int lang)
{
	long i = own_entry(fd->file, field);
	return i < 0 || lang < 0 || lang >= CAT__NLANG ? -1 : fd->lang[i][lang];
}

bool hsds_has_field(const struct hsds_found *fd, const char *field)
{
	long i = own_entry(fd->file, field);
	int k;
	if (i < 0)
		return false;
	if (fd->col[i] >= 0)
		return true;
	for (k = 0; k < CAT__NLANG; k++)
		if (fd->lang[i][k] >= 0)
			return true;
	return false;
}

char *hsds_cell(struct csv_reader *r, int c)
{
	const char *s = csv_field(r, c);
	return s && *s ? xstrdup(s) : NULL;
}

void hsds_read_fields(const struct hsds_found *fd, void *rec, void *info)
{
	const struct hsds_file *hf = fd->file;
	size_t i;
	int k, pass;
	/* The fields' own columns first, then the plain HSDS columns that
	 * stand in for those the file does not have. */
	for (pass = 0; pass < 2; pass++)
		for (i = 0; i < hf->n_cols; i++) {
			const struct hsds_col *c = &hf->cols[i];
			const struct cat_field *fl = field_of(hf, c);
			void *p;
			long own;
			if (!fl || !(c->dir & HD_IMPORT) || (c->kind == HK_FIELD) != !pass ||
			    !(p = catalogue_field_ptr(fl, rec, info)))
				continue;
			own = c->kind == HK_FIELD ? (long)i : own_entry(hf, c->field);
			if (fl->shape == CS_LANGS) {
				struct cat_text *t = p;
				if (c->kind == HK_FIELD)
					for (k = 0; k < CAT__NLANG; k++)
						t->v[k] = hsds_cell(fd->r, fd->lang[i][k]);
				else if (c->kind == HK_PLAIN &&
					 (own < 0 || fd->lang[own][c->lang] < 0))
					t->v[c->lang] = hsds_cell(fd->r, fd->col[i]);
			} else if (fl->type == FT_STR || fl->type == FT_SHARED) {
				if (c->kind == HK_FIELD ||
				    (c->kind == HK_ALSO && (own < 0 || fd->col[own] < 0)))
					*(char **)p = hsds_cell(fd->r, fd->col[i]);
			}
		}
}

/* The text for a plain HSDS column: Finnish, else any language. */
static char *plain_text(const struct cat_text *t)
{
	const char *s = catalogue_text(t, "fi");
	return *s ? xstrdup(s) : NULL;
}

static char *dup_or_null(const char *s)
{
	return s ? xstrdup(s) : NULL;
}

/* Header names (rec NULL) or a record's values, for the export. */
static char **walk(enum hsds_file_id f, const void *rec, const void *info,
		   char *(*own)(void *arg, const char *name), void *arg,
		   size_t *n)
{
	const struct hsds_file *hf = hsds_file(f);
	char **v = xmalloc((hf->n_cols * CAT__NLANG + 1) * sizeof *v);
	size_t i, m = 0;
	int k;
	for (i = 0; i < hf->n_cols; i++) {
		const struct hsds_col *c = &hf->cols[i];
		const struct cat_field *fl = field_of(hf, c);
		const void *p = fl && rec ? catalogue_field_cptr(fl, rec, info) : NULL;
		if (!(c->dir & HD_EXPORT))
			continue;
		if (c->kind == HK_FIELD && fl && fl->shape == CS_LANGS) {
			for (k = 0; k < CAT__NLANG; k++)
				v[m++] = !rec ? xasprintf("%s_%s", c->name, catalogue_lang_code(k))
					: p ? dup_or_null(((const struct cat_text *)p)->v[k]) : NULL;
			continue;
		}
		if (!rec) {
			v[m++] = xstrdup(c->name);
			continue;
		}
		switch (c->kind) {
		case HK_CONST:
			v[m++] = xstrdup(c->value);
			break;
		case HK_OWN:
			v[m++] = own ? own(arg, c->name) : NULL;
			break;
		case HK_PLAIN:
			v[m++] = p ? plain_text(p) : NULL;
			break;
		case HK_FIELD:
		case HK_ALSO:
			if (!p)
				v[m++] = NULL;
			else if (fl->type == FT_CODE)
				v[m++] = dup_or_null(codes_code(fl->list, *(const int *)p));
			else if (fl->type == FT_INT)
				v[m++] = xasprintf("%d", *(const int *)p);
			else if (fl->type == FT_STR || fl->type == FT_SHARED)
				v[m++] = dup_or_null(*(char *const *)p);
			else
				v[m++] = own ? own(arg, c->name) : NULL;
			break;
		}
	}
	*n = m;
	return v;
}

char **hsds_header(enum hsds_file_id f, size_t *n)
{
	return walk(f, NULL, NULL, NULL, NULL, n);
}

char **hsds_row(enum hsds_file_id f, const void *rec, const void *info,
		char *(*own)(void *arg, const char *name), void *arg, size_t *n)
{
	return walk(f, rec, info, own, arg, n);
}

void hsds_row_free(char **row, size_t n)
{
	size_t i;
	for (i = 0; row && i < n; i++)
		free(row[i]);
	free(row);
}
