/* search_index: see search_index.h.
 *
 * File layout (little-endian as the machine writes it: the file is made
 * and read on one server):
 *
 *   header   magic "NEUVOIDX", format, number of sections, file size,
 *            services, the catalogue's publish id, a checksum of the
 *            section table
 *   table    per section: language, kind, offset, length, checksum
 *   sections each 64-byte aligned: per language the engine's scalars
 *            (counts, byte frequencies, heavy pairs) and its arrays, in
 *            enum sect order
 *
 * Reading maps the file (MAP_SHARED, PROT_READ: every session shares the
 * pages), checks the header and table, then the checksums of the one
 * language's sections it uses, then every count, offset and size against
 * the mapped lengths before the engine touches them; the engine's own
 * loops never step outside an array either (a bad position ends a list).
 * Anything wrong refuses the whole file with one message: the caller
 * builds in memory. */
#include <config.h>

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

#include "core/atomic.h"
#include "core/catalogue.h"
#include "core/catalogue_map.h"
#include "core/codes.h"
#include "core/err.h"
#include "core/hash.h"
#include "core/i18n.h"
#include "core/paths.h"
#include "core/search_impl.h"
#include "core/search_index.h"

#define MAGIC "NEUVOIDX"
#define ID_MAX 40
#define ALIGN 64

/* The languages an index is built for: the desk's UI languages. */
static const char *const index_langs[] = { "fi", "sv", "en" };
#define N_INDEX_LANGS (sizeof index_langs / sizeof index_langs[0])

struct header {
	char magic[8];
	uint32_t format;
	uint32_t nsect;
	uint64_t size;		/* of the whole file */
	uint64_t services;
	char publish_id[ID_MAX];	/* NUL-padded */
	/* The catalogue file as renamed into place (rename keeps these): a
	 * catalogue edited or replaced by other means than a publish keeps
	 * its publish id but not these, and then builds its own index. */
	uint64_t cat_ino, cat_size;
	int64_t cat_mtime_sec, cat_mtime_nsec;
	uint64_t table_sum;	/* checksum of the section table */
	/* Where the file is meant to be mapped: the service records'
	 * pointers are written for it (core/catalogue_map). */
	uint64_t map_base;
};

struct sect_entry {
	char lang[4];
	uint32_t kind;
	uint64_t off, len;
	uint64_t sum;
};

/* The engine's scalars, one section per language. */
struct scalars {
	uint64_t n, nw, vlen, nv, npairs, nnames, vpool_len, bpool_len;
	uint64_t tn, tlen, tpool_len, tndense, tnw;
	uint32_t byte_freq[256];
	int16_t pair_slot[N_LETTERS * N_LETTERS];
};

/* The table's first entry: the service records (no language). */
#define KIND_RECORDS 100u
#define N_SECT (1 + N_INDEX_LANGS * S__N)

enum sect {
	S_SCALARS, S_ORDER, S_VBUF, S_VOFF, S_VINFO, S_VPOOL, S_BPOOL,
	S_LETTER_M, S_LETTER_P, S_TOPIC, S_PAIR_M, S_PAIR_P, S_NAMES,
	S_TBUF, S_TOFF, S_TPOST, S_TPOOL, S_TDENSE, S_TBITS, S__N
};

/* A fast checksum: four FNV-like lanes over 64-bit words, so that
 * checking a language's 30 MB costs milliseconds, not tens of them. */
static uint64_t checksum(const void *p, size_t len)
{
	const unsigned char *b = p;
	uint64_t h[4] = { HASH64_BASIS, HASH64_BASIS ^ 1, HASH64_BASIS ^ 2,
			  HASH64_BASIS ^ 3 };
	size_t i = 0, k;
	for (; i + 32 <= len; i += 32)
		for (k = 0; k < 4; k++) {
			uint64_t w;
			memcpy(&w, b + i + 8 * k, 8);
			h[k] = (h[k] ^ w) * HASH64_PRIME;
		}
	for (; i < len; i++)
		h[0] = (h[0] ^ b[i]) * HASH64_PRIME;
	return (h[0] ^ (h[1] << 1) ^ (h[2] << 2) ^ (h[3] << 3)) ^ len;
}

