/* train_run: TEMPORARY stand-in until the training screen lands (the desk
 * side replaces this file with the real screen). It says so plainly and
 * fails, so that nothing pretends a training run happened. */
#include <config.h>

#include "cmd/train_run.h"
#include "core/err.h"
#include "core/i18n.h"

int train_run(struct app *app, const struct scenario *sc, const char *trainee)
{
	(void)app; (void)sc; (void)trainee;
	return cmd_fail(EXIT_RUNTIME, _("the training screen is not available in this build yet"));
}
