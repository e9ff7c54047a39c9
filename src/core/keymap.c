/* keymap: see keymap.h.
 *
 * Design: the file is parsed by libconfuse with one string-list option per
 * action in every section; a value callback checks each key name while the
 * parser still knows the line, and notices a key bound to two actions in
 * one section. The bindings then become a small array per context: a
 * keymap has a few dozen keys, so a linear look-up is the fastest thing. */
#include <config.h>

#include <confuse.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistr.h>
#include <uniwidth.h>

#include "core/cfgparse.h"
#include "core/err.h"
#include "core/i18n.h"
#include "core/keymap.h"
#include "core/paths.h"

#define COUNT(a) (sizeof(a) / sizeof((a)[0]))

struct action_info {
	const char *name;
	enum action_scope scope;
	const char *help;
};

static const struct action_info actions[ACT__N] = {
	[ACT_NONE] = { NULL, SCOPE_NONE, "" },
#define ACTION_INFO(e, n, sc, h) [ACT_##e] = { n, SCOPE_##sc, h },
	ACTION_LIST(ACTION_INFO)
#undef ACTION_INFO
};

static const struct {
	enum action action;
	const char *name;
} aliases[] = {
#define ACTION_ALIAS(e, n) { ACT_##e, n },
	ACTION_ALIASES(ACTION_ALIAS)
#undef ACTION_ALIAS
};

const char *action_name(enum action a)
{
	return (a > ACT_NONE && a < ACT__N) ? actions[a].name : NULL;
}

const char *action_help(enum action a)
{
	return (a > ACT_NONE && a < ACT__N && actions[a].help)
	       ? actions[a].help : "";
}

enum action action_find(const char *name)
{
	int a;
	size_t i;
	if (!name)
		return ACT_NONE;
	for (a = ACT_NONE + 1; a < ACT__N; a++)
		if (!strcmp(actions[a].name, name))
			return (enum action)a;
	for (i = 0; i < COUNT(aliases); i++)
		if (!strcmp(aliases[i].name, name))
			return aliases[i].action;
	return ACT_NONE;
}

enum action_scope action_scope(enum action a)
{
	return (a > ACT_NONE && a < ACT__N) ? actions[a].scope : SCOPE_NONE;
}

bool action_screen_wide(enum action a)
{
	switch (action_scope(a)) {
	case SCOPE_NAV: case SCOPE_SCREEN: case SCOPE_GLOBAL: case SCOPE_CONTACT:
		return true;
	default:
		return false;
	}
}

int action_focus_index(enum action a)
{
	if (a >= ACT_FOCUS_PANE_1 && a < ACT_FOCUS_PANE_1 + ACTION_FOCUS_N)
		return (int)(a - ACT_FOCUS_PANE_1);
	return -1;
}

enum action action_focus(size_t i)
{
	return i < ACTION_FOCUS_N ? (enum action)(ACT_FOCUS_PANE_1 + (int)i)
				  : ACT_NONE;
}

/* Every name a keymap file may set, in the action table's order, each
 * action's older names right after its own (so bindings keep that order
 * whichever name a file uses). */
struct opt_name {
	const char *name;
	enum action action;
};
#define N_OPT_NAMES (ACT__N - 1 + COUNT(aliases))

static void opt_names(struct opt_name *out)
{
	size_t n = 0, i;
	int a;
	for (a = ACT_NONE + 1; a < ACT__N; a++) {
		out[n].name = actions[a].name;
		out[n++].action = (enum action)a;
		for (i = 0; i < COUNT(aliases); i++)
			if ((int)aliases[i].action == a) {
				out[n].name = aliases[i].name;
				out[n++].action = (enum action)a;
			}
	}
}

/* Named keys; the first name of a key is the one help screens show. */
static const struct {
	const char *name;
	km_key key;
} key_names[] = {
	{ "Tab", KM_TAB }, { "S-Tab", KM_BTAB }, { "BTab", KM_BTAB },
	{ "Enter", KM_ENTER }, { "Return", KM_ENTER },
	{ "Esc", KM_ESC }, { "Escape", KM_ESC },
	{ "Space", KM_SPACE },
	{ "Backspace", KM_BACKSPACE }, { "Delete", KM_DELETE },
	{ "Del", KM_DELETE }, { "Insert", KM_INSERT },
	{ "Up", KM_UP }, { "Down", KM_DOWN }, { "Left", KM_LEFT },
	{ "Right", KM_RIGHT },
	{ "PgUp", KM_PGUP }, { "PageUp", KM_PGUP },
	{ "PgDn", KM_PGDN }, { "PageDown", KM_PGDN },
	{ "Home", KM_HOME }, { "End", KM_END },
};

