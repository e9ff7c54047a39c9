/* desk_priv: what the desk's modules (desk, desk_message, desk_later)
 * share and the panes do not see: the statistics file opened on demand,
 * the words of its failures, the journal's end and the fresh
 * contact after a save, and the status message's lifetime. */
#ifndef NEUVOO_PANES_DESK_PRIV_H
#define NEUVOO_PANES_DESK_PRIV_H

#include "panes/desk.h"

/* Open the statistics file when it is not; on failure the message says
 * why. */
bool desk_open_stats(struct desk *d);
/* err without the desk file's path in front (the status line has room
 * for what is wrong, not for the path). */
const char *desk_reason(const struct desk *d, const char *err);
/* The session's draft out of the journal. */
void desk_clear_draft(struct desk *d);
/* After a save or a correction: a fresh contact with the sticky channel
 * and language, today's counts again. */
void desk_fresh_after_save(struct desk *d);
/* F2 on a contact opened for correcting (desk_later.c). */
enum desk_result desk_save_correction(struct desk *d);
/* The message's lifetime (desk_message.c): none; the contact changed;
 * the UI language changed. */
void desk_message_clear(struct desk *d);
void desk_message_follow(struct desk *d);
void desk_message_relang(struct desk *d);

#endif
