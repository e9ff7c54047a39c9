/* desk: see desk.h.
 *
 * Design: one place owns the contact and every write to the statistics
 * file, so that the panes only ask for changes and the journal always
 * follows them. Failures of the statistics file never stop the desk: the
 * draft stays in memory, the message says what is wrong, and the next
 * save tries the file again. */
#include <config.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/catalogue_publish.h"
#include "core/err.h"
#include "core/defaults.h"
#include "core/i18n.h"
#include "core/paths.h"
#include "core/privacy.h"
#include "core/search_index.h"
#include "panes/desk_priv.h"

static time_t real_clock(void)
{
	return time(NULL);
}

/* A contact's summary naming its service as the advisor saw it. */
char *desk_named_summary(const struct desk *d, const struct contact *c)
{
	const char *name = NULL;
	size_t i;
	if (d->cat && c->redirect_service)
		for (i = 0; i < d->cat->n_services && !name; i++)
			if (d->cat->services[i].id
			    && !strcmp(d->cat->services[i].id, c->redirect_service))
				name = catalogue_text(&d->cat->services[i].name, i18n_lang());
	return contact_summary_named(c, name);
}

struct tm desk_now(const struct desk *d)
{
	time_t t = d->clock();
	struct tm tm;
	localtime_r(&t, &tm);
	return tm;
}

long desk_minute(const struct desk *d)
{
	return (long)(d->clock() / 60);
}

void desk_refresh_counts(struct desk *d)
{
	char *err = NULL;
	int counts[TOPIC__N], n = 0, i;

	date_format(d->clock(), d->today);
	if (!d->stats)
		return;
	memset(counts, 0, sizeof counts);
	if (stats_count_day(d->stats, d->today, &n, counts, &err) != 0) {
		err_free(&err);
		return;
	}
	if (n != d->today_count || memcmp(counts, d->topic_counts, sizeof counts)) {
		d->today_count = n;
		for (i = 0; i < TOPIC__N; i++)
			d->topic_counts[i] = counts[i];
		d->count_gen++;
	}
}

struct desk *desk_new(struct catalogue *cat, struct stats *stats,
		      const char *desk_name, const struct contact_defaults *df)
{
	struct desk *d = xcalloc(1, sizeof *d);
	d->cat = cat;
	d->search = NULL;	/* built when first needed: desk_search() */
	d->stats = stats;
	d->desk_name = xstrdup(desk_name ? desk_name : "desk");
	if (df)
		d->defaults = *df;
	else
		contact_defaults_init(&d->defaults);
	d->default_language = xstrdup(d->defaults.language ? d->defaults.language : DEFAULT_LANGUAGE);
	d->defaults.language = d->default_language;
	d->c = contact_new(&d->defaults);
	d->fresh = d->defaults;
	d->fresh_language = xstrdup(d->default_language);
	d->fresh.language = d->fresh_language;
	d->clock = real_clock;
	d->message_seconds = DEFAULT_MESSAGE_SECONDS;
	d->backdate_days = DEFAULT_BACKDATE_DAYS;
	d->want_pane = d->want_field = -1;
	desk_refresh_counts(d);
	return d;
}

void desk_free(struct desk **dp)
{
	struct desk *d;
	if (!dp || !*dp)
		return;
	d = *dp;
	search_free(&d->search);
	catalogue_free(&d->cat);
	stats_close(&d->stats);
	contact_free(&d->c);
	free(d->desk_name);
	free(d->message);
	free(d->catalogue_path);
	free(d->stats_path);
	free(d->default_language);
	free(d->fresh_language);
	free(d->stats_desk);
	free(d->stats_advisor);
	free(d->stats_group);
	stats_session_free(&d->session);
	privacy_allow_free(&d->allow);
	free(d->journal_note);
	free(d->correcting);
	free(d);
	*dp = NULL;
}

/* The words of the descriptions, before an index is completed. Without
 * them the filter still finds names, keywords, organisations and topics. */
