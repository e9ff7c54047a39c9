/* tickets: see tickets.h. The rules of a ticket (what is a phone number,
 * an e-mail address, an assignee; the default due time; the privacy guard
 * on the note; the clock tests can move) live here, once, whatever engine
 * stores the tickets. */
#include <config.h>

#include <ctype.h>
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "core/catalogue.h"
#include "core/config.h"
#include "core/err.h"
#include "core/i18n.h"
#include "core/paths.h"
#include "core/privacy.h"
#include "core/text.h"
#include "core/tickets.h"
#include "core/tickets_store.h"

struct tickets {
	const struct tickets_backend *be;
	void *h;
	char *user;
	int retention_days;
};

/* ---- codes ------------------------------------------------------------- */

static const char *const assignee_prefix[] = {
#define TICKET_ASSIGNEE_NAME(e, name) name,
	TICKET_ASSIGNEE_LIST(TICKET_ASSIGNEE_NAME)
#undef TICKET_ASSIGNEE_NAME
};

static const char *const status_code[][2] = {
#define TICKET_STATUS_ROW(e, code, label) { code, label },
	TICKET_STATUS_LIST(TICKET_STATUS_ROW)
#undef TICKET_STATUS_ROW
};

const char *tickets_assignee_prefix(enum ticket_assignee to)
{
	return to < TICKET_TO__N ? assignee_prefix[to] : "";
}

char *tickets_assignee_text(enum ticket_assignee to, const char *value)
{
	return xasprintf("%s:%s", tickets_assignee_prefix(to), value ? value : "");
}

const char *tickets_status_code(enum ticket_status s)
{
	return s < TICKET_STATUS__N ? status_code[s][0] : "";
}

const char *tickets_status_label(enum ticket_status s)
{
	return s < TICKET_STATUS__N ? _(status_code[s][1]) : "";
}

int tickets_status_find(const char *code)
{
	int i;
	for (i = 0; code && i < TICKET_STATUS__N; i++)
		if (!strcmp(code, status_code[i][0]))
			return i;
	return -1;
}

/* ---- validation -------------------------------------------------------- */

int tickets_check_phone(const char *phone, char **norm, char **err)
{
	size_t i, digits = 0, len = phone ? strlen(phone) : 0;
	char *out = xmalloc(len + 1), *p = out;

	for (i = 0; i < len; i++) {
		unsigned char c = (unsigned char)phone[i];
		if (isdigit(c)) {
			*p++ = (char)c;
			digits++;
		} else if (c == '+' && p == out && digits == 0) {
			*p++ = '+';
		} else if (!strchr(" -.()/", c)) {
			digits = 0;
			break;
		}
	}
	*p = '\0';
	if (digits < 5 || digits > 15) {
		free(out);
		err_set(err, _("'%s' is not a phone number; write it with 5 to 15 digits, such as 040 123 4567 or +358 40 123 4567"),
			phone ? phone : "");
		return 1;
	}
	if (norm)
		*norm = out;
	else
		free(out);
	return 0;
}

int tickets_check_email(const char *email, char **err)
{
	const char *at = email ? strchr(email, '@') : NULL, *dot, *c;
	bool ok = at && at != email && !strchr(at + 1, '@')
		  && strlen(email) <= 254;
	dot = ok ? strrchr(at + 1, '.') : NULL;
	ok = ok && dot && dot > at + 1 && dot[1] && dot[2];
	for (c = email; ok && *c; c++)
		if ((unsigned char)*c <= ' ' || strchr("<>,;\"\\()[]", *c))
			ok = false;
	if (ok && text_valid(email, strlen(email)))
		return 0;
	err_set(err, _("'%s' is not an e-mail address; write it as name@example.fi"),
		email ? email : "");
	return 1;
}

/* A desk or unit name: what a desk name may be. */
static bool name_ok(const char *s)
{
	size_t i, n = strlen(s);
	if (n == 0 || n > 64)
		return false;
	for (i = 0; i < n; i++)
		if (!isalnum((unsigned char)s[i]) && !strchr("._-", s[i]))
			return false;
	return true;
}

