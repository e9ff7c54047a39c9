/* screen: see screen.h.
 *
 * Design (after htop's ScreenManager and tig's view loop): panes are
 * registered once; the layout gives them windows at every resize; each
 * frame asks every pane whether it changed (update) and draws only the
 * dirty ones into their windows, then one doupdate() sends the difference.
 * stdscr is never drawn on except for the "terminal too small" notice; it
 * is the window keys are read from. The terminal under it (start-up,
 * signals, key codes) is ui/tty. */
#include <config.h>

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "core/err.h"
#include "core/i18n.h"
#include "core/text.h"
#include "ui/draw.h"
#include "ui/help.h"
#include "ui/screen.h"
#include "ui/statusbar.h"
#include "ui/tty.h"
#include "ui/theme.h"


struct screen {
	const struct keymap *km;
	const struct layout *layout;
	const struct screen_app *app;
	void *ud;
	struct pane **panes;
	size_t n_panes;
	size_t focus;
	struct overlay **ov;	/* a stack: the last one has the keys */
	size_t n_ov, cap_ov;
	WINDOW *status;
	char *st_left, *st_right;
	bool st_error;
	int cols, lines;
	bool laid_out, too_small, all_dirty, repaint, quit;
	int cursor_shown;	/* -1 unknown, 0, 1 */
	/* Keys typed while the terminal was too small, done in order once
	 * it is large enough again (SCREEN_KEPT_MAX; more are refused and
	 * counted, and the notice says so). */
	km_key *kept;
	size_t n_kept, n_refused;
};

#define SCREEN_KEPT_MAX 512

struct screen *screen_new(const struct keymap *km, const struct layout *l,
			  const struct screen_app *app, void *ud)
{
	struct screen *s = xcalloc(1, sizeof *s);
	static const struct screen_app none;
	s->km = km;
	s->layout = l;
	s->app = app ? app : &none;
	s->ud = ud;
	s->cursor_shown = -1;
	s->all_dirty = true;
	return s;
}

static void free_windows(struct screen *s)
{
	size_t i;
	for (i = 0; i < s->n_panes; i++)
		if (s->panes[i]->win) {
			delwin(s->panes[i]->win);
			s->panes[i]->win = NULL;
		}
	for (i = 0; i < s->n_ov; i++)
		if (s->ov[i]->win) {
			delwin(s->ov[i]->win);
			s->ov[i]->win = NULL;
		}
	if (s->status) {
		delwin(s->status);
		s->status = NULL;
	}
}

void overlay_destroy(struct overlay *o)
{
	if (o->ops->done)
		o->ops->done(o);
	if (o->win)
		delwin(o->win);
	free(o->title);
	free(o);
}

void screen_free(struct screen **sp)
{
	struct screen *s;
	size_t i;
	if (!sp || !*sp)
		return;
	s = *sp;
	free_windows(s);
	while (s->n_ov)
		overlay_destroy(s->ov[--s->n_ov]);
	free(s->ov);
	free(s->kept);
	for (i = 0; i < s->n_panes; i++) {
		if (s->panes[i]->ops->done)
			s->panes[i]->ops->done(s->panes[i]);
		free(s->panes[i]);
	}
	free(s->panes);
	free(s->st_left);
	free(s->st_right);
	free(s);
	*sp = NULL;
}

void screen_add_pane(struct screen *s, struct pane *p)
{
	s->panes = xrealloc(s->panes, (s->n_panes + 1) * sizeof *s->panes);
	s->panes[s->n_panes++] = p;
	p->screen = s;
	p->win = NULL;
	p->dirty = true;
	p->focused = s->n_panes == 1;
	if (p->ops->init)
		p->ops->init(p);
}

const struct keymap *screen_keymap(const struct screen *s)
{
	return s->km;
}

struct pane *screen_pane(const struct screen *s, const char *name)
{
	size_t i;
	for (i = 0; i < s->n_panes; i++)
		if (!strcmp(s->panes[i]->name, name))
			return s->panes[i];
	return NULL;
}

