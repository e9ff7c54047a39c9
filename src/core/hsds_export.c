/* hsds_export: see hsds.h (hsds_export). A catalogue as an HSDS 3.x
 * package with neuvoo's extension files, so that importing the export
 * gives back an equal catalogue.
 *
 * Every file's header and the columns that carry catalogue fields come
 * from hsds_cols.c, the table the import reads by. Each file is written
 * under a temporary name (core/atomic); only when all are complete are
 * they synced, renamed into place and the folder synced. */
#include <config.h>

#include <errno.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "core/atomic.h"
#include "core/catalogue.h"
#include "core/codes.h"
#include "core/csv.h"
#include "core/err.h"
#include "core/hours.h"
#include "core/hsds.h"
#include "core/hsds_cols.h"
#include "core/i18n.h"
#include "core/paths.h"

/* The files in the order they are written. */
static const enum hsds_file_id exported[] = {
	HF_META, HF_XLANG, HF_ORG, HF_SERVICE, HF_PHONE, HF_SLANG, HF_SCHEDULE,
	HF_LOCATION, HF_ADDRESS, HF_SAL, HF_RES, HF_RLANG, HF_RHOURS,
};
#define N_EXPORTED (sizeof exported / sizeof exported[0])

struct out {
	struct atomic_file af;
	FILE *f;
};

struct exp {
	const char *dir;
	char **err;
	struct out o[HF__N];	/* by file id */
	bool failed;
};

/* Open file id's temporary file and write its header. */
static void out_open(struct exp *ex, enum hsds_file_id id)
{
	struct out *o = &ex->o[id];
	char *path, **header;
	size_t n;
	if (ex->failed)
		return;
	path = paths_join(ex->dir, hsds_file(id)->names[0]);
	if (atomic_create(&o->af, path, 0644) != 0) {
		err_set(ex->err, _("%s: cannot create: %s"), o->af.tmp,
			strerror(errno));
		free(path);
		ex->failed = true;
		return;
	}
	free(path);
	o->f = fdopen(o->af.fd, "wb");
	if (!o->f) {
		err_set(ex->err, _("%s: cannot write: %s"), o->af.tmp,
			strerror(errno));
		ex->failed = true;
		return;
	}
	o->af.fd = -1;	/* the stream has it now */
	header = hsds_header(id, &n);
	csv_write_row(o->f, (const char *const *)header, n);
	hsds_row_free(header, n);
}

/* Close every file; on success sync and rename each into place, then
 * sync the folder once. */
static int out_finish(struct exp *ex)
{
	size_t i;
	for (i = 0; i < HF__N; i++) {
		struct out *o = &ex->o[i];
		if (!o->f)
			continue;
		if (!ex->failed && (fflush(o->f) != 0 || ferror(o->f))) {
			err_set(ex->err, _("%s: cannot write: %s"), o->af.tmp,
				strerror(errno ? errno : EIO));
			ex->failed = true;
		}
		if (fclose(o->f) != 0 && !ex->failed) {
			err_set(ex->err, _("%s: cannot write: %s"), o->af.tmp,
				strerror(errno));
			ex->failed = true;
		}
		o->f = NULL;
		if (!ex->failed && atomic_sync(&o->af) != 0) {
			err_set(ex->err, _("%s: cannot write: %s"), o->af.tmp,
				strerror(errno));
			ex->failed = true;
		}
	}
	for (i = 0; i < HF__N; i++) {
		struct out *o = &ex->o[i];
		if (!o->af.path)
			continue;
		if (!ex->failed && atomic_rename(&o->af) != 0) {
			err_set(ex->err, _("%s: cannot rename into place: %s"),
				o->af.path, strerror(errno));
			ex->failed = true;
		}
	}
	/* The renames themselves must survive a power cut. */
	if (!ex->failed)
		atomic_sync_dir(ex->dir);
	for (i = 0; i < HF__N; i++)
		atomic_abort(&ex->o[i].af);
	return ex->failed ? -1 : 0;
}

/* A row of own values for a file without catalogue fields. */
#define ROW(ex, id, ...)                                                    \
	do {                                                                \
		const char *row_[] = { __VA_ARGS__ };                       \
		if ((ex)->o[id].f)                                          \
			csv_write_row((ex)->o[id].f, row_,                  \
				      sizeof row_ / sizeof *row_);          \
	} while (0)