static void load_words(struct desk *d)
{
	char *err = NULL;
	if (d->cat && d->cat->words_pending &&
	    catalogue_load_words(d->cat, &err) != 0) {
		desk_message(d, true, _("The services' descriptions cannot be read, the filter looks only at names and keywords: %s"),
			     err);
		err_free(&err);
	}
}

struct search *desk_search(struct desk *d)
{
	if (d->defer_search)
		return NULL;	/* the first screen comes first */
	if (!d->search && d->cat) {
		/* The index published with the catalogue, shared by every
		 * session; without one (or a bad one) the desk builds its own. */
		char *warn = NULL;
		d->search_warned = false;
		d->search = search_open(d->cat, i18n_lang(), &warn);
		if (warn) {
			desk_message(d, true, "%s", warn);
			err_free(&warn);
		}
	}
	if (!d->words_later && !search_is_mapped(d->search))
		load_words(d);
	return d->search;
}

void desk_search_warning(struct desk *d)
{
	const char *w = search_warning(d->search);
	if (!w || d->search_warned)
		return;
	d->search_warned = true;
	if (!d->message)
		desk_message(d, true, "%s", w);
}

bool desk_start_step(struct desk *d)
{
	if (d->defer_search) {
		/* The display order is all the list needs. */
		d->defer_search = false;
		d->words_later = true;
		return desk_search(d) != NULL;	/* the list shows next */
	}
	d->words_later = false;
	if (!search_is_mapped(d->search))
		load_words(d);	/* a mapped index has them already */
	search_complete(d->search);
	desk_search_warning(d);
	return false;
}

bool desk_has_content(const struct desk *d)
{
	return d->correcting || contact_has_content(d->c, &d->fresh);
}

/* After a save or a new contact: the sticky values are the fresh ones. */
static void remember_fresh(struct desk *d)
{
	free(d->fresh_language);
	d->fresh_language = xstrdup(d->c->language);
	d->fresh.language = d->fresh_language;
	d->fresh.channel = d->c->channel;
}

/* The configured code, else the contract's default already in place. */
static int pick(enum code_list list, const char *code, int fallback)
{
	int i = code ? codes_find(list, code) : -1;
	return i >= 0 ? i : fallback;
}

/* The reason in a message about the desk's own statistics file, without
 * the file's path in front: an 80-column status line has room for what is
 * wrong, not for the path as well. */
const char *desk_reason(const struct desk *d, const char *err)
{
	size_t n = d->stats_path ? strlen(d->stats_path) : 0;
	if (err && n && !strncmp(err, d->stats_path, n) && !strncmp(err + n, ": ", 2))
		return err + n + 2;
	return err;
}

/* Try to open the statistics file; on failure the message says why. */
bool desk_open_stats(struct desk *d)
{
	char *err = NULL;
	if (d->stats)
		return true;
	if (!d->stats_path)
		return false;
	if (stats_open(&d->stats, d->stats_path, &d->sopts, &err) != 0) {
		desk_message(d, true, _("Statistics cannot be written: %s"), desk_reason(d, err));
		err_free(&err);
		d->stats = NULL;
		return false;
	}
	return true;
}

/* with_stats false: training, where statistics are never opened (no
 * statistics path at all, so no save, undo or draft journal can reach
 * them). */
