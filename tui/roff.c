/* roff(7) text for the generated pages; see roff.h. */
#include "tui/roff.h"

#include <ctype.h>
#include <string.h>

void
roff_text(FILE *out, const char *s, bool line_start)
{
	for (; *s != '\0'; s++) {
		if (line_start && (*s == '.' || *s == '\''))
			fputs("\\&", out);
		line_start = *s == '\n';
		switch (*s) {
		case '\\':
			fputs("\\e", out);
			break;
		case '-':
			fputs("\\-", out);
			break;
		case '"':
			fputs("\\(dq", out);
			break;
		default:
			fputc(*s, out);
			break;
		}
	}
}

void
roff_sentence(FILE *out, const char *s)
{
	size_t n = strlen(s);
	char first[2] = { 0, 0 };

	if (n == 0)
		return;
	first[0] = (char)toupper((unsigned char)s[0]);
	roff_text(out, first, true);
	roff_text(out, s + 1, false);
	fputs(s[n - 1] == '.' ? "\n" : ".\n", out);
}

void
roff_option(FILE *out, const struct opt_row *r)
{
	if (r->short_name != 0)
		fprintf(out, "\\fB\\-%c\\fR, ", r->short_name);
	fputs("\\fB\\-\\-", out);
	roff_text(out, r->name, false);
	fputs("\\fR", out);
	if (r->arg != NULL) {
		fputs(" \\fI", out);
		roff_text(out, r->arg, false);
		fputs("\\fR", out);
	}
}
