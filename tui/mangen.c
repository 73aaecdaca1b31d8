/* ccon_mangen: writes one generated file; see mangen.h.
 *   ccon_mangen ccon.1|ccon.conf.5|bash|zsh OUTPUT */
#include "tui/mangen.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>

const struct opt_row *
mangen_row(enum opt_id id)
{
	size_t i;

	for (i = 0; i < opt_count; i++)
		if (opt_table[i].id == id)
			return &opt_table[i];
	return NULL;
}

static const struct {
	const char *what;
	void (*write)(FILE *);
} outputs[] = {
	{ "ccon.1", mangen_ccon1 },
	{ "ccon.conf.5", mangen_conf5 },
	{ "bash", mangen_bash },
	{ "zsh", mangen_zsh },
};

int
main(int argc, char **argv)
{
	char *tmp;
	FILE *out;
	size_t i;
	bool bad;

	if (argc != 3) {
		fprintf(stderr, "usage: ccon_mangen "
		    "ccon.1|ccon.conf.5|bash|zsh OUTPUT\n");
		return 2;
	}
	for (i = 0; i < sizeof outputs / sizeof outputs[0]; i++)
		if (strcmp(argv[1], outputs[i].what) == 0)
			break;
	if (i == sizeof outputs / sizeof outputs[0]) {
		fprintf(stderr, "ccon_mangen: no such output '%s'\n", argv[1]);
		return 2;
	}
	/* Written aside and renamed: a failed run leaves no half page for
	 * the build to take as done. */
	if ((tmp = malloc(strlen(argv[2]) + 5)) == NULL) {
		fprintf(stderr, "ccon_mangen: out of memory\n");
		return 1;
	}
	sprintf(tmp, "%s.tmp", argv[2]);
	if ((out = fopen(tmp, "w")) == NULL) {
		fprintf(stderr, "ccon_mangen: %s: %s\n", tmp, strerror(errno));
		free(tmp);
		return 1;
	}
	outputs[i].write(out);
	bad = ferror(out) != 0;
	if (fclose(out) != 0 || bad || rename(tmp, argv[2]) != 0) {
		fprintf(stderr, "ccon_mangen: writing %s: %s\n", argv[2],
		    strerror(errno));
		(void)remove(tmp);
		free(tmp);
		return 1;
	}
	free(tmp);
	return 0;
}