/* Map the pages of [p, p + len) of a mapped file at once, before a
 * checksum reads them all anyway: one call instead of a page fault every
 * few pages. Only what is read: the other languages' pages stay out of
 * the session (its Pss). */
static void populate(const void *p, size_t len)
{
#ifdef MADV_POPULATE_READ
	uintptr_t a = (uintptr_t)p & ~(uintptr_t)4095;
	if (len)
		(void)madvise((void *)a, len + ((uintptr_t)p - a), MADV_POPULATE_READ);
#else
	(void)p;
	(void)len;
#endif
}

/* a * b, or UINT64_MAX when it overflows (no mapped length is that). */
static uint64_t mul(uint64_t a, uint64_t b)
{
	uint64_t r;
	return __builtin_mul_overflow(a, b, &r) ? UINT64_MAX : r;
}

/* The length each section must have, from the scalars. */
static void sect_lengths(const struct scalars *c, uint64_t len[S__N])
{
	len[S_SCALARS] = sizeof *c;
	len[S_ORDER] = mul(c->n, 4);
	len[S_VBUF] = c->vlen > UINT32_MAX ? UINT64_MAX : c->vlen + VPAD;
	len[S_VOFF] = c->nv >= UINT32_MAX ? UINT64_MAX : mul(c->nv + 1, 4);
	len[S_VINFO] = mul(c->nv, sizeof(struct vinfo));
	len[S_VPOOL] = c->vpool_len;
	len[S_BPOOL] = mul(c->bpool_len, 8);
	len[S_LETTER_M] = len[S_LETTER_P] = mul(mul(N_LETTERS, c->nw), 8);
	len[S_TOPIC] = mul(mul(TOPIC__N, c->nw), 8);
	len[S_PAIR_M] = len[S_PAIR_P] = mul(mul(c->npairs, c->nw), 8);
	len[S_NAMES] = mul(c->nnames, 4);
	len[S_TBUF] = c->tlen;
	len[S_TOFF] = mul(c->tn, 4);
	len[S_TPOST] = c->tn >= UINT32_MAX ? UINT64_MAX : mul(2 * c->tn + 1, 4);
	len[S_TPOOL] = c->tpool_len;
	len[S_TDENSE] = mul(c->tn, 4);
	len[S_TBITS] = mul(mul(mul(c->tndense, 2), c->tnw), 8);
}

/* Where each section's array is in the engine (the scalars: NULL). */
static void sect_slots(struct search *s, struct termindex *t,
		       void *slot[S__N])
{
	slot[S_SCALARS] = NULL;
	slot[S_ORDER] = &s->order;
	slot[S_VBUF] = &s->vbuf;
	slot[S_VOFF] = &s->voff;
	slot[S_VINFO] = &s->vinfo;
	slot[S_VPOOL] = &s->vpool;
	slot[S_BPOOL] = &s->bpool;
	slot[S_LETTER_M] = &s->letter_m;
	slot[S_LETTER_P] = &s->letter_p;
	slot[S_TOPIC] = &s->topic_bm;
	slot[S_PAIR_M] = &s->pair_m;
	slot[S_PAIR_P] = &s->pair_p;
	slot[S_NAMES] = &s->names;
	slot[S_TBUF] = &t->buf;
	slot[S_TOFF] = &t->off;
	slot[S_TPOST] = &t->post;
	slot[S_TPOOL] = &t->pool;
	slot[S_TDENSE] = &t->dense;
	slot[S_TBITS] = &t->bits;
}

char *search_index_path(const char *catalogue, const char *publish_id)
{
	return xasprintf("%s.%s.idx", catalogue, publish_id);
}

/* ---- writing -------------------------------------------------------------- */

static void get_scalars(const struct search *s, struct scalars *c)
{
	const struct termindex *t = s->terms;
	memset(c, 0, sizeof *c);
	c->n = s->n;
	c->nw = s->nw;
	c->vlen = s->vlen;
	c->nv = s->nv;
	c->npairs = s->npairs;
	c->nnames = s->nnames;
	c->vpool_len = s->vpool_len;
	c->bpool_len = s->bpool_len;
	c->tn = t->n;
	c->tlen = t->len;
	c->tpool_len = t->pool_len;
	c->tndense = t->ndense;
	c->tnw = t->nw;
	memcpy(c->byte_freq, s->byte_freq, sizeof c->byte_freq);
	memcpy(c->pair_slot, s->pair_slot, sizeof c->pair_slot);
}

