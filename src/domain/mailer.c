/*
 * mailer.c — the mail queue's sender: RFC 5322 letters in UTF-8 handed to
 * an SMTP server by libcurl, one claimed row at a time.
 */
#include "base/base.h"
#include "domain/mailer.h"
#include "domain/tracker.h"
#include "store/store.h"

#include <curl/curl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#define MAX_BACKOFF_SECONDS (6 * 3600L)
/* A claim older than this cannot still be in flight: every conversation
 * is bounded by timeout_seconds, which is kept far below it. */
#define STALE_CLAIM_SECONDS 600
/* Bytes of UTF-8 per encoded word: 45 bytes make 60 base64 characters,
 * which with "=?UTF-8?B?" and "?=" stays under RFC 2047's 75. */
#define WORD_BYTES 45

void mail_config_init(struct mail_config *cfg)
{
	memset(cfg, 0, sizeof *cfg);
	cfg->smtp_from = xstrdup("cchc@localhost");
	cfg->retry_base_seconds = 60;
	cfg->retry_max = 10;
	cfg->timeout_seconds = 60;
}

void mail_config_release(struct mail_config *cfg)
{
	free(cfg->smtp_url);
	free(cfg->smtp_from);
	free(cfg->smtp_user);
	free(cfg->smtp_password);
	memset(cfg, 0, sizeof *cfg);
}

void mailer_global_init(void)
{
	curl_global_init(CURL_GLOBAL_DEFAULT);
}

void mailer_global_cleanup(void)
{
	curl_global_cleanup();
}

long mailer_backoff(const struct mail_config *cfg, int attempts)
{
	long wait = cfg->retry_base_seconds > 0 ? cfg->retry_base_seconds : 1;
	for (int i = 1; i < attempts && wait < MAX_BACKOFF_SECONDS; i++)
		wait *= 2;
	return wait < MAX_BACKOFF_SECONDS ? wait : MAX_BACKOFF_SECONDS;
}

static void add_base64(struct buf *b, const unsigned char *s, size_t n)
{
	static const char digits[] =
		"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
	for (size_t i = 0; i < n; i += 3) {
		unsigned v = (unsigned)s[i] << 16;
		if (i + 1 < n)
			v |= (unsigned)s[i + 1] << 8;
		if (i + 2 < n)
			v |= s[i + 2];
		buf_addc(b, digits[(v >> 18) & 63]);
		buf_addc(b, digits[(v >> 12) & 63]);
		buf_addc(b, i + 1 < n ? digits[(v >> 6) & 63] : '=');
		buf_addc(b, i + 2 < n ? digits[v & 63] : '=');
	}
}

/* A header value of only printable ASCII goes as is; anything else as
 * encoded words cut at character boundaries, folded onto new lines. */
static void add_header_text(struct buf *b, const char *s)
{
	bool ascii = true;
	for (const char *p = s; *p && ascii; p++)
		ascii = (unsigned char)*p >= 0x20 && (unsigned char)*p < 0x7f;
	if (ascii) {
		buf_adds(b, s);
		return;
	}
	size_t n = strlen(s), i = 0;
	while (i < n) {
		size_t end = i + WORD_BYTES < n ? i + WORD_BYTES : n;
		while (end < n && end > i && ((unsigned char)s[end] & 0xC0) == 0x80)
			end--;	/* never split a UTF-8 sequence */
		if (i > 0)
			buf_adds(b, "\r\n ");
		buf_adds(b, "=?UTF-8?B?");
		add_base64(b, (const unsigned char *)s + i, end - i);
		buf_adds(b, "?=");
		i = end;
	}
}

/* Control characters would let a recipient or subject add headers. */
static void add_header_line(struct buf *b, const char *name, const char *value)
{
	buf_adds(b, name);
	buf_adds(b, ": ");
	char *clean = xstrdup(value);
	for (char *p = clean; *p; p++)
		if ((unsigned char)*p < 0x20)
			*p = ' ';
	add_header_text(b, clean);
	free(clean);
	buf_adds(b, "\r\n");
}

