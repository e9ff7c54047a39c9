/* hsds_cols: the HSDS files and their columns as neuvoo maps them, one
 * table for both directions: the export writes each file's columns in
 * this order (HSDS's own columns in the order of the 3.x specification,
 * then neuvoo's extensions) and the import finds its columns by these
 * names and their aliases (1.x and other spellings).
 *
 * A column either carries a field of the catalogue's field table
 * (catalogue_fields.h: its value, its type, all its languages) or is the
 * file's own (ids HSDS needs, references, codes with their messages,
 * schedules). The PTV and TPR importers are to map into the field table
 * the same way. Private to hsds_import.c and hsds_export.c. */
#ifndef NEUVOO_HSDS_COLS_H
#define NEUVOO_HSDS_COLS_H

#include <stdbool.h>
#include <stddef.h>

#include "core/catalogue.h"
#include "core/csv.h"

enum hsds_kind {
	HK_FIELD,	/* the field (a LANGS field: columns NAME_fi ...) */
	HK_PLAIN,	/* a LANGS field as one plain HSDS text: exported as
			 * the Finnish text, else any; imported as language
			 * `lang` when that language's own column is absent */
	HK_ALSO,	/* a ONE field again, as HSDS's own column: imported
			 * only when the field's own column is absent */
	HK_CONST,	/* exported as `value`; the import reads it itself */
	HK_OWN		/* the file's own code writes and reads it */
};

enum { HD_EXPORT = 1, HD_IMPORT = 2, HD_BOTH = 3 };

struct hsds_col {
	const char *name;	/* as exported (a LANGS field: the base) */
	const char *alias;	/* another name the import accepts, or NULL */
	enum hsds_kind kind;
	unsigned dir;		/* HD_*: which directions use it */
	const char *field;	/* HK_FIELD, HK_PLAIN, HK_ALSO: its column */
	int lang;		/* HK_PLAIN: CAT_FI ... */
	const char *value;	/* HK_CONST */
};

enum hsds_file_id {
	HF_META, HF_XLANG, HF_ORG, HF_SERVICE, HF_ELIG, HF_PHONE, HF_SLANG,
	HF_SCHEDULE, HF_REGULAR, HF_HOLIDAY, HF_LOCATION, HF_ADDRESS, HF_SAL,
	HF_RES, HF_RLANG, HF_RHOURS, HF_TAXTERM, HF_SVCTAX, HF__N
};

struct hsds_file {
	/* The file names, the exported (3.x or neuvoo's) first, then what
	 * the import also reads; NULL-terminated. */
	const char *const *names;
	enum cat_table_id table;	/* the fields' table */
	const struct hsds_col *cols;
	size_t n_cols;
};

const struct hsds_file *hsds_file(enum hsds_file_id f);

/* A file's columns as the reader of one file found them: one index per
 * catalogue column of the file's fields and per own column. */
#define HSDS_MAX_COLS 32

struct hsds_found {
	const struct hsds_file *file;
	struct csv_reader *r;
	int col[HSDS_MAX_COLS];	/* per entry of file->cols: its column or -1 */
	int lang[HSDS_MAX_COLS][CAT__NLANG];	/* HK_FIELD of a LANGS field */
};

/* Field of column c as an owned string; NULL when absent or empty. Text
 * is kept as written (surrounding blanks too) so exports read back. */
char *hsds_cell(struct csv_reader *r, int c);
/* Look every column of file up in r's header. */
void hsds_find(struct hsds_found *fd, enum hsds_file_id f,
	       struct csv_reader *r);
/* The column of the file's own (HK_OWN, HK_CONST) column name, or -1. */
int hsds_own(const struct hsds_found *fd, const char *name);
/* The column of a ONE field's own column (its first name found), or -1;
 * of one language of a LANGS field. */
int hsds_field(const struct hsds_found *fd, const char *field);
int hsds_field_lang(const struct hsds_found *fd, const char *field, int lang);
/* Whether the field's own column (any language of a LANGS one) is in the
 * file. */
bool hsds_has_field(const struct hsds_found *fd, const char *field);
/* Read every field column of the current row into rec (and info):
 * strings and texts; FT_CODE, FT_INT and FT_OWN are the caller's. */
void hsds_read_fields(const struct hsds_found *fd, void *rec, void *info);
/* The header of file f for the export (free with hsds_row_free). */
char **hsds_header(enum hsds_file_id f, size_t *n);
/* The row of record rec for file f, every value a new string or NULL:
 * field columns from the record, HK_CONST ones their value, own columns
 * (by name) what own(arg, name) returns (a new string or NULL). */
char **hsds_row(enum hsds_file_id f, const void *rec, const void *info,
		char *(*own)(void *arg, const char *name), void *arg, size_t *n);
void hsds_row_free(char **row, size_t n);

#endif
