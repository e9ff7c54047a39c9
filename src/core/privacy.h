/* privacy: the personal-data guard for the optional note of a contact.
 *
 * Statistics are anonymous by design; the free-text note is the one place
 * where personal data could slip in. The guard refuses a note holding a
 * Finnish personal identity code (henkilötunnus, only when its check
 * character is right, so ordinary numbers pass), an e-mail address or a
 * phone number, and says which. It looks through the usual disguises:
 * other dashes and spaces, full-width forms, "(at)", " at ", " dot ".
 * The desk checks a note before it is journalled: a refused note never
 * reaches a file. */
#ifndef NEUVOO_PRIVACY_H
#define NEUVOO_PRIVACY_H

#include <stdbool.h>
#include <stddef.h>

/* Phone numbers that may stand in a note: those of the services in the
 * loaded catalogue ("soitti 09 310 11111" names a service, not a
 * person). Numbers are compared by their digits in national form
 * ("+358 9 310 11111" = "09 31011111"). */
struct privacy_allow;
struct privacy_allow *privacy_allow_new(void);
void privacy_allow_add(struct privacy_allow *a, const char *number);
void privacy_allow_free(struct privacy_allow **a);

/* 0 when the note may be stored (NULL and "" included); -1 when it holds
 * personal data, with *why set to one translated line saying what was found
 * and what to do. allow may be NULL. */
int privacy_check(const char *note, struct privacy_allow *allow, char **why);

/* privacy_check() with no allow-list. */
int privacy_check_note(const char *note, char **why);

/* The note as the scanners see it (a new string): dashes and minus signs
 * as '-', every kind of space as one ' ', full-width forms and other
 * scripts' digits as ASCII, invisible format characters dropped, "(at)",
 * "[at]", " at " between words as '@' and "(dot)", " dot " as '.'. */
char *privacy_fold(const char *note);

/* True when the folded note has no digit and no '@': a note still being
 * typed that is plain may be journalled at once, while one with numbers
 * could be the first part of an identity code or phone number and waits
 * until it is complete (the advisor leaves the field). */
bool privacy_plain(const char *note);

/* True when s[0..11) is a valid identity code DDMMYYCZZZQ: a real date,
 * a century sign (+; - Y X W V U; A B C D E F), an individual number
 * 002-999 and the right check character. Lower-case letters are accepted. */
bool privacy_is_identity_code(const char *s);

/* The check character of the 9-digit number DDMMYYZZZ. */
char privacy_check_char(unsigned long ddmmyyzzz);

#endif
