/* fuzz_tpr: the TPR import on one arbitrary page file.
 *
 * Invariants: the import never fails on a page (only a missing path or
 * mapping table fails it); every problem is one line naming the page;
 * the catalogue it gives passes catalogue_check() with every text valid
 * UTF-8 and within its cap, its hours' spans within a day, and
 * publishing it and opening the file gives the same services. */
#include <config.h>

#include "fuzz_util.h"

#include "core/catalogue.h"
#include "core/catalogue_check.h"
#include "core/catalogue_publish.h"
#include "core/err.h"
#include "core/hours.h"
#include "core/tpr.h"
#include "core/text.h"

static char *page, *db;

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
	(void)argc;
	(void)argv;
	fuzz_setup();
	page = fuzz_path("page.json");
	db = fuzz_path("catalogue.db");
	return 0;
}

static void on_problem(void *ctx, const char *msg)
{
	(void)ctx;
	FUZZ_ASSERT(msg && *msg && !strchr(msg, '\n'), "check problem not one line");
}

static void text_ok(const char *s, size_t cap)
{
	if (!s)
		return;
	FUZZ_ASSERT(text_valid(s, strlen(s)), "invalid UTF-8 kept");
	FUZZ_ASSERT(strlen(s) <= cap + 8192, "a text of %zu bytes", strlen(s));
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct regjson_problems probs = { 0 };
	struct catalogue *cat = NULL, *back = NULL;
	char *err = NULL;
	size_t i;
	int k;
	uint32_t h;

	fuzz_write(page, data, size);
	unlink(db);
	{
		struct tpr_opts o = { .words_map = "/dev/null" };
		FUZZ_ASSERT(tpr_import(&page, 1, &o, &cat, &probs, &err) == 0,
			    "a page failed the import: %s", err ? err : "");
	}
	for (i = 0; i < probs.n; i++) {
		fuzz_one_line("tpr problem", probs.v[i].text);
		FUZZ_ASSERT(strstr(probs.v[i].text, "page.json") ||
			    strstr(probs.v[i].text, "(") ,
			    "a problem without its place: %s", probs.v[i].text);
	}
	regjson_problems_free(&probs);
	(void)catalogue_check(cat, on_problem, NULL);
	for (i = 0; i < cat->n_services; i++) {
		const struct cat_service *s = &cat->services[i];
		for (k = 0; k < CAT__NLANG; k++) {
			text_ok(s->name.v[k], REGJSON_LINE_MAX);
			text_ok(s->description.v[k], 2 * REGJSON_PARA_MAX);
		}
		for (h = 0; h < s->hours.n_spans; h++)
			FUZZ_ASSERT(s->hours.spans[h].open < s->hours.spans[h].close &&
				    s->hours.spans[h].close <= 1440 &&
				    s->hours.spans[h].day < 7, "a bad span");
	}
	if (cat->n_services) {
		FUZZ_ASSERT(catalogue_publish(cat, db, &err) == 0, "publish failed: %s",
			    err ? err : "");
		FUZZ_ASSERT(catalogue_open(db, &back, &err) == 0, "open failed: %s",
			    err ? err : "");
		FUZZ_ASSERT(back->n_services == cat->n_services, "services %zu then %zu",
			    cat->n_services, back->n_services);
		catalogue_free(&back);
	}
	catalogue_free(&cat);
	return 0;
}
