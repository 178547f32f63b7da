/* obs.c — the request log and the metrics of obs.h. */
#include "base/base.h"
#include "base/meter.h"
#include "http/http.h"
#include "http/obs.h"

#include <errno.h>
#include <fcntl.h>
#include <pthread.h>
#include <sodium.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#define LOG_FLUSH_BYTES (32u << 10)
#define LOG_FLUSH_MS 200

/* The statuses counted one by one; any other is counted as "other" (slot 0). */
static const int counted_status[] = {0, 200, 201, 204, 206, 301, 302, 304, 400, 401, 403, 404, 405,
				     409, 410, 413, 415, 422, 429, 500, 502, 503};
#define NSTATUS ARRAY_LEN(counted_status)
/* Upper bounds of the latency buckets, in seconds; +Inf follows. */
static const double bucket_le[] = {0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10};
#define NBUCKET (ARRAY_LEN(bucket_le) + 1)

struct route_counts {
	_Atomic uint64_t by_status[NSTATUS];
	_Atomic uint64_t buckets[NBUCKET];
	_Atomic uint64_t ns;		/* sum of durations */
};

static struct {
	_Atomic int started;
	size_t nroutes;
	const char *const *methods, *const *patterns;
	struct route_counts *routes;	/* nroutes + 1: the last is "no route" */
	uint64_t bucket_ns[NBUCKET - 1];
	_Atomic int in_flight;
	_Atomic uint32_t next_id;
	uint32_t id_prefix;
	/* The log: lines gathered in buf, written to fd. */
	pthread_mutex_t mu;		/* buf, fd, level */
	pthread_mutex_t write_mu;	/* one write at a time, and fd's swap */
	pthread_cond_t cv;		/* wakes the flusher to stop */
	pthread_t flusher;
	int stopping;
	struct buf buf;
	int fd;				/* owned unless it is 2 */
	_Atomic int level;
	/* The metrics token, swapped on reload. */
	pthread_mutex_t token_mu;
	char token[129];
} obs = {.mu = PTHREAD_MUTEX_INITIALIZER, .write_mu = PTHREAD_MUTEX_INITIALIZER,
	 .cv = PTHREAD_COND_INITIALIZER, .token_mu = PTHREAD_MUTEX_INITIALIZER, .fd = 2};

static const char *const level_names[] = {"debug", "info", "warn", "error"};

static int open_log(const char *path, struct err *err)
{
	if (!path || !*path)
		return 2;
	int fd = open(path, O_WRONLY | O_APPEND | O_CREAT | O_CLOEXEC, 0640);
	if (fd < 0)
		err_set(err, ERR_INVALID, "log_file", "cannot open the log file %s: %s", path, strerror(errno));
	return fd;
}

/* Writes out what is gathered; caller holds obs.mu, which it keeps. */
static void flush_locked(void)
{
	if (!obs.buf.len)
		return;
	pthread_mutex_lock(&obs.write_mu);
	size_t off = 0;
	while (off < obs.buf.len) {
		ssize_t n = write(obs.fd, obs.buf.data + off, obs.buf.len - off);
		if (n < 0 && errno == EINTR)
			continue;
		if (n <= 0)
			break;	/* a full disk loses log lines, never requests */
		off += (size_t)n;
	}
	pthread_mutex_unlock(&obs.write_mu);
	buf_reset(&obs.buf);
}

void obs_flush(void)
{
	pthread_mutex_lock(&obs.mu);
	flush_locked();
	pthread_mutex_unlock(&obs.mu);
}

static void *flusher_main(void *arg)
{
	(void)arg;
	pthread_mutex_lock(&obs.mu);
	while (!obs.stopping) {
		struct timespec until;
		clock_gettime(CLOCK_REALTIME, &until);
		until.tv_nsec += LOG_FLUSH_MS * 1000000L;
		if (until.tv_nsec >= 1000000000L) {
			until.tv_sec++;
			until.tv_nsec -= 1000000000L;
		}
		pthread_cond_timedwait(&obs.cv, &obs.mu, &until);
		flush_locked();
	}
	pthread_mutex_unlock(&obs.mu);
	return NULL;
}

