/* test_catalogue: the read side: open, load, look-ups, text fallback,
 * noticing a new version, clear errors for bad files, and publishing a
 * catalogue built in memory. */
#include <config.h>

#include "util.h"

#include <sqlite3.h>
#include <sys/stat.h>
#include <time.h>

#include "catalogue_fixture.h"
#include "core/catalogue.h"
#include "core/catalogue_publish.h"
#include "core/err.h"
#include "core/i18n.h"
#include "core/text.h"

/* dir/cat.db made from the fixture; caller frees. */
static char *fixture_catalogue(const char *dir)
{
	char *sql = util_write(dir, "fixture.sql", catalogue_fixture_sql);
	char *path = malloc(strlen(dir) + 10), *err = NULL;
	sprintf(path, "%s/cat.db", dir);
	if (catalogue_init(path, sql, false, &err) != 0)
		fail_msg("init: %s", err);
	free(sql);
	return path;
}

static struct catalogue *open_ok(const char *path)
{
	struct catalogue *cat = NULL;
	char *err = NULL;
	if (catalogue_open(path, &cat, &err) != 0)
		fail_msg("open: %s", err);
	assert_non_null(cat);
	return cat;
}

static void test_load_fixture(void **state)
{
	char *dir = util_tmpdir(), *path = fixture_catalogue(dir), *text;
	struct catalogue *cat = open_ok(path);
	const struct cat_service *s;
	const struct cat_resource *r;
	long i;
	(void)state;

	assert_string_equal(cat->path, path);
	assert_int_equal(cat->version, CATALOGUE_SCHEMA_VERSION);
	assert_string_equal(cat->name, "Testville");
	assert_non_null(cat->published);
	assert_int_equal(cat->n_problems, 0);

	/* Languages are sorted by code whatever the insert order. */
	assert_int_equal(cat->n_languages, 5);
	assert_string_equal(cat->languages[0].code, "ar");
	assert_string_equal(cat->languages[1].code, "en");
	assert_string_equal(cat->languages[3].code, "so");
	assert_string_equal(cat->languages[3].native, "Soomaali");
	assert_string_equal(cat->languages[4].code, "sv");
	assert_string_equal(cat->languages[0].native, "العربية");

	assert_int_equal(cat->n_orgs, 2);
	assert_int_equal(cat->orgs[1].kind, ORG_NGO);
	assert_null(cat->orgs[1].name.v[CAT_SV]);

	assert_int_equal(cat->n_services, 3);
	i = catalogue_service_index(cat, "integration");
	assert_true(i >= 0);
	s = &cat->services[i];
	assert_string_equal(catalogue_service_org(cat, s)->id, "city");
	assert_true(s->topics & (1u << TOPIC_MOVING));
	assert_true(s->topics & (1u << TOPIC_PERMITS));
	assert_false(s->topics & (1u << TOPIC_HOUSING));
	assert_int_equal(s->info->appointment, APPT_SOMETIMES);
	assert_string_equal(s->info->eligibility.v[CAT_EN], "New residents");
	/* Phones come in their display order, not insert order. */
	assert_int_equal(s->info->n_phones, 2);
	assert_string_equal(s->info->phones[0].number, "09 123 4567");
	assert_string_equal(s->info->phones[1].label.v[CAT_EN], "undocumented persons");
	text = hours_format(&s->hours);
	assert_string_equal(text, "mo-fr 8.15-12.00,13.00-16.00; 2026-12-24 closed");
	free(text);
	assert_true(catalogue_service_speaks(s, "so"));
	assert_false(catalogue_service_speaks(s, "sv"));

	s = &cat->services[catalogue_service_index(cat, "housing-advice")];
	assert_string_equal(s->info->verified, "2026-01-15");
	assert_string_equal(s->keywords, "vuokra hyra rent");
	assert_int_equal(s->hours.n_spans, 0);

	assert_int_equal(cat->n_resources, 2);
	r = &cat->resources[0];
	assert_string_equal(r->id, "desk2");
	assert_int_equal(r->kind, RES_COLLEAGUE);
	assert_int_equal(r->modality, MOD_INPERSON);
	assert_string_equal(r->languages[0].dialects, "Northern");
	assert_true(catalogue_resource_speaks(r, "ar"));
	assert_false(catalogue_resource_speaks(r, "fi"));
	assert_int_equal(r->hours.n_spans, 1);
	r = &cat->resources[1];
	assert_int_equal(r->modality, MOD_PHONE | MOD_VIDEO);
	assert_int_equal(r->lead_minutes, 30);

	/* The table's order first, then the remaining topics in code order. */
	assert_int_equal(cat->topic_order[0], TOPIC_OTHER);
	assert_int_equal(cat->topic_order[1], TOPIC_HOUSING);
	assert_int_equal(cat->topic_order[2], TOPIC_EDUCATION);
	assert_int_equal(cat->topic_order[TOPIC__N - 1], TOPIC_DIGITAL);

	catalogue_free(&cat);
	assert_null(cat);
	free(path);
	util_rmtree(&dir);
}

