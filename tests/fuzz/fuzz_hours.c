/* fuzz_hours: opening hours text on arbitrary bytes.
 *
 * Invariants: a parse either fails with one line or gives spans with a day
 * 0..6 and 0 <= open < close <= 24:00 and real dates; its canonical form
 * parses again to the same canonical form; "open now" answers for any
 * time. hours_parse_time and hours_valid_date take the same bytes. */
#include <config.h>

#include "fuzz_util.h"

#include <time.h>

#include "core/err.h"
#include "core/hours.h"

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
	(void)argc;
	(void)argv;
	fuzz_setup();
	return 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct hours h = { 0 }, h2 = { 0 };
	char *s = fuzz_str(data, size), *err = NULL, *f1, *f2;
	size_t i;
	int t;

	t = hours_parse_time(s);
	FUZZ_ASSERT(t >= -1 && t <= 1440, "time %d", t);
	if (hours_valid_date(s))
		FUZZ_ASSERT(strlen(s) == 10, "a date of %zu bytes", strlen(s));

	if (hours_parse(&h, s, &err) != 0) {
		fuzz_one_line("hours_parse", err);
		err_free(&err);
		hours_clear(&h);
		free(s);
		return 0;
	}
	for (i = 0; i < h.n_spans; i++)
		FUZZ_ASSERT(h.spans[i].day <= 6 && h.spans[i].open < h.spans[i].close &&
			    h.spans[i].close <= 1440, "span %zu: day %d %d-%d", i,
			    h.spans[i].day, h.spans[i].open, h.spans[i].close);
	for (i = 0; i < h.n_ex; i++) {
		FUZZ_ASSERT(hours_valid_date(h.ex[i].date), "exception date %s",
			    h.ex[i].date);
		FUZZ_ASSERT(h.ex[i].closed || (h.ex[i].open < h.ex[i].close &&
					       h.ex[i].close <= 1440),
			    "exception %zu: %d-%d", i, h.ex[i].open, h.ex[i].close);
	}
	f1 = hours_format(&h);
	FUZZ_ASSERT(hours_parse(&h2, f1, &err) == 0,
		    "the canonical form \"%s\" of \"%s\" does not parse: %s", f1, s,
		    err ? err : "");
	f2 = hours_format(&h2);
	FUZZ_ASSERT(!strcmp(f1, f2), "format-parse-format: \"%s\" then \"%s\"", f1, f2);
	{
		struct tm tm = { 0 };
		int d;
		tm.tm_year = 126;
		tm.tm_mon = size ? data[0] % 12 : 0;
		tm.tm_mday = 1 + (size > 1 ? data[1] % 28 : 0);
		for (d = 0; d < 7; d++) {
			tm.tm_wday = d;
			tm.tm_hour = (size > 2 ? data[2] : 0) % 24;
			tm.tm_min = (size > 3 ? data[3] : 0) % 60;
			(void)hours_state_at(&h, &tm);
		}
	}
	free(f1);
	free(f2);
	hours_clear(&h);
	hours_clear(&h2);
	free(s);
	return 0;
}
