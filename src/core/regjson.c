/* regjson: see regjson.h.
 *
 * json-c was chosen over jansson for its incremental tokener
 * (json_tokener_parse_ex): a page is fed in chunks as it is read, a
 * truncated file is told apart from a broken one, and the byte where
 * parsing stopped names the place in the message. */
#include <config.h>

#include <ctype.h>
#include <dirent.h>
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>

#include "core/err.h"
#include "core/hours.h"
#include "core/i18n.h"
#include "core/paths.h"
#include "core/regjson.h"
#include "core/text.h"

/* ---- problems ------------------------------------------------------------ */

void regjson_problems_free(struct regjson_problems *p)
{
	size_t i;
	for (i = 0; i < p->n; i++)
		free(p->v[i].text);
	free(p->v);
	p->v = NULL;
	p->n = 0;
}

size_t regjson_problems_dropped(const struct regjson_problems *p)
{
	size_t i, n = 0;
	for (i = 0; i < p->n; i++)
		n += p->v[i].dropped;
	return n;
}

void regjson_begin(struct regjson *j, struct regjson_problems *probs)
{
	memset(j, 0, sizeof *j);
	j->cat = catalogue_new();
	j->probs = probs;
}

static int cmp_lang(const void *a, const void *b)
{
	const struct cat_language *x = a, *y = b;
	return strcmp(x->code, y->code);
}

void regjson_end(struct regjson *j)
{
	if (j->cat && j->cat->n_languages > 1)
		qsort(j->cat->languages, j->cat->n_languages,
		      sizeof *j->cat->languages, cmp_lang);
	strmap_clear(&j->langs);
	free(j->id);
	j->id = NULL;
}

void regjson_at(struct regjson *j, size_t item, const char *id)
{
	free(j->id);
	j->id = id ? xstrdup(id) : NULL;
	j->item = item;
}

void regjson_problem(struct regjson *j, bool dropped, const char *fmt, ...)
{
	va_list ap;
	char *what = NULL, *msg;
	struct regjson_problem *p;
	va_start(ap, fmt);
	err_vset(&what, fmt, ap);
	va_end(ap);
	if (j->item && j->id)
		msg = xasprintf(_("%s: item %zu (%s): %s"), j->file, j->item, j->id, what);
	else if (j->item)
		msg = xasprintf(_("%s: item %zu: %s"), j->file, j->item, what);
	else if (j->file)
		msg = xasprintf("%s: %s", j->file, what);
	else
		msg = xstrdup(what);
	j->probs->v = xrealloc(j->probs->v, (j->probs->n + 1) * sizeof *j->probs->v);
	p = &j->probs->v[j->probs->n++];
	p->text = text_sanitize(msg);
	p->dropped = dropped;
	free(msg);
	free(what);
}

/* ---- files ----------------------------------------------------------------- */