static int ascii_caseeq(const char *a, const char *b)
{
	for (; *a && *b; a++, b++) {
		char x = *a, y = *b;
		if (x >= 'A' && x <= 'Z')
			x = (char)(x - 'A' + 'a');
		if (y >= 'A' && y <= 'Z')
			y = (char)(y - 'A' + 'a');
		if (x != y)
			return 0;
	}
	return *a == *b;
}

km_key keymap_key_parse(const char *name)
{
	size_t i, len;
	ucs4_t uc;
	int n;

	if (!name || !*name)
		return -1;
	len = strlen(name);
	for (i = 0; i < COUNT(key_names); i++)
		if (ascii_caseeq(name, key_names[i].name))
			return key_names[i].key;
	/* F1 .. F24 */
	if ((name[0] == 'F' || name[0] == 'f') && len >= 2 && len <= 3
	    && name[1] >= '1' && name[1] <= '9'
	    && (len == 2 || (name[2] >= '0' && name[2] <= '9'))) {
		int f = atoi(name + 1);
		if (f >= 1 && f <= 24)
			return KM_F(f);
		return -1;
	}
	/* C-x and ^X */
	if (len == 3 && (name[0] == 'C' || name[0] == 'c') && name[1] == '-') {
		char c = name[2];
		if (c >= 'A' && c <= 'Z')
			c = (char)(c - 'A' + 'a');
		if (c >= 'a' && c <= 'z')
			return KM_CTRL(c);
		return -1;
	}
	if (len == 2 && name[0] == '^') {
		char c = name[1];
		if (c >= 'a' && c <= 'z')
			c = (char)(c - 'a' + 'A');
		if (c >= 'A' && c <= 'Z')
			return KM_CTRL(c);
		return -1;
	}
	/* One printable character. */
	n = u8_mbtoucr(&uc, (const uint8_t *)name, len);
	if (n <= 0 || (size_t)n != len)
		return -1;
	if (!keymap_key_printable((km_key)uc) || uc == ' '
	    || uc_width(uc, "UTF-8") <= 0)
		return -1;
	return (km_key)uc;
}

char *keymap_key_label(km_key key)
{
	const char *l = NULL;
	/* TRANSLATORS: key names as the help and the status line show
	 * them; as written on the keyboards of your language, short. */
	switch (key) {
	case KM_TAB: l = C_("key", "Tab"); break;
	case KM_BTAB: l = C_("key", "S-Tab"); break;
	case KM_ENTER: l = C_("key", "Enter"); break;
	case KM_ESC: l = C_("key", "Esc"); break;
	case KM_SPACE: l = C_("key", "Space"); break;
	case KM_BACKSPACE: l = C_("key", "Backspace"); break;
	case KM_DELETE: l = C_("key", "Delete"); break;
	case KM_INSERT: l = C_("key", "Insert"); break;
	case KM_UP: l = C_("key", "Up"); break;
	case KM_DOWN: l = C_("key", "Down"); break;
	case KM_LEFT: l = C_("key", "Left"); break;
	case KM_RIGHT: l = C_("key", "Right"); break;
	case KM_PGUP: l = C_("key", "PgUp"); break;
	case KM_PGDN: l = C_("key", "PgDn"); break;
	case KM_HOME: l = C_("key", "Home"); break;
	case KM_END: l = C_("key", "End"); break;
	default: break;
	}
	return l ? xstrdup(l) : keymap_key_name(key);
}

bool keymap_key_printable(km_key key)
{
	if (key < 0x20 || key == 0x7f || key >= KEY_SPECIAL)
		return false;
	if (key >= 0x80 && key < 0xa0)
		return false;
	return key < 0x110000;
}

char *keymap_key_name(km_key key)
{
	size_t i;
	uint8_t buf[8];
	int n;

	for (i = 0; i < COUNT(key_names); i++)
		if (key_names[i].key == key)
			return xstrdup(key_names[i].name);
	if (key > KM_F0 && key <= KM_F(24))
		return xasprintf("F%d", key - KM_F0);
	if (key >= 1 && key <= 26)
		return xasprintf("C-%c", 'a' + key - 1);
	if (keymap_key_printable(key)) {
		n = u8_uctomb(buf, (ucs4_t)key, sizeof buf);
		if (n > 0)
			return xstrndup((const char *)buf, (size_t)n);
	}
	return xasprintf("<%d>", key);
}

