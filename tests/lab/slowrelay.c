/* slowrelay: a TCP relay that adds a fixed delay to each direction, for
 * a slow link in the lab (this machine's kernel has no netem). It
 * listens on 127.0.0.1 and forwards every connection to one target; a
 * byte read from either side at time t is written to the other at
 * t + delay, and an end of stream (the peer's shutdown) is passed on at
 * its own time + delay, in order. A connection reset is passed on at
 * once: both sides are closed.
 *
 *   slowrelay -t PORT [-l PORT] [-d MS] [-f DELAY_FILE] [-p PORT_FILE]
 *
 *   -t PORT        the target, 127.0.0.1:PORT
 *   -l PORT        where to listen on 127.0.0.1 (0, the default: any free
 *                  port; -p tells which)
 *   -d MS          the delay each way, in milliseconds (default 0)
 *   -f FILE        a file holding the delay in ms: read at start and on
 *                  every SIGHUP (data already queued keeps its time, and
 *                  nothing overtakes what was queued before it)
 *   -p FILE        written with the port once listening (atomically)
 *
 * It logs each connection, opened and closed, on stderr, one line each
 * ("slowrelay: open 3 ..." / "slowrelay: close 3 ..."), and exits on
 * SIGTERM or SIGINT, closing every connection. Single-threaded: one poll
 * loop. Only loopback: it is a test program (tests/lab/lab slow). */
#include <sys/socket.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <arpa/inet.h>

#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <poll.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#define CONNS_MAX 64
/* Bytes a direction may hold before its source is no longer read (the
 * sender then sees TCP's own flow control). */
#define QUEUED_MAX (4u << 20)
#define CHUNK 65536

struct chunk {
	struct chunk *next;
	uint64_t due_ms;
	size_t len, off;
	int eof;                      /* a shutdown to pass on, no data */
	char data[];
};

/* One direction: read from `from`, written to `to` when due. */
struct dir {
	int from, to;
	struct chunk *head, *tail;
	size_t queued;
	int read_done;                /* the source said EOF */
	int write_done;               /* that EOF was passed on */
	unsigned long long bytes;
};

struct conn {
	int used;
	unsigned id;
	int a, b;                     /* accepted side, target side */
	struct dir up, down;          /* a -> b, b -> a */
};

static volatile sig_atomic_t got_hup, got_term;
static unsigned delay_ms;
static const char *delay_file;
static struct conn conns[CONNS_MAX];

static void
on_signal(int sig)
{
	if (sig == SIGHUP)
		got_hup = 1;
	else
		got_term = 1;
}

static uint64_t
now_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (uint64_t)ts.tv_sec * 1000 + (uint64_t)ts.tv_nsec / 1000000;
}

static void
usage(void)
{
	fprintf(stderr, "usage: slowrelay -t PORT [-l PORT] [-d MS] "
		"[-f DELAY_FILE] [-p PORT_FILE]\n");
	exit(2);
}

static int
parse_uint(const char *s, unsigned max, unsigned *out)
{
	char *end;
	unsigned long v;

	errno = 0;
	v = strtoul(s, &end, 10);
	if (errno != 0 || end == s || *end != '\0' || v > max)
		return -1;
	*out = (unsigned)v;
	return 0;
}

/* The delay from the delay file; keeps the old one if it cannot be read. */
static void
read_delay(void)
{
	char buf[64], *nl;
	unsigned v;
	FILE *f;

	if (delay_file == NULL || (f = fopen(delay_file, "r")) == NULL)
		return;
	if (fgets(buf, sizeof(buf), f) != NULL) {
		if ((nl = strchr(buf, '\n')) != NULL)
			*nl = '\0';
		if (parse_uint(buf, 600000, &v) == 0) {
			delay_ms = v;
			fprintf(stderr, "slowrelay: delay %u ms\n", delay_ms);
		} else {
			fprintf(stderr, "slowrelay: %s: not a delay: %s\n",
				delay_file, buf);
		}
	}
	fclose(f);
}

static void
nonblock(int fd)
{
	int fl = fcntl(fd, F_GETFL);

	if (fl >= 0)
		fcntl(fd, F_SETFL, fl | O_NONBLOCK);
}

static void
dir_init(struct dir *d, int from, int to)
{
	memset(d, 0, sizeof(*d));
	d->from = from;
	d->to = to;
}

static void
dir_free(struct dir *d)
{
	struct chunk *c, *next;

	for (c = d->head; c != NULL; c = next) {
		next = c->next;
		free(c);
	}
	d->head = d->tail = NULL;
	d->queued = 0;
}

/* Queues len bytes (or, with len 0, the EOF) due delay_ms from now, and
 * never before what is queued already. */
