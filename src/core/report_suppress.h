/* report_suppress: which counts of a report --suppress N hides, so that
 * no count from 1 to N-1 can be worked out from what is printed.
 *
 * Primary suppression hides every count from 1 to N-1 (zero identifies
 * nobody and stays). Secondary suppression then hides more counts until
 * no hidden count is determined by the printed ones: a table's cells, its
 * row and column totals and its total are tied by sums, so one hidden
 * cell in a row with a printed total is a subtraction away. A hidden
 * count is safe when another table, consistent with everything printed
 * (every hidden count at least 1, as zeros are printed), gives it another
 * value; that holds exactly when an alternating cycle of hidden counts
 * through it can move by one (the sums form a transportation problem).
 * While some hidden count is not safe, the smallest printed count of its
 * row or column (a cell before a total) is hidden too. Every format
 * prints the same hidden set, as ".." (json: null and "suppressed": true);
 * with a hidden total no percentage is printed. */
#ifndef NEUVOO_REPORT_SUPPRESS_H
#define NEUVOO_REPORT_SUPPRESS_H

#include <stdbool.h>
#include <stddef.h>

struct report_agg;

/* The table as the suppression sees it: rows x cols cells, then each
 * row's total (column cols), the column totals (row rows) and the total
 * at [rows][cols]; (rows + 1) x (cols + 1) values, row by row. A table of
 * one dimension has cols = 0: its cells and the total form one sum.
 * hidden (same shape) gets the counts to hide; n < 2 hides nothing. */
void report_suppress_table(size_t rows, size_t cols, const size_t *v,
			   bool *hidden, int n);
/* Is hidden count k (an index into v) worked out by the printed ones? */
bool report_suppress_derivable(size_t rows, size_t cols, const size_t *v,
			       const bool *hidden, size_t k);

/* The hidden counts of a report (every entry of its axes, as
 * report_agg_size gives them). */
struct report_hide;
struct report_hide *report_hide_new(const struct report_agg *a, int n);
void report_hide_free(struct report_hide **h);
/* Entry i of axis 0 (a row's total, or a count of a table of one
 * dimension) or of axis 1 (a column's total). */
bool report_hide_count(const struct report_hide *h, int axis, size_t i);
bool report_hide_cell(const struct report_hide *h, size_t i, size_t j);
bool report_hide_total(const struct report_hide *h);

/* How a hidden count is printed in text, csv and html. */
#define REPORT_HIDDEN_MARK ".."

#endif
