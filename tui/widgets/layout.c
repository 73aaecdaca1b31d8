/* Column widths of a table; see layout.h. */
#include <stdio.h>
#include <string.h>

#include "backend/util/glyph.h"
#include "backend/util/termtext.h"
#include "tui/widgets/layout.h"

static int
imin(int a, int b)
{
	return a < b ? a : b;
}

static int
imax(int a, int b)
{
	return a > b ? a : b;
}

void
table_layout(const struct table_col *cols, size_t n_cols, const int *want_in,
	     int avail, int *width)
{
	int want[TABLE_COLS_MAX], min[TABLE_COLS_MAX];
	bool on[TABLE_COLS_MAX];
	int total, extra, grow, n_on;
	size_t c, worst, n = n_cols < TABLE_COLS_MAX ? n_cols : TABLE_COLS_MAX;
	unsigned rank, top_rank = 0;

	for (c = 0; c < n; c++) {
		/* min is a floor too: a column whose content comes and goes
		 * (a clock) keeps its width instead of shifting the others. */
		want[c] = imax(want_in[c], cols[c].min);
		if (cols[c].max > 0)
			want[c] = imin(want[c], cols[c].max);
		min[c] = cols[c].min > 0 ? imin(cols[c].min, want[c]) :
		    want[c];
		on[c] = true;
		if (cols[c].drop > top_rank)
			top_rank = cols[c].drop;
	}
	for (;;) {
		total = 0;
		n_on = 0;
		for (c = 0; c < n; c++) {
			if (!on[c])
				continue;
			total += min[c];
			n_on++;
		}
		total += imax(n_on - 1, 0);
		if (total <= avail)
			break;
		worst = n;
		for (c = 0; c < n; c++)
			if (on[c] && cols[c].drop > 0 && (worst == n ||
			    cols[c].drop > cols[worst].drop))
				worst = c;
		if (worst == n)
			break;          /* nothing left to drop: cut at the edge */
		on[worst] = false;
	}
	extra = avail - total;
	for (c = 0; c < n; c++)
		width[c] = on[c] ? min[c] : 0;
	for (rank = 0; rank <= top_rank && extra > 0; rank++) {
		for (c = 0; c < n && extra > 0; c++) {
			if (!on[c] || cols[c].drop != rank)
				continue;
			grow = imin(want[c] - width[c], extra);
			if (grow > 0) {
				width[c] += grow;
				extra -= grow;
			}
		}
	}
}

char *
layout_cut_left(char *dst, size_t sz, const char *src, int cols)
{
	const char *p, *best = NULL, *last;
	const char *ell = glyph(GLYPH_ELLIPSIS);

	if (sz == 0)
		return dst;
	dst[0] = '\0';
	if (src == NULL || cols <= 0)
		return dst;
	if ((int)termtext_width(src) <= cols) {
		snprintf(dst, sz, "%s", src);
		return dst;
	}
	/* The longest end from a ':' that fits beside the ellipsis (one
	 * column): the first ':' that fits is the longest end. */
	for (p = strchr(src, ':'); p != NULL; p = strchr(p + 1, ':'))
		if ((int)termtext_width(p) + 1 <= cols) {
			best = p;
			break;
		}
	if (best != NULL) {
		snprintf(dst, sz, "%s%s", ell, best);
		return dst;
	}
	/* Not even ":type" fits: the type from its start, cut at its end. */
	last = strrchr(src, ':');
	termtext_fit(dst, sz, last != NULL && last[1] != '\0' ? last + 1 :
	    src, (size_t)cols, 0);
	return dst;
}