static int
dir_push(struct dir *d, const char *data, size_t len, int eof)
{
	struct chunk *c = malloc(sizeof(*c) + len);
	uint64_t due = now_ms() + delay_ms;

	if (c == NULL)
		return -1;
	if (d->tail != NULL && d->tail->due_ms > due)
		due = d->tail->due_ms;
	c->next = NULL;
	c->due_ms = due;
	c->len = len;
	c->off = 0;
	c->eof = eof;
	memcpy(c->data, data, len);
	if (d->tail != NULL)
		d->tail->next = c;
	else
		d->head = c;
	d->tail = c;
	d->queued += len;
	return 0;
}

static void
conn_close(struct conn *c, const char *why)
{
	fprintf(stderr, "slowrelay: close %u (%s; %llu bytes up, %llu "
		"down)\n", c->id, why, c->up.bytes, c->down.bytes);
	close(c->a);
	close(c->b);
	dir_free(&c->up);
	dir_free(&c->down);
	c->used = 0;
}

/* Reads what the source has; returns -1 when the connection is to go. */
static int
dir_read(struct dir *d)
{
	char buf[CHUNK];
	ssize_t n;

	if (d->read_done || d->queued >= QUEUED_MAX)
		return 0;
	n = read(d->from, buf, sizeof(buf));
	if (n > 0) {
		d->bytes += (unsigned long long)n;
		return dir_push(d, buf, (size_t)n, 0);
	}
	if (n == 0) {
		d->read_done = 1;
		return dir_push(d, NULL, 0, 1);
	}
	if (errno == EAGAIN || errno == EWOULDBLOCK || errno == EINTR)
		return 0;
	return -1;
}

/* Writes what is due; returns -1 when the connection is to go. */
static int
dir_write(struct dir *d, uint64_t now)
{
	while (d->head != NULL && d->head->due_ms <= now) {
		struct chunk *c = d->head;

		if (c->eof) {
			shutdown(d->to, SHUT_WR);
			d->write_done = 1;
		} else {
			ssize_t n = write(d->to, c->data + c->off,
					  c->len - c->off);

			if (n < 0) {
				if (errno == EAGAIN || errno == EWOULDBLOCK ||
				    errno == EINTR)
					return 0;
				return -1;
			}
			c->off += (size_t)n;
			d->queued -= (size_t)n;
			if (c->off < c->len)
				return 0;
		}
		d->head = c->next;
		if (d->head == NULL)
			d->tail = NULL;
		free(c);
	}
	return 0;
}

static void
accept_one(int lfd, int target_port)
{
	static unsigned next_id = 1;
	struct sockaddr_in to = { .sin_family = AF_INET };
	struct conn *c = NULL;
	int a, b, one = 1;
	size_t i;

	a = accept(lfd, NULL, NULL);
	if (a < 0)
		return;
	for (i = 0; i < CONNS_MAX; i++)
		if (!conns[i].used) {
			c = &conns[i];
			break;
		}
	if (c == NULL) {
		fprintf(stderr, "slowrelay: too many connections, refused\n");
		close(a);
		return;
	}
	to.sin_port = htons((uint16_t)target_port);
	to.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
	b = socket(AF_INET, SOCK_STREAM, 0);
	/* Loopback: the connect itself is immediate (or refused). */
	if (b < 0 || connect(b, (struct sockaddr *)&to, sizeof(to)) != 0) {
		fprintf(stderr, "slowrelay: target 127.0.0.1:%d: %s\n",
			target_port, strerror(errno));
		if (b >= 0)
			close(b);
		close(a);
		return;
	}
	setsockopt(a, IPPROTO_TCP, TCP_NODELAY, &one, sizeof(one));
	setsockopt(b, IPPROTO_TCP, TCP_NODELAY, &one, sizeof(one));
	nonblock(a);
	nonblock(b);
	memset(c, 0, sizeof(*c));
	c->used = 1;
	c->id = next_id++;
	c->a = a;
	c->b = b;
	dir_init(&c->up, a, b);
	dir_init(&c->down, b, a);
	fprintf(stderr, "slowrelay: open %u (delay %u ms)\n", c->id,
		delay_ms);
}

static int
write_port_file(const char *path, int port)
{
	char tmp[PATH_MAX];
	FILE *f;

	if (snprintf(tmp, sizeof(tmp), "%s.tmp", path) >= (int)sizeof(tmp))
		return -1;
	if ((f = fopen(tmp, "w")) == NULL)
		return -1;
	fprintf(f, "%d\n", port);
	if (fclose(f) != 0)
		return -1;
	return rename(tmp, path);
}

