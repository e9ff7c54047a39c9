/* bench_desk: what the advisor's desk costs a thin-client server, for
 * `make bench`.
 *
 * 1. Start-up: the real program (src/neuvoo) in a pseudo-terminal of
 *    80x24, from exec to its first full screen (the status line, drawn
 *    last), with the bundled catalogue and with one of 10,000 services;
 *    then its resident memory (VmHWM: the peak) and quit with F10.
 * 2. Keystrokes, in process, drawing into a file as an 80x24 (and a
 *    200x60) terminal: CPU time per key (this thread's clock) for typing
 *    into the Redirect filter at 10,000 services, and the bytes written to
 *    the terminal when the highlight moves one row.
 *
 * 3. Publishing: the catalogue of N services written with its search
 *    index (core/search_index) in a child process: wall time and the
 *    child's peak memory (the catalogue in memory included).
 * 4. Ten desks at once on the published index: each session's
 *    proportional (Pss) and private (RssAnon) memory after a query.
 * 5. A whole `catalogue search` process against `fzf --filter` over the
 *    same names (fzf installed with apt-get when missing and possible;
 *    else `grep -F -i`, and the line says so).
 * 6. The desk and fzf (reading the same id-and-name lines) side by side
 *    in one 80x24 pseudo-terminal each, measured the same way: from exec
 *    to the last byte of the list drawn, and from a typed letter to the
 *    last byte of its results drawn (the terminal then quiet).
 *
 * Usage: bench_desk [N [WORDS]]   (N services, default 10000; WORDS words
 * of description in each of fi, sv and en, default 3: a line) */
#include <config.h>

#include "build_dirs.h"

#include <curses.h>
#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <pty.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "core/catalogue.h"
#include "core/catalogue_publish.h"
#include "core/err.h"
#include "core/keymap.h"
#include "core/layout.h"
#include "core/paths.h"
#include "core/search.h"
#include "core/search_index.h"
#include "panes/desk.h"
#include "panes/screens.h"
#include "ui/screen.h"

static uint64_t rng_state = 0x9e3779b97f4a7c15ull;

static uint64_t rng(void)
{
	rng_state ^= rng_state >> 12;
	rng_state ^= rng_state << 25;
	rng_state ^= rng_state >> 27;
	return rng_state * 2685821657736338717ull;
}

static size_t pick(size_t n)
{
	return (size_t)(rng() >> 33) % n;
}

static const char *const words[][3] = {
	{ "asunto", "bostads", "housing" }, { "neuvonta", "rådgivning", "advice" },
	{ "palvelu", "tjänst", "service" }, { "perhe", "familje", "family" },
	{ "terveys", "hälso", "health" }, { "keskus", "central", "centre" },
	{ "nuoriso", "ungdoms", "youth" }, { "työ", "arbets", "work" },
	{ "koulu", "skol", "school" }, { "kieli", "språk", "language" },
	{ "tuki", "stöd", "support" }, { "talous", "ekonomi", "finance" },
	{ "vuokra", "hyres", "rental" }, { "digi", "digi", "digital" },
	{ "liikenne", "trafik", "transport" }, { "lupa", "tillstånds", "permit" },
	{ "kulttuuri", "kultur", "culture" }, { "vanhus", "äldre", "elderly" },
	{ "maahanmuutto", "invandrings", "immigration" }, { "ohjaus", "handledning", "guidance" },
};
#define N_WORDS (sizeof words / sizeof words[0])

