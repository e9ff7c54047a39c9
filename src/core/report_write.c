/* report_write: see report_write.h. */
#include <config.h>

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/csv.h"
#include "core/date.h"
#include "core/err.h"
#include "core/i18n.h"
#include "core/report.h"
#include "core/report_html.h"
#include "core/report_suppress.h"
#include "core/report_text.h"
#include "core/text.h"

/* ---- writing helpers --------------------------------------------------- */

/* A csv record being made: its cells, owned; at most a contact's. */
struct cells {
	char *v[CONTACT_FIELDS_N + 4];
	size_t n;
};

/* A text cell: sanitised, and never read as a formula (csv_text_cell). */
static void cell_text(struct cells *c, const char *s)
{
	char *clean = text_sanitize(s ? s : "");
	c->v[c->n++] = csv_text_cell(clean);
	free(clean);
}

/* A number or time as it is. */
static void cell_raw(struct cells *c, const char *s)
{
	c->v[c->n++] = xstrdup(s);
}

static void cells_write(FILE *f, struct cells *c)
{
	size_t i;
	csv_write_row(f, (const char *const *)c->v, c->n);
	for (i = 0; i < c->n; i++)
		free(c->v[i]);
	c->n = 0;
}

static void json_string(FILE *f, const char *s)
{
	char *clean;
	const unsigned char *p;
	if (!s) {
		fputs("null", f);
		return;
	}
	clean = text_sanitize(s);
	fputc('"', f);
	for (p = (const unsigned char *)clean; *p; p++) {
		if (*p == '"' || *p == '\\')
			fprintf(f, "\\%c", *p);
		else if (*p < 0x20)
			fprintf(f, "\\u%04x", *p);
		else
			fputc(*p, f);
	}
	fputc('"', f);
	free(clean);
}

/* "count":...,"percent":... (null and "suppressed": true when hidden;
 * no percent when the total is hidden). */
static void json_count(FILE *f, size_t count, size_t total, bool hidden,
		       bool total_hidden, int suppress)
{
	char pct[32];
	if (hidden) {
		fputs("\"count\":null,\"percent\":null,\"suppressed\":true", f);
		return;
	}
	if (total_hidden)
		fprintf(f, "\"count\":%zu,\"percent\":null", count);
	else {
		report_percent(pct, sizeof pct, count, total, ".");
		fprintf(f, "\"count\":%zu,\"percent\":%s", count, pct);
	}
	if (suppress)
		fputs(",\"suppressed\":false", f);
}

/* "code":...,"label":...,"count":...,"percent":... of entry i of an axis
 * (a null code for "not recorded"). */
static void json_entry(FILE *f, const struct report_agg *a, int axis,
		       size_t i, size_t count, size_t total, bool hidden,
		       bool total_hidden, int suppress)
{
	const char *code = report_agg_code(a, axis, i);
	fputs("\"code\":", f);
	json_string(f, *code ? code : NULL);
	fputs(",\"label\":", f);
	json_string(f, report_agg_label(a, axis, i));
	fputc(',', f);
	json_count(f, count, total, hidden, total_hidden, suppress);
}

size_t report_prev_count(const struct report_agg *a, const struct report_out *o,
			 const struct report_hide *prev_hide, size_t i, bool *hidden)
{
	const struct report_agg *p = o->prev;
	size_t j, n;
	*hidden = false;
	if (!p)
		return 0;
	n = report_agg_size(p, 0);
	if (report_dim_is_time(report_agg_dim(a, 0))) {
		if (i >= n)
			return 0;
		*hidden = report_hide_count(prev_hide, 0, i);
		return report_agg_count(p, 0, i);
	}
	for (j = 0; j < n; j++)
		if (!strcmp(report_agg_code(p, 0, j), report_agg_code(a, 0, i))) {
			*hidden = report_hide_count(prev_hide, 0, j);
			return report_agg_count(p, 0, j);
		}
	return 0;
}

static int finish(FILE *f, char **err)
{
	if (fflush(f) != 0 || ferror(f)) {
		err_set(err, _("cannot write the report: %s"), strerror(errno ? errno : EIO));
		return -1;
	}
	return 0;
}

/* Desks named in the output: those selected, or every desk seen. */
static size_t out_desks(const struct report_out *o, const struct report_agg *a,
			const char *const **desks)
{
	if (o->n_desks) {
		*desks = o->desks;
		return o->n_desks;
	}
	if (a)
		return report_agg_desks(a, desks);
	*desks = NULL;
	return 0;
}

