/* hsds: see hsds.h.
 *
 * Import reads the tables in dependency order (meta, languages,
 * organisations, services, then the tables that point at services), each
 * through the streaming CSV reader, looking ids up in small hash maps, and
 * builds the catalogue with catalogue_add_*(). Columns are found by name,
 * so 1.x and 3.x files (and files with extra columns) read alike; where the
 * versions differ in a column's name (url/website, language/code,
 * weekday/byday) both are tried.
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
#include <fcntl.h>
#include <limits.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>
#include <unistd.h>

#include "core/catalogue.h"
#include "core/codes.h"
#include "core/csv.h"
#include "core/err.h"
#include "core/hours.h"
#include "core/hsds.h"
#include "core/i18n.h"
#include "core/text.h"

static const char *const lang_sfx[CAT__NLANG] = { "fi", "sv", "en" };
static const char *const kind_codes[ORG__N] = { "city", "public", "ngo",
						"other" };
static const char *const appt_codes[] = { "no", "yes", "sometimes" };
static const char *const res_kind_codes[RES__N] = { "colleague",
						    "interpreting" };
static const struct {
	const char *code;
	unsigned bit;
} modalities[] = {
	/* The catalogue's words first (export writes these four); then
	 * the interpreter code "colleague" as another name for in-person. */
	{ "in-person", MOD_INPERSON },
	{ "phone", MOD_PHONE },
	{ "video", MOD_VIDEO },
	{ "on-site", MOD_ONSITE },
	{ "colleague", MOD_INPERSON },
};
static const char *const day_codes[7] = { "MO", "TU", "WE", "TH", "FR",
					  "SA", "SU" };
static const char *const day_names[7] = { "monday", "tuesday", "wednesday",
					  "thursday", "friday", "saturday",
					  "sunday" };

/* ---- a string -> index hash map (keys copied) ------------------------- */

struct map_ent {
	char *key;
	size_t val;
};

struct map {
	struct map_ent *e;
	size_t cap, n;
};

static uint64_t hash_str(const char *s)
{
	uint64_t h = 1469598103934665603ULL;
	while (*s) {
		h ^= (unsigned char)*s++;
		h *= 1099511628211ULL;
	}
	return h;
}

static struct map_ent *map_slot(const struct map *m, const char *key)
{
	size_t i = (size_t)hash_str(key) & (m->cap - 1);
	while (m->e[i].key && strcmp(m->e[i].key, key) != 0)
		i = (i + 1) & (m->cap - 1);
	return &m->e[i];
}

static bool map_get(const struct map *m, const char *key, size_t *val)
{
	struct map_ent *e;
	if (!m->cap || !key)
		return false;
	e = map_slot(m, key);
	if (!e->key)
		return false;
	if (val)
		*val = e->val;
	return true;
}

/* False (and no change) when the key is there already. */
static bool map_put(struct map *m, const char *key, size_t val)
{
	struct map_ent *e;
	if ((m->n + 1) * 2 > m->cap) {
		struct map old = *m;
		size_t i;
		m->cap = m->cap ? m->cap * 2 : 64;
		m->e = xcalloc(m->cap, sizeof *m->e);
		for (i = 0; i < old.cap; i++)
			if (old.e[i].key)
				*map_slot(m, old.e[i].key) = old.e[i];
		free(old.e);
	}
	e = map_slot(m, key);
	if (e->key)
		return false;
	e->key = xstrdup(key);
	e->val = val;
	m->n++;
	return true;
}

static void map_free(struct map *m)
{
	size_t i;
	for (i = 0; i < m->cap; i++)
		free(m->e[i].key);
	free(m->e);
	memset(m, 0, sizeof *m);
}

/* ---- small parsers ---------------------------------------------------- */

static char *path_join(const char *dir, const char *name)
{
	size_t n = strlen(dir);
	if (n && dir[n - 1] == '/')
		return xasprintf("%s%s", dir, name);
	return xasprintf("%s/%s", dir, name);
}

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

/* Days since 1970-01-01 of a civil date (proleptic Gregorian). */
static long days_from_civil(int y, int m, int d)
{
	long era, yoe, doy, doe;
	y -= m <= 2;
	era = (y >= 0 ? y : y - 399) / 400;
	yoe = y - era * 400;
	doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
	doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
	return era * 146097 + doe - 719468;
}

static void civil_from_days(long z, int *y, int *m, int *d)
{
	long era, doe, yoe, doy, mp;
	z += 719468;
	era = (z >= 0 ? z : z - 146096) / 146097;
	doe = z - era * 146097;
	yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
	doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
	mp = (5 * doy + 2) / 153;
	*d = (int)(doy - (153 * mp + 2) / 5 + 1);
	*m = (int)(mp < 10 ? mp + 3 : mp - 9);
	*y = (int)(yoe + era * 400 + (*m <= 2));
}

/* "YYYY-MM-DD", optionally followed by a time ("T..." or " ..."): days
 * since the epoch into *days; false when not a real date. */
static bool parse_date(const char *s, long *days)
{
	int y, m, d, yy, mm, dd, i;
	char *t = trimmed(s);
	bool ok = false;
	if (!t)
		return false;
	for (i = 0; i < 10; i++)
		if (!t[i] || (i == 4 || i == 7 ? t[i] != '-'
				: (t[i] < '0' || t[i] > '9')))
			goto out;
	if (t[10] && t[10] != 'T' && t[10] != ' ')
		goto out;
	y = atoi(t);
	m = atoi(t + 5);
	d = atoi(t + 8);
	if (y < 1900 || y > 9999 || m < 1 || m > 12 || d < 1 || d > 31)
		goto out;
	*days = days_from_civil(y, m, d);
	civil_from_days(*days, &yy, &mm, &dd);
	ok = yy == y && mm == m && dd == d;
out:
	free(t);
	return ok;
}