/* A record's row of a file with fields; own columns from own(). */
static void write_record(struct exp *ex, enum hsds_file_id id, const void *rec,
			 const void *info, char *(*own)(void *, const char *),
			 void *arg)
{
	size_t n;
	char **row;
	if (!ex->o[id].f)
		return;
	row = hsds_row(id, rec, info, own, arg, &n);
	csv_write_row(ex->o[id].f, (const char *const *)row, n);
	hsds_row_free(row, n);
}

static const char *const day_codes[7] = { "MO", "TU", "WE", "TH", "FR",
					  "SA", "SU" };

/* Weekly spans as rows, consecutive spans with the same times (and
 * different days) sharing one byday; then the exceptions, one a date. */
static void write_hours(struct exp *ex, enum hsds_file_id id, const char *owner,
			const struct hours *h, bool with_ids)
{
	size_t i = 0, n = 0;
	while (i < h->n_spans) {
		size_t j = i + 1;
		unsigned seen = 1u << h->spans[i].day;
		char byday[7 * 3 + 1] = "", op[6], cl[6];
		char *sid;
		while (j < h->n_spans && h->spans[j].open == h->spans[i].open &&
		       h->spans[j].close == h->spans[i].close &&
		       !(seen & (1u << h->spans[j].day))) {
			seen |= 1u << h->spans[j].day;
			j++;
		}
		for (; i < j; i++) {
			if (*byday)
				strcat(byday, ",");
			strcat(byday, day_codes[h->spans[i].day % 7]);
		}
		hours_minutes_str(h->spans[j - 1].open, op);
		hours_minutes_str(h->spans[j - 1].close, cl);
		if (with_ids) {
			sid = xasprintf("%s-schedule-%zu", owner, ++n);
			ROW(ex, id, sid, owner, "WEEKLY", byday, op, cl, "", "", "");
			free(sid);
		} else {
			ROW(ex, id, owner, byday, op, cl, "", "");
		}
	}
	for (i = 0; i < h->n_ex; i++) {
		const struct hours_exception *e = &h->ex[i];
		char op[6] = "", cl[6] = "";
		char *sid;
		if (!e->closed) {
			hours_minutes_str(e->open, op);
			hours_minutes_str(e->close, cl);
		}
		if (with_ids) {
			sid = xasprintf("%s-schedule-%zu", owner, ++n);
			ROW(ex, id, sid, owner, "", "", op, cl, e->date, e->date,
			    e->closed ? "closed" : "");
			free(sid);
		} else {
			ROW(ex, id, owner, "", op, cl, e->date, e->date);
		}
	}
}

/* The English name of a language for HSDS's name column, else any. */
static const char *language_name_en(const struct catalogue *cat,
				    const char *code)
{
	const struct cat_language *l = catalogue_language(cat, code);
	const char *s;
	if (!l)
		return NULL;
	if (l->name.v[CAT_EN])
		return l->name.v[CAT_EN];
	s = catalogue_text(&l->name, "fi");
	return *s ? s : NULL;
}

/* Own columns of the record files. */
struct own_ctx {
	const struct catalogue *cat;
	const struct cat_service *s;
	const struct cat_resource *r;
	size_t phone;		/* the phone's number, from 1 */
	bool address;		/* writing the service's address row */
};

/* HSDS's address_1: the street and number in Finnish (else the first
 * language that has a street), else the flat text of old catalogues. */
static char *address_1(const struct cat_service_info *in)
{
	const char *st = catalogue_text(&in->street, "fi");
	if (!*st)
		return in->address ? xstrdup(in->address) : NULL;
	return in->street_number ? xasprintf("%s %s", st, in->street_number)
				 : xstrdup(st);
}

static char *own_value(void *arg, const char *name)
{
	struct own_ctx *o = arg;
	if (o->s && !strcmp(name, "organization_id"))
		return xstrdup(o->s->org < o->cat->n_orgs
			       ? o->cat->orgs[o->s->org].id : "");
	if (o->s && !strcmp(name, "topics"))
		return codes_topics_join(o->s->topics);
	if (o->s && o->address) {
		const struct cat_service_info *in = o->s->info;
		const char *po = catalogue_text(&in->post_office, "fi");
		if (!strcmp(name, "id"))
			return xasprintf("%s-address", o->s->id);
		if (!strcmp(name, "location_id"))
			return xasprintf("%s-location", o->s->id);
		if (!strcmp(name, "address_1"))
			return address_1(in);
		if (!strcmp(name, "city"))
			return *po ? xstrdup(po)
			       : in->municipality ? xstrdup(in->municipality) : NULL;
		if (!strcmp(name, "state_province"))
			return xstrdup("");
		if (!strcmp(name, "address_type"))
			return xstrdup("physical");
		return NULL;
	}
	if (o->s && !strcmp(name, "service_id"))
		return xstrdup(o->s->id);
	if (o->s && !strcmp(name, "id") && o->phone)
		return xasprintf("%s-phone-%zu", o->s->id, o->phone);
	if (o->r && !strcmp(name, "modality"))
		return codes_join_bits(CODES_MODALITY, o->r->modality, ";");
	return NULL;
}

