/* hsds_import: see hsds.h (hsds_import).
 *
 * The files are read in dependency order (meta, languages,
 * organisations, services, then the files that point at services), each
 * through the streaming CSV reader and one driver (read_file), looking
 * ids up in string maps (core/strmap), and build the catalogue with
 * catalogue_add_*(). Columns are found by the names and aliases of
 * hsds_cols.c, the table the export writes by, so 1.x and 3.x files (and
 * files with extra columns) read alike; the fields of the catalogue's
 * field table are read from their columns there (hsds_read_fields), and
 * only what a file does beyond that is written here.
 *
 * A rule that keeps export and import exact: an extension column that is
 * present decides, even when empty (name_fi empty means no Finnish name,
 * not "use the plain name"); plain HSDS columns are the fallback only when
 * the extension column is absent from the file.
 *
 * The files that point at records are read in hsds_links.c, schedules in
 * hsds_sched.c (hsds_import.h is what they share).
 *
 * Schedules: 1.x regular_schedules rows give a weekday (1 = Monday ... 7,
 * or a day name); 3.x schedule rows give byday ("MO,TU"). Either becomes
 * weekly spans. A row with a date (valid_from/valid_to, or 1.x
 * holiday_schedules start_date/end_date) and no day of the week becomes
 * dated exceptions, closed when it has no times. Monthly rules and
 * intervals other than 1 cannot be shown as weekly hours and are reported.
 * Times may carry seconds and a zone suffix ("09:00:00Z"); the zone is
 * ignored, as every desk runs in Helsinki. */
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

#include <json-c/json.h>

#include "core/catalogue.h"
#include "core/catalogue_import.h"
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

/* ---- shared helpers ---- */

bool hsds_blank(const char *s)
{
	if (!s)
		return true;
	for (; *s; s++)
		if (*s != ' ' && *s != '\t')
			return false;
	return true;
}

/* A copy without surrounding blanks, NULL when empty. */
char *hsds_trimmed(const char *s)
{
	return hsds_blank(s) ? NULL : csv_trim(s);
}

/* "YYYY-MM-DD", optionally followed by a time ("T..." or " ..."): days
 * since the epoch into *days; false when not a real date. */
bool hsds_parse_date(const char *s, long *days)
{
	char *t = hsds_trimmed(s), ymd[11];
	bool ok = t && strlen(t) >= 10 && (!t[10] || t[10] == 'T' || t[10] == ' ');
	if (ok) {
		memcpy(ymd, t, 10);
		ymd[10] = '\0';
		ok = hours_valid_date(ymd);
		if (ok)
			*days = hours_date_days(ymd);
	}
	free(t);
	return ok;
}

/* A language code as neuvoo keeps it: lower case, primary subtag only
 * ("fi-FI" -> "fi"). NULL when it is no code. */
char *hsds_norm_code(const char *s)
{
	char *t = hsds_trimmed(s), *p;
	if (!t)
		return NULL;
	for (p = t; *p; p++) {
		if (*p == '-' || *p == '_') {
			*p = '\0';
			break;
		}
		if (*p >= 'A' && *p <= 'Z')
			*p = (char)(*p - 'A' + 'a');
	}
	if (!catalogue_lang_code_ok(t)) {
		free(t);
		return NULL;
	}
	return t;
}

/* "FILE:LINE: what": ids and values from the files are in the message, so
 * it is sanitized here once for whoever prints it. */
void hsds_warn(struct imp *im, struct csv_reader *r, const char *fmt, ...)
{
	va_list ap;
	char *what, *msg, *clean;
	if (!im->warn)
		return;
	va_start(ap, fmt);
	if (vasprintf(&what, fmt, ap) < 0)
		what = NULL;
	va_end(ap);
	if (!what)
		return;
	msg = xasprintf("%s:%lu: %s", csv_name(r), csv_line(r), what);
	clean = text_sanitize(msg);
	im->warn(im->ctx, clean);
	free(clean);
	free(msg);
	free(what);
}

