/* review_log: one desk's contacts of the day, as an overlay over the
 * review (Enter on a desk or a flag).
 *
 * One line a contact: its times and codes; undone contacts stay in the
 * log, marked. Notes are read from the file only when the supervisor asks
 * (the review's show-notes key, Space) and confirms a question that says
 * why they are sensitive; a line at the top says while they are shown,
 * and they are dropped from memory when hidden or when the log closes.
 * The lines are laid out for the overlay's width and again when it
 * changes. */
#include <config.h>

#include <stdlib.h>
#include <string.h>

#include "core/err.h"
#include "core/i18n.h"
#include "core/text.h"
#include "panes/review_panes.h"
#include "ui/dialog.h"
#include "ui/draw.h"
#include "ui/help.h"
#include "ui/screen.h"
#include "ui/theme.h"

struct lline {
	char *text;
	enum theme_role role;
};

struct rlog {
	struct review *r;
	size_t desk;
	bool notes;		/* shown */
	char **note_id, **note_text;
	size_t n_notes;
	char *note_error;
	struct lline *lines;
	size_t n_lines;
	int built_width;	/* -1: lay out again */
	unsigned built_lang;
	size_t top;
	int page;
};

static void add_line(struct rlog *lg, enum theme_role role, char *text)
{
	lg->lines = xrealloc(lg->lines, (lg->n_lines + 1) * sizeof *lg->lines);
	lg->lines[lg->n_lines].text = text;
	lg->lines[lg->n_lines].role = role;
	lg->n_lines++;
}

struct wrap_add {
	struct rlog *lg;
	enum theme_role role;
	const char *indent;
	bool first;
};

static void wrap_piece(void *vctx, const char *line, size_t len)
{
	struct wrap_add *w = vctx;
	char *piece = xstrndup(line, len);
	add_line(w->lg, w->role, xasprintf("%s%s", w->first ? "" : w->indent, piece));
	free(piece);
	w->first = false;
}

/* text (data: sanitized here) wrapped to width; continuation lines get
 * indent (spaces) in front. */
static void add_wrapped(struct rlog *lg, enum theme_role role, const char *text,
			int width, int indent)
{
	char *clean = text_sanitize(text), *pad = xmalloc((size_t)(indent > 0 ? indent : 0) + 1);
	struct wrap_add w = { lg, role, pad, true };
	memset(pad, ' ', (size_t)(indent > 0 ? indent : 0));
	pad[indent > 0 ? indent : 0] = '\0';
	if (!*clean)
		add_line(lg, role, xstrdup(""));
	else if (width - indent < 8)
		ui_wrap(clean, width, wrap_piece, &w);
	else {
		/* The first line has the full width, the rest less. */
		size_t fit = text_fit(clean, (size_t)width, NULL);
		if (!clean[fit])
			add_line(lg, role, xstrdup(clean));
		else {
			size_t cut = fit, i;
			for (i = fit; i > 0; i--)
				if (clean[i] == ' ') {
					cut = i;
					break;
				}
			add_line(lg, role, xstrndup(clean, cut));
			w.first = false;
			while (clean[cut] == ' ')
				cut++;
			ui_wrap(clean + cut, width - indent, wrap_piece, &w);
		}
	}
	free(pad);
	free(clean);
}

static void lines_clear(struct rlog *lg)
{
	size_t i;
	for (i = 0; i < lg->n_lines; i++)
		free(lg->lines[i].text);
	free(lg->lines);
	lg->lines = NULL;
	lg->n_lines = 0;
}

static void notes_clear(struct rlog *lg)
{
	size_t i;
	for (i = 0; i < lg->n_notes; i++) {
		free(lg->note_id[i]);
		free(lg->note_text[i]);
	}
	free(lg->note_id);
	free(lg->note_text);
	lg->note_id = lg->note_text = NULL;
	lg->n_notes = 0;
	free(lg->note_error);
	lg->note_error = NULL;
}

static const char *note_of(const struct rlog *lg, const char *id)
{
	size_t i;
	for (i = 0; id && i < lg->n_notes; i++)
		if (!strcmp(lg->note_id[i], id))
			return lg->note_text[i];
	return NULL;
}