static int write_all(int fd, const void *p, size_t len)
{
	const char *b = p;
	while (len) {
		ssize_t w = write(fd, b, len);
		if (w < 0 && errno == EINTR)
			continue;
		if (w <= 0)
			return -1;
		b += w;
		len -= (size_t)w;
	}
	return 0;
}

struct built {
	struct search *s[N_INDEX_LANGS];
	struct scalars c[N_INDEX_LANGS];
};

/* The bytes of section k of language l. */
static const void *sect_data(struct built *b, size_t l, enum sect k)
{
	void *slot[S__N];
	const void *p;
	if (k == S_SCALARS)
		return &b->c[l];
	sect_slots(b->s[l], b->s[l]->terms, slot);
	memcpy(&p, slot[k], sizeof p);
	return p;
}

/* The address a file of this publish id is mapped at: in the part of a
 * 64-bit address space that neither the program, its heap and libraries
 * (near 0x55.. and 0x7f..) nor a sanitizer's shadow use, one of 12,032
 * slots of 4 GiB picked by the id, so that a desk holding the previous
 * version while it loads the next rarely finds the address taken (it then
 * loads the records from SQLite). 0: no fixed address (32-bit). */
static uint64_t map_base(const char *publish_id)
{
	if (sizeof(void *) < 8)
		return 0;
	return 0x110000000000ull + (hash64_str(publish_id) % 0x2f00) * (1ull << 32);
}

static int write_file(struct built *b, int fd, const char *publish_id,
		      const struct catalogue *cat)
{
	size_t nsect = N_SECT, l, k, i, rec_len = 0;
	struct sect_entry *tab = xcalloc(nsect, sizeof *tab);
	struct header h;
	uint64_t off, len[S__N], base = map_base(publish_id);
	static const char zeros[ALIGN];
	void *rec;
	int rc = 0;

	off = sizeof h + nsect * sizeof *tab;
	off = (off + ALIGN - 1) / ALIGN * ALIGN;
	rec = catalogue_map_build(cat, (uintptr_t)(base + off), &rec_len);
	tab[0].kind = KIND_RECORDS;
	tab[0].off = off;
	tab[0].len = rec_len;
	tab[0].sum = checksum(rec, rec_len);
	off += rec_len;
	for (l = 0; l < N_INDEX_LANGS; l++) {
		sect_lengths(&b->c[l], len);
		for (k = 0; k < S__N; k++) {
			struct sect_entry *e = &tab[1 + l * S__N + k];
			off = (off + ALIGN - 1) / ALIGN * ALIGN;
			memcpy(e->lang, index_langs[l], strlen(index_langs[l]));
			e->kind = (uint32_t)k;
			e->off = off;
			e->len = len[k];
			e->sum = checksum(sect_data(b, l, k), len[k]);
			off += len[k];
		}
	}
	memset(&h, 0, sizeof h);
	memcpy(h.magic, MAGIC, 8);
	h.format = SEARCH_INDEX_FORMAT;
	h.nsect = (uint32_t)nsect;
	h.size = off;
	h.services = cat->n_services;
	strncpy(h.publish_id, publish_id, ID_MAX - 1);
	h.cat_ino = (uint64_t)cat->ino;
	h.cat_size = (uint64_t)cat->size;
	h.cat_mtime_sec = (int64_t)cat->mtime.tv_sec;
	h.cat_mtime_nsec = (int64_t)cat->mtime.tv_nsec;
	h.table_sum = checksum(tab, nsect * sizeof *tab);
	h.map_base = base;
	if (write_all(fd, &h, sizeof h) || write_all(fd, tab, nsect * sizeof *tab))
		rc = -1;
	off = sizeof h + nsect * sizeof *tab;
	for (i = 0; i < nsect && rc == 0; i++) {
		uint64_t pad = tab[i].off - off;
		if (write_all(fd, zeros, pad) ||
		    write_all(fd, i ? sect_data(b, (i - 1) / S__N,
						(enum sect)((i - 1) % S__N))
				    : rec,
			      tab[i].len))
			rc = -1;
		off = tab[i].off + tab[i].len;
	}
	free(rec);
	free(tab);
	return rc;
}

