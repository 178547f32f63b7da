/* server.h — run the HTTP server until SIGINT or SIGTERM. */
#ifndef CCHC_SERVER_H
#define CCHC_SERVER_H
#include "http/http.h"

/* Serves on host:port (port 0 picks a free one) with what d dispatches to
 * and prints "cchc: listening on http://HOST:PORT" once ready.  Returns 0
 * after a clean shutdown, 1 if the server could not start. */
int server_run(const struct http_config *cfg, const struct http_dispatch *d, const char *host, int port);

#endif