struct pane *screen_focused(const struct screen *s)
{
	return s->n_panes ? s->panes[s->focus] : NULL;
}

static void set_focus(struct screen *s, size_t i)
{
	if (i == s->focus || i >= s->n_panes)
		return;
	s->panes[s->focus]->focused = false;
	s->panes[s->focus]->dirty = true;
	s->focus = i;
	s->panes[i]->focused = true;
	s->panes[i]->dirty = true;
}

/* Panes the layout does not place cannot take the focus (unless no
 * terminal is attached yet: tests drive panes without windows). */
static bool placeable(const struct screen *s, size_t i)
{
	return !s->laid_out || s->too_small || s->panes[i]->win;
}

void screen_focus(struct screen *s, struct pane *p)
{
	size_t i;
	for (i = 0; i < s->n_panes; i++)
		if (s->panes[i] == p && placeable(s, i))
			set_focus(s, i);
}

static void focus_step(struct screen *s, int dir)
{
	size_t i, n = s->n_panes, at = s->focus;
	for (i = 0; i < n; i++) {
		at = (at + n + (size_t)(dir > 0 ? 1 : n - 1)) % n;
		if (placeable(s, at)) {
			set_focus(s, at);
			return;
		}
	}
}

void screen_push_overlay(struct screen *s, struct overlay *o)
{
	if (s->n_ov == s->cap_ov) {
		s->cap_ov = s->cap_ov ? 2 * s->cap_ov : 4;
		s->ov = xrealloc(s->ov, s->cap_ov * sizeof *s->ov);
	}
	o->screen = s;
	o->win = NULL;
	o->dirty = true;
	s->ov[s->n_ov++] = o;
	s->laid_out = false;	/* give it a window */
}

bool screen_has_overlay(const struct screen *s)
{
	return s->n_ov > 0;
}

void screen_redraw_all(struct screen *s)
{
	s->all_dirty = true;
}

void screen_repaint(struct screen *s)
{
	s->repaint = true;
	s->all_dirty = true;
}

void screen_quit(struct screen *s)
{
	s->quit = true;
}

static size_t pane_index(const struct screen *s, const struct pane *p)
{
	size_t i;
	for (i = 0; i < s->n_panes; i++)
		if (s->panes[i] == p)
			break;
	return i;
}

/* The scopes a screen lists and handles; a pane on no screen (a test)
 * gets every application's. */
static unsigned screen_scopes(const struct screen *s)
{
	unsigned own = SCOPE_BIT(SCOPE_NAV) | SCOPE_BIT(SCOPE_SCREEN);
	if (!s)
		return own | SCOPE_BIT(SCOPE_GLOBAL) | SCOPE_BIT(SCOPE_CONTACT);
	return own | s->app->scopes;
}

/* help_screen_text for a screen (ud; NULL for a pane on none). */
static const char *wide_text(void *ud, enum action a)
{
	struct screen *s = ud;
	int f = action_focus_index(a);
	const char *t;
	if (!(screen_scopes(s) & SCOPE_BIT(action_scope(a))))
		return NULL;
	/* One pane has nothing to move between. */
	if (action_scope(a) == SCOPE_NAV && (!s || s->n_panes < 2))
		return s ? NULL : (f < 0 ? action_help(a) : NULL);
	if (f >= 0)
		return (size_t)f < s->n_panes ? s->panes[f]->focus_help : NULL;
	t = s && s->app->help ? s->app->help(s, s->ud, a) : NULL;
	if (t)
		return *t ? t : NULL;
	return *action_help(a) ? action_help(a) : NULL;
}

void screen_help(struct screen *s)
{
	struct pane *p = screen_focused(s);
	if (p)
		screen_push_overlay(s, help_new(s->km, p, wide_text, s));
}

char **screen_help_rows(const struct keymap *km, struct pane *p, size_t *n)
{
	return help_rows(km, p, wide_text, p->screen, n);
}

