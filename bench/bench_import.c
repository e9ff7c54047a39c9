/* bench_import: `neuvoo catalogue import ptv` of a national-size dump,
 * for `make bench`.
 *
 * Generates N PTV service channels (default 50,000) from a fixed-seed
 * PRNG as Open API pages of 1,000 (names and descriptions in fi, sv, en,
 * two to four phones, a visiting address, split weekly hours, two
 * exceptional days, areas), plus their services and organisations, into a
 * temporary folder; then runs the real program on it (a child process:
 * import, check and publish of a new catalogue file) and reports the
 * wall time and the child's peak resident memory. Targets: under 30 s
 * and under 200 MB.
 *
 * Usage: bench_import [N] [--keep DIR] */
#include <config.h>

#include <fcntl.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "build_dirs.h"

#define PAGE 1000

static uint64_t rng_state = 0x9e3779b97f4a7c15ull;

static uint64_t rng(void)
{
	rng_state ^= rng_state >> 12;
	rng_state ^= rng_state << 25;
	rng_state ^= rng_state >> 27;
	return rng_state * 0x2545f4914f6cdd1dull;
}

static const char *const fi_words[] = {
	"neuvonta", "asuminen", "perhe", "työ", "terveys", "koulutus",
	"palvelupiste", "toimeentulo", "maahanmuutto", "nuoret", "seniorit",
	"liikunta", "kirjasto", "vammaispalvelu", "yritys", "hakemus"
};
static const char *const sv_words[] = {
	"rådgivning", "boende", "familj", "arbete", "hälsa", "utbildning",
	"servicepunkt", "utkomst", "invandring", "unga", "seniorer",
	"motion", "bibliotek", "handikappservice", "företag", "ansökan"
};
static const char *const en_words[] = {
	"advice", "housing", "family", "work", "health", "education",
	"service point", "income", "immigration", "youth", "seniors",
	"sports", "library", "disability services", "business", "application"
};
static const char *const days[] = {
	"Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"
};
static const char *const munis[] = { "091", "049", "092", "837", "564", "853" };
static const char *const types[] = { "ServiceLocation", "Phone", "EChannel", "WebPage" };

#define W(list) list[rng() % (sizeof list / sizeof list[0])]

static void words(FILE *f, const char *const *list, size_t n, int count)
{
	int i;
	for (i = 0; i < count; i++)
		fprintf(f, "%s%s", i ? " " : "", list[rng() % n]);
}

static void text(FILE *f, const char *type, int count, bool last)
{
	fprintf(f, "{\"type\": \"%s\", \"language\": \"fi\", \"value\": \"", type);
	words(f, fi_words, 16, count);
	fprintf(f, "\"}, {\"type\": \"%s\", \"language\": \"sv\", \"value\": \"", type);
	words(f, sv_words, 16, count);
	fprintf(f, "\"}, {\"type\": \"%s\", \"language\": \"en\", \"value\": \"", type);
	words(f, en_words, 16, count);
	fprintf(f, "\"}%s", last ? "" : ", ");
}

