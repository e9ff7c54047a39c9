/* dialog: see dialog.h.
 *
 * The body is laid out once for a width (each paragraph's lines as
 * offsets into its text) and only the rows on the page are drawn, so a
 * service with a description of megabytes opens and pages as fast as one
 * of a line. */
#include <config.h>

#include <stdlib.h>
#include <string.h>

#include "core/err.h"
#include "core/i18n.h"
#include "core/text.h"
#include "ui/dialog.h"
#include "ui/draw.h"
#include "ui/help.h"
#include "ui/screen.h"
#include "ui/theme.h"

struct line {
	size_t off, len;	/* bytes of the paragraph's text */
};

struct para {
	char *label;		/* translated, or NULL */
	char *text;		/* sanitized */
	struct line *lines;	/* at the dialog's laid_width */
	size_t n_lines, cap_lines;
	int tx;			/* its text's column */
};

struct field {
	char *label;
	char **options;
	size_t n;
	int value;
};

struct dialog {
	char *title;
	struct para *body;
	size_t n_body;
	struct field *fields;
	size_t n_fields;
	size_t focus;		/* field */
	size_t top;		/* first body row shown */
	int page;		/* body rows shown */
	size_t rows;		/* body rows at laid_width */
	int laid_width;		/* the width the body is laid out for; 0: none */
	bool question;		/* a yes/no question (no fields) */
	dialog_done_fn fn;
	void *ctx;
	void (*ctx_free)(void *);
	bool finished;
};

struct dialog *dialog_new(const char *title)
{
	struct dialog *d = xcalloc(1, sizeof *d);
	d->title = xstrdup(title ? title : "");
	d->page = 1;
	return d;
}

void dialog_add_text(struct dialog *d, const char *label, const char *value)
{
	d->body = xrealloc(d->body, (d->n_body + 1) * sizeof *d->body);
	d->body[d->n_body].label = label ? xstrdup(label) : NULL;
	d->body[d->n_body].text = text_sanitize(value);
	d->body[d->n_body].lines = NULL;
	d->body[d->n_body].n_lines = d->body[d->n_body].cap_lines = 0;
	d->n_body++;
	d->laid_width = 0;
}

void dialog_add_gap(struct dialog *d)
{
	dialog_add_text(d, NULL, "");
}

void dialog_add_choice(struct dialog *d, const char *label,
		       const char *const *options, size_t n, int value)
{
	struct field *f;
	size_t i;
	d->fields = xrealloc(d->fields, (d->n_fields + 1) * sizeof *d->fields);
	f = &d->fields[d->n_fields++];
	f->label = xstrdup(label);
	f->options = xcalloc(n ? n : 1, sizeof *f->options);
	for (i = 0; i < n; i++)
		f->options[i] = xstrdup(options[i]);
	f->n = n;
	f->value = (value >= 0 && (size_t)value < n) ? value : 0;
}

void dialog_on_done(struct dialog *d, dialog_done_fn fn, void *ctx,
		    void (*ctx_free)(void *))
{
	d->fn = fn;
	d->ctx = ctx;
	d->ctx_free = ctx_free;
}

struct dialog *dialog_of(struct overlay *o)
{
	return o ? o->state : NULL;
}

int dialog_value(const struct dialog *d, size_t field)
{
	return field < d->n_fields ? d->fields[field].value : -1;
}

size_t dialog_fields(const struct dialog *d)
{
	return d->n_fields;
}

size_t dialog_field_focus(const struct dialog *d)
{
	return d->focus;
}

/* Label column width: the widest label, at most a third of the width. */
static int label_width(const struct dialog *d, int width)
{
	size_t i;
	int lw = 0;
	for (i = 0; i < d->n_body; i++)
		if (d->body[i].label && (int)text_width(d->body[i].label) > lw)
			lw = (int)text_width(d->body[i].label);
	for (i = 0; i < d->n_fields; i++)
		if ((int)text_width(d->fields[i].label) > lw)
			lw = (int)text_width(d->fields[i].label);
	if (lw > width / 3)
		lw = width / 3;
	return lw;
}

struct wrap_ctx {
	struct para *p;
};

