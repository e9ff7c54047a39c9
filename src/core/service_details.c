/* service_details: see service_details.h. Moved here from the desk's
 * details window so that the command line shows the same rows. */
#include <config.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/err.h"
#include "core/hours.h"
#include "core/i18n.h"
#include "core/service_details.h"

int service_details_age_months(const char *ymd, const struct tm *now)
{
	int y, m, d, months;
	char tail;
	if (!ymd || sscanf(ymd, "%4d-%2d-%2d%c", &y, &m, &d, &tail) != 3 ||
	    hours_date_days(ymd) < 0 || m < 1 || m > 12)
		return -1;
	months = (now->tm_year + 1900 - y) * 12 + (now->tm_mon + 1 - m);
	if (now->tm_mday < d)
		months--;
	return months < 0 ? 0 : months;
}

char *service_details_age_text(const char *ymd, const struct tm *now)
{
	int n = service_details_age_months(ymd, now);
	if (n < 0)
		return xstrdup(_("never checked"));
	if (n == 0)
		return xstrdup(_("checked this month"));
	return xasprintf(ngettext("checked %d month ago", "checked %d months ago", n), n);
}

char *service_details_address(const struct cat_service_info *in, const char *ui)
{
	const char *st = catalogue_text(&in->street, ui);
	const char *po = catalogue_text(&in->post_office, ui);
	const char *num = in->street_number ? in->street_number : "";
	const char *pc = in->postal_code ? in->postal_code : "";
	char *out;
	if (!*st && !*po && !*pc)
		return in->address ? xstrdup(in->address) : NULL;
	/* "Street 1", then ", 00100 City", each part only when known. */
	out = xasprintf("%s%s%s%s%s%s%s", st, *st && *num ? " " : "", *st ? num : "",
			*st && (*pc || *po) ? ", " : "", pc, *pc && *po ? " " : "", po);
	if (!catalogue_country_finland(in->country)) {
		char *t = xasprintf("%s, %s", out, in->country);
		free(out);
		out = t;
	}
	return out;
}

/* "Helsinki (091)": the municipality's name and code, as known. */
static char *municipality(const struct cat_service_info *in, const char *ui)
{
	const char *name = catalogue_text(&in->municipality_name, ui);
	const char *code = in->municipality_code;
	if (!*name && in->municipality)
		name = in->municipality;
	if (!*name && !code)
		return NULL;
	if (!code)
		return xstrdup(name);
	return *name ? xasprintf("%s (%s)", name, code) : xstrdup(code);
}

/* "closed now, opens Mon 8.15" (today: "opens at 13.00"); without an
 * opening in the next two weeks, "closed now". */
static char *closed_text(const struct hours *h, const struct tm *now)
{
	struct tm at = *now, next_tm;
	time_t t = mktime(&at), next = hours_next_open(h, t, 14);
	char *when = NULL, *r;
	if (!next || !localtime_r(&next, &next_tm) || i18n_format_time(next, &when) != 0) {
		free(when);
		return xstrdup(_("closed now"));
	}
	if (next_tm.tm_year == at.tm_year && next_tm.tm_yday == at.tm_yday)
		/* TRANSLATORS: %s is a time, e.g. 13.00. */
		r = xasprintf(_("closed now, opens at %s"), when);
	else
		/* TRANSLATORS: a short weekday and a time: "Mon 8.15". */
		r = xasprintf(_("closed now, opens %s %s"),
			      hours_day_label((next_tm.tm_wday + 6) % 7), when);
	free(when);
	return r;
}

void service_details(struct catalogue *cat, size_t si, const char *ui,
		     const struct tm *now, service_details_fn fn, void *ctx)
{
	const struct cat_service *s = &cat->services[si];
	const struct cat_org *org = catalogue_service_org(cat, s);
	enum hours_state open = hours_state_at(&s->hours, now);
	static const struct cat_service_info none;
	const struct cat_service_info *in;
	char *why = NULL, *hours, *langs, *age;
	size_t i;

	if (org)
		fn(ctx, _("Organisation"), catalogue_text(&org->name, ui));
	/* A lean catalogue fetches the details now; without them the rows
	 * that need no details are still shown. */
	in = catalogue_service_info(cat, si, &why);
	if (!in) {
		fn(ctx, _("Details"), why);
		in = &none;
	}
	free(why);
	/* A lean catalogue's descriptions come with the details. */
	if (*catalogue_text(&s->description, ui))
		fn(ctx, _("What"), catalogue_text(&s->description, ui));
	else if (*catalogue_text(&in->description, ui))
		fn(ctx, _("What"), catalogue_text(&in->description, ui));
	for (i = 0; i < in->n_phones; i++) {
		const char *lab = catalogue_text(&in->phones[i].label, ui);
		const char *num = in->phones[i].number ? in->phones[i].number : "";
		char *v = *lab ? xasprintf("%s (%s)", num, lab) : xstrdup(num);
		fn(ctx, _("Phone"), v);
		free(v);
	}
	if (in->email)
		fn(ctx, _("E-mail"), in->email);
	if (in->web)
		fn(ctx, _("Web"), in->web);
	hours = hours_format_local(&s->hours);
	{
		char *state = open == HOURS_OPEN ? xstrdup(_("open now"))
			      : open == HOURS_CLOSED ? closed_text(&s->hours, now)
			      : xstrdup("");
		char *v = *hours ? xasprintf("%s%s%s", hours, *state ? "; " : "", state)
				 : xstrdup(_("not known"));
		fn(ctx, _("Hours"), v);
		free(v);
		free(state);
	}
	free(hours);
	if (*catalogue_text(&in->eligibility, ui))
		fn(ctx, _("Who for"), catalogue_text(&in->eligibility, ui));
	{
		char *addr = service_details_address(in, ui);
		char *mu = municipality(in, ui);
		if (addr)
			fn(ctx, _("Address"), addr);
		/* Only when the address does not already name it. */
		if (mu && (in->municipality_code || !addr || !strstr(addr, mu)))
			fn(ctx, _("Municipality"), mu);
		free(addr);
		free(mu);
	}
	fn(ctx, _("Appointment"), codes_label(CODES_APPOINTMENT, (int)in->appointment));
	langs = xstrdup("");
	for (i = 0; i < s->n_languages; i++) {
		char *t = xasprintf("%s%s%s", langs, i ? " " : "", s->languages[i]);
		free(langs);
		langs = t;
	}
	if (*langs)
		fn(ctx, _("Languages"), langs);
	free(langs);
	if (in->attributes)
		fn(ctx, _("Features"), in->attributes);
	age = service_details_age_text(in->verified, now);
	if (service_details_age_months(in->verified, now) >= 0) {
		char *day = i18n_format_ymd(in->verified);
		char *v = xasprintf("%s, %s", day, age);
		fn(ctx, _("Checked"), v);
		free(v);
		free(day);
	} else {
		fn(ctx, _("Checked"), age);
	}
	free(age);
}
