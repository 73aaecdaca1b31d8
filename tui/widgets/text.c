/* Untrusted text on the screen; see text.h. Cluster text never reaches
 * the terminal raw: termtext sanitizes it first. */
#include <string.h>

#include "backend/util/termtext.h"
#include "tui/widgets/text.h"
#include "tui/widgets/widget_priv.h"

int
widget_width(const char *raw)
{
	char san[SAN_MAX];

	termtext_sanitize(san, sizeof san, raw != NULL ? raw : "");
	return (int)termtext_width(san);
}

int
widget_text(WINDOW *w, int y, int x, int cols, const char *raw,
	    attr_t attr, bool pad)
{
	char san[SAN_MAX], fit[FIT_MAX];

	if (cols <= 0)
		return 0;
	termtext_sanitize(san, sizeof san, raw != NULL ? raw : "");
	termtext_fit(fit, sizeof fit, san, (size_t)cols, pad);
	wattrset(w, attr);
	/* ERR here only means the cursor could not move past the window's
	 * last cell; the text itself has been drawn. */
	(void)mvwaddstr(w, y, x, fit);
	wattrset(w, A_NORMAL);
	return (int)termtext_width(fit);
}

size_t
widget_wrap(const char *raw, int cols, char (*out)[WIDGET_WRAP_LINE],
	    size_t max)
{
	char san[SAN_MAX], *p, *word, *save = NULL;
	size_t n = 0;

	if (max == 0)
		return 0;
	termtext_sanitize(san, sizeof san, raw != NULL ? raw : "");
	out[0][0] = '\0';
	for (word = strtok_r(san, " ", &save); word != NULL;
	     word = strtok_r(NULL, " ", &save)) {
		char *line = out[n];
		size_t len = strlen(line), wl = strlen(word);

		if (len > 0 && n + 1 < max &&
		    termtext_width(line) + 1 + termtext_width(word) >
		    (size_t)(cols > 0 ? cols : 1)) {
			line = out[++n];
			line[0] = '\0';
			len = 0;
		}
		if (len + (len > 0) + wl + 1 > WIDGET_WRAP_LINE)
			break;        /* the line is full: the rest is cut */
		p = line + len;
		if (len > 0)
			*p++ = ' ';
		memcpy(p, word, wl + 1);
	}
	return n + 1;
}

void
widget_blank(WINDOW *w, int y, int x, int cols, attr_t attr)
{
	if (cols <= 0)
		return;
	wattrset(w, attr);
	(void)mvwhline(w, y, x, ' ', cols);
	wattrset(w, A_NORMAL);
}
