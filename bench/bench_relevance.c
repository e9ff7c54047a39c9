/* bench_relevance: how often the search engine puts the service an
 * advisor wants first, or in the first three, for `make bench`.
 *
 * The queries (bench/relevance-queries.tsv: query, expected service id,
 * kind) are what advisors type for the bundled Helsinki catalogue's
 * services: inflected Finnish, compounds, Swedish, English, typos and two
 * words. Each runs as `catalogue search` runs it (search_query, names in
 * Finnish) over the bundled catalogue, then over the bundled catalogue
 * with N generated services added (bench/gen.c; default 10,000), which
 * share many of their words. Prints top-1 and top-3 hit rates per kind
 * and overall, and every query that missed the top 3.
 *
 * With BENCH_RELEVANCE_VERBOSE=1 in the environment it also prints, for
 * every query whose service is not first, the first five with their tiers
 * (enum search_tier), to see why.
 *
 * Usage: bench_relevance [N [QUERY-FILE]] */
#include <config.h>

#include "build_dirs.h"

#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "core/catalogue.h"
#include "core/catalogue_publish.h"
#include "core/catalogue_schema.h"
#include "core/err.h"
#include "core/search.h"

#include "gen.h"

struct query {
	char *q, *want, *kind;
};

struct tally {
	const char *kind;
	size_t n, top1, top3;
};

static void die(const char *what, char *err)
{
	fprintf(stderr, "bench_relevance: %s: %s\n", what, err ? err : "failed");
	exit(1);
}

/* One line "query<TAB>id<TAB>kind"; # comments and blank lines skipped. */
static size_t load_queries(const char *path, struct query **out)
{
	FILE *f = fopen(path, "r");
	struct query *v = NULL;
	size_t n = 0, cap = 0, lineno = 0;
	char *line = NULL;
	size_t lcap = 0;
	if (!f)
		die(path, "cannot open the query file");
	while (getline(&line, &lcap, f) > 0) {
		char *q, *want, *kind, *save;
		lineno++;
		line[strcspn(line, "\r\n")] = '\0';
		if (!*line || *line == '#')
			continue;
		q = strtok_r(line, "\t", &save);
		want = strtok_r(NULL, "\t", &save);
		kind = strtok_r(NULL, "\t", &save);
		if (!q || !want || !kind) {
			fprintf(stderr, "bench_relevance: %s:%zu: want "
				"query, id and kind separated by tabs\n",
				path, lineno);
			exit(2);
		}
		if (n == cap) {
			cap = cap ? cap * 2 : 64;
			v = xrealloc(v, cap * sizeof *v);
		}
		v[n].q = xstrdup(q);
		v[n].want = xstrdup(want);
		v[n].kind = xstrdup(kind);
		n++;
	}
	free(line);
	fclose(f);
	*out = v;
	return n;
}

static struct tally *tally_of(struct tally *t, size_t *nt, const char *kind)
{
	size_t i;
	for (i = 0; i < *nt; i++)
		if (!strcmp(t[i].kind, kind))
			return &t[i];
	t[*nt].kind = kind;
	return &t[(*nt)++];
}

static double pct(size_t a, size_t b)
{
	return b ? 100.0 * (double)a / (double)b : 0.0;
}

static double now_us(void)
{
	struct timespec t;
	clock_gettime(CLOCK_MONOTONIC, &t);
	return (double)t.tv_sec * 1e6 + (double)t.tv_nsec / 1e3;
}

