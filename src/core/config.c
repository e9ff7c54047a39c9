/* config: PLACEHOLDER, replaced by the real layered loader. */
#include <config.h>
#include <stdlib.h>
#include "core/config.h"
#include "core/err.h"

int config_load(struct config **out, const struct cli_opts *cli,
		const char *sysconfdir, char **err)
{
	(void)cli; (void)sysconfdir; (void)err;
	*out = xcalloc(1, sizeof **out);
	return 0;
}

void config_free(struct config **cfg)
{
	if (cfg && *cfg) {
		free(*cfg);
		*cfg = NULL;
	}
}
