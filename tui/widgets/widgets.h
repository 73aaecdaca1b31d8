/* Screen pieces the views and the loop are built from, all at once:
 * sanitized text (text.h), a table with virtual scrolling (table.h, its
 * column layout in layout.h), dialogs and the chooser (dialog.h), and the
 * tab and status lines (bars.h). They draw into a window they are given
 * and never refresh it: the loop does one doupdate per turn. */
#ifndef CCON_WIDGETS_H
#define CCON_WIDGETS_H

#include "tui/widgets/bars.h"
#include "tui/widgets/dialog.h"
#include "tui/widgets/layout.h"
#include "tui/widgets/table.h"
#include "tui/widgets/text.h"

#endif
