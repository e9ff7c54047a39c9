/* fuzz_register: what the register harnesses (PTV, TPR) share.
 *
 * Each harness writes one arbitrary page, runs its own import and hands
 * the result here; the invariants are those of every register import:
 * every problem is one line naming its place, the catalogue passes
 * catalogue_check() with every text valid UTF-8 within its cap, hours'
 * spans stay within a day, and publishing then opening the file gives
 * the same services. Included by one harness per program, so the
 * statics below are that program's own. */
#ifndef NEUVOO_FUZZ_REGISTER_H
#define NEUVOO_FUZZ_REGISTER_H

#include "fuzz_util.h"

#include "core/catalogue.h"
#include "core/catalogue_check.h"
#include "core/catalogue_publish.h"
#include "core/err.h"
#include "core/hours.h"
#include "core/regjson.h"
#include "core/text.h"

static char *fuzz_page, *fuzz_db;

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
	(void)argc;
	(void)argv;
	fuzz_setup();
	fuzz_page = fuzz_path("page.json");
	fuzz_db = fuzz_path("catalogue.db");
	return 0;
}

static void fuzz_register_page(const uint8_t *data, size_t size)
{
	fuzz_write(fuzz_page, data, size);
	unlink(fuzz_db);
}

static void fuzz_register_on_problem(void *ctx, const char *msg)
{
	(void)ctx;
	FUZZ_ASSERT(msg && *msg && !strchr(msg, '\n'), "check problem not one line");
}

static void fuzz_register_text_ok(const char *s, size_t cap)
{
	if (!s)
		return;
	FUZZ_ASSERT(text_valid(s, strlen(s)), "invalid UTF-8 kept");
	FUZZ_ASSERT(strlen(s) <= cap + 8192, "a text of %zu bytes", strlen(s));
}

/* Checks and frees what one import gave; `what` names its problems. */
static void fuzz_register_check(struct catalogue *cat, struct regjson_problems *probs,
				const char *what)
{
	struct catalogue *back = NULL;
	char *err = NULL;
	size_t i;
	int k;
	uint32_t h;

	for (i = 0; i < probs->n; i++) {
		fuzz_one_line(what, probs->v[i].text);
		FUZZ_ASSERT(strstr(probs->v[i].text, "page.json") ||
			    strstr(probs->v[i].text, "("),
			    "a problem without its place: %s", probs->v[i].text);
	}
	regjson_problems_free(probs);
	(void)catalogue_check(cat, fuzz_register_on_problem, NULL);
	for (i = 0; i < cat->n_services; i++) {
		const struct cat_service *s = &cat->services[i];
		for (k = 0; k < CAT__NLANG; k++) {
			fuzz_register_text_ok(s->name.v[k], REGJSON_LINE_MAX);
			fuzz_register_text_ok(s->description.v[k], 2 * REGJSON_PARA_MAX);
		}
		for (h = 0; h < s->hours.n_spans; h++)
			FUZZ_ASSERT(s->hours.spans[h].open < s->hours.spans[h].close &&
				    s->hours.spans[h].close <= 1440 &&
				    s->hours.spans[h].day < 7, "a bad span");
	}
	if (cat->n_services) {
		FUZZ_ASSERT(catalogue_publish(cat, fuzz_db, &err) == 0, "publish failed: %s",
			    err ? err : "");
		FUZZ_ASSERT(catalogue_open(fuzz_db, &back, &err) == 0, "open failed: %s",
			    err ? err : "");
		FUZZ_ASSERT(back->n_services == cat->n_services, "services %zu then %zu",
			    cat->n_services, back->n_services);
		catalogue_free(&back);
	}
	catalogue_free(&cat);
}

#endif