int search_index_write(const char *file, const char *path,
		       const char *publish_id, char **err)
{
	struct catalogue *cat = NULL;
	struct built b;
	struct atomic_file af;
	char *out = search_index_path(path, publish_id);
	size_t l;
	int rc = -1;

	memset(&b, 0, sizeof b);
	if (catalogue_open_lean(file, &cat, err) != 0 ||
	    catalogue_load_words(cat, err) != 0) {
		err_prefix(err, _("%s: the search index was not written"), out);
		goto done;
	}
	for (l = 0; l < N_INDEX_LANGS; l++) {
		b.s[l] = search_new(cat, index_langs[l]);
		search_complete(b.s[l]);
		get_scalars(b.s[l], &b.c[l]);
	}
	if (search_warning(b.s[0]))
		fprintf(stderr, "neuvoo: %s\n", search_warning(b.s[0]));
	if (atomic_create(&af, out, 0644) != 0) {
		err_set(err, _("%s: cannot write the search index: %s"), af.tmp ? af.tmp : out,
			strerror(errno));
		atomic_abort(&af);
		goto done;
	}
	if (write_file(&b, af.fd, publish_id, cat) != 0 ||
	    atomic_commit(&af) != 0) {
		err_set(err, _("%s: cannot write the search index: %s"), out,
			strerror(errno));
		atomic_abort(&af);
		goto done;
	}
	atomic_abort(&af);
	rc = 0;
done:
	for (l = 0; l < N_INDEX_LANGS; l++)
		search_free(&b.s[l]);
	catalogue_free(&cat);
	free(out);
	return rc;
}

/* ---- pruning -------------------------------------------------------------- */

void search_index_prune(const char *path, const char *keep_id)
{
	char *dir = paths_dirname(path), *keep = search_index_path(path, keep_id);
	const char *base = strrchr(path, '/');
	char *newest = NULL;
	struct timespec newest_t = { 0, 0 };
	size_t blen;
	DIR *d;
	struct dirent *de;
	int pass;

	base = base ? base + 1 : path;
	blen = strlen(base);
	/* Pass 0 finds the newest other index, pass 1 removes the rest. */
	for (pass = 0; pass < 2; pass++) {
		if (!(d = opendir(dir)))
			break;
		while ((de = readdir(d)) != NULL) {
			size_t nl = strlen(de->d_name);
			char *full;
			struct stat st;
			if (nl <= blen + 5 || strncmp(de->d_name, base, blen) ||
			    de->d_name[blen] != '.' ||
			    strcmp(de->d_name + nl - 4, ".idx") ||
			    strchr(de->d_name + blen + 1, '.') !=
				    de->d_name + nl - 4)
				continue;
			full = xasprintf("%s/%s", dir, de->d_name);
			if (!strcmp(full, keep) || lstat(full, &st) != 0) {
				free(full);
				continue;
			}
			if (pass == 0 &&
			    (!newest || st.st_mtim.tv_sec > newest_t.tv_sec ||
			     (st.st_mtim.tv_sec == newest_t.tv_sec &&
			      st.st_mtim.tv_nsec > newest_t.tv_nsec))) {
				free(newest);
				newest = full;
				newest_t = st.st_mtim;
				continue;
			}
			if (pass == 1 && (!newest || strcmp(full, newest)))
				unlink(full);
			free(full);
		}
		closedir(d);
	}
	free(newest);
	free(keep);
	free(dir);
}

/* ---- reading -------------------------------------------------------------- */

static int refuse(char **err, const char *name, const char *why)
{
	err_set(err, _("%s: the search index is not usable (%s); it is built in memory instead"),
		name, why);
	return -1;
}

