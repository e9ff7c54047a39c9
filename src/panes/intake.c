/* intake: see intake.h.
 *
 * Design: every change goes through desk_set_field() and friends, so the
 * contact, its journal and the other panes stay in step; the pane keeps
 * only what is being typed (the language search, the note). */
#include <config.h>

#include <stdlib.h>
#include <string.h>

#include "core/err.h"
#include "core/i18n.h"
#include "core/privacy.h"
#include "core/rank.h"
#include "core/text.h"
#include "panes/intake.h"
#include "panes/registry.h"
#include "ui/draw.h"
#include "ui/lineedit.h"
#include "ui/screen.h"
#include "ui/theme.h"

#define NOTE_MAX 1000		/* bytes; a note is a short remark */

static const struct {
	const char *label;
	enum code_list list;
	bool optional;
} fields[FIELD__N] = {
	/* TRANSLATORS: intake field labels; keep them short (about 14
	 * columns). */
	[FIELD_CHANNEL] = { N_("Channel"), CODES_CHANNEL, false },
	[FIELD_LANGUAGE] = { N_("Language"), CODES__N, false },
	[FIELD_INTERPRETER] = { N_("Interpreter"), CODES_INTERPRETER, false },
	[FIELD_DISCOVERY] = { N_("Found us via"), CODES_DISCOVERY, true },
	[FIELD_OUTCOME] = { N_("Outcome"), CODES_OUTCOME, false },
	[FIELD_AGE] = { N_("Age"), CODES_AGE, true },
	[FIELD_GENDER] = { N_("Gender"), CODES_GENDER, true },
	[FIELD_LIFE] = { N_("Life situation"), CODES_LIFE, true },
	[FIELD_NOTE] = { N_("Note"), CODES__N, true },
	[FIELD_PEOPLE] = { N_("People"), CODES__N, true },
	[FIELD_STARTED] = { N_("Started"), CODES__N, true },
};

struct intake {
	struct desk *d;
	int field;
	int top;		/* first field shown */
	struct lineedit query;	/* language search */
	size_t *matches;	/* indexes into cat->languages */
	size_t n_matches, mi;
	struct lineedit note;
	unsigned seen_gen, seen_lang, seen_cat;
	int cur_y, cur_x;	/* text cursor after the last draw, -1 none */
	/* Digits typed into People or Started since the field was entered
	 * (at most 4, so a fixed buffer: never user text). */
	char digits[5];
};

static struct intake *st(const struct pane *p)
{
	return p->state;
}

int intake_field(const struct pane *p)
{
	return st(p)->field;
}

const char *intake_language_query(const struct pane *p)
{
	return lineedit_text(&st(p)->query);
}

static bool is_choice(int f)
{
	return fields[f].list != CODES__N;
}

static void clear_query(struct intake *in)
{
	lineedit_clear(&in->query);
	free(in->matches);
	in->matches = NULL;
	in->n_matches = in->mi = 0;
}

static void set_language_index(struct intake *in, size_t li)
{
	struct desk *d = in->d;
	const char *code = d->cat->languages[li].code;
	if (d->c->language && !strcmp(d->c->language, code))
		return;
	contact_set_language(d->c, code);
	contact_touch(d->c, d->clock());
	desk_changed(d);
}

/* Run the typed search; the best match becomes the language. */
static void search_languages(struct intake *in)
{
	struct desk *d = in->d;
	free(in->matches);
	in->matches = NULL;
	in->n_matches = in->mi = 0;
	if (!d->cat || lineedit_empty(&in->query))
		return;
	in->n_matches = rank_languages(d->cat, lineedit_text(&in->query),
				       i18n_lang(), &in->matches);
	if (in->n_matches)
		set_language_index(in, in->matches[0]);
}

/* Left/Right in the language field: through the matches of the search,
 * or through every language when nothing is typed. */
