/* hash: see hash.h. The byte loops are inline there; this is what needs
 * the string's length first. */
#include <config.h>

#include <string.h>

#include "core/hash.h"

uint64_t hash64_str(const char *s)
{
	return hash64(s, strlen(s));
}
