/* The schema of the configuration file: one table per section (the top
 * level, the colours, a cluster, its simulator settings), each key with
 * its type, range, default, a line of help and, in a cluster, the drivers
 * it is for. The tables are the only list of the keys: they drive the
 * parser, its "did you mean" and "known keys", which keys a cluster of
 * each driver takes and needs, the built-in defaults and freeing, and the
 * unit test that holds conf/ccon.conf.example to them. Defaults come from
 * backend/util/defaults.h. For conf.c and the tests; callers use conf.h. */
#ifndef CCON_CONF_SCHEMA_H
#define CCON_CONF_SCHEMA_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "conf/conf.h"
#include "conf/reader.h"

/* The kind of value a key takes in the file, and what it is stored as. */
enum schema_type {
	SCHEMA_BOOL,            /* true/false: bool */
	SCHEMA_BOOL_INHERIT,    /* true/false: int 1/0, -1 when not given */
	SCHEMA_SECONDS,         /* seconds, whole or not: double */
	SCHEMA_SECONDS_MS,      /* seconds, whole or not: unsigned ms */
	SCHEMA_WHOLE_SECONDS,   /* whole seconds: unsigned */
	SCHEMA_INT,             /* a whole number: int */
	SCHEMA_U64,             /* a whole number: uint64_t */
	SCHEMA_STRING,          /* char *, which .check may refuse */
	SCHEMA_PATH,            /* char *, "~/" made $HOME */
	SCHEMA_STRINGS,         /* char ** and its size_t at .count_offset */
	SCHEMA_WORD,            /* one of .words: an enum, by its index */
	SCHEMA_COLOR,           /* int: 0..255 or CONF_COLOR_DEFAULT */
	SCHEMA_GROUP,           /* .section's keys, into the same struct */
	SCHEMA_LIST             /* groups of .section, each read by .read */
};

#define SCHEMA_REQUIRED   0x1u  /* a group without it is an error */
#define SCHEMA_NO_DEFAULT 0x2u  /* 0 when not given: the help says why */
/* Required unless ccon runs on a node of the cluster (--local, struct
 * conf's local): the nodes to reach it. An empty list is none. With
 * .drivers, only for those drivers. */
#define SCHEMA_REQUIRED_REMOTE 0x4u

/* The drivers a key is for. Given to a cluster of another driver it would
 * do nothing, so it is an error ("'identity' is only for clusters reached
 * over SSH, and cluster 'demo' uses driver \"sim\""); docs list the
 * drivers by their words (conf_driver_word). */
struct schema_drivers {
	unsigned mask;          /* SCHEMA_DRIVER(d) of each */
	const char *who;        /* "clusters reached over SSH" */
};
#define SCHEMA_DRIVER(d)  (1u << (d))

extern const struct schema_drivers schema_for_ssh;  /* pacemaker, wsfc */
extern const struct schema_drivers schema_for_sim;  /* sim */

struct schema_ctx;
struct schema_section;

struct schema_key {
	const char *key;
	enum schema_type type;
	unsigned flags;
	double min, max;        /* numbers: the range; max INFINITY: none */
	double def;             /* bools, numbers, colours: the default */
	const char *def_word;   /* words: the default */
	const char *help;       /* one line, for people */
	/* In a cluster: the drivers it is for; NULL: every one. */
	const struct schema_drivers *drivers;
	size_t offset;          /* the value's, in the section's struct */
	size_t count_offset;    /* string lists: their count's */
	/* For the messages: what a string is ("a file path"); a group's or
	 * a list entry's example. */
	const char *what;
	const char *noun;       /* checked strings: "node" 'x' in 'nodes' */
	reader_check *check;
	const char *const *words;               /* NULL-terminated */
	const struct schema_section *section;   /* groups and lists */
	int (*read)(struct schema_ctx *x, const config_setting_t *list,
	    const struct schema_key *k, void *obj);     /* lists */
};

struct schema_section {
	const char *name;       /* "cluster": for docs and tests */
	const struct schema_key *keys;
	size_t n_keys;
	const char *example;    /* a whole group, for a missing key */
	/* Checks across the keys of one group, once each was read; good
	 * has the bit (1 << index in keys) of each key given and read
	 * without error. 0, or -1 with the errors recorded. */
	int (*finish)(struct schema_ctx *x, const config_setting_t *g,
	    void *obj, uint32_t good);
};

extern const struct schema_section schema_top;      /* struct conf */
extern const struct schema_section schema_cluster;  /* conf_cluster */

/* Reads the whole file into stage, which holds the settings of the files
 * before (base) and no string or cluster of its own yet; base's clusters
 * count for unique names, and base says what the file is checked against
 * (local, sim_resources). Returns 0, or -1 with every error in rd. */
int schema_read(struct reader *rd, const struct conf *base,
    struct conf *stage);

/* Whether k is for clusters of driver d. */
bool schema_for_driver(const struct schema_key *k, enum conf_driver d);

/* sec's key named key, or NULL. */
const struct schema_key *schema_find(const struct schema_section *sec,
    const char *key);

/* Whether k has a value of its own when it is not given, in .def or
 * .def_word; if not, it is 0 or NULL (or -1, SCHEMA_BOOL_INHERIT). */
bool schema_has_default(const struct schema_key *k);

/* Sets obj, zeroed by the caller, to sec's defaults (its groups' too). */
void schema_defaults(const struct schema_section *sec, void *obj);
/* A new cluster, zeroed and at its defaults. */
void schema_cluster_init(struct conf_cluster *cl);

/* Copies every value of sec (not strings, not lists) from src to dst. */
void schema_copy_values(const struct schema_section *sec, void *dst,
    const void *src);
/* The same, and dst takes each string src holds (freeing its own): a
 * string the file did not give keeps its earlier value. */
void schema_take(const struct schema_section *sec, void *dst, void *src);

/* Frees the strings of obj that sec names (not its lists'). */
void schema_free(const struct schema_section *sec, void *obj);

#endif
