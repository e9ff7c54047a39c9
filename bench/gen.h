/* gen: a generated catalogue for the benchmarks, from a fixed-seed PRNG:
 * Finnish, Swedish and English names and descriptions (~200 bytes each)
 * built from parallel word lists, compounds and inflections as Finnish
 * makes them, street addresses, keywords, topics and organisations. The
 * same services on every machine. */
#ifndef NEUVOO_BENCH_GEN_H
#define NEUVOO_BENCH_GEN_H

#include <stddef.h>

#include "core/catalogue.h"

/* Adds n services (ids svc-NNNNNN) and 1 + n / 50 organisations to cat. */
void gen_services(struct catalogue *cat, size_t n);

#endif