static void wrap_line(void *vctx, const char *line, size_t len)
{
	struct para *p = ((struct wrap_ctx *)vctx)->p;
	if (p->n_lines == p->cap_lines) {
		p->cap_lines = p->cap_lines ? p->cap_lines * 2 : 8;
		p->lines = xrealloc(p->lines, p->cap_lines * sizeof *p->lines);
	}
	p->lines[p->n_lines].off = (size_t)(line - p->text);
	p->lines[p->n_lines].len = len;
	p->n_lines++;
}

/* Lay the body out for width once; returns its rows. */
static size_t layout(struct dialog *d, int width)
{
	int lw;
	size_t i;
	if (d->laid_width == width)
		return d->rows;
	lw = label_width(d, width);
	d->rows = 0;
	for (i = 0; i < d->n_body; i++) {
		struct para *p = &d->body[i];
		struct wrap_ctx c = { p };
		p->tx = p->label ? lw + 2 : 0;
		if (p->tx >= width - 4)
			p->tx = 0;
		p->n_lines = 0;
		if (*p->text)
			ui_wrap(p->text, width - p->tx, wrap_line, &c);
		/* An empty paragraph is a row of its own (a gap). */
		d->rows += p->n_lines ? p->n_lines : 1;
	}
	d->laid_width = width;
	return d->rows;
}

/* Draw the rows top .. top + limit of the body laid out for width. */
static void body_draw(struct dialog *d, WINDOW *w, int y, int x, int width,
		      int limit)
{
	int lw = label_width(d, width);
	size_t i, row = 0, end = d->top + (size_t)(limit > 0 ? limit : 0);
	layout(d, width);
	for (i = 0; i < d->n_body && row < end; i++) {
		struct para *p = &d->body[i];
		size_t n = p->n_lines ? p->n_lines : 1, k;
		if (row + n <= d->top) {
			row += n;
			continue;
		}
		if (p->label && row >= d->top)
			ui_put_cut(w, y + (int)(row - d->top), x, lw, p->label,
				   theme_attr(TH_HEADER));
		k = row < d->top ? d->top - row : 0;
		for (; k < p->n_lines && row + k < end; k++) {
			char *t = xstrndup(p->text + p->lines[k].off, p->lines[k].len);
			ui_put(w, y + (int)(row + k - d->top), x + p->tx,
			       width - p->tx, t, A_NORMAL);
			free(t);
		}
		row += n;
	}
}

static void dialog_size(struct overlay *o, int cols, int lines, int *w, int *h)
{
	struct dialog *d = o->state;
	int want = 60, inner;
	size_t i, rows;
	if (d->question)
		want = (int)text_width(d->body[0].text) + 6;
	for (i = 0; i < d->n_fields; i++) {
		size_t k;
		for (k = 0; k < d->fields[i].n; k++) {
			int fw = label_width(d, 76) + 10
				 + (int)text_width(d->fields[i].options[k]);
			if (fw > want)
				want = fw;
		}
	}
	if (want < 40)
		want = 40;
	if (want > 76)
		want = 76;
	if (want > cols - 2)
		want = cols - 2;
	inner = want - 4;
	rows = layout(d, inner > 1 ? inner : 1);
	*w = want;
	*h = (int)rows + (int)d->n_fields + (d->n_fields ? 1 : 0) + 4;
	(void)lines;
}

static char *footer_text(struct overlay *o)
{
	struct dialog *d = o->state;
	const struct screen *s = o->screen;
	char *yes, *no, *r;
	if (!s)
		return xstrdup("");
	yes = screen_key_hint(s, KM_DIALOG, ACT_CONFIRM);
	no = screen_key_hint(s, KM_DIALOG, ACT_REFUSE);
	if (d->question)
		/* TRANSLATORS: %s are key names, e.g. "Enter: yes  Esc: no". */
		r = xasprintf(_("%s: yes   %s: no"), yes, no);
	else if (d->n_fields)
		/* TRANSLATORS: %s are key names. */
		r = xasprintf(_("%s: accept   %s: back   arrows: change"), yes, no);
	else
		r = xasprintf(_("%s: close"), no);
	free(yes);
	free(no);
	return r;
}