/* Open the first of names that exists in the folder. *r stays NULL when
 * none does; -1 (and *err) when one exists but cannot be read. */
static int open_table(struct imp *im, const char *const *names,
		      struct csv_reader **r)
{
	*r = NULL;
	for (; *names; names++) {
		char *path = paths_join(im->dir, *names);
		struct stat st;
		if (stat(path, &st) != 0) {
			free(path);
			continue;
		}
		*r = csv_open(path, true, im->warn, im->ctx, im->err);
		free(path);
		return *r ? 0 : -1;
	}
	return 0;
}

/* A code of list, as written in any case; -1 when it is none. */
int hsds_code_nocase(enum code_list list, const char *s)
{
	size_t i, n = codes_count(list);
	for (i = 0; s && i < n; i++)
		if (strcasecmp(s, codes_code(list, (int)i)) == 0)
			return (int)i;
	return -1;
}

bool hsds_text_any(const struct cat_text *t)
{
	int i;
	for (i = 0; i < CAT__NLANG; i++)
		if (t->v[i])
			return true;
	return false;
}

/* A service index for a row's service_id, or -1 (warned unless the row
 * belongs to a skipped inactive service or names no service at all). */
long hsds_row_service(struct imp *im, struct csv_reader *r, int c_sid,
			int c_salid)
{
	char *sid = hsds_trimmed(csv_field(r, c_sid));
	size_t idx;
	long out = -1;
	if (!sid) {
		/* Rows of a service at a location count for the service. */
		char *sal = hsds_trimmed(csv_field(r, c_salid));
		if (sal && strmap_get(&im->sals, sal, &idx))
			out = (long)idx;
		else if (sal && !strmap_get(&im->skipped, sal, NULL))
			hsds_warn(im, r, _("unknown service_at_location_id \"%s\"; row skipped"),
			      sal);
		free(sal);
		return out;
	}
	if (strmap_get(&im->svcs, sid, &idx))
		out = (long)idx;
	else if (!strmap_get(&im->skipped, sid, NULL))
		hsds_warn(im, r, _("unknown service_id \"%s\"; row skipped"), sid);
	free(sid);
	return out;
}

long hsds_row_located(struct imp *im, const struct hsds_found *fd)
{
	int c_sid = hsds_own(fd, "service_id");
	int c_sal = hsds_own(fd, "service_at_location_id");
	char *sid = hsds_trimmed(csv_field(fd->r, c_sid));
	char *sal = hsds_trimmed(csv_field(fd->r, c_sal));
	bool none = !sid && !sal;
	free(sid);
	free(sal);
	return none ? -2 : hsds_row_service(im, fd->r, c_sid, c_sal);
}

struct cat_language *hsds_add_language(struct imp *im, char *code)
{
	struct cat_language *l;
	strmap_put(&im->langs, code, 0);
	l = catalogue_add_language(im->cat);
	memset(l, 0, sizeof *l);
	l->code = code;
	return l;
}

long hsds_row_resource(struct imp *im, struct csv_reader *r, int c_rid)
{
	char *rid = hsds_trimmed(csv_field(r, c_rid));
	size_t idx;
	long out = -1;
	if (!rid)
		hsds_warn(im, r, _("no resource_id; row skipped"));
	else if (strmap_get(&im->res, rid, &idx))
		out = (long)idx;
	else
		hsds_warn(im, r, _("unknown resource_id \"%s\"; row skipped"), rid);
	free(rid);
	return out;
}

/* ---- the record files ---- */

