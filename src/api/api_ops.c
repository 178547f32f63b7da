/* api_ops.c — what operators and their monitoring ask (issue 19):
 * liveness, readiness and the metrics. */
#include "base/base.h"
#include "api/api.h"
#include "domain/ops.h"
#include "http/obs.h"

void api_healthz(struct http_req *rq, struct http_resp *rs)
{
	(void)rq;
	/* The process answers: nothing else is looked at. */
	http_json(rs, 200, json_pack("{s:s}", "status", "ok"));
	rs->cache = "no-store";
}

void api_readyz(struct http_req *rq, struct http_resp *rs)
{
	struct err err;
	int have, want;
	if (tracker_ready(TRACKER(rq), &have, &want, &err) != ERR_OK)
		http_error(rs, &err);
	else
		http_json(rs, 200, json_pack("{s:s, s:i}", "status", "ready", "schema_version", have));
	rs->cache = "no-store";
}

void api_metrics(struct http_req *rq, struct http_resp *rs)
{
	struct err err;
	rs->cache = "no-store";
	if (!obs_metrics_allowed(rq)) {
		err_set(&err, ERR_FORBIDDEN, "", "metrics are answered to loopback or with the metrics token");
		http_error(rs, &err);
		return;
	}
	rs->status = 200;
	rs->content_type = "text/plain; version=0.0.4; charset=utf-8";
	buf_reset(&rs->body);
	obs_render(&rs->body);
	int64_t waiting, age;
	int up = tracker_mail_backlog(TRACKER(rq), &waiting, &age, &err) == ERR_OK;
	buf_printf(&rs->body, "# HELP cchc_mail_queue_depth Letters waiting to be sent.\n"
			      "# TYPE cchc_mail_queue_depth gauge\ncchc_mail_queue_depth %lld\n",
		   up ? (long long)waiting : 0LL);
	buf_printf(&rs->body, "# HELP cchc_mail_queue_oldest_age_seconds Age of the oldest letter waiting "
			      "(0: none).\n# TYPE cchc_mail_queue_oldest_age_seconds gauge\n"
			      "cchc_mail_queue_oldest_age_seconds %lld\n", up ? (long long)age : 0LL);
	buf_printf(&rs->body, "# HELP cchc_database_up Whether the last scrape could read the database.\n"
			      "# TYPE cchc_database_up gauge\ncchc_database_up %d\n", up);
}
