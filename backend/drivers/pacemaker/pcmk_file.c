/* The --input driver of a saved `crm_mon --output-as=xml`: the shared
 * file driver (link/input_file.h) with crm_mon's parser. */
#include "backend/drivers/pacemaker/pacemaker.h"

#include "backend/drivers/pacemaker/pcmk_detail.h"
#include "backend/drivers/pacemaker/pcmk_xml.h"
#include "backend/link/input_file.h"

static int
parse_crm_mon(const char *text, size_t len, const char *cluster,
	      const char *path, struct snapshot **out, char **err)
{
	return pcmk_parse(text, len, NULL, 0, cluster, path, out, err);
}

/* What the file says of the object (its operations and failures, when
 * it was saved with them); what only the CIB knows is said to be
 * missing rather than left out. */
static int
detail_crm_mon(const char *text, size_t len, const char *path,
	       const struct detail_ask *q, struct detail *out, char **err)
{
	(void)path;
	if (pcmk_detail_status(text, len, q, out, err) != 0)
		return -1;
	if (q->kind == TARGET_NODE)
		return 0;
	detail_section(out, "constraints");
	detail_add(out, DETAIL_DIM, "", "not in a crm_mon file");
	detail_section(out, "configuration");
	detail_add(out, DETAIL_DIM, "", "not in a crm_mon file");
	return 0;
}

static const struct input_file_kind crm_mon_file = {
	.driver_name = "pacemaker-file",
	.what = "a saved crm_mon file",
	.parse = parse_crm_mon,
	.detail = detail_crm_mon,
};

struct driver *
pacemaker_file_driver_new(const char *cluster, const char *path)
{
	return input_file_driver_new(&crm_mon_file, cluster, path);
}
