/* fuzz_tpr: the TPR import on one arbitrary page file.
 *
 * Invariants: the import never fails on a page (only a missing path or
 * mapping table fails it); every problem is one line naming the page;
 * the catalogue it gives passes catalogue_check() with every text valid
 * UTF-8 and within its cap, its hours' spans within a day, and
 * publishing it and opening the file gives the same services. */
#include <config.h>

#include "fuzz_register.h"

#include "core/tpr.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct regjson_problems probs = { 0 };
	struct catalogue *cat = NULL;
	char *err = NULL;

	fuzz_register_page(data, size);
	{
		struct tpr_opts o = { .words_map = "/dev/null" };
		FUZZ_ASSERT(tpr_import(&fuzz_page, 1, &o, &cat, &probs, &err) == 0,
			    "a page failed the import: %s", err ? err : "");
	}
	fuzz_register_check(cat, &probs, "tpr problem");
	return 0;
}
