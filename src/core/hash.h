/* hash: the one string hash of neuvoo, FNV-1a (Fowler-Noll-Vo), for the
 * in-memory tables (the catalogue loader's caches, word sets, id maps).
 * Not for anything an adversary could aim at beyond slowing a look-up:
 * every table using it probes linearly and stays at most half full.
 *
 * The byte loops are inline: the catalogue loader hashes every repeated
 * cell of a catalogue while a desk starts. */
#ifndef NEUVOO_HASH_H
#define NEUVOO_HASH_H

#include <stddef.h>
#include <stdint.h>

#define HASH32_BASIS 2166136261u
#define HASH32_PRIME 16777619u
#define HASH64_BASIS 14695981039346656037ULL	/* 0xcbf29ce484222325 */
#define HASH64_PRIME 1099511628211ULL

/* 32-bit FNV-1a of n bytes. */
static inline uint32_t hash32(const void *p, size_t n)
{
	const unsigned char *s = p;
	uint32_t h = HASH32_BASIS;
	while (n--) {
		h ^= *s++;
		h *= HASH32_PRIME;
	}
	return h;
}

/* 64-bit FNV-1a of n bytes. */
static inline uint64_t hash64(const void *p, size_t n)
{
	const unsigned char *s = p;
	uint64_t h = HASH64_BASIS;
	while (n--) {
		h ^= *s++;
		h *= HASH64_PRIME;
	}
	return h;
}

/* 64-bit FNV-1a of n bytes from another starting value: a second,
 * independent hash of the same key (double hashing, id sets). */
static inline uint64_t hash64_seeded(const void *p, size_t n, uint64_t seed)
{
	const unsigned char *s = p;
	uint64_t h = seed;
	while (n--) {
		h ^= *s++;
		h *= HASH64_PRIME;
	}
	return h;
}

/* 64-bit FNV-1a of a NUL-terminated string. */
uint64_t hash64_str(const char *s);

#endif