static void step_language(struct intake *in, int dir)
{
	struct desk *d = in->d;
	size_t *all = NULL, n, i, at = 0;
	if (!d->cat || d->cat->n_languages == 0)
		return;
	if (in->n_matches) {
		in->mi = (in->mi + in->n_matches + (size_t)(dir > 0 ? 1 : in->n_matches - 1))
			 % in->n_matches;
		set_language_index(in, in->matches[in->mi]);
		return;
	}
	n = rank_languages(d->cat, "", i18n_lang(), &all);
	if (n == 0) {
		free(all);
		return;
	}
	for (i = 0; i < n; i++)
		if (d->c->language && !strcmp(d->cat->languages[all[i]].code, d->c->language)) {
			at = i;
			break;
		}
	if (i == n)	/* not in the catalogue: start from the first */
		at = dir > 0 ? n - 1 : 0;
	at = (at + n + (size_t)(dir > 0 ? 1 : n - 1)) % n;
	set_language_index(in, all[at]);
	free(all);
}

static void step_choice(struct intake *in, int dir)
{
	int f = in->field, v = desk_get_field(in->d, (enum desk_field)f);
	int n = (int)codes_count(fields[f].list);
	int lo = fields[f].optional ? -1 : 0;
	int span = n - lo;
	if (n == 0)
		return;
	if (v < lo || v >= n)
		v = dir > 0 ? n - 1 : lo;	/* so the step lands on the first / last */
	v = lo + ((v - lo + span + dir) % span);
	desk_set_field(in->d, (enum desk_field)f, v);
}

/* A letter: the next choice (after the current one) whose translated
 * label starts with it. */
static bool quick_letter(struct intake *in, km_key key)
{
	int f = in->field, n, k, v;
	char *name, *want;
	bool found = false;
	if (!is_choice(f) || !keymap_key_printable(key) || key == ' ')
		return false;
	name = keymap_key_name(key);
	want = text_fold(name, true);
	free(name);
	n = (int)codes_count(fields[f].list);
	v = desk_get_field(in->d, (enum desk_field)f);
	for (k = 1; k <= n && *want; k++) {
		int i = ((v < 0 ? -1 : v) + k + n) % n;
		char *lab = text_fold(codes_label(fields[f].list, i), true);
		if (!strncmp(lab, want, strlen(want))) {
			desk_set_field(in->d, (enum desk_field)f, i);
			found = true;
		}
		free(lab);
		if (found)
			break;
	}
	free(want);
	return found;
}

/* May the cursor leave the current field? The note is checked for
 * personal data first. */
static bool may_leave(struct intake *in)
{
	char *why = NULL;
	if (in->field != FIELD_NOTE)
		return true;
	if (desk_note_check(in->d, lineedit_text(&in->note), &why) == 0) {
		/* A note with numbers was not journalled while typed. */
		if (!privacy_plain(lineedit_text(&in->note)))
			desk_journal(in->d);
		return true;
	}
	desk_note_warning(in->d, why);
	free(why);
	return false;
}

static void leave_field(struct intake *in)
{
	if (in->field == FIELD_LANGUAGE)
		clear_query(in);
	in->digits[0] = '\0';
}

/* A digit in People (the group's size as typed) or Started (hmm or hhmm:
 * the start's time of day), '-' and '+' in Started a day back and
 * forth. */
static bool number_key(struct intake *in, km_key key)
{
	size_t n = strlen(in->digits);
	if (in->field == FIELD_STARTED && (key == '-' || key == '+')) {
		in->digits[0] = '\0';
		desk_shift_start(in->d, key == '-' ? -24 * 60 : 24 * 60);
		return true;
	}
	if (key < '0' || key > '9')
		return false;
	if (n >= 4 || (in->field == FIELD_PEOPLE && n >= 3))
		n = 0;
	in->digits[n] = (char)key;
	in->digits[n + 1] = '\0';
	if (in->field == FIELD_PEOPLE)
		desk_set_people(in->d, atoi(in->digits));
	else if (n + 1 >= 3) {
		int v = atoi(in->digits);
		desk_set_start_time(in->d, v / 100, v % 100);
	}
	return true;
}

