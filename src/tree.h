/* tree: where the program's own files are, decided at link time.
 *
 * Two objects implement tree_init(): tree_build.c is linked into the
 * uninstalled src/neuvoo and registers the source and build trees (bundled
 * data from the source tree, translations from the build tree's locale/),
 * so the program runs from any folder without being installed;
 * tree_installed.c is linked into the program that `make install` installs
 * and registers nothing, so no build folder is compiled into it. */
#ifndef NEUVOO_TREE_H
#define NEUVOO_TREE_H

/* Called first thing in main(). */
void tree_init(void);

#endif