static void format_date(long days, char buf[11])
{
	int y, m, d;
	civil_from_days(days, &y, &m, &d);
	snprintf(buf, 11, "%04u-%02u-%02u", (unsigned)y % 10000u,
		 (unsigned)m % 100u, (unsigned)d % 100u);
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

/* ---- import ----------------------------------------------------------- */

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
	struct map orgs, svcs, skipped, langs, res, locs, sals;
	struct loc *loc;
	size_t n_loc;
	struct link *links;
	size_t n_links;
	bool org_municipality_col;
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
		char *path = path_join(im->dir, *names);
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

static int finish_table(struct csv_reader **r, int st)
{
	csv_close(r);
	return st < 0 ? -1 : 0;
}

/* Columns of one multilingual text: BASE_fi, BASE_sv, BASE_en and the
 * plain HSDS column used for Finnish when BASE_fi is absent. */
struct tcols {
	int lang[CAT__NLANG];
	int plain;
};

static void tcols_find(struct csv_reader *r, const char *base,
		       const char *plain, struct tcols *t)
{
	int i;
	for (i = 0; i < CAT__NLANG; i++) {
		char *name = xasprintf("%s_%s", base, lang_sfx[i]);
		t->lang[i] = csv_column(r, name);
		free(name);
	}
	t->plain = plain ? csv_column(r, plain) : -1;
}

static void tcols_read(struct csv_reader *r, const struct tcols *t,
		       struct cat_text *out)
{
	int i;
	for (i = 0; i < CAT__NLANG; i++)
		out->v[i] = dupv(r, t->lang[i]);
	if (t->lang[CAT_FI] < 0)
		out->v[CAT_FI] = dupv(r, t->plain);
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
		if (sal && map_get(&im->sals, sal, &idx))
			out = (long)idx;
		else if (sal && !map_get(&im->skipped, sal, NULL))
			warnf(im, r, _("unknown service_at_location_id \"%s\"; row skipped"),
			      sal);
		free(sal);
		return out;
	}
	if (map_get(&im->svcs, sid, &idx))
		out = (long)idx;
	else if (!map_get(&im->skipped, sid, NULL))
		warnf(im, r, _("unknown service_id \"%s\"; row skipped"), sid);
	free(sid);
	return out;
}

static int import_meta(struct imp *im)
{
	static const char *const names[] = { "x_meta.csv", NULL };
	struct csv_reader *r;
	int st, c_key, c_val;
	if (open_table(im, names, &r) < 0)
		return -1;
	if (!r)
		return 0;
	c_key = csv_column(r, "key");
	c_val = csv_column(r, "value");
	while ((st = csv_next(r, im->err)) > 0) {
		char *key = trimmed(csv_field(r, c_key));
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
				if (t < 0 || n >= TOPIC__N ||
				    (seen & ((topic_set)1 << t))) {
					ok = false;
					break;
				}
				seen |= (topic_set)1 << t;
				order[n++] = t;
			}
			free(copy);
			if (ok && n == TOPIC__N)
				memcpy(im->cat->topic_order, order,
				       sizeof order);
			else
				warnf(im, r, _("topic_order is not every topic code once; row skipped"));
		}
		/* Other keys are for other tools or later versions. */
		free(key);
	}
	return finish_table(&r, st);
}

static struct cat_language *add_language(struct imp *im, char *code)
{
	struct cat_language *l;
	map_put(&im->langs, code, 0);
	l = catalogue_add_language(im->cat);
	memset(l, 0, sizeof *l);
	l->code = code;
	return l;
}

static int import_x_languages(struct imp *im)
{
	static const char *const names[] = { "x_languages.csv", NULL };
	struct csv_reader *r;
	struct tcols tc;
	int st, c_code, c_native;
	if (open_table(im, names, &r) < 0)
		return -1;
	if (!r)
		return 0;
	c_code = csv_column(r, "code");
	c_native = csv_column(r, "native");
	tcols_find(r, "name", NULL, &tc);
	if (tc.lang[CAT_EN] < 0)
		tc.lang[CAT_EN] = csv_column(r, "name");
	while ((st = csv_next(r, im->err)) > 0) {
		char *code = norm_code(csv_field(r, c_code));
		struct cat_language *l;
		if (!code) {
			warnf(im, r, _("no valid language code; row skipped"));
			continue;
		}
		if (map_get(&im->langs, code, NULL)) {
			warnf(im, r, _("language \"%s\" listed twice; row skipped"),
			      code);
			free(code);
			continue;
		}
		l = add_language(im, code);
		tcols_read(r, &tc, &l->name);
		l->native = dupv(r, c_native);
	}
	return finish_table(&r, st);
}

static int import_orgs(struct imp *im)
{
	static const char *const names[] = { "organization.csv",
					     "organizations.csv", NULL };
	struct csv_reader *r;
	struct tcols tc;
	int st, c_id, c_kind, c_web, c_muni;
	if (open_table(im, names, &r) < 0)
		return -1;
	if (!r) {
		err_set(im->err, _("%s: no organization.csv or organizations.csv; an HSDS package needs one"),
			im->dir);
		return -1;
	}
	c_id = csv_column(r, "id");
	c_kind = csv_column(r, "x_kind");
	c_web = csv_column(r, "website");
	if (c_web < 0)
		c_web = csv_column(r, "url");
	c_muni = csv_column(r, "x_municipality");
	im->org_municipality_col = c_muni >= 0;
	tcols_find(r, "name", "name", &tc);
	while ((st = csv_next(r, im->err)) > 0) {
		char *id = trimmed(csv_field(r, c_id)), *kind;
		struct cat_text name = { { NULL } };
		struct cat_org *o;
		int k = ORG_OTHER, i;
		if (!id) {
			warnf(im, r, _("organization without an id; row skipped"));
			continue;
		}
		tcols_read(r, &tc, &name);
		if (!text_any(&name)) {
			warnf(im, r, _("organization \"%s\" has no name; row skipped"),
			      id);
			free(id);
			continue;
		}
		if (!map_put(&im->orgs, id, im->cat->n_orgs)) {
			warnf(im, r, _("organization id \"%s\" used twice; row skipped"),
			      id);
			cat_text_free(&name);
			free(id);
			continue;
		}
		kind = trimmed(csv_field(r, c_kind));
		if (kind) {
			for (i = 0, k = -1; i < ORG__N; i++)
				if (strcasecmp(kind, kind_codes[i]) == 0)
					k = i;
			if (k < 0) {
				warnf(im, r, _("unknown x_kind \"%s\" (city, public, ngo or other); taken as other"),
				      kind);
				k = ORG_OTHER;
			}
			free(kind);
		}
		o = catalogue_add_org(im->cat);
		memset(o, 0, sizeof *o);
		o->id = id;
		o->kind = (enum org_kind)k;
		o->name = name;
		o->web = dupv(r, c_web);
		o->municipality = dupv(r, c_muni);
	}
	return finish_table(&r, st);
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
	format_date(days, buf);
	return xstrdup(buf);
}

