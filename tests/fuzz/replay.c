/* Runs the fuzz target once on each file named on the command line: the
 * corpus (fixtures and the inputs that once broke the parser) as a
 * regression test in every build, sanitizers included, without
 * libFuzzer. */
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int
main(int argc, char **argv)
{
	int i, bad = 0;

	if (argc < 2) {
		/* A corpus that globbed to nothing would pass unseen. */
		fprintf(stderr, "%s: no inputs to replay\n", argv[0]);
		return 1;
	}
	for (i = 1; i < argc; i++) {
		FILE *f = fopen(argv[i], "rb");
		unsigned char *buf = NULL;
		size_t len = 0, cap = 0, n;

		if (f == NULL) {
			perror(argv[i]);
			bad++;
			continue;
		}
		do {
			if (len == cap) {
				unsigned char *nb;

				cap = cap ? cap * 2 : 65536;
				nb = realloc(buf, cap);
				if (nb == NULL) {
					fprintf(stderr, "out of memory\n");
					return 1;
				}
				buf = nb;
			}
			n = fread(buf + len, 1, cap - len, f);
			len += n;
		} while (n > 0);
		if (ferror(f)) {
			perror(argv[i]);
			bad++;
		} else {
			LLVMFuzzerTestOneInput(buf, len);
		}
		fclose(f);
		free(buf);
	}
	printf("%d inputs replayed, %d unreadable\n", argc - 1, bad);
	return bad != 0;
}