static unsigned go_field(struct intake *in, int f)
{
	if (f < 0)
		f = 0;
	if (f >= FIELD__N)
		f = FIELD__N - 1;
	if (f == in->field)
		return PANE_HANDLED;
	if (!may_leave(in))
		return PANE_HANDLED | PANE_REDRAW;
	leave_field(in);
	in->field = f;
	return PANE_HANDLED | PANE_REDRAW;
}

static unsigned note_key(struct intake *in, km_key key)
{
	bool moved = false;
	if (lineedit_key(&in->note, key, &moved)) {
		contact_set_note(in->d->c, lineedit_text(&in->note));
		contact_touch(in->d->c, in->d->clock());
		/* A note with numbers waits for the field to be left before
		 * it is journalled: its first part could be the start of an
		 * identity code that the guard refuses once it is whole. */
		if (privacy_plain(lineedit_text(&in->note)))
			desk_changed(in->d);
		else
			in->d->gen++;
		return PANE_HANDLED | PANE_REDRAW | PANE_CHANGED;
	}
	return moved ? PANE_HANDLED | PANE_REDRAW : PANE_HANDLED;
}

static unsigned text_key(struct intake *in, km_key key)
{
	bool moved = false;
	if (in->field == FIELD_NOTE)
		return note_key(in, key);
	if (lineedit_key(&in->query, key, &moved)) {
		search_languages(in);
		return PANE_HANDLED | PANE_REDRAW | PANE_CHANGED;
	}
	return PANE_HANDLED;
}

static unsigned intake_handle(struct pane *p, enum action a, km_key key)
{
	struct intake *in = st(p);
	bool note = in->field == FIELD_NOTE;
	int dir;

	switch (a) {
	case ACT_NONE:
		if (in->field == FIELD_LANGUAGE || note)
			return text_key(in, key);
		if ((in->field == FIELD_PEOPLE || in->field == FIELD_STARTED)
		    && number_key(in, key))
			return PANE_HANDLED | PANE_REDRAW | PANE_CHANGED;
		if (quick_letter(in, key))
			return PANE_HANDLED | PANE_REDRAW | PANE_CHANGED;
		return PANE_IGNORED;
	case ACT_NEXT_FIELD: case ACT_DOWN:
		return go_field(in, in->field + 1);
	case ACT_PREV_FIELD: case ACT_UP:
		return go_field(in, in->field - 1);
	case ACT_PAGE_UP:
		return go_field(in, 0);
	case ACT_PAGE_DOWN:
		return go_field(in, FIELD__N - 1);
	case ACT_HOME: case ACT_END:
		if (note)
			return note_key(in, a == ACT_HOME ? KM_HOME : KM_END);
		return go_field(in, a == ACT_HOME ? 0 : FIELD__N - 1);
	case ACT_NEXT_CHOICE: case ACT_RIGHT: case ACT_TOGGLE:
	case ACT_PREV_CHOICE: case ACT_LEFT:
		dir = (a == ACT_PREV_CHOICE || a == ACT_LEFT) ? -1 : 1;
		if (note) {
			if (a == ACT_TOGGLE)
				return text_key(in, ' ');
			return note_key(in, dir > 0 ? KM_RIGHT : KM_LEFT);
		}
		in->digits[0] = '\0';
		if (in->field == FIELD_LANGUAGE)
			step_language(in, dir);
		else if (in->field == FIELD_PEOPLE)
			desk_set_people(in->d, in->d->c->people + dir);
		else if (in->field == FIELD_STARTED)
			desk_shift_start(in->d, dir * 15);
		else
			step_choice(in, dir);
		return PANE_HANDLED | PANE_REDRAW | PANE_CHANGED;
	case ACT_CLEAR_FIELD:
		if (in->field == FIELD_LANGUAGE) {
			clear_query(in);
			return PANE_HANDLED | PANE_REDRAW;
		}
		if (note) {
			lineedit_clear(&in->note);
			contact_set_note(in->d->c, NULL);
			desk_changed(in->d);
			return PANE_HANDLED | PANE_REDRAW | PANE_CHANGED;
		}
		in->digits[0] = '\0';
		if (in->field == FIELD_PEOPLE) {
			desk_set_people(in->d, 1);
			return PANE_HANDLED | PANE_REDRAW | PANE_CHANGED;
		}
		if (in->field == FIELD_STARTED) {
			desk_start_now(in->d);
			return PANE_HANDLED | PANE_REDRAW | PANE_CHANGED;
		}
		if (fields[in->field].optional) {
			desk_set_field(in->d, (enum desk_field)in->field, -1);
			return PANE_HANDLED | PANE_REDRAW | PANE_CHANGED;
		}
		return PANE_HANDLED;
	case ACT_CANCEL:
		if (in->field == FIELD_LANGUAGE && !lineedit_empty(&in->query)) {
			clear_query(in);
			return PANE_HANDLED | PANE_REDRAW;
		}
		return PANE_HANDLED;
	case ACT_CHOOSE:
		return go_field(in, in->field + 1);
	default:
		/* Leaving the pane: the note is checked like leaving the
		 * field; the language search is done with. */
		if (!screen_action_leaves(p, a))
			return PANE_IGNORED;
		if (!may_leave(in))
			return PANE_HANDLED | PANE_REDRAW;
		leave_field(in);
		return PANE_IGNORED | PANE_REDRAW;
	}
}

