/* catalogue_fields: see catalogue_fields.h. The rows of the X-macros as
 * run-time tables, for the code that walks a record field by field (the
 * loader, publish, check, HSDS). */
#include <config.h>

#include <stdlib.h>
#include <string.h>

#include "core/catalogue.h"
#include "core/catalogue_fields.h"
#include "core/i18n.h"

/* The structs a table's rows name (FT_OWN rows name none). */
#define CF_S_meta_REC struct catalogue
#define CF_S_language_REC struct cat_language
#define CF_S_organisation_REC struct cat_org
#define CF_S_service_REC struct cat_service
#define CF_S_service_WORDS struct cat_service
#define CF_S_service_INFO struct cat_service_info
#define CF_S_service_phone_REC struct cat_phone
#define CF_S_resource_REC struct cat_resource
#define CF_S_resource_language_REC struct cat_res_lang

#define CF_OFF_FT_OWN(t, where, member) 0
#define CF_OFF_ANY(t, where, member) offsetof(CF_S_##t##_##where, member)
#define CF_OFF_FT_STR CF_OFF_ANY
#define CF_OFF_FT_SHARED CF_OFF_ANY
#define CF_OFF_FT_TEXT CF_OFF_ANY
#define CF_OFF_FT_STEXT CF_OFF_ANY
#define CF_OFF_FT_CODE CF_OFF_ANY
#define CF_OFF_FT_INT CF_OFF_ANY

#define CF_ROW_(t, col, shape, decl, type, arg, where, member, check, label, since) \
	{ #col, CS_##shape, type, (enum code_list)(arg), CW_##where,	\
	  CF_OFF_##type(t, where, member), check, label, since },

/* One array a table: ROWS(F1, F) with both bound to a row of table t. */
#define CF_ARRAY_(t, rows, tail)					\
	static const struct cat_field fields_##t[] = {			\
		rows(CF_ROW_##t##_, CF_ROW_##t##_)			\
	};
#define CF_ROW_meta_(...) CF_ROW_(meta, __VA_ARGS__)
#define CF_ROW_language_(...) CF_ROW_(language, __VA_ARGS__)
#define CF_ROW_organisation_(...) CF_ROW_(organisation, __VA_ARGS__)
#define CF_ROW_service_(...) CF_ROW_(service, __VA_ARGS__)
#define CF_ROW_service_topic_(...) CF_ROW_(service_topic, __VA_ARGS__)
#define CF_ROW_service_language_(...) CF_ROW_(service_language, __VA_ARGS__)
#define CF_ROW_service_phone_(...) CF_ROW_(service_phone, __VA_ARGS__)
#define CF_ROW_service_hours_(...) CF_ROW_(service_hours, __VA_ARGS__)
#define CF_ROW_service_exception_(...) CF_ROW_(service_exception, __VA_ARGS__)
#define CF_ROW_resource_(...) CF_ROW_(resource, __VA_ARGS__)
#define CF_ROW_resource_language_(...) CF_ROW_(resource_language, __VA_ARGS__)
#define CF_ROW_resource_hours_(...) CF_ROW_(resource_hours, __VA_ARGS__)
#define CF_ROW_topic_order_(...) CF_ROW_(topic_order, __VA_ARGS__)

CAT_TABLES(CF_ARRAY_)

#define CF_NCOL_ONE 1
#define CF_NCOL_LANGS CAT__NLANG
#define CF_NCOL_(col, shape, ...) + CF_NCOL_##shape
#define CF_TABLE_(t, rows, tail)					\
	[CAT_TABLE_##t] = { #t, fields_##t,				\
			    sizeof fields_##t / sizeof fields_##t[0],	\
			    0 rows(CF_NCOL_, CF_NCOL_) },
static const struct cat_table tables[CAT_TABLE__N] = { CAT_TABLES(CF_TABLE_) };

#define CF_LANG_CODE_(a, b, U, l) #l,
static const char *const lang_codes[CAT__NLANG] = { CAT_LANGS(CF_LANG_CODE_, _, _) };

const char *catalogue_lang_code(int lang)
{
	return lang >= 0 && lang < CAT__NLANG ? lang_codes[lang] : NULL;
}

const struct cat_table *catalogue_fields(enum cat_table_id t)
{
	return (int)t >= 0 && t < CAT_TABLE__N ? &tables[t] : NULL;
}

const struct cat_field *catalogue_field(enum cat_table_id t, const char *col)
{
	const struct cat_table *tb = catalogue_fields(t);
	size_t i;
	for (i = 0; tb && i < tb->n_fields; i++)
		if (!strcmp(tb->fields[i].col, col))
			return &tb->fields[i];
	return NULL;
}

int catalogue_field_column(enum cat_table_id t, const char *col)
{
	const struct cat_table *tb = catalogue_fields(t);
	size_t i;
	int c = 0;
	for (i = 0; tb && i < tb->n_fields; i++) {
		if (!strcmp(tb->fields[i].col, col))
			return c;
		c += CAT_FIELD_COLUMNS(&tb->fields[i]);
	}
	return -1;
}

void *catalogue_field_ptr(const struct cat_field *f, void *rec, void *info)
{
	char *base = f->where == CW_INFO ? info : rec;
	return base ? base + f->offset : NULL;
}

const void *catalogue_field_cptr(const struct cat_field *f, const void *rec,
				 const void *info)
{
	const char *base = f->where == CW_INFO ? info : rec;
	return base ? base + f->offset : NULL;
}

void catalogue_fields_strings(enum cat_table_id t, unsigned wheres, void *rec,
			      void *info, void (*fn)(void *ctx, char **s),
			      void *ctx)
{
	const struct cat_table *tb = catalogue_fields(t);
	size_t i;
	int k;
	for (i = 0; i < tb->n_fields; i++) {
		const struct cat_field *f = &tb->fields[i];
		void *p;
		if (!(wheres & (1u << f->where)) || !(p = catalogue_field_ptr(f, rec, info)))
			continue;
		if (f->type == FT_STR || f->type == FT_SHARED)
			fn(ctx, p);
		else if (f->type == FT_TEXT || f->type == FT_STEXT)
			for (k = 0; k < CAT__NLANG; k++)
				fn(ctx, &((struct cat_text *)p)->v[k]);
	}
}

static void free_string(void *ctx, char **s)
{
	(void)ctx;
	free(*s);
	*s = NULL;
}

void catalogue_fields_free(enum cat_table_id t, unsigned wheres, void *rec,
			   void *info)
{
	catalogue_fields_strings(t, wheres, rec, info, free_string, NULL);
}