enum err_code obs_start(size_t nroutes, const char *const *methods, const char *const *patterns,
			const char *log_file, enum log_level level, struct err *err)
{
	int fd = open_log(log_file, err);
	if (fd < 0)
		return err->code;
	obs.fd = fd;
	atomic_store(&obs.level, (int)level);
	obs.nroutes = nroutes;
	obs.methods = methods;
	obs.patterns = patterns;
	obs.routes = xcalloc(nroutes + 1, sizeof *obs.routes);
	for (size_t i = 0; i < NBUCKET - 1; i++)
		obs.bucket_ns[i] = (uint64_t)(bucket_le[i] * 1e9);
	randombytes_buf(&obs.id_prefix, sizeof obs.id_prefix);
	obs.stopping = 0;
	/* The flusher blocks the stop signals like every thread but the main one. */
	if (pthread_create(&obs.flusher, NULL, flusher_main, NULL) != 0) {
		free(obs.routes);
		obs.routes = NULL;
		return err_set(err, ERR_INTERNAL, "", "cannot start the log's flusher");
	}
	atomic_store(&obs.started, 1);
	return ERR_OK;
}

void obs_stop(void)
{
	if (!atomic_load(&obs.started))
		return;
	pthread_mutex_lock(&obs.mu);
	obs.stopping = 1;
	pthread_cond_signal(&obs.cv);
	pthread_mutex_unlock(&obs.mu);
	pthread_join(obs.flusher, NULL);
	atomic_store(&obs.started, 0);
	obs_flush();
	buf_release(&obs.buf);
	if (obs.fd != 2)
		close(obs.fd);
	obs.fd = 2;
	free(obs.routes);
	obs.routes = NULL;
}

enum err_code obs_reopen(const char *log_file, enum log_level level, struct err *err)
{
	int fd = open_log(log_file, err);
	if (fd < 0)
		return err->code;
	pthread_mutex_lock(&obs.mu);
	flush_locked();
	pthread_mutex_lock(&obs.write_mu);
	int old = obs.fd;
	obs.fd = fd;
	pthread_mutex_unlock(&obs.write_mu);
	atomic_store(&obs.level, (int)level);
	pthread_mutex_unlock(&obs.mu);
	if (old != 2)
		close(old);
	return ERR_OK;
}

/* "2026-12-01T08:30:05.123Z" */
static void now_text(char out[32])
{
	struct timespec ts;
	struct tm tm;
	clock_gettime(CLOCK_REALTIME, &ts);
	gmtime_r(&ts.tv_sec, &tm);
	size_t n = strftime(out, 32, "%Y-%m-%dT%H:%M:%S", &tm);
	snprintf(out + n, 32 - n, ".%03dZ", (int)(ts.tv_nsec / 1000000));
}

/* Appends s as a JSON string's contents (quotes, backslashes, controls escaped). */
static void add_escaped(struct buf *b, const char *s)
{
	for (; *s; s++) {
		unsigned char ch = (unsigned char)*s;
		if (ch == '"' || ch == '\\')
			buf_printf(b, "\\%c", ch);
		else if (ch < 0x20)
			buf_printf(b, "\\u%04x", ch);
		else
			buf_addc(b, (char)ch);
	}
}

void obs_note(enum log_level level, const char *fmt, ...)
{
	if ((int)level < atomic_load(&obs.level))
		return;
	char when[32];
	now_text(when);
	va_list ap;
	va_start(ap, fmt);
	char *msg = NULL;
	if (vasprintf(&msg, fmt, ap) < 0)
		msg = NULL;
	va_end(ap);
	pthread_mutex_lock(&obs.mu);
	buf_printf(&obs.buf, "{\"time\":\"%s\",\"level\":\"%s\",\"msg\":\"", when, level_names[level]);
	add_escaped(&obs.buf, msg ? msg : "?");
	buf_adds(&obs.buf, "\"}\n");
	flush_locked();
	pthread_mutex_unlock(&obs.mu);
	free(msg);
}

/* X-Request-Id as a client may send it: 1 to 64 of [A-Za-z0-9._-]. */
static int id_acceptable(const char *id)
{
	size_t n = id ? strlen(id) : 0;
	return n > 0 && n < HTTP_REQUEST_ID_SIZE && strspn(id, "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz"
						     "0123456789._-") == n;
}