static void channel(FILE *f, long i, long n_orgs, long n_svcs)
{
	int k, np = 2 + (int)(rng() % 3), d;
	fprintf(f, "{\"id\": \"c0000000-0000-4000-8000-%012ld\", "
		"\"organizationId\": \"00000000-0000-4000-8000-%012ld\", "
		"\"serviceChannelType\": \"%s\", \"publishingStatus\": \"Published\", ",
		i, i % n_orgs, types[i % 4]);
	fprintf(f, "\"serviceChannelNames\": [");
	text(f, "Name", 3, true);
	fprintf(f, "], \"serviceChannelDescriptions\": [");
	text(f, "Summary", 12, false);
	text(f, "Description", 30, true);
	fprintf(f, "], \"areaType\": \"AreaType\", \"areas\": [{\"type\": \"Municipality\", \"code\": \"%s\"}, "
		"{\"type\": \"Municipality\", \"code\": \"%s\"}], ", W(munis), W(munis));
	fprintf(f, "\"languages\": [\"fi\", \"sv\"%s], ", rng() % 2 ? ", \"en\", \"ar\"" : "");
	fprintf(f, "\"phoneNumbers\": [");
	for (k = 0; k < np; k++)
		fprintf(f, "%s{\"type\": \"Phone\", \"prefixNumber\": \"+358\", \"number\": \"09 %03d %04d\", "
			"\"language\": \"%s\", \"serviceChargeType\": \"Chargeable\", \"chargeDescription\": \"pvm/mpm\"}",
			k ? ", " : "", (int)(rng() % 1000), (int)(rng() % 10000),
			k == 1 ? "sv" : k == 2 ? "en" : "fi");
	fprintf(f, "], \"emails\": [{\"language\": \"fi\", \"value\": \"neuvonta%ld@example.fi\"}], ", i);
	fprintf(f, "\"webPages\": [{\"language\": \"fi\", \"url\": \"https://www.example.fi/p/%ld\"}], ", i);
	fprintf(f, "\"addresses\": [{\"type\": \"Visiting\", \"streetAddress\": {"
		"\"street\": [{\"language\": \"fi\", \"value\": \"Testikatu\"}, {\"language\": \"sv\", \"value\": \"Testgatan\"}], "
		"\"streetNumber\": \"%d\", \"postalCode\": \"00%03d\", "
		"\"postOffice\": [{\"language\": \"fi\", \"value\": \"HELSINKI\"}, {\"language\": \"sv\", \"value\": \"HELSINGFORS\"}], "
		"\"municipality\": {\"code\": \"091\", \"name\": [{\"language\": \"fi\", \"value\": \"Helsinki\"}]}}}], ",
		(int)(rng() % 200) + 1, (int)(rng() % 990));
	fprintf(f, "\"serviceHours\": [{\"serviceHourType\": \"DaysOfTheWeek\", \"openingHour\": [");
	for (d = 0; d < 5; d++)
		fprintf(f, "%s{\"dayFrom\": \"%s\", \"from\": \"08:00:00\", \"to\": \"12:00:00\"}, "
			"{\"dayFrom\": \"%s\", \"from\": \"13:00:00\", \"to\": \"16:00:00\"}",
			d ? ", " : "", days[d], days[d]);
	fprintf(f, "]}, {\"serviceHourType\": \"Exceptional\", \"validFrom\": \"2099-12-24T00:00:00\", "
		"\"validTo\": \"2099-12-26T00:00:00\", \"isClosed\": true}], ");
	fprintf(f, "\"services\": [{\"service\": {\"id\": \"50000000-0000-4000-8000-%012ld\"}}]}",
		i % n_svcs);
}

static void write_pages(const char *dir, long n)
{
	long i, n_orgs = n / 50 + 1, n_svcs = n / 5 + 1, page;
	char *path;
	FILE *f;
	for (page = 0; page * PAGE < n; page++) {
		if (asprintf(&path, "%s/channels-%04ld.json", dir, page + 1) < 0)
			abort();
		f = fopen(path, "w");
		if (!f)
			abort();
		fprintf(f, "{\"pageNumber\": %ld, \"pageSize\": %d, \"pageCount\": %ld, \"itemList\": [",
			page + 1, PAGE, (n + PAGE - 1) / PAGE);
		for (i = page * PAGE; i < n && i < (page + 1) * PAGE; i++) {
			if (i > page * PAGE)
				fputs(",\n", f);
			channel(f, i, n_orgs, n_svcs);
		}
		fputs("]}\n", f);
		fclose(f);
		free(path);
	}
	if (asprintf(&path, "%s/services.json", dir) < 0 || !(f = fopen(path, "w")))
		abort();
	fputs("{\"pageNumber\": 1, \"itemList\": [", f);
	for (i = 0; i < n_svcs; i++) {
		fprintf(f, "%s{\"id\": \"50000000-0000-4000-8000-%012ld\", \"serviceNames\": [", i ? ",\n" : "", i);
		text(f, "Name", 2, true);
		fprintf(f, "], \"serviceClasses\": [{\"code\": \"P%d\", \"name\": [{\"language\": \"fi\", \"value\": \"Asuminen\"}]}]}",
			(int)(rng() % 30));
	}
	fputs("]}\n", f);
	fclose(f);
	free(path);
	if (asprintf(&path, "%s/organizations.json", dir) < 0 || !(f = fopen(path, "w")))
		abort();
	fputs("{\"pageNumber\": 1, \"itemList\": [", f);
	for (i = 0; i < n_orgs; i++)
		fprintf(f, "%s{\"id\": \"00000000-0000-4000-8000-%012ld\", \"organizationType\": \"%s\", "
			"\"organizationNames\": [{\"type\": \"Name\", \"language\": \"fi\", \"value\": \"Organisaatio %ld\"}]}",
			i ? ",\n" : "", i, i % 3 ? "Municipality" : "State", i);
	fputs("]}\n", f);
	fclose(f);
	free(path);
}