static void meta_row(struct imp *im, const struct hsds_found *fd)
{
	struct csv_reader *r = fd->r;
	int c_val = hsds_own(fd, "value");
	char *key = hsds_trimmed(csv_field(r, hsds_own(fd, "key")));
	const char *val = csv_field(r, c_val);
	if (!key) {
		hsds_warn(im, r, _("no key; row skipped"));
	} else if (strcmp(key, "name") == 0) {
		free(im->cat->name);
		im->cat->name = hsds_cell(r, c_val);
	} else if (strcmp(key, "published") == 0) {
		free(im->cat->published);
		im->cat->published = hsds_cell(r, c_val);
	} else if (strcmp(key, "topic_order") == 0) {
		int order[TOPIC__N], n = 0;
		topic_set seen = 0;
		char *copy = xstrdup(val ? val : ""), *save = NULL, *tok;
		bool ok = true;
		for (tok = strtok_r(copy, ";, ", &save); tok;
		     tok = strtok_r(NULL, ";, ", &save)) {
			int t = codes_find(CODES_TOPIC, tok);
			if (t < 0 || n >= TOPIC__N || (seen & ((topic_set)1 << t))) {
				ok = false;
				break;
			}
			seen |= (topic_set)1 << t;
			order[n++] = t;
		}
		free(copy);
		if (ok && n == TOPIC__N)
			memcpy(im->cat->topic_order, order, sizeof order);
		else
			hsds_warn(im, r, _("topic_order is not every topic code once; row skipped"));
	}
	/* Other keys are for other tools or later versions. */
	free(key);
}

static void xlang_row(struct imp *im, const struct hsds_found *fd)
{
	struct cat_language row, *l;
	memset(&row, 0, sizeof row);
	hsds_read_fields(fd, &row, NULL);
	free(row.code);
	row.code = hsds_norm_code(csv_field(fd->r, hsds_field(fd, "code")));
	if (!row.code) {
		hsds_warn(im, fd->r, _("no valid language code; row skipped"));
	} else if (strmap_get(&im->langs, row.code, NULL)) {
		hsds_warn(im, fd->r, _("language \"%s\" listed twice; row skipped"), row.code);
	} else {
		l = hsds_add_language(im, row.code);
		l->name = row.name;
		l->native = row.native;
		return;
	}
	catalogue_fields_free(CAT_TABLE_language, CAT_WHERES_ALL, &row, NULL);
}

static void org_begin(struct imp *im, const struct hsds_found *fd)
{
	im->org_municipality_col = hsds_has_field(fd, "municipality");
}

static void org_row(struct imp *im, const struct hsds_found *fd)
{
	struct csv_reader *r = fd->r;
	struct cat_org row, *o;
	char *id, *kind;
	memset(&row, 0, sizeof row);
	hsds_read_fields(fd, &row, NULL);
	id = hsds_trimmed(row.id);
	free(row.id);
	row.id = id;
	row.kind = ORG_OTHER;
	if (!id) {
		hsds_warn(im, r, _("organization without an id; row skipped"));
		goto skip;
	}
	if (!hsds_text_any(&row.name)) {
		hsds_warn(im, r, _("organization \"%s\" has no name; row skipped"), id);
		goto skip;
	}
	if (!strmap_put(&im->orgs, id, im->cat->n_orgs)) {
		hsds_warn(im, r, _("organization id \"%s\" used twice; row skipped"), id);
		goto skip;
	}
	kind = hsds_trimmed(csv_field(r, hsds_field(fd, "kind")));
	if (kind) {
		int k = hsds_code_nocase(CODES_ORG_KIND, kind);
		if (k < 0)
			hsds_warn(im, r, _("unknown x_kind \"%s\" (city, public, ngo or other); taken as other"),
			      kind);
		else
			row.kind = (enum org_kind)k;
		free(kind);
	}
	o = catalogue_add_org(im->cat);
	*o = row;
	return;
skip:
	catalogue_fields_free(CAT_TABLE_organisation, CAT_WHERES_ALL, &row, NULL);
}

/* Topics as ;-joined codes (commas and blanks tolerated); unknown codes
 * are reported and left out. */
static topic_set parse_topics(struct imp *im, struct csv_reader *r,
			      const char *s)
{
	char *copy = xstrdup(s ? s : ""), *save = NULL, *tok;
	topic_set set = 0;
	for (tok = strtok_r(copy, ";, \t", &save); tok;
	     tok = strtok_r(NULL, ";, \t", &save)) {
		int t = codes_find(CODES_TOPIC, tok);
		if (t < 0)
			hsds_warn(im, r, _("unknown topic \"%s\" left out"), tok);
		else
			set |= (topic_set)1 << t;
	}
	free(copy);
	return set;
}

