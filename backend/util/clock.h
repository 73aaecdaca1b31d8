/* The monotonic clock every timer of ccon runs on, in milliseconds. */
#ifndef CCON_CLOCK_H
#define CCON_CLOCK_H

#include <stdint.h>
#include <time.h>

static inline uint64_t
clock_monotonic_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (uint64_t)ts.tv_sec * 1000 + (uint64_t)ts.tv_nsec / 1000000;
}

/* The CLOCK_MONOTONIC time ms from now, for pthread_cond_timedwait on a
 * condition variable set to that clock. */
static inline void
clock_monotonic_after(struct timespec *ts, uint64_t ms)
{
	clock_gettime(CLOCK_MONOTONIC, ts);
	ts->tv_sec += (time_t)(ms / 1000);
	ts->tv_nsec += (long)(ms % 1000) * 1000000L;
	if (ts->tv_nsec >= 1000000000L) {
		ts->tv_sec++;
		ts->tv_nsec -= 1000000000L;
	}
}

#endif