static bool intake_wants_text(struct pane *p)
{
	return st(p)->field == FIELD_LANGUAGE || st(p)->field == FIELD_NOTE;
}

static bool intake_update(struct pane *p)
{
	struct intake *in = st(p);
	struct desk *d = in->d;
	bool changed = false;
	const char *note = d->c->note ? d->c->note : "";

	if (d->want_pane == PANE_INTAKE && d->want_field >= 0) {
		leave_field(in);
		in->field = d->want_field;
		d->want_field = -1;
		changed = true;
	}
	if (strcmp(lineedit_text(&in->note), note) != 0) {
		lineedit_set(&in->note, note);
		changed = true;
	}
	if (in->seen_gen != d->gen || in->seen_lang != d->lang_gen
	    || in->seen_cat != d->cat_gen) {
		if (in->seen_cat != d->cat_gen && !lineedit_empty(&in->query))
			search_languages(in);
		in->seen_gen = d->gen;
		in->seen_lang = d->lang_gen;
		in->seen_cat = d->cat_gen;
		changed = true;
	}
	return changed;
}

static bool intake_cursor(struct pane *p, int *y, int *x)
{
	struct intake *in = st(p);
	if (!p->focused || in->cur_y < 0)
		return false;
	*y = in->cur_y;
	*x = in->cur_x;
	return true;
}

static char *language_text(const struct desk *d, const char *code)
{
	const struct cat_language *l;
	const char *name;
	if (!code || !*code)
		return xstrdup("-");
	l = d->cat ? catalogue_language(d->cat, code) : NULL;
	if (!l)
		return xstrdup(code);
	name = catalogue_text(&l->name, i18n_lang());
	if (l->native && *l->native && strcmp(l->native, name))
		return xasprintf("%s %s %s %s", code, name,
				 text_locale_utf8() ? "\u00b7" : "/", l->native);
	return xasprintf("%s %s", code, name);
}

static void draw_language(struct intake *in, struct pane *p, WINDOW *w,
			  int y, int x, int width, bool active)
{
	struct desk *d = in->d;
	char *s;
	if (active && !lineedit_empty(&in->query)) {
		int qw = (int)text_width(lineedit_text(&in->query)) + 1;
		int cx;
		if (qw > width / 2)
			qw = width / 2;
		cx = lineedit_draw(&in->query, w, y, x, qw, theme_attr(TH_INPUT));
		in->cur_y = y;
		in->cur_x = cx;
		if (in->n_matches) {
			char *lang = language_text(d, d->cat->languages[in->matches[in->mi]].code);
			s = xasprintf("%s %s (%zu/%zu)",
				      text_locale_utf8() ? "\u2192" : "->", lang,
				      in->mi + 1, in->n_matches);
			free(lang);
		} else
			s = xasprintf("%s", _("(no language matches)"));
		ui_put_data(w, y, x + qw, width - qw, s, A_NORMAL);
		free(s);
		return;
	}
	s = language_text(d, d->c->language);
	if (active) {
		in->cur_y = y;
		in->cur_x = x;
	}
	ui_put_data(w, y, x, width, s,
		    active ? theme_attr(TH_INPUT) : A_NORMAL);
	free(s);
	(void)p;
}