static int open_desk(const struct config *cfg, struct desk **out,
		     bool with_stats, char **err)
{
	struct catalogue *cat = NULL;
	struct contact_defaults df;
	struct desk *d;
	char *path, *name, *dir, *file;
	struct contact *draft = NULL;
	char *e = NULL;

	*out = NULL;
	if (catalogue_ensure(cfg, err) != 0)
		return EXIT_RUNTIME;
	if (cfg->catalogue)
		path = xstrdup(cfg->catalogue);
	else {
		char *home = paths_data_home();
		path = xasprintf("%s/neuvoo/catalogue.db", home);
		free(home);
	}
	if (catalogue_open_lean(path, &cat, err) != 0) {
		free(path);
		return EXIT_RUNTIME;
	}
	name = cfg->desk && *cfg->desk ? xstrdup(cfg->desk) : paths_hostname();
	contact_defaults_init(&df);
	df.channel = pick(CODES_CHANNEL, cfg->default_channel, df.channel);
	df.interpreter = pick(CODES_INTERPRETER, cfg->default_interpreter, df.interpreter);
	df.outcome = pick(CODES_OUTCOME, cfg->default_outcome, df.outcome);
	if (cfg->default_language && *cfg->default_language)
		df.language = cfg->default_language;
	d = desk_new(cat, NULL, name, &df);
	/* The first screen comes before the search index; the screen asks
	 * for the index right after it (desk_ui). */
	d->defer_search = true;
	d->catalogue_path = path;
	if (!with_stats) {
		free(name);
		*out = d;
		return 0;
	}
	if (cfg->stats_dir)
		dir = xstrdup(cfg->stats_dir);
	else {
		char *state = paths_state_home();
		dir = xasprintf("%s/neuvoo/stats", state);
		free(state);
	}
	/* The user's own file for this desk: nobody else ever writes it. */
	{
		char *user = paths_user_name();
		file = stats_file_name(name, user);
		free(user);
	}
	d->stats_path = paths_join(dir, file);
	free(file);
	free(dir);
	free(name);
	d->stats_desk = xstrdup(d->desk_name);
	d->stats_advisor = xstrdup(cfg->advisor);
	d->stats_group = xstrdup(cfg->group);
	d->sopts.desk = d->stats_desk;
	d->sopts.advisor = d->stats_advisor;
	d->sopts.group = d->stats_group;
	d->session = stats_session_new();
	d->sopts.session = d->session;
	d->sopts.undo_minutes = cfg->undo_minutes;
	d->backdate_days = cfg->backdate_days;
	/* note-retention-days = 0 keeps no note at all. */
	d->sopts.note_retention_days = cfg->note_retention_days > 0
				       ? cfg->note_retention_days : STATS_NOTES_NONE;
	if (desk_open_stats(d)) {
		desk_refresh_counts(d);
		if (stats_draft_get(d->stats, &draft, &e) == 0 && draft) {
			contact_free(&d->c);
			d->c = draft;
			if (contact_has_content(d->c, &d->defaults)) {
				char *when = NULL;
				if (!d->c->started_at
				    || i18n_format_time(d->c->started_at, &when) != 0) {
					free(when);
					when = xstrdup("?");
				}
				d->restored = true;
				stats_log_event(d->stats, "draft-restored", NULL, NULL, NULL);
				desk_message(d, false,
					     _("Restored the unsaved contact started at %s: F2 saves it, F3 discards it."),
					     when);
				free(when);
			}
		} else if (e) {
			desk_message(d, true, _("The unsaved contact could not be restored: %s"), e);
			err_free(&e);
		}
	}
	*out = d;
	return 0;
}

int desk_open(const struct config *cfg, struct desk **out, char **err)
{
	return open_desk(cfg, out, true, err);
}

int desk_open_training(const struct config *cfg, struct desk **out,
		       char **err)
{
	return open_desk(cfg, out, false, err);
}

static void allow_phone(void *arg, const char *number)
{
	privacy_allow_add(arg, number);
}

int desk_note_check(struct desk *d, const char *note, char **why)
{
	/* The catalogue's phone numbers (megabytes at 100,000 services) are
	 * read only for a note that could name one: a plain note needs none. */
	if (d->allow_gen != d->cat_gen + 1 && note && !privacy_plain(note)) {
		char *err = NULL;
		privacy_allow_free(&d->allow);
		d->allow = privacy_allow_new();
		/* Unreadable numbers only make the guard stricter. */
		if (catalogue_each_phone(d->cat, allow_phone, d->allow, &err) != 0)
			err_free(&err);
		d->allow_gen = d->cat_gen + 1;
	}
	return privacy_check(note, d->allow, why);
}

/* quiet: a message already says what is wrong; keep it.
 * A note the guard refuses never reaches the file: the draft is
 * journalled with the note it had when it last passed (kept in
 * journal_note), and the refused text lives only in memory. */