static void dialog_draw(struct overlay *o, WINDOW *w, int h, int width)
{
	struct dialog *d = o->state;
	int inner = width - 4, fields = (int)d->n_fields;
	int avail = h - 3 - fields - (fields ? 1 : 0);
	int lw = label_width(d, inner), y, i;
	char *footer;

	if (inner < 4 || avail < 0)
		return;
	layout(d, inner);
	d->page = avail > 0 ? avail : 1;
	if (d->top + (size_t)avail > d->rows)
		d->top = d->rows > (size_t)avail ? d->rows - (size_t)avail : 0;
	body_draw(d, w, 1, 2, inner, avail);
	y = 1 + avail + (fields ? 1 : 0);
	for (i = 0; i < fields && y < h - 2; i++, y++) {
		struct field *f = &d->fields[i];
		bool focus = (size_t)i == d->focus;
		char *val = xasprintf("< %s >", f->options[f->value]);
		ui_put_cut(w, y, 2, lw, f->label, theme_attr(TH_HEADER));
		ui_put_pad(w, y, 4 + lw, inner - lw - 2, "", A_NORMAL);
		ui_put_cut(w, y, 4 + lw, inner - lw - 2, val,
			   focus ? theme_attr(TH_CURSOR) : A_NORMAL);
		free(val);
	}
	footer = footer_text(o);
	ui_put_cut(w, h - 2, 2, inner, footer, theme_attr(TH_DIM));
	free(footer);
}

static void finish(struct dialog *d, bool accepted)
{
	int *values;
	size_t i;
	if (d->finished)
		return;
	d->finished = true;
	values = xcalloc(d->n_fields ? d->n_fields : 1, sizeof *values);
	for (i = 0; i < d->n_fields; i++)
		values[i] = d->fields[i].value;
	if (d->fn)
		d->fn(d->ctx, accepted, values);
	free(values);
}

static bool quick_letter(struct field *f, km_key key)
{
	char buf[8], *want, *lab;
	size_t k, i;
	int n = 0;
	bool found = false;
	if (!keymap_key_printable(key))
		return false;
	{
		char *name = keymap_key_name(key);
		n = snprintf(buf, sizeof buf, "%s", name);
		free(name);
	}
	if (n <= 0)
		return false;
	want = text_fold(buf, true);
	for (k = 1; k <= f->n && !found; k++) {
		i = ((size_t)f->value + k) % f->n;
		lab = text_fold(f->options[i], true);
		if (*want && !strncmp(lab, want, strlen(want))) {
			f->value = (int)i;
			found = true;
		}
		free(lab);
	}
	free(want);
	return found;
}

/* F1 in a window: its keys; with choice fields, theirs and the letters
 * too. */
static void dialog_help(struct overlay *o, bool choices)
{
	static const struct help_row with[] = {
		{ KM_DIALOG, ACT_CONFIRM, N_("yes, accept") },
		{ KM_DIALOG, ACT_REFUSE, N_("no, go back") },
		{ KM_DIALOG, ACT_PREV_FIELD, N_("go to the previous field") },
		{ KM_DIALOG, ACT_NEXT_FIELD, N_("go to the next field") },
		{ KM_DIALOG, ACT_PREV_CHOICE, N_("previous choice for the field") },
		{ KM_DIALOG, ACT_NEXT_CHOICE, N_("next choice for the field") },
		{ KM_DIALOG, ACT_PAGE_UP, N_("move up one page") },
		{ KM_DIALOG, ACT_PAGE_DOWN, N_("move down one page") },
	};
	static const struct help_row without[] = {
		{ KM_DIALOG, ACT_CONFIRM, N_("yes, accept") },
		{ KM_DIALOG, ACT_REFUSE, N_("no, go back") },
		{ KM_DIALOG, ACT_UP, N_("scroll up") },
		{ KM_DIALOG, ACT_DOWN, N_("scroll down") },
		{ KM_DIALOG, ACT_PAGE_UP, N_("move up one page") },
		{ KM_DIALOG, ACT_PAGE_DOWN, N_("move down one page") },
		{ KM_DIALOG, ACT_HOME, N_("go to the first row") },
		{ KM_DIALOG, ACT_END, N_("go to the last row") },
	};
	char *title;
	if (!o->screen)
		return;
	title = xasprintf(_("Keys: %s"), o->title ? o->title : "");
	screen_push_overlay(o->screen, choices
		? help_new_rows_and(screen_keymap(o->screen), title, with,
				    sizeof with / sizeof with[0], N_("a letter"),
				    N_("jump to the choice that starts with it"))
		: help_new_rows(screen_keymap(o->screen), title, without,
				sizeof without / sizeof without[0]));
	free(title);
}

