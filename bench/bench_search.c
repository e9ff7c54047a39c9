/* bench_search: how fast the search engine answers, for `make bench`.
 *
 * Generates a catalogue of N services in memory (default: 10,000 and
 * 100,000) from a fixed-seed PRNG: Finnish, Swedish and English names and
 * descriptions (~200 bytes each) built from parallel word lists, compounds
 * and inflections as Finnish makes them, street addresses, keywords,
 * topics and organisations. Then it times, in process:
 *   - building the index (and the heap it takes),
 *   - typing a word letter by letter ("a" ... "asunto"), incrementally,
 *   - fresh queries: common, rare, two words, no match,
 *   - the desk's ranking (rank_services: search, topic filter, then each
 *     hit's languages and opening hours at a fixed time).
 * Each query is repeated; the table shows microseconds per query. Other
 * processes on the machine show up in the max column, rarely in p95.
 *
 * Usage: bench_search [N...] */
#include <config.h>

#include <malloc.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "core/catalogue.h"
#include "core/err.h"
#include "core/hours.h"
#include "core/rank.h"
#include "core/search.h"

#include "gen.h"

#define N_OF(a) (sizeof a / sizeof a[0])

/* ---- measuring ---------------------------------------------------------- */

static double now_us(void)
{
	struct timespec t;
	clock_gettime(CLOCK_MONOTONIC, &t);
	return (double)t.tv_sec * 1e6 + (double)t.tv_nsec / 1e3;
}

static size_t heap_bytes(void)
{
	struct mallinfo2 mi = mallinfo2();
	return mi.uordblks + mi.hblkhd;
}

static long status_kb(const char *field)
{
	FILE *f = fopen("/proc/self/status", "r");
	char line[256];
	long v = -1;
	size_t len = strlen(field);
	if (!f)
		return -1;
	while (fgets(line, sizeof line, f))
		if (!strncmp(line, field, len) && line[len] == ':')
			v = strtol(line + len + 1, NULL, 10);
	fclose(f);
	return v;
}

static int cmp_double(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;
	return (x > y) - (x < y);
}

struct stat_row {
	const char *label;
	double *t;
	size_t n;
	size_t hits;
};

static void print_row(const struct stat_row *r)
{
	double sum = 0;
	size_t i;
	if (!r->n)
		return;
	qsort(r->t, r->n, sizeof *r->t, cmp_double);
	for (i = 0; i < r->n; i++)
		sum += r->t[i];
	printf("  %-24s %8zu %9.1f %9.1f %9.1f %9.1f\n", r->label, r->hits,
	       sum / (double)r->n, r->t[r->n / 2],
	       r->t[(size_t)((double)(r->n - 1) * 0.95)], r->t[r->n - 1]);
}

/* A query no benchmark query contains, so the next one starts fresh. */
#define RESET "qqqq"