static void journal(struct desk *d, bool quiet)
{
	char *err = NULL, *typed = NULL;
	int rc;
	/* A failed save closes the handle: reopen it, so that the draft
	 * still reaches the file when it can (a full disk can have room
	 * again once the closed handle's log was checkpointed). */
	if (!d->stats && d->stats_path
	    && stats_open(&d->stats, d->stats_path, &d->sopts, &err) != 0) {
		err_free(&err);
		d->stats = NULL;
		d->journal_failed = true;
		return;
	}
	/* A correction is not journalled: its contact is saved already,
	 * and stands as it was if the desk ends now. */
	if (!d->stats || d->correcting)
		return;
	if (desk_note_check(d, d->c->note, NULL) != 0) {
		typed = d->c->note;
		d->c->note = d->journal_note;
	} else {
		free(d->journal_note);
		d->journal_note = xstrdup(d->c->note);
	}
	rc = stats_draft_put(d->stats, d->c, &err);
	if (typed)
		d->c->note = typed;
	if (rc != 0) {
		if (!d->journal_failed && !quiet)
			desk_message(d, true, _("The draft cannot be journalled: %s"), desk_reason(d, err));
		d->journal_failed = true;
		err_free(&err);
	} else
		d->journal_failed = false;
}

void desk_journal(struct desk *d)
{
	journal(d, false);
}

void desk_changed(struct desk *d)
{
	d->gen++;
	desk_journal(d);
	desk_message_follow(d);
}

void desk_touch(struct desk *d)
{
	if (d->c->started_at == 0) {
		contact_touch(d->c, d->clock());
		desk_changed(d);
	}
}

void desk_clear_draft(struct desk *d)
{
	char *err = NULL;
	if (d->stats && stats_draft_clear(d->stats, &err) != 0)
		err_free(&err);
	d->restored = false;
	free(d->journal_note);
	d->journal_note = NULL;
}

bool desk_reload_if_changed(struct desk *d)
{
	struct catalogue *cat = NULL;
	char *err = NULL;
	if (!d->cat || !catalogue_changed(d->cat))
		return false;
	if (catalogue_open_lean(d->cat->path, &cat, &err) != 0) {
		desk_message(d, true, _("The new catalogue cannot be loaded, the old one stays: %s"), err);
		err_free(&err);
		return false;
	}
	search_free(&d->search);
	catalogue_free(&d->cat);
	d->cat = cat;
	d->cat_gen++;
	return true;
}

enum desk_result desk_check(struct desk *d)
{
	struct contact *c = d->c;
	enum contact_missing m;
	char *why = NULL;

	d->want_pane = d->want_field = -1;
	if (desk_note_check(d, c->note, &why) != 0) {
		desk_note_warning(d, why);
		free(why);
		d->want_pane = PANE_INTAKE;
		d->want_field = FIELD_NOTE;
		return DESK_INVALID;
	}
	m = contact_validate(c);
	if (m != CONTACT_OK) {
		/* TRANSLATORS: %s says what is missing, e.g. "tick at least
		 * one topic". */
		desk_message(d, true, _("Not saved: %s."), contact_missing_text(m));
		d->message_life = DESK_LIFE_CAUSE;
		d->message_cause = (int)m;
		switch (m) {
		case CONTACT_NO_CHANNEL:
			d->want_pane = PANE_INTAKE;
			d->want_field = FIELD_CHANNEL;
			break;
		case CONTACT_NO_LANGUAGE:
			d->want_pane = PANE_INTAKE;
			d->want_field = FIELD_LANGUAGE;
			break;
		case CONTACT_NO_TOPIC:
			d->want_pane = PANE_TOPICS;
			break;
		default:
			d->want_pane = PANE_REDIRECT;
			break;
		}
		return DESK_INVALID;
	}
	return DESK_OK;
}

/* After a save or a correction: a fresh contact with the sticky
 * channel and language. */
void desk_fresh_after_save(struct desk *d)
{
	d->unsaved_error = false;
	free(d->correcting);
	d->correcting = NULL;
	contact_reset_sticky(d->c, &d->defaults);
	remember_fresh(d);
	desk_clear_draft(d);
	desk_refresh_counts(d);
}