static char *parse_verified(struct imp *im, struct csv_reader *r,
			    const char *s)
{
	long days;
	char buf[11];
	if (hsds_blank(s))
		return NULL;
	if (!hsds_parse_date(s, &days)) {
		hsds_warn(im, r, _("verified date \"%s\" is not YYYY-MM-DD; left out"),
		      s);
		return NULL;
	}
	hours_days_date(days, buf);
	return xstrdup(buf);
}

static void service_row(struct imp *im, const struct hsds_found *fd)
{
	struct csv_reader *r = fd->r;
	struct cat_service_info info;
	struct cat_service row, *s;
	char *org = hsds_trimmed(csv_field(r, hsds_own(fd, "organization_id")));
	char *status = hsds_trimmed(csv_field(r, hsds_own(fd, "status")));
	char *appt, *id, *raw;
	size_t org_idx;
	int a = APPT_NO;

	memset(&row, 0, sizeof row);
	memset(&info, 0, sizeof info);
	row.info = &info;
	hsds_read_fields(fd, &row, &info);
	id = hsds_trimmed(row.id);
	free(row.id);
	row.id = id;
	if (!id) {
		hsds_warn(im, r, _("service without an id; row skipped"));
		goto skip;
	}
	if (status && (strcasecmp(status, "inactive") == 0 ||
		       strcasecmp(status, "defunct") == 0)) {
		/* Not an error: gone services are left out, and so are rows
		 * that point at them. */
		strmap_put(&im->skipped, id, 0);
		im->n_inactive++;
		goto skip;
	}
	if (!hsds_text_any(&row.name)) {
		hsds_warn(im, r, _("service \"%s\" has no name; row skipped"), id);
		goto skip;
	}
	if (!org) {
		hsds_warn(im, r, _("service \"%s\" has no organization_id; row skipped"), id);
		goto skip;
	}
	if (!strmap_get(&im->orgs, org, &org_idx)) {
		hsds_warn(im, r, _("service \"%s\": unknown organization_id \"%s\"; row skipped"),
		      id, org);
		goto skip;
	}
	if (strmap_get(&im->svcs, id, NULL)) {
		hsds_warn(im, r, _("service id \"%s\" used twice; row skipped"), id);
		goto skip;
	}
	appt = hsds_trimmed(csv_field(r, hsds_field(fd, "appointment")));
	if (appt) {
		a = hsds_code_nocase(CODES_APPOINTMENT, appt);
		if (a < 0) {
			hsds_warn(im, r, _("unknown appointment \"%s\" (no, yes or sometimes); taken as no"),
			      appt);
			a = APPT_NO;
		}
		free(appt);
	}
	strmap_put(&im->svcs, id, im->cat->n_services);
	s = catalogue_add_service(im->cat);
	row.topics = parse_topics(im, r, csv_field(r, hsds_own(fd, "topics")));
	info.appointment = (enum appointment)a;
	raw = info.verified;
	info.verified = parse_verified(im, r, raw);
	if (!raw)
		info.verified = parse_verified(im, r, csv_field(r, hsds_own(fd, "last_modified")));
	free(raw);
	*s->info = info;
	row.info = s->info;
	*s = row;
	s->org = org_idx;
	free(org);
	free(status);
	return;
skip:
	catalogue_fields_free(CAT_TABLE_service, CAT_WHERES_ALL, &row, &info);
	free(org);
	free(status);
}

/* Modalities as words separated by ; , or blanks, in any case; the
 * interpreter code "colleague" also stands for in-person. */