char *mailer_format(const struct mail_config *cfg, const char *to, const char *subject,
		    const char *body, const char *message_id)
{
	struct buf b = BUF_INIT;
	char date[64];
	time_t now = time(NULL);
	struct tm tm;
	gmtime_r(&now, &tm);
	strftime(date, sizeof date, "%a, %d %b %Y %H:%M:%S +0000", &tm);
	add_header_line(&b, "Date", date);
	add_header_line(&b, "From", cfg->smtp_from ? cfg->smtp_from : "cchc@localhost");
	add_header_line(&b, "To", to);
	add_header_line(&b, "Subject", subject);
	buf_printf(&b, "Message-ID: <%s>\r\n", message_id);
	buf_adds(&b, "MIME-Version: 1.0\r\nContent-Type: text/plain; charset=UTF-8\r\n"
		     "Content-Transfer-Encoding: 8bit\r\nAuto-Submitted: auto-generated\r\n\r\n");
	/* Bare LFs become CRLF; libcurl escapes lines that start with a dot. */
	for (const char *p = body; *p; p++) {
		if (*p == '\n' && (p == body || p[-1] != '\r'))
			buf_addc(&b, '\r');
		buf_addc(&b, *p);
	}
	if (b.len < 2 || memcmp(b.data + b.len - 2, "\r\n", 2) != 0)
		buf_adds(&b, "\r\n");
	return buf_detach(&b);
}

struct upload {
	const char *data;
	size_t len, pos;
};

static size_t read_upload(char *out, size_t size, size_t nmemb, void *ctx)
{
	struct upload *u = ctx;
	size_t room = size * nmemb, n = u->len - u->pos;
	if (n > room)
		n = room;
	memcpy(out, u->data + u->pos, n);
	u->pos += n;
	return n;
}

enum err_code mailer_send(const struct mail_config *cfg, const char *to, const char *message,
			  struct err *err)
{
	enum err_code rc = ERR_OK;
	struct curl_slist *rcpt = NULL;
	char reason[CURL_ERROR_SIZE] = "";
	struct upload up = {message, strlen(message), 0};
	CURL *curl = curl_easy_init();
	if (!curl)
		return err_set(err, ERR_INTERNAL, "", "libcurl could not start");
	rcpt = curl_slist_append(rcpt, to);
	curl_easy_setopt(curl, CURLOPT_URL, cfg->smtp_url);
	curl_easy_setopt(curl, CURLOPT_MAIL_FROM, cfg->smtp_from);
	curl_easy_setopt(curl, CURLOPT_MAIL_RCPT, rcpt);
	if (cfg->smtp_user) {
		curl_easy_setopt(curl, CURLOPT_USERNAME, cfg->smtp_user);
		curl_easy_setopt(curl, CURLOPT_PASSWORD, cfg->smtp_password ? cfg->smtp_password : "");
		/* A password never crosses the network in clear: STARTTLS or smtps. */
		curl_easy_setopt(curl, CURLOPT_USE_SSL, (long)CURLUSESSL_ALL);
	}
	curl_easy_setopt(curl, CURLOPT_READFUNCTION, read_upload);
	curl_easy_setopt(curl, CURLOPT_READDATA, &up);
	curl_easy_setopt(curl, CURLOPT_UPLOAD, 1L);
	curl_easy_setopt(curl, CURLOPT_INFILESIZE_LARGE, (curl_off_t)up.len);
	/* Threads: no SIGALRM-based DNS timeouts. */
	curl_easy_setopt(curl, CURLOPT_NOSIGNAL, 1L);
	curl_easy_setopt(curl, CURLOPT_CONNECTTIMEOUT, 10L);
	curl_easy_setopt(curl, CURLOPT_TIMEOUT, (long)cfg->timeout_seconds);
	curl_easy_setopt(curl, CURLOPT_ERRORBUFFER, reason);
	CURLcode cc = curl_easy_perform(curl);
	if (cc != CURLE_OK) {
		long code = 0;
		curl_easy_getinfo(curl, CURLINFO_RESPONSE_CODE, &code);
		/* ERR_BUSY: the server could not be reached at all, so the letters
		 * after this one would fare no better in this round. */
		bool unreachable = cc == CURLE_COULDNT_CONNECT || cc == CURLE_COULDNT_RESOLVE_HOST ||
				   cc == CURLE_OPERATION_TIMEDOUT;
		rc = err_set(err, unreachable ? ERR_BUSY : ERR_INTERNAL, "", "SMTP %ld: %s", code,
			     reason[0] ? reason : curl_easy_strerror(cc));
	}
	curl_slist_free_all(rcpt);
	curl_easy_cleanup(curl);
	return rc;
}