int
main(int argc, char **argv)
{
	struct sockaddr_in sa = { .sin_family = AF_INET };
	socklen_t salen = sizeof(sa);
	const char *port_file = NULL;
	unsigned target = 0, listen_port = 0;
	struct sigaction act;
	int lfd, one = 1, ch;

	while ((ch = getopt(argc, argv, "t:l:d:f:p:")) != -1) {
		switch (ch) {
		case 't':
			if (parse_uint(optarg, 65535, &target) != 0 ||
			    target == 0)
				usage();
			break;
		case 'l':
			if (parse_uint(optarg, 65535, &listen_port) != 0)
				usage();
			break;
		case 'd':
			if (parse_uint(optarg, 600000, &delay_ms) != 0)
				usage();
			break;
		case 'f':
			delay_file = optarg;
			break;
		case 'p':
			port_file = optarg;
			break;
		default:
			usage();
		}
	}
	if (target == 0 || optind != argc)
		usage();
	read_delay();

	memset(&act, 0, sizeof(act));
	act.sa_handler = on_signal;
	sigemptyset(&act.sa_mask);
	sigaction(SIGHUP, &act, NULL);
	sigaction(SIGTERM, &act, NULL);
	sigaction(SIGINT, &act, NULL);
	signal(SIGPIPE, SIG_IGN);

	lfd = socket(AF_INET, SOCK_STREAM, 0);
	if (lfd < 0) {
		perror("slowrelay: socket");
		return 1;
	}
	setsockopt(lfd, SOL_SOCKET, SO_REUSEADDR, &one, sizeof(one));
	sa.sin_port = htons((uint16_t)listen_port);
	sa.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
	if (bind(lfd, (struct sockaddr *)&sa, sizeof(sa)) != 0 ||
	    listen(lfd, 16) != 0 ||
	    getsockname(lfd, (struct sockaddr *)&sa, &salen) != 0) {
		fprintf(stderr, "slowrelay: listen on 127.0.0.1:%u: %s\n",
			listen_port, strerror(errno));
		return 1;
	}
	nonblock(lfd);
	if (port_file != NULL &&
	    write_port_file(port_file, ntohs(sa.sin_port)) != 0) {
		fprintf(stderr, "slowrelay: %s: %s\n", port_file,
			strerror(errno));
		return 1;
	}
	fprintf(stderr, "slowrelay: 127.0.0.1:%d -> 127.0.0.1:%u, delay %u "
		"ms\n", ntohs(sa.sin_port), target, delay_ms);

	while (!got_term) {
		struct pollfd pfd[1 + 2 * CONNS_MAX];
		uint64_t now = now_ms(), next = UINT64_MAX;
		int n = 0, timeout, i, r;

		if (got_hup) {
			got_hup = 0;
			read_delay();
		}
		pfd[n].fd = lfd;
		pfd[n++].events = POLLIN;
		for (i = 0; i < CONNS_MAX; i++) {
			struct conn *c = &conns[i];
			struct dir *d[2] = { &c->up, &c->down };
			int k;

			if (!c->used)
				continue;
			/* Entry k is the fd direction k reads from, and the
			 * other direction writes to. */
			for (k = 0; k < 2; k++) {
				const struct dir *in = d[k], *out = d[1 - k];

				pfd[n].fd = in->from;
				pfd[n].events = 0;
				if (!in->read_done && in->queued < QUEUED_MAX)
					pfd[n].events |= POLLIN;
				if (out->head != NULL) {
					if (out->head->due_ms <= now)
						pfd[n].events |= POLLOUT;
					else if (out->head->due_ms < next)
						next = out->head->due_ms;
				}
				n++;
			}
		}
		timeout = 1000;
		if (next != UINT64_MAX && next - now < 1000)
			timeout = (int)(next - now);
		r = poll(pfd, (nfds_t)n, timeout);
		if (r < 0 && errno != EINTR) {
			perror("slowrelay: poll");
			return 1;
		}
		if (r > 0 && (pfd[0].revents & POLLIN))
			accept_one(lfd, (int)target);
		/* Every connection is served whatever poll said: reads and
		 * writes do not block, and a chunk that fell due during the
		 * poll goes out now. */
		now = now_ms();
		for (i = 0; i < CONNS_MAX; i++) {
			struct conn *c = &conns[i];

			if (!c->used)
				continue;
			if (dir_read(&c->up) != 0 || dir_read(&c->down) != 0 ||
			    dir_write(&c->up, now) != 0 ||
			    dir_write(&c->down, now) != 0) {
				conn_close(c, "reset");
				continue;
			}
			if (c->up.write_done && c->down.write_done)
				conn_close(c, "closed");
		}
	}
	for (int i = 0; i < CONNS_MAX; i++)
		if (conns[i].used)
			conn_close(&conns[i], "relay stopped");
	close(lfd);
	fprintf(stderr, "slowrelay: stopped\n");
	return 0;
}