bool screen_action_leaves(const struct pane *p, enum action a)
{
	int f = action_focus_index(a);
	if (a == ACT_NEXT_PANE || a == ACT_PREV_PANE)
		return true;
	if (f < 0)
		return false;
	if (!p->screen)
		return true;
	return (size_t)f < p->screen->n_panes
	       && (size_t)f != pane_index(p->screen, p);
}

char *screen_key_hint(const struct screen *s, enum km_context ctx,
		      enum action a)
{
	km_key k;
	if (keymap_keys_for(s->km, ctx, a, &k, 1) == 0)
		return xstrdup("");
	return keymap_key_label(k);
}

static void place_overlay(struct screen *s, struct overlay *o)
{
	int w = 0, h = 0;
	if (o->win) {
		delwin(o->win);
		o->win = NULL;
	}
	if (s->too_small || s->cols < 12 || s->lines < 6)
		return;
	o->ops->size(o, s->cols, s->lines, &w, &h);
	if (w > s->cols - 2)
		w = s->cols - 2;
	if (h > s->lines - 2)
		h = s->lines - 2;
	if (w < 10 || h < 4)
		return;
	o->win = newwin(h, w, (s->lines - h) / 2, (s->cols - w) / 2);
	o->dirty = true;
}

static void replay_kept(struct screen *s)
{
	km_key *keys = s->kept;
	size_t n = s->n_kept, i;
	s->kept = NULL;
	s->n_kept = 0;
	s->n_refused = 0;
	for (i = 0; i < n && !s->quit && !s->too_small; i++)
		screen_key(s, keys[i]);
	free(keys);
}

void screen_relayout(struct screen *s)
{
	struct layout_rect r[32];
	size_t n = 0, i, j;
	int v;

	free_windows(s);
	getmaxyx(stdscr, s->lines, s->cols);
	v = layout_choose(s->layout, s->cols, s->lines);
	if (v >= 0 && s->lines > 1)
		n = layout_place(s->layout, v, 0, 0, s->cols, s->lines - 1, r,
				 sizeof r / sizeof r[0]);
	s->too_small = n == 0;
	for (i = 0; i < n && !s->too_small; i++)
		for (j = 0; j < s->n_panes; j++) {
			struct pane *p = s->panes[j];
			if (strcmp(p->name, r[i].pane))
				continue;
			p->win = newwin(r[i].h, r[i].w, r[i].y, r[i].x);
			if (!p->win) {
				s->too_small = true;
				break;
			}
			p->x = r[i].x;
			p->y = r[i].y;
			p->w = r[i].w;
			p->h = r[i].h;
		}
	if (!s->too_small) {
		s->status = newwin(1, s->cols, s->lines - 1, 0);
		if (!s->status)
			s->too_small = true;
	}
	if (s->too_small)
		free_windows(s);
	s->laid_out = true;
	if (!s->too_small && s->n_panes && !s->panes[s->focus]->win)
		focus_step(s, 1);
	for (i = 0; i < s->n_ov; i++)
		place_overlay(s, s->ov[i]);
	for (i = 0; i < s->n_panes; i++)
		s->panes[i]->dirty = true;
	s->all_dirty = true;
	werase(stdscr);
	if (!s->too_small && s->n_kept)
		replay_kept(s);
}

struct notice_ctx {
	int y, lines, cols;
};

static void notice_line(void *vctx, const char *line, size_t len)
{
	struct notice_ctx *c = vctx;
	if (c->y < c->lines) {
		char *t = xstrndup(line, len);
		ui_put(stdscr, c->y, 0, c->cols, t, A_BOLD);
		free(t);
	}
	c->y++;
}

