/* server.h — run the HTTP server until SIGINT or SIGTERM. */
#ifndef CCHC_SERVER_H
#define CCHC_SERVER_H
#include <signal.h>

#include "http/http.h"

/* Blocks SIGINT, SIGTERM and SIGHUP in the calling thread and every thread
 * it starts afterwards (call it before any thread exists: server_run waits
 * for them), fills signals with them, and ignores SIGPIPE. */
void server_block_signals(sigset_t *signals);
/* Serves on host:port (port 0 picks a free one) with what d dispatches to
 * and prints "cchc: listening on http://HOST:PORT" once ready.  SIGHUP calls
 * cfg->hangup; SIGINT or SIGTERM stops accepting, lets the requests in
 * flight finish (cfg->drain_seconds at most) and returns.  Returns 0 after
 * a clean shutdown, 1 if the server could not start. */
int server_run(const struct http_config *cfg, const struct http_dispatch *d, const char *host, int port);

#endif
