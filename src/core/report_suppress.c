/* report_suppress: see report_suppress.h.
 *
 * The sums as a graph: a node for each row and each column of the table
 * with its totals (a table of one dimension: one node for the sum and one
 * for the cells' other end), a hidden count an edge between its row and
 * its column. Moving a count by one keeps every sum when the moves run
 * round a cycle, alternately up and down in the table's signed form (the
 * totals enter their sums with a minus); a count can go up always, down
 * only from 2 (a hidden count is at least 1). A hidden count is safe when
 * such a cycle passes through it. */
#include <config.h>

#include <stdlib.h>
#include <string.h>

#include "core/err.h"
#include "core/report.h"
#include "core/report_suppress.h"

struct graph {
	size_t rows, cols, w;	/* w = cols + 1 */
	const size_t *v;
	const bool *hidden;
	size_t n_nodes;
	size_t *stack;
	bool *seen;
};

/* The two ends of count k and its sign in the sums. */
static void ends(const struct graph *g, size_t k, size_t *u, size_t *t, int *sign)
{
	if (!g->cols) {
		*u = 0;
		*t = 1;
		*sign = k < g->rows ? 1 : -1;
		return;
	}
	{
		size_t i = k / g->w, j = k % g->w;
		bool inner = i < g->rows && j < g->cols, total = i == g->rows && j == g->cols;
		*u = i;
		*t = g->rows + 1 + j;
		*sign = inner || total ? 1 : -1;
	}
}

/* Can the signed value of count k move up (dir 1) or down (dir -1)? */
static bool can_move(const struct graph *g, size_t k, int dir, int sign)
{
	return dir * sign > 0 || g->v[k] >= 2;
}

/* A path from node a to node b over the hidden counts but skip. */
static bool reach(struct graph *g, size_t a, size_t b, size_t skip)
{
	size_t n = g->cols ? (g->rows + 1) * g->w : g->rows + 1, top = 0, k;
	memset(g->seen, 0, g->n_nodes * sizeof *g->seen);
	g->stack[top++] = a;
	g->seen[a] = true;
	while (top) {
		size_t x = g->stack[--top];
		if (x == b)
			return true;
		for (k = 0; k < n; k++) {
			size_t u, t, next;
			int sign;
			if (k == skip || !g->hidden[k])
				continue;
			ends(g, k, &u, &t, &sign);
			/* Up: row to column; down: column to row. */
			if (x == u && can_move(g, k, 1, sign))
				next = t;
			else if (x == t && can_move(g, k, -1, sign))
				next = u;
			else
				continue;
			if (!g->seen[next]) {
				g->seen[next] = true;
				g->stack[top++] = next;
			}
		}
	}
	return false;
}

static void graph_init(struct graph *g, size_t rows, size_t cols,
		       const size_t *v, const bool *hidden)
{
	g->rows = rows;
	g->cols = cols;
	g->w = cols + 1;
	g->v = v;
	g->hidden = hidden;
	g->n_nodes = cols ? rows + cols + 2 : 2;
	g->stack = xcalloc(g->n_nodes + 1, sizeof *g->stack);
	g->seen = xcalloc(g->n_nodes, sizeof *g->seen);
}

static bool derivable(struct graph *g, size_t k)
{
	size_t u, t;
	int sign;
	ends(g, k, &u, &t, &sign);
	return !((can_move(g, k, 1, sign) && reach(g, t, u, k))
		 || (can_move(g, k, -1, sign) && reach(g, u, t, k)));
}

bool report_suppress_derivable(size_t rows, size_t cols, const size_t *v,
			       const bool *hidden, size_t k)
{
	struct graph g;
	bool d;
	graph_init(&g, rows, cols, v, hidden);
	d = derivable(&g, k);
	free(g.stack);
	free(g.seen);
	return d;
}

/* A total (a row's, a column's or the table's)? */
static bool is_total(const struct graph *g, size_t k)
{
	if (!g->cols)
		return k == g->rows;
	return k / g->w == g->rows || k % g->w == g->cols;
}

static bool same_line(const struct graph *g, size_t a, size_t b)
{
	return !g->cols || a / g->w == b / g->w || a % g->w == b % g->w;
}


/* The printed count to hide next for k: the smallest nonzero cell of its
 * row or column, else of a row or column with another hidden count, else
 * the smallest total of its row or column, else any count (totals stay
 * printed as long as cells can do); (size_t)-1 when nothing is left. */