static double now(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

static long du_kb(const char *dir)
{
	char *cmd;
	long kb = 0;
	FILE *p;
	if (asprintf(&cmd, "du -sk '%s'", dir) < 0)
		return 0;
	p = popen(cmd, "r");
	if (p) {
		if (fscanf(p, "%ld", &kb) != 1)
			kb = 0;
		pclose(p);
	}
	free(cmd);
	return kb;
}

int main(int argc, char **argv)
{
	long n = 50000;
	const char *keep = NULL;
	char tmpl[] = "/tmp/neuvoo-bench-import.XXXXXX", *dir, *db, *prog, *pages;
	double t0, t1;
	struct rusage ru;
	int status, i;
	pid_t pid;

	for (i = 1; i < argc; i++) {
		if (!strcmp(argv[i], "--keep") && i + 1 < argc)
			keep = argv[++i];
		else
			n = atol(argv[i]);
	}
	if (n <= 0) {
		fprintf(stderr, "usage: bench_import [N] [--keep DIR]\n");
		return 2;
	}
	dir = keep ? (char *)keep : mkdtemp(tmpl);
	if (!dir || (keep && mkdir(keep, 0700) != 0 && access(keep, W_OK) != 0)) {
		perror("bench_import");
		return 1;
	}
	if (asprintf(&pages, "%s/ptv", dir) < 0 || asprintf(&db, "%s/catalogue.db", dir) < 0 ||
	    asprintf(&prog, "%s/neuvoo", BUILD_BINDIR) < 0)
		return 1;
	mkdir(pages, 0700);
	unlink(db);
	t0 = now();
	write_pages(pages, n);
	t1 = now();
	printf("generated %ld PTV channels in %ld pages (%.1f MB) in %.1f s\n", n,
	       (n + PAGE - 1) / PAGE, du_kb(pages) / 1024.0, t1 - t0);
	fflush(stdout);
	t0 = now();
	pid = fork();
	if (pid == 0) {
		int null = open("/dev/null", 1);
		dup2(null, 2);
		execl(prog, prog, "--catalogue", db, "catalogue", "import", "ptv", pages,
		      (char *)NULL);
		_exit(127);
	}
	if (pid < 0 || wait4(pid, &status, 0, &ru) != pid) {
		perror("bench_import");
		return 1;
	}
	t1 = now();
	printf("neuvoo catalogue import ptv: %.1f s wall, %.1f s user, peak %.0f MB resident (targets: 30 s, 200 MB)%s\n",
	       t1 - t0, (double)ru.ru_utime.tv_sec + ru.ru_utime.tv_usec / 1e6,
	       ru.ru_maxrss / 1024.0,
	       WIFEXITED(status) && WEXITSTATUS(status) == 0 ? "" : " FAILED");
	printf("published catalogue: %.1f MB\n", du_kb(db) / 1024.0);
	if (!keep) {
		char *cmd;
		if (asprintf(&cmd, "rm -rf '%s'", dir) >= 0) {
			if (system(cmd) != 0)
				fprintf(stderr, "could not remove %s\n", dir);
			free(cmd);
		}
	}
	free(pages);
	free(db);
	free(prog);
	return WIFEXITED(status) && WEXITSTATUS(status) == 0 ? 0 : 1;
}
