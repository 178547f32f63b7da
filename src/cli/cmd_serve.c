/* cmd_serve.c — `cchc serve`: the web UI and the JSON API. */
#include "base/base.h"
#include "cli/cli.h"
#include "api/api.h"
#include "domain/remind.h"
#include "domain/tracker.h"
#include "http/obs.h"
#include "http/server.h"
#include "store/probe.h"

#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Splits "HOST:PORT"; returns 0 when well-formed. */
static int parse_listen(const char *s, char *host, size_t hostlen, int *port)
{
	const char *colon = strrchr(s, ':');
	if (!colon || colon == s || (size_t)(colon - s) >= hostlen)
		return -1;
	char *end;
	long p = strtol(colon + 1, &end, 10);
	if (*end || end == colon + 1 || p < 0 || p > 65535)
		return -1;
	memcpy(host, s, (size_t)(colon - s));
	host[colon - s] = 0;
	*port = (int)p;
	return 0;
}

static uint64_t probe_version(void *probe)
{
	return store_probe_version(probe);
}

/* The request log and the metrics, labelled by the route table (whose
 * strings are static); off when CCHC_NO_OBS is set (the benchmark's A/B). */
static enum err_code start_obs(const struct remind_settings *settings, struct err *err)
{
	if (getenv("CCHC_NO_OBS"))
		return ERR_OK;
	size_t n;
	const struct route *routes = route_table(&n);
	static const char *methods[256], *patterns[256];
	if (n > ARRAY_LEN(methods))
		return err_set(err, ERR_INTERNAL, "", "more routes than the metrics can label");
	for (size_t i = 0; i < n; i++) {
		methods[i] = routes[i].method;
		patterns[i] = routes[i].pattern;
	}
	obs_set_metrics_token(settings->metrics_token);
	return obs_start(n, methods, patterns, settings->log_file, (enum log_level)settings->log_level, err);
}

/* What the command line gives; NULL: not given. */
struct serve_args {
	const char *config, *db, *listen, *data_dir, *threads;
	bool scheduler;
};

/* 0, or the exit status of a bad command line. */
static int parse_args(int argc, char **argv, struct serve_args *a)
{
	*a = (struct serve_args){.scheduler = true};
	for (int i = 0; i < argc; i++) {
		int r;
		/* The benchmark's synthetic data has no one to remind. */
		if (strcmp(argv[i], "--no-scheduler") == 0) {
			a->scheduler = false;
			continue;
		}
		if ((r = cli_opt(argc, argv, &i, "--config", &a->config)) ||
		    (r = cli_opt(argc, argv, &i, "--db", &a->db)) ||
		    (r = cli_opt(argc, argv, &i, "--listen", &a->listen)) ||
		    (r = cli_opt(argc, argv, &i, "--data-dir", &a->data_dir)) ||
		    (r = cli_opt(argc, argv, &i, "--threads", &a->threads))) {
			if (r < 0)
				return cli_usage("serve");
			continue;
		}
		fprintf(stderr, "cchc serve: unknown option '%s'\n", argv[i]);
		return cli_usage("serve");
	}
	return 0;
}

/* What SIGHUP works on: the file, and what was made from it. */
struct running {
	const char *config;		/* NULL: no file; SIGHUP only reopens the log */
	struct remind_settings *settings;
	struct tracker *tr;
	struct remind_scheduler *sch;	/* NULL: not running */
	bool scheduler;
};

/* A key of the file that is read at start only: named when it changed. */
static void restart_key(const char *key, const char *was, const char *now)
{
	if (strcmp(was ? was : "", now ? now : "") != 0)
		obs_note(LOG_WARN, "config: '%s' changed; it needs a restart and is not applied", key);
}

/* SIGHUP: reads the file again, reopens the log, applies what can be
 * applied while serving (the scheduler restarts with its new settings)
 * and names what cannot.  A file that does not read keeps everything. */
static void on_hangup(void *ctx)
{
	struct running *run = ctx;
	struct err err = {0};
	if (!run->config) {
		if (obs_reopen(run->settings->log_file, (enum log_level)run->settings->log_level, &err) != ERR_OK)
			obs_note(LOG_ERROR, "%s; the log stays where it was", err.message);
		obs_note(LOG_INFO, "log reopened");
		return;
	}
	struct remind_settings next;
	remind_settings_init(&next);
	if (remind_settings_load(&next, run->config, &err) != ERR_OK) {
		obs_note(LOG_ERROR, "config: %s; nothing changed", err.message);
		remind_settings_release(&next);
		return;
	}
	/* listen and db keep their running values (a later SIGHUP names them
	 * again); the file's go with the old settings, released below. */
	char *file_listen = next.listen, *file_db = next.db;
	next.listen = run->settings->listen;
	next.db = run->settings->db;
	run->settings->listen = file_listen;
	run->settings->db = file_db;
	if (obs_reopen(next.log_file, (enum log_level)next.log_level, &err) != ERR_OK)
		obs_note(LOG_ERROR, "config: %s; the log stays where it was", err.message);
	obs_set_metrics_token(next.metrics_token);
	restart_key("listen", next.listen, file_listen);
	restart_key("db", next.db, file_db);
	if (next.photo_max_px != run->settings->photo_max_px || next.photo_quality != run->settings->photo_quality)
		obs_note(LOG_WARN, "config: 'photo_max_px' or 'photo_quality' changed; it needs a restart and is not applied");
	remind_scheduler_stop(run->sch);
	run->sch = NULL;
	remind_settings_release(run->settings);
	*run->settings = next;
	if (run->scheduler && !(run->sch = remind_scheduler_start(run->tr, run->settings, &err)))
		obs_note(LOG_ERROR, "%s; no reminders will be sent", err.message);
	obs_note(LOG_INFO, "config: read again from %s; the log reopened", run->config);
}