static void write_meta(struct exp *ex, const struct catalogue *cat)
{
	char *order = xstrdup(""), *t;
	size_t i;
	if (cat->name)
		ROW(ex, HF_META, "name", cat->name);
	if (cat->published)
		ROW(ex, HF_META, "published", cat->published);
	for (i = 0; i < TOPIC__N; i++) {
		const char *c = codes_code(CODES_TOPIC, cat->topic_order[i]);
		t = xasprintf("%s%s%s", order, i ? ";" : "", c ? c : "?");
		free(order);
		order = t;
	}
	ROW(ex, HF_META, "topic_order", order);
	free(order);
}

static void write_service(struct exp *ex, const struct catalogue *cat,
			  const struct cat_service *s)
{
	struct own_ctx o = { cat, s, NULL, 0, false };
	const char *org = s->org < cat->n_orgs ? cat->orgs[s->org].id : "";
	size_t j;
	char *id;

	write_record(ex, HF_SERVICE, s, s->info, own_value, &o);
	for (j = 0; j < s->info->n_phones; j++) {
		o.phone = j + 1;
		write_record(ex, HF_PHONE, &s->info->phones[j], NULL, own_value, &o);
	}
	for (j = 0; j < s->n_languages; j++) {
		id = xasprintf("%s-language-%zu", s->id, j + 1);
		ROW(ex, HF_SLANG, id, s->id, language_name_en(cat, s->languages[j]),
		    s->languages[j]);
		free(id);
	}
	write_hours(ex, HF_SCHEDULE, s->id, &s->hours, true);
	if (catalogue_info_has_address(s->info)) {
		char *lid = xasprintf("%s-location", s->id);
		char *sid = xasprintf("%s-at-location", s->id);
		const char *name = catalogue_text(&s->name, "fi");
		ROW(ex, HF_LOCATION, lid, org, "physical", *name ? name : NULL);
		o.address = true;
		write_record(ex, HF_ADDRESS, s, s->info, own_value, &o);
		o.address = false;
		ROW(ex, HF_SAL, sid, s->id, lid);
		free(lid);
		free(sid);
	}
}

int hsds_export(const struct catalogue *cat, const char *dir, char **err)
{
	struct exp ex;
	struct stat st;
	size_t i, j;

	if (!catalogue_whole(cat)) {
		err_set(err, _("%s: not exported: the catalogue was loaded without its details"),
			dir);
		return -1;
	}
	if (mkdir(dir, 0755) != 0 && errno != EEXIST) {
		err_set(err, _("%s: cannot create the folder: %s"), dir,
			strerror(errno));
		return -1;
	}
	if (stat(dir, &st) != 0 || !S_ISDIR(st.st_mode)) {
		err_set(err, _("%s: not a folder; give a folder to export into"),
			dir);
		return -1;
	}
	memset(&ex, 0, sizeof ex);
	ex.dir = dir;
	ex.err = err;
	for (i = 0; i < HF__N; i++)
		ex.o[i].af.fd = -1;
	for (i = 0; i < N_EXPORTED; i++)
		out_open(&ex, exported[i]);
	if (ex.failed)
		return out_finish(&ex);

	write_meta(&ex, cat);
	for (i = 0; i < cat->n_languages; i++)
		write_record(&ex, HF_XLANG, &cat->languages[i], NULL, NULL, NULL);
	for (i = 0; i < cat->n_orgs; i++)
		write_record(&ex, HF_ORG, &cat->orgs[i], NULL, NULL, NULL);
	for (i = 0; i < cat->n_services; i++)
		write_service(&ex, cat, &cat->services[i]);
	for (i = 0; i < cat->n_resources; i++) {
		const struct cat_resource *r = &cat->resources[i];
		struct own_ctx o = { cat, NULL, r, 0, false };
		write_record(&ex, HF_RES, r, NULL, own_value, &o);
		for (j = 0; j < r->n_languages; j++)
			ROW(&ex, HF_RLANG, r->id, r->languages[j].code,
			    r->languages[j].dialects);
		write_hours(&ex, HF_RHOURS, r->id, &r->hours, false);
	}
	return out_finish(&ex);
}