static unsigned parse_modalities(struct imp *im, struct csv_reader *r,
				 const char *s)
{
	char *mods, *save = NULL, *tok;
	unsigned bits = 0;
	if (!s)		/* no modality column */
		return 0;
	mods = xstrdup(s);
	for (tok = strtok_r(mods, ";, ", &save); tok;
	     tok = strtok_r(NULL, ";, ", &save)) {
		int m = hsds_code_nocase(CODES_MODALITY, tok);
		if (m < 0 && strcasecmp(tok, "colleague") == 0)
			m = MODALITY_INPERSON;
		if (m < 0)
			hsds_warn(im, r, _("unknown modality \"%s\" left out"), tok);
		else
			bits |= 1u << m;
	}
	free(mods);
	return bits;
}

static void resource_row(struct imp *im, const struct hsds_found *fd)
{
	struct csv_reader *r = fd->r;
	struct cat_resource row, *res;
	char *kind = hsds_trimmed(csv_field(r, hsds_field(fd, "kind")));
	char *lead = hsds_trimmed(csv_field(r, hsds_field(fd, "lead_minutes")));
	char *id;
	long lm = 0;
	int k = hsds_code_nocase(CODES_RES_KIND, kind);

	memset(&row, 0, sizeof row);
	hsds_read_fields(fd, &row, NULL);
	id = hsds_trimmed(row.id);
	free(row.id);
	row.id = id;
	if (!id) {
		hsds_warn(im, r, _("resource without an id; row skipped"));
		goto skip;
	}
	if (k < 0) {
		hsds_warn(im, r, _("resource \"%s\": kind must be colleague or interpreting; row skipped"),
		      id);
		goto skip;
	}
	if (!hsds_text_any(&row.name)) {
		hsds_warn(im, r, _("resource \"%s\" has no name; row skipped"), id);
		goto skip;
	}
	if (strmap_get(&im->res, id, NULL)) {
		hsds_warn(im, r, _("resource id \"%s\" used twice; row skipped"), id);
		goto skip;
	}
	row.modality = parse_modalities(im, r, csv_field(r, hsds_own(fd, "modality")));
	if (lead) {
		char *end;
		errno = 0;
		lm = strtol(lead, &end, 10);
		if (errno || *end || lm < 0 || lm > INT_MAX) {
			hsds_warn(im, r, _("lead_minutes \"%s\" is not a number of minutes; taken as 0"),
			      lead);
			lm = 0;
		}
	}
	row.kind = (enum res_kind)k;
	row.lead_minutes = (int)lm;
	strmap_put(&im->res, id, im->cat->n_resources);
	res = catalogue_add_resource(im->cat);
	*res = row;
	free(kind);
	free(lead);
	return;
skip:
	catalogue_fields_free(CAT_TABLE_resource, CAT_WHERES_ALL, &row, NULL);
	free(kind);
	free(lead);
}

/* ---- the driver ---- */

/* The files in the order they are read: what a file points at is read
 * before it. */
static const struct step {
	enum hsds_file_id file;
	bool required;
	void (*begin)(struct imp *im, const struct hsds_found *fd);
	void (*row)(struct imp *im, const struct hsds_found *fd);
	void (*end)(struct imp *im);
} steps[] = {
	{ HF_META, false, NULL, meta_row, NULL },
	{ HF_XLANG, false, NULL, xlang_row, NULL },
	{ HF_ORG, true, org_begin, org_row, NULL },
	{ HF_SERVICE, true, NULL, service_row, NULL },
	{ HF_ELIG, false, NULL, hsds_elig_row, NULL },
	{ HF_SLANG, false, NULL, hsds_slang_row, NULL },
	{ HF_LOCATION, false, NULL, hsds_location_row, NULL },
	{ HF_ADDRESS, false, NULL, hsds_address_row, NULL },
	{ HF_SAL, false, NULL, hsds_sal_row, NULL },
	{ HF__N, false, NULL, NULL, hsds_apply_addresses },
	{ HF_TAXTERM, false, NULL, hsds_taxterm_row, NULL },
	{ HF_SVCTAX, false, NULL, hsds_svctax_row, NULL },
	/* After services at locations, which phones may name. */
	{ HF_PHONE, false, NULL, hsds_phone_row, NULL },
	{ HF__N, false, NULL, NULL, hsds_apply_phones },
	{ HF_REGULAR, false, hsds_sched_begin, hsds_schedule_row, NULL },
	{ HF_HOLIDAY, false, hsds_sched_begin, hsds_schedule_row, NULL },
	{ HF_SCHEDULE, false, hsds_sched_begin, hsds_schedule_row, NULL },
	{ HF_RES, false, NULL, resource_row, NULL },
	{ HF_RLANG, false, NULL, hsds_rlang_row, NULL },
	{ HF_RHOURS, false, hsds_sched_begin, hsds_rhours_row, NULL },
};

