/* hsds: Open Referral Human Services Data Specification (HSDS) tabular
 * packages: a folder of CSV files, one table a file.
 *
 * Import reads both the 1.x file names (organizations.csv, services.csv,
 * phones.csv, languages.csv, regular_schedules.csv, holiday_schedules.csv,
 * locations.csv, physical_addresses.csv, service_at_location.csv,
 * eligibility.csv) and the 3.x ones (organization.csv, service.csv,
 * phone.csv, language.csv, schedule.csv, location.csv, address.csv, ...);
 * organization(s).csv and service(s).csv are required, the rest optional.
 * Rows that cannot be used are reported through warn ("FILE:LINE: what is
 * wrong") and skipped (`catalogue import` then publishes nothing unless
 * --keep-going: core/catalogue_import); a missing required file, an
 * unreadable one, or one whose header is a single column (saved with
 * semicolons or tabs) fails the import. Language names and taxonomy
 * terms become codes and topics through the mapping tables
 * hsds-languages.csv and hsds-taxonomy.csv (core/mapping). A phone
 * belongs to a service, a service at a location, a location or an
 * organisation; a service without its own gets its locations', else its
 * organisation's.
 *
 * HSDS has one language per text, so neuvoo adds columns other tools
 * ignore: name_fi, name_sv, name_en, description_LL, eligibility_LL on
 * services and organisations (a plain `name` is the Finnish name when the
 * file has no name_fi column), x_kind and x_municipality on organisations,
 * keywords, topics (;-joined topic codes), appointment (no, yes,
 * sometimes) and verified (YYYY-MM-DD) on services, description_LL on
 * phones; and files x_meta.csv (key,value), x_languages.csv (code,
 * name_fi, name_sv, name_en, native), x_resources.csv,
 * x_resource_languages.csv and x_resource_hours.csv.
 *
 * Export writes the 3.x names plus those extensions, each file written
 * under a temporary name and renamed into place once all are complete
 * (core/atomic, the folder synced after), so that importing an export
 * gives back an equal catalogue. The files and columns of both
 * directions are one table, hsds_cols.c. */
#ifndef NEUVOO_HSDS_H
#define NEUVOO_HSDS_H

#include "core/catalogue.h"

int hsds_import(const char *dir, struct catalogue **out,
		void (*warn)(void *ctx, const char *msg), void *ctx,
		char **err);
/* The same for `catalogue import`: every row that cannot be used is a
 * problem of log, and what it leaves out on purpose (inactive services)
 * a note. */
struct import_log;
int hsds_import_log(const char *dir, struct catalogue **out,
		    struct import_log *log, char **err);
int hsds_export(const struct catalogue *cat, const char *dir, char **err);

#endif