/* Every offset and count of the mapped engine inside its arrays. */
static const char *check_arrays(const struct search *s,
				const struct termindex *t)
{
	size_t i;
	for (i = 0; i < s->n; i++)
		if (s->order[i] >= s->n)
			return "order";
	if (s->vlen < 1 || s->voff[s->nv] > s->vlen + 1)
		return "vocabulary";
	for (i = 0; i < s->nv; i++)
		if (s->voff[i] < 1 || s->voff[i + 1] < s->voff[i] + 1)
			return "vocabulary";
	for (i = 0; i < s->nv; i++) {
		uint32_t p = s->vinfo[i].post;
		if (p & BITMAP_FLAG ? (p & ~BITMAP_FLAG) + (uint64_t)s->nw > s->bpool_len
				    : p > s->vpool_len)
			return "postings";
	}
	for (i = 0; i < N_LETTERS * N_LETTERS; i++)
		if (s->pair_slot[i] < -1 || s->pair_slot[i] >= (long)s->npairs)
			return "letter pairs";
	for (i = 0; i < s->nnames; i++)
		if (s->names[i] / 4 >= s->n || s->names[i] % 4 >= CAT__NLANG)
			return "names";
	if (t->n && (!t->len || t->buf[t->len - 1] != '\0'))
		return "terms";
	for (i = 0; i < t->n; i++)
		if (t->off[i] >= t->len || (t->dense[i] != UINT32_MAX &&
					    t->dense[i] >= t->ndense))
			return "terms";
	for (i = 0; i < 2 * t->n; i++)
		if (t->post[i + 1] < t->post[i])
			return "term postings";
	if (t->post[0] != 0 || t->post[2 * t->n] > t->pool_len)
		return "term postings";
	return NULL;
}

/* The header and the table of the file in m (len bytes) against the
 * catalogue cat (its publish id and file) of n services: 0 when they fit,
 * 1 when the catalogue file was changed in place (its own index is built,
 * without a word), -1 with *why when refused. */
static int header_check(const unsigned char *m, size_t len,
			const struct catalogue *cat, size_t n,
			struct header *h, const char **why)
{
	*why = _("damaged");
	if (len < sizeof *h) {
		*why = _("cut short");
		return -1;
	}
	memcpy(h, m, sizeof *h);
	if (memcmp(h->magic, MAGIC, 8)) {
		*why = _("not a search index");
		return -1;
	}
	if (h->format != SEARCH_INDEX_FORMAT) {
		*why = _("written by another version of neuvoo");
		return -1;
	}
	if (h->size != len) {
		*why = _("cut short");
		return -1;
	}
	if (h->publish_id[ID_MAX - 1] || !cat->publish_id ||
	    strcmp(h->publish_id, cat->publish_id) || h->services != n) {
		*why = _("made for another catalogue");
		return -1;
	}
	if (h->cat_ino != (uint64_t)cat->ino || h->cat_size != (uint64_t)cat->size ||
	    h->cat_mtime_sec != (int64_t)cat->mtime.tv_sec ||
	    h->cat_mtime_nsec != (int64_t)cat->mtime.tv_nsec)
		return 1;
	if (h->nsect != N_SECT ||
	    sizeof *h + (uint64_t)h->nsect * sizeof(struct sect_entry) > len)
		return -1;
	if (checksum(m + sizeof *h, h->nsect * sizeof(struct sect_entry)) !=
	    h->table_sum)
		return -1;
	return 0;
}

int search_index_load(const struct catalogue *cat, const char *lang,
		      const void *buf, size_t len, const char *name,
		      struct search **out, char **err)
{
	const unsigned char *m = buf;
	struct header h;
	const struct sect_entry *tab;
	struct sect_entry e;
	struct scalars c;
	uint64_t want[S__N];
	void *slot[S__N];
	struct search *s;
	struct termindex *t;
	size_t l, k, base;
	const char *why;
	int rc;