static void test_text_fallback(void **state)
{
	struct cat_text t = { { NULL, NULL, NULL } };
	(void)state;
	assert_string_equal(catalogue_text(&t, "sv"), "");
	assert_string_equal(catalogue_text(NULL, "sv"), "");
	t.v[CAT_SV] = "Boenderådgivning";
	assert_string_equal(catalogue_text(&t, "fi"), "Boenderådgivning");
	t.v[CAT_EN] = "Housing advice";
	assert_string_equal(catalogue_text(&t, "fi"), "Housing advice");
	assert_string_equal(catalogue_text(&t, "sv"), "Boenderådgivning");
	t.v[CAT_FI] = "Asumisneuvonta";
	assert_string_equal(catalogue_text(&t, "fi"), "Asumisneuvonta");
	assert_string_equal(catalogue_text(&t, "en"), "Housing advice");
	assert_string_equal(catalogue_text(&t, "sv_FI.UTF-8"), "Boenderådgivning");
	/* Another UI language gets the chain: English, Finnish, Swedish by
	 * default (a Russian operator reads English before Finnish). */
	assert_string_equal(catalogue_text(&t, "so"), "Housing advice");
	assert_string_equal(catalogue_text(&t, NULL), "Housing advice");
	{
		static const char *const fi_first[] = { "fi", "sv", NULL };
		static const char *const sv_only[] = { "sv", NULL };
		static const char *const dflt[] = { "en", "fi", "sv", NULL };
		i18n_set_text_fallback(fi_first);
		assert_string_equal(catalogue_text(&t, "so"), "Asumisneuvonta");
		/* The UI language still comes first. */
		assert_string_equal(catalogue_text(&t, "en"), "Housing advice");
		i18n_set_text_fallback(sv_only);
		t.v[CAT_SV] = NULL;
		/* Nothing in the chain: any language there is. */
		assert_string_equal(catalogue_text(&t, "ru"), "Asumisneuvonta");
		t.v[CAT_SV] = "Boenderådgivning";
		assert_string_equal(catalogue_text(&t, "ru"), "Boenderådgivning");
		i18n_set_text_fallback(dflt);
	}
	t.v[CAT_FI] = "";
	assert_string_equal(catalogue_text(&t, "so"), "Housing advice");
	assert_int_equal(catalogue_lang("sv"), CAT_SV);
	assert_int_equal(catalogue_lang("en"), CAT_EN);
	assert_int_equal(catalogue_lang("ar"), CAT_FI);
	assert_int_equal(catalogue_lang("svx"), CAT_FI);
}

static void test_lookups(void **state)
{
	char *dir = util_tmpdir(), *path = fixture_catalogue(dir);
	struct catalogue *cat = open_ok(path);
	(void)state;
	assert_non_null(catalogue_language(cat, "fi"));
	assert_string_equal(catalogue_language(cat, "so")->name.v[CAT_EN], "Somali");
	assert_null(catalogue_language(cat, "xx"));
	assert_null(catalogue_language(cat, NULL));
	assert_int_equal(catalogue_service_index(cat, "nope"), -1);
	assert_int_equal(catalogue_service_index(cat, NULL), -1);
	catalogue_free(&cat);
	free(path);
	util_rmtree(&dir);
}

static char *s_(const char *s)
{
	return s ? strdup(s) : NULL;
}

static void text3(struct cat_text *t, const char *fi, const char *sv, const char *en)
{
	t->v[CAT_FI] = s_(fi);
	t->v[CAT_SV] = s_(sv);
	t->v[CAT_EN] = s_(en);
}

/* A catalogue using every field, built the way an importer builds one. */
static struct catalogue *built(void)
{
	struct catalogue *cat = catalogue_new();
	struct cat_org *o;
	struct cat_service *s;
	struct cat_language *l;
	struct cat_resource *r;
	char *err = NULL;

