/* cmd_serve.c — `cchc serve`: the web UI and the JSON API. */
#include "base/base.h"
#include "cli/cli.h"
#include "api/api.h"
#include "domain/remind.h"
#include "domain/tracker.h"
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

int cmd_serve(int argc, char **argv)
{
	const char *db = "data/cchc.db", *listen = "127.0.0.1:8080", *data_dir = NULL, *threads = NULL;
	const char *config = NULL;
	bool scheduler = true;
	for (int i = 0; i < argc; i++) {
		int r;
		/* The benchmark's synthetic data has no one to remind. */
		if (strcmp(argv[i], "--no-scheduler") == 0) {
			scheduler = false;
			continue;
		}
		if ((r = cli_opt(argc, argv, &i, "--config", &config)) ||
		    (r = cli_opt(argc, argv, &i, "--db", &db)) ||
		    (r = cli_opt(argc, argv, &i, "--listen", &listen)) ||
		    (r = cli_opt(argc, argv, &i, "--data-dir", &data_dir)) ||
		    (r = cli_opt(argc, argv, &i, "--threads", &threads))) {
			if (r < 0)
				return cli_usage("serve");
			continue;
		}
		fprintf(stderr, "cchc serve: unknown option '%s'\n", argv[i]);
		return cli_usage("serve");
	}
	char host[64];
	int port;
	if (parse_listen(listen, host, sizeof host, &port) != 0) {
		fprintf(stderr, "cchc serve: --listen wants HOST:PORT, got '%s'\n", listen);
		return 2;
	}
	int nthreads = threads ? atoi(threads) : 4;
	if (nthreads < 1 || nthreads > 64) {
		fprintf(stderr, "cchc serve: --threads wants 1 to 64\n");
		return 2;
	}
	if (sodium_init() < 0) {
		fprintf(stderr, "cchc serve: libsodium failed to start\n");
		return 1;
	}
	struct err err = {0};
	struct remind_settings settings;
	remind_settings_init(&settings);
	if (config && remind_settings_load(&settings, config, &err) != ERR_OK) {
		fprintf(stderr, "cchc serve: %s\n", err.message);
		remind_settings_release(&settings);
		return 2;
	}
	/* No principal of its own: the server gives each request its signed-in
	 * one (public routes act as the system), and the scheduler is the system. */
	struct tracker_options opt = {.durable = true, .connections = nthreads + 1, .tally = true,
				      .data_dir = data_dir};
	struct tracker *tr = tracker_open(db, &opt, &err);
	struct store_probe *probe = NULL;
	int rc = 1;
	if (!tr || !(probe = store_probe_open(db, &err))) {
		fprintf(stderr, "cchc serve: %s\n", err.message);
		goto out;
	}
	struct app app = {.tracker = *tr};
	struct http_config cfg = {.max_json_body = 1 << 20, .max_upload_body = 64 << 20,
				  .max_evidence = 20 << 20, .max_files = 5, .threads = nthreads};
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
	struct remind_scheduler *sch = NULL;
	if (scheduler && !(sch = remind_scheduler_start(tr, &settings, &err)))
		fprintf(stderr, "cchc serve: %s; no reminders will be sent\n", err.message);
	rc = server_run(&cfg, &dispatch, host, port);
	remind_scheduler_stop(sch);
	mailer_global_cleanup();
out:
	remind_settings_release(&settings);
	store_probe_close(probe);
	tracker_close(tr);
	return rc;
}
