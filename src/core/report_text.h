/* report_text: a report for the terminal: the period, the desks and the
 * total, then the counts (with bars), a cross table or the contacts, and
 * whether the days are closed. report_write picks it for --format text. */
#ifndef NEUVOO_REPORT_TEXT_H
#define NEUVOO_REPORT_TEXT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>

#include "core/report.h"

/* The counts of a (a 1- or 2-dimensional table) for the desks named,
 * the counts of h hidden (ph: those of the previous period, o->prev). */
void report_text_write(FILE *f, const struct report_out *o,
		       const char *const *desks, size_t n_desks,
		       const struct report_agg *a, const struct report_hide *h,
		       const struct report_hide *ph);
/* The contacts of c, a line each. */
void report_text_contacts(FILE *f, const struct report_out *o,
			  const char *const *desks, size_t n_desks,
			  const struct report_contacts *c);
/* The files left out, a line each after a heading (nothing when none). */
void report_text_skips(FILE *f, const struct report_skips *s);

/* A percent with one decimal, rounded, with the given point. */
void report_percent(char *buf, size_t n, size_t count, size_t total,
		    const char *point);

#endif