static double now_s(clockid_t clk)
{
	struct timespec ts;
	clock_gettime(clk, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

static void die(const char *what, char *err)
{
	fprintf(stderr, "bench_desk: %s: %s\n", what, err ? err : strerror(errno));
	exit(1);
}

/* The bundled catalogue plus n synthetic services, published to path. */
/* n services after the bundled ones; descriptions of desc_words words
 * in each language (3: a line; 60: a paragraph). */
static void make_big(const char *bundled, const char *path, size_t n,
		     size_t desc_words)
{
	struct catalogue *cat = NULL;
	char *err = NULL;
	size_t i, k;
	if (catalogue_open(bundled, &cat, &err) != 0)
		die("open bundled catalogue", err);
	for (i = 0; i < n; i++) {
		struct cat_service *s = catalogue_add_service(cat);
		size_t a = pick(N_WORDS), b = pick(N_WORDS);
		int l;
		s->id = xasprintf("bench-%06zu", i);
		s->org = pick(cat->n_orgs);
		for (l = 0; l < CAT__NLANG; l++) {
			s->name.v[l] = xasprintf("%s%s %zu", words[a][l], words[b][l], i);
			size_t k2, len = 0;
			char *d = xmalloc(desc_words * 16 + 1);
			for (k2 = 0; k2 < desc_words; k2++)
				len += (size_t)sprintf(d + len, "%s%s", k2 ? " " : "",
						       words[k2 ? pick(N_WORDS) : b][l]);
			d[len] = '\0';
			s->description.v[l] = d;
		}
		s->keywords = xstrdup(words[pick(N_WORDS)][2]);
		s->topics = (topic_set)1u << pick(TOPIC__N);
		s->languages = xcalloc(4, sizeof *s->languages);
		s->languages[s->n_languages++] = xstrdup("fi");
		for (k = pick(4); k > 0; k--) {
			const char *code = cat->languages[pick(cat->n_languages)].code;
			size_t j;
			int dup = 0;
			for (j = 0; j < s->n_languages; j++)
				dup |= !strcmp(s->languages[j], code);
			if (!dup)
				s->languages[s->n_languages++] = xstrdup(code);
		}
		s->info->phones = xcalloc(1, sizeof *s->info->phones);
		s->info->phones[0].number = xasprintf("09 310 %05zu", i);
		s->info->n_phones = 1;
		for (k = 0; k < 5; k++)
			hours_add_span(&s->hours, (int)k, 8 * 60, 16 * 60);
	}
	{
		/* The publish alone, in a child: its time and peak memory. */
		double t0 = now_s(CLOCK_MONOTONIC);
		struct rusage ru;
		int status = 0;
		pid_t pid = fork();
		if (pid < 0)
			die("fork", NULL);
		if (pid == 0) {
			if (catalogue_publish(cat, path, &err) != 0) {
				fprintf(stderr, "bench_desk: publish: %s\n", err);
				_exit(1);
			}
			_exit(0);
		}
		if (wait4(pid, &status, 0, &ru) != pid || !WIFEXITED(status) ||
		    WEXITSTATUS(status) != 0)
			die("publish", NULL);
		t0 = now_s(CLOCK_MONOTONIC) - t0;
		printf("publish %zu services with the search index: %.1f s "
		       "(%.0f us a service), peak %.0f MB\n\n",
		       cat->n_services, t0, t0 * 1e6 / (double)cat->n_services,
		       (double)ru.ru_maxrss / 1024.0);
	}
	catalogue_free(&cat);
}

/* ---- 1. start-up in a pseudo-terminal ---------------------------------- */

static long proc_kb(pid_t pid, const char *field)
{
	char path[64], line[256];
	FILE *f;
	long kb = -1;
	snprintf(path, sizeof path, "/proc/%d/status", (int)pid);
	f = fopen(path, "r");
	if (!f)
		return -1;
	while (fgets(line, sizeof line, f))
		if (!strncmp(line, field, strlen(field)))
			kb = atol(line + strlen(field) + 1);
	fclose(f);
	return kb;
}

/* A child's environment: its folders under tmp, an xterm, UTF-8. */
static void child_env(const char *tmp)
{
	char *d = xasprintf("%s/data", tmp), *s = xasprintf("%s/state", tmp);
	char *c = xasprintf("%s/config", tmp);
	setenv("XDG_DATA_HOME", d, 1);
	setenv("XDG_STATE_HOME", s, 1);
	setenv("XDG_CONFIG_HOME", c, 1);
	setenv("HOME", tmp, 1);
	setenv("TERM", "xterm-256color", 1);
	setenv("LC_ALL", "C.UTF-8", 1);
}

/* Seconds from fork to the first full screen, and to the Redirect list
 * (the search index is built right after the first screen, then the list
 * is drawn: the last output before the desk goes quiet); *peak_kb gets
 * VmHWM. */
static double start_once(const char *tmp, const char *cat, double *listed,
			 long *peak_kb)
{
	struct winsize ws = { 24, 80, 0, 0 };
	char buf[8192], tail[64] = "";
	int master, found = 0;
	double t0 = now_s(CLOCK_MONOTONIC), t1 = 0;
	pid_t pid = forkpty(&master, NULL, NULL, &ws);

	if (pid < 0)
		die("forkpty", NULL);
	if (pid == 0) {
		char *bin = xasprintf("%s/neuvoo", BUILD_BINDIR);
		child_env(tmp);
		execl(bin, "neuvoo", "--desk", "bench", "--catalogue", cat, (char *)NULL);
		_exit(127);
	}
	while (found < 2) {
		struct pollfd p = { master, POLLIN, 0 };
		ssize_t n;
		int rc = poll(&p, 1, found ? 500 : 10000);
		if (rc == 0 && found) {
			found = 2;	/* quiet: the list was the last thing */
			break;
		}
		if (rc <= 0)
			die("no screen from the desk within 10 s", NULL);
		n = read(master, buf, sizeof buf - 1);
		if (n <= 0)
			die("the desk ended early", NULL);
		buf[n] = '\0';
		/* The status line ("... contacts today ...") is the last row. */
		{
			char *join = xasprintf("%s%s", tail, buf);
			if (!found && strstr(join, " today")) {
				found = 1;
				t1 = now_s(CLOCK_MONOTONIC);
			}
			*listed = now_s(CLOCK_MONOTONIC) - t0;
			snprintf(tail, sizeof tail, "%s", join + (strlen(join) > 16 ? strlen(join) - 16 : 0));
			free(join);
		}
	}
	*peak_kb = proc_kb(pid, "VmHWM:");
	if (write(master, "\033[21~", 5) != 5)	/* F10 */
		die("write", NULL);
	for (;;) {
		struct pollfd p = { master, POLLIN, 0 };
		if (poll(&p, 1, 5000) <= 0 || read(master, buf, sizeof buf) <= 0)
			break;
	}
	close(master);
	waitpid(pid, NULL, 0);
	return t1 - t0;
}

static int cmp_double(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;
	return (x > y) - (x < y);
}

static void bench_start(const char *tmp, const char *label, const char *cat)
{
	double t[7], l[7];
	long kb = 0, peak = 0;
	int i;
	/* Warm the page cache and create the statistics file. */
	start_once(tmp, cat, &l[0], &kb);
	for (i = 0; i < 7; i++) {
		t[i] = start_once(tmp, cat, &l[i], &kb);
		if (kb > peak)
			peak = kb;
	}
	qsort(t, 7, sizeof t[0], cmp_double);
	qsort(l, 7, sizeof l[0], cmp_double);
	printf("%-32s %8.1f ms %8.1f ms %8.1f MB\n", label, t[3] * 1e3,
	       l[3] * 1e3, (double)peak / 1024.0);
}

/* ---- 2. keystrokes in process ------------------------------------------ */

struct inproc {
	struct desk *d;
	struct screen *s;
	FILE *out;
	long last;
};

static long written(struct inproc *ip)
{
	struct stat st;
	long n;
	fflush(ip->out);
	fstat(fileno(ip->out), &st);
	n = (long)st.st_size - ip->last;
	ip->last = (long)st.st_size;
	return n;
}

static double draw_cpu;	/* of the last key: drawing only */

/* One key handled and drawn: CPU seconds; *bytes gets what was written. */
static double key(struct inproc *ip, km_key k, long *bytes)
{
	double t0 = now_s(CLOCK_THREAD_CPUTIME_ID), t1, t2;
	screen_key(ip->s, k);
	t1 = now_s(CLOCK_THREAD_CPUTIME_ID);
	screen_frame(ip->s);
	t2 = now_s(CLOCK_THREAD_CPUTIME_ID);
	draw_cpu = t2 - t1;
	*bytes = written(ip);
	return t2 - t0;
}

static void moves(struct inproc *ip, const char *label, km_key focus, int n)
{
	long b, total = 0, max = 0;
	double cpu = 0;
	int i;
	key(ip, focus, &b);
	key(ip, KM_HOME, &b);
	for (i = 0; i < n; i++) {
		if (i == 3 && getenv("BENCH_DUMP")) {
			long at = ip->last;
			char buf[4096];
			size_t got;
			key(ip, KM_DOWN, &b);
			fseek(ip->out, at, SEEK_SET);
			got = fread(buf, 1, sizeof buf, ip->out);
			fprintf(stderr, "%s: one move:\n", label);
			fwrite(buf, 1, got, stderr);
			fprintf(stderr, "\n");
			fseek(ip->out, 0, SEEK_END);
			continue;
		}
		cpu += key(ip, (i / 5) % 2 ? KM_UP : KM_DOWN, &b);
		total += b;
		if (b > max)
			max = b;
	}
	printf("%-40s %8.1f B  %6ld B max %6.1f us\n", label, (double)total / n,
	       max, cpu / n * 1e6);
}

static void typing(struct inproc *ip, const char *label, int rounds)
{
	static const char word[] = "asunto";
	double cpu, sum = 0, max = 0, draw = 0;
	long b, bytes = 0;
	int r, n = 0;
	size_t i;
	key(ip, KM_F(7), &b);
	key(ip, '/', &b);
	for (r = 0; r < rounds; r++) {
		for (i = 0; i < sizeof word - 1; i++, n++) {
			cpu = key(ip, (km_key)word[i], &b);
			draw += draw_cpu;
			sum += cpu;
			bytes += b;
			if (cpu > max)
				max = cpu;
		}
		for (i = 0; i < sizeof word - 1; i++, n++) {
			cpu = key(ip, KM_BACKSPACE, &b);
			draw += draw_cpu;
			sum += cpu;
			bytes += b;
			if (cpu > max)
				max = cpu;
		}
	}
	key(ip, KM_ESC, &b);
	printf("%-40s %8.1f us %6.0f us max %6.0f B\n", label, sum / n * 1e6,
	       max * 1e6, (double)bytes / n);
	printf("%-40s %8.1f us\n", "  of which drawing", draw / n * 1e6);
}

static void bench_keys(const char *tmp, const char *cat_path, size_t n_services)
{
	struct inproc ip = { 0 };
	struct catalogue *cat = NULL;
	struct keymap *km = NULL;
	struct layout *l = NULL;
	char *err = NULL, *outp = xasprintf("%s/screen.out", tmp);
	FILE *in = fopen("/dev/null", "r");
	long b;
	double t0, t1;
	char label[80];

	/* Lean, as the desk opens it: a highlight move fetches the service's
	 * details (its phone on the pane's last line) from the file. */
	if (catalogue_open_lean(cat_path, &cat, &err) != 0)
		die("open", err);
	if (screens_load(SCREEN_DESK, "default", "desk", &km, &l, &err) != 0)
		die("keymap and screen", err);
	ip.d = desk_new(cat, NULL, "bench", NULL);
	/* The desk's start-up steps after its first screen. */
	ip.d->defer_search = true;
	t0 = now_s(CLOCK_THREAD_CPUTIME_ID);
	desk_start_step(ip.d);
	t1 = now_s(CLOCK_THREAD_CPUTIME_ID);
	desk_start_step(ip.d);
	printf("%-40s %8.1f ms\n", "after the frame: the list (CPU)",
	       (t1 - t0) * 1e3);
	printf("%-40s %8.1f ms\n", "then: words and the index (CPU)",
	       (now_s(CLOCK_THREAD_CPUTIME_ID) - t1) * 1e3);

	/* The terminal: a file, 80x24 from the environment. */
	setenv("TERM", "xterm-256color", 1);
	setenv("LINES", "24", 1);
	setenv("COLUMNS", "80", 1);
	use_env(TRUE);
	ip.out = fopen(outp, "w+");
	if (!ip.out || !in || !tty_start_on(ip.out, in))
		die("curses", NULL);
	{
		struct screens_env e = { ip.d, NULL, NULL, NULL };
		ip.s = screens_new(SCREEN_DESK, &e, km, l, NULL, NULL);
	}
	t0 = now_s(CLOCK_THREAD_CPUTIME_ID);
	screen_relayout(ip.s);
	screen_frame(ip.s);
	printf("%-40s %8.1f ms %6ld B\n", "first full screen 80x24 (CPU, bytes)",
	       (now_s(CLOCK_THREAD_CPUTIME_ID) - t0) * 1e3, written(&ip));

	moves(&ip, "80x24: Redirect, highlight one row", KM_F(7), 200);
	moves(&ip, "80x24: Topics, highlight one row", KM_F(6), 200);
	moves(&ip, "80x24: Intake, next field", KM_F(5), 200);
	snprintf(label, sizeof label, "80x24: filter keystroke, %zu services", n_services);
	typing(&ip, label, 40);

	resize_term(60, 200);
	screen_relayout(ip.s);
	screen_frame(ip.s);
	b = written(&ip);
	printf("%-40s %8s    %6ld B\n", "resize to 200x60 (bytes)", "", b);
	moves(&ip, "200x60: Redirect, highlight one row", KM_F(7), 200);
	snprintf(label, sizeof label, "200x60: filter keystroke, %zu services", n_services);
	typing(&ip, label, 40);

	screen_free(&ip.s);
	tty_end();
	fclose(ip.out);
	fclose(in);
	desk_free(&ip.d);
	keymap_free(&km);
	layout_free(&l);
	free(outp);
}

/* ---- 4. ten sessions ----------------------------------------------------- */

static long smaps_kb(pid_t pid, const char *field)
{
	char path[64], line[256];
	long kb = -1;
	size_t fl = strlen(field);
	FILE *f;
	snprintf(path, sizeof path, "/proc/%d/smaps_rollup", (int)pid);
	if (!(f = fopen(path, "r")))
		return -1;
	while (fgets(line, sizeof line, f))
		if (!strncmp(line, field, fl))
			kb = strtol(line + fl, NULL, 10);
	fclose(f);
	return kb;
}

/* Read from fd until quiet for ms. */
static void drain(int fd, int ms)
{
	char buf[8192];
	for (;;) {
		struct pollfd p = { fd, POLLIN, 0 };
		if (poll(&p, 1, ms) <= 0 || read(fd, buf, sizeof buf) <= 0)
			return;
	}
}

#define N_SESSIONS 10

static void bench_sessions(const char *tmp, const char *cat)
{
	int master[N_SESSIONS];
	pid_t pid[N_SESSIONS];
	long pss = 0, anon = 0, pss_max = 0, anon_max = 0;
	int i;
	for (i = 0; i < N_SESSIONS; i++) {
		struct winsize ws = { 24, 80, 0, 0 };
		pid[i] = forkpty(&master[i], NULL, NULL, &ws);
		if (pid[i] < 0)
			die("forkpty", NULL);
		if (pid[i] == 0) {
			char *bin = xasprintf("%s/neuvoo", BUILD_BINDIR);
			char *desk = xasprintf("bench%d", i);
			child_env(tmp);
			execl(bin, "neuvoo", "--desk", desk, "--catalogue", cat, (char *)NULL);
			_exit(127);
		}
	}
	for (i = 0; i < N_SESSIONS; i++)
		drain(master[i], 1500);
	/* Each advisor types a query into the Redirect filter. */
	for (i = 0; i < N_SESSIONS; i++) {
		static const char *const q[] = { "asunto", "kelasta", "hyres", "työ", "perhe" };
		const char *w = q[i % 5];
		if (write(master[i], "\033[18~/", 6) != 6 ||	/* F7 / */
		    write(master[i], w, strlen(w)) != (ssize_t)strlen(w))
			die("write", NULL);
	}
	for (i = 0; i < N_SESSIONS; i++)
		drain(master[i], 1000);
	for (i = 0; i < N_SESSIONS; i++) {
		long p = smaps_kb(pid[i], "Pss:"), a = proc_kb(pid[i], "RssAnon:");
		pss += p;
		anon += a;
		if (p > pss_max)
			pss_max = p;
		if (a > anon_max)
			anon_max = a;
	}
	printf("%d desks at once, each after a query:  Pss %.1f MB (max %.1f), "
	       "RssAnon %.1f MB (max %.1f)\n", N_SESSIONS,
	       (double)pss / N_SESSIONS / 1024.0, (double)pss_max / 1024.0,
	       (double)anon / N_SESSIONS / 1024.0, (double)anon_max / 1024.0);
	for (i = 0; i < N_SESSIONS; i++) {
		if (write(master[i], "\033\033\033[21~", 7) != 7)	/* Esc Esc F10 */
			die("write", NULL);
		drain(master[i], 3000);
		close(master[i]);
		waitpid(pid[i], NULL, 0);
	}
}

/* ---- 5. catalogue search against fzf ------------------------------------- */

/* Median wall time of sh -c cmd (output discarded), 7 runs after one. */
static double run_median(const char *cmd)
{
	double t[7];
	int i;
	if (system(cmd) == -1)
		die("system", NULL);
	for (i = 0; i < 7; i++) {
		double t0 = now_s(CLOCK_MONOTONIC);
		if (system(cmd) == -1)
			die("system", NULL);
		t[i] = now_s(CLOCK_MONOTONIC) - t0;
	}
	qsort(t, 7, sizeof t[0], cmp_double);
	return t[3];
}

static void bench_cli(const char *tmp, const char *cat_path)
{
	struct catalogue *cat = NULL;
	char *err = NULL, *names = xasprintf("%s/names.txt", tmp), *cmd;
	const char *other;
	FILE *f;
	size_t i;
	double ours, theirs;
	if (catalogue_open_lean(cat_path, &cat, &err) != 0)
		die("open", err);
	if (!(f = fopen(names, "w")))
		die(names, NULL);
	for (i = 0; i < cat->n_services; i++)
		fprintf(f, "%s\t%s\n", cat->services[i].id,
			catalogue_text(&cat->services[i].name, "fi"));
	fclose(f);
	catalogue_free(&cat);
	if (system("command -v fzf >/dev/null 2>&1") != 0 && geteuid() == 0)
		(void)!system("apt-get install -y -qq fzf >/dev/null 2>&1");
	other = system("command -v fzf >/dev/null 2>&1") == 0 ? "fzf --filter"
							       : "grep -F -i";
	if (strcmp(other, "fzf --filter"))
		printf("(fzf cannot be installed here: comparing with grep -F -i)\n");
	cmd = xasprintf("LC_ALL=C.UTF-8 XDG_DATA_HOME='%s/data' XDG_STATE_HOME='%s/state' "
			"XDG_CONFIG_HOME='%s/config' HOME='%s' '%s/neuvoo' --catalogue '%s' "
			"catalogue search --lang fi asunto >/dev/null",
			tmp, tmp, tmp, tmp, BUILD_BINDIR, cat_path);
	ours = run_median(cmd);
	free(cmd);
	cmd = xasprintf("%s asunto < '%s' >/dev/null", other, names);
	theirs = run_median(cmd);
	free(cmd);
	printf("whole process, query 'asunto' (medians of 7): catalogue search "
	       "%.1f ms, %s %.1f ms (ratio %.2f)\n", ours * 1e3, other,
	       theirs * 1e3, ours / theirs);
	free(names);
}

/* ---- 6. the desk and fzf in the same terminal ---------------------------- */

/* Seconds from t0 to the last byte read before fd stays quiet for
 * quiet_ms (first_ms for the first byte); -1 when nothing came. */
static double last_output(int fd, double t0, int first_ms, int quiet_ms)
{
	char buf[16384];
	double last = -1;
	for (;;) {
		struct pollfd p = { fd, POLLIN, 0 };
		if (poll(&p, 1, last < 0 ? first_ms : quiet_ms) <= 0 ||
		    read(fd, buf, sizeof buf) <= 0)
			break;
		last = now_s(CLOCK_MONOTONIC) - t0;
	}
	return last;
}

/* argv in an 80x24 pseudo-terminal, stdin from in (NULL: the terminal). */
static pid_t spawn_tty(const char *tmp, char *const argv[], const char *in,
		       int *master)
{
	struct winsize ws = { 24, 80, 0, 0 };
	pid_t pid = forkpty(master, NULL, NULL, &ws);
	if (pid < 0)
		die("forkpty", NULL);
	if (pid == 0) {
		int fd = in ? open(in, O_RDONLY) : -1;
		if (in && (fd < 0 || dup2(fd, 0) < 0))
			_exit(127);
		child_env(tmp);
		execvp(argv[0], argv);
		_exit(127);
	}
	return pid;
}

struct tty_figures {
	double start;		/* exec to the list drawn, median */
	double key, key_max;	/* a letter to its results drawn */
};

#define TTY_STARTS 5
#define TTY_ROUNDS 5

/* Start argv TTY_STARTS times (after one to warm the caches); in the
 * last, focus (keys that open the filter, may be NULL) and type "asunto"
 * TTY_ROUNDS times, a letter at a time, erasing it between rounds. */
static struct tty_figures tty_measure(const char *tmp, char *const argv[],
				      const char *in, const char *focus,
				      const char *quit)
{
	static const char word[] = "asunto";
	struct tty_figures f = { 0, 0, 0 };
	double t[TTY_STARTS], k[TTY_ROUNDS * (sizeof word - 1)];
	int i, master = -1, nk = 0;
	pid_t pid = -1;
	for (i = -1; i < TTY_STARTS; i++) {
		double t0 = now_s(CLOCK_MONOTONIC);
		pid = spawn_tty(tmp, argv, in, &master);
		if ((t0 = last_output(master, t0, 10000, 500)) < 0)
			die("no screen within 10 s", NULL);
		if (i >= 0)
			t[i] = t0;
		if (i == TTY_STARTS - 1)
			break;
		if (write(master, quit, strlen(quit)) < 0)
			die("write", NULL);
		last_output(master, 0, 3000, 3000);
		close(master);
		waitpid(pid, NULL, 0);
	}
	if (focus && write(master, focus, strlen(focus)) < 0)
		die("write", NULL);
	last_output(master, 0, 1000, 300);
	for (i = 0; i < TTY_ROUNDS; i++) {
		size_t c;
		for (c = 0; c < sizeof word - 1; c++) {
			double t0 = now_s(CLOCK_MONOTONIC);
			if (write(master, &word[c], 1) != 1)
				die("write", NULL);
			k[nk] = last_output(master, t0, 2000, 200);
			if (k[nk] > f.key_max)
				f.key_max = k[nk];
			nk++;
		}
		for (c = 0; c < sizeof word - 1; c++)
			if (write(master, "\177", 1) != 1)
				die("write", NULL);
		last_output(master, 0, 1000, 300);
	}
	if (write(master, quit, strlen(quit)) < 0)
		die("write", NULL);
	last_output(master, 0, 3000, 3000);
	close(master);
	waitpid(pid, NULL, 0);
	qsort(t, TTY_STARTS, sizeof t[0], cmp_double);
	qsort(k, (size_t)nk, sizeof k[0], cmp_double);
	f.start = t[TTY_STARTS / 2];
	f.key = k[nk / 2];
	return f;
}

static void bench_tty(const char *tmp, const char *cat_path)
{
	char *bin = xasprintf("%s/neuvoo", BUILD_BINDIR);
	char *names = xasprintf("%s/names.txt", tmp);
	char *desk[] = { bin, (char *)"--desk", (char *)"benchtty",
			 (char *)"--catalogue", (char *)cat_path, NULL };
	char *fzf[] = { (char *)"fzf", NULL };
	struct tty_figures a, b;
	if (system("command -v fzf >/dev/null 2>&1") != 0) {
		printf("(no fzf here: the desk alone in the terminal)\n");
		return;
	}
	a = tty_measure(tmp, desk, NULL, "\033[18~/", "\033\033\033[21~");
	b = tty_measure(tmp, fzf, names, NULL, "\033");
	printf("80x24 terminal, the same way (medians): list drawn %.1f ms, fzf %.1f ms; "
	       "a typed letter's results %.1f ms (max %.1f), fzf %.1f ms (max %.1f)\n",
	       a.start * 1e3, b.start * 1e3, a.key * 1e3, a.key_max * 1e3,
	       b.key * 1e3, b.key_max * 1e3);
	free(bin);
	free(names);
}

int main(int argc, char **argv)
{
	size_t n = argc > 1 ? (size_t)strtoul(argv[1], NULL, 10) : 10000;
	size_t desc_words = argc > 2 ? (size_t)strtoul(argv[2], NULL, 10) : 3;
	char tmpl[] = "/tmp/bench_desk.XXXXXX";
	char *tmp = mkdtemp(tmpl), *err = NULL, *bundled, *big, *sql, *cmd;
	size_t n_bundled = 0;

	if (!tmp)
		die("mkdtemp", NULL);
	if (!getenv("NEUVOO_DATADIR"))
		setenv("NEUVOO_DATADIR", BUILD_DATADIR, 1);
	signal(SIGPIPE, SIG_IGN);
	bundled = xasprintf("%s/bundled.db", tmp);
	big = xasprintf("%s/big.db", tmp);
	sql = xasprintf("%s/data/catalogue/helsinki.sql", BUILD_DATADIR);
	if (catalogue_init(bundled, sql, false, &err) != 0)
		die("catalogue init", err);
	{
		struct catalogue *c = NULL;
		if (catalogue_open(bundled, &c, &err) != 0)
			die("open bundled catalogue", err);
		n_bundled = c->n_services;
		catalogue_free(&c);
	}
	make_big(bundled, big, n, desc_words ? desc_words : 1);

	printf("start-up in a pseudo-terminal of 80x24 (medians of 7); "
	       "descriptions of %zu words a language\n", desc_words);
	printf("%-32s %11s %11s %11s\n", "", "1st screen", "services", "peak RSS");
	bench_start(tmp, "bundled catalogue", bundled);
	{
		char label[64];
		struct catalogue *c = NULL;
		char *idx, *away;
		snprintf(label, sizeof label, "catalogue of %zu services", n + n_bundled);
		bench_start(tmp, label, big);
		/* The same without its index file: built in each session. */
		if (catalogue_open_lean(big, &c, &err) != 0)
			die("open", err);
		idx = search_index_path(big, c->publish_id);
		away = xasprintf("%s.away", idx);
		catalogue_free(&c);
		if (rename(idx, away) != 0)
			die("no search index was published", NULL);
		snprintf(label, sizeof label, "... without its index file");
		bench_start(tmp, label, big);
		printf("\nwithout its index file: in process\n");
		bench_keys(tmp, big, n + n_bundled);
		if (rename(away, idx) != 0)
			die("rename", NULL);
		free(idx);
		free(away);
	}
	printf("\nwith the index published alongside: in process\n");
	bench_keys(tmp, big, n + n_bundled);
	printf("\n");
	bench_sessions(tmp, big);
	bench_cli(tmp, big);
	bench_tty(tmp, big);

	if (getenv("BENCH_KEEP")) { printf("kept %s\n", tmp); return 0; }
	cmd = xasprintf("rm -rf '%s'", tmp);
	if (system(cmd) != 0)
		fprintf(stderr, "bench_desk: could not remove %s\n", tmp);
	free(cmd);
	free(bundled);
	free(big);
	free(sql);
	return 0;
}