/* "a;b" -> "a, b" */
static char *topics_text(const char *topics)
{
	size_t n = 0;
	const char *p;
	char *s, *q;
	for (p = topics; p && *p; p++)
		n += *p == ';' ? 2 : 1;
	s = q = xmalloc(n + 1);
	for (p = topics; p && *p; p++) {
		if (*p == ';') {
			*q++ = ',';
			*q++ = ' ';
		} else
			*q++ = *p;
	}
	*q = '\0';
	return s;
}

enum { L_TIME, L_CHANNEL, L_LANGUAGE, L_INTERPRETER, L_OUTCOME, L__N };

static char *lcell(const struct stats_row *row, int c)
{
	const char *v = NULL;
	char *a, *b, *s;
	switch (c) {
	case L_TIME:
		a = review_time(row->started_at);
		b = review_time(row->ended_at);
		s = xasprintf("%s-%s", a, b);
		free(a);
		free(b);
		return s;
	case L_CHANNEL: v = row->channel; break;
	case L_LANGUAGE: v = row->language; break;
	case L_INTERPRETER: v = row->interpreter; break;
	case L_OUTCOME: v = row->outcome; break;
	}
	return text_sanitize(v && *v ? v : "-");
}

static void summary(struct rlog *lg, int width)
{
	const struct review_desk *k = &lg->r->day->desks[lg->desk];
	const struct review_day *d = lg->r->day;
	size_t i;
	char *s, *t, *u;

	s = xasprintf(ngettext("%zu contact", "%zu contacts", k->contacts), k->contacts);
	t = xasprintf(ngettext("%zu undone", "%zu undone", k->undone), k->undone);
	u = xasprintf("%s, %s", s, t);
	free(s);
	free(t);
	if (k->contacts) {
		char *a = review_time(k->first), *b = review_time(k->last);
		/* TRANSLATORS: the times of the first and last contact. */
		t = xasprintf(_("first %s, last %s"), a, b);
		s = xasprintf("%s, %s", u, t);
		free(a);
		free(b);
		free(t);
		free(u);
		u = s;
	}
	add_wrapped(lg, TH_NORMAL, u, width, 0);
	free(u);
	if (k->closed) {
		char *at = review_time(k->closed_at);
		s = xasprintf(_("The day is closed: by %s at %s."),
			      k->closed_by ? k->closed_by : "?", at);
		add_wrapped(lg, TH_MARK, s, width, 0);
		free(at);
		free(s);
	} else
		add_wrapped(lg, TH_DIM, _("The day is open."), width, 0);
	for (i = 0; i < d->n_flags; i++)
		if (d->flags[i].desk == lg->desk) {
			t = review_flag_text(d, &d->flags[i]);
			s = xasprintf("! %s", t);
			add_wrapped(lg, TH_CLOSED, s, width, 2);
			free(s);
			free(t);
		}
}

/* Appends a mark (owned) to a log line's tail. */
static void add_mark(char **tail, char *mark)
{
	char *t = xasprintf("%s %s", *tail, mark);
	free(mark);
	free(*tail);
	*tail = t;
}

