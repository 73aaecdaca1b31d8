/* A saved capture shown as a cluster: the shared file driver
 * (link/input_file.h) with the capture's parser, and how a capture is
 * told from other saved files. */
#include "backend/drivers/wsfc/wsfc_file.h"

#include <stdlib.h>
#include <string.h>

#include "backend/drivers/wsfc/wsfc_capture.h"
#include "backend/drivers/wsfc/wsfc_detail.h"
#include "backend/drivers/wsfc/wsfc_scripts.h"
#include "backend/link/input_file.h"
#include "backend/util/xalloc.h"

bool
wsfc_file_looks_like_capture(const char *text, size_t n)
{
	size_t i = 0, m = strlen(WSFC_SCRIPT_BEGIN), b;

	if (n >= 3 && memcmp(text, "\xef\xbb\xbf", 3) == 0)
		i = 3;
	while (i < n && strchr(" \t\r\n", text[i]) != NULL && text[i] != '\0')
		i++;
	if (i < n && text[i] == '{')
		return true;
	/* The frame may come after stray lines (a profile's). */
	for (b = i; b < n; b++) {
		if (b > i && text[b - 1] != '\n')
			continue;
		if (n - b >= 3 && memcmp(text + b, "\xef\xbb\xbf", 3) == 0)
			b += 3;
		if (n - b >= m && memcmp(text + b, WSFC_SCRIPT_BEGIN, m) == 0)
			return true;
	}
	return false;
}

static int
parse_capture(const char *text, size_t len, const char *cluster,
	      const char *path, struct snapshot **out, char **err)
{
	struct wsfc_capture c;
	char *why = NULL;

	if (wsfc_capture_parse(text, len, cluster, path, &c, NULL, &why) != 0) {
		*err = xasprintf("%s: %s", path, why);
		free(why);
		return -1;
	}
	*out = snapshot_ref(c.snap);
	wsfc_capture_free(&c);
	return 0;
}

/* What the capture holds of q; what it cannot say, it says so. */
static int
capture_detail(const char *text, size_t len, const char *path,
	       const struct detail_ask *q, struct detail *out, char **err)
{
	struct wsfc_capture c;
	char *why = NULL;
	int rc;

	if (wsfc_capture_parse(text, len, NULL, path, &c, NULL, &why) != 0) {
		*err = xasprintf("%s: %s", path, why);
		free(why);
		return -1;
	}
	rc = wsfc_detail_from_capture(&c, q, out, err);
	wsfc_capture_free(&c);
	return rc;
}

static const struct input_file_kind capture_file = {
	.driver_name = "wsfc-file",
	.what = "a saved WSFC capture",
	.parse = parse_capture,
	.detail = capture_detail,
};

struct driver *
wsfc_file_driver_new(const char *cluster, const char *path)
{
	return input_file_driver_new(&capture_file, cluster, path);
}