	cat->name = s_("Built");
	cat->published = s_("2026-02-01T10:00:00+02:00");
	l = catalogue_add_language(cat);
	l->code = s_("fi");
	text3(&l->name, "suomi", "finska", "Finnish");
	l->native = s_("suomi");
	l = catalogue_add_language(cat);
	l->code = s_("uk");
	text3(&l->name, "ukraina", NULL, "Ukrainian");
	l->native = s_("українська");

	o = catalogue_add_org(cat);
	o->id = s_("org-a");
	o->kind = ORG_PUBLIC;
	text3(&o->name, "Virasto", "Ämbetsverket", "The Agency");
	o->web = s_("https://agency.example.org");
	o->municipality = s_("Espoo");
	o = catalogue_add_org(cat);
	o->id = s_("org-b");
	o->kind = ORG_OTHER;
	text3(&o->name, "Muu", NULL, NULL);

	s = catalogue_add_service(cat);
	s->id = s_("svc-1");
	s->org = 1;
	text3(&s->name, "Palvelu", "Tjänst", "Service");
	text3(&s->description, "Kuvaus\ntoinen rivi", NULL, "Description");
	text3(&s->info->eligibility, NULL, "Över 30", NULL);
	s->keywords = s_("avain nyckel key");
	s->topics = (1u << TOPIC_HEALTH) | (1u << TOPIC_SOCIAL_ASSISTANCE);
	s->languages = calloc(2, sizeof *s->languages);
	s->languages[0] = s_("uk");
	s->languages[1] = s_("fi");
	s->n_languages = 2;
	s->info->phones = calloc(2, sizeof *s->info->phones);
	s->info->phones[0].number = s_("+358 9 123");
	text3(&s->info->phones[0].label, "etuudet", "förmåner på svenska", NULL);
	s->info->phones[1].number = s_("040 111 2222");
	s->info->n_phones = 2;
	s->info->email = s_("svc@example.org");
	s->info->web = s_("example.org/svc");
	s->info->address = s_("Katu 2");
	s->info->municipality = s_("Espoo");
	s->info->appointment = APPT_YES;
	assert_int_equal(hours_parse(&s->hours, "mo,we 9-11.30,12-15; sa 10-24; "
				     "2026-05-01 closed; 2026-05-02 9-12", &err), 0);
	s->info->verified = s_("2026-01-31");

	s = catalogue_add_service(cat);
	s->id = s_("svc-2");
	s->org = 0;
	text3(&s->name, "Toinen", NULL, NULL);

	r = catalogue_add_resource(cat);
	r->id = s_("res-1");
	r->kind = RES_INTERPRETING;
	text3(&r->name, "Videotulkkaus", NULL, "Video interpreting");
	r->languages = calloc(1, sizeof *r->languages);
	r->languages[0].code = s_("uk");
	r->languages[0].dialects = s_("Surzhyk");
	r->n_languages = 1;
	r->unit = s_("Unit");
	r->phone = s_("09 555");
	r->email = s_("res@example.org");
	r->web = s_("https://res.example.org");
	r->modality = MOD_VIDEO | MOD_ONSITE | MOD_INPERSON;
	r->lead_minutes = 120;
	assert_int_equal(hours_parse(&r->hours, "tu-th 8-16", &err), 0);
	text3(&r->note, "huom", "obs", "note");

	cat->topic_order[0] = TOPIC_DIGITAL;
	cat->topic_order[TOPIC_DIGITAL] = TOPIC_HOUSING;
	return cat;
}

static void same_str(const char *a, const char *b)
{
	if (!a || !b)
		assert_ptr_equal(a, b);
	else
		assert_string_equal(a, b);
}

static void same_text(const struct cat_text *a, const struct cat_text *b)
{
	int k;
	for (k = 0; k < CAT__NLANG; k++)
		same_str(a->v[k], b->v[k]);
}

static void same_hours(const struct hours *a, const struct hours *b)
{
	char *x = hours_format(a), *y = hours_format(b);
	assert_string_equal(x, y);
	assert_int_equal(a->n_spans, b->n_spans);
	assert_int_equal(a->n_ex, b->n_ex);
	free(x);
	free(y);
}