/* One file: open the first of its names that exists, find its columns,
 * hand each row on. */
static int read_file(struct imp *im, const struct step *s)
{
	struct csv_reader *r;
	struct hsds_found fd;
	int st;
	if (s->end) {
		s->end(im);
		return 0;
	}
	if (open_table(im, hsds_file(s->file)->names, &r) < 0)
		return -1;
	if (!r) {
		if (s->file == HF_ORG)
			err_set(im->err, _("%s: no organization.csv or organizations.csv; an HSDS package needs one"),
				im->dir);
		else if (s->required)
			err_set(im->err, _("%s: no service.csv or services.csv; an HSDS package needs one"),
				im->dir);
		return s->required ? -1 : 0;
	}
	if (csv_expect_columns(r, 2, im->err) != 0) {
		csv_close(&r);
		return -1;
	}
	hsds_find(&fd, s->file, r);
	if (s->begin)
		s->begin(im, &fd);
	while ((st = csv_next(r, im->err)) > 0)
		s->row(im, &fd);
	csv_close(&r);
	return st < 0 ? -1 : 0;
}

static int cmp_lang(const void *a, const void *b)
{
	const struct cat_language *x = a, *y = b;
	return strcmp(x->code, y->code);
}

static void imp_free(struct imp *im)
{
	size_t i;
	strmap_clear(&im->orgs);
	strmap_clear(&im->svcs);
	strmap_clear(&im->skipped);
	strmap_clear(&im->langs);
	strmap_clear(&im->res);
	strmap_clear(&im->locs);
	strmap_clear(&im->sals);
	if (im->org_phones)
		for (i = 0; i < im->n_org_phones; i++)
			hsds_phones_free(&im->org_phones[i]);
	free(im->org_phones);
	mapping_free(&im->lang_names);
	mapping_free(&im->tax_topics);
	strmap_clear(&im->phone_langs);
	for (i = 0; i < im->n_phone_codes; i++)
		free(im->phone_codes[i]);
	free(im->phone_codes);
	strmap_clear(&im->terms);
	for (i = 0; i < im->n_term; i++)
		free(im->term[i].name);
	free(im->term);
	for (i = 0; i < im->n_loc; i++) {
		hsds_phones_free(&im->loc[i].phones);
		free(im->loc[i].org_id);
		catalogue_fields_free(CAT_TABLE_service, 1u << CW_INFO, NULL,
				      &im->loc[i].a);
		free(im->loc[i].city);
	}
	free(im->loc);
	for (i = 0; i < im->n_links; i++)
		free(im->links[i].loc_id);
	free(im->links);
}