/* A catalogue id: printable, no spaces, not too long. */
static bool id_ok(const char *s)
{
	size_t n = strlen(s), i;
	if (n == 0 || n > 200 || !text_valid(s, n))
		return false;
	for (i = 0; i < n; i++)
		if ((unsigned char)s[i] <= ' ' || s[i] == 0x7f)
			return false;
	return true;
}

int tickets_parse_assignee(const char *s, enum ticket_assignee *to,
			   char **value, char **err)
{
	const char *colon = s ? strchr(s, ':') : NULL;
	int i;
	for (i = 0; colon && i < TICKET_TO__N; i++) {
		const char *v = colon + 1;
		bool ok;
		if (strlen(assignee_prefix[i]) != (size_t)(colon - s)
		    || strncmp(s, assignee_prefix[i], (size_t)(colon - s)))
			continue;
		ok = i == TICKET_TO_LANG ? catalogue_lang_code_ok(v)
		     : i == TICKET_TO_DESK || i == TICKET_TO_UNIT ? name_ok(v)
		     : id_ok(v);
		if (!ok)
			break;
		*to = (enum ticket_assignee)i;
		if (value)
			*value = xstrdup(v);
		return 0;
	}
	err_set(err, _("'%s' is not an assignee; write service:ID, org:ID, lang:LL (anyone who speaks LL), desk:NAME or unit:NAME"),
		s ? s : "");
	return 1;
}

static bool given(const char *s)
{
	return s && *s;
}

int tickets_check_new(const struct ticket_new *n, char **err)
{
	enum ticket_assignee to;
	char *why = NULL;

	if (!given(n->phone) && !given(n->email)) {
		err_set(err, _("a ticket needs a phone number or an e-mail address"));
		return 1;
	}
	if (given(n->phone) && tickets_check_phone(n->phone, NULL, err))
		return 1;
	if (given(n->email) && tickets_check_email(n->email, err))
		return 1;
	if (tickets_parse_assignee(n->assignee, &to, NULL, err))
		return 1;
	if (!n->language || !catalogue_lang_code_ok(n->language)) {
		err_set(err, _("'%s' is not a language code; use an ISO 639-1 code such as 'fi' or 'ar', or ISO 639-3 where there is none"),
			n->language ? n->language : "");
		return 1;
	}
	if (given(n->note) && strlen(n->note) > TICKETS_NOTE_MAX) {
		err_set(err, _("the note is too long (at most %d bytes); say only what the call is about"),
			TICKETS_NOTE_MAX);
		return 1;
	}
	if (given(n->note) && (!text_valid(n->note, strlen(n->note))
			       || privacy_check_note(n->note, &why))) {
		err_set(err, _("the note: %s"), why ? why : _("it is not valid text"));
		free(why);
		return 1;
	}
	return 0;
}

void tickets_opts_config(struct tickets_opts *o, const struct config *cfg)
{
	memset(o, 0, sizeof *o);
	o->dir = cfg->tickets_dir;
	o->group = cfg->group;
	o->retention_days = cfg->ticket_retention_days;
	o->db = cfg->tickets_db;
	o->organisation = cfg->organisation;
}

int tickets_check_catalogue(const struct catalogue *cat, const char *assignee,
			    char **err)
{
	enum ticket_assignee to;
	char *v = NULL;
	size_t i;
	bool found = false;
	int rc = tickets_parse_assignee(assignee, &to, &v, err);
	if (rc || (to != TICKET_TO_SERVICE && to != TICKET_TO_ORG)) {
		free(v);
		return rc;
	}
	if (to == TICKET_TO_SERVICE)
		found = catalogue_service_index(cat, v) >= 0;
	for (i = 0; to == TICKET_TO_ORG && i < cat->n_orgs && !found; i++)
		found = cat->orgs[i].id && !strcmp(cat->orgs[i].id, v);
	if (!found)
		err_set(err, to == TICKET_TO_SERVICE
			? _("there is no service '%s' in the catalogue; see neuvoo catalogue search")
			: _("there is no organisation '%s' in the catalogue"), v);
	free(v);
	return found ? 0 : 1;
}