static void test_publish_round_trip(void **state)
{
	char *dir = util_tmpdir(), *path = malloc(strlen(dir) + 32), *err = NULL;
	struct catalogue *a = built(), *b;
	struct stat st;
	size_t i, k;
	(void)state;

	/* The folder is created on the way. */
	sprintf(path, "%s/sub/dir/out.db", dir);
	if (catalogue_publish(a, path, &err) != 0)
		fail_msg("publish: %s", err);
	assert_int_equal(stat(path, &st), 0);
	assert_int_equal(st.st_mode & 0777, 0644);
	b = open_ok(path);

	assert_int_equal(b->n_problems, 0);
	same_str(a->name, b->name);
	same_str(a->published, b->published);
	assert_int_equal(a->n_languages, b->n_languages);
	for (i = 0; i < a->n_languages; i++) {
		same_str(a->languages[i].code, b->languages[i].code);
		same_text(&a->languages[i].name, &b->languages[i].name);
		same_str(a->languages[i].native, b->languages[i].native);
	}
	assert_int_equal(a->n_orgs, b->n_orgs);
	for (i = 0; i < a->n_orgs; i++) {
		same_str(a->orgs[i].id, b->orgs[i].id);
		assert_int_equal(a->orgs[i].kind, b->orgs[i].kind);
		same_text(&a->orgs[i].name, &b->orgs[i].name);
		same_str(a->orgs[i].web, b->orgs[i].web);
		same_str(a->orgs[i].municipality, b->orgs[i].municipality);
	}
	assert_int_equal(a->n_services, b->n_services);
	for (i = 0; i < a->n_services; i++) {
		const struct cat_service *x = &a->services[i], *y = &b->services[i];
		same_str(x->id, y->id);
		assert_int_equal(x->org, y->org);
		same_text(&x->name, &y->name);
		same_text(&x->description, &y->description);
		same_text(&x->info->eligibility, &y->info->eligibility);
		same_str(x->keywords, y->keywords);
		assert_int_equal(x->topics, y->topics);
		assert_int_equal(x->n_languages, y->n_languages);
		for (k = 0; k < x->n_languages; k++)
			same_str(x->languages[k], y->languages[k]);
		assert_int_equal(x->info->n_phones, y->info->n_phones);
		for (k = 0; k < x->info->n_phones; k++) {
			same_str(x->info->phones[k].number, y->info->phones[k].number);
			same_text(&x->info->phones[k].label, &y->info->phones[k].label);
		}
		same_str(x->info->email, y->info->email);
		same_str(x->info->web, y->info->web);
		same_str(x->info->address, y->info->address);
		same_str(x->info->municipality, y->info->municipality);
		assert_int_equal(x->info->appointment, y->info->appointment);
		same_hours(&x->hours, &y->hours);
		same_str(x->info->verified, y->info->verified);
	}
	assert_int_equal(a->n_resources, b->n_resources);
	for (i = 0; i < a->n_resources; i++) {
		const struct cat_resource *x = &a->resources[i], *y = &b->resources[i];
		same_str(x->id, y->id);
		assert_int_equal(x->kind, y->kind);
		same_text(&x->name, &y->name);
		assert_int_equal(x->n_languages, y->n_languages);
		for (k = 0; k < x->n_languages; k++) {
			same_str(x->languages[k].code, y->languages[k].code);
			same_str(x->languages[k].dialects, y->languages[k].dialects);
		}
		same_str(x->unit, y->unit);
		same_str(x->phone, y->phone);
		same_str(x->email, y->email);
		same_str(x->web, y->web);
		assert_int_equal(x->modality, y->modality);
		assert_int_equal(x->lead_minutes, y->lead_minutes);
		same_hours(&x->hours, &y->hours);
		same_text(&x->note, &y->note);
	}
	for (i = 0; i < TOPIC__N; i++)
		assert_int_equal(a->topic_order[i], b->topic_order[i]);
	catalogue_free(&a);
	catalogue_free(&b);
	free(path);
	util_rmtree(&dir);
}

/* Without a published time, publishing stamps now, with its offset. */
static void test_publish_stamps_time(void **state)
{
	char *dir = util_tmpdir(), *path = malloc(strlen(dir) + 16), *err = NULL;
	struct catalogue *a = built(), *b;
	const char *p;
	(void)state;
	free(a->published);
	a->published = NULL;
	sprintf(path, "%s/out.db", dir);
	assert_int_equal(catalogue_publish(a, path, &err), 0);
	b = open_ok(path);
	p = b->published;
	/* 2026-02-01T10:00:00+02:00 */
	assert_non_null(p);
	assert_int_equal(strlen(p), 25);
	assert_int_equal(p[10], 'T');
	assert_true(p[19] == '+' || p[19] == '-');
	assert_int_equal(p[22], ':');
	catalogue_free(&a);
	catalogue_free(&b);
	free(path);
	util_rmtree(&dir);
}

