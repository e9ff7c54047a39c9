/* fuzz_hsds: HSDS package import on arbitrary CSV files.
 *
 * The input is a package: sections that each start with a line
 * "== NAME.csv" (one of the file names HSDS 1.x or 3.x or neuvoo's x_
 * extensions use) and hold that file's bytes. An input without such a line
 * is services.csv, next to a fixed organizations.csv. Invariants: import
 * succeeds or fails with one line; every warning is one line; an imported
 * catalogue passes through catalogue_check(), exports, and imports again
 * with the same services, organisations, languages and resources. */
#include <config.h>

#include "fuzz_util.h"

#include "core/catalogue.h"
#include "core/catalogue_check.h"
#include "core/err.h"
#include "core/hsds.h"

static const char *const names[] = {
	"address.csv", "addresses.csv", "eligibilities.csv", "eligibility.csv",
	"holiday_schedule.csv", "holiday_schedules.csv", "language.csv",
	"languages.csv", "location.csv", "locations.csv", "organization.csv",
	"organizations.csv", "phone.csv", "phones.csv", "physical_address.csv",
	"physical_addresses.csv", "regular_schedule.csv", "regular_schedules.csv",
	"schedule.csv", "schedules.csv", "service.csv", "service_at_location.csv",
	"service_at_locations.csv", "services.csv", "services_at_location.csv",
	"services_at_locations.csv", "x_languages.csv", "x_meta.csv",
	"x_resource_hours.csv", "x_resource_languages.csv", "x_resources.csv",
	"README", NULL
};
static const char default_orgs[] =
	"id,name,x_kind\norg-1,Kaupunki,city\norg-2,Yhdistys,ngo\n";

static char *pkg, *out;

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
	(void)argc;
	(void)argv;
	fuzz_setup();
	pkg = fuzz_path("pkg");
	out = fuzz_path("export");
	mkdir(pkg, 0700);
	mkdir(out, 0700);
	return 0;
}

static void empty_dir(const char *dir)
{
	size_t i;
	for (i = 0; names[i]; i++) {
		size_t n = strlen(dir) + strlen(names[i]) + 2;
		char *p = malloc(n);
		if (!p)
			abort();
		snprintf(p, n, "%s/%s", dir, names[i]);
		unlink(p);
		free(p);
	}
}

static void put(const char *name, size_t namelen, const uint8_t *data,
		size_t size)
{
	size_t i, n;
	char *p;
	for (i = 0; names[i]; i++)
		if (strlen(names[i]) == namelen && !memcmp(names[i], name, namelen))
			break;
	if (!names[i])
		return;		/* not a package file: ignored */
	n = strlen(pkg) + namelen + 2;
	p = malloc(n);
	if (!p)
		abort();
	snprintf(p, n, "%s/%s", pkg, names[i]);
	fuzz_write(p, data, size);
	free(p);
}

static void on_warn(void *ctx, const char *msg)
{
	(void)ctx;
	fuzz_one_line("hsds warning", msg);
}

static void on_problem(void *ctx, const char *msg)
{
	(void)ctx;
	FUZZ_ASSERT(msg && *msg && !strchr(msg, '\n'), "check problem not one line");
}

static const char *nz(const char *s)
{
	return s ? s : "";
}

static void same(const struct catalogue *a, const struct catalogue *b)
{
	size_t i;
	int k;
	FUZZ_ASSERT(a->n_services == b->n_services, "services %zu then %zu",
		    a->n_services, b->n_services);
	FUZZ_ASSERT(a->n_orgs == b->n_orgs, "organisations %zu then %zu",
		    a->n_orgs, b->n_orgs);
	FUZZ_ASSERT(a->n_languages == b->n_languages, "languages %zu then %zu",
		    a->n_languages, b->n_languages);
	FUZZ_ASSERT(a->n_resources == b->n_resources, "resources %zu then %zu",
		    a->n_resources, b->n_resources);
	for (i = 0; i < a->n_services; i++) {
		const struct cat_service *s = &a->services[i];
		long j = catalogue_service_index(b, s->id);
		FUZZ_ASSERT(j >= 0, "service '%s' lost on the round trip", s->id);
		for (k = 0; k < CAT__NLANG; k++)
			FUZZ_ASSERT(!strcmp(nz(s->name.v[k]),
					    nz(b->services[j].name.v[k])),
				    "service '%s' name %d changed", s->id, k);
		FUZZ_ASSERT(s->topics == b->services[j].topics,
			    "service '%s' topics changed", s->id);
	}
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct catalogue *cat = NULL, *again = NULL;
	char *err = NULL;
	const uint8_t *p = data, *end = data + size;

	empty_dir(pkg);
	empty_dir(out);
	if (size >= 3 && !memcmp(data, "== ", 3)) {
		while (p < end) {
			const uint8_t *nl = memchr(p, '\n', (size_t)(end - p));
			const uint8_t *name = p + 3, *body, *next;
			size_t namelen;
			if (!nl)
				break;
			namelen = (size_t)(nl - name);
			body = nl + 1;
			next = body;
			for (;;) {
				next = memmem(next, (size_t)(end - next), "\n== ", 4);
				if (!next) {
					next = end;
					break;
				}
				next++;	/* the section ends with its newline */
				break;
			}
			if (p + 3 <= nl)
				put((const char *)name, namelen, body,
				    (size_t)(next - body));
			p = next;
		}
	} else {
		put("services.csv", 12, data, size);
		put("organizations.csv", 17, (const uint8_t *)default_orgs,
		    sizeof default_orgs - 1);
	}

	if (hsds_import(pkg, &cat, on_warn, NULL, &err) != 0) {
		FUZZ_ASSERT(!cat, "a failed import left a catalogue");
		fuzz_one_line("hsds_import", err);
		err_free(&err);
		return 0;
	}
	FUZZ_ASSERT(cat && !err, "import succeeded without a catalogue");
	(void)catalogue_check(cat, on_problem, NULL);
	FUZZ_ASSERT(hsds_export(cat, out, &err) == 0, "export failed: %s", nz(err));
	FUZZ_ASSERT(hsds_import(out, &again, on_warn, NULL, &err) == 0,
		    "the export does not import: %s", nz(err));
	same(cat, again);
	catalogue_free(&again);
	catalogue_free(&cat);
	return 0;
}