static unsigned dialog_handle(struct overlay *o, enum action a, km_key key)
{
	struct dialog *d = o->state;
	struct field *f = d->n_fields ? &d->fields[d->focus] : NULL;
	size_t page = d->page > 1 ? (size_t)d->page - 1 : 1;

	switch (a) {
	case ACT_CONFIRM: case ACT_CHOOSE:
		finish(d, true);
		return OVERLAY_HANDLED | OVERLAY_CLOSE;
	case ACT_REFUSE: case ACT_CANCEL: case ACT_QUIT:
		finish(d, false);
		return OVERLAY_HANDLED | OVERLAY_CLOSE;
	case ACT_NEXT_FIELD: case ACT_DOWN: case ACT_NEXT_PANE:
		if (f && d->focus + 1 < d->n_fields)
			d->focus++;
		else if (!f && d->top + (size_t)d->page < d->rows)
			d->top++;
		return OVERLAY_HANDLED | OVERLAY_REDRAW;
	case ACT_PREV_FIELD: case ACT_UP: case ACT_PREV_PANE:
		if (f && d->focus > 0)
			d->focus--;
		else if (!f && d->top > 0)
			d->top--;
		return OVERLAY_HANDLED | OVERLAY_REDRAW;
	case ACT_NEXT_CHOICE: case ACT_RIGHT: case ACT_TOGGLE:
		if (f && f->n)
			f->value = (int)(((size_t)f->value + 1) % f->n);
		return OVERLAY_HANDLED | OVERLAY_REDRAW;
	case ACT_PREV_CHOICE: case ACT_LEFT:
		if (f && f->n)
			f->value = (int)(((size_t)f->value + f->n - 1) % f->n);
		return OVERLAY_HANDLED | OVERLAY_REDRAW;
	case ACT_PAGE_DOWN:
		d->top += page;
		return OVERLAY_HANDLED | OVERLAY_REDRAW;
	case ACT_PAGE_UP:
		d->top = d->top > page ? d->top - page : 0;
		return OVERLAY_HANDLED | OVERLAY_REDRAW;
	case ACT_HOME:
		d->top = 0;
		return OVERLAY_HANDLED | OVERLAY_REDRAW;
	case ACT_END:
		d->top = d->rows;
		return OVERLAY_HANDLED | OVERLAY_REDRAW;
	case ACT_NONE:
		if (f && quick_letter(f, key))
			return OVERLAY_HANDLED | OVERLAY_REDRAW;
		return OVERLAY_HANDLED;
	case ACT_HELP:
		dialog_help(o, f != NULL);
		return OVERLAY_HANDLED;
	default:
		return OVERLAY_HANDLED;
	}
}

static void dialog_free(struct dialog *d)
{
	size_t i, k;
	for (i = 0; i < d->n_body; i++) {
		free(d->body[i].label);
		free(d->body[i].text);
		free(d->body[i].lines);
	}
	free(d->body);
	for (i = 0; i < d->n_fields; i++) {
		for (k = 0; k < d->fields[i].n; k++)
			free(d->fields[i].options[k]);
		free(d->fields[i].options);
		free(d->fields[i].label);
	}
	free(d->fields);
	if (d->ctx_free)
		d->ctx_free(d->ctx);
	free(d->title);
	free(d);
}

void dialog_discard(struct dialog *d)
{
	if (d)
		dialog_free(d);
}

static void dialog_done(struct overlay *o)
{
	struct dialog *d = o->state;
	/* Closed without an answer (the screen went away): a refusal. */
	finish(d, false);
	dialog_free(d);
}

static const struct overlay_ops dialog_ops = {
	dialog_size, dialog_draw, dialog_handle, dialog_done
};

struct overlay *dialog_overlay(struct dialog *d)
{
	struct overlay *o = xcalloc(1, sizeof *o);
	o->ops = &dialog_ops;
	o->state = d;
	o->title = xstrdup(d->title);
	return o;
}

struct overlay *dialog_confirm(const char *question, dialog_done_fn fn,
			       void *ctx, void (*ctx_free)(void *))
{
	struct dialog *d = dialog_new(_("Please confirm"));
	dialog_add_text(d, NULL, question);
	d->question = true;
	dialog_on_done(d, fn, ctx, ctx_free);
	return dialog_overlay(d);
}