static void bench(size_t n)
{
	static const char *const typing[] = { "a", "as", "asu", "asun", "asunt",
					      "asunto" };
	static const char *const fresh[][2] = {
		{ "common", "palvelu" },
		{ "rare", "asuntokriisi" },
		{ "two words", "nuoriso kallio" },
		{ "inside words", "neuvo" },
		{ "no match", "zyxwv" },
	};
	const size_t n_typing = N_OF(typing), n_fresh = N_OF(fresh);
	size_t reps = n >= 50000 ? 200 : 1000, r, q, heap0, heap1, heap2;
	struct stat_row rows[16];
	size_t nrows = n_typing + n_fresh + 4;
	struct catalogue *cat;
	struct search *s;
	const struct search_hit *h;
	double t0, t_build;
	struct tm tm;
	time_t fixed = 1772445600;	/* a Monday morning in March 2026 */

	heap0 = heap_bytes();
	t0 = now_us();
	cat = catalogue_new();
	gen_services(cat, n);
	heap1 = heap_bytes();
	printf("\n%zu services: catalogue generated in %.0f ms, %.1f MB heap\n",
	       n, (now_us() - t0) / 1e3, (double)(heap1 - heap0) / 1048576.0);
	t0 = now_us();
	s = search_new(cat, "fi");
	t_build = now_us() - t0;
	heap2 = heap_bytes();
	printf("index built in %.0f ms, %.1f MB heap (%.0f bytes a service); "
	       "RSS now %ld kB, peak %ld kB\n",
	       t_build / 1e3, (double)(heap2 - heap1) / 1048576.0,
	       (double)(heap2 - heap1) / (double)n, status_kb("VmRSS"),
	       status_kb("VmHWM"));

	{	/* the rest of the index: vocabulary, names, terms */
		size_t heap3;
		t0 = now_us();
		search_complete(s);
		t_build = now_us() - t0;
		heap3 = heap_bytes();
		printf("index completed in %.0f ms, %.1f MB heap (%.0f bytes a "
		       "service; morphology's terms %.1f MB); RSS now %ld kB, "
		       "peak %ld kB\n", t_build / 1e3,
		       (double)(heap3 - heap2) / 1048576.0,
		       (double)(heap3 - heap2) / (double)n,
		       (double)search_terms_bytes(s) / 1048576.0,
		       status_kb("VmRSS"), status_kb("VmHWM"));
	}
	memset(rows, 0, sizeof rows);
	for (q = 0; q < nrows; q++) {
		rows[q].t = xcalloc(reps, sizeof *rows[q].t);
		rows[q].n = reps;
	}
	rows[n_typing + n_fresh + 2].n = 0;	/* counts its own runs */
	for (q = 0; q < n_typing; q++)
		rows[q].label = xasprintf("typing '%s'", typing[q]);
	for (q = 0; q < n_fresh; q++)
		rows[n_typing + q].label = xasprintf("%s '%s'", fresh[q][0],
						     fresh[q][1]);
	rows[n_typing + n_fresh].label = "empty (all)";
	rows[n_typing + n_fresh + 1].label = "desk rank 'asu' +topic";
	rows[n_typing + n_fresh + 2].label = "desk rank 'a', no topic";
	rows[n_typing + n_fresh + 3].label = "whole word 'a'..'asunto'";

	localtime_r(&fixed, &tm);
	for (r = 0; r < reps; r++) {
		double typed = 0;
		search_query(s, RESET, &h);
		for (q = 0; q < n_typing; q++) {
			t0 = now_us();
			rows[q].hits = search_query(s, typing[q], &h);
			rows[q].t[r] = now_us() - t0;
			typed += rows[q].t[r];
		}
		rows[n_typing + n_fresh + 3].t[r] = typed;
		rows[n_typing + n_fresh + 3].hits = rows[n_typing - 1].hits;
		for (q = 0; q < n_fresh; q++) {
			struct stat_row *row = &rows[n_typing + q];
			search_query(s, RESET, &h);
			t0 = now_us();
			row->hits = search_query(s, fresh[q][1], &h);
			row->t[r] = now_us() - t0;
		}
		{
			struct stat_row *row = &rows[n_typing + n_fresh];
			t0 = now_us();
			row->hits = search_query(s, "", &h);
			row->t[r] = now_us() - t0;
		}
		{
			struct stat_row *row = &rows[n_typing + n_fresh + 1];
			struct rank_service *out = NULL;
			search_query(s, "as", &h);	/* typing: "as" came first */
			t0 = now_us();
			row->hits = rank_services(cat, s, "asu",
						  (topic_set)1 << TOPIC_HOUSING,
						  "so", &tm, &out);
			row->t[r] = now_us() - t0;
			free(out);
		}
		if (r % 10 == 0 || n < 50000) {	/* the slowest: fewer runs */
			struct stat_row *row = &rows[n_typing + n_fresh + 2];
			struct rank_service *out = NULL;
			t0 = now_us();
			row->hits = rank_services(cat, s, "a", 0, "so", &tm, &out);
			row->t[row->n++] = now_us() - t0;
			free(out);
		}
	}
	printf("  %-24s %8s %9s %9s %9s %9s   (microseconds, %zu runs)\n",
	       "query", "hits", "mean", "p50", "p95", "max", reps);
	for (q = 0; q < nrows; q++)
		print_row(&rows[q]);
	for (q = 0; q < nrows; q++) {
		if (q < n_typing + n_fresh)
			free((char *)rows[q].label);
		free(rows[q].t);
	}
	search_free(&s);
	catalogue_free(&cat);
}

int main(int argc, char **argv)
{
	int i;
	setenv("LANGUAGE", "en", 1);
	printf("bench_search: search engine over generated catalogues\n");
	if (argc < 2) {
		bench(10000);
		bench(100000);
	}
	for (i = 1; i < argc; i++) {
		char *end;
		unsigned long n = strtoul(argv[i], &end, 10);
		if (*end || n == 0) {
			fprintf(stderr, "usage: bench_search [N...]\n");
			return 2;
		}
		bench((size_t)n);
	}
	return 0;
}
