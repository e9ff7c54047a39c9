/* date: see date.h. mktime() does the time zone work: a local midnight
 * is asked for with tm_isdst = -1, and the next day's midnight by day + 1
 * (mktime normalises the month end). */
#include <config.h>

#include <stdio.h>
#include <string.h>

#include "core/date.h"

int date_parse(const char *s, int *y, int *m, int *d)
{
	static const int mdays[12] = { 31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31 };
	int v[3] = { 0, 0, 0 }, i, k = 0;

	if (!s || strlen(s) != 10 || s[4] != '-' || s[7] != '-')
		return -1;
	for (i = 0; i < 10; i++) {
		if (i == 4 || i == 7) {
			k++;
			continue;
		}
		if (s[i] < '0' || s[i] > '9')
			return -1;
		v[k] = v[k] * 10 + (s[i] - '0');
	}
	if (v[0] < 1900 || v[1] < 1 || v[1] > 12 || v[2] < 1
	    || v[2] > mdays[v[1] - 1])
		return -1;
	if (v[1] == 2 && v[2] == 29
	    && !(v[0] % 4 == 0 && (v[0] % 100 != 0 || v[0] % 400 == 0)))
		return -1;
	if (y)
		*y = v[0];
	if (m)
		*m = v[1];
	if (d)
		*d = v[2];
	return 0;
}

bool date_valid(const char *s)
{
	return date_parse(s, NULL, NULL, NULL) == 0;
}

static time_t local_midnight(int y, int m, int d)
{
	struct tm tm;
	memset(&tm, 0, sizeof tm);
	tm.tm_year = y - 1900;
	tm.tm_mon = m - 1;
	tm.tm_mday = d;
	tm.tm_isdst = -1;
	return mktime(&tm);
}

int date_local_day(const char *date, time_t *start, time_t *end)
{
	int y, m, d;
	if (date_parse(date, &y, &m, &d))
		return -1;
	*start = local_midnight(y, m, d);
	*end = local_midnight(y, m, d + 1);
	return *start == (time_t)-1 || *end == (time_t)-1 ? -1 : 0;
}

void date_format(time_t t, char buf[DATE_LEN])
{
	struct tm tm;
	localtime_r(&t, &tm);
	if (strftime(buf, DATE_LEN, "%Y-%m-%d", &tm) == 0)
		strcpy(buf, "0000-00-00");
}

void date_iso(time_t t, long offset, char buf[DATE_ISO_LEN])
{
	time_t local = t + offset;
	struct tm tm;
	long off = offset < 0 ? -offset : offset;
	char date[20];
	gmtime_r(&local, &tm);
	if (strftime(date, sizeof date, "%Y-%m-%dT%H:%M:%S", &tm) == 0)
		strcpy(date, "0000-00-00T00:00:00");
	snprintf(buf, DATE_ISO_LEN, "%.19s%c%02ld:%02ld", date,
		 offset < 0 ? '-' : '+', (off / 3600) % 100, (off % 3600) / 60);
}

void date_iso_local(time_t t, char buf[DATE_ISO_LEN])
{
	struct tm tm;
	localtime_r(&t, &tm);
	date_iso(t, tm.tm_gmtoff, buf);
}