static void draw_notice(struct screen *s)
{
	int minw, minh;
	char *msg;
	werase(stdscr);
	layout_min_size(s->layout, &minw, &minh);
	{
		char *q = screen_key_hint(s, KM_GLOBAL, ACT_QUIT);
		switch (s->app->too_small) {
		case QUIT_NOTICE_KEEPS:
			/* TRANSLATORS: the last %s is the quit key, e.g. F10. */
			msg = xasprintf(_("Terminal too small: %dx%d, needs %dx%d. Enlarge it, or %s quits keeping what was typed."),
					s->cols, s->lines, minw, minh, q);
			break;
		case QUIT_NOTICE_LEAVES:
			/* TRANSLATORS: the last %s is the quit key, e.g. F10.
			 * Nothing can be asked while the terminal is this
			 * small, so the attempt goes. */
			msg = xasprintf(_("Terminal too small: %dx%d, needs %dx%d. Enlarge it, or %s leaves the scenario without grading it."),
					s->cols, s->lines, minw, minh, q);
			break;
		default:
			/* TRANSLATORS: the last %s is the quit key, e.g. F10. */
			msg = xasprintf(_("Terminal too small: %dx%d, needs %dx%d. Enlarge it, or %s quits."),
					s->cols, s->lines, minw, minh, q);
			break;
		}
		free(q);
	}
	if (s->n_kept || s->n_refused) {
		/* TRANSLATORS: after the too-small notice: keys typed meanwhile
		 * wait for a larger terminal. */
		char *k = xasprintf(ngettext("%s %zu key typed meanwhile is kept: it is done when the terminal is larger.",
					     "%s %zu keys typed meanwhile are kept: they are done when the terminal is larger.",
					     (unsigned long)s->n_kept), msg, s->n_kept);
		free(msg);
		msg = k;
		if (s->n_refused) {
			/* TRANSLATORS: keys beyond what is kept while the
			 * terminal is too small. */
			k = xasprintf(ngettext("%s %zu more key was not kept.",
					       "%s %zu more keys were not kept.",
					       (unsigned long)s->n_refused), msg, s->n_refused);
			free(msg);
			msg = k;
		}
	}
	/* Word-wrapped onto as many rows as there are. */
	{
		struct notice_ctx c = { 0, s->lines, s->cols };
		ui_wrap(msg, s->cols, notice_line, &c);
	}
	free(msg);
}

static char *pane_hint(struct screen *s, struct pane *p)
{
	char *k;
	enum action focus = action_focus(pane_index(s, p));
	/* One pane has nothing to move between. */
	if (focus == ACT_NONE || s->n_panes < 2)
		return NULL;
	k = screen_key_hint(s, KM_GLOBAL, focus);
	if (!*k) {
		free(k);
		return NULL;
	}
	{
		char *t = xasprintf("%s ", k);
		free(k);
		return t;
	}
}

static void draw_pane(struct screen *s, struct pane *p)
{
	int h, w;
	char *hint;
	getmaxyx(p->win, h, w);
	werase(p->win);
	hint = pane_hint(s, p);
	ui_frame(p->win, _(p->title), hint, p->focused);
	free(hint);
	if (h > 2 && w > 2)
		p->ops->draw(p, p->win, h, w);
	wnoutrefresh(p->win);
	p->dirty = false;
}

static void draw_overlay(struct overlay *o)
{
	int h, w;
	getmaxyx(o->win, h, w);
	werase(o->win);
	wbkgdset(o->win, ' ' | theme_attr(TH_DIALOG));
	ui_frame(o->win, o->title, NULL, true);
	o->ops->draw(o, o->win, h, w);
	o->dirty = false;
}

static void show_cursor(struct screen *s, int want)
{
	if (s->cursor_shown != want) {
		curs_set(want);
		s->cursor_shown = want;
	}
}

static int str_changed(char **keep, const char *now)
{
	if ((*keep == NULL) != (now == NULL)
	    || (now && strcmp(*keep, now) != 0)) {
		free(*keep);
		*keep = now ? xstrdup(now) : NULL;
		return 1;
	}
	return 0;
}