/* Serves db until a stop signal; the exit status. */
static int serve(const struct serve_args *a, struct remind_settings *settings, const char *db,
		 const char *host, int port, int nthreads)
{
	struct err err = {0};
	/* No principal of its own: the server gives each request its signed-in
	 * one (public routes act as the system), and the scheduler is the system. */
	struct tracker_options opt = {.durable = true, .connections = nthreads + 1, .tally = true,
				      .data_dir = a->data_dir};
	struct tracker *tr = tracker_open(db, &opt, &err);
	struct store_probe *probe = NULL;
	int rc = 1;
	if (!tr || !(probe = store_probe_open(tr->store, &err))) {
		fprintf(stderr, "cchc serve: %s\n", err.message);
		goto out;
	}
	struct app app = {.tracker = *tr, .photo_max_px = settings->photo_max_px,
			  .photo_quality = settings->photo_quality};
	struct running run = {.config = a->config, .settings = settings, .tr = tr, .scheduler = a->scheduler};
	struct http_config cfg = {.max_json_body = 1 << 20, .max_upload_body = 64 << 20,
				  .max_evidence = 20 << 20, .max_files = 5, .threads = nthreads,
				  .drain_seconds = 10, .hangup = on_hangup, .hangup_ctx = &run};
	struct http_dispatch dispatch;
	api_dispatch(&app, &dispatch);
	/* The response cache only asks storage whether anything changed since
	 * an answer was made; it reads no data itself. */
	if (!getenv("CCHC_NO_CACHE")) {
		dispatch.version = probe_version;
		dispatch.version_src = probe;
	}
	/* libcurl's global set-up must happen before any thread exists. */
	mailer_global_init();
	if (a->scheduler && !(run.sch = remind_scheduler_start(tr, settings, &err)))
		fprintf(stderr, "cchc serve: %s; no reminders will be sent\n", err.message);
	rc = server_run(&cfg, &dispatch, host, port);
	/* The round in progress ends; no new one begins. */
	remind_scheduler_stop(run.sch);
	mailer_global_cleanup();
out:
	store_probe_close(probe);
	tracker_close(tr);
	return rc;
}

int cmd_serve(int argc, char **argv)
{
	struct serve_args a;
	int bad = parse_args(argc, argv, &a);
	if (bad)
		return bad;
	/* Before any thread exists, so that every one inherits the mask. */
	sigset_t signals;
	server_block_signals(&signals);
	struct err err = {0};
	struct remind_settings settings;
	remind_settings_init(&settings);
	if (a.config && remind_settings_load(&settings, a.config, &err) != ERR_OK) {
		fprintf(stderr, "cchc serve: %s\n", err.message);
		remind_settings_release(&settings);
		return 2;
	}
	/* The file's listen and db apply where the command line names none. */
	const char *db = a.db ? a.db : settings.db ? settings.db : "data/cchc.db";
	const char *listen = a.listen ? a.listen : settings.listen ? settings.listen : "127.0.0.1:8080";
	char host[64];
	int port, rc = 2;
	int nthreads = a.threads ? atoi(a.threads) : 4;
	if (parse_listen(listen, host, sizeof host, &port) != 0) {
		fprintf(stderr, "cchc serve: --listen wants HOST:PORT, got '%s'\n", listen);
		goto out;
	}
	if (nthreads < 1 || nthreads > 64) {
		fprintf(stderr, "cchc serve: --threads wants 1 to 64\n");
		goto out;
	}
	rc = 1;
	if (sodium_init() < 0) {
		fprintf(stderr, "cchc serve: libsodium failed to start\n");
		goto out;
	}
	if (start_obs(&settings, &err) != ERR_OK) {
		fprintf(stderr, "cchc serve: %s\n", err.message);
		goto out;
	}
	rc = serve(&a, &settings, db, host, port, nthreads);
	obs_stop();
out:
	remind_settings_release(&settings);
	return rc;
}