static size_t next_hide(const struct graph *g, size_t k, size_t n)
{
	size_t best = (size_t)-1, pass, j;
	/* Hidden counts in each row and column (1D: all in one). */
	size_t *rh = xcalloc(g->rows + 2, sizeof *rh), *ch = xcalloc(g->w + 1, sizeof *ch);
	for (j = 0; j < n; j++)
		if (g->hidden[j]) {
			rh[g->cols ? j / g->w : 0]++;
			ch[g->cols ? j % g->w : 0]++;
		}
#define near_hidden(g, j, n) (g->cols ? rh[j / g->w] || ch[j % g->w] : rh[0] > 0)
	for (pass = 0; pass < 4 && best == (size_t)-1; pass++)
		for (j = 0; j < n; j++) {
			bool ok;
			if (g->hidden[j] || !g->v[j])
				continue;
			switch (pass) {
			case 0: ok = !is_total(g, j) && same_line(g, j, k); break;
			case 1: ok = !is_total(g, j) && near_hidden(g, j, n); break;
			case 2: ok = same_line(g, j, k); break;
			default: ok = true;
			}
			if (ok && (best == (size_t)-1 || g->v[j] < g->v[best]))
				best = j;
		}
#undef near_hidden
	free(rh);
	free(ch);
	return best;
}

void report_suppress_table(size_t rows, size_t cols, const size_t *v,
			   bool *hidden, int n)
{
	size_t total = cols ? (rows + 1) * (cols + 1) : rows + 1, k;
	struct graph g;

	for (k = 0; k < total; k++)
		hidden[k] = n >= 2 && v[k] > 0 && v[k] < (size_t)n;
	if (n < 2)
		return;
	graph_init(&g, rows, cols, v, hidden);
	/* Only the small counts need a cycle; hiding more only adds edges,
	 * so a count once safe stays safe. */
	for (k = 0; k < total; k++) {
		if (!hidden[k] || v[k] >= (size_t)n)
			continue;
		while (derivable(&g, k)) {
			size_t h = next_hide(&g, k, total);
			if (h == (size_t)-1)
				break;
			hidden[h] = true;
		}
	}
	free(g.stack);
	free(g.seen);
}

/* ---- a report's table ---------------------------------------------------- */

struct report_hide {
	size_t rows, cols;
	bool *hidden;
};

struct report_hide *report_hide_new(const struct report_agg *a, int n)
{
	struct report_hide *h = xcalloc(1, sizeof *h);
	size_t rows = report_agg_size(a, 0), i, j, w;
	size_t cols = report_agg_dim(a, 1) >= 0 ? report_agg_size(a, 1) : 0;
	size_t *v;

	h->rows = rows;
	h->cols = cols;
	w = cols + 1;
	v = xcalloc((rows + 1) * w, sizeof *v);
	h->hidden = xcalloc((rows + 1) * w, sizeof *h->hidden);
	for (i = 0; i < rows; i++) {
		for (j = 0; j < cols; j++)
			v[i * w + j] = report_agg_cell(a, i, j);
		v[cols ? i * w + cols : i] = report_agg_count(a, 0, i);
	}
	for (j = 0; j < cols; j++)
		v[rows * w + j] = report_agg_count(a, 1, j);
	v[cols ? rows * w + cols : rows] = report_agg_total(a);
	report_suppress_table(rows, cols, v, h->hidden, n);
	free(v);
	return h;
}

void report_hide_free(struct report_hide **h)
{
	if (!h || !*h)
		return;
	free((*h)->hidden);
	free(*h);
	*h = NULL;
}

bool report_hide_count(const struct report_hide *h, int axis, size_t i)
{
	size_t w;
	if (!h)
		return false;
	w = h->cols + 1;
	if (axis == 0 && i < h->rows)
		return h->hidden[h->cols ? i * w + h->cols : i];
	if (axis == 1 && i < h->cols)
		return h->hidden[h->rows * w + i];
	return false;
}

bool report_hide_cell(const struct report_hide *h, size_t i, size_t j)
{
	if (!h || i >= h->rows || j >= h->cols)
		return false;
	return h->hidden[i * (h->cols + 1) + j];
}

bool report_hide_total(const struct report_hide *h)
{
	if (!h)
		return false;
	return h->hidden[h->cols ? h->rows * (h->cols + 1) + h->cols : h->rows];
}
