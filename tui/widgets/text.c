/* Untrusted text on the screen; see text.h. Cluster text never reaches
 * the terminal raw: termtext sanitizes it first. */
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

void
widget_blank(WINDOW *w, int y, int x, int cols, attr_t attr)
{
	if (cols <= 0)
		return;
	wattrset(w, attr);
	(void)mvwhline(w, y, x, ' ', cols);
	wattrset(w, A_NORMAL);
}