	*out = NULL;
	if ((rc = header_check(m, len, cat, cat->n_services, &h, &why)) < 0)
		return refuse(err, name, why);
	if (rc > 0)
		return 0;	/* the catalogue was changed in place: build */
	tab = (const void *)(m + sizeof h);
	for (l = 0; l < N_INDEX_LANGS; l++)
		if (!strcmp(lang, index_langs[l]))
			break;
	if (l == N_INDEX_LANGS)
		return 0;	/* no index for this language: build */
	base = 1 + l * S__N;
	{	/* the language's sections lie together */
		struct sect_entry a, z;
		memcpy(&a, &tab[base], sizeof a);
		memcpy(&z, &tab[base + S__N - 1], sizeof z);
		if (a.off <= z.off && z.off <= len && z.len <= len - z.off)
			populate(m + a.off, z.off + z.len - a.off);
	}
	for (k = 0; k < S__N; k++) {
		memcpy(&e, &tab[base + k], sizeof e);
		if (e.kind != k || strncmp(e.lang, index_langs[l], 4) ||
		    e.off % ALIGN || e.off > len || e.len > len - e.off)
			return refuse(err, name, _("damaged"));
		if (checksum(m + e.off, e.len) != e.sum)
			return refuse(err, name, _("damaged"));
	}
	memcpy(&e, &tab[base + S_SCALARS], sizeof e);
	if (e.len != sizeof c)
		return refuse(err, name, _("damaged"));
	memcpy(&c, m + e.off, sizeof c);
	sect_lengths(&c, want);
	if (c.n != cat->n_services || c.nw != (c.n ? (c.n + 63) / 64 : 1) ||
	    c.tnw != (c.n + 63) / 64 || c.tlen > UINT32_MAX ||
	    c.vpool_len > UINT32_MAX || c.bpool_len > (BITMAP_FLAG - 1) ||
	    (c.n == 0 && c.tndense))	/* bitmaps of no words */
		return refuse(err, name, _("damaged"));
	for (k = 0; k < S__N; k++)
		if (tab[base + k].len != want[k])
			return refuse(err, name, _("damaged"));

	s = search_alloc(cat, lang);
	t = xcalloc(1, sizeof *t);
	s->terms = t;
	s->mapped = true;
	t->mapped = true;
	s->vlen = c.vlen;
	s->nv = c.nv;
	s->npairs = c.npairs;
	s->nnames = c.nnames;
	s->vpool_len = c.vpool_len;
	s->bpool_len = c.bpool_len;
	memcpy(s->byte_freq, c.byte_freq, sizeof s->byte_freq);
	memcpy(s->pair_slot, c.pair_slot, sizeof s->pair_slot);
	t->len = c.tlen;
	t->n = c.tn;
	t->pool_len = c.tpool_len;
	t->ndense = c.tndense;
	t->nw = c.tnw;
	t->npos = c.n;
	sect_slots(s, t, slot);
	for (k = 1; k < S__N; k++) {
		const void *p = m + tab[base + k].off;
		memcpy(slot[k], &p, sizeof p);
	}
	if ((why = check_arrays(s, t)) != NULL) {
		search_free(&s);
		return refuse(err, name, _("damaged"));
	}
	s->complete = true;
	*out = s;
	return 0;
}

void search_index_reseal(void *buf, size_t len)
{
	unsigned char *m = buf;
	struct header h;
	struct sect_entry e;
	size_t i;
	if (len < sizeof h)
		return;
	memcpy(&h, m, sizeof h);
	if (h.nsect > (len - sizeof h) / sizeof e)
		return;
	for (i = 0; i < h.nsect; i++) {
		unsigned char *at = m + sizeof h + i * sizeof e;
		memcpy(&e, at, sizeof e);
		if (e.off <= len && e.len <= len - e.off) {
			e.sum = checksum(m + e.off, e.len);
			memcpy(at, &e, sizeof e);
		}
	}
	h.table_sum = checksum(m + sizeof h, h.nsect * sizeof e);
	memcpy(m, &h, sizeof h);
}

