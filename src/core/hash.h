/* hash: the one string hash of neuvoo, FNV-1a (Fowler-Noll-Vo), for the
 * in-memory tables (the catalogue loader's caches, word sets, id maps).
 * Not for anything an adversary could aim at beyond slowing a look-up:
 * every table using it probes linearly and stays at most half full. */
#ifndef NEUVOO_HASH_H
#define NEUVOO_HASH_H

#include <stddef.h>
#include <stdint.h>

/* 32-bit FNV-1a of n bytes. */
uint32_t hash32(const void *p, size_t n);
/* 64-bit FNV-1a of n bytes, and of a NUL-terminated string. */
uint64_t hash64(const void *p, size_t n);
uint64_t hash64_str(const char *s);

#endif