/* A failed publish leaves the old file and no temporary behind. */
static void test_publish_failure_keeps_old(void **state)
{
	char *dir = util_tmpdir(), *path = fixture_catalogue(dir), *err = NULL;
	struct catalogue *a = built(), *b;
	char cmd[512];
	(void)state;
	/* A service pointing at no organisation cannot be written. */
	a->services[1].org = 7;
	assert_int_equal(catalogue_publish(a, path, &err), -1);
	assert_non_null(strstr(err, "svc-2"));
	assert_null(strchr(err, '\n'));
	b = open_ok(path);
	assert_string_equal(b->name, "Testville");
	snprintf(cmd, sizeof cmd, "test $(ls '%s' | wc -l) -eq 3 && "
		 "test $(ls '%s' | grep -c '^cat\\.db\\..*\\.idx$') -eq 1", dir, dir);
	/* fixture.sql, cat.db and its search index: no new index either */
	assert_int_equal(system(cmd), 0);
	catalogue_free(&a);
	catalogue_free(&b);
	err_free(&err);
	free(path);
	util_rmtree(&dir);
}

static void test_changed(void **state)
{
	char *dir = util_tmpdir(), *path = fixture_catalogue(dir), *err = NULL;
	struct catalogue *cat = open_ok(path), *fresh = built();
	(void)state;
	assert_false(catalogue_changed(cat));
	assert_false(catalogue_changed(cat));
	/* An admin publishes a new version over it. */
	assert_int_equal(catalogue_publish(fresh, path, &err), 0);
	assert_true(catalogue_changed(cat));
	catalogue_free(&cat);
	cat = open_ok(path);
	assert_false(catalogue_changed(cat));
	assert_string_equal(cat->name, "Built");
	unlink(path);
	assert_true(catalogue_changed(cat));
	catalogue_free(&cat);
	catalogue_free(&fresh);
	free(path);
	util_rmtree(&dir);
}

/* Open must fail with one line that names the file and contains needle. */
static void open_fails(const char *path, const char *needle)
{
	struct catalogue *cat = (struct catalogue *)1;
	char *err = NULL;
	assert_int_equal(catalogue_open(path, &cat, &err), -1);
	assert_null(cat);
	assert_non_null(err);
	if (!strstr(err, needle) || strncmp(err, path, strlen(path)) != 0 ||
	    strchr(err, '\n'))
		fail_msg("open '%s' said '%s', expected one line with '%s'", path, err, needle);
	err_free(&err);
}

static void sql_file(const char *path, const char *sql)
{
	sqlite3 *db;
	assert_int_equal(sqlite3_open(path, &db), SQLITE_OK);
	assert_int_equal(sqlite3_exec(db, sql, NULL, NULL, NULL), SQLITE_OK);
	assert_int_equal(sqlite3_close(db), SQLITE_OK);
}

static void test_open_errors(void **state)
{
	char *dir = util_tmpdir(), *path = fixture_catalogue(dir), *p, msg[4200];
	FILE *f;
	struct stat st;
	(void)state;

	snprintf(msg, sizeof msg, "%s/none.db: no catalogue here; create one with 'neuvoo catalogue init'",
		 dir);
	{
		struct catalogue *cat = NULL;
		char *err = NULL;
		char *none = malloc(strlen(dir) + 16);
		sprintf(none, "%s/none.db", dir);
		assert_int_equal(catalogue_open(none, &cat, &err), -1);
		assert_string_equal(err, msg);
		err_free(&err);
		free(none);
	}

	p = util_write(dir, "text.db", "name,phone\nfoo,123\n");
	open_fails(p, "not a neuvoo catalogue (not an SQLite database)");
	free(p);
	p = util_write(dir, "empty.db", "");
	open_fails(p, "not an SQLite database");
	free(p);
	open_fails(dir, "folder");

	/* Cut a good catalogue in half. */
	assert_int_equal(stat(path, &st), 0);
	p = malloc(strlen(dir) + 16);
	sprintf(p, "%s/cut.db", dir);
	snprintf(msg, sizeof msg, "head -c %lld '%s' > '%s'", (long long)st.st_size / 2, path, p);
	assert_int_equal(system(msg), 0);
	open_fails(p, "catalogue is damaged");
	open_fails(p, "publish it again");
	/* And just the first 50 bytes. */
	snprintf(msg, sizeof msg, "head -c 50 '%s' > '%s'", path, p);
	assert_int_equal(system(msg), 0);
	open_fails(p, "damaged");
	free(p);

	p = malloc(strlen(dir) + 16);
	sprintf(p, "%s/new.db", dir);
	sql_file(p, "CREATE TABLE x (a); PRAGMA user_version = 99;");
	open_fails(p, "catalogue schema version 99 is newer than this neuvoo understands (2); update neuvoo");
	free(p);

	p = malloc(strlen(dir) + 16);
	sprintf(p, "%s/v0.db", dir);
	sql_file(p, "CREATE TABLE notes (a);");
	open_fails(p, "not a neuvoo catalogue (");
	free(p);

	p = malloc(strlen(dir) + 16);
	sprintf(p, "%s/part.db", dir);
	sql_file(p, "CREATE TABLE meta (key, value); PRAGMA user_version = 1;");
	open_fails(p, "not a neuvoo catalogue (no table 'language')");
	free(p);

	/* Garbage where a page should be: SQLite's own check notices. */
	f = fopen(path, "r+b");
	assert_non_null(f);
	fseek(f, 4096 + 8, SEEK_SET);
	fputs("\xff\xff\xff\xff\xff\xff\xff\xff\xff\xff\xff\xff\xff\xff\xff\xff", f);
	fclose(f);
	{
		char *err = NULL;
		struct catalogue *cat = NULL;
		if (catalogue_open(path, &cat, &err) == 0) {
			catalogue_free(&cat);
			assert_int_equal(catalogue_verify_file(path, &err), -1);
		}
		assert_non_null(strstr(err, "damaged"));
		err_free(&err);
	}
	free(path);
	util_rmtree(&dir);
}