/* People: the count. Started: "now", or the start set afterwards in
 * the mark colour (a backdated contact). */
static void draw_number(struct intake *in, WINDOW *w, int y, int x, int width,
			int f, bool active)
{
	const struct contact *c = in->d->c;
	char *v = NULL, *s;
	attr_t a = A_NORMAL;
	if (f == FIELD_PEOPLE)
		v = xasprintf("%d", c->people);
	else if (c->backdated && i18n_format_datetime(c->started_at, &v) == 0)
		a = theme_attr(TH_MARK);
	else {
		free(v);
		/* TRANSLATORS: the Started field of a contact recorded as it
		 * happens; short. */
		v = xstrdup(_("now"));
		a = theme_attr(TH_DIM);
	}
	if (active) {
		s = text_width(v) + 4 <= (size_t)width ? xasprintf("< %s >", v)
						       : xasprintf("<%s>", v);
		ui_put_cut(w, y, x, width, s, theme_attr(TH_CURSOR));
		free(s);
	} else
		ui_put_cut(w, y, x, width, v, a);
	free(v);
}

static void intake_draw(struct pane *p, WINDOW *w, int h, int width)
{
	struct intake *in = st(p);
	struct desk *d = in->d;
	int rows = h - 2, lw = 0, f, vx, vw;

	in->cur_y = in->cur_x = -1;
	for (f = 0; f < FIELD__N; f++) {
		int lwf = (int)text_width(_(fields[f].label));
		if (lwf > lw)
			lw = lwf;
	}
	if (lw > (width - 2) / 2)
		lw = (width - 2) / 2;
	vx = 1 + lw + 2;
	vw = width - 1 - vx;
	if (rows < 1 || vw < 1)
		return;
	if (in->field < in->top)
		in->top = in->field;
	if (in->field >= in->top + rows)
		in->top = in->field - rows + 1;
	if (in->top > FIELD__N - rows)
		in->top = FIELD__N - rows > 0 ? FIELD__N - rows : 0;
	for (f = in->top; f < FIELD__N && f - in->top < rows; f++) {
		int y = 1 + f - in->top;
		bool cur = f == in->field;
		bool active = cur && p->focused, refused;
		attr_t la = theme_attr(TH_HEADER);
		if (cur)
			la = theme_attr(p->focused ? TH_CURSOR : TH_CURSOR_DIM);
		/* A note the guard refuses is marked: "!" after the label,
		 * the text in the error colour (it is kept in memory only). */
		refused = f == FIELD_NOTE && !lineedit_empty(&in->note)
			  && desk_note_check(d, lineedit_text(&in->note), NULL) != 0;
		if (refused) {
			char *l = xasprintf("%s !", _(fields[f].label));
			ui_put_pad(w, y, 1, lw + 1, l, la | theme_attr(TH_STATUS_ERROR));
			free(l);
		} else
			ui_put_pad(w, y, 1, lw + 1, _(fields[f].label), la);
		if (f == FIELD_LANGUAGE)
			draw_language(in, p, w, y, vx, vw, active);
		else if (f == FIELD_NOTE) {
			if (active) {
				in->cur_y = y;
				in->cur_x = lineedit_draw(&in->note, w, y, vx, vw,
							  theme_attr(refused ? TH_STATUS_ERROR : TH_INPUT));
			} else if (!lineedit_empty(&in->note))
				ui_put_cut(w, y, vx, vw, lineedit_text(&in->note),
					   refused ? theme_attr(TH_STATUS_ERROR) : A_NORMAL);
			else
				ui_put(w, y, vx, vw, "-", theme_attr(TH_DIM));
		} else if (f == FIELD_PEOPLE || f == FIELD_STARTED)
			draw_number(in, w, y, vx, vw, f, active);
		else {
			int v = desk_get_field(d, (enum desk_field)f);
			const char *lab = codes_label(fields[f].list, v);
			if (active) {
				/* The arrows say Left/Right change it; when the
				 * label is long they lose their spaces before the
				 * label loses letters. */
				const char *l = lab ? lab : "-";
				char *s = text_width(l) + 4 <= (size_t)vw
					  ? xasprintf("< %s >", l) : xasprintf("<%s>", l);
				ui_put_cut(w, y, vx, vw, s, theme_attr(TH_CURSOR));
				free(s);
			} else
				ui_put_cut(w, y, vx, vw, lab ? lab : "-",
					   lab ? A_NORMAL : theme_attr(TH_DIM));
		}
	}
	/* More fields below or above: a mark on the border. */
	if (in->top > 0)
		ui_put(w, 0, width - 3, 1, "^", theme_attr(TH_DIM));
	if (in->top + rows < FIELD__N)
		ui_put(w, h - 1, width - 3, 1, "v", theme_attr(TH_DIM));
}