char *tickets_topics_text(const char *codes)
{
	topic_set set = 0;
	char *out = xstrdup("");
	int i;
	if (!codes || codes_topics_parse(codes, &set) != 0)
		return text_sanitize(codes ? codes : "");
	for (i = 0; i < TOPIC__N; i++)
		if (set & ((topic_set)1 << i)) {
			char *n = xasprintf("%s%s%s", out, *out ? ", " : "",
					    codes_label(CODES_TOPIC, i));
			free(out);
			out = n;
		}
	return out;
}

/* ---- time -------------------------------------------------------------- */

time_t tickets_now(void)
{
	const char *s = getenv("NEUVOO_NOW");
	char *end;
	long long v;
	if (!s || !*s)
		return time(NULL);
	errno = 0;
	v = strtoll(s, &end, 10);
	return errno || *end || v < 0 ? time(NULL) : (time_t)v;
}

time_t tickets_default_due(time_t now)
{
	struct tm tm;
	localtime_r(&now, &tm);
	do {
		tm.tm_mday++;
		tm.tm_hour = 12;	/* away from DST edges while stepping */
		tm.tm_isdst = -1;
		mktime(&tm);
	} while (tm.tm_wday == 0 || tm.tm_wday == 6);
	tm.tm_hour = 16;
	tm.tm_min = tm.tm_sec = 0;
	tm.tm_isdst = -1;
	return mktime(&tm);
}

bool tickets_overdue(const struct ticket *tk, time_t now)
{
	return (tk->status == TICKET_OPEN || tk->status == TICKET_TAKEN)
	       && tk->due_at < now;
}

/* ---- the store --------------------------------------------------------- */

int tickets_store_refusal(long id, const char *status, const char *by,
			  const char *user, bool *mine, char **err)
{
	*mine = false;
	if (!status) {
		err_set(err, _("there is no ticket %ld; see neuvoo tickets --list"), id);
	} else if (!strcmp(status, "taken") && by && user && !strcmp(by, user)) {
		*mine = true;
		return 0;
	} else if (!strcmp(status, "taken")) {
		err_set(err, _("ticket %ld is taken by %s; ask them, or pick another"),
			id, by ? by : "?");
	} else {
		int k = tickets_status_find(status);
		err_set(err, _("ticket %ld is closed already (%s)"), id,
			tickets_status_label(k < 0 ? TICKET_DONE : (enum ticket_status)k));
	}
	return 1;
}

int tickets_open(struct tickets **out, const struct tickets_opts *o,
		 char **err)
{
	struct tickets *t = xcalloc(1, sizeof *t);
	*out = NULL;
	if ((o->db ? tickets_pg_open(o, &t->be, &t->h, err)
		   : tickets_sqlite_open(o, &t->be, &t->h, err)) != 0) {
		free(t);
		return -1;
	}
	t->user = o->user && *o->user ? xstrdup(o->user) : paths_user_name();
	t->retention_days = o->retention_days >= 0 ? o->retention_days
			    : TICKETS_DEFAULT_RETENTION_DAYS;
	/* Best effort, as the statistics' note purge: a locked file must not
	 * keep the queue from opening; the next open tries again. */
	(void)tickets_erase_expired(t, NULL, NULL);
	*out = t;
	return 0;
}

void tickets_close(struct tickets **t)
{
	if (!t || !*t)
		return;
	(*t)->be->close((*t)->h);
	free((*t)->user);
	free(*t);
	*t = NULL;
}

const char *tickets_path(const struct tickets *t)
{
	return t->be->path(t->h);
}

