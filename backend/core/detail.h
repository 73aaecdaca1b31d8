/* What the console's detail pane says about one cluster object (a
 * resource, group, clone or node): titled sections of labelled lines.
 * Part of it comes from the snapshot at once (state, flags in words,
 * where it runs, its last failure, members, what runs on a node); the
 * rest is a query to the driver (operations history, constraints, the
 * agent's parameters, node attributes), asked of the worker while the
 * pane is open: a query changes nothing, so it works in read-only mode.
 * Every text is raw cluster text: the pane sanitizes it for the screen. */
#ifndef CCON_DETAIL_H
#define CCON_DETAIL_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "backend/core/action.h"
#include "backend/core/model.h"

/* How a line is shown; the pane turns these into the theme's tones. */
enum detail_tone {
	DETAIL_PLAIN,
	DETAIL_GOOD,      /* online, up */
	DETAIL_WARN,      /* pending, pinned, standby: worth a look */
	DETAIL_BAD,       /* failed, blocked, a failed operation */
	DETAIL_DIM,       /* offline, "none", what is only context */
};

enum detail_kind { DETAIL_HEADING, DETAIL_LINE };

struct detail_line {
	enum detail_kind kind;
	enum detail_tone tone;
	char *label;      /* "exit reason"; "" for a line without one;
			   * a heading's title */
	char *value;      /* "" for a heading */
};

struct detail {
	struct detail_line *lines;
	size_t n, cap;
};

/* What a detail is asked for: a resource (instance: the n-th with that
 * id, clone instances sharing it), a group or clone, or a node. */
struct detail_ask {
	enum target_kind kind;
	char id[ACTION_ID_MAX];
	unsigned instance;
};

/* Starts a section: the lines added after it come under title. */
void detail_section(struct detail *d, const char *title);
/* Appends one line; label may be "" (a line of its own). The value is
 * formatted as printf does. */
void detail_add(struct detail *d, enum detail_tone tone, const char *label,
		const char *fmt, ...) __attribute__((format(printf, 4, 5)));
/* An agent's or resource's parameter: the value is shown as "***" when
 * detail_is_secret(name), as "(in cibsecret)" when Pacemaker keeps it
 * outside the CIB ("lrm://"), else as it is. */
void detail_param(struct detail *d, const char *name, const char *value);
/* Whether a parameter of this name holds a secret (password, passwd,
 * secret, token, credential, a key...): matched on the name alone,
 * case-insensitively, erring on the side of hiding. */
bool detail_is_secret(const char *name);
/* What the snapshot already says of q, appended to d at once: for a
 * resource its state and what it is meant to be, where it runs, role,
 * flags in words, fail count, last failure, its group or clone and a
 * request under way; for a group or clone its kind, state, members in
 * order and where it runs; for a node its state, flags and what runs
 * there. Returns 0, or -1 with *err (caller frees) when s has no such
 * object (it went away). */
int detail_from_snapshot(const struct snapshot *s, const struct detail_ask *q,
			 struct detail *d, char **err);
/* Epoch seconds as a UTC date "2026-12-02 20:37:35 UTC", in buf. */
const char *detail_time(int64_t epoch, char *buf, size_t sz);
/* Appends every line of src to d (copied). */
void detail_append(struct detail *d, const struct detail *src);
void detail_free(struct detail *d);

#endif
