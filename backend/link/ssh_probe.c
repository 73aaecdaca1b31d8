#include "backend/link/ssh_probe.h"

#include <pthread.h>
#include <stdlib.h>
#include <string.h>

#include "backend/util/clock.h"
#include "backend/util/xalloc.h"

struct sshprobe {
	/* Copies: the link that started the probe may be gone before the
	 * thread is. */
	struct sshsession_config conf;
	struct sshsession_node node;
	char *strings[9];

	pthread_mutex_t lock;
	bool done, abandoned;
	struct sshsession *session;
	char *err;
	uint64_t took_ms;
};

static char *
keep(struct sshprobe *p, size_t i, const char *s)
{
	p->strings[i] = s != NULL ? xstrdup(s) : NULL;
	return p->strings[i];
}

static void
probe_free(struct sshprobe *p)
{
	size_t i;

	sshsession_close(p->session);
	free(p->err);
	for (i = 0; i < sizeof(p->strings) / sizeof(p->strings[0]); i++)
		free(p->strings[i]);
	pthread_mutex_destroy(&p->lock);
	free(p);
}

static void *
probe_main(void *arg)
{
	struct sshprobe *p = arg;
	uint64_t t0 = clock_monotonic_ms();
	char *err = NULL;
	struct sshsession *s = sshsession_open(&p->conf, &p->node, &err);
	bool abandoned;

	pthread_mutex_lock(&p->lock);
	p->session = s;
	p->err = err;
	p->took_ms = clock_monotonic_ms() - t0;
	p->done = true;
	abandoned = p->abandoned;
	pthread_mutex_unlock(&p->lock);
	if (abandoned)
		probe_free(p);
	return NULL;
}

struct sshprobe *
sshprobe_start(const struct sshsession_config *c,
	       const struct sshsession_node *n, char **err)
{
	struct sshprobe *p = xcalloc(1, sizeof(*p));
	pthread_attr_t attr;
	pthread_t tid;
	int rc;

	p->conf = *c;
	p->conf.cluster = keep(p, 0, c->cluster);
	p->conf.user = keep(p, 1, c->user);
	p->conf.identity = keep(p, 2, c->identity);
	p->conf.ssh_config = keep(p, 3, c->ssh_config);
	p->conf.known_hosts = keep(p, 4, c->known_hosts);
	p->conf.home = keep(p, 5, c->home);
	/* Nobody to answer: a login that would ask fails instead. */
	p->conf.prompt = NULL;
	p->node.spec = keep(p, 6, n->spec);
	p->node.user = keep(p, 7, n->user);
	p->node.host = keep(p, 8, n->host);
	p->node.port = n->port;
	pthread_mutex_init(&p->lock, NULL);
	if ((rc = pthread_attr_init(&attr)) == 0) {
		/* Never joined: it may outlive its link, and ends alone. */
		(void)pthread_attr_setdetachstate(&attr,
						  PTHREAD_CREATE_DETACHED);
		rc = pthread_create(&tid, &attr, probe_main, p);
		pthread_attr_destroy(&attr);
	}
	if (rc != 0) {
		*err = xasprintf("%s: cannot try it in the background: %s",
				 n->spec, strerror(rc));
		probe_free(p);
		return NULL;
	}
	return p;
}

bool
sshprobe_done(struct sshprobe *p)
{
	bool done;

	pthread_mutex_lock(&p->lock);
	done = p->done;
	pthread_mutex_unlock(&p->lock);
	return done;
}

struct sshsession *
sshprobe_take(struct sshprobe *p, uint64_t *took_ms, char **err)
{
	struct sshsession *s;

	/* Done: the thread touches p no more. */
	s = p->session;
	p->session = NULL;
	*took_ms = p->took_ms;
	if (s == NULL) {
		*err = p->err != NULL ? p->err : xstrdup("login failed");
		p->err = NULL;
	}
	probe_free(p);
	return s;
}

void
sshprobe_abandon(struct sshprobe *p)
{
	bool done;

	if (p == NULL)
		return;
	pthread_mutex_lock(&p->lock);
	p->abandoned = true;
	done = p->done;
	pthread_mutex_unlock(&p->lock);
	if (done)
		probe_free(p);
}