static void json_days(FILE *f, const struct report_days *d)
{
	size_t i;
	char at[DATE_ISO_LEN];
	if (!d)
		return;
	fputs(",\"days\":[", f);
	for (i = 0; i < d->n; i++) {
		const struct report_day *k = &d->v[i];
		fputs(i ? ",{\"date\":" : "{\"date\":", f);
		json_string(f, k->date);
		fprintf(f, ",\"closed\":%s", k->closed ? "true" : "false");
		if (k->closed) {
			date_iso_local(k->closed_at, at);
			fprintf(f, ",\"closed_at\":\"%s\",\"closed_by\":", at);
			json_string(f, k->closed_by);
		}
		fprintf(f, ",\"late\":%zu}", k->late);
	}
	fprintf(f, "],\"late\":%zu", report_days_late(d));
}

static void json_head(FILE *f, const struct report_out *o,
		      const char *const *desks, size_t n_desks)
{
	size_t i;
	fputs("{\"period\":{\"from\":", f);
	json_string(f, o->from_date);
	fputs(",\"to\":", f);
	json_string(f, o->to_date);
	fputs("},\"desks\":[", f);
	for (i = 0; i < n_desks; i++) {
		if (i)
			fputc(',', f);
		json_string(f, desks[i]);
	}
	fputs("],", f);
}

/* The count and percent cells (".." and nothing when hidden). */
static void cells_count(struct cells *cs, size_t c, size_t total, bool hidden,
			bool total_hidden)
{
	char buf[32];
	if (hidden) {
		cell_raw(cs, REPORT_HIDDEN_MARK);
		cell_raw(cs, "");
		return;
	}
	snprintf(buf, sizeof buf, "%zu", c);
	cell_raw(cs, buf);
	if (total_hidden)
		buf[0] = '\0';
	else
		report_percent(buf, sizeof buf, c, total, ".");
	cell_raw(cs, buf);
}

static void json_skips(FILE *f, const struct report_skips *s)
{
	size_t i;
	if (!s || !s->n)
		return;
	fputs(",\"left_out\":[", f);
	for (i = 0; i < s->n; i++) {
		fputs(i ? ",{\"file\":" : "{\"file\":", f);
		json_string(f, s->paths[i]);
		fputs(",\"why\":", f);
		json_string(f, s->why[i]);
		fputc('}', f);
	}
	fputc(']', f);
}

static void csv_write(FILE *f, const struct report_agg *a, const struct report_out *o,
		      const struct report_hide *h, const struct report_hide *ph)
{
	struct cells cs = { { NULL }, 0 };
	size_t total = report_agg_total(a), n0 = report_agg_size(a, 0);
	size_t n1 = report_agg_size(a, 1), i, j;
	bool cross = report_agg_dim(a, 1) >= 0, th = report_hide_total(h);
	char buf[32];

	/* Only the contract's rows: the days' state is text's and json's,
	 * so that spreadsheets and scripts read one table. */
	fputs(cross ? "code,label,code2,label2,count,percent\r\n"
	      : o->prev ? REPORT_CSV_COMPARE_HEADER "\r\n" : REPORT_CSV_HEADER "\r\n", f);
	for (i = 0; i < n0; i++) {
		for (j = 0; j < (cross ? n1 : 1); j++) {
			size_t c = cross ? report_agg_cell(a, i, j) : report_agg_count(a, 0, i);
			bool hid = cross ? report_hide_cell(h, i, j) : report_hide_count(h, 0, i);
			cell_text(&cs, report_agg_code(a, 0, i));
			cell_text(&cs, report_agg_label(a, 0, i));
			if (cross) {
				cell_text(&cs, report_agg_code(a, 1, j));
				cell_text(&cs, report_agg_label(a, 1, j));
			}
			cells_count(&cs, c, total, hid, th);
			if (o->prev && !cross) {
				bool phid;
				size_t p = report_prev_count(a, o, ph, i, &phid);
				if (phid) {
					cell_raw(&cs, REPORT_HIDDEN_MARK);
					cell_raw(&cs, REPORT_HIDDEN_MARK);
				} else {
					snprintf(buf, sizeof buf, "%zu", p);
					cell_raw(&cs, buf);
					if (hid)
						cell_raw(&cs, REPORT_HIDDEN_MARK);
					else {
						snprintf(buf, sizeof buf, "%+lld", (long long)c - (long long)p);
						cell_raw(&cs, buf);
					}
				}
			}
			cells_write(f, &cs);
		}
	}
}

