#include "backend/util/nodump.h"

#include <sys/prctl.h>
#include <sys/resource.h>

int
nodump_for_life(void)
{
	struct rlimit rl;

	if (prctl(PR_SET_DUMPABLE, 0, 0, 0, 0) != 0)
		return -1;
	/* Not dumpable is enough for the kernel unless suid_dumpable is 2,
	 * which still writes a core (root's only): the limit stops that
	 * too where a file would be written. */
	if (getrlimit(RLIMIT_CORE, &rl) != 0)
		return -1;
	if (rl.rlim_cur != 0) {
		rl.rlim_cur = 0;
		if (setrlimit(RLIMIT_CORE, &rl) != 0)
			return -1;
	}
	return 0;
}

bool
nodump_active(void)
{
	return prctl(PR_GET_DUMPABLE, 0, 0, 0, 0) == 0;
}
