/* lineedit: see lineedit.h. The cursor moves by whole characters: a
 * combining mark travels with the letter before it. */
#include <config.h>

#include <stdlib.h>
#include <string.h>
#include <unistr.h>
#include <uniwidth.h>

#include "core/err.h"
#include "ui/draw.h"
#include "ui/lineedit.h"

void lineedit_init(struct lineedit *e, size_t max)
{
	e->cap = 32;
	e->buf = xcalloc(1, e->cap);
	e->len = e->cur = 0;
	e->max = max;
}

void lineedit_free(struct lineedit *e)
{
	free(e->buf);
	e->buf = NULL;
	e->len = e->cap = e->cur = 0;
}

static void reserve(struct lineedit *e, size_t need)
{
	if (need + 1 <= e->cap)
		return;
	while (e->cap < need + 1)
		e->cap *= 2;
	e->buf = xrealloc(e->buf, e->cap);
}

static bool insert(struct lineedit *e, ucs4_t uc);

/* Only printable characters get in, whatever the source (a restored
 * draft comes from a file). */
void lineedit_set(struct lineedit *e, const char *s)
{
	size_t i = 0, n = s ? strlen(s) : 0;
	e->len = e->cur = 0;
	e->buf[0] = '\0';
	while (i < n) {
		ucs4_t uc;
		int k = u8_mbtouc(&uc, (const uint8_t *)s + i, n - i);
		if (keymap_key_printable((km_key)uc) && !insert(e, uc))
			break;
		i += k > 0 ? (size_t)k : 1;
	}
}

void lineedit_clear(struct lineedit *e)
{
	lineedit_set(e, "");
}

const char *lineedit_text(const struct lineedit *e)
{
	return e->buf ? e->buf : "";
}

bool lineedit_empty(const struct lineedit *e)
{
	return e->len == 0;
}

static ucs4_t char_at(const struct lineedit *e, size_t at)
{
	ucs4_t uc = 0;
	if (at < e->len)
		u8_mbtouc(&uc, (const uint8_t *)e->buf + at, e->len - at);
	return uc;
}

static int zero_width(ucs4_t uc)
{
	return uc && uc_width(uc, "UTF-8") == 0;
}

static size_t next_char(const struct lineedit *e, size_t at)
{
	ucs4_t uc;
	int n;
	if (at >= e->len)
		return e->len;
	n = u8_mbtouc(&uc, (const uint8_t *)e->buf + at, e->len - at);
	at += n > 0 ? (size_t)n : 1;
	while (at < e->len && zero_width(char_at(e, at))) {
		n = u8_mbtouc(&uc, (const uint8_t *)e->buf + at, e->len - at);
		at += n > 0 ? (size_t)n : 1;
	}
	return at;
}

static size_t prev_char(const struct lineedit *e, size_t at)
{
	do {
		if (at == 0)
			return 0;
		at--;
		while (at > 0 && ((unsigned char)e->buf[at] & 0xc0) == 0x80)
			at--;
	} while (at > 0 && zero_width(char_at(e, at)));
	return at;
}

static bool insert(struct lineedit *e, ucs4_t uc)
{
	uint8_t tmp[8];
	int n = u8_uctomb(tmp, uc, sizeof tmp);
	if (n <= 0 || (e->max && e->len + (size_t)n > e->max))
		return false;
	reserve(e, e->len + (size_t)n);
	memmove(e->buf + e->cur + n, e->buf + e->cur, e->len - e->cur + 1);
	memcpy(e->buf + e->cur, tmp, (size_t)n);
	e->len += (size_t)n;
	e->cur += (size_t)n;
	return true;
}

static void cut(struct lineedit *e, size_t from, size_t to)
{
	memmove(e->buf + from, e->buf + to, e->len - to + 1);
	e->len -= to - from;
	e->cur = from;
}

bool lineedit_key(struct lineedit *e, km_key key, bool *moved)
{
	size_t old = e->cur;
	if (moved)
		*moved = false;
	if (keymap_key_printable(key))
		return insert(e, (ucs4_t)key);
	switch (key) {
	case KM_BACKSPACE:
		if (e->cur == 0)
			return false;
		/* One code point, so that a wrong accent can be retyped. */
		{
			size_t at = e->cur - 1;
			while (at > 0 && ((unsigned char)e->buf[at] & 0xc0) == 0x80)
				at--;
			cut(e, at, e->cur);
		}
		return true;
	case KM_DELETE:
		if (e->cur >= e->len)
			return false;
		cut(e, e->cur, next_char(e, e->cur));
		return true;
	case KM_LEFT:
		e->cur = prev_char(e, e->cur);
		break;
	case KM_RIGHT:
		e->cur = next_char(e, e->cur);
		break;
	case KM_HOME:
		e->cur = 0;
		break;
	case KM_END:
		e->cur = e->len;
		break;
	default:
		return false;
	}
	if (moved)
		*moved = e->cur != old;
	return false;
}

static int width_of(const char *s, size_t n)
{
	size_t i = 0;
	int w = 0;
	while (i < n) {
		ucs4_t uc;
		int k = u8_mbtouc(&uc, (const uint8_t *)s + i, n - i);
		int cw = uc_width(uc, "UTF-8");
		if (cw > 0)
			w += cw;
		i += k > 0 ? (size_t)k : 1;
	}
	return w;
}

int lineedit_draw(const struct lineedit *e, WINDOW *w, int y, int x,
		  int width, attr_t attr)
{
	size_t start = 0;
	int before;
	if (width <= 0)
		return x;
	/* Scroll so that the cursor has a cell of its own at the right. */
	while (start < e->cur && width_of(e->buf + start, e->cur - start) > width - 1)
		start = next_char(e, start);
	before = width_of(e->buf + start, e->cur - start);
	ui_put_pad(w, y, x, width, e->buf + start, attr);
	return x + before;
}
