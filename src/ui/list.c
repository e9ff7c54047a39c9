/* list: see list.h. */
#include <config.h>

#include "ui/list.h"

void list_init(struct list *l)
{
	l->n = l->cur = l->top = 0;
	l->page = 1;
}

void list_set_count(struct list *l, size_t n)
{
	l->n = n;
	if (n == 0)
		l->cur = l->top = 0;
	else if (l->cur >= n)
		l->cur = n - 1;
	if (l->top > l->cur)
		l->top = l->cur;
}

void list_select(struct list *l, size_t i)
{
	if (l->n == 0)
		return;
	l->cur = i < l->n ? i : l->n - 1;
}

bool list_move(struct list *l, enum action a)
{
	size_t old = l->cur, page = l->page > 1 ? (size_t)l->page - 1 : 1;
	if (l->n == 0)
		return false;
	switch (a) {
	case ACT_UP:
		if (l->cur > 0)
			l->cur--;
		break;
	case ACT_DOWN:
		if (l->cur + 1 < l->n)
			l->cur++;
		break;
	case ACT_PAGE_UP:
		l->cur = l->cur > page ? l->cur - page : 0;
		break;
	case ACT_PAGE_DOWN:
		l->cur = l->cur + page < l->n ? l->cur + page : l->n - 1;
		break;
	case ACT_HOME:
		l->cur = 0;
		break;
	case ACT_END:
		l->cur = l->n - 1;
		break;
	default:
		return false;
	}
	return l->cur != old;
}

void list_draw(struct list *l, WINDOW *w, int y, int x, int h, int width,
	       list_row_fn row, void *ctx)
{
	list_draw_tall(l, w, y, x, h, width, 1, row, ctx);
}

void list_draw_tall(struct list *l, WINDOW *w, int y, int x, int lines,
		    int width, int tall, list_row_fn row, void *ctx)
{
	size_t i;
	int h = tall > 0 ? lines / tall : 0;
	if (h < 1 || width < 1)
		return;
	l->page = h;
	/* Keep the highlight in view, moving the view as little as possible. */
	if (l->cur < l->top)
		l->top = l->cur;
	else if (l->cur >= l->top + (size_t)h)
		l->top = l->cur - (size_t)h + 1;
	if (l->top + (size_t)h > l->n)
		l->top = l->n > (size_t)h ? l->n - (size_t)h : 0;
	for (i = 0; i < (size_t)h && l->top + i < l->n; i++)
		row(ctx, w, y + (int)i * tall, x, width, l->top + i,
		    l->top + i == l->cur);
}
