/* cmd_review: placeholder until its issue lands; says so plainly. */
#include <config.h>

#include "cmd/cmd.h"
#include "core/err.h"
#include "core/i18n.h"

int cmd_review(struct app *app, int argc, char **argv)
{
	(void)app; (void)argc; (void)argv;
	return cmd_fail(EXIT_RUNTIME, _("this command is not available in this version yet"));
}