int search_index_map_records(struct catalogue *cat, char **err)
{
#ifdef MAP_FIXED_NOREPLACE
	char *path;
	struct stat st;
	struct header h;
	struct sect_entry e;
	const unsigned char *m;
	const char *why;
	void *want, *map;
	int fd, rc;

	if (!cat->path || !cat->publish_id)
		return 0;
	path = search_index_path(cat->path, cat->publish_id);
	fd = open(path, O_RDONLY | O_CLOEXEC);
	/* What is not for this build or has no address is left to
	 * search_index_open, which says why (or builds without a word). */
	if (fd < 0 || fstat(fd, &st) != 0 || st.st_size < (off_t)sizeof h ||
	    pread(fd, &h, sizeof h, 0) != (ssize_t)sizeof h ||
	    memcmp(h.magic, MAGIC, 8) || h.format != SEARCH_INDEX_FORMAT ||
	    !h.map_base || h.map_base % 4096 || h.map_base > UINTPTR_MAX) {
		if (fd >= 0)
			close(fd);
		free(path);
		return 0;
	}
	want = (void *)(uintptr_t)h.map_base;
	map = mmap(want, (size_t)st.st_size, PROT_READ,
		   MAP_SHARED | MAP_FIXED_NOREPLACE, fd, 0);
	close(fd);
	if (map != want) {	/* the address is taken: load from SQLite */
		if (map != MAP_FAILED)
			munmap(map, (size_t)st.st_size);
		free(path);
		return 0;
	}
	m = map;
	/* The header's count: the file's identity (publish id, inode, size,
	 * time) says it is the catalogue's, and the records are checked
	 * against it. */
	rc = header_check(m, (size_t)st.st_size, cat, (size_t)h.services, &h, &why);
	if (rc == 0) {
		const char *bad = NULL;
		memcpy(&e, m + sizeof h, sizeof e);
		if (e.kind == KIND_RECORDS && e.off <= (uint64_t)st.st_size &&
		    e.len <= (uint64_t)st.st_size - e.off)
			populate(m + e.off, e.len);
		if (e.kind != KIND_RECORDS || e.lang[0] || e.off % ALIGN ||
		    e.off > (uint64_t)st.st_size || e.len > (uint64_t)st.st_size - e.off ||
		    checksum(m + e.off, e.len) != e.sum ||
		    (bad = catalogue_map_check(m + e.off, e.len, (size_t)h.services,
					       cat->n_orgs)) != NULL) {
			rc = -1;
			why = bad && !strcmp(bad, "layout")
				? _("written by another version of neuvoo")
				: _("damaged");
		}
	}
	if (rc != 0) {
		munmap(map, (size_t)st.st_size);
		if (rc < 0)
			refuse(err, path, why);
		free(path);
		return rc < 0 ? -1 : 0;
	}
	cat->index_map = map;
	cat->index_map_len = (size_t)st.st_size;
	cat->mapped_services = catalogue_map_services(m + e.off);
	cat->n_services = (size_t)h.services;
	free(path);
	return 1;
#else
	(void)cat;
	(void)err;
	return 0;
#endif
}

struct search *search_index_open(const struct catalogue *cat,
				 const char *lang, char **err)
{
	char *path;
	struct stat st;
	struct search *s = NULL;
	void *map;
	int fd;

	if (!cat || !cat->path || !cat->publish_id)
		return NULL;
	if (cat->index_problem) {	/* refused when the records were read */
		err_set(err, "%s", cat->index_problem);
		return NULL;
	}
	path = search_index_path(cat->path, cat->publish_id);
	if (cat->index_map) {	/* the catalogue's mapping: borrowed */
		search_index_load(cat, lang, cat->index_map, cat->index_map_len,
				  path, &s, err);
		free(path);
		return s;
	}
	fd = open(path, O_RDONLY | O_CLOEXEC);
	if (fd < 0) {
		if (errno != ENOENT)
			err_set(err, _("%s: the search index cannot be read (%s); it is built in memory instead"),
				path, strerror(errno));
		free(path);
		return NULL;
	}
	if (fstat(fd, &st) != 0 || st.st_size <= 0) {
		close(fd);
		refuse(err, path, _("cut short"));
		free(path);
		return NULL;
	}
	map = mmap(NULL, (size_t)st.st_size, PROT_READ, MAP_SHARED, fd, 0);
	close(fd);
	if (map == MAP_FAILED) {
		err_set(err, _("%s: the search index cannot be read (%s); it is built in memory instead"),
			path, strerror(errno));
		free(path);
		return NULL;
	}
	if (search_index_load(cat, lang, map, (size_t)st.st_size, path, &s,
			      err) != 0 || !s) {
		munmap(map, (size_t)st.st_size);
		free(path);
		return NULL;
	}
	s->map = map;
	s->map_len = (size_t)st.st_size;
	free(path);
	return s;
}

struct search *search_open(const struct catalogue *cat, const char *lang,
			   char **warn)
{
	struct search *s = search_index_open(cat, lang, warn);
	return s ? s : search_new(cat, lang);
}

bool search_is_mapped(const struct search *s)
{
	return s && s->mapped;
}

void search_index_unmap(struct search *s)
{
	if (s && s->map) {
		munmap(s->map, s->map_len);
		s->map = NULL;
	}
}
