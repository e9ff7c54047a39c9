/* dialog: overlays that show text and ask something: a yes/no question,
 * or a form of choice fields (the redirect's reason and outcome, the
 * interpreting modality) under a scrolling body of details.
 *
 * Keys (keymap context "dialog"): confirm/choose accepts, refuse/cancel
 * goes back, up/down move between fields (or scroll the body when there
 * are none), left/right change a choice, a letter jumps to the choice that
 * starts with it, PgUp/PgDn scroll the body. */
#ifndef NEUVOO_UI_DIALOG_H
#define NEUVOO_UI_DIALOG_H

#include <stdbool.h>
#include <stddef.h>

#include "ui/overlay.h"

struct dialog;

/* accepted: true for confirm; values: each field's choice index. */
typedef void (*dialog_done_fn)(void *ctx, bool accepted, const int *values);

/* title: translated text. */
struct dialog *dialog_new(const char *title);
/* A paragraph of the body, wrapped to the width. label may be NULL; the
 * value is data (sanitized here). */
void dialog_add_text(struct dialog *d, const char *label, const char *value);
/* A blank line in the body. */
void dialog_add_gap(struct dialog *d);
/* A choice field; options are translated labels (copied). */
void dialog_add_choice(struct dialog *d, const char *label,
		       const char *const *options, size_t n, int value);
/* What happens at the end; ctx_free (may be NULL) frees ctx afterwards. */
void dialog_on_done(struct dialog *d, dialog_done_fn fn, void *ctx,
		    void (*ctx_free)(void *));
/* The overlay to push (takes the dialog over). */
struct overlay *dialog_overlay(struct dialog *d);

/* Free a dialog that was never shown (its done function is not called). */
void dialog_discard(struct dialog *d);

/* A yes/no question as an overlay. */
struct overlay *dialog_confirm(const char *question, dialog_done_fn fn,
			       void *ctx, void (*ctx_free)(void *));

/* For tests: the dialog behind an overlay, its field values, and how many
 * body rows it has at a width. */
struct dialog *dialog_of(struct overlay *o);
int dialog_value(const struct dialog *d, size_t field);
size_t dialog_fields(const struct dialog *d);
size_t dialog_field_focus(const struct dialog *d);

#endif
