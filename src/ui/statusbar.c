/* statusbar: see statusbar.h. The right part keeps at most half the line
 * beside a message so that the message has room (and pushes out its own
 * leading " | " fields rather than cut the state at its end); a message
 * that still does not fit
 * (a save's summary in Finnish at 80 columns) pushes out the right part's
 * leading " | " fields, the desk name first, while it shows. */
#include <config.h>

#include <stdlib.h>
#include <string.h>

#include "core/text.h"
#include "ui/draw.h"
#include "ui/statusbar.h"
#include "ui/theme.h"

void statusbar_draw(WINDOW *w, const char *left, const char *right,
		    bool error)
{
	int h, width, rw = 0, lx;
	attr_t base = theme_attr(TH_STATUS);
	if (!w)
		return;
	getmaxyx(w, h, width);
	if (h < 1 || width < 1)
		return;
	ui_fill(w, 0, 0, width, base);
	if (right && *right && left && *left) {
		int need = (int)text_width(left) + 2;
		const char *sep;
		while (need + (int)text_width(right) > width &&
		       (sep = strstr(right, " | ")) != NULL)
			right = sep + 3;
	}
	if (right && *right) {
		/* Half the line beside a message, else all of it; what does not
		 * fit loses its leading fields, so the contact's state at the
		 * end always shows. */
		int room = left && *left ? width / 2 : width - 1;
		const char *sep;
		while ((int)text_width(right) > room &&
		       (sep = strstr(right, " | ")) != NULL)
			right = sep + 3;
		rw = (int)text_width(right);
		if (rw > room)
			rw = room;
		ui_put_cut(w, 0, width - rw, rw, right, base);
	}
	lx = 1;
	/* Messages can quote data (service ids, file names): sanitized. */
	if (left && *left && width - rw - lx - 1 > 0) {
		char *clean = text_sanitize(left);
		ui_put_cut(w, 0, lx, width - rw - lx - 1, clean,
			   theme_attr(error ? TH_STATUS_ERROR : TH_STATUS));
		free(clean);
	}
}