static int cmp_str(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

static void push(char ***v, size_t *n, char *s)
{
	*v = xrealloc(*v, (*n + 1) * sizeof **v);
	(*v)[(*n)++] = s;
}

int regjson_files(char *const *paths, size_t n, char ***files, size_t *nf,
		  char **err)
{
	size_t i;
	*files = NULL;
	*nf = 0;
	for (i = 0; i < n; i++) {
		struct stat st;
		DIR *d;
		struct dirent *e;
		size_t first = *nf;
		if (stat(paths[i], &st) != 0) {
			err_set(err, _("%s: %s; give page files or folders of them"),
				paths[i], strerror(errno));
			regjson_files_free(files, *nf);
			*nf = 0;
			return -1;
		}
		if (!S_ISDIR(st.st_mode)) {
			push(files, nf, xstrdup(paths[i]));
			continue;
		}
		d = opendir(paths[i]);
		if (!d) {
			err_set(err, _("%s: %s; give page files or folders of them"),
				paths[i], strerror(errno));
			regjson_files_free(files, *nf);
			*nf = 0;
			return -1;
		}
		while ((e = readdir(d))) {
			size_t l = strlen(e->d_name);
			if (e->d_name[0] != '.' && l > 5 &&
			    !strcmp(e->d_name + l - 5, ".json"))
				push(files, nf, paths_join(paths[i], e->d_name));
		}
		closedir(d);
		qsort(*files + first, *nf - first, sizeof **files, cmp_str);
	}
	return 0;
}

void regjson_files_free(char ***files, size_t nf)
{
	size_t i;
	for (i = 0; *files && i < nf; i++)
		free((*files)[i]);
	free(*files);
	*files = NULL;
}

int regjson_read(const char *path, json_object **out, char **err)
{
	FILE *f = fopen(path, "rb");
	json_tokener *tok;
	char *buf;
	size_t total = 0, got;
	json_object *obj = NULL;
	enum json_tokener_error je = json_tokener_continue;
	int rc = -1;

	*out = NULL;
	if (!f) {
		err_set(err, _("%s: %s"), path, strerror(errno));
		return -1;
	}
	tok = json_tokener_new_ex(64);
	buf = xmalloc(65536);
	while (je == json_tokener_continue && (got = fread(buf, 1, 65536, f)) > 0) {
		if (total + got > REGJSON_FILE_MAX) {
			err_set(err, _("%s: larger than %zu MB; split it into pages"),
				path, REGJSON_FILE_MAX >> 20);
			goto out;
		}
		obj = json_tokener_parse_ex(tok, buf, (int)got);
		je = json_tokener_get_error(tok);
		if (je == json_tokener_success) {
			/* Only blanks may follow the value. */
			size_t k = json_tokener_get_parse_end(tok);
			for (; k < got; k++)
				if (!isspace((unsigned char)buf[k]))
					break;
			if (k < got) {
				err_set(err, _("%s: byte %zu: text after the JSON value"),
					path, total + k + 1);
				goto out;
			}
		} else if (je != json_tokener_continue) {
			err_set(err, _("%s: byte %zu: not valid JSON (%s)"), path,
				total + json_tokener_get_parse_end(tok) + 1,
				json_tokener_error_desc(je));
			goto out;
		}
		total += got;
	}
	if (ferror(f)) {
		err_set(err, _("%s: %s"), path, strerror(errno));
		goto out;
	}
	if (je == json_tokener_continue) {
		/* A number alone at the end is complete without a delimiter. */
		obj = json_tokener_parse_ex(tok, "", 1);
		je = json_tokener_get_error(tok);
		if (je != json_tokener_success) {
			obj = NULL;
			err_set(err, total ? _("%s: the JSON ends early (truncated after %zu bytes); fetch the page again")
				: _("%s: empty file (%zu bytes); fetch the page again"), path, total);
			goto out;
		}
	}
	{
		int c;
		while ((c = getc(f)) != EOF) {
			total++;
			if (!isspace(c)) {
				err_set(err, _("%s: byte %zu: text after the JSON value"),
					path, total);
				goto out;
			}
		}
	}
	*out = obj;
	obj = NULL;
	rc = 0;
out:
	if (obj)
		json_object_put(obj);
	json_tokener_free(tok);
	free(buf);
	fclose(f);
	return rc;
}

/* ---- values ---------------------------------------------------------------- */

/* A JSON type as the messages say it, with its article. */
static const char *type_name(json_type t)
{
	switch (t) {
	case json_type_boolean: return _("true or false");
	case json_type_double:
	case json_type_int: return _("a number");
	case json_type_object: return _("an object");
	case json_type_array: return _("an array");
	case json_type_string: return _("a string");
	default: return _("null");
	}
}

/* A checked, capped copy of a JSON string's bytes. */
static char *checked(struct regjson *j, const char *key, const char *s,
		     size_t len, size_t cap)
{
	char *out;
	if (!text_valid(s, len)) {
		regjson_problem(j, false, _("%s is not valid UTF-8; left out"), key);
		return NULL;
	}
	if (len > cap) {
		size_t k = cap;
		while (k > 0 && ((unsigned char)s[k] & 0xC0) == 0x80)
			k--;
		regjson_problem(j, false, _("%s is %zu bytes long; cut to %zu"), key,
				len, k);
		len = k;
	}
	out = xmalloc(len + 1);
	memcpy(out, s, len);
	out[len] = '\0';
	/* Registers pad texts; a blank one is none. */
	{
		size_t a = 0, b = len;
		while (a < b && isspace((unsigned char)out[a]))
			a++;
		while (b > a && isspace((unsigned char)out[b - 1]))
			b--;
		if (a == b) {
			free(out);
			return NULL;
		}
		memmove(out, out + a, b - a);
		out[b - a] = '\0';
	}
	return out;
}

static char *value_str(struct regjson *j, json_object *v, const char *key,
		       size_t cap, bool numbers)
{
	json_type t = json_object_get_type(v);
	if (!v || t == json_type_null)
		return NULL;
	if (t == json_type_string)
		return checked(j, key, json_object_get_string(v),
			       (size_t)json_object_get_string_len(v), cap);
	if (numbers && t == json_type_int)
		return xasprintf("%lld", (long long)json_object_get_int64(v));
	regjson_problem(j, false, _("%s is %s, not a string; left out"), key,
			type_name(t));
	return NULL;
}

char *regjson_str(struct regjson *j, json_object *o, const char *key,
		  size_t cap, bool numbers)
{
	json_object *v = NULL;
	if (!o || !json_object_is_type(o, json_type_object) ||
	    !json_object_object_get_ex(o, key, &v))
		return NULL;
	return value_str(j, v, key, cap, numbers);
}

char *regjson_modified(struct regjson *j, json_object *o, const char *key)
{
	char *v = regjson_str(j, o, key, 64, false), buf[11];
	long days;
	if (!v)
		return NULL;
	if (strlen(v) < 10 || (v[10] && v[10] != 'T' && v[10] != ' ') ||
	    !regjson_date(v, &days)) {
		regjson_problem(j, false, _("%s \"%s\" is no date and time; left out"),
				key, v);
		free(v);
		return NULL;
	}
	free(v);
	hours_days_date(days, buf);
	return xstrdup(buf);
}

char *regjson_elem_str(struct regjson *j, json_object *a, size_t i,
		       const char *key, size_t cap)
{
	return value_str(j, json_object_array_get_idx(a, i), key, cap, false);
}

static json_object *typed(struct regjson *j, json_object *o, const char *key,
			  json_type want)
{
	json_object *v = NULL;
	if (!o || !json_object_is_type(o, json_type_object) ||
	    !json_object_object_get_ex(o, key, &v) || !v)
		return NULL;
	if (json_object_get_type(v) == want)
		return v;
	regjson_problem(j, false, _("%s is %s, not %s; left out"), key,
			type_name(json_object_get_type(v)), type_name(want));
	return NULL;
}

json_object *regjson_array(struct regjson *j, json_object *o, const char *key)
{
	return typed(j, o, key, json_type_array);
}

json_object *regjson_object(struct regjson *j, json_object *o, const char *key)
{
	return typed(j, o, key, json_type_object);
}

bool regjson_bool(struct regjson *j, json_object *o, const char *key)
{
	json_object *v = NULL;
	if (!o || !json_object_is_type(o, json_type_object) ||
	    !json_object_object_get_ex(o, key, &v) || !v)
		return false;
	if (json_object_is_type(v, json_type_boolean))
		return json_object_get_boolean(v);
	regjson_problem(j, false, _("%s is %s, not true or false; taken as false"),
			key, type_name(json_object_get_type(v)));
	return false;
}

bool regjson_service_language(struct regjson *j, struct cat_service *s,
			      const char *code)
{
	char *c;
	size_t i, k;
	if (!code)
		return false;
	c = xstrdup(code);
	for (k = 0; c[k]; k++) {
		if (c[k] == '-' || c[k] == '_') {
			c[k] = '\0';
			break;
		}
		c[k] = (char)tolower((unsigned char)c[k]);
	}
	if (!catalogue_lang_code_ok(c)) {
		free(c);
		return false;
	}
	if (!strmap_get(&j->langs, c, NULL)) {
		struct cat_language *l = catalogue_add_language(j->cat);
		strmap_put(&j->langs, c, 0);
		l->code = xstrdup(c);
		/* Real names come with the bundled catalogue (import --add);
		 * the code stands in for what the file needs. */
		l->name.v[CAT_FI] = xstrdup(c);
		l->name.v[CAT_EN] = xstrdup(c);
	}
	for (i = 0; i < s->n_languages; i++)
		if (!strcmp(s->languages[i], c)) {
			free(c);
			return true;
		}
	s->languages = xrealloc(s->languages, (s->n_languages + 1) * sizeof *s->languages);
	s->languages[s->n_languages++] = c;
	return true;
}

void regjson_append(char **dst, const char *sep, const char *add)
{
	char *n;
	if (!add || !*add)
		return;
	if (!*dst) {
		*dst = xstrdup(add);
		return;
	}
	n = xasprintf("%s%s%s", *dst, sep, add);
	free(*dst);
	*dst = n;
}

int regjson_minutes(const char *s)
{
	int h = 0, m = 0, sec = 0, n = 0;
	char sep = ':';
	if (!s)
		return -1;
	if (sscanf(s, "%2d%c%2d%n", &h, &sep, &m, &n) < 3 || (sep != ':' && sep != '.'))
		return -1;
	if (s[n] == ':' && sscanf(s + n + 1, "%2d", &sec) != 1)
		return -1;
	if (h < 0 || h > 24 || m < 0 || m > 59 || (h == 24 && m))
		return -1;
	return h * 60 + m;
}

bool regjson_date(const char *s, long *days)
{
	char ymd[11];
	if (!s || strlen(s) < 10 || (s[10] && s[10] != 'T' && s[10] != ' '))
		return false;
	memcpy(ymd, s, 10);
	ymd[10] = '\0';
	if (!hours_valid_date(ymd))
		return false;
	*days = hours_date_days(ymd);
	return true;
}

/* ---- class -> topic tables ----------------------------------------------- */

void regjson_map_free(struct regjson_map *m)
{
	size_t i;
	for (i = 0; i < m->n; i++)
		free(m->keys[i]);
	free(m->keys);
	free(m->topics);
	memset(m, 0, sizeof *m);
}

int regjson_map_load_file(struct regjson_map *m, const char *path, char **err)
{
	FILE *f = fopen(path, "r");
	char *line = NULL;
	size_t cap = 0;
	unsigned long no = 0;
	ssize_t len;
	int rc = 0;
	memset(m, 0, sizeof *m);
	if (!f) {
		err_set(err, _("%s: %s"), path, strerror(errno));
		return -1;
	}
	while (!rc && (len = getline(&line, &cap, f)) >= 0) {
		char *p = line, *key, *tok, *save = NULL, *tab;
		topic_set set = 0;
		no++;
		if ((tab = strchr(p, '#')))
			*tab = '\0';
		while (*p == ' ' || *p == '\t')
			p++;
		if (!*p || *p == '\n')
			continue;
		/* KEY is up to a tab (names have spaces), else a blank. */
		tab = strchr(p, '\t');
		if (!tab)
			tab = strpbrk(p, " ");
		if (!tab) {
			err_set(err, _("%s:%lu: a key and its topics are needed"), path, no);
			rc = -1;
			break;
		}
		*tab = '\0';
		key = p;
		for (tok = strtok_r(tab + 1, ", \t\r\n", &save); tok;
		     tok = strtok_r(NULL, ", \t\r\n", &save)) {
			int t = codes_find(CODES_TOPIC, tok);
			if (t < 0) {
				err_set(err, _("%s:%lu: unknown topic \"%s\""), path, no, tok);
				rc = -1;
				break;
			}
			set |= (topic_set)1 << t;
		}
		if (rc)
			break;
		m->keys = xrealloc(m->keys, (m->n + 1) * sizeof *m->keys);
		m->topics = xrealloc(m->topics, (m->n + 1) * sizeof *m->topics);
		m->keys[m->n] = xstrdup(key);
		m->topics[m->n++] = set;
	}
	free(line);
	fclose(f);
	if (rc)
		regjson_map_free(m);
	return rc;
}

int regjson_map_load(struct regjson_map *m, const char *name, char **err)
{
	char **dirs = paths_search("mappings", false);
	char *path = paths_search_file(dirs, name);
	int rc;
	paths_list_free(&dirs);
	if (!path) {
		/* A site without the table gets no topics, not a failure. */
		memset(m, 0, sizeof *m);
		return 0;
	}
	rc = regjson_map_load_file(m, path, err);
	free(path);
	return rc;
}

topic_set regjson_map_topics(const struct regjson_map *m, const char *code,
			     const char *name)
{
	size_t i, best = 0, bl;
	topic_set set = 0;
	bool found = false;
	for (i = 0; i < m->n; i++) {
		bl = strlen(m->keys[i]);
		if (name && !strcasecmp(name, m->keys[i]))
			set |= m->topics[i];
		else if (code && !strncasecmp(code, m->keys[i], bl) &&
			 (code[bl] == '\0' || code[bl] == '.') &&
			 (!found || bl > best)) {
			best = bl;
			found = true;
		}
	}
	if (found)
		for (i = 0; i < m->n; i++)
			if (strlen(m->keys[i]) == best &&
			    !strncasecmp(code, m->keys[i], best))
				set |= m->topics[i];
	return set;
}
