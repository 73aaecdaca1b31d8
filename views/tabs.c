/* The views in the order of their tabs and of the keys 1 to 4. */
#include "views/view.h"

const struct view *const view_tabs[TAB_COUNT] = {
	[TAB_GROUPS] = &groups_view,
	[TAB_RESOURCES] = &resources_view,
	[TAB_NODES] = &nodes_view,
	[TAB_EVENTS] = &events_view,
};