static int import_dir(const char *dir, struct catalogue **out,
		      void (*warn)(void *ctx, const char *msg), void *ctx,
		      size_t *n_inactive, size_t *n_unmapped, size_t *n_unused,
		      char **err)
{
	struct imp im;
	struct stat st;
	size_t i;
	int rc = 0;

	*out = NULL;
	if (stat(dir, &st) != 0) {
		err_set(err, _("%s: %s; give the folder of an HSDS package"),
			dir, strerror(errno));
		return -1;
	}
	if (!S_ISDIR(st.st_mode)) {
		err_set(err, _("%s: not a folder; give the folder of an HSDS package"),
			dir);
		return -1;
	}
	memset(&im, 0, sizeof im);
	im.dir = dir;
	im.warn = warn;
	im.ctx = ctx;
	im.err = err;
	im.cat = catalogue_new();
	if (mapping_load("hsds-languages.csv", &im.lang_names, err) != 0 ||
	    mapping_load("hsds-taxonomy.csv", &im.tax_topics, err) != 0) {
		catalogue_free(&im.cat);
		imp_free(&im);
		return -1;
	}

	for (i = 0; !rc && i < sizeof steps / sizeof steps[0]; i++)
		rc = read_file(&im, &steps[i]);

	if (rc) {
		catalogue_free(&im.cat);
	} else {
		/* The catalogue keeps languages sorted by code. */
		if (im.cat->n_languages > 1)
			qsort(im.cat->languages, im.cat->n_languages,
			      sizeof *im.cat->languages, cmp_lang);
		*out = im.cat;
	}
	*n_inactive = im.n_inactive;
	*n_unmapped = im.n_unmapped;
	*n_unused = im.n_attr_unused;
	imp_free(&im);
	return rc;
}

int hsds_import(const char *dir, struct catalogue **out,
		void (*warn)(void *ctx, const char *msg), void *ctx,
		char **err)
{
	size_t n, u, a;
	return import_dir(dir, out, warn, ctx, &n, &u, &a, err);
}

#define HSDS_PACKAGE_MAX (1L << 20)

/* The package's own name: datapackage.json's "title", else its "name"
 * (Frictionless Data), read when the catalogue's meta gives none. A file
 * that is not such JSON is said, never fatal: the CSV files are the data. */
static void package_name(const char *dir, struct catalogue *cat,
			 struct import_log *log)
{
	char *path = xasprintf("%s/datapackage.json", dir);
	const char *keys[] = { "title", "name" };
	json_object *root = NULL, *v;
	struct stat st;
	size_t i;

	if (stat(path, &st) != 0) {
		free(path);
		return;
	}
	if (!S_ISREG(st.st_mode) || st.st_size > HSDS_PACKAGE_MAX ||
	    !(root = json_object_from_file(path)) ||
	    !json_object_is_type(root, json_type_object)) {
		import_log_note(log, _("%s: not a data package description (JSON object of at most 1 MiB); its name is not used"),
				path);
	} else if (!cat->name) {
		for (i = 0; i < sizeof keys / sizeof keys[0]; i++)
			if (json_object_object_get_ex(root, keys[i], &v) &&
			    json_object_is_type(v, json_type_string) &&
			    json_object_get_string_len(v) > 0 &&
			    text_valid(json_object_get_string(v),
				       (size_t)json_object_get_string_len(v))) {
				cat->name = xstrdup(json_object_get_string(v));
				import_log_note(log, _("%s: the package \"%s\""), dir, cat->name);
				break;
			}
	}
	json_object_put(root);
	free(path);
}

int hsds_import_log(const char *dir, struct catalogue **out,
		    struct import_log *log, char **err)
{
	size_t n = 0, u = 0, a = 0;
	int rc = import_dir(dir, out, import_log_warn, log, &n, &u, &a, err);
	if (rc == 0)
		package_name(dir, *out, log);
	if (rc == 0 && n)
		import_log_note(log, ngettext("%s: %zu inactive service not imported",
					      "%s: %zu inactive services not imported", n),
				dir, n);
	if (rc == 0 && u)
		import_log_note(log, ngettext("%s: %zu taxonomy term gives no topic (see the mapping tables in the catalogue admin guide)",
					      "%s: %zu taxonomy terms give no topic (see the mapping tables in the catalogue admin guide)", u),
				dir, u);
	if (rc == 0 && a)
		import_log_note(log, ngettext("%s: %zu attribute of organisations, phones or other records not kept (the catalogue keeps those of services, services at locations and locations)",
					      "%s: %zu attributes of organisations, phones or other records not kept (the catalogue keeps those of services, services at locations and locations)", a),
				dir, a);
	return rc;
}
