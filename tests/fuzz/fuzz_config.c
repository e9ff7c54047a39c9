/* fuzz_config: the layered configuration on an arbitrary --config file.
 *
 * The bytes become the file given with --config; the system folder and the
 * user's XDG folder are empty, so only this file is read. Invariants: the
 * load either succeeds with every value set, or fails with EXIT_USAGE and
 * one line naming the file. */
#include <config.h>

#include "fuzz_util.h"

#include "core/config.h"
#include "core/err.h"

static char *conf_path;
static char *sys_dir;

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
	(void)argc;
	(void)argv;
	fuzz_setup();
	conf_path = fuzz_path("fuzz.conf");
	sys_dir = fuzz_path("sysconf");	/* never created: no system file */
	return 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct cli_opts cli = { 0 };
	struct config *cfg = NULL;
	char *err = NULL;
	int rc;

	fuzz_write(conf_path, data, size);
	cli.config_file = conf_path;
	rc = config_load(&cfg, &cli, sys_dir, &err);
	if (rc == 0) {
		FUZZ_ASSERT(cfg && !err, "success without a config, or with an error");
		FUZZ_ASSERT(cfg->catalogue && cfg->stats_dir && cfg->desk &&
			    cfg->default_channel && cfg->default_language &&
			    cfg->default_interpreter && cfg->default_outcome,
			    "a value is missing after a successful load");
		config_free(&cfg);
		FUZZ_ASSERT(!cfg, "config_free did not clear the pointer");
	} else {
		FUZZ_ASSERT(rc == EXIT_USAGE, "status %d", rc);
		FUZZ_ASSERT(!cfg, "a failed load left a config");
		fuzz_one_line("config_load", err);
		FUZZ_ASSERT(!strncmp(err, conf_path, strlen(conf_path)),
			    "the message does not start with the file: %s", err);
	}
	err_free(&err);
	return 0;
}