static void utc_text(time_t t, char out[21])
{
	struct tm tm;
	gmtime_r(&t, &tm);
	strftime(out, 21, "%Y-%m-%dT%H:%M:%SZ", &tm);
}

/* Sends one claimed row and records the outcome; *unreachable tells
 * whether the SMTP server could not be reached. */
static enum err_code send_row(struct store *st, const struct mail_config *cfg, json_t *row,
			      struct mailer_stats *stats, bool *unreachable, struct err *err)
{
	int64_t id = json_integer_value(json_object_get(row, "id"));
	int attempts = (int)json_integer_value(json_object_get(row, "attempts"));
	const char *created = json_string_value(json_object_get(row, "created_at"));
	char *msgid = xasprintf("cchc.%lld.%.4s%.2s%.2s@%s", (long long)id, created, created + 5,
				created + 8, "cchc.invalid");
	char *message = mailer_format(cfg, json_string_value(json_object_get(row, "recipient")),
				      json_string_value(json_object_get(row, "subject")),
				      json_string_value(json_object_get(row, "body")), msgid);
	struct err why = {0};
	enum err_code rc, sent = mailer_send(cfg, json_string_value(json_object_get(row, "recipient")),
					     message, &why);
	*unreachable = sent == ERR_BUSY;
	if (sent == ERR_OK) {
		rc = store_mail_finish(st, id, 1, NULL, NULL, err);
		stats->sent++;
	} else if (attempts >= cfg->retry_max) {
		rc = store_mail_finish(st, id, 0, why.message, NULL, err);
		stats->failed++;
	} else {
		char next[21];
		utc_text(time(NULL) + mailer_backoff(cfg, attempts), next);
		rc = store_mail_finish(st, id, 0, why.message, next, err);
		stats->retried++;
	}
	free(message);
	free(msgid);
	return rc;
}

enum err_code mailer_drain(struct tracker *tr, const struct mail_config *cfg, int max,
			   struct mailer_stats *stats, struct err *err)
{
	struct store *st = tr->store;
	struct mailer_stats ignored = {0};
	if (!stats)
		stats = &ignored;
	if (!cfg->smtp_url || !*cfg->smtp_url)
		return ERR_OK;
	char now[21], stale[21];
	utc_text(time(NULL) - STALE_CLAIM_SECONDS, stale);
	int64_t recovered = store_mail_recover(st, stale, err);
	if (recovered < 0)
		return err->code;
	stats->recovered += (int)recovered;
	for (int i = 0; i < max; i++) {
		json_t *row = NULL;
		utc_text(time(NULL), now);
		enum err_code rc = store_mail_claim(st, now, &row, err);
		if (rc != ERR_OK)
			return rc;
		if (!row)
			break;
		bool unreachable = false;
		rc = send_row(st, cfg, row, stats, &unreachable, err);
		json_decref(row);
		if (rc != ERR_OK)
			return rc;
		/* The rest wait for the next round instead of each timing out now. */
		if (unreachable)
			break;
	}
	return ERR_OK;
}