enum desk_result desk_save(struct desk *d)
{
	struct contact *c = d->c;
	char *err = NULL, *summary;
	bool reloaded;

	if (desk_check(d) != DESK_OK)
		return DESK_INVALID;
	if (d->correcting)
		return desk_save_correction(d);
	if (c->started_at == 0)
		contact_touch(c, d->clock());
	c->ended_at = d->clock();
	if (!desk_open_stats(d)) {
		c->ended_at = 0;
		d->unsaved_error = true;
		return DESK_FAILED;
	}
	if (stats_save(d->stats, c, &err) != 0) {
		desk_message(d, true, _("Not saved, the contact is kept (F2 tries again): %s"), desk_reason(d, err));
		err_free(&err);
		c->ended_at = 0;
		free(c->id);
		c->id = NULL;
		d->unsaved_error = true;
		/* A broken handle is reopened at the next try. The journal
		 * may have failed too (the disk filled up while typing):
		 * write the draft again, so a kill now loses nothing. */
		stats_close(&d->stats);
		if (d->journal_failed)
			journal(d, true);
		return DESK_FAILED;
	}
	summary = desk_named_summary(d, c);
	if (c->backdated) {
		char *when = NULL, *s;
		if (i18n_format_datetime(c->started_at, &when) == 0) {
			/* TRANSLATORS: a save's summary of a contact whose
			 * start was set afterwards; %s is its date and time. */
			s = xasprintf(_("%s, backdated to %s"), summary, when);
			free(summary);
			summary = s;
		}
		free(when);
	}
	desk_fresh_after_save(d);
	reloaded = desk_reload_if_changed(d);
	if (!reloaded || !d->message_error)
		desk_message(d, false, reloaded ? _("Saved: %s. The catalogue was updated.")
						: _("Saved: %s."), summary);
	free(summary);
	d->gen++;
	return DESK_OK;
}

void desk_new_contact(struct desk *d)
{
	bool had = desk_has_content(d), left = d->correcting != NULL;
	free(d->correcting);
	d->correcting = NULL;
	if (left)
		had = false;	/* the saved contact stands: nothing discarded */
	if (had && d->stats)
		stats_log_event(d->stats, "draft-discarded", NULL, NULL, NULL);
	contact_reset_sticky(d->c, &d->defaults);
	remember_fresh(d);
	desk_clear_draft(d);
	d->unsaved_error = false;
	d->want_pane = d->want_field = -1;
	if (desk_reload_if_changed(d))
		desk_message(d, false, _("New contact. The catalogue was updated."));
	else if (left)
		desk_message(d, false, "%s", _("New contact: the corrected contact stays as it was saved."));
	else
		desk_message(d, false, had ? _("New contact: the draft was discarded.")
					   : _("New contact."));
	d->gen++;
}

void desk_reset_contact(struct desk *d)
{
	contact_free(&d->c);
	d->c = contact_new(&d->defaults);
	free(d->fresh_language);
	d->fresh = d->defaults;
	d->fresh_language = xstrdup(d->default_language);
	d->fresh.language = d->fresh_language;
	free(d->correcting);
	d->correcting = NULL;
	desk_clear_draft(d);
	d->unsaved_error = false;
	d->want_pane = d->want_field = -1;
	d->gen++;
}

enum desk_result desk_undo(struct desk *d)
{
	struct contact *undone = NULL;
	char *err = NULL, *summary;
	int rc;

	if (!desk_open_stats(d))
		return DESK_FAILED;
	rc = stats_undo_last(d->stats, d->clock(), &undone, &err);
	if (rc < 0) {
		desk_message(d, true, _("Cannot undo: %s"), desk_reason(d, err));
		err_free(&err);
		return DESK_FAILED;
	}
	if (rc > 0) {
		desk_message(d, false, "%s", err ? err : _("Nothing to undo."));
		err_free(&err);
		contact_free(&undone);
		return DESK_NOTHING;
	}
	summary = undone ? desk_named_summary(d, undone) : xstrdup("");
	if (undone && !desk_has_content(d)) {
		/* Back into the form, to be corrected and saved anew. */
		free(undone->id);
		undone->id = NULL;
		undone->ended_at = 0;
		contact_free(&d->c);
		d->c = undone;
		undone = NULL;
		desk_message(d, false, _("Undone: %s. It is back in the form to correct."), summary);
		desk_changed(d);
	} else {
		desk_message(d, false, _("Undone: %s."), summary);
		d->gen++;
	}
	free(summary);
	contact_free(&undone);
	desk_refresh_counts(d);
	return DESK_OK;
}

