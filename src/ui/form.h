/* form: an overlay of labelled one-line text fields (and read-only
 * lines) that the save key submits: the callback ticket's phone, e-mail,
 * assignee, note and due time, the queue's "pass to". The caller checks
 * the values; a refusal keeps the form open with its message and the
 * focus on the field it names, so nothing typed is lost.
 *
 * Keys (context "dialog", then the global ones): text goes to the focused
 * field; Up/Down, Enter and Tab move between fields; save (F2) submits;
 * refuse/cancel (Esc) closes without submitting. */
#ifndef NEUVOO_UI_FORM_H
#define NEUVOO_UI_FORM_H

#include <stdbool.h>
#include <stddef.h>

#include "ui/overlay.h"

struct form;

/* values: each text field's text, in the order added. 0: accepted (the
 * form closes); else the form stays with *err shown, focused on field
 * *focus when that is >= 0. */
typedef int (*form_submit_fn)(void *ctx, const char *const *values,
			      int *focus, char **err);

/* title, labels: translated text. */
struct form *form_new(const char *title);
/* A text field with a first value (data: sanitised when drawn) of at most
 * max bytes; its index among the fields. */
size_t form_add_field(struct form *f, const char *label, const char *value,
		      size_t max);
/* A read-only line (value is data). */
void form_add_info(struct form *f, const char *label, const char *value);
/* A line of help under the fields (translated). */
void form_set_hint(struct form *f, const char *hint);
void form_on_submit(struct form *f, form_submit_fn fn, void *ctx,
		    void (*ctx_free)(void *));
/* The overlay to push (takes the form over). */
struct overlay *form_overlay(struct form *f);

/* For tests: the form behind an overlay, a field's text, the message. */
struct form *form_of(struct overlay *o);
const char *form_value(const struct form *f, size_t field);
const char *form_message(const struct form *f);
size_t form_focus(const struct form *f);

#endif