static const char *const context_names[KM__NCONTEXT] = {
	[KM_GLOBAL] = "global",
	[KM_INTAKE] = "intake",
	[KM_TOPICS] = "topics",
	[KM_REDIRECT] = "redirect",
	[KM_INTERPRETERS] = "interpreters",
	[KM_DIALOG] = "dialog",
	[KM_SCENARIO] = "scenario",
	[KM_REVIEW] = "review",
	[KM_TICKETS] = "tickets",
};

const char *keymap_context_name(enum km_context ctx)
{
	return (unsigned)ctx < KM__NCONTEXT ? context_names[ctx] : NULL;
}

int keymap_context_find(const char *name)
{
	int i;
	for (i = 0; i < KM__NCONTEXT; i++)
		if (name && !strcmp(context_names[i], name))
			return i;
	return -1;
}

struct binding {
	km_key key;
	enum action action;
};

struct bindings {
	struct binding *v;
	size_t n, cap;
};

struct keymap {
	char *path;
	struct bindings ctx[KM__NCONTEXT];
};

static void bind_add(struct bindings *b, km_key key, enum action a)
{
	size_t i;
	for (i = 0; i < b->n; i++)
		if (b->v[i].key == key && b->v[i].action == a)
			return;
	if (b->n == b->cap) {
		b->cap = b->cap ? b->cap * 2 : 16;
		b->v = xrealloc(b->v, b->cap * sizeof *b->v);
	}
	b->v[b->n].key = key;
	b->v[b->n].action = a;
	b->n++;
}

static enum action bind_find(const struct bindings *b, km_key key)
{
	size_t i;
	for (i = 0; i < b->n; i++)
		if (b->v[i].key == key)
			return b->v[i].action;
	return ACT_NONE;
}

static int section_context(cfg_t *sec)
{
	if (!sec || !sec->name)
		return -1;
	if (!strcmp(sec->name, "global"))
		return KM_GLOBAL;
	return keymap_context_find(sec->title);
}

static int key_cb(cfg_t *cfg, cfg_opt_t *opt, const char *value, void *result)
{
	km_key key = keymap_key_parse(value);
	enum action a = action_find(opt->name), old;
	int ctx = section_context(cfg);
	/* What this parse has bound so far (cfgparse's user pointer), to
	 * report a key bound to two actions in one section at the line of
	 * the second. */
	struct keymap *seen = cfgparse_user();

	if (key < 0)
		return cfgparse_error(cfg, value,
				      _("'%s' is not a key name (see neuvoo-keymap(5))"),
				      value);
	if (seen && ctx >= 0) {
		old = bind_find(&seen->ctx[ctx], key);
		if (old != ACT_NONE && old != a)
			return cfgparse_error(cfg, value,
					      _("key '%s' is bound to both %s and %s in this section"),
					      value, action_name(old), opt->name);
		bind_add(&seen->ctx[ctx], key, a);
	}
	*(const char **)result = value;
	return 0;
}

static int pane_title_ok(cfg_t *cfg, cfg_opt_t *opt)
{
	cfg_t *sec = cfg_opt_getnsec(opt, cfg_opt_size(opt) - 1);
	const char *t = sec ? cfg_title(sec) : NULL;
	int ctx = keymap_context_find(t), c, rc;
	char *names, *more;
	if (ctx >= 0 && ctx != KM_GLOBAL)
		return 0;
	/* The list comes from the table, so a new context is never missing
	 * from the message. */
	names = xstrdup("");
	for (c = KM_GLOBAL + 1; c < KM__NCONTEXT; c++) {
		more = xasprintf("%s%s%s", names, *names ? ", " : "", context_names[c]);
		free(names);
		names = more;
	}
	/* TRANSLATORS: the second %s lists the pane names. */
	rc = cfgparse_section_error(cfg, "pane", t, _("no pane named '%s' (%s)"),
				    t ? t : "", names);
	free(names);
	return rc;
}

static void bindings_free(struct bindings *b)
{
	free(b->v);
	memset(b, 0, sizeof *b);
}