void screen_frame(struct screen *s)
{
	size_t i;
	bool drawn = false;
	const char *left = NULL, *right = NULL;
	bool err = false;
	struct pane *fp;

	if (!s->laid_out)
		screen_relayout(s);
	if (s->repaint) {
		clearok(curscr, TRUE);
		s->repaint = false;
	}
	/* Panes follow the shared state even when hidden. */
	for (i = 0; i < s->n_panes; i++) {
		struct pane *p = s->panes[i];
		if (p->ops->update && p->ops->update(p))
			p->dirty = true;
	}
	if (s->too_small) {
		if (s->all_dirty) {
			draw_notice(s);
			wnoutrefresh(stdscr);
			s->all_dirty = false;
		}
		show_cursor(s, 0);
		doupdate();
		return;
	}
	if (s->all_dirty)
		wnoutrefresh(stdscr);	/* keep stdscr untouched for input */
	for (i = 0; i < s->n_panes; i++) {
		struct pane *p = s->panes[i];
		if (p->win && (p->dirty || s->all_dirty)) {
			draw_pane(s, p);
			drawn = true;
		}
	}
	if (s->app->status)
		s->app->status(s, s->ud, &left, &right, &err);
	if (s->status) {
		int ch = str_changed(&s->st_left, left);
		ch |= str_changed(&s->st_right, right);
		if (ch || err != s->st_error || s->all_dirty) {
			s->st_error = err;
			werase(s->status);
			statusbar_draw(s->status, left, right, err);
			wnoutrefresh(s->status);
		}
	}
	for (i = 0; i < s->n_ov; i++) {
		struct overlay *o = s->ov[i];
		if (!o->win)
			continue;
		if (o->dirty || s->all_dirty)
			draw_overlay(o);
		else if (drawn)
			touchwin(o->win);
		wnoutrefresh(o->win);
	}
	s->all_dirty = false;
	fp = screen_focused(s);
	if (!s->n_ov && fp && fp->win && fp->ops->cursor) {
		int y, x;
		if (fp->ops->cursor(fp, &y, &x)) {
			leaveok(fp->win, FALSE);
			wmove(fp->win, y, x);
			wnoutrefresh(fp->win);
			show_cursor(s, 1);
		} else
			show_cursor(s, 0);
	} else
		show_cursor(s, 0);
	doupdate();
}

static bool screen_action(enum action a)
{
	return action_scope(a) == SCOPE_NAV || action_scope(a) == SCOPE_SCREEN;
}

static void do_screen_action(struct screen *s, enum action a)
{
	int f = action_focus_index(a);
	switch (a) {
	case ACT_NEXT_PANE:
		focus_step(s, 1);
		break;
	case ACT_PREV_PANE:
		focus_step(s, -1);
		break;
	case ACT_HELP:
		screen_help(s);
		break;
	case ACT_REDRAW:
		screen_repaint(s);
		break;
	default:
		if (f >= 0 && (size_t)f < s->n_panes && placeable(s, (size_t)f))
			set_focus(s, (size_t)f);
		break;
	}
}

static void apply(struct screen *s, struct pane *p, unsigned flags)
{
	if (flags & PANE_REDRAW)
		p->dirty = true;
	if (flags & PANE_REDRAW_ALL)
		s->all_dirty = true;
}

