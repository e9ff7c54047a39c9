/* tree_installed: tree_init() of the installed program (see tree.h): the
 * configured folders of core/dirs.h are all it uses. */
#include <config.h>

#include "tree.h"

void tree_init(void)
{
}