/* Desks read catalogues in folders they cannot write, through paths with
 * any characters, and never change the file. */
static void test_open_read_only(void **state)
{
	char *dir = util_tmpdir(), *path = fixture_catalogue(dir), *odd, *err = NULL;
	struct catalogue *cat;
	struct stat before, after;
	char cmd[4200];
	(void)state;

	odd = malloc(strlen(dir) + 64);
	sprintf(odd, "%s/a dir?x=1#frag%%41", dir);
	assert_int_equal(mkdir(odd, 0755), 0);
	strcat(odd, "/cat.db");
	snprintf(cmd, sizeof cmd, "cp '%s' '%s' && chmod 0444 '%s' && chmod 0555 \"$(dirname '%s')\"",
		 path, odd, odd, odd);
	assert_int_equal(system(cmd), 0);
	assert_int_equal(stat(odd, &before), 0);
	assert_int_equal(catalogue_open(odd, &cat, &err), 0);
	assert_int_equal(cat->n_services, 3);
	assert_false(catalogue_changed(cat));
	assert_int_equal(stat(odd, &after), 0);
	assert_int_equal(before.st_mtim.tv_sec, after.st_mtim.tv_sec);
	assert_int_equal(before.st_mtim.tv_nsec, after.st_mtim.tv_nsec);
	assert_int_equal(before.st_size, after.st_size);
	catalogue_free(&cat);
	snprintf(cmd, sizeof cmd, "test $(ls -A \"$(dirname '%s')\" | wc -l) -eq 1 && chmod 0755 \"$(dirname '%s')\"",
		 odd, odd);
	assert_int_equal(system(cmd), 0);
	free(odd);
	free(path);
	util_rmtree(&dir);
}

/* Rows of one service that are not together in a table (added by hand
 * later) all still belong to it, in the table's order; records that
 * share equal hours stay independent; and a loaded catalogue takes
 * records and strings added afterwards (catalogue_free frees those). */
