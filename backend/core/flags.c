#include "backend/core/flags.h"

#include <string.h>

#include "backend/core/model.h"

const struct flag_word res_flag_words[] = {
	{ RES_F_DISABLED, "disabled", "disabled", false, "dis" },
	{ RES_F_UNMANAGED, "unmanaged", "unmanaged", false, "unm" },
	{ RES_F_MAINTENANCE, "maintenance", "maint", false, "mnt" },
	{ RES_F_BLOCKED, "blocked", "blocked", true, "!blk" },
	{ RES_F_ORPHANED, "orphaned", "orphaned", false, "orph" },
	{ RES_F_PINNED, "pinned", "pinned", false, "pin" },
	{ RES_F_LOCKED, "locked", "locked", false, "lck" },
	{ RES_F_CORE, "core", "core", false, "core" },
};
const size_t n_res_flag_words =
	sizeof(res_flag_words) / sizeof(res_flag_words[0]);

const struct flag_word node_flag_words[] = {
	{ NODE_F_DC, "dc", "DC", false, NULL },
	{ NODE_F_STANDBY, "standby", "standby", false, NULL },
	{ NODE_F_MAINTENANCE, "maintenance", "maint", false, "mnt" },
	{ NODE_F_UNCLEAN, "unclean", "unclean", true, "!unc" },
};
const size_t n_node_flag_words =
	sizeof(node_flag_words) / sizeof(node_flag_words[0]);

/* Appends n bytes of s, cut at the end of buf. */
static void
put(char *buf, size_t sz, size_t *len, const char *s, size_t n)
{
	if (*len + 1 >= sz)
		return;
	if (n > sz - 1 - *len)
		n = sz - 1 - *len;
	memcpy(buf + *len, s, n);
	*len += n;
	buf[*len] = '\0';
}

char *
flags_words(char *buf, size_t sz, const struct flag_word *table, size_t n,
	    unsigned flags, unsigned style, const char *sep)
{
	size_t len, i, k;

	if (sz == 0)
		return buf;
	len = strnlen(buf, sz - 1);
	buf[len] = '\0';
	for (i = 0; i < n; i++) {
		const char *w;
		size_t at;

		if (!(flags & table[i].bit))
			continue;
		w = (style & FLAGS_BRIEF) ? table[i].brief : table[i].word;
		if (len > 0)
			put(buf, sz, &len, sep, strlen(sep));
		at = len;
		put(buf, sz, &len, w, strlen(w));
		if ((style & FLAGS_ALARM_UPPER) && table[i].alarm)
			for (k = at; k < len; k++)
				if (buf[k] >= 'a' && buf[k] <= 'z')
					buf[k] = (char)(buf[k] - 'a' + 'A');
	}
	return buf;
}

char *
flags_marks(char *buf, size_t sz, const struct flag_word *table, size_t n,
	    unsigned flags)
{
	size_t len, i;
	int pass;

	if (sz == 0)
		return buf;
	len = strnlen(buf, sz - 1);
	buf[len] = '\0';
	/* Alarms first: "FAILED !blk mnt" is read from its start. */
	for (pass = 0; pass < 2; pass++) {
		for (i = 0; i < n; i++) {
			if (!(flags & table[i].bit) || table[i].mark == NULL ||
			    table[i].alarm != (pass == 0))
				continue;
			if (len > 0)
				put(buf, sz, &len, " ", 1);
			put(buf, sz, &len, table[i].mark,
			    strlen(table[i].mark));
		}
	}
	return buf;
}

char *
flags_legend(char *buf, size_t sz, const struct flag_word *table, size_t n)
{
	size_t len = 0, i;

	if (sz == 0)
		return buf;
	buf[0] = '\0';
	for (i = 0; i < n; i++) {
		if (table[i].mark == NULL)
			continue;
		if (len > 0)
			put(buf, sz, &len, ", ", 2);
		put(buf, sz, &len, table[i].mark, strlen(table[i].mark));
		/* "core core" says nothing twice. */
		if (strcmp(table[i].mark, table[i].word) == 0)
			continue;
		put(buf, sz, &len, " ", 1);
		put(buf, sz, &len, table[i].word, strlen(table[i].word));
	}
	return buf;
}
