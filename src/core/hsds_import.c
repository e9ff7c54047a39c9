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

#include "core/catalogue.h"
#include "core/codes.h"
#include "core/csv.h"
#include "core/err.h"
#include "core/hours.h"
#include "core/hsds.h"
#include "core/hsds_cols.h"
#include "core/i18n.h"
#include "core/paths.h"
#include "core/strmap.h"
#include "core/text.h"

static const char *const day_names[7] = { "monday", "tuesday", "wednesday",
					  "thursday", "friday", "saturday",
					  "sunday" };

/* ---- small parsers ---------------------------------------------------- */

static bool is_blank(const char *s)
{
	if (!s)
		return true;
	for (; *s; s++)
		if (*s != ' ' && *s != '\t')
			return false;
	return true;
}

/* A copy without surrounding blanks, NULL when empty. */
static char *trimmed(const char *s)
{
	size_t n;
	if (is_blank(s))
		return NULL;
	while (*s == ' ' || *s == '\t')
		s++;
	n = strlen(s);
	while (n && (s[n - 1] == ' ' || s[n - 1] == '\t'))
		n--;
	return xstrndup(s, n);
}

/* Field of column c as an owned string; NULL when absent or empty. Text
 * is kept as written (surrounding blanks too) so exports read back. */
static char *dupv(struct csv_reader *r, int c)
{
	const char *s = csv_field(r, c);
	return s && *s ? xstrdup(s) : NULL;
}

/* "YYYY-MM-DD", optionally followed by a time ("T..." or " ..."): days
 * since the epoch into *days; false when not a real date. */
