/* privacy: the personal-data guard for the optional note of a contact.
 *
 * Statistics are anonymous by design; the free-text note is the one place
 * where personal data could slip in. The guard refuses a note holding a
 * Finnish personal identity code (henkilötunnus, only when its check
 * character is right, so ordinary numbers pass), an e-mail address or a
 * phone number, and says which. */
#ifndef NEUVOO_PRIVACY_H
#define NEUVOO_PRIVACY_H

#include <stdbool.h>
#include <stddef.h>

/* 0 when the note may be stored (NULL and "" included); -1 when it holds
 * personal data, with *why set to one translated line saying what was found
 * and what to do. */
int privacy_check_note(const char *note, char **why);

/* True when s[0..11) is a valid identity code DDMMYYCZZZQ: a real date,
 * a century sign (+; - Y X W V U; A B C D E F), an individual number
 * 002-999 and the right check character. Lower-case letters are accepted. */
bool privacy_is_identity_code(const char *s);

/* The check character of the 9-digit number DDMMYYZZZ. */
char privacy_check_char(unsigned long ddmmyyzzz);

#endif
