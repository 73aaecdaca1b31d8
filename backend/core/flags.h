/* The words for the flags beside a resource's or a node's state: one
 * table each, in the order they are shown. The --once report, the
 * console and the JSON keys all come from here; each picks its own case
 * and separator. */
#ifndef CCON_FLAGS_H
#define CCON_FLAGS_H

#include <stdbool.h>
#include <stddef.h>

struct flag_word {
	unsigned bit;             /* RES_F_* or NODE_F_* of model.h */
	const char *word;         /* "maintenance" */
	const char *brief;        /* for narrow columns: "maint" */
	bool alarm;               /* worth shouting: blocked, unclean */
	/* The marker beside the state word in every view ("FAILED !blk"),
	 * a few columns so that it survives 80 columns; NULL: the state
	 * word says it already (standby is PAUSED). Alarms start with '!'. */
	const char *mark;
};

extern const struct flag_word res_flag_words[];
extern const size_t n_res_flag_words;
extern const struct flag_word node_flag_words[];
extern const size_t n_node_flag_words;

enum flag_style {
	FLAGS_PLAIN = 0,
	FLAGS_ALARM_UPPER = 1 << 0,   /* alarms in capitals: "BLOCKED" */
	FLAGS_BRIEF = 1 << 1,         /* the brief forms */
};

/* Appends the words of the bits set in flags, in table order, to the
 * NUL-terminated text in buf (size sz), each after sep unless buf is
 * empty; cut short rather than overflowing. Returns buf. */
char *flags_words(char *buf, size_t sz, const struct flag_word *table,
		  size_t n, unsigned flags, unsigned style, const char *sep);

/* Appends the markers of the bits set in flags (alarms first, then
 * table order; space
 * separated, after a space unless buf is empty) to buf; as flags_words.
 * Returns buf. */
char *flags_marks(char *buf, size_t sz, const struct flag_word *table,
		  size_t n, unsigned flags);

/* "!blk blocked, dis disabled, ...": what each marker of the table
 * stands for, for the key help. Returns buf. */
char *flags_legend(char *buf, size_t sz, const struct flag_word *table,
		   size_t n);

#endif