static void run(const struct catalogue *cat, const char *label,
		const struct query *qs, size_t nq)
{
	struct search *s = search_new(cat, "fi");
	struct tally *t = xcalloc(nq + 1, sizeof *t), all = { "all", 0, 0, 0 };
	size_t nt = 0, i, j;
	double t0, spent = 0;
	const char *v = getenv("BENCH_RELEVANCE_VERBOSE");
	bool verbose = v && *v && strcmp(v, "0");

	search_complete(s);
	printf("\n%s (%zu services):\n", label, cat->n_services);
	for (i = 0; i < nq; i++) {
		const struct search_hit *h;
		struct tally *k = tally_of(t, &nt, qs[i].kind);
		size_t n, rank = 0;
		t0 = now_us();
		n = search_query(s, qs[i].q, &h);
		spent += now_us() - t0;
		for (j = 0; j < n && !rank; j++)
			if (!strcmp(cat->services[h[j].index].id, qs[i].want))
				rank = j + 1;
		k->n++;
		all.n++;
		if (rank == 1) {
			k->top1++;
			all.top1++;
		}
		if (rank >= 1 && rank <= 3) {
			k->top3++;
			all.top3++;
		} else {
			printf("  miss: %-28s want %-32s got %s (rank %zu of %zu; "
			       "tiers %d, %d)\n", qs[i].q, qs[i].want,
			       n ? cat->services[h[0].index].id : "nothing",
			       rank, n, n ? (int)h[0].tier : -1,
			       rank ? (int)h[rank - 1].tier : -1);
		}
		if (verbose && rank != 1) {
			printf("    %s (want %s, rank %zu of %zu):\n", qs[i].q,
			       qs[i].want, rank, n);
			for (j = 0; j < n && j < 5; j++)
				printf("      %zu. tier %2d %s\n", j + 1,
				       (int)h[j].tier,
				       cat->services[h[j].index].id);
		}
	}
	printf("  %-12s %8s %8s %8s\n", "kind", "queries", "top 1", "top 3");
	for (i = 0; i < nt; i++)
		printf("  %-12s %8zu %7.1f%% %7.1f%%\n", t[i].kind, t[i].n,
		       pct(t[i].top1, t[i].n), pct(t[i].top3, t[i].n));
	printf("  %-12s %8zu %7.1f%% %7.1f%%   (%.0f us a query)\n", all.kind,
	       all.n, pct(all.top1, all.n), pct(all.top3, all.n),
	       spent / (double)(nq ? nq : 1));
	free(t);
	search_free(&s);
}

int main(int argc, char **argv)
{
	size_t n = argc > 1 ? (size_t)strtoul(argv[1], NULL, 10) : 10000;
	char *qpath = argc > 2 ? xstrdup(argv[2]) :
		xasprintf("%s/bench/relevance-queries.tsv", BUILD_DATADIR);
	char tmpl[] = "/tmp/bench_relevance.XXXXXX";
	char *tmp = mkdtemp(tmpl), *err = NULL, *db, *sql, *cmd;
	struct catalogue *cat = NULL;
	struct query *qs;
	size_t nq, i;

	if (!tmp)
		die("mkdtemp", NULL);
	setenv("LANGUAGE", "en", 1);
	if (!getenv("NEUVOO_DATADIR"))
		setenv("NEUVOO_DATADIR", BUILD_DATADIR, 1);
	nq = load_queries(qpath, &qs);
	db = xasprintf("%s/bundled.db", tmp);
	sql = xasprintf("%s/data/catalogue/helsinki.sql", BUILD_DATADIR);
	if (catalogue_init(db, sql, false, &err) != 0)
		die("catalogue init", err);
	if (catalogue_open(db, &cat, &err) != 0)
		die("open the bundled catalogue", err);
	printf("bench_relevance: %zu queries from %s\n", nq, qpath);
	run(cat, "bundled catalogue", qs, nq);
	if (n) {
		char label[80];
		gen_services(cat, n);
		snprintf(label, sizeof label,
			 "bundled catalogue and %zu generated services", n);
		run(cat, label, qs, nq);
	}
	catalogue_free(&cat);
	for (i = 0; i < nq; i++) {
		free(qs[i].q);
		free(qs[i].want);
		free(qs[i].kind);
	}
	free(qs);
	cmd = xasprintf("rm -rf '%s'", tmp);
	if (system(cmd) != 0)
		fprintf(stderr, "bench_relevance: could not remove %s\n", tmp);
	free(cmd);
	free(db);
	free(sql);
	free(qpath);
	return 0;
}
