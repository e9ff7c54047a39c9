/* bench_details: what a service's details window costs with a long
 * description, for `make bench`.
 *
 * A dialog as redirect_details() builds it (a title, a few short rows and
 * a description of SIZE bytes of words) is opened in an 80x24 terminal
 * drawn into /dev/null: the time from dialog_add_text() to the first page
 * drawn (sanitising and laying the text out once), then the time per
 * page down and per draw, which must not grow with the text (CPU time of
 * this thread, so that a loaded machine does not blur it). The desk's
 * target: a 4 MB description opens in under 50 ms.
 *
 * Usage: bench_details [SIZE...]   (bytes; default 4096 65536 1048576 4194304) */
#include <config.h>

#include <curses.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "core/err.h"
#include "ui/dialog.h"
#include "ui/overlay.h"

static double now_ms(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
	return ts.tv_sec * 1e3 + ts.tv_nsec / 1e6;
}

/* SIZE bytes of words (with Finnish letters), no newlines. */
static char *words(size_t size)
{
	static const char *const w[] = {
		"asumisneuvonta ", "vuokra-asunto ", "hakemus ", "päätös ",
		"Kela ", "työllisyyspalvelut ", "kotoutuminen ", "lomake ",
	};
	char *s = xmalloc(size + 32);
	size_t n = 0, i = 0;
	while (n < size) {
		size_t k = strlen(w[i % 8]);
		memcpy(s + n, w[i % 8], k);
		n += k;
		i++;
	}
	s[size] = '\0';
	return s;
}

static void bench(size_t size)
{
	char *text = words(size);
	struct dialog *d;
	struct overlay *o;
	WINDOW *win;
	int w = 0, h = 0, i;
	double t0, open_ms, page_ms, draw_ms;

	t0 = now_ms();
	d = dialog_new("Service");
	dialog_add_text(d, "Organisation", "City of Helsinki");
	dialog_add_text(d, "What", text);
	dialog_add_text(d, "Phone", "09 310 11111");
	o = dialog_overlay(d);
	o->ops->size(o, 80, 24, &w, &h);
	if (h > 22)
		h = 22;
	win = newwin(h, w, 1, 1);
	o->ops->draw(o, win, h, w);
	wnoutrefresh(win);
	open_ms = now_ms() - t0;

	t0 = now_ms();
	for (i = 0; i < 1000; i++) {
		o->ops->handle(o, ACT_PAGE_DOWN, KM_PGDN);
		o->ops->draw(o, win, h, w);
	}
	page_ms = (now_ms() - t0) / 1000;
	t0 = now_ms();
	for (i = 0; i < 1000; i++)
		o->ops->draw(o, win, h, w);
	draw_ms = (now_ms() - t0) / 1000;
	printf("description %8zu bytes: open %8.2f ms, page down %.4f ms, draw %.4f ms\n",
	       size, open_ms, page_ms, draw_ms);
	delwin(win);
	o->win = NULL;
	overlay_destroy(o);
	free(text);
}

int main(int argc, char **argv)
{
	static const size_t sizes[] = { 4096, 65536, 1048576, 4194304 };
	FILE *out = fopen("/dev/null", "w"), *in = fopen("/dev/null", "r");
	SCREEN *scr;
	int i;

	if (!out || !in || !(scr = newterm("xterm-256color", out, in))) {
		fputs("bench_details: cannot open a terminal on /dev/null\n", stderr);
		return 1;
	}
	set_term(scr);
	resizeterm(24, 80);
	if (argc > 1)
		for (i = 1; i < argc; i++)
			bench(strtoul(argv[i], NULL, 10));
	else
		for (i = 0; i < 4; i++)
			bench(sizes[i]);
	endwin();
	delscreen(scr);
	fclose(out);
	fclose(in);
	return 0;
}
