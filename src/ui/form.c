/* form: see form.h. The fields are lineedits; a refused submit keeps
 * every field as typed. */
#include <config.h>

#include <stdlib.h>
#include <string.h>

#include "core/err.h"
#include "core/i18n.h"
#include "core/text.h"
#include "ui/draw.h"
#include "ui/form.h"
#include "ui/lineedit.h"
#include "ui/screen.h"
#include "ui/theme.h"

struct row {
	char *label;
	bool field;
	struct lineedit e;	/* a field's text */
	char *info;		/* a read-only line's text (sanitised) */
};

struct form {
	char *title;
	struct row *rows;
	size_t n_rows, n_fields;
	size_t focus;		/* the focused field's row */
	char *hint;
	char *message;
	form_submit_fn fn;
	void *ctx;
	void (*ctx_free)(void *);
};

struct form *form_new(const char *title)
{
	struct form *f = xcalloc(1, sizeof *f);
	f->title = xstrdup(title);
	f->focus = (size_t)-1;
	return f;
}

static struct row *add_row(struct form *f, const char *label)
{
	struct row *r;
	f->rows = xrealloc(f->rows, (f->n_rows + 1) * sizeof *f->rows);
	r = &f->rows[f->n_rows++];
	memset(r, 0, sizeof *r);
	r->label = xstrdup(label ? label : "");
	return r;
}

size_t form_add_field(struct form *f, const char *label, const char *value,
		      size_t max)
{
	struct row *r = add_row(f, label);
	char *clean = text_sanitize(value ? value : "");
	r->field = true;
	lineedit_init(&r->e, max);
	lineedit_set(&r->e, clean);
	free(clean);
	if (f->focus == (size_t)-1)
		f->focus = f->n_rows - 1;
	return f->n_fields++;
}

void form_add_info(struct form *f, const char *label, const char *value)
{
	struct row *r = add_row(f, label);
	r->info = text_sanitize(value ? value : "");
}

void form_set_hint(struct form *f, const char *hint)
{
	free(f->hint);
	f->hint = xstrdup(hint);
}

void form_on_submit(struct form *f, form_submit_fn fn, void *ctx,
		    void (*ctx_free)(void *))
{
	f->fn = fn;
	f->ctx = ctx;
	f->ctx_free = ctx_free;
}

/* The row of field number i. */
static size_t field_row(const struct form *f, size_t i)
{
	size_t r, k = 0;
	for (r = 0; r < f->n_rows; r++)
		if (f->rows[r].field && k++ == i)
			return r;
	return f->focus;
}

static int label_width(const struct form *f, int inner)
{
	size_t i, w = 0;
	for (i = 0; i < f->n_rows; i++)
		if (text_width(f->rows[i].label) > w)
			w = text_width(f->rows[i].label);
	return (int)(w + 1 > (size_t)inner / 2 ? (size_t)inner / 2 : w + 1);
}

static void form_size(struct overlay *o, int cols, int lines, int *w, int *h)
{
	struct form *f = o->state;
	(void)lines;
	*w = cols - 2 < 70 ? cols - 2 : 70;
	*h = (int)f->n_rows + 6;
}

static char *footer(const struct overlay *o)
{
	char *save, *back, *r;
	if (!o->screen)
		return xstrdup("");
	save = screen_key_hint(o->screen, KM_DIALOG, ACT_SAVE);
	back = screen_key_hint(o->screen, KM_DIALOG, ACT_REFUSE);
	/* TRANSLATORS: %s are key names, e.g. "F2: save   Esc: back". */
	r = xasprintf(_("%s: save   %s: back   Up/Down: field"), save, back);
	free(save);
	free(back);
	return r;
}

static void form_draw(struct overlay *o, WINDOW *w, int h, int width)
{
	struct form *f = o->state;
	int inner = width - 4, lw = label_width(f, inner), y = 1;
	size_t i;
	char *foot;

	if (inner < 8)
		return;
	for (i = 0; i < f->n_rows && y < h - 4; i++, y++) {
		struct row *r = &f->rows[i];
		bool focus = i == f->focus;
		ui_put_cut(w, y, 2, lw, r->label, theme_attr(TH_HEADER));
		if (r->field) {
			char *clean = text_sanitize(lineedit_text(&r->e));
			struct lineedit shown = r->e;
			int cx;
			shown.buf = clean;
			shown.len = strlen(clean);
			if (shown.cur > shown.len)
				shown.cur = shown.len;
			cx = lineedit_draw(&shown, w, y, 3 + lw, inner - lw - 1,
					   focus ? theme_attr(TH_INPUT) : A_UNDERLINE);
			/* The text cursor of an overlay: its cell shown
			 * reversed (the screen shows the real one for panes
			 * only). */
			if (focus)
				mvwchgat(w, y, cx, 1, A_REVERSE, 0, NULL);
			free(clean);
		} else {
			ui_put_cut(w, y, 3 + lw, inner - lw - 1, r->info, A_NORMAL);
		}
	}
	if (f->message)
		ui_put_cut(w, h - 4, 2, inner, f->message, theme_attr(TH_STATUS_ERROR));
	else if (f->hint)
		ui_put_cut(w, h - 4, 2, inner, f->hint, theme_attr(TH_DIM));
	foot = footer(o);
	ui_put_cut(w, h - 2, 2, inner, foot, theme_attr(TH_DIM));
	free(foot);
}