static void build(struct rlog *lg, int width)
{
	static const char *const titles[L__N] = {
		N_("Time"), N_("Channel"), N_("Language"), N_("Interpreter"),
		N_("Outcome")
	};
	const struct review_day *d = lg->r->day;
	const struct review_desk *k = &d->desks[lg->desk];
	int cw[L__N], c, prefix = 0;
	size_t j;
	char *head, *t;

	lines_clear(lg);
	lg->built_width = width;
	lg->built_lang = lg->r->lang_gen;
	if (lg->notes) {
		add_wrapped(lg, TH_CLOSED,
			    _("Notes are shown. They can hold personal details: keep them off other people's sight. The toggle key hides them."),
			    width, 0);
		if (lg->note_error)
			add_wrapped(lg, TH_CLOSED, lg->note_error, width, 0);
	}
	summary(lg, width);
	add_line(lg, TH_NORMAL, xstrdup(""));
	if (!k->n_rows) {
		add_line(lg, TH_DIM, xstrdup(_("(no contacts on this day)")));
		return;
	}
	for (c = 0; c < L__N; c++) {
		cw[c] = (int)text_width(_(titles[c]));
		if (cw[c] > 12)
			cw[c] = 12;
		for (j = 0; j < k->n_rows; j++) {
			char *s = lcell(review_day_row(d, k, j), c);
			if ((int)text_width(s) > cw[c])
				cw[c] = (int)text_width(s);
			free(s);
		}
		prefix += cw[c] + 1;
	}
	if (prefix > width / 2 + 8)
		prefix = width / 2 + 8;
	/* The header and each contact: fixed columns, then the topics and
	 * the redirect, wrapped under themselves. */
	head = xstrdup("");
	for (c = 0; c < L__N; c++) {
		char *cut = text_cut(_(titles[c]), (size_t)cw[c], !text_locale_utf8());
		int pad = cw[c] - (int)text_width(cut);
		t = xasprintf("%s%s%*s ", head, cut, pad > 0 ? pad : 0, "");
		free(cut);
		free(head);
		head = t;
	}
	t = xasprintf("%s%s", head, _("Topics, redirect"));
	free(head);
	add_line(lg, TH_HEADER, t);
	for (j = 0; j < k->n_rows; j++) {
		const struct stats_row *row = review_day_row(d, k, j);
		char *line = xstrdup(""), *tail, *at;
		const char *note;
		for (c = 0; c < L__N; c++) {
			char *s = lcell(row, c);
			int pad = cw[c] - (int)text_width(s);
			t = xasprintf("%s%s%*s ", line, s, pad > 0 ? pad : 0, "");
			free(s);
			free(line);
			line = t;
		}
		tail = topics_text(row->topics);
		if (!*tail) {
			free(tail);
			tail = xstrdup("-");
		}
		if (row->redirect_service && *row->redirect_service) {
			t = xasprintf("%s %s %s%s%s%s", tail,
				      text_locale_utf8() ? "\u2192" : "->",
				      row->redirect_service,
				      row->redirect_reason ? " (" : "",
				      row->redirect_reason ? row->redirect_reason : "",
				      row->redirect_reason ? ")" : "");
			free(tail);
			tail = t;
		}
		if (row->undone_at) {
			at = review_time(row->undone_at);
			add_mark(&tail, xasprintf(_("(undone at %s)"), at));
			free(at);
		}
		if (row->late && !row->undone_at) {
			at = review_time(row->saved_at);
			/* TRANSLATORS: a contact saved while its day was
			 * closed; %s is the time it was saved. */
			add_mark(&tail, xasprintf(_("(late: saved at %s, after the close)"), at));
			free(at);
		}
		if (row->corrected_at && !row->undone_at) {
			at = review_time(row->corrected_at);
			/* TRANSLATORS: a contact changed after its save (the
			 * desk's correct key); %s is when. */
			add_mark(&tail, xasprintf(_("(corrected at %s)"), at));
			free(at);
		}
		t = xasprintf("%s%s", line, tail);
		add_wrapped(lg, row->undone_at ? TH_DIM : row->late ? TH_CLOSED : TH_NORMAL,
			    t, width, prefix);
		free(t);
		free(tail);
		free(line);
		if (lg->notes && (note = note_of(lg, row->id))) {
			/* TRANSLATORS: in front of a contact's note in the log. */
			t = xasprintf("    %s %s", _("Note:"), note);
			add_wrapped(lg, TH_HEADER, t, width, 4);
			free(t);
		}
	}
}

static int keep_note(const char *id, const char *note, void *ud)
{
	struct rlog *lg = ud;
	lg->note_id = xrealloc(lg->note_id, (lg->n_notes + 1) * sizeof *lg->note_id);
	lg->note_text = xrealloc(lg->note_text, (lg->n_notes + 1) * sizeof *lg->note_text);
	lg->note_id[lg->n_notes] = xstrdup(id);
	lg->note_text[lg->n_notes] = xstrdup(note);
	lg->n_notes++;
	return 0;
}