int keymap_load(const char *path, struct keymap **out, char **err)
{
	struct opt_name names[N_OPT_NAMES];
	cfg_opt_t sec_opts[N_OPT_NAMES + 1];
	cfg_opt_t top[3];
	cfg_opt_t end = CFG_END();
	cfg_t *cfg;
	struct keymap *km, scratch;
	struct cfgparse_opts opts = { .hint = NULL };
	int c, rc;
	size_t a;
	unsigned j, n;

	*out = NULL;
	opt_names(names);
	for (a = 0; a < N_OPT_NAMES; a++) {
		cfg_opt_t o = CFG_STR_LIST_CB(names[a].name, NULL,
					      CFGF_NODEFAULT, key_cb);
		sec_opts[a] = o;
	}
	sec_opts[N_OPT_NAMES] = end;
	{
		cfg_opt_t g = CFG_SEC("global", sec_opts, CFGF_NONE);
		cfg_opt_t p = CFG_SEC("pane", sec_opts, CFGF_MULTI | CFGF_TITLE | CFGF_NO_TITLE_DUPES);
		top[0] = g;
		top[1] = p;
		top[2] = end;
	}
	cfg = cfg_init(top, CFGF_NONE);
	if (!cfg) {
		err_set(err, _("%s: cannot set up the keymap parser"), path);
		return -1;
	}
	cfg_set_validate_func(cfg, "pane", pane_title_ok);
	memset(&scratch, 0, sizeof scratch);
	opts.user = &scratch;
	rc = cfgparse_file_opts(cfg, path, &opts, err);
	for (c = 0; c < KM__NCONTEXT; c++)
		bindings_free(&scratch.ctx[c]);
	if (rc != 0) {
		cfg_free(cfg);
		return -1;
	}

	km = xcalloc(1, sizeof *km);
	km->path = xstrdup(path);
	for (c = 0; c < KM__NCONTEXT; c++) {
		cfg_t *sec;
		if (c == KM_GLOBAL)
			sec = cfg_getsec(cfg, "global");
		else
			sec = cfg_gettsec(cfg, "pane", context_names[c]);
		if (!sec)
			continue;
		for (a = 0; a < N_OPT_NAMES; a++) {
			n = cfg_size(sec, names[a].name);
			for (j = 0; j < n; j++) {
				km_key k = keymap_key_parse(cfg_getnstr(sec, names[a].name, j));
				if (k >= 0 && bind_find(&km->ctx[c], k) == ACT_NONE)
					bind_add(&km->ctx[c], k, names[a].action);
			}
		}
	}
	cfg_free(cfg);
	*out = km;
	return 0;
}

void keymap_free(struct keymap **km)
{
	int c;
	if (!km || !*km)
		return;
	for (c = 0; c < KM__NCONTEXT; c++)
		bindings_free(&(*km)->ctx[c]);
	free((*km)->path);
	free(*km);
	*km = NULL;
}

const char *keymap_path(const struct keymap *km)
{
	return km ? km->path : NULL;
}

static int is_file(const char *path)
{
	struct stat st;
	return stat(path, &st) == 0 && S_ISREG(st.st_mode);
}

char *keymap_find(const char *name, char **err)
{
	char **dirs, *path, *where;

	if (!name || !*name)
		name = "default";
	if (strchr(name, '/')) {
		if (is_file(name))
			return xstrdup(name);
		err_set(err, _("%s: no such keymap file"), name);
		return NULL;
	}
	/* The user's own, the site's, then the bundled one. */
	dirs = paths_search("keymaps", true);
	path = paths_search_file(dirs, name);
	if (!path) {
		where = paths_list_join(dirs, ", ");
		err_set(err, _("no keymap named '%s' (looked in %s); see neuvoo-keymap(5)"),
			name, where);
		free(where);
	}
	paths_list_free(&dirs);
	return path;
}

enum action keymap_lookup_own(const struct keymap *km, enum km_context ctx,
			      km_key key)
{
	if (!km || (unsigned)ctx >= KM__NCONTEXT)
		return ACT_NONE;
	return bind_find(&km->ctx[ctx], key);
}

enum action keymap_lookup(const struct keymap *km, enum km_context ctx,
			  km_key key)
{
	enum action a = keymap_lookup_own(km, ctx, key);
	if (a == ACT_NONE && ctx != KM_GLOBAL)
		a = keymap_lookup_own(km, KM_GLOBAL, key);
	return a;
}

size_t keymap_keys_for(const struct keymap *km, enum km_context ctx,
		       enum action a, km_key *keys, size_t max)
{
	size_t n = 0, i;
	const struct bindings *b;

	if (!km || (unsigned)ctx >= KM__NCONTEXT)
		return 0;
	b = &km->ctx[ctx];
	for (i = 0; i < b->n && n < max; i++)
		if (b->v[i].action == a)
			keys[n++] = b->v[i].key;
	if (ctx == KM_GLOBAL)
		return n;
	b = &km->ctx[KM_GLOBAL];
	for (i = 0; i < b->n && n < max; i++)
		if (b->v[i].action == a
		    && keymap_lookup_own(km, ctx, b->v[i].key) == ACT_NONE)
			keys[n++] = b->v[i].key;
	return n;
}