static void test_scattered_rows(void **state)
{
	char *dir = util_tmpdir(), *path = fixture_catalogue(dir), *text;
	struct catalogue *cat;
	const struct cat_service *s;
	struct cat_service *added;
	sqlite3 *db;
	(void)state;

	assert_int_equal(sqlite3_open(path, &db), SQLITE_OK);
	assert_int_equal(sqlite3_exec(db,
		"INSERT INTO service_language VALUES ('housing-advice', 'ar');"
		"INSERT INTO service_language VALUES ('help-desk', 'xx');"
		"INSERT INTO service_hours VALUES ('integration', 6, '10:00', '12:00');"
		"INSERT INTO service_hours VALUES ('help-desk', 7, '10:00', '14:00');"
		"INSERT INTO service_hours VALUES ('housing-advice', 6, '10:00', '14:00');"
		"INSERT INTO service_phone VALUES ('help-desk', 1, '09 555 0000', NULL, NULL, NULL);",
		NULL, NULL, NULL), SQLITE_OK);
	sqlite3_close(db);
	cat = open_ok(path);
	assert_int_equal(cat->n_problems, 0);

	s = &cat->services[catalogue_service_index(cat, "housing-advice")];
	assert_int_equal(s->n_languages, 4);
	assert_string_equal(s->languages[0], "fi");
	assert_string_equal(s->languages[3], "ar");
	text = hours_format(&s->hours);
	assert_string_equal(text, "sa 10.00-14.00");
	free(text);

	s = &cat->services[catalogue_service_index(cat, "integration")];
	text = hours_format(&s->hours);
	assert_string_equal(text, "mo-fr 8.15-12.00,13.00-16.00; sa 10.00-12.00; 2026-12-24 closed");
	free(text);

	s = &cat->services[catalogue_service_index(cat, "help-desk")];
	assert_int_equal(s->n_languages, 2);
	assert_string_equal(s->languages[1], "xx");
	assert_true(catalogue_service_speaks(s, "xx"));
	assert_int_equal(s->info->n_phones, 1);
	assert_string_equal(s->info->phones[0].number, "09 555 0000");
	text = hours_format(&s->hours);
	assert_string_equal(text, "sa-su 10.00-14.00; 2026-12-31 10.00-12.00");
	free(text);

	/* Growing a loaded catalogue, and replacing one of its strings. */
	added = catalogue_add_service(cat);
	added->id = xstrdup("added");
	added->name.v[CAT_FI] = xstrdup("Lisätty");
	added->languages = xcalloc(1, sizeof *added->languages);
	added->languages[added->n_languages++] = xstrdup("fi");
	assert_int_equal(hours_add_span(&added->hours, 0, 9 * 60, 10 * 60), 0);
	cat->services[0].keywords = xstrdup("new words");
	assert_int_equal(catalogue_service_index(cat, "added"), 3);
	catalogue_free(&cat);
	assert_null(cat);
	free(path);
	util_rmtree(&dir);
}

/* A catalogue with no services, organisations or resources loads. */
static void test_empty_catalogue(void **state)
{
	char *dir = util_tmpdir(), *path = malloc(strlen(dir) + 16), *err = NULL;
	struct catalogue *empty = catalogue_new(), *cat;
	(void)state;

	sprintf(path, "%s/empty.db", dir);
	if (catalogue_publish(empty, path, &err) != 0)
		fail_msg("publish: %s", err);
	cat = open_ok(path);
	assert_int_equal(cat->n_services, 0);
	assert_int_equal(cat->n_orgs, 0);
	assert_int_equal(cat->n_resources, 0);
	assert_int_equal(catalogue_service_index(cat, "x"), -1);
	assert_null(catalogue_language(cat, "fi"));
	catalogue_free(&cat);
	catalogue_free(&empty);
	free(path);
	util_rmtree(&dir);
}