void screen_key(struct screen *s, km_key key)
{
	struct pane *p;
	enum action own, glob, a;
	unsigned r = 0;

	if (s->too_small && s->laid_out) {
		/* Nothing can be shown, so nothing can be asked: quit leaves
		 * the application to keep what it has (the desk journals its
		 * draft). */
		a = keymap_lookup(s->km, KM_GLOBAL, key);
		if (a == ACT_REDRAW)
			screen_repaint(s);
		else if (a == ACT_QUIT)
			s->quit = true;
		else if (s->n_kept < SCREEN_KEPT_MAX) {
			/* Kept, and done when the screen is large again:
			 * nothing typed is dropped unseen. */
			if (!s->kept)
				s->kept = xcalloc(SCREEN_KEPT_MAX, sizeof *s->kept);
			s->kept[s->n_kept++] = key;
		} else
			s->n_refused++;
		s->all_dirty = true;	/* the notice counts them */
		return;
	}
	if (s->n_ov) {
		struct overlay *o = s->ov[s->n_ov - 1];
		a = keymap_lookup(s->km, KM_DIALOG, key);
		if (a == ACT_REDRAW) {
			screen_repaint(s);
			return;
		}
		r = o->ops->handle(o, a, key);
		if (r & OVERLAY_REDRAW)
			o->dirty = true;
		if (r & OVERLAY_CLOSE) {
			/* The overlay may have pushed another one (a question
			 * after a choice): close this one only. */
			size_t k;
			for (k = 0; k < s->n_ov; k++)
				if (s->ov[k] == o) {
					memmove(&s->ov[k], &s->ov[k + 1],
						(s->n_ov - k - 1) * sizeof o);
					s->n_ov--;
					overlay_destroy(o);
					s->all_dirty = true;
					break;
				}
		}
		if (s->app->after)
			s->app->after(s, s->ud, PANE_CHANGED);
		return;
	}
	p = screen_focused(s);
	if (!p)
		return;
	/* A pane in the global context (a screen of one list) has no keys
	 * of its own: its keys are the global ones. */
	own = p->context == KM_GLOBAL ? ACT_NONE
	      : keymap_lookup_own(s->km, p->context, key);
	glob = keymap_lookup_own(s->km, KM_GLOBAL, key);
	a = own != ACT_NONE ? own : glob;
	if (s->app->key)
		s->app->key(s, s->ud, a, key);
	if (p->ops->wants_text && p->ops->wants_text(p)
	    && (keymap_key_printable(key) || key == KM_BACKSPACE
		|| key == KM_DELETE))
		r = p->ops->handle(p, ACT_NONE, key);
	if (!(r & PANE_HANDLED) && own != ACT_NONE)
		r = p->ops->handle(p, own, key);
	if (!(r & PANE_HANDLED) && own == ACT_NONE && glob != ACT_NONE) {
		r = p->ops->handle(p, glob, key);
		if (!(r & PANE_HANDLED)) {
			if (screen_action(glob)) {
				do_screen_action(s, glob);
				r = PANE_HANDLED;
			} else if (s->app->global)
				r = s->app->global(s, s->ud, glob);
		}
	}
	if (!(r & PANE_HANDLED) && a == ACT_NONE)
		r = p->ops->handle(p, ACT_NONE, key);
	apply(s, p, r);
	if (s->app->after)
		s->app->after(s, s->ud, r);
}

enum screen_end screen_run(struct screen *s)
{
	bool first = true;
	while (!s->quit) {
		wint_t wc;
		int rc;
		km_key key;

		if (tty_signal())
			return SCREEN_SIGNAL;
		screen_frame(s);
		if (tty_signal())
			return SCREEN_SIGNAL;
		if (first && s->app->started) {
			first = s->app->started(s, s->ud);
			continue;	/* draw what it changed */
		}
		errno = 0;
		rc = wget_wch(stdscr, &wc);
		if (rc == ERR) {
			if (errno != EINTR && s->app->idle)
				s->app->idle(s, s->ud);
			continue;
		}
		if (rc == KEY_CODE_YES && wc == KEY_RESIZE) {
			screen_relayout(s);
			continue;
		}
		if (tty_end_key(rc, wc))
			return SCREEN_SIGNAL;
		key = tty_key(rc, wc);
		/* Ctrl-C (a key in raw mode), unless a keymap binds it, is
		 * the quit key: it asks like F10 rather than ending at once. */
		if (key == KM_CTRL('c')
		    && keymap_lookup(s->km, KM_GLOBAL, key) == ACT_NONE)
			keymap_keys_for(s->km, KM_GLOBAL, ACT_QUIT, &key, 1);
		if (key >= 0)
			screen_key(s, key);
	}
	return SCREEN_QUIT;
}