void obs_begin(struct http_req *rq)
{
	if (!atomic_load_explicit(&obs.started, memory_order_relaxed))
		return;
	atomic_fetch_add_explicit(&obs.in_flight, 1, memory_order_relaxed);
	const char *theirs = http_header(rq, "X-Request-Id");
	if (id_acceptable(theirs))
		snprintf(rq->request_id, HTTP_REQUEST_ID_SIZE, "%s", theirs);
	else
		snprintf(rq->request_id, HTTP_REQUEST_ID_SIZE, "%08x%08x", obs.id_prefix,
			 atomic_fetch_add_explicit(&obs.next_id, 1, memory_order_relaxed));
}

static size_t status_slot(int status)
{
	for (size_t i = 1; i < NSTATUS; i++)
		if (counted_status[i] == status)
			return i;
	return 0;
}

/* The method as logged: a token of capitals, anything else "OTHER". */
static const char *method_text(const char *m)
{
	size_t n = m ? strlen(m) : 0;
	return n > 0 && n < 16 && strspn(m, "ABCDEFGHIJKLMNOPQRSTUVWXYZ") == n ? m : "OTHER";
}

void obs_end(const struct http_req *rq, int status, uint64_t ns)
{
	if (!atomic_load_explicit(&obs.started, memory_order_relaxed))
		return;
	atomic_fetch_sub_explicit(&obs.in_flight, 1, memory_order_relaxed);
	size_t r = rq->route >= 0 && (size_t)rq->route < obs.nroutes ? (size_t)rq->route : obs.nroutes;
	struct route_counts *rc = &obs.routes[r];
	atomic_fetch_add_explicit(&rc->by_status[status_slot(status)], 1, memory_order_relaxed);
	size_t b = 0;
	while (b < NBUCKET - 1 && ns > obs.bucket_ns[b])
		b++;
	atomic_fetch_add_explicit(&rc->buckets[b], 1, memory_order_relaxed);
	atomic_fetch_add_explicit(&rc->ns, ns, memory_order_relaxed);

	enum log_level level = status >= 500 || status == 0 ? LOG_ERROR : status >= 400 ? LOG_WARN : LOG_INFO;
	if ((int)level < atomic_load_explicit(&obs.level, memory_order_relaxed))
		return;
	char when[32], account[24] = "null", route[256] = "null";
	now_text(when);
	if (rq->account_id > 0)
		snprintf(account, sizeof account, "%lld", (long long)rq->account_id);
	/* Patterns are the route table's own text: no quote or backslash. */
	if (r < obs.nroutes)
		snprintf(route, sizeof route, "\"%s\"", obs.patterns[r]);
	pthread_mutex_lock(&obs.mu);
	buf_printf(&obs.buf,
		   "{\"time\":\"%s\",\"level\":\"%s\",\"request_id\":\"%s\",\"method\":\"%s\",\"route\":%s,"
		   "\"status\":%d,\"duration_ms\":%.3f,\"account\":%s}\n",
		   when, level_names[level], rq->request_id, method_text(rq->method), route, status,
		   (double)ns / 1e6, account);
	if (obs.buf.len >= LOG_FLUSH_BYTES)
		flush_locked();
	pthread_mutex_unlock(&obs.mu);
}

int obs_in_flight(void)
{
	return atomic_load(&obs.in_flight);
}

void obs_set_metrics_token(const char *token)
{
	pthread_mutex_lock(&obs.token_mu);
	snprintf(obs.token, sizeof obs.token, "%s", token ? token : "");
	pthread_mutex_unlock(&obs.token_mu);
}

static int loopback(const char *address)
{
	return address && (strncmp(address, "127.", 4) == 0 || strcmp(address, "::1") == 0);
}

int obs_metrics_allowed(struct http_req *rq)
{
	if (loopback(rq->address))
		return 1;
	const char *auth = http_header(rq, "Authorization");
	if (!auth || strncasecmp(auth, "Bearer ", 7) != 0)
		return 0;
	const char *given = auth + 7;
	pthread_mutex_lock(&obs.token_mu);
	size_t n = strlen(obs.token);
	int ok = n > 0 && strlen(given) == n && sodium_memcmp(given, obs.token, n) == 0;
	pthread_mutex_unlock(&obs.token_mu);
	return ok;
}

/* Appends a metric's HELP and TYPE lines. */
static void head(struct buf *out, const char *name, const char *type, const char *help)
{
	buf_printf(out, "# HELP %s %s\n# TYPE %s %s\n", name, help, name, type);
}

