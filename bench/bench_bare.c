/*
 * bench_bare.c — the ceiling: a bare libmicrohttpd responder that answers
 * every request with one fixed body held in memory, with the same daemon
 * flags as src/http/server.c (internal polling thread, epoll, a thread
 * pool) and the same response headers, so that it sends the very bytes
 * cchc sends for that page.  Not a benchmark by itself: bench/run.sh runs
 * it beside `cchc serve` and points wrk at both.
 *
 *   bench_bare FILE|- [--listen HOST:PORT] [--threads N]
 *
 * Prints "bare: listening on http://HOST:PORT" and serves until SIGINT
 * or SIGTERM.  Like cchc, it queues the response on the second call of
 * the access handler: libmicrohttpd 0.9.75 closes the connection after a
 * response queued on the first call.
 */
#include "base/base.h"

#include <arpa/inet.h>
#include <errno.h>
#include <microhttpd.h>
#include <netinet/in.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static struct MHD_Response *response;
static int marker;	/* *con_cls points here after the first call */

static enum MHD_Result on_request(void *cls, struct MHD_Connection *conn, const char *url,
				  const char *method, const char *version, const char *upload_data,
				  size_t *upload_data_size, void **con_cls)
{
	(void)cls;
	(void)url;
	(void)method;
	(void)version;
	(void)upload_data;
	if (!*con_cls) {
		*con_cls = &marker;
		return MHD_YES;
	}
	if (*upload_data_size) {
		*upload_data_size = 0;	/* a body is read and dropped */
		return MHD_YES;
	}
	return MHD_queue_response(conn, MHD_HTTP_OK, response);
}

static int usage(void)
{
	fprintf(stderr, "usage: bench_bare FILE|- [--listen HOST:PORT] [--threads N]\n");
	return 2;
}

int main(int argc, char **argv)
{
	const char *file = NULL, *listen = "127.0.0.1:0";
	int threads = 2;
	for (int i = 1; i < argc; i++) {
		if (i + 1 < argc && strcmp(argv[i], "--listen") == 0)
			listen = argv[++i];
		else if (i + 1 < argc && strcmp(argv[i], "--threads") == 0)
			threads = atoi(argv[++i]);
		else if (!file)
			file = argv[i];
		else
			return usage();
	}
	if (!file || threads < 1 || threads > 64)
		return usage();

	/* The body, whole, from the file or stdin. */
	FILE *in = strcmp(file, "-") == 0 ? stdin : fopen(file, "rb");
	if (!in) {
		fprintf(stderr, "bench_bare: %s: %s\n", file, strerror(errno));
		return 1;
	}
	struct buf body = BUF_INIT;
	char chunk[65536];
	size_t n;
	while ((n = fread(chunk, 1, sizeof chunk, in)) > 0)
		buf_add(&body, chunk, n);
	if (in != stdin)
		fclose(in);

	char host[64];
	const char *colon = strrchr(listen, ':');
	if (!colon || (size_t)(colon - listen) >= sizeof host)
		return usage();
	memcpy(host, listen, (size_t)(colon - listen));
	host[colon - listen] = 0;
	struct sockaddr_in addr = {.sin_family = AF_INET, .sin_port = htons((uint16_t)atoi(colon + 1))};
	if (inet_pton(AF_INET, host, &addr.sin_addr) != 1)
		return usage();

	response = MHD_create_response_from_buffer(body.len, body.len ? body.data : (char *)"",
						   MHD_RESPMEM_PERSISTENT);
	/* The headers cchc adds to every JSON answer (server.c add_common_headers). */
	MHD_add_response_header(response, "Content-Type", "application/json; charset=utf-8");
	MHD_add_response_header(response, "X-Content-Type-Options", "nosniff");
	MHD_add_response_header(response, "Referrer-Policy", "no-referrer");
	MHD_add_response_header(response, "X-Frame-Options", "DENY");
	MHD_add_response_header(response, "Content-Security-Policy",
				"default-src 'self'; img-src 'self' data:; style-src 'self'; "
				"script-src 'self'; object-src 'none'; frame-ancestors 'none'; base-uri 'none'");
	MHD_add_response_header(response, "Cache-Control", "no-store");

	sigset_t stop;
	sigemptyset(&stop);
	sigaddset(&stop, SIGINT);
	sigaddset(&stop, SIGTERM);
	pthread_sigmask(SIG_BLOCK, &stop, NULL);
	signal(SIGPIPE, SIG_IGN);
	struct MHD_Daemon *d = MHD_start_daemon(
		MHD_USE_INTERNAL_POLLING_THREAD | MHD_USE_EPOLL | MHD_USE_ERROR_LOG, 0, NULL, NULL,
		on_request, NULL,
		MHD_OPTION_SOCK_ADDR, (struct sockaddr *)&addr,
		MHD_OPTION_THREAD_POOL_SIZE, (unsigned)threads,
		MHD_OPTION_CONNECTION_TIMEOUT, (unsigned)60,
		MHD_OPTION_CONNECTION_MEMORY_LIMIT, (size_t)(128 * 1024),
		MHD_OPTION_LISTEN_BACKLOG_SIZE, (unsigned)512,
		MHD_OPTION_END);
	if (!d) {
		fprintf(stderr, "bench_bare: cannot listen on %s: %s\n", listen, strerror(errno));
		return 1;
	}
	const union MHD_DaemonInfo *info = MHD_get_daemon_info(d, MHD_DAEMON_INFO_BIND_PORT);
	printf("bare: listening on http://%s:%u (%zu bytes, %d threads)\n", host,
	       info ? info->port : 0u, body.len, threads);
	fflush(stdout);
	int sig = 0;
	sigwait(&stop, &sig);
	MHD_stop_daemon(d);
	MHD_destroy_response(response);
	buf_release(&body);
	return 0;
}