void desk_next_language(struct desk *d)
{
	i18n_set_lang(i18n_next_lang());
	/* Ties in the search break by name in the UI language. */
	search_free(&d->search);
	desk_message_relang(d);
	d->lang_gen++;
}

void desk_set_redirect(struct desk *d, size_t service, int reason, int outcome)
{
	if (!d->cat || service >= d->cat->n_services)
		return;
	contact_set_redirect(d->c, d->cat->services[service].id);
	d->c->redirect_reason = reason;
	d->c->outcome = outcome;
	contact_touch(d->c, d->clock());
	desk_changed(d);
}

void desk_set_interpreter(struct desk *d, size_t resource, int interpreter,
			  const char *lang)
{
	if (!d->cat || resource >= d->cat->n_resources)
		return;
	free(d->c->interpreter_resource);
	d->c->interpreter_resource = xstrdup(d->cat->resources[resource].id);
	d->c->interpreter = interpreter;
	if (lang && *lang)
		contact_set_language(d->c, lang);
	contact_touch(d->c, d->clock());
	desk_changed(d);
}

static int *field_ptr(struct contact *c, enum desk_field f)
{
	switch (f) {
	case FIELD_CHANNEL: return &c->channel;
	case FIELD_INTERPRETER: return &c->interpreter;
	case FIELD_DISCOVERY: return &c->discovery;
	case FIELD_OUTCOME: return &c->outcome;
	case FIELD_AGE: return &c->age_band;
	case FIELD_GENDER: return &c->gender;
	case FIELD_LIFE: return &c->life_situation;
	case FIELD_PEOPLE: return &c->people;
	default: return NULL;
	}
}

int desk_get_field(const struct desk *d, enum desk_field f)
{
	int *p = field_ptr(d->c, f);
	return p ? *p : -1;
}

void desk_set_field(struct desk *d, enum desk_field f, int value)
{
	int *p = field_ptr(d->c, f);
	if (!p || *p == value)
		return;
	*p = value;
	if (f == FIELD_OUTCOME) {
		const char *code = codes_code(CODES_OUTCOME, value);
		if (!code || (strcmp(code, "redirected") && strcmp(code, "consulted"))) {
			contact_set_redirect(d->c, NULL);
			d->c->redirect_reason = -1;
		}
	}
	if (f == FIELD_INTERPRETER && value == codes_find(CODES_INTERPRETER, "none")) {
		free(d->c->interpreter_resource);
		d->c->interpreter_resource = NULL;
	}
	contact_touch(d->c, d->clock());
	desk_changed(d);
}

void desk_set_people(struct desk *d, int n)
{
	if (n < 1)
		n = 1;
	if (n > DESK_PEOPLE_MAX)
		n = DESK_PEOPLE_MAX;
	if (d->c->people == n)
		return;
	d->c->people = n;
	contact_touch(d->c, d->clock());
	desk_changed(d);
}

void desk_toggle_topic(struct desk *d, int topic)
{
	if (topic < 0 || topic >= TOPIC__N)
		return;
	d->c->topics ^= (topic_set)1u << topic;
	contact_touch(d->c, d->clock());
	desk_changed(d);
}

const char *desk_draft_state(const struct desk *d)
{
	if (d->unsaved_error)
		/* TRANSLATORS: draft states in the status line; short. */
		return _("not saved");
	if (d->correcting)
		return _("correcting");
	if (!desk_has_content(d))
		return _("new");
	if (d->restored)
		return _("restored");
	return _("editing");
}
