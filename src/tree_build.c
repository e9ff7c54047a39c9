/* tree_build: tree_init() of the uninstalled program (see tree.h). */
#include <config.h>

#include "build_dirs.h"
#include "core/paths.h"
#include "tree.h"

void tree_init(void)
{
	paths_use_build_tree(BUILD_DATADIR, BUILD_LOCALEDIR);
}
