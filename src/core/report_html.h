/* report_html: a report as one self-contained HTML page for a manager to
 * open or print: no scripts, no styles, fonts or images from elsewhere
 * (one inline style sheet), the charts inline SVG (bars for a dimension,
 * a line for day, week and month), the headings in the UI language and
 * the same hidden counts as the other formats. report_write picks it for
 * --format html. */
#ifndef NEUVOO_REPORT_HTML_H
#define NEUVOO_REPORT_HTML_H

#include <stddef.h>
#include <stdio.h>

#include "core/report.h"

struct report_hide;

void report_html_write(FILE *f, const struct report_out *o,
		       const char *const *desks, size_t n_desks,
		       const struct report_agg *a, const struct report_hide *h,
		       const struct report_hide *ph);

/* s with & < > " ' escaped for HTML text and attributes (sanitised
 * first), to f. */
void report_html_text(FILE *f, const char *s);

#endif
