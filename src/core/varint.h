/* varint: the posting lists' numbers, 7 bits a byte, low bits first, the
 * high bit set on every byte but the last. Written by the search index's
 * build (search_build, termindex) and read by its queries, over lists
 * that may come from a mapped file: a read never passes the list's end. */
#ifndef NEUVOO_VARINT_H
#define NEUVOO_VARINT_H

#include <stddef.h>
#include <stdint.h>

static inline size_t varint_len(uint32_t v)
{
	size_t n = 1;
	while (v >= 0x80) {
		v >>= 7;
		n++;
	}
	return n;
}

/* Writes v at buf[*at], moving *at past it (varint_len(v) bytes). */
static inline void varint_put(uint8_t *buf, uint32_t *at, uint32_t v)
{
	while (v >= 0x80) {
		buf[(*at)++] = (uint8_t)(v | 0x80);
		v >>= 7;
	}
	buf[(*at)++] = (uint8_t)v;
}

/* Reads the number at *p (*p < end), moving *p past it; a number cut by
 * end, or longer than 32 bits, ends there. */
static inline uint32_t varint_get(const uint8_t **p, const uint8_t *end)
{
	const uint8_t *q = *p;
	uint32_t v = *q & 0x7F;
	unsigned shift = 7;
	while ((*q++ & 0x80) && q < end && shift < 32) {
		v |= (uint32_t)(*q & 0x7F) << shift;
		shift += 7;
	}
	*p = q;
	return v;
}

#endif
