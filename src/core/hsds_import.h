/* hsds_import: what the files of the HSDS import share (hsds_import.c:
 * the driver and the record files; hsds_links.c: the files that point at
 * records; hsds_taxonomy.c: terms and attributes; hsds_sched.c:
 * schedules). Private to them. */
#ifndef NEUVOO_HSDS_IMPORT_H
#define NEUVOO_HSDS_IMPORT_H

#include <stdbool.h>
#include <stddef.h>

#include "core/catalogue.h"
#include "core/csv.h"
#include "core/hours.h"
#include "core/hsds_cols.h"
#include "core/mapping.h"
#include "core/strmap.h"

/* The columns of a schedule file. */
enum sched_col {
	SC_WEEKDAY, SC_BYDAY, SC_FREQ, SC_INTERVAL, SC_OPENS, SC_CLOSES,
	SC_FROM, SC_TO, SC_DTSTART, SC_START_DATE, SC_END_DATE, SC_CLOSED,
	SC__N
};

struct sched_cols {
	int c[SC__N];
};

/* Phones of a location or an organisation, for services without one. */
struct phones {
	struct cat_phone *v;
	size_t n;
};

struct loc {
	char *org_id;
	/* The address's fields of a service's details (address, its parts,
	 * municipality), for the services at this location. */
	struct cat_service_info a;
	char *city;
	bool have_addr;
	bool postal;		/* the address held is a postal one */
	struct phones phones;
};

struct link {
	size_t svc;
	char *loc_id;
};

struct imp {
	const char *dir;
	struct catalogue *cat;
	void (*warn)(void *ctx, const char *msg);
	void *ctx;
	char **err;
	struct strmap orgs, svcs, skipped, langs, res, locs, sals;
	struct loc *loc;
	size_t n_loc;
	struct link *links;
	size_t n_links;
	bool org_municipality_col;
	size_t n_inactive;
	struct phones *org_phones;	/* one an organisation, or NULL */
	size_t n_org_phones;
	struct mapping *lang_names;	/* language names to codes */
	struct mapping *tax_topics;	/* taxonomy terms to topic codes */
	struct strmap terms;		/* term id -> index of term[] */
	struct term {
		int topic;		/* -1: none */
		char *name;		/* its name (else its code), or NULL */
	} *term;
	size_t n_term;
	size_t n_unmapped;		/* terms no topic maps */
	size_t n_attr_unused;		/* attributes of records neuvoo has not */
	struct strmap phone_langs;	/* phone id -> index into phone_codes */
	char **phone_codes;		/* "en es": a phone's languages */
	size_t n_phone_codes;	/* services left out as inactive or defunct */
	struct sched_cols sched;	/* of the schedule file being read */
};

/* "FILE:LINE: what", sanitized, to the import's warn callback. */
void hsds_warn(struct imp *im, struct csv_reader *r, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));
bool hsds_blank(const char *s);
/* A copy without surrounding blanks, NULL when empty. */
char *hsds_trimmed(const char *s);
/* "YYYY-MM-DD", optionally followed by a time: days since the epoch. */
bool hsds_parse_date(const char *s, long *days);
/* A language code as neuvoo keeps it ("fi-FI" -> "fi"), or NULL. */
char *hsds_norm_code(const char *s);
/* A code of list, as written in any case; -1 when it is none. */
int hsds_code_nocase(enum code_list list, const char *s);
bool hsds_text_any(const struct cat_text *t);
/* The record a row names (warned when unknown), or -1. */
long hsds_row_service(struct imp *im, struct csv_reader *r, int c_sid,
		      int c_salid);
long hsds_row_resource(struct imp *im, struct csv_reader *r, int c_rid);
struct cat_language *hsds_add_language(struct imp *im, char *code);

/* The row of a file that names a service or a service at a location:
 * its service, -1 when unknown (warned), -2 when it names neither (an
 * organisation's or a location's row). */
long hsds_row_located(struct imp *im, const struct hsds_found *fd);

/* The rows of the files read in hsds_links.c and hsds_sched.c. */
void hsds_elig_row(struct imp *im, const struct hsds_found *fd);
void hsds_phone_row(struct imp *im, const struct hsds_found *fd);
void hsds_slang_row(struct imp *im, const struct hsds_found *fd);
void hsds_location_row(struct imp *im, const struct hsds_found *fd);
void hsds_address_row(struct imp *im, const struct hsds_found *fd);
void hsds_sal_row(struct imp *im, const struct hsds_found *fd);
void hsds_apply_addresses(struct imp *im);
/* Services with no phone of their own get their locations' phones, else
 * their organisation's. */
void hsds_apply_phones(struct imp *im);
void hsds_phones_free(struct phones *p);
void hsds_rlang_row(struct imp *im, const struct hsds_found *fd);
void hsds_sched_begin(struct imp *im, const struct hsds_found *fd);
void hsds_schedule_row(struct imp *im, const struct hsds_found *fd);
void hsds_taxterm_row(struct imp *im, const struct hsds_found *fd);
void hsds_svctax_row(struct imp *im, const struct hsds_found *fd);
void hsds_rhours_row(struct imp *im, const struct hsds_found *fd);
/* One schedule row into h (warned and skipped when unusable). */
void hsds_sched_row(struct imp *im, struct csv_reader *r,
		    const struct sched_cols *c, struct hours *h);

#endif
