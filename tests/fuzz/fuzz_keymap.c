/* fuzz_keymap: keymap files and key names on arbitrary bytes.
 *
 * The bytes are written to a file and loaded with keymap_load(). Invariants:
 * a load fails with one line naming the file, or gives a keymap whose
 * look-ups answer for every context and key; every key bound has a name
 * that parses back to the same key. The bytes (to the first NUL) are also
 * parsed as a key name, and a key that parses has a name that parses back
 * to it. */
#include <config.h>

#include "fuzz_util.h"

#include "core/err.h"
#include "core/keymap.h"

static char *path;

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
	(void)argc;
	(void)argv;
	fuzz_setup();
	path = fuzz_path("fuzz.keymap");
	return 0;
}

static void key_round_trip(km_key k)
{
	char *name = keymap_key_name(k);
	FUZZ_ASSERT(name && *name, "key %d has no name", k);
	FUZZ_ASSERT(keymap_key_parse(name) == k,
		    "key %d is named \"%s\", which parses as %d", k, name,
		    keymap_key_parse(name));
	free(name);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static const km_key probe[] = { KM_TAB, KM_ESC, KM_SPACE, 'a', 'j', '/',
		0xe4, KM_CTRL('l'), KM_UP, KM_DOWN, KM_F(1), KM_F(10), KM_F(24),
		KM_BTAB, KM_ENTER, -1, 0, 0x10ffff };
	struct keymap *km = NULL;
	char *err = NULL, *s = fuzz_str(data, size);
	km_key k = keymap_key_parse(s);
	int c;
	size_t i;

	if (k >= 0)
		key_round_trip(k);
	free(s);

	fuzz_write(path, data, size);
	if (keymap_load(path, &km, &err) != 0) {
		FUZZ_ASSERT(!km, "a failed load left a keymap");
		fuzz_one_line("keymap_load", err);
		FUZZ_ASSERT(!strncmp(err, path, strlen(path)),
			    "the message does not start with the file: %s", err);
		err_free(&err);
		return 0;
	}
	FUZZ_ASSERT(km && !strcmp(keymap_path(km), path), "keymap path");
	for (c = 0; c < KM__NCONTEXT; c++) {
		int a;
		for (i = 0; i < sizeof probe / sizeof probe[0]; i++) {
			enum action x = keymap_lookup(km, (enum km_context)c, probe[i]);
			FUZZ_ASSERT(x >= ACT_NONE && x < ACT__N, "action %d", (int)x);
			(void)keymap_lookup_own(km, (enum km_context)c, probe[i]);
		}
		for (a = ACT_NONE + 1; a < ACT__N; a++) {
			km_key keys[8];
			size_t n = keymap_keys_for(km, (enum km_context)c,
						   (enum action)a, keys, 8), j;
			FUZZ_ASSERT(n <= 8, "%zu keys", n);
			for (j = 0; j < n; j++) {
				enum action got = keymap_lookup(km,
					(enum km_context)c, keys[j]);
				FUZZ_ASSERT((int)got == a, "key %d is listed for "
					    "action %d but looks up %d", keys[j], a,
					    (int)got);
				key_round_trip(keys[j]);
			}
		}
	}
	keymap_free(&km);
	FUZZ_ASSERT(!km, "keymap_free did not clear the pointer");
	return 0;
}