static void move_focus(struct form *f, int dir)
{
	size_t i = f->focus;
	for (;;) {
		if (dir > 0 ? i + 1 >= f->n_rows : i == 0)
			return;
		i += dir > 0 ? 1 : (size_t)-1;
		if (f->rows[i].field) {
			f->focus = i;
			return;
		}
	}
}

static unsigned submit(struct form *f)
{
	const char **values = xcalloc(f->n_fields + 1, sizeof *values);
	char *err = NULL;
	int focus = -1, rc;
	size_t i, k = 0;
	for (i = 0; i < f->n_rows; i++)
		if (f->rows[i].field)
			values[k++] = lineedit_text(&f->rows[i].e);
	rc = f->fn ? f->fn(f->ctx, values, &focus, &err) : 0;
	free(values);
	free(f->message);
	f->message = NULL;
	if (rc == 0) {
		free(err);
		return OVERLAY_HANDLED | OVERLAY_CLOSE;
	}
	f->message = err ? text_sanitize(err) : NULL;
	free(err);
	if (focus >= 0 && (size_t)focus < f->n_fields)
		f->focus = field_row(f, (size_t)focus);
	return OVERLAY_HANDLED | OVERLAY_REDRAW;
}

static unsigned form_handle(struct overlay *o, enum action a, km_key key)
{
	struct form *f = o->state;
	struct row *r = f->focus < f->n_rows ? &f->rows[f->focus] : NULL;
	bool moved = false;

	/* Text first: a letter bound in the dialog (y, n) is typed here,
	 * and the arrows move in the text. */
	if (r && r->field && (keymap_key_printable(key)
			      || (a != ACT_SAVE && a != ACT_REFUSE
				  && a != ACT_CANCEL && a != ACT_QUIT))) {
		if (lineedit_key(&r->e, key, &moved) || moved)
			return OVERLAY_HANDLED | OVERLAY_REDRAW;
		if (keymap_key_printable(key))
			return OVERLAY_HANDLED;
	}
	switch (a) {
	case ACT_SAVE:
		return submit(f);
	case ACT_REFUSE: case ACT_CANCEL: case ACT_QUIT:
		return OVERLAY_HANDLED | OVERLAY_CLOSE;
	case ACT_NEXT_FIELD: case ACT_DOWN: case ACT_NEXT_PANE: case ACT_CONFIRM:
	case ACT_CHOOSE:
		move_focus(f, 1);
		return OVERLAY_HANDLED | OVERLAY_REDRAW;
	case ACT_PREV_FIELD: case ACT_UP: case ACT_PREV_PANE:
		move_focus(f, -1);
		return OVERLAY_HANDLED | OVERLAY_REDRAW;
	default:
		if (key == KM_ENTER || key == '\r' || key == '\n' || key == KM_TAB) {
			move_focus(f, 1);
			return OVERLAY_HANDLED | OVERLAY_REDRAW;
		}
		return OVERLAY_HANDLED;
	}
}

static void form_done(struct overlay *o)
{
	struct form *f = o->state;
	size_t i;
	for (i = 0; i < f->n_rows; i++) {
		free(f->rows[i].label);
		free(f->rows[i].info);
		if (f->rows[i].field)
			lineedit_free(&f->rows[i].e);
	}
	free(f->rows);
	if (f->ctx_free)
		f->ctx_free(f->ctx);
	free(f->title);
	free(f->hint);
	free(f->message);
	free(f);
	o->state = NULL;
}

static const struct overlay_ops form_ops = {
	form_size, form_draw, form_handle, form_done,
};

struct overlay *form_overlay(struct form *f)
{
	struct overlay *o = xcalloc(1, sizeof *o);
	o->ops = &form_ops;
	o->state = f;
	o->title = xstrdup(f->title);
	return o;
}

struct form *form_of(struct overlay *o)
{
	return o && o->ops == &form_ops ? o->state : NULL;
}

const char *form_value(const struct form *f, size_t field)
{
	size_t r = field_row(f, field);
	return r < f->n_rows && f->rows[r].field ? lineedit_text(&f->rows[r].e) : NULL;
}

const char *form_message(const struct form *f)
{
	return f->message;
}

size_t form_focus(const struct form *f)
{
	size_t i, k = 0;
	for (i = 0; i < f->n_rows && i < f->focus; i++)
		if (f->rows[i].field)
			k++;
	return k;
}