/* name{method="GET",route="/api/v1/units/{id}" — open, for more labels to follow. */
static void route_labels(struct buf *out, const char *name, size_t r)
{
	if (r < obs.nroutes)
		buf_printf(out, "%s{method=\"%s\",route=\"%s\"", name, obs.methods[r], obs.patterns[r]);
	else
		buf_printf(out, "%s{method=\"\",route=\"none\"", name);
}

static void render_requests(struct buf *out)
{
	head(out, "cchc_http_requests_total", "counter", "HTTP requests answered, by route pattern and status.");
	for (size_t r = 0; r <= obs.nroutes; r++)
		for (size_t k = 0; k < NSTATUS; k++) {
			uint64_t n = atomic_load_explicit(&obs.routes[r].by_status[k], memory_order_relaxed);
			if (!n)
				continue;
			route_labels(out, "cchc_http_requests_total", r);
			if (k)
				buf_printf(out, ",status=\"%d\"} %llu\n", counted_status[k], (unsigned long long)n);
			else
				buf_printf(out, ",status=\"other\"} %llu\n", (unsigned long long)n);
		}
	head(out, "cchc_http_request_duration_seconds", "histogram",
	     "Time from a request's first byte to its answer's last, by route pattern.");
	for (size_t r = 0; r <= obs.nroutes; r++) {
		struct route_counts *rc = &obs.routes[r];
		uint64_t seen[NBUCKET], total = 0;
		for (size_t b = 0; b < NBUCKET; b++)
			total += seen[b] = atomic_load_explicit(&rc->buckets[b], memory_order_relaxed);
		if (!total)
			continue;
		uint64_t cumulative = 0;
		for (size_t b = 0; b < NBUCKET; b++) {
			cumulative += seen[b];
			route_labels(out, "cchc_http_request_duration_seconds_bucket", r);
			if (b < NBUCKET - 1)
				buf_printf(out, ",le=\"%g\"}", bucket_le[b]);
			else
				buf_adds(out, ",le=\"+Inf\"}");
			buf_printf(out, " %llu\n", (unsigned long long)cumulative);
		}
		route_labels(out, "cchc_http_request_duration_seconds_sum", r);
		buf_printf(out, "} %.6f\n", (double)atomic_load(&rc->ns) / 1e9);
		route_labels(out, "cchc_http_request_duration_seconds_count", r);
		buf_printf(out, "} %llu\n", (unsigned long long)cumulative);
	}
}

void obs_render(struct buf *out)
{
	if (!atomic_load(&obs.started))
		return;
	render_requests(out);
	head(out, "cchc_http_requests_in_flight", "gauge", "Requests begun and not yet answered.");
	buf_printf(out, "cchc_http_requests_in_flight %d\n", obs_in_flight());
	head(out, "cchc_db_seconds_total", "counter", "Time connections to the database were held.");
	buf_printf(out, "cchc_db_seconds_total %.6f\n", (double)meter_get(METER_DB_NS) / 1e9);
	head(out, "cchc_db_connection_uses_total", "counter", "Connections to the database taken.");
	buf_printf(out, "cchc_db_connection_uses_total %llu\n", (unsigned long long)meter_get(METER_DB_USES));
	head(out, "cchc_signin_failures_total", "counter", "Sign-ins refused for a wrong name or password.");
	buf_printf(out, "cchc_signin_failures_total %llu\n",
		   (unsigned long long)meter_get(METER_SIGNIN_FAILURES));
	head(out, "cchc_scheduler_rounds_total", "counter", "Rounds of the reminder scheduler.");
	buf_printf(out, "cchc_scheduler_rounds_total %llu\n",
		   (unsigned long long)meter_get(METER_SCHEDULER_ROUNDS));
	head(out, "cchc_scheduler_last_round_timestamp_seconds", "gauge",
	     "When the reminder scheduler's last round ended (Unix time; 0: none yet).");
	buf_printf(out, "cchc_scheduler_last_round_timestamp_seconds %llu\n",
		   (unsigned long long)meter_get(METER_SCHEDULER_LAST));
	head(out, "cchc_reminders_total", "counter", "Reminders the scheduler produced.");
	buf_printf(out, "cchc_reminders_total %llu\n", (unsigned long long)meter_get(METER_REMINDERS));
	head(out, "cchc_mail_sent_total", "counter", "Letters the scheduler handed to the SMTP server.");
	buf_printf(out, "cchc_mail_sent_total %llu\n", (unsigned long long)meter_get(METER_LETTERS_SENT));
}
