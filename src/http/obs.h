/*
 * obs.h — what an operator sees of the server: one log line per request
 * (JSON lines, on stderr or a file), request ids, and the counters
 * /metrics reports in Prometheus' text format.  Knows routes only as the
 * numbered labels it is given; never sees a body, a header's value, a
 * query string or a path with ids, so no password, token, cookie or
 * citizen's contact can reach the log.
 *
 * Counting is lock-free (C11 atomics in arrays indexed by route number);
 * log lines are gathered in one buffer under a mutex and written at
 * 32 KB or every 200 ms by a flusher thread, so a request costs a
 * memcpy, not a write(2).  Before obs_start (and after obs_stop) every
 * call does nothing: a server without it runs as before.
 */
#ifndef CCHC_HTTP_OBS_H
#define CCHC_HTTP_OBS_H
#include <stddef.h>
#include <stdint.h>

#include "base/base.h"
#include "base/err.h"

struct http_req;

enum log_level { LOG_DEBUG, LOG_INFO, LOG_WARN, LOG_ERROR };

/*
 * Starts logging to log_file (NULL: stderr) at level, counting per route:
 * route i is labelled methods[i] and patterns[i] (static strings); route
 * number nroutes stands for "no route".  ERR_INVALID when the file cannot
 * be opened.
 */
enum err_code obs_start(size_t nroutes, const char *const *methods, const char *const *patterns,
			const char *log_file, enum log_level level, struct err *err);
/* Flushes the log and stops the flusher; counts are kept for a last scrape. */
void obs_stop(void);
/* Opens log_file again (after rotation; NULL: stderr) and sets the level. */
enum err_code obs_reopen(const char *log_file, enum log_level level, struct err *err);
/* Writes the buffered lines now. */
void obs_flush(void);
/* A line {"time", "level", "msg"} (msg JSON-escaped), written at once. */
void obs_note(enum log_level level, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

/* A request begins: fills rq->request_id (the client's, when well-formed). */
void obs_begin(struct http_req *rq);
/* It ended with status after ns nanoseconds: counted and logged. */
void obs_end(const struct http_req *rq, int status, uint64_t ns);
/* Requests begun and not ended. */
int obs_in_flight(void);

/* The token that opens /metrics beyond loopback (NULL or "": none). */
void obs_set_metrics_token(const char *token);
/* 1 when rq may read /metrics: from loopback, or with "Authorization:
 * Bearer <the metrics token>". */
int obs_metrics_allowed(struct http_req *rq);
/* Appends the counters in Prometheus' text exposition format. */
void obs_render(struct buf *out);

#endif