static void notes_answer(void *ctx, bool yes, const int *values)
{
	struct rlog *lg = ctx;
	char *e = NULL;
	(void)values;
	if (!yes)
		return;
	notes_clear(lg);
	lg->notes = true;
	if (review_day_notes(lg->r->day, &lg->r->day->desks[lg->desk], keep_note, lg, &e) != 0) {
		lg->note_error = e;
		e = NULL;
	} else if (!lg->n_notes && review_day_notes_expired(lg->r->day))
		lg->note_error = xstrdup(_("This day is past the notes' retention (note-retention-days): its notes are not shown."));
	else if (!lg->n_notes)
		lg->note_error = xstrdup(_("No contact of this day has a note."));
	lg->built_width = -1;
}

/* ---- overlay ----------------------------------------------------------- */

static void log_size(struct overlay *o, int cols, int lines, int *w, int *h)
{
	(void)o;
	*w = cols - 2 > 120 ? 120 : cols - 2;
	*h = lines - 2;
}

static char *footer(struct overlay *o, struct rlog *lg)
{
	const struct screen *s = o->screen;
	char *tog, *back, *help, *r;
	if (!s)
		return xstrdup("");
	tog = screen_key_hint(s, KM_REVIEW, ACT_SHOW_NOTES);
	back = screen_key_hint(s, KM_DIALOG, ACT_REFUSE);
	help = screen_key_hint(s, KM_DIALOG, ACT_HELP);
	/* TRANSLATORS: %s are key names: "Space: notes  Esc: back  F1: keys". */
	r = xasprintf(lg->notes ? _("%s: hide notes   %s: back   %s: keys")
				: _("%s: show notes   %s: back   %s: keys"),
		      tog, back, help);
	free(tog);
	free(back);
	free(help);
	return r;
}

static void log_draw(struct overlay *o, WINDOW *w, int h, int width)
{
	struct rlog *lg = o->state;
	int inner = width - 4, rows = h - 3, y;
	char *f;
	if (inner < 8 || rows < 1)
		return;
	if (lg->built_width != inner || lg->built_lang != lg->r->lang_gen)
		build(lg, inner);
	lg->page = rows;
	if (lg->top + (size_t)rows > lg->n_lines)
		lg->top = lg->n_lines > (size_t)rows ? lg->n_lines - (size_t)rows : 0;
	for (y = 0; y < rows && lg->top + (size_t)y < lg->n_lines; y++) {
		const struct lline *l = &lg->lines[lg->top + (size_t)y];
		ui_put_cut(w, 1 + y, 2, inner, l->text, theme_attr(l->role));
	}
	f = footer(o, lg);
	if (lg->n_lines > (size_t)rows) {
		char *t = xasprintf("%s   %zu-%zu/%zu", f, lg->top + 1,
				    lg->top + (size_t)rows < lg->n_lines ? lg->top + (size_t)rows : lg->n_lines,
				    lg->n_lines);
		free(f);
		f = t;
	}
	ui_put_cut(w, h - 2, 2, inner, f, theme_attr(TH_DIM));
	free(f);
}

static void log_help(struct overlay *o)
{
	static const struct help_row rows[] = {
		{ KM_DIALOG, ACT_UP, N_("scroll up") },
		{ KM_DIALOG, ACT_PREV_FIELD, N_("scroll up") },
		{ KM_DIALOG, ACT_DOWN, N_("scroll down") },
		{ KM_DIALOG, ACT_NEXT_FIELD, N_("scroll down") },
		{ KM_DIALOG, ACT_PAGE_UP, N_("move up one page") },
		{ KM_DIALOG, ACT_PAGE_DOWN, N_("move down one page") },
		{ KM_DIALOG, ACT_HOME, N_("go to the first row") },
		{ KM_DIALOG, ACT_END, N_("go to the last row") },
		{ KM_REVIEW, ACT_SHOW_NOTES, N_("show the notes (asks first), or hide them") },
		{ KM_DIALOG, ACT_REFUSE, N_("back to the review") },
		{ KM_DIALOG, ACT_HELP, N_("show the keys of this window") },
	};
	char *title = xasprintf(_("Keys: %s"), o->title);
	screen_push_overlay(o->screen, help_new_rows(screen_keymap(o->screen), title, rows,
						     sizeof rows / sizeof rows[0]));
	free(title);
}

