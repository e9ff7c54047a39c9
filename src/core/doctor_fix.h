/* doctor_fix: the repairs of `neuvoo doctor --fix`, on what a check found
 * (doctor.h). */
#ifndef NEUVOO_DOCTOR_FIX_H
#define NEUVOO_DOCTOR_FIX_H

#include "core/doctor.h"

/* Mend what r found that --fix can: create the group, the statistics
 * folder (missing parents 0755 in a shared set-up, 0700 otherwise), give
 * the folder its group and mode; nothing else is changed. done(line, ud)
 * is told each change, in one translated line. 0 when every repair
 * worked, else -1 with *err: the first failure, which ends the repairs. */
int doctor_fix(const struct doctor_env *env, const struct doctor_report *r,
	       void (*done)(const char *line, void *ud), void *ud, char **err);

#endif