static int import_services(struct imp *im)
{
	static const char *const names[] = { "service.csv", "services.csv",
					     NULL };
	struct csv_reader *r;
	struct tcols t_name, t_desc, t_elig;
	int st, c_id, c_org, c_status, c_email, c_web, c_kw, c_topics, c_appt,
	    c_ver;
	if (open_table(im, names, &r) < 0)
		return -1;
	if (!r) {
		err_set(im->err, _("%s: no service.csv or services.csv; an HSDS package needs one"),
			im->dir);
		return -1;
	}
	c_id = csv_column(r, "id");
	c_org = csv_column(r, "organization_id");
	c_status = csv_column(r, "status");
	c_email = csv_column(r, "email");
	c_web = csv_column(r, "url");
	if (c_web < 0)
		c_web = csv_column(r, "website");
	c_kw = csv_column(r, "keywords");
	c_topics = csv_column(r, "topics");
	if (c_topics < 0)
		c_topics = csv_column(r, "x_topics");
	c_appt = csv_column(r, "appointment");
	c_ver = csv_column(r, "verified");
	if (c_ver < 0)
		c_ver = csv_column(r, "assured_date");
	tcols_find(r, "name", "name", &t_name);
	tcols_find(r, "description", "description", &t_desc);
	tcols_find(r, "eligibility", "eligibility_description", &t_elig);

	while ((st = csv_next(r, im->err)) > 0) {
		char *id = trimmed(csv_field(r, c_id));
		char *org = trimmed(csv_field(r, c_org));
		char *status = trimmed(csv_field(r, c_status));
		char *appt;
		struct cat_text name = { { NULL } };
		struct cat_service *s;
		size_t org_idx;
		int a = APPT_NO, i;

		if (!id) {
			warnf(im, r, _("service without an id; row skipped"));
			goto next;
		}
		if (status && (strcasecmp(status, "inactive") == 0 ||
			       strcasecmp(status, "defunct") == 0)) {
			/* Not an error: gone services are left out, and so
			 * are rows that point at them. */
			map_put(&im->skipped, id, 0);
			goto next;
		}
		tcols_read(r, &t_name, &name);
		if (!text_any(&name)) {
			warnf(im, r, _("service \"%s\" has no name; row skipped"),
			      id);
			goto next;
		}
		if (!org) {
			warnf(im, r, _("service \"%s\" has no organization_id; row skipped"),
			      id);
			goto next;
		}
		if (!map_get(&im->orgs, org, &org_idx)) {
			warnf(im, r, _("service \"%s\": unknown organization_id \"%s\"; row skipped"),
			      id, org);
			goto next;
		}
		if (map_get(&im->svcs, id, NULL)) {
			warnf(im, r, _("service id \"%s\" used twice; row skipped"),
			      id);
			goto next;
		}
		appt = trimmed(csv_field(r, c_appt));
		if (appt) {
			for (i = 0, a = -1; i < 3; i++)
				if (strcasecmp(appt, appt_codes[i]) == 0)
					a = i;
			if (a < 0) {
				warnf(im, r, _("unknown appointment \"%s\" (no, yes or sometimes); taken as no"),
				      appt);
				a = APPT_NO;
			}
			free(appt);
		}
		map_put(&im->svcs, id, im->cat->n_services);
		s = catalogue_add_service(im->cat);
		s->id = id;
		id = NULL;
		s->org = org_idx;
		s->name = name;
		memset(&name, 0, sizeof name);
		tcols_read(r, &t_desc, &s->description);
		tcols_read(r, &t_elig, &s->info->eligibility);
		s->keywords = dupv(r, c_kw);
		s->topics = parse_topics(im, r, csv_field(r, c_topics));
		s->info->email = dupv(r, c_email);
		s->info->web = dupv(r, c_web);
		s->info->appointment = (enum appointment)a;
		s->info->verified = parse_verified(im, r, csv_field(r, c_ver));
next:
		cat_text_free(&name);
		free(id);
		free(org);
		free(status);
	}
	return finish_table(&r, st);
}