/* Words in a line, sorted and each once. */
static int cmp_str(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

static char *sort_words(char *line)
{
	char *words[256], *p, *out;
	size_t n = 0, i, len = 0;
	if (!line)
		return NULL;
	out = calloc(1, strlen(line) + 1);
	for (p = strtok(line, " "); p && n < 256; p = strtok(NULL, " "))
		words[n++] = p;
	qsort(words, n, sizeof *words, cmp_str);
	for (i = 0; i < n; i++)
		if (!i || strcmp(words[i], words[i - 1]))
			len += (size_t)sprintf(out + len, "%s%s", len ? " " : "", words[i]);
	free(line);
	return out;
}

/* The descriptions' folds, every word once, sorted. */
static char *fold_words(const struct cat_text *t)
{
	char *all = strdup("");
	int k;
	for (k = 0; k < CAT__NLANG; k++) {
		char *f = text_fold(t->v[k] ? t->v[k] : "", true);
		char *j = malloc(strlen(all) + strlen(f) + 2);
		sprintf(j, "%s %s", all, f);
		free(all);
		free(f);
		all = j;
	}
	return sort_words(all);
}

static void collect_word(void *arg, const char *w, size_t len)
{
	char **line = arg;
	size_t old = *line ? strlen(*line) : 0;
	assert_int_equal(strlen(w), len);
	*line = realloc(*line, old + len + 2);
	sprintf(*line + old, "%s%s", old ? " " : "", w);
}

/* A desk's lean catalogue: the same services without their details,
 * which come one service at a time from the file it was loaded from, even
 * after a new catalogue is published over it; it cannot be written out. */
static void test_lean(void **state)
{
	char *dir = util_tmpdir(), *path = fixture_catalogue(dir), *err = NULL;
	char *out = malloc(strlen(dir) + 16);
	struct catalogue *whole = open_ok(path), *lean = NULL, *next;
	const struct cat_service_info *in, *again;
	size_t i, k, n_worded = 0;
	(void)state;

	if (catalogue_open_lean(path, &lean, &err) != 0)
		fail_msg("open lean: %s", err);
	assert_int_equal(lean->n_services, whole->n_services);
	/* The descriptions' words come in a second step. */
	assert_true(lean->words_pending);
	assert_false(whole->words_pending);
	for (i = 0; i < lean->n_services; i++)
		assert_null(lean->services[i].words);
	if (catalogue_load_words(lean, &err) != 0 ||
	    catalogue_load_words(lean, &err) != 0 ||
	    catalogue_load_words(whole, &err) != 0)
		fail_msg("words: %s", err);
	assert_false(lean->words_pending);
	assert_true(catalogue_whole(whole));
	assert_false(catalogue_whole(lean));
	for (i = 0; i < lean->n_services; i++) {
		const struct cat_service *x = &whole->services[i], *y = &lean->services[i];
		assert_null(y->info);
		same_str(x->id, y->id);
		same_text(&x->name, &y->name);
		assert_null(y->description.v[CAT_FI]);
		assert_null(y->description.v[CAT_SV]);
		assert_null(y->description.v[CAT_EN]);
		/* Instead, the distinct words of the folded descriptions. */
		{
			char *want = fold_words(&x->description), *got = NULL;
			char *none = NULL;
			catalogue_service_words(lean, y, collect_word, &got);
			catalogue_service_words(whole, x, collect_word, &none);
			assert_null(none);
			got = sort_words(got);
			assert_string_equal(got ? got : "", want);
			n_worded += *want != '\0';
			free(got);
			free(want);
		}
		assert_int_equal(x->topics, y->topics);
		same_hours(&x->hours, &y->hours);
		in = catalogue_service_info(lean, i, &err);
		assert_non_null(in);
		same_text(&x->description, &in->description);
		same_text(&x->info->eligibility, &in->eligibility);
		assert_int_equal(x->info->n_phones, in->n_phones);
		for (k = 0; k < in->n_phones; k++) {
			same_str(x->info->phones[k].number, in->phones[k].number);
			same_text(&x->info->phones[k].label, &in->phones[k].label);
		}
		same_str(x->info->email, in->email);
		same_str(x->info->web, in->web);
		same_str(x->info->address, in->address);
		same_str(x->info->municipality, in->municipality);
		assert_int_equal(x->info->appointment, in->appointment);
		same_str(x->info->verified, in->verified);
		/* The same service again: the cached details. */
		again = catalogue_service_info(lean, i, &err);
		assert_ptr_equal(in, again);
		/* A whole catalogue hands out its own. */
		assert_ptr_equal(catalogue_service_info(whole, i, &err), x->info);
	}
	assert_true(n_worded >= 2);
	assert_null(catalogue_service_info(lean, lean->n_services, &err));
	assert_non_null(err);

	/* A new version published over the file: the loaded one keeps
	 * showing its own details until it is reloaded. */
	i = (size_t)catalogue_service_index(whole, "integration");
	next = open_ok(path);
	/* (The loaded string lives in the catalogue's blocks: not freed.) */
	next->services[i].info->phones[0].number = strdup("09 999 9999");
	if (catalogue_publish(next, path, &err) != 0)
		fail_msg("publish: %s", err);
	catalogue_free(&next);
	assert_true(catalogue_changed(lean));
	catalogue_service_info(lean, 0, &err);	/* another service between */
	in = catalogue_service_info(lean, i, &err);
	assert_non_null(in);
	assert_string_equal(in->phones[0].number, "09 123 4567");

	/* Writing a lean catalogue out would lose the details. */
	sprintf(out, "%s/out.db", dir);
	free(err);
	err = NULL;
	assert_int_equal(catalogue_publish(lean, out, &err), -1);
	assert_non_null(strstr(err, "without its details"));
	assert_int_equal(access(out, F_OK), -1);

	free(err);
	free(out);
	catalogue_free(&lean);
	catalogue_free(&whole);
	free(path);
	util_rmtree(&dir);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_load_fixture),
		cmocka_unit_test(test_text_fallback),
		cmocka_unit_test(test_lookups),
		cmocka_unit_test(test_publish_round_trip),
		cmocka_unit_test(test_publish_stamps_time),
		cmocka_unit_test(test_publish_failure_keeps_old),
		cmocka_unit_test(test_changed),
		cmocka_unit_test(test_open_errors),
		cmocka_unit_test(test_open_read_only),
		cmocka_unit_test(test_scattered_rows),
		cmocka_unit_test(test_empty_catalogue),
		cmocka_unit_test(test_lean),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