static void json_write(FILE *f, const struct report_agg *a, const struct report_out *o,
		       const struct report_hide *h, const struct report_hide *ph)
{
	const char *const *desks;
	size_t n_desks = out_desks(o, a, &desks), total = report_agg_total(a);
	size_t n0 = report_agg_size(a, 0), n1 = report_agg_size(a, 1), i, j;
	bool cross = report_agg_dim(a, 1) >= 0, th = report_hide_total(h);

	json_head(f, o, desks, n_desks);
	if (th)
		fputs("\"total\":null,\"total_suppressed\":true,", f);
	else
		fprintf(f, "\"total\":%zu,", total);
	fputs("\"by\":[", f);
	json_string(f, report_dim_name(report_agg_dim(a, 0)));
	if (cross) {
		fputc(',', f);
		json_string(f, report_dim_name(report_agg_dim(a, 1)));
	}
	fputs("],", f);
	if (o->prev) {
		fputs("\"previous\":{\"from\":", f);
		json_string(f, o->prev_from);
		fputs(",\"to\":", f);
		json_string(f, o->prev_to);
		if (report_hide_total(ph))
			fputs(",\"total\":null},", f);
		else
			fprintf(f, ",\"total\":%zu},", report_agg_total(o->prev));
	}
	fputs("\"rows\":[", f);
	for (i = 0; i < n0; i++) {
		size_t c = report_agg_count(a, 0, i);
		bool hid = report_hide_count(h, 0, i);
		fputs(i ? ",\n{" : "\n{", f);
		json_entry(f, a, 0, i, c, total, hid, th, o->suppress);
		if (o->prev) {
			bool phid;
			size_t p = report_prev_count(a, o, ph, i, &phid);
			if (phid)
				fputs(",\"previous\":null,\"change\":null", f);
			else if (hid)
				fprintf(f, ",\"previous\":%zu,\"change\":null", p);
			else
				fprintf(f, ",\"previous\":%zu,\"change\":%lld", p,
					(long long)c - (long long)p);
		}
		if (cross) {
			fputs(",\"cells\":[", f);
			for (j = 0; j < n1; j++) {
				fputs(j ? ",{" : "{", f);
				json_entry(f, a, 1, j, report_agg_cell(a, i, j), total,
					   report_hide_cell(h, i, j), th, o->suppress);
				fputc('}', f);
			}
			fputc(']', f);
		}
		fputc('}', f);
	}
	fprintf(f, "],\"unit\":\"%s\"", o->count == REPORT_COUNT_PEOPLE ? "people" : "contacts");
	json_days(f, o->days);
	json_skips(f, o->skips);
	fputs("}\n", f);
}

int report_write(FILE *f, const struct report_agg *a,
		 const struct report_out *o, char **err)
{
	const char *const *desks;
	size_t n_desks = out_desks(o, a, &desks);
	struct report_hide *h = o->suppress ? report_hide_new(a, o->suppress) : NULL;
	struct report_hide *ph = o->suppress && o->prev ? report_hide_new(o->prev, o->suppress) : NULL;

	errno = 0;
	switch (o->format) {
	case REPORT_FORMAT_TEXT:
		report_text_write(f, o, desks, n_desks, a, h, ph);
		break;
	case REPORT_FORMAT_CSV:
		csv_write(f, a, o, h, ph);
		break;
	case REPORT_FORMAT_JSON:
		json_write(f, a, o, h, ph);
		break;
	case REPORT_FORMAT_HTML:
		report_html_write(f, o, desks, n_desks, a, h, ph);
		break;
	}
	report_hide_free(&h);
	report_hide_free(&ph);
	return finish(f, err);
}

/* ---- contacts writers -------------------------------------------------- */

/* A contact field in json by its kind (CONTACT_FIELDS): topics as an
 * array of codes, counts as numbers, the rest as strings. */
#define json_CODE json_string
#define json_TEXT json_string
/* A count as a number (a stored value that is not one counts as 1). */
static void json_COUNT(FILE *f, const char *v)
{
	long n = v ? strtol(v, NULL, 10) : 1;
	fprintf(f, "%ld", n >= 1 ? n : 1);
}
static void json_TOPICS(FILE *f, const char *topics)
{
	const char *p = topics ? topics : "";
	bool first = true;
	fputc('[', f);
	while (*p) {
		const char *e = strchr(p, ';');
		size_t n = e ? (size_t)(e - p) : strlen(p);
		if (n) {
			char *t = xstrndup(p, n);
			if (!first)
				fputc(',', f);
			json_string(f, t);
			free(t);
			first = false;
		}
		p += n;
		if (*p == ';')
			p++;
	}
	fputc(']', f);
}

struct report_stream {
	FILE *f;
	const struct report_out *o;
	size_t n;
	struct cells cs;
};

