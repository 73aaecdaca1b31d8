/* The --input driver of a saved `crm_mon --output-as=xml`: the shared
 * file driver (link/input_file.h) with crm_mon's parser. */
#include "backend/drivers/pacemaker/pacemaker.h"

#include "backend/drivers/pacemaker/pcmk_xml.h"
#include "backend/link/input_file.h"

static int
parse_crm_mon(const char *text, size_t len, const char *cluster,
	      const char *path, struct snapshot **out, char **err)
{
	return pcmk_parse(text, len, NULL, 0, cluster, path, out, err);
}

static const struct input_file_kind crm_mon_file = {
	.driver_name = "pacemaker-file",
	.what = "a saved crm_mon file",
	.parse = parse_crm_mon,
};

struct driver *
pacemaker_file_driver_new(const char *cluster, const char *path)
{
	return input_file_driver_new(&crm_mon_file, cluster, path);
}