static const char *intake_help(struct pane *p, enum action a)
{
	(void)p;
	switch (a) {
	case ACT_NEXT_FIELD: case ACT_DOWN: return N_("go to the next field");
	case ACT_PREV_FIELD: case ACT_UP: return N_("go to the previous field");
	case ACT_NEXT_CHOICE: case ACT_RIGHT:
		return N_("next choice (next matching language; in the note, cursor right)");
	case ACT_PREV_CHOICE: case ACT_LEFT:
		return N_("previous choice (in the note, cursor left)");
	case ACT_TOGGLE: return N_("next choice");
	case ACT_CLEAR_FIELD: return N_("clear an optional field or the language search");
	case ACT_CANCEL: return N_("clear the language search");
	case ACT_CHOOSE: return N_("go to the next field");
	case ACT_HOME: return N_("first field (in the note, start of the text)");
	case ACT_END: return N_("last field (in the note, end of the text)");
	case ACT_PAGE_UP: return N_("first field");
	case ACT_PAGE_DOWN: return N_("last field");
	default: return NULL;
	}
}

/* What F1 says of the keys no action names: letters, typing, digits. */
static const struct {
	const char *keys, *text;
} intake_more[] = {
	/* TRANSLATORS: F1 rows of the Intake pane: a key column (short)
	 * and what it does. */
	{ N_("a letter"), N_("jump to the choice that starts with it") },
	{ N_("typing"), N_("in Language: find the language by code or name; in Note: write the note") },
	{ N_("digits"), N_("in People: how many people; in Started: the time, as 930 for 9.30") },
	{ N_("- +"), N_("in Started: a day earlier, a day later") },
	{ N_("Left, Right"), N_("in People: one fewer, one more; in Started: 15 minutes earlier, later") },
};

static size_t intake_help_more(struct pane *p, size_t i, const char **keys,
			       const char **text)
{
	(void)p;
	if (keys && i < sizeof intake_more / sizeof intake_more[0]) {
		*keys = intake_more[i].keys;
		*text = intake_more[i].text;
	}
	return sizeof intake_more / sizeof intake_more[0];
}

static void intake_done(struct pane *p)
{
	struct intake *in = st(p);
	lineedit_free(&in->query);
	lineedit_free(&in->note);
	free(in->matches);
	free(in);
	p->state = NULL;
}

static const struct pane_ops intake_ops = {
	.update = intake_update,
	.draw = intake_draw,
	.handle = intake_handle,
	.wants_text = intake_wants_text,
	.cursor = intake_cursor,
	.help = intake_help,
	.help_more = intake_help_more,
	.done = intake_done,
};

struct pane *intake_pane_new(struct desk *d)
{
	struct pane *p;
	struct intake *in = xcalloc(1, sizeof *in);
	in->d = d;
	in->field = FIELD_CHANNEL;
	in->cur_y = in->cur_x = -1;
	lineedit_init(&in->query, 64);
	lineedit_init(&in->note, NOTE_MAX);
	lineedit_set(&in->note, d->c->note);
	in->seen_gen = d->gen - 1;	/* draw at once */
	p = registry_pane_new(PANE_INTAKE, &intake_ops, in);
	return p;
}