/* 1.x eligibility.csv: one text a row, added to the Finnish text. */
static int import_eligibility(struct imp *im)
{
	static const char *const names[] = { "eligibility.csv",
					     "eligibilities.csv", NULL };
	struct csv_reader *r;
	int st, c_sid, c_text;
	if (open_table(im, names, &r) < 0)
		return -1;
	if (!r)
		return 0;
	c_sid = csv_column(r, "service_id");
	c_text = csv_column(r, "eligibility");
	if (c_text < 0)
		c_text = csv_column(r, "eligible_population");
	if (c_text < 0)
		c_text = csv_column(r, "description");
	while ((st = csv_next(r, im->err)) > 0) {
		long si = row_service(im, r, c_sid, -1);
		char *text = trimmed(csv_field(r, c_text));
		char **fi;
		if (si < 0 || !text) {
			free(text);
			continue;
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
	return finish_table(&r, st);
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

static int import_phones(struct imp *im)
{
	static const char *const names[] = { "phone.csv", "phones.csv", NULL };
	struct csv_reader *r;
	struct tcols tc;
	int st, c_sid, c_sal, c_num, c_ext, c_type;
	if (open_table(im, names, &r) < 0)
		return -1;
	if (!r)
		return 0;
	c_sid = csv_column(r, "service_id");
	c_sal = csv_column(r, "service_at_location_id");
	c_num = csv_column(r, "number");
	c_ext = csv_column(r, "extension");
	c_type = csv_column(r, "type");
	tcols_find(r, "description", "description", &tc);
	while ((st = csv_next(r, im->err)) > 0) {
		char *sid = trimmed(csv_field(r, c_sid));
		char *sal = trimmed(csv_field(r, c_sal));
		char *num, *ext, *type;
		struct cat_service *s;
		struct cat_phone *p;
		long si;
		if (!sid && !sal) {
			/* An organisation's or location's phone: neuvoo keeps
			 * phones per service only. */
			continue;
		}
		free(sid);
		free(sal);
		si = row_service(im, r, c_sid, c_sal);
		if (si < 0)
			continue;
		num = trimmed(csv_field(r, c_num));
		if (!num) {
			warnf(im, r, _("phone without a number; row skipped"));
			continue;
		}
		ext = trimmed(csv_field(r, c_ext));
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
		p->number = num;
		tcols_read(r, &tc, &p->label);
		type = trimmed(csv_field(r, c_type));
		if (tc.lang[CAT_FI] < 0 && !p->label.v[CAT_FI] && type &&
		    !standard_phone_type(type)) {
			p->label.v[CAT_FI] = type;
			type = NULL;
		}
		free(type);
	}
	return finish_table(&r, st);
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

static int import_languages(struct imp *im)
{
	static const char *const names[] = { "language.csv", "languages.csv",
					     NULL };
	struct csv_reader *r;
	struct tcols tc;
	int st, c_sid, c_code, c_lang, c_name, c_native;
	if (open_table(im, names, &r) < 0)
		return -1;
	if (!r)
		return 0;
	c_sid = csv_column(r, "service_id");
	c_code = csv_column(r, "code");
	c_lang = csv_column(r, "language");	/* 1.x */
	c_name = csv_column(r, "name");
	c_native = csv_column(r, "native");
	tcols_find(r, "name", NULL, &tc);
	if (tc.lang[CAT_EN] < 0)
		tc.lang[CAT_EN] = c_name;	/* HSDS names are English */
	while ((st = csv_next(r, im->err)) > 0) {
		char *sid = trimmed(csv_field(r, c_sid)), *code = NULL;
		const char *raw;
		struct cat_service *s;
		size_t i;
		long si;
		if (!sid)	/* a location's or phone's language */
			continue;
		free(sid);
		si = row_service(im, r, c_sid, -1);
		if (si < 0)
			continue;
		raw = csv_field(r, c_code);
		if (is_blank(raw))
			raw = csv_field(r, c_lang);
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
			continue;
		}
		if (!map_get(&im->langs, code, NULL)) {
			struct cat_language *l = add_language(im, xstrdup(code));
			tcols_read(r, &tc, &l->name);
			l->native = dupv(r, c_native);
			/* The catalogue needs Finnish and English names:
			 * the other one, else the code, stands in (real
			 * names belong in x_languages.csv, read first). */
			if (!l->name.v[CAT_EN])
				l->name.v[CAT_EN] = xstrdup(
					l->name.v[CAT_FI] ? l->name.v[CAT_FI]
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
			continue;
		}
		s->languages = xrealloc(s->languages, (s->n_languages + 1) *
					sizeof *s->languages);
		s->languages[s->n_languages++] = code;
	}
	return finish_table(&r, st);
}

/* ---- schedules ---- */

struct sched_cols {
	int weekday, byday, freq, interval, opens, closes;
	int from, to, dtstart, start_date, end_date, closed;
};

static void sched_cols_find(struct csv_reader *r, struct sched_cols *c)
{
	c->weekday = csv_column(r, "weekday");
	c->byday = csv_column(r, "byday");
	c->freq = csv_column(r, "freq");
	c->interval = csv_column(r, "interval");
	c->opens = csv_column(r, "opens_at");
	c->closes = csv_column(r, "closes_at");
	c->from = csv_column(r, "valid_from");
	c->to = csv_column(r, "valid_to");
	c->dtstart = csv_column(r, "dtstart");
	c->start_date = csv_column(r, "start_date");
	c->end_date = csv_column(r, "end_date");
	c->closed = csv_column(r, "closed");
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
		format_date(d, buf);
		hours_add_exception(h, buf, closed, open, close);
	}
}

static int import_schedules(struct imp *im, const char *const *names)
{
	struct csv_reader *r;
	struct sched_cols c;
	int st, c_sid, c_sal;
	if (open_table(im, names, &r) < 0)
		return -1;
	if (!r)
		return 0;
	c_sid = csv_column(r, "service_id");
	c_sal = csv_column(r, "service_at_location_id");
	sched_cols_find(r, &c);
	while ((st = csv_next(r, im->err)) > 0) {
		char *sid = trimmed(csv_field(r, c_sid));
		char *sal = trimmed(csv_field(r, c_sal));
		long si;
		bool none = !sid && !sal;
		free(sid);
		free(sal);
		if (none)	/* a location's schedule */
			continue;
		si = row_service(im, r, c_sid, c_sal);
		if (si >= 0)
			sched_row(im, r, &c, &im->cat->services[si].hours);
	}
	return finish_table(&r, st);
}

/* ---- locations and addresses ---- */

static struct loc *get_loc(struct imp *im, const char *id)
{
	size_t idx;
	if (map_get(&im->locs, id, &idx))
		return &im->loc[idx];
	map_put(&im->locs, id, im->n_loc);
	im->loc = xrealloc(im->loc, (im->n_loc + 1) * sizeof *im->loc);
	memset(&im->loc[im->n_loc], 0, sizeof *im->loc);
	return &im->loc[im->n_loc++];
}

static int import_locations(struct imp *im)
{
	static const char *const names[] = { "location.csv", "locations.csv",
					     NULL };
	struct csv_reader *r;
	int st, c_id, c_org;
	if (open_table(im, names, &r) < 0)
		return -1;
	if (!r)
		return 0;
	c_id = csv_column(r, "id");
	c_org = csv_column(r, "organization_id");
	while ((st = csv_next(r, im->err)) > 0) {
		char *id = trimmed(csv_field(r, c_id));
		struct loc *l;
		if (!id) {
			warnf(im, r, _("location without an id; row skipped"));
			continue;
		}
		l = get_loc(im, id);
		if (!l->org_id)
			l->org_id = trimmed(csv_field(r, c_org));
		free(id);
	}
	return finish_table(&r, st);
}

static int import_addresses(struct imp *im)
{
	static const char *const names[] = { "address.csv", "addresses.csv",
					     "physical_addresses.csv",
					     "physical_address.csv", NULL };
	struct csv_reader *r;
	int st, c_loc, c_a1, c_a2, c_city, c_post, c_type;
	if (open_table(im, names, &r) < 0)
		return -1;
	if (!r)
		return 0;
	c_loc = csv_column(r, "location_id");
	c_a1 = csv_column(r, "address_1");
	c_a2 = csv_column(r, "address_2");
	c_city = csv_column(r, "city");
	c_post = csv_column(r, "postal_code");
	c_type = csv_column(r, "address_type");
	while ((st = csv_next(r, im->err)) > 0) {
		char *lid = trimmed(csv_field(r, c_loc));
		char *a1, *a2, *post, *text = NULL;
		const char *type = csv_field(r, c_type);
		bool postal = type && strcasecmp(type, "postal") == 0;
		struct loc *l;
		if (!lid) {
			warnf(im, r, _("address without a location_id; row skipped"));
			continue;
		}
		l = get_loc(im, lid);
		free(lid);
		/* A physical address wins over a postal one; else the
		 * first. */
		if (l->have_addr && (!l->postal || postal))
			continue;
		free(l->address);
		free(l->city);
		a1 = dupv(r, c_a1);
		a2 = trimmed(csv_field(r, c_a2));
		post = trimmed(csv_field(r, c_post));
		l->city = trimmed(csv_field(r, c_city));
		if (a1)
			text = a1;
		if (a2) {
			char *t = text ? xasprintf("%s, %s", text, a2)
				       : xstrdup(a2);
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
	return finish_table(&r, st);
}

static int import_sal(struct imp *im)
{
	static const char *const names[] = { "service_at_location.csv",
					     "service_at_locations.csv",
					     "services_at_location.csv",
					     "services_at_locations.csv", NULL };
	struct csv_reader *r;
	int st, c_id, c_sid, c_lid;
	if (open_table(im, names, &r) < 0)
		return -1;
	if (!r)
		return 0;
	c_id = csv_column(r, "id");
	c_sid = csv_column(r, "service_id");
	c_lid = csv_column(r, "location_id");
	while ((st = csv_next(r, im->err)) > 0) {
		char *id = trimmed(csv_field(r, c_id));
		char *sid = trimmed(csv_field(r, c_sid));
		char *lid = trimmed(csv_field(r, c_lid));
		long si = -1;
		if (!sid || !lid) {
			warnf(im, r, _("service_id and location_id are both needed; row skipped"));
		} else if (map_get(&im->skipped, sid, NULL)) {
			if (id)
				map_put(&im->skipped, id, 0);
		} else if ((si = row_service(im, r, c_sid, -1)) >= 0) {
			if (!map_get(&im->locs, lid, NULL))
				warnf(im, r, _("unknown location_id \"%s\"; row skipped"),
				      lid);
			else {
				if (id)
					map_put(&im->sals, id, (size_t)si);
				im->links = xrealloc(im->links,
						     (im->n_links + 1) *
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
	return finish_table(&r, st);
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
		if (!map_get(&im->locs, im->links[i].loc_id, &idx))
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
		if (l->org_id && l->city && map_get(&im->orgs, l->org_id, &idx) &&
		    !im->cat->orgs[idx].municipality)
			im->cat->orgs[idx].municipality = xstrdup(l->city);
	}
}

/* ---- resources ---- */

static int import_resources(struct imp *im)
{
	static const char *const names[] = { "x_resources.csv", NULL };
	struct csv_reader *r;
	struct tcols t_name, t_note;
	int st, c_id, c_kind, c_unit, c_phone, c_email, c_web, c_mod, c_lead;
	if (open_table(im, names, &r) < 0)
		return -1;
	if (!r)
		return 0;
	c_id = csv_column(r, "id");
	c_kind = csv_column(r, "kind");
	c_unit = csv_column(r, "unit");
	c_phone = csv_column(r, "phone");
	c_email = csv_column(r, "email");
	c_web = csv_column(r, "web");
	if (c_web < 0)
		c_web = csv_column(r, "url");
	c_mod = csv_column(r, "modality");
	c_lead = csv_column(r, "lead_minutes");
	tcols_find(r, "name", "name", &t_name);
	tcols_find(r, "note", "note", &t_note);
	while ((st = csv_next(r, im->err)) > 0) {
		char *id = trimmed(csv_field(r, c_id));
		char *kind = trimmed(csv_field(r, c_kind));
		char *lead = trimmed(csv_field(r, c_lead));
		char *mods = xstrdup(csv_field(r, c_mod)), *save = NULL, *tok;
		struct cat_text name = { { NULL } };
		struct cat_resource *res;
		unsigned modality = 0;
		long lm = 0;
		int k = -1, i;
		if (!id) {
			warnf(im, r, _("resource without an id; row skipped"));
			goto next;
		}
		for (i = 0; kind && i < RES__N; i++)
			if (strcasecmp(kind, res_kind_codes[i]) == 0)
				k = i;
		if (k < 0) {
			warnf(im, r, _("resource \"%s\": kind must be colleague or interpreting; row skipped"),
			      id);
			goto next;
		}
		tcols_read(r, &t_name, &name);
		if (!text_any(&name)) {
			warnf(im, r, _("resource \"%s\" has no name; row skipped"),
			      id);
			goto next;
		}
		if (map_get(&im->res, id, NULL)) {
			warnf(im, r, _("resource id \"%s\" used twice; row skipped"),
			      id);
			goto next;
		}
		for (tok = mods ? strtok_r(mods, ";, ", &save) : NULL; tok;
		     tok = strtok_r(NULL, ";, ", &save)) {
			size_t m;
			for (m = 0; m < sizeof modalities / sizeof *modalities;
			     m++)
				if (strcasecmp(tok, modalities[m].code) == 0)
					break;
			if (m == sizeof modalities / sizeof *modalities)
				warnf(im, r, _("unknown modality \"%s\" left out"),
				      tok);
			else
				modality |= modalities[m].bit;
		}
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
		map_put(&im->res, id, im->cat->n_resources);
		res = catalogue_add_resource(im->cat);
		memset(res, 0, sizeof *res);
		res->id = id;
		id = NULL;
		res->kind = (enum res_kind)k;
		res->name = name;
		memset(&name, 0, sizeof name);
		res->unit = dupv(r, c_unit);
		res->phone = dupv(r, c_phone);
		res->email = dupv(r, c_email);
		res->web = dupv(r, c_web);
		res->modality = modality;
		res->lead_minutes = (int)lm;
		tcols_read(r, &t_note, &res->note);
next:
		cat_text_free(&name);
		free(id);
		free(kind);
		free(lead);
		free(mods);
	}
	return finish_table(&r, st);
}

static long row_resource(struct imp *im, struct csv_reader *r, int c_rid)
{
	char *rid = trimmed(csv_field(r, c_rid));
	size_t idx;
	long out = -1;
	if (!rid)
		warnf(im, r, _("no resource_id; row skipped"));
	else if (map_get(&im->res, rid, &idx))
		out = (long)idx;
	else
		warnf(im, r, _("unknown resource_id \"%s\"; row skipped"), rid);
	free(rid);
	return out;
}

static int import_resource_languages(struct imp *im)
{
	static const char *const names[] = { "x_resource_languages.csv", NULL };
	struct csv_reader *r;
	int st, c_rid, c_code, c_dia;
	if (open_table(im, names, &r) < 0)
		return -1;
	if (!r)
		return 0;
	c_rid = csv_column(r, "resource_id");
	c_code = csv_column(r, "code");
	c_dia = csv_column(r, "dialects");
	while ((st = csv_next(r, im->err)) > 0) {
		long ri = row_resource(im, r, c_rid);
		struct cat_resource *res;
		struct cat_res_lang *l;
		char *code;
		if (ri < 0)
			continue;
		code = norm_code(csv_field(r, c_code));
		if (!code) {
			warnf(im, r, _("no valid language code; row skipped"));
			continue;
		}
		if (!map_get(&im->langs, code, NULL)) {
			struct cat_language *cl = add_language(im, xstrdup(code));
			cl->name.v[CAT_FI] = xstrdup(code);
			cl->name.v[CAT_EN] = xstrdup(code);
		}
		res = &im->cat->resources[ri];
		res->languages = xrealloc(res->languages,
					  (res->n_languages + 1) *
					  sizeof *res->languages);
		l = &res->languages[res->n_languages++];
		l->code = code;
		l->dialects = dupv(r, c_dia);
	}
	return finish_table(&r, st);
}

static int import_resource_hours(struct imp *im)
{
	static const char *const names[] = { "x_resource_hours.csv", NULL };
	struct csv_reader *r;
	struct sched_cols c;
	int st, c_rid;
	if (open_table(im, names, &r) < 0)
		return -1;
	if (!r)
		return 0;
	c_rid = csv_column(r, "resource_id");
	sched_cols_find(r, &c);
	while ((st = csv_next(r, im->err)) > 0) {
		long ri = row_resource(im, r, c_rid);
		if (ri >= 0)
			sched_row(im, r, &c, &im->cat->resources[ri].hours);
	}
	return finish_table(&r, st);
}

static int cmp_lang(const void *a, const void *b)
{
	const struct cat_language *x = a, *y = b;
	return strcmp(x->code, y->code);
}

static void imp_free(struct imp *im)
{
	size_t i;
	map_free(&im->orgs);
	map_free(&im->svcs);
	map_free(&im->skipped);
	map_free(&im->langs);
	map_free(&im->res);
	map_free(&im->locs);
	map_free(&im->sals);
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
	static const char *const regular[] = { "regular_schedules.csv",
					       "regular_schedule.csv", NULL };
	static const char *const holiday[] = { "holiday_schedules.csv",
					       "holiday_schedule.csv", NULL };
	static const char *const sched[] = { "schedule.csv", "schedules.csv",
					     NULL };
	struct imp im;
	struct stat st;
	int rc;

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

	rc = import_meta(&im);
	if (!rc)
		rc = import_x_languages(&im);
	if (!rc)
		rc = import_orgs(&im);
	if (!rc)
		rc = import_services(&im);
	if (!rc)
		rc = import_eligibility(&im);
	if (!rc)
		rc = import_phones(&im);
	if (!rc)
		rc = import_languages(&im);
	if (!rc)
		rc = import_locations(&im);
	if (!rc)
		rc = import_addresses(&im);
	if (!rc)
		rc = import_sal(&im);
	if (!rc) {
		apply_addresses(&im);
		rc = import_schedules(&im, regular);
	}
	if (!rc)
		rc = import_schedules(&im, holiday);
	if (!rc)
		rc = import_schedules(&im, sched);
	if (!rc)
		rc = import_resources(&im);
	if (!rc)
		rc = import_resource_languages(&im);
	if (!rc)
		rc = import_resource_hours(&im);

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

/* ---- export ----------------------------------------------------------- */

struct out {
	char *tmp, *path;
	FILE *f;
};

struct exp {
	const char *dir;
	char **err;
	struct out o[16];
	size_t n;
	bool failed;
};

static FILE *out_open(struct exp *ex, const char *name,
		      const char *const *header, size_t ncols)
{
	struct out *o;
	int fd;
	if (ex->failed || ex->n == sizeof ex->o / sizeof *ex->o)
		return NULL;
	o = &ex->o[ex->n];
	o->path = path_join(ex->dir, name);
	o->tmp = xasprintf("%s.tmp.XXXXXX", o->path);
	fd = mkstemp(o->tmp);
	if (fd < 0) {
		err_set(ex->err, _("%s: cannot create: %s"), o->tmp,
			strerror(errno));
		free(o->tmp);
		free(o->path);
		o->tmp = o->path = NULL;
		ex->failed = true;
		return NULL;
	}
	ex->n++;
	(void)fchmod(fd, 0644);
	o->f = fdopen(fd, "wb");
	if (!o->f) {
		close(fd);
		err_set(ex->err, _("%s: cannot write: %s"), o->tmp,
			strerror(errno));
		ex->failed = true;
		return NULL;
	}
	csv_write_row(o->f, header, ncols);
	return o->f;
}

/* Close every file; on success rename each into place. */
static int out_finish(struct exp *ex)
{
	size_t i;
	for (i = 0; i < ex->n; i++) {
		struct out *o = &ex->o[i];
		if (!o->f)
			continue;
		if (!ex->failed && (fflush(o->f) != 0 || ferror(o->f) ||
				    fsync(fileno(o->f)) != 0)) {
			err_set(ex->err, _("%s: cannot write: %s"), o->tmp,
				strerror(errno ? errno : EIO));
			ex->failed = true;
		}
		if (fclose(o->f) != 0 && !ex->failed) {
			err_set(ex->err, _("%s: cannot write: %s"), o->tmp,
				strerror(errno));
			ex->failed = true;
		}
		o->f = NULL;
	}
	for (i = 0; i < ex->n; i++) {
		struct out *o = &ex->o[i];
		if (!ex->failed && rename(o->tmp, o->path) != 0) {
			err_set(ex->err, _("%s: cannot rename into place: %s"),
				o->path, strerror(errno));
			ex->failed = true;
		}
		if (ex->failed)
			unlink(o->tmp);
		free(o->tmp);
		free(o->path);
	}
	ex->n = 0;
	return ex->failed ? -1 : 0;
}

#define ROW(f, ...)                                                        \
	do {                                                               \
		const char *row_[] = { __VA_ARGS__ };                      \
		if (f)                                                     \
			csv_write_row((f), row_, sizeof row_ / sizeof *row_); \
	} while (0)
#define NCOLS(a) (sizeof(a) / sizeof *(a))

/* The text for a plain HSDS column: Finnish, else any language. */
static const char *plain_text(const struct cat_text *t)
{
	const char *s = catalogue_text(t, "fi");
	return s && *s ? s : NULL;
}

/* The English name of a language for HSDS's name column, else any. */
static const char *language_name_en(const struct catalogue *cat,
				    const char *code)
{
	size_t i;
	for (i = 0; i < cat->n_languages; i++) {
		const struct cat_language *l = &cat->languages[i];
		if (strcmp(l->code, code) != 0)
			continue;
		return l->name.v[CAT_EN] ? l->name.v[CAT_EN]
					 : plain_text(&l->name);
	}
	return NULL;
}

/* Weekly spans as rows, consecutive spans with the same times (and
 * different days) sharing one byday; then the exceptions, one a date. */
static void write_hours(FILE *f, const char *owner_col_val,
			const char *id_prefix, const struct hours *h,
			bool with_ids)
{
	size_t i = 0, n = 0;
	while (i < h->n_spans) {
		size_t j = i + 1;
		unsigned seen = 1u << h->spans[i].day;
		char byday[7 * 3 + 1] = "", op[6], cl[6];
		char *id;
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
			id = xasprintf("%s-schedule-%zu", id_prefix, ++n);
			ROW(f, id, owner_col_val, "WEEKLY", byday, op, cl, "",
			    "", "");
			free(id);
		} else {
			ROW(f, owner_col_val, byday, op, cl, "", "");
		}
	}
	for (i = 0; i < h->n_ex; i++) {
		const struct hours_exception *e = &h->ex[i];
		char op[6] = "", cl[6] = "";
		char *id;
		if (!e->closed) {
			hours_minutes_str(e->open, op);
			hours_minutes_str(e->close, cl);
		}
		if (with_ids) {
			id = xasprintf("%s-schedule-%zu", id_prefix, ++n);
			ROW(f, id, owner_col_val, "", "", op, cl, e->date,
			    e->date, e->closed ? "closed" : "");
			free(id);
		} else {
			ROW(f, owner_col_val, "", op, cl, e->date, e->date);
		}
	}
}

static char *modality_str(unsigned bits)
{
	char *s = xstrdup(""), *t;
	size_t i;
	for (i = 0; i < 4; i++) {
		if (!(bits & modalities[i].bit))
			continue;
		t = xasprintf("%s%s%s", s, *s ? ";" : "", modalities[i].code);
		free(s);
		s = t;
	}
	return s;
}

int hsds_export(const struct catalogue *cat, const char *dir, char **err)
{
	static const char *const h_meta[] = { "key", "value" };
	static const char *const h_lang[] = { "code", "name_fi", "name_sv",
					      "name_en", "native" };
	static const char *const h_org[] = {
		"id", "name", "description", "website", "x_kind",
		"x_municipality", "name_fi", "name_sv", "name_en" };
	static const char *const h_svc[] = {
		"id", "organization_id", "name", "description", "url", "email",
		"status", "eligibility_description", "assured_date",
		"name_fi", "name_sv", "name_en",
		"description_fi", "description_sv", "description_en",
		"eligibility_fi", "eligibility_sv", "eligibility_en",
		"keywords", "topics", "appointment", "verified" };
	static const char *const h_phone[] = {
		"id", "service_id", "number", "type", "description",
		"description_fi", "description_sv", "description_en" };
	static const char *const h_slang[] = { "id", "service_id", "name",
					       "code" };
	static const char *const h_sched[] = {
		"id", "service_id", "freq", "byday", "opens_at", "closes_at",
		"valid_from", "valid_to", "description" };
	static const char *const h_loc[] = { "id", "organization_id",
					     "location_type", "name" };
	static const char *const h_addr[] = {
		"id", "location_id", "address_1", "city", "state_province",
		"postal_code", "country", "address_type" };
	static const char *const h_sal[] = { "id", "service_id",
					     "location_id" };
	static const char *const h_res[] = {
		"id", "kind", "name_fi", "name_sv", "name_en", "unit", "phone",
		"email", "web", "modality", "lead_minutes", "note_fi",
		"note_sv", "note_en" };
	static const char *const h_rlang[] = { "resource_id", "code",
					       "dialects" };
	static const char *const h_rhours[] = {
		"resource_id", "byday", "opens_at", "closes_at", "valid_from",
		"valid_to" };
	struct exp ex;
	FILE *f_meta, *f_lang, *f_org, *f_svc, *f_phone, *f_slang, *f_sched,
	    *f_loc, *f_addr, *f_sal, *f_res, *f_rlang, *f_rhours;
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

	f_meta = out_open(&ex, "x_meta.csv", h_meta, NCOLS(h_meta));
	f_lang = out_open(&ex, "x_languages.csv", h_lang, NCOLS(h_lang));
	f_org = out_open(&ex, "organization.csv", h_org, NCOLS(h_org));
	f_svc = out_open(&ex, "service.csv", h_svc, NCOLS(h_svc));
	f_phone = out_open(&ex, "phone.csv", h_phone, NCOLS(h_phone));
	f_slang = out_open(&ex, "language.csv", h_slang, NCOLS(h_slang));
	f_sched = out_open(&ex, "schedule.csv", h_sched, NCOLS(h_sched));
	f_loc = out_open(&ex, "location.csv", h_loc, NCOLS(h_loc));
	f_addr = out_open(&ex, "address.csv", h_addr, NCOLS(h_addr));
	f_sal = out_open(&ex, "service_at_location.csv", h_sal, NCOLS(h_sal));
	f_res = out_open(&ex, "x_resources.csv", h_res, NCOLS(h_res));
	f_rlang = out_open(&ex, "x_resource_languages.csv", h_rlang,
			   NCOLS(h_rlang));
	f_rhours = out_open(&ex, "x_resource_hours.csv", h_rhours,
			    NCOLS(h_rhours));
	if (ex.failed)
		return out_finish(&ex);

	/* Meta. */
	if (cat->name)
		ROW(f_meta, "name", cat->name);
	if (cat->published)
		ROW(f_meta, "published", cat->published);
	{
		char *order = xstrdup(""), *t;
		for (i = 0; i < TOPIC__N; i++) {
			const char *c = codes_code(CODES_TOPIC,
						   cat->topic_order[i]);
			t = xasprintf("%s%s%s", order, i ? ";" : "",
				      c ? c : "?");
			free(order);
			order = t;
		}
		ROW(f_meta, "topic_order", order);
		free(order);
	}

	for (i = 0; i < cat->n_languages; i++) {
		const struct cat_language *l = &cat->languages[i];
		ROW(f_lang, l->code, l->name.v[CAT_FI], l->name.v[CAT_SV],
		    l->name.v[CAT_EN], l->native);
	}

	for (i = 0; i < cat->n_orgs; i++) {
		const struct cat_org *o = &cat->orgs[i];
		ROW(f_org, o->id, plain_text(&o->name), "", o->web,
		    kind_codes[o->kind < ORG__N ? o->kind : ORG_OTHER],
		    o->municipality, o->name.v[CAT_FI], o->name.v[CAT_SV],
		    o->name.v[CAT_EN]);
	}

	for (i = 0; i < cat->n_services; i++) {
		const struct cat_service *s = &cat->services[i];
		const char *org = s->org < cat->n_orgs ? cat->orgs[s->org].id
						       : "";
		char *topics = codes_topics_join(s->topics);
		unsigned a = s->info->appointment <= APPT_SOMETIMES ? s->info->appointment
							      : APPT_NO;
		char *id;

		ROW(f_svc, s->id, org, plain_text(&s->name),
		    plain_text(&s->description), s->info->web, s->info->email, "active",
		    plain_text(&s->info->eligibility), s->info->verified,
		    s->name.v[CAT_FI], s->name.v[CAT_SV], s->name.v[CAT_EN],
		    s->description.v[CAT_FI], s->description.v[CAT_SV],
		    s->description.v[CAT_EN], s->info->eligibility.v[CAT_FI],
		    s->info->eligibility.v[CAT_SV], s->info->eligibility.v[CAT_EN],
		    s->keywords, topics, appt_codes[a], s->info->verified);
		free(topics);

		for (j = 0; j < s->info->n_phones; j++) {
			const struct cat_phone *p = &s->info->phones[j];
			id = xasprintf("%s-phone-%zu", s->id, j + 1);
			ROW(f_phone, id, s->id, p->number, "voice",
			    plain_text(&p->label), p->label.v[CAT_FI],
			    p->label.v[CAT_SV], p->label.v[CAT_EN]);
			free(id);
		}
		for (j = 0; j < s->n_languages; j++) {
			id = xasprintf("%s-language-%zu", s->id, j + 1);
			ROW(f_slang, id, s->id,
			    language_name_en(cat, s->languages[j]),
			    s->languages[j]);
			free(id);
		}
		write_hours(f_sched, s->id, s->id, &s->hours, true);
		if (s->info->address || s->info->municipality) {
			char *lid = xasprintf("%s-location", s->id);
			char *aid = xasprintf("%s-address", s->id);
			char *sid = xasprintf("%s-at-location", s->id);
			ROW(f_loc, lid, org, "physical", plain_text(&s->name));
			ROW(f_addr, aid, lid, s->info->address, s->info->municipality, "",
			    "", "FI", "physical");
			ROW(f_sal, sid, s->id, lid);
			free(lid);
			free(aid);
			free(sid);
		}
	}

	for (i = 0; i < cat->n_resources; i++) {
		const struct cat_resource *r = &cat->resources[i];
		char *mod = modality_str(r->modality);
		char *lead = xasprintf("%d", r->lead_minutes);
		ROW(f_res, r->id, res_kind_codes[r->kind < RES__N ? r->kind : 0],
		    r->name.v[CAT_FI], r->name.v[CAT_SV], r->name.v[CAT_EN],
		    r->unit, r->phone, r->email, r->web, mod, lead,
		    r->note.v[CAT_FI], r->note.v[CAT_SV], r->note.v[CAT_EN]);
		free(mod);
		free(lead);
		for (j = 0; j < r->n_languages; j++)
			ROW(f_rlang, r->id, r->languages[j].code,
			    r->languages[j].dialects);
		write_hours(f_rhours, r->id, r->id, &r->hours, false);
	}

	return out_finish(&ex);
}
