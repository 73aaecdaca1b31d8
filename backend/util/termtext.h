/* Terminal-safe text: untrusted cluster strings made printable (no control
 * characters, escape sequences or bidi overrides) and measured or cut in
 * terminal columns, wide characters included. No curses here. */
#ifndef CCON_TERMTEXT_H
#define CCON_TERMTEXT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* Copies src into dst (size dstsz, always NUL-terminated) as valid UTF-8
 * with every C0/C1 control, DEL, escape sequence and bidi control replaced
 * by U+FFFD or dropped (ESC sequences are dropped whole), and invalid bytes
 * replaced by U+FFFD. Never cuts a character in half. Returns dst. */
char *termtext_sanitize(char *dst, size_t dstsz, const char *src);

/* The start of untrusted text, for an error message that quotes it: its
 * first TERMTEXT_PREVIEW bytes of len (text need not be NUL-terminated
 * at len), sanitized, with "..." when cut. dst of 4 * TERMTEXT_PREVIEW
 * bytes holds any. Returns dst. */
#define TERMTEXT_PREVIEW 32
char *termtext_preview(char *dst, size_t dstsz, const char *text,
		       size_t len);

/* Columns that sanitized UTF-8 text takes on a terminal. */
size_t termtext_width(const char *s);

/* Copies at most `cols` columns of sanitized s into dst, ending with "…"
 * when cut, then pads with spaces to exactly `cols` columns when pad != 0.
 * Returns dst. */
char *termtext_fit(char *dst, size_t dstsz, const char *s, size_t cols,
		   int pad);

/* Strictly decodes one UTF-8 character at s: returns its length and sets
 * *cp, or returns 0 when s does not start a valid shortest-form sequence
 * of a scalar value. Never reads past a NUL. */
size_t termtext_decode(const unsigned char *s, uint32_t *cp);

/* Whether a character must never reach a terminal as itself: C0, DEL and
 * C1 controls, bidi controls, line and paragraph separators. */
bool termtext_forbidden(uint32_t c);

#endif
