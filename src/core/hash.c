/* hash: see hash.h. The FNV-1a offset bases and primes of the published
 * algorithm, in both widths. */
#include <config.h>

#include <string.h>

#include "core/hash.h"

uint32_t hash32(const void *p, size_t n)
{
	const unsigned char *s = p;
	uint32_t h = 2166136261u;
	while (n--) {
		h ^= *s++;
		h *= 16777619u;
	}
	return h;
}

uint64_t hash64(const void *p, size_t n)
{
	const unsigned char *s = p;
	uint64_t h = 1469598103934665603ULL;
	while (n--) {
		h ^= *s++;
		h *= 1099511628211ULL;
	}
	return h;
}

uint64_t hash64_str(const char *s)
{
	return hash64(s, strlen(s));
}