static bool parse_date(const char *s, long *days)
{
	char *t = trimmed(s), ymd[11];
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

static bool truthy(const char *s)
{
	static const char *const yes[] = { "1", "true", "t", "yes", "y" };
	size_t i;
	char *t = trimmed(s);
	bool ok = false;
	for (i = 0; t && i < sizeof yes / sizeof *yes; i++)
		if (strcasecmp(t, yes[i]) == 0)
			ok = true;
	free(t);
	return ok;
}

/* "9", "09:00", "9.00", "09:00:00", "09:00Z", "09:00+02:00": minutes after
 * midnight, or -1. */
static int parse_clock(const char *s)
{
	int h = 0, m = 0, n = 0;
	const char *p = s;
	while (*p == ' ')
		p++;
	if (*p < '0' || *p > '9')
		return -1;
	while (*p >= '0' && *p <= '9' && n < 3) {
		h = h * 10 + (*p++ - '0');
		n++;
	}
	if (n > 2)
		return -1;
	if (*p == ':' || *p == '.') {
		p++;
		if (p[0] < '0' || p[0] > '5' || p[1] < '0' || p[1] > '9')
			return -1;
		m = (p[0] - '0') * 10 + (p[1] - '0');
		p += 2;
		if (*p == ':') {	/* seconds, ignored */
			if (p[1] < '0' || p[1] > '5' || p[2] < '0' ||
			    p[2] > '9')
				return -1;
			p += 3;
		}
	}
	if (*p == 'Z' || *p == 'z')
		p++;
	else if (*p == '+' || *p == '-')
		p += strspn(p + 1, "0123456789:") + 1;
	while (*p == ' ')
		p++;
	if (*p || h > 24 || (h == 24 && m))
		return -1;
	return h * 60 + m;
}

/* "MO", "Monday", "mon", "1" (ISO: 1 = Monday): 0..6, or -1. */
static int parse_day(const char *s)
{
	char *t = trimmed(s);
	int d = -1, i;
	size_t n;
	if (!t)
		return -1;
	n = strlen(t);
	if (n == 1 && t[0] >= '1' && t[0] <= '7')
		d = t[0] - '1';
	else if (n >= 2)
		for (i = 0; i < 7; i++)
			if (n <= strlen(day_names[i]) &&
			    strncasecmp(t, day_names[i], n) == 0)
				d = i;
	free(t);
	return d;
}

static bool valid_code(const char *s)
{
	size_t n = strlen(s), i;
	if (n < 2 || n > 3)
		return false;
	for (i = 0; i < n; i++)
		if (s[i] < 'a' || s[i] > 'z')
			return false;
	return true;
}

/* A language code as neuvoo keeps it: lower case, primary subtag only
 * ("fi-FI" -> "fi"). NULL when it is no code. */
static char *norm_code(const char *s)
{
	char *t = trimmed(s), *p;
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
	if (!valid_code(t)) {
		free(t);
		return NULL;
	}
	return t;
}

/* ---- the import ------------------------------------------------------- */

/* The columns of a schedule file. */
struct sched_cols {
	int weekday, byday, freq, interval, opens, closes;
	int from, to, dtstart, start_date, end_date, closed;
};

struct loc {
	char *org_id;
	char *address;
	char *city;
	bool have_addr;
	bool postal;		/* the address held is a postal one */
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
	struct sched_cols sched;	/* of the schedule file being read */
};

static void warnf(struct imp *im, struct csv_reader *r, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

/* "FILE:LINE: what": ids and values from the files are in the message, so
 * it is sanitized here once for whoever prints it. */
static void warnf(struct imp *im, struct csv_reader *r, const char *fmt, ...)
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
static int code_nocase(enum code_list list, const char *s)
{
	size_t i, n = codes_count(list);
	for (i = 0; s && i < n; i++)
		if (strcasecmp(s, codes_code(list, (int)i)) == 0)
			return (int)i;
	return -1;
}

static bool text_any(const struct cat_text *t)
{
	int i;
	for (i = 0; i < CAT__NLANG; i++)
		if (t->v[i])
			return true;
	return false;
}

/* A service index for a row's service_id, or -1 (warned unless the row
 * belongs to a skipped inactive service or names no service at all). */
static long row_service(struct imp *im, struct csv_reader *r, int c_sid,
			int c_salid)
{
	char *sid = trimmed(csv_field(r, c_sid));
	size_t idx;
	long out = -1;
	if (!sid) {
		/* Rows of a service at a location count for the service. */
		char *sal = trimmed(csv_field(r, c_salid));
		if (sal && strmap_get(&im->sals, sal, &idx))
			out = (long)idx;
		else if (sal && !strmap_get(&im->skipped, sal, NULL))
			warnf(im, r, _("unknown service_at_location_id \"%s\"; row skipped"),
			      sal);
		free(sal);
		return out;
	}
	if (strmap_get(&im->svcs, sid, &idx))
		out = (long)idx;
	else if (!strmap_get(&im->skipped, sid, NULL))
		warnf(im, r, _("unknown service_id \"%s\"; row skipped"), sid);
	free(sid);
	return out;
}

/* ---- the files, row by row ---- */

static void meta_row(struct imp *im, const struct hsds_found *fd)
{
	struct csv_reader *r = fd->r;
	int c_val = hsds_own(fd, "value");
	char *key = trimmed(csv_field(r, hsds_own(fd, "key")));
	const char *val = csv_field(r, c_val);
	if (!key) {
		warnf(im, r, _("no key; row skipped"));
	} else if (strcmp(key, "name") == 0) {
		free(im->cat->name);
		im->cat->name = dupv(r, c_val);
	} else if (strcmp(key, "published") == 0) {
		free(im->cat->published);
		im->cat->published = dupv(r, c_val);
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
			warnf(im, r, _("topic_order is not every topic code once; row skipped"));
	}
	/* Other keys are for other tools or later versions. */
	free(key);
}

static struct cat_language *add_language(struct imp *im, char *code)
{
	struct cat_language *l;
	strmap_put(&im->langs, code, 0);
	l = catalogue_add_language(im->cat);
	memset(l, 0, sizeof *l);
	l->code = code;
	return l;
}

static void xlang_row(struct imp *im, const struct hsds_found *fd)
{
	struct cat_language row, *l;
	memset(&row, 0, sizeof row);
	hsds_read_fields(fd, &row, NULL);
	free(row.code);
	row.code = norm_code(csv_field(fd->r, hsds_field(fd, "code")));
	if (!row.code) {
		warnf(im, fd->r, _("no valid language code; row skipped"));
	} else if (strmap_get(&im->langs, row.code, NULL)) {
		warnf(im, fd->r, _("language \"%s\" listed twice; row skipped"), row.code);
	} else {
		l = add_language(im, row.code);
		l->name = row.name;
		l->native = row.native;
		return;
	}
	free(row.code);
	cat_text_free(&row.name);
	free(row.native);
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
	id = trimmed(row.id);
	free(row.id);
	row.id = id;
	row.kind = ORG_OTHER;
	if (!id) {
		warnf(im, r, _("organization without an id; row skipped"));
		goto skip;
	}
	if (!text_any(&row.name)) {
		warnf(im, r, _("organization \"%s\" has no name; row skipped"), id);
		goto skip;
	}
	if (!strmap_put(&im->orgs, id, im->cat->n_orgs)) {
		warnf(im, r, _("organization id \"%s\" used twice; row skipped"), id);
		goto skip;
	}
	kind = trimmed(csv_field(r, hsds_field(fd, "kind")));
	if (kind) {
		int k = code_nocase(CODES_ORG_KIND, kind);
		if (k < 0)
			warnf(im, r, _("unknown x_kind \"%s\" (city, public, ngo or other); taken as other"),
			      kind);
		else
			row.kind = (enum org_kind)k;
		free(kind);
	}
	o = catalogue_add_org(im->cat);
	*o = row;
	return;
skip:
	free(row.id);
	cat_text_free(&row.name);
	free(row.web);
	free(row.municipality);
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
			warnf(im, r, _("unknown topic \"%s\" left out"), tok);
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
	if (is_blank(s))
		return NULL;
	if (!parse_date(s, &days)) {
		warnf(im, r, _("verified date \"%s\" is not YYYY-MM-DD; left out"),
		      s);
		return NULL;
	}
	hours_days_date(days, buf);
	return xstrdup(buf);
}

/* What a skipped row had read. */
static void service_drop(struct cat_service *s)
{
	struct cat_service_info *in = s->info;
	free(s->id);
	cat_text_free(&s->name);
	cat_text_free(&s->description);
	free(s->keywords);
	cat_text_free(&in->eligibility);
	free(in->email);
	free(in->web);
	free(in->address);
	free(in->municipality);
	free(in->verified);
}

static void service_row(struct imp *im, const struct hsds_found *fd)
{
	struct csv_reader *r = fd->r;
	struct cat_service_info info;
	struct cat_service row, *s;
	char *org = trimmed(csv_field(r, hsds_own(fd, "organization_id")));
	char *status = trimmed(csv_field(r, hsds_own(fd, "status")));
	char *appt, *id, *raw;
	size_t org_idx;
	int a = APPT_NO;

	memset(&row, 0, sizeof row);
	memset(&info, 0, sizeof info);
	row.info = &info;
	hsds_read_fields(fd, &row, &info);
	id = trimmed(row.id);
	free(row.id);
	row.id = id;
	if (!id) {
		warnf(im, r, _("service without an id; row skipped"));
		goto skip;
	}
	if (status && (strcasecmp(status, "inactive") == 0 ||
		       strcasecmp(status, "defunct") == 0)) {
		/* Not an error: gone services are left out, and so are rows
		 * that point at them. */
		strmap_put(&im->skipped, id, 0);
		goto skip;
	}
	if (!text_any(&row.name)) {
		warnf(im, r, _("service \"%s\" has no name; row skipped"), id);
		goto skip;
	}
	if (!org) {
		warnf(im, r, _("service \"%s\" has no organization_id; row skipped"), id);
		goto skip;
	}
	if (!strmap_get(&im->orgs, org, &org_idx)) {
		warnf(im, r, _("service \"%s\": unknown organization_id \"%s\"; row skipped"),
		      id, org);
		goto skip;
	}
	if (strmap_get(&im->svcs, id, NULL)) {
		warnf(im, r, _("service id \"%s\" used twice; row skipped"), id);
		goto skip;
	}
	appt = trimmed(csv_field(r, hsds_field(fd, "appointment")));
	if (appt) {
		a = code_nocase(CODES_APPOINTMENT, appt);
		if (a < 0) {
			warnf(im, r, _("unknown appointment \"%s\" (no, yes or sometimes); taken as no"),
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
	free(raw);
	*s->info = info;
	row.info = s->info;
	*s = row;
	s->org = org_idx;
	free(org);
	free(status);
	return;
skip:
	service_drop(&row);
	free(org);
	free(status);
}

/* 1.x eligibility.csv: one text a row, added to the Finnish text. */
static void elig_row(struct imp *im, const struct hsds_found *fd)
{
	struct csv_reader *r = fd->r;
	int c_text = hsds_own(fd, "eligibility");
	long si = row_service(im, r, hsds_own(fd, "service_id"), -1);
	char *text, **fi;
	if (c_text < 0)
		c_text = hsds_own(fd, "description");
	text = trimmed(csv_field(r, c_text));
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

static void phone_row(struct imp *im, const struct hsds_found *fd)
{
	struct csv_reader *r = fd->r;
	int c_sid = hsds_own(fd, "service_id");
	int c_sal = hsds_own(fd, "service_at_location_id");
	char *sid = trimmed(csv_field(r, c_sid));
	char *sal = trimmed(csv_field(r, c_sal));
	char *num, *ext, *type;
	struct cat_service *s;
	struct cat_phone *p;
	long si;
	if (!sid && !sal)
		/* An organisation's or location's phone: neuvoo keeps phones
		 * per service only. */
		return;
	free(sid);
	free(sal);
	si = row_service(im, r, c_sid, c_sal);
	if (si < 0)
		return;
	num = trimmed(csv_field(r, hsds_field(fd, "number")));
	if (!num) {
		warnf(im, r, _("phone without a number; row skipped"));
		return;
	}
	ext = trimmed(csv_field(r, hsds_own(fd, "extension")));
	if (ext) {
		char *both = xasprintf("%s (%s)", num, ext);
		free(num);
		free(ext);
		num = both;
	}
	s = &im->cat->services[si];
	s->info->phones = xrealloc(s->info->phones,
				   (s->info->n_phones + 1) * sizeof *s->info->phones);
	p = &s->info->phones[s->info->n_phones++];
	memset(p, 0, sizeof *p);
	hsds_read_fields(fd, p, NULL);
	free(p->number);
	p->number = num;
	type = trimmed(csv_field(r, hsds_own(fd, "type")));
	if (hsds_field_lang(fd, "label", CAT_FI) < 0 && !p->label.v[CAT_FI] && type &&
	    !standard_phone_type(type)) {
		p->label.v[CAT_FI] = type;
		type = NULL;
	}
	free(type);
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

static void slang_row(struct imp *im, const struct hsds_found *fd)
{
	struct csv_reader *r = fd->r;
	int c_sid = hsds_own(fd, "service_id"), c_name = hsds_own(fd, "name");
	char *sid = trimmed(csv_field(r, c_sid)), *code = NULL;
	const char *raw;
	struct cat_service *s;
	size_t i;
	long si;
	if (!sid)	/* a location's or phone's language */
		return;
	free(sid);
	si = row_service(im, r, c_sid, -1);
	if (si < 0)
		return;
	raw = csv_field(r, hsds_own(fd, "code"));
	if (is_blank(raw))
		raw = csv_field(r, hsds_own(fd, "language"));
	code = norm_code(raw);
	if (!code && !is_blank(raw)) {
		/* 1.x files often hold names ("Somali"). */
		char *t = trimmed(raw);
		const char *known = language_by_name(im->cat, t);
		free(t);
		code = xstrdup(known);
	}
	if (!code && !is_blank(csv_field(r, c_name))) {
		char *t = trimmed(csv_field(r, c_name));
		code = xstrdup(language_by_name(im->cat, t));
		free(t);
	}
	if (!code) {
		warnf(im, r, _("language without a usable ISO 639 code; row skipped"));
		return;
	}
	if (!strmap_get(&im->langs, code, NULL)) {
		struct cat_language *l = add_language(im, xstrdup(code));
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
static void sched_cols_find(const struct hsds_found *fd, struct sched_cols *c)
{
	c->weekday = hsds_own(fd, "weekday");
	c->byday = hsds_own(fd, "byday");
	c->freq = hsds_own(fd, "freq");
	c->interval = hsds_own(fd, "interval");
	c->opens = hsds_own(fd, "opens_at");
	c->closes = hsds_own(fd, "closes_at");
	c->from = hsds_own(fd, "valid_from");
	c->to = hsds_own(fd, "valid_to");
	c->dtstart = hsds_own(fd, "dtstart");
	c->start_date = hsds_own(fd, "start_date");
	c->end_date = hsds_own(fd, "end_date");
	c->closed = hsds_own(fd, "closed");
}

/* Opening and closing minutes of a row; false (warned) when unusable. */
static bool row_times(struct imp *im, struct csv_reader *r,
		      const struct sched_cols *c, int *open, int *close)
{
	const char *o = csv_field(r, c->opens), *e = csv_field(r, c->closes);
	if (is_blank(o) || is_blank(e)) {
		warnf(im, r, _("opens_at and closes_at are both needed; row skipped"));
		return false;
	}
	*open = parse_clock(o);
	*close = parse_clock(e);
	if (*open < 0 || *close < 0) {
		warnf(im, r, _("times \"%s\"-\"%s\" are not HH:MM; row skipped"),
		      o, e);
		return false;
	}
	if (*open == 1440)
		*open = -1;
	if (*close == 0 && *open > 0)
		*close = 1440;	/* closes at midnight */
	if (*open < 0 || *close <= *open) {
		warnf(im, r, _("closes at or before it opens (hours past midnight are not supported); row skipped"));
		return false;
	}
	return true;
}

/* Days of the week named by a 1.x weekday or a 3.x byday, as a bit set in
 * order of appearance into days[]; returns how many, or -1 (warned). */
static int row_days(struct imp *im, struct csv_reader *r, const char *list,
		    int days[7])
{
	char *copy = xstrdup(list), *save = NULL, *tok;
	int n = 0, seen = 0;
	for (tok = strtok_r(copy, ", ;", &save); tok;
	     tok = strtok_r(NULL, ", ;", &save)) {
		int d = parse_day(tok);
		if (d < 0) {
			if (strpbrk(tok, "+-0123456789"))
				warnf(im, r, _("monthly days such as \"%s\" cannot be weekly hours; row skipped"),
				      tok);
			else
				warnf(im, r, _("unknown day \"%s\"; row skipped"),
				      tok);
			free(copy);
			return -1;
		}
		if (!(seen & (1 << d))) {
			seen |= 1 << d;
			days[n++] = d;
		}
	}
	free(copy);
	return n;
}

static void sched_row(struct imp *im, struct csv_reader *r,
		      const struct sched_cols *c, struct hours *h)
{
	const char *days_s = csv_field(r, c->weekday);
	const char *freq = csv_field(r, c->freq);
	const char *start, *end;
	long d0, d1, d;
	int days[7], n, i, open = 0, close = 0;
	bool closed;

	if (is_blank(days_s))
		days_s = csv_field(r, c->byday);
	if (!is_blank(days_s)) {
		char *iv = trimmed(csv_field(r, c->interval));
		bool bad_iv = iv && strcmp(iv, "1") != 0;
		free(iv);
		if (freq && !is_blank(freq) && strcasecmp(freq, "WEEKLY") != 0 &&
		    strcasecmp(freq, "DAILY") != 0) {
			warnf(im, r, _("freq \"%s\" cannot be weekly hours; row skipped"),
			      freq);
			return;
		}
		if (bad_iv) {
			warnf(im, r, _("an interval other than 1 cannot be weekly hours; row skipped"));
			return;
		}
		n = row_days(im, r, days_s, days);
		if (n <= 0 || !row_times(im, r, c, &open, &close))
			return;
		for (i = 0; i < n; i++)
			hours_add_span(h, days[i], open, close);
		return;
	}

	start = csv_field(r, c->start_date);
	end = csv_field(r, c->end_date);
	if (is_blank(start)) {
		start = csv_field(r, c->from);
		end = csv_field(r, c->to);
	}
	if (is_blank(start))
		start = csv_field(r, c->dtstart);
	if (is_blank(start)) {
		if (!is_blank(csv_field(r, c->opens)))
			warnf(im, r, _("hours with neither a day of the week nor a date; row skipped"));
		return;
	}
	if (!parse_date(start, &d0)) {
		warnf(im, r, _("date \"%s\" is not YYYY-MM-DD; row skipped"),
		      start);
		return;
	}
	d1 = d0;
	if (!is_blank(end) && !parse_date(end, &d1)) {
		warnf(im, r, _("date \"%s\" is not YYYY-MM-DD; row skipped"),
		      end);
		return;
	}
	if (d1 < d0 || d1 - d0 > 366) {
		warnf(im, r, _("dates do not make a range of at most a year; row skipped"));
		return;
	}
	closed = truthy(csv_field(r, c->closed)) ||
		 (is_blank(csv_field(r, c->opens)) &&
		  is_blank(csv_field(r, c->closes)));
	if (!closed && !row_times(im, r, c, &open, &close))
		return;
	for (d = d0; d <= d1; d++) {
		char buf[11];
		hours_days_date(d, buf);
		hours_add_exception(h, buf, closed, open, close);
	}
}

static void schedule_row(struct imp *im, const struct hsds_found *fd)
{
	struct csv_reader *r = fd->r;
	int c_sid = hsds_own(fd, "service_id");
	int c_sal = hsds_own(fd, "service_at_location_id");
	char *sid = trimmed(csv_field(r, c_sid));
	char *sal = trimmed(csv_field(r, c_sal));
	bool none = !sid && !sal;
	long si;
	free(sid);
	free(sal);
	if (none)	/* a location's schedule */
		return;
	si = row_service(im, r, c_sid, c_sal);
	if (si >= 0)
		sched_row(im, r, &im->sched, &im->cat->services[si].hours);
}

/* ---- locations and addresses ---- */

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

static void location_row(struct imp *im, const struct hsds_found *fd)
{
	char *id = trimmed(csv_field(fd->r, hsds_own(fd, "id")));
	struct loc *l;
	if (!id) {
		warnf(im, fd->r, _("location without an id; row skipped"));
		return;
	}
	l = get_loc(im, id);
	if (!l->org_id)
		l->org_id = trimmed(csv_field(fd->r, hsds_own(fd, "organization_id")));
	free(id);
}

static void address_row(struct imp *im, const struct hsds_found *fd)
{
	struct csv_reader *r = fd->r;
	char *lid = trimmed(csv_field(r, hsds_own(fd, "location_id")));
	char *a1, *a2, *post, *text = NULL;
	const char *type = csv_field(r, hsds_own(fd, "address_type"));
	bool postal = type && strcasecmp(type, "postal") == 0;
	struct loc *l;
	if (!lid) {
		warnf(im, r, _("address without a location_id; row skipped"));
		return;
	}
	l = get_loc(im, lid);
	free(lid);
	/* A physical address wins over a postal one; else the first. */
	if (l->have_addr && (!l->postal || postal))
		return;
	free(l->address);
	free(l->city);
	a1 = dupv(r, hsds_own(fd, "address_1"));
	a2 = trimmed(csv_field(r, hsds_own(fd, "address_2")));
	post = trimmed(csv_field(r, hsds_own(fd, "postal_code")));
	l->city = trimmed(csv_field(r, hsds_own(fd, "city")));
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
	free(a2);
	free(post);
	l->address = text;
	l->have_addr = true;
	l->postal = postal;
}

static void sal_row(struct imp *im, const struct hsds_found *fd)
{
	struct csv_reader *r = fd->r;
	int c_sid = hsds_own(fd, "service_id");
	char *id = trimmed(csv_field(r, hsds_own(fd, "id")));
	char *sid = trimmed(csv_field(r, c_sid));
	char *lid = trimmed(csv_field(r, hsds_own(fd, "location_id")));
	long si = -1;
	if (!sid || !lid) {
		warnf(im, r, _("service_id and location_id are both needed; row skipped"));
	} else if (strmap_get(&im->skipped, sid, NULL)) {
		if (id)
			strmap_put(&im->skipped, id, 0);
	} else if ((si = row_service(im, r, c_sid, -1)) >= 0) {
		if (!strmap_get(&im->locs, lid, NULL))
			warnf(im, r, _("unknown location_id \"%s\"; row skipped"), lid);
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
static void apply_addresses(struct imp *im)
{
	size_t i, idx;
	for (i = 0; i < im->n_links; i++) {
		struct cat_service *s = &im->cat->services[im->links[i].svc];
		struct loc *l;
		if (!strmap_get(&im->locs, im->links[i].loc_id, &idx))
			continue;
		l = &im->loc[idx];
		if (!l->have_addr || s->info->address || s->info->municipality)
			continue;
		s->info->address = xstrdup(l->address);
		s->info->municipality = xstrdup(l->city);
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

/* ---- resources ---- */

static void resource_drop(struct cat_resource *r)
{
	free(r->id);
	cat_text_free(&r->name);
	free(r->unit);
	free(r->phone);
	free(r->email);
	free(r->web);
	cat_text_free(&r->note);
}

/* Modalities as words separated by ; , or blanks, in any case; the
 * interpreter code "colleague" also stands for in-person. */
static unsigned parse_modalities(struct imp *im, struct csv_reader *r,
				 const char *s)
{
	char *mods = xstrdup(s), *save = NULL, *tok;
	unsigned bits = 0;
	for (tok = strtok_r(mods, ";, ", &save); tok;
	     tok = strtok_r(NULL, ";, ", &save)) {
		int m = code_nocase(CODES_MODALITY, tok);
		if (m < 0 && strcasecmp(tok, "colleague") == 0)
			m = MODALITY_INPERSON;
		if (m < 0)
			warnf(im, r, _("unknown modality \"%s\" left out"), tok);
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
	char *kind = trimmed(csv_field(r, hsds_field(fd, "kind")));
	char *lead = trimmed(csv_field(r, hsds_field(fd, "lead_minutes")));
	char *id;
	long lm = 0;
	int k = code_nocase(CODES_RES_KIND, kind);

	memset(&row, 0, sizeof row);
	hsds_read_fields(fd, &row, NULL);
	id = trimmed(row.id);
	free(row.id);
	row.id = id;
	if (!id) {
		warnf(im, r, _("resource without an id; row skipped"));
		goto skip;
	}
	if (k < 0) {
		warnf(im, r, _("resource \"%s\": kind must be colleague or interpreting; row skipped"),
		      id);
		goto skip;
	}
	if (!text_any(&row.name)) {
		warnf(im, r, _("resource \"%s\" has no name; row skipped"), id);
		goto skip;
	}
	if (strmap_get(&im->res, id, NULL)) {
		warnf(im, r, _("resource id \"%s\" used twice; row skipped"), id);
		goto skip;
	}
	row.modality = parse_modalities(im, r, csv_field(r, hsds_own(fd, "modality")));
	if (lead) {
		char *end;
		errno = 0;
		lm = strtol(lead, &end, 10);
		if (errno || *end || lm < 0 || lm > INT_MAX) {
			warnf(im, r, _("lead_minutes \"%s\" is not a number of minutes; taken as 0"),
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
	resource_drop(&row);
	free(kind);
	free(lead);
}

static long row_resource(struct imp *im, struct csv_reader *r, int c_rid)
{
	char *rid = trimmed(csv_field(r, c_rid));
	size_t idx;
	long out = -1;
	if (!rid)
		warnf(im, r, _("no resource_id; row skipped"));
	else if (strmap_get(&im->res, rid, &idx))
		out = (long)idx;
	else
		warnf(im, r, _("unknown resource_id \"%s\"; row skipped"), rid);
	free(rid);
	return out;
}

static void rlang_row(struct imp *im, const struct hsds_found *fd)
{
	struct csv_reader *r = fd->r;
	long ri = row_resource(im, r, hsds_own(fd, "resource_id"));
	struct cat_resource *res;
	struct cat_res_lang *l;
	char *code;
	if (ri < 0)
		return;
	code = norm_code(csv_field(r, hsds_own(fd, "code")));
	if (!code) {
		warnf(im, r, _("no valid language code; row skipped"));
		return;
	}
	if (!strmap_get(&im->langs, code, NULL)) {
		struct cat_language *cl = add_language(im, xstrdup(code));
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

static void sched_begin(struct imp *im, const struct hsds_found *fd)
{
	sched_cols_find(fd, &im->sched);
}

static void rhours_row(struct imp *im, const struct hsds_found *fd)
{
	long ri = row_resource(im, fd->r, hsds_own(fd, "resource_id"));
	if (ri >= 0)
		sched_row(im, fd->r, &im->sched, &im->cat->resources[ri].hours);
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
	{ HF_ELIG, false, NULL, elig_row, NULL },
	{ HF_PHONE, false, NULL, phone_row, NULL },
	{ HF_SLANG, false, NULL, slang_row, NULL },
	{ HF_LOCATION, false, NULL, location_row, NULL },
	{ HF_ADDRESS, false, NULL, address_row, NULL },
	{ HF_SAL, false, NULL, sal_row, NULL },
	{ HF__N, false, NULL, NULL, apply_addresses },
	{ HF_REGULAR, false, sched_begin, schedule_row, NULL },
	{ HF_HOLIDAY, false, sched_begin, schedule_row, NULL },
	{ HF_SCHEDULE, false, sched_begin, schedule_row, NULL },
	{ HF_RES, false, NULL, resource_row, NULL },
	{ HF_RLANG, false, NULL, rlang_row, NULL },
	{ HF_RHOURS, false, sched_begin, rhours_row, NULL },
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
	for (i = 0; i < im->n_loc; i++) {
		free(im->loc[i].org_id);
		free(im->loc[i].address);
		free(im->loc[i].city);
	}
	free(im->loc);
	for (i = 0; i < im->n_links; i++)
		free(im->links[i].loc_id);
	free(im->links);
}

int hsds_import(const char *dir, struct catalogue **out,
		void (*warn)(void *ctx, const char *msg), void *ctx,
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
	imp_free(&im);
	return rc;
}