static unsigned log_handle(struct overlay *o, enum action a, km_key key)
{
	struct rlog *lg = o->state;
	size_t page = lg->page > 1 ? (size_t)lg->page - 1 : 1;
	/* The notes key is the review's (the log is a window of it); every
	 * other key means what it means in a dialog. */
	if (o->screen && keymap_lookup_own(screen_keymap(o->screen), KM_REVIEW, key)
			 == ACT_SHOW_NOTES)
		a = ACT_SHOW_NOTES;
	switch (a) {
	case ACT_UP: case ACT_PREV_FIELD:
		if (lg->top)
			lg->top--;
		return OVERLAY_HANDLED | OVERLAY_REDRAW;
	case ACT_DOWN: case ACT_NEXT_FIELD:
		if (lg->top + (size_t)lg->page < lg->n_lines)
			lg->top++;
		return OVERLAY_HANDLED | OVERLAY_REDRAW;
	case ACT_PAGE_UP:
		lg->top = lg->top > page ? lg->top - page : 0;
		return OVERLAY_HANDLED | OVERLAY_REDRAW;
	case ACT_PAGE_DOWN:
		lg->top += page;
		return OVERLAY_HANDLED | OVERLAY_REDRAW;
	case ACT_HOME:
		lg->top = 0;
		return OVERLAY_HANDLED | OVERLAY_REDRAW;
	case ACT_END:
		lg->top = lg->n_lines;
		return OVERLAY_HANDLED | OVERLAY_REDRAW;
	case ACT_SHOW_NOTES:
		if (lg->notes) {
			lg->notes = false;
			notes_clear(lg);
			lg->built_width = -1;
			return OVERLAY_HANDLED | OVERLAY_REDRAW;
		} else {
			const struct review_desk *k = &lg->r->day->desks[lg->desk];
			char *name = text_sanitize(k->name);
			char *q = xasprintf(_("Show the notes of %s for %s? Notes can hold personal details of customers: show them only when you need them, where nobody else can see the screen."),
					    name, lg->r->day->date);
			screen_push_overlay(o->screen, dialog_confirm(q, notes_answer, lg, NULL));
			free(q);
			free(name);
			return OVERLAY_HANDLED;
		}
	case ACT_HELP:
		log_help(o);
		return OVERLAY_HANDLED;
	case ACT_REFUSE: case ACT_CANCEL: case ACT_QUIT: case ACT_CONFIRM:
	case ACT_CHOOSE:
		return OVERLAY_HANDLED | OVERLAY_CLOSE;
	default:
		return OVERLAY_HANDLED;
	}
}

static void log_done(struct overlay *o)
{
	struct rlog *lg = o->state;
	lines_clear(lg);
	notes_clear(lg);
	free(lg);
}

static const struct overlay_ops log_ops = {
	log_size, log_draw, log_handle, log_done
};

struct overlay *review_log_new(struct review *r, size_t desk)
{
	struct overlay *o = xcalloc(1, sizeof *o);
	struct rlog *lg = xcalloc(1, sizeof *lg);
	char *name = text_sanitize(r->day->desks[desk].name), *day = NULL;
	lg->r = r;
	lg->desk = desk;
	lg->built_width = -1;
	lg->page = 1;
	o->ops = &log_ops;
	o->state = lg;
	if (i18n_format_date(r->day->from, &day) != 0 || !day) {
		free(day);
		day = xstrdup(r->day->date);
	}
	/* TRANSLATORS: title of a desk's contact log: desk name, date. */
	o->title = xasprintf(_("Contacts of %s, %s"), name, day);
	free(name);
	free(day);
	return o;
}