int tickets_create(struct tickets *t, const struct ticket_new *n, long *id,
		   char **err)
{
	enum ticket_assignee to;
	char *value = NULL, *phone = NULL;
	struct ticket_new m = *n;
	time_t now = tickets_now();
	int rc = tickets_check_new(n, err);

	if (rc)
		return rc;
	tickets_parse_assignee(n->assignee, &to, &value, NULL);
	if (given(n->phone))
		tickets_check_phone(n->phone, &phone, NULL);
	if (!m.due_at)
		m.due_at = tickets_default_due(now);
	rc = t->be->create(t->h, &m, phone, to, value, now, t->user, id, err);
	free(phone);
	free(value);
	return rc;
}

int tickets_list(struct tickets *t, const struct tickets_filter *f,
		 struct ticket **rows, size_t *n, char **err)
{
	static const struct tickets_filter all;
	return t->be->list(t->h, f ? f : &all, tickets_now(), rows, n, err);
}

void tickets_rows_free(struct ticket **rows, size_t n)
{
	size_t i;
	if (!rows || !*rows)
		return;
	for (i = 0; i < n; i++) {
		struct ticket *k = &(*rows)[i];
		free(k->created_by);
		free(k->desk);
		free(k->assignee);
		free(k->language);
		free(k->topics);
		free(k->taken_by);
	}
	free(*rows);
	*rows = NULL;
}

static int step(struct tickets *t, struct ticket_step *st,
		struct ticket_contact **c, char **err)
{
	st->now = tickets_now();
	st->user = t->user;
	return t->be->step(t->h, st, c, err);
}

int tickets_take(struct tickets *t, long id, struct ticket_contact **c,
		 char **err)
{
	struct ticket_step st = { .op = TICKET_OP_TAKE, .id = id };
	if (c)
		*c = NULL;
	return step(t, &st, c, err);
}

int tickets_done(struct tickets *t, long id, char **err)
{
	struct ticket_step st = { .op = TICKET_OP_DONE, .id = id };
	return step(t, &st, NULL, err);
}

int tickets_unreachable(struct tickets *t, long id, int *attempts,
			bool *closed, char **err)
{
	struct ticket_step st = { .op = TICKET_OP_UNREACHABLE, .id = id };
	int rc = step(t, &st, NULL, err);
	if (attempts)
		*attempts = st.attempts;
	if (closed)
		*closed = st.closed;
	return rc;
}

int tickets_pass(struct tickets *t, long id, const char *to, char **err)
{
	struct ticket_step st = { .op = TICKET_OP_PASS, .id = id };
	char *value = NULL;
	int rc = tickets_parse_assignee(to, &st.to, &value, err);
	if (rc)
		return rc;
	st.value = value;
	rc = step(t, &st, NULL, err);
	free(value);
	return rc;
}

int tickets_contact(struct tickets *t, long id, struct ticket_contact **c,
		    char **err)
{
	*c = NULL;
	return t->be->contact(t->h, id, tickets_now(), t->user, c, err);
}

void tickets_contact_free(struct ticket_contact **c)
{
	if (!c || !*c)
		return;
	free((*c)->phone);
	free((*c)->email);
	free((*c)->note);
	free(*c);
	*c = NULL;
}

int tickets_erase_expired(struct tickets *t, size_t *n, char **err)
{
	time_t now = tickets_now();
	time_t cutoff = now - (time_t)t->retention_days * 86400;
	size_t got = 0;
	int rc = t->be->erase(t->h, cutoff, now, t->user, &got, err);
	if (n)
		*n = got;
	return rc;
}

int tickets_audit(struct tickets *t, long id, struct ticket_audit **rows,
		  size_t *n, char **err)
{
	return t->be->audit(t->h, id, rows, n, err);
}

void tickets_audit_free(struct ticket_audit **rows, size_t n)
{
	size_t i;
	if (!rows || !*rows)
		return;
	for (i = 0; i < n; i++) {
		free((*rows)[i].user);
		free((*rows)[i].action);
		free((*rows)[i].detail);
	}
	free(*rows);
	*rows = NULL;
}