struct report_stream *report_stream_new(FILE *f, const struct report_out *o)
{
	struct report_stream *s = xcalloc(1, sizeof *s);
	s->f = f;
	s->o = o;
	errno = 0;
	if (o->format == REPORT_FORMAT_JSON) {
		fputs("{\"period\":{\"from\":", f);
		json_string(f, o->from_date);
		fputs(",\"to\":", f);
		json_string(f, o->to_date);
		fputs("},\"rows\":[", f);
	} else
		fputs(REPORT_CONTACTS_CSV_HEADER "\r\n", f);
	return s;
}

int report_stream_row(struct report_stream *s, const struct stats_row *r)
{
	char t1[DATE_ISO_LEN], t2[DATE_ISO_LEN];
	FILE *f = s->f;
	date_iso(r->started_at, r->tz_offset, t1);
	date_iso(r->ended_at, r->tz_offset, t2);
	if (s->o->format == REPORT_FORMAT_JSON) {
		fputs(s->n ? ",\n{\"id\":" : "\n{\"id\":", f);
		json_string(f, r->id);
		fputs(",\"desk\":", f);
		json_string(f, r->desk);
		fprintf(f, ",\"started_at\":\"%s\",\"ended_at\":\"%s\"", t1, t2);
#define JSON_FIELD(name, t, k, kind, l, use) \
		CONTACT_IF_EXPORT(use, fputs(",\"" #name "\":", f); \
				  json_##kind(f, r->name);)
		CONTACT_FIELDS(JSON_FIELD)
#undef JSON_FIELD
		fprintf(f, ",\"late\":%s}", r->late ? "true" : "false");
	} else {
		struct cells *cs = &s->cs;
		cell_text(cs, r->id);
		cell_text(cs, r->desk);
		cell_raw(cs, t1);
		cell_raw(cs, t2);
#define CSV_FIELD(name, t, k, kind, l, use) \
		CONTACT_IF_EXPORT(use, cell_text(cs, r->name);)
		CONTACT_FIELDS(CSV_FIELD)
#undef CSV_FIELD
		cells_write(f, cs);
	}
	s->n++;
	/* A closed pipe or a full disk: stop reading. */
	return ferror(f) ? 1 : 0;
}

int report_stream_end(struct report_stream *s, const struct report_agg *seen,
		      char **err)
{
	FILE *f = s->f;
	const struct report_out *o = s->o;
	if (o->format == REPORT_FORMAT_JSON) {
		const char *const *desks = o->desks;
		size_t n_desks = o->n_desks, i;
		if (!n_desks && seen)
			n_desks = report_agg_desks(seen, &desks);
		fputs("],\"desks\":[", f);
		for (i = 0; i < n_desks; i++) {
			if (i)
				fputc(',', f);
			json_string(f, desks[i]);
		}
		fprintf(f, "],\"total\":%zu", s->n);
		json_days(f, o->days);
		json_skips(f, o->skips);
		fputs("}\n", f);
	}
	return finish(f, err);
}

void report_stream_free(struct report_stream **s)
{
	if (!s || !*s)
		return;
	free(*s);
	*s = NULL;
}

int report_contacts_write(FILE *f, const struct report_contacts *c,
			  const struct report_out *o, char **err)
{
	const char *const *desks = o->desks;
	size_t n_desks = o->n_desks, n = report_contacts_n(c), i;
	char **seen = NULL;
	struct report_stream *s;
	int rc;

	if (o->format != REPORT_FORMAT_TEXT) {
		/* The kept rows through the stream: one writer for both. */
		struct report_agg *d = report_agg_new(REPORT_DESK, -1);
		s = report_stream_new(f, o);
		for (i = 0; i < n; i++) {
			report_agg_add(d, report_contacts_get(c, i));
			report_stream_row(s, report_contacts_get(c, i));
		}
		rc = report_stream_end(s, d, err);
		report_stream_free(&s);
		report_agg_free(&d);
		return rc;
	}
	if (!n_desks) {
		for (i = 0; i < n; i++) {
			size_t j;
			const struct stats_row *r = report_contacts_get(c, i);
			const char *d = r->desk ? r->desk : "";
			for (j = 0; j < n_desks && strcmp(seen[j], d); j++)
				;
			if (j == n_desks) {
				seen = xrealloc(seen, (n_desks + 1) * sizeof *seen);
				seen[n_desks++] = (char *)d;
			}
		}
		report_sort_names(seen, n_desks);
		desks = (const char *const *)seen;
	}
	errno = 0;
	report_text_contacts(f, o, desks, n_desks, c);
	free(seen);
	return finish(f, err);
}
