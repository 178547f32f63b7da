/*
 * remind_settings.c — the settings file (`--config FILE`) of the reminders
 * and the mailer: "key = value" lines over the defaults.
 */
#include "base/base.h"
#include "base/date.h"
#include "domain/evidence.h"
#include "domain/remind.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>

void remind_settings_init(struct remind_settings *s)
{
	memset(s, 0, sizeof *s);
	mail_config_init(&s->mail);
	s->base_url = xstrdup("http://127.0.0.1:8080");
	s->days_before = 3;
	s->overdue_every = 5;
	s->interval_seconds = 60;
	s->as_of = DATE_NONE;
	s->log_level = 1;
	s->photo_max_px = 1600;
	s->photo_quality = 80;
	s->evidence_sweep_min_age = EVIDENCE_SWEEP_MIN_AGE;
}

void remind_settings_release(struct remind_settings *s)
{
	mail_config_release(&s->mail);
	free(s->base_url);
	free(s->listen);
	free(s->db);
	free(s->log_file);
	free(s->metrics_token);
	memset(s, 0, sizeof *s);
}

static char *trim(char *s)
{
	while (*s == ' ' || *s == '\t')
		s++;
	size_t n = strlen(s);
	while (n > 0 && (s[n - 1] == ' ' || s[n - 1] == '\t' || s[n - 1] == '\r'))
		s[--n] = 0;
	return s;
}

static bool parse_int(const char *v, long min, long max, int *out)
{
	char *end;
	errno = 0;
	long n = strtol(v, &end, 10);
	if (errno || end == v || *end || n < min || n > max)
		return false;
	*out = (int)n;
	return true;
}

/* Replaces *slot with a copy of v ("" clears it). */
static void set_text(char **slot, const char *v)
{
	free(*slot);
	*slot = *v ? xstrdup(v) : NULL;
}

/* The keys of `cchc serve` itself; a reason when unknown or unacceptable. */
static const char *apply_serve_setting(struct remind_settings *s, const char *key, const char *v)
{
	static const char *const levels[] = {"debug", "info", "warn", "error"};
	if (strcmp(key, "log_level") == 0) {
		for (size_t i = 0; i < ARRAY_LEN(levels); i++)
			if (strcmp(v, levels[i]) == 0) {
				s->log_level = (int)i;
				return NULL;
			}
		return "must be debug, info, warn or error";
	}
	struct {
		const char *name;
		char **slot;
	} texts[] = {{"listen", &s->listen}, {"db", &s->db}, {"log_file", &s->log_file},
		     {"metrics_token", &s->metrics_token}};
	for (size_t i = 0; i < ARRAY_LEN(texts); i++)
		if (strcmp(key, texts[i].name) == 0) {
			if (strcmp(key, "metrics_token") == 0 && *v && strlen(v) < 16)
				return "must be at least 16 characters (or empty)";
			set_text(texts[i].slot, v);
			return NULL;
		}
	return "is not a known setting";
}

/* Applies one key to s; returns a reason when the value is unacceptable. */
static const char *apply_setting(struct remind_settings *s, const char *key, const char *v)
{
	struct {
		const char *name;
		int *slot;
		long min, max;
	} ints[] = {
		{"remind_days_before", &s->days_before, 0, 60},
		{"remind_overdue_every", &s->overdue_every, 1, 60},
		{"scheduler_interval", &s->interval_seconds, 1, 86400},
		{"smtp_retry_base", &s->mail.retry_base_seconds, 1, 86400},
		{"smtp_retry_max", &s->mail.retry_max, 1, 100},
		/* Well below the 600 s after which a claimed letter counts as lost. */
		{"smtp_timeout", &s->mail.timeout_seconds, 1, 300},
		{"photo_max_px", &s->photo_max_px, 320, 10000},
		{"photo_quality", &s->photo_quality, 30, 100},
		/* An hour at least: uploads in flight are younger by far. */
		{"evidence_sweep_min_age", &s->evidence_sweep_min_age, 3600, 31536000},
	};
	for (size_t i = 0; i < ARRAY_LEN(ints); i++)
		if (strcmp(key, ints[i].name) == 0)
			return parse_int(v, ints[i].min, ints[i].max, ints[i].slot)
				       ? NULL : "is not a whole number in the allowed range";
	if (strcmp(key, "smtp_url") == 0) {
		if (*v && strncmp(v, "smtp://", 7) != 0 && strncmp(v, "smtps://", 8) != 0)
			return "must start with smtp:// or smtps://";
		set_text(&s->mail.smtp_url, v);
	} else if (strcmp(key, "smtp_from") == 0) {
		if (!*v || !strchr(v, '@'))
			return "must be an e-mail address";
		set_text(&s->mail.smtp_from, v);
	} else if (strcmp(key, "smtp_user") == 0) {
		set_text(&s->mail.smtp_user, v);
	} else if (strcmp(key, "smtp_password") == 0) {
		set_text(&s->mail.smtp_password, v);
	} else if (strcmp(key, "base_url") == 0) {
		if (strncmp(v, "http://", 7) != 0 && strncmp(v, "https://", 8) != 0)
			return "must start with http:// or https://";
		set_text(&s->base_url, v);
		size_t n = strlen(s->base_url);
		while (n > 0 && s->base_url[n - 1] == '/')
			s->base_url[--n] = 0;	/* links add their own "/#/..." */
	} else if (strcmp(key, "as_of") == 0) {
		s->as_of = *v ? date_parse(v) : DATE_NONE;
		if (*v && s->as_of == DATE_NONE)
			return "is not a date YYYY-MM-DD";
	} else {
		return apply_serve_setting(s, key, v);
	}
	return NULL;
}

enum err_code remind_settings_load(struct remind_settings *s, const char *path, struct err *err)
{
	size_t len = 0;
	char *text = read_file(path, &len);
	if (!text)
		return err_set(err, ERR_INVALID, "config", "cannot read %s: %s", path, strerror(errno));
	enum err_code rc = ERR_OK;
	struct remind_settings next;
	remind_settings_init(&next);
	/* Start from s's values: copy them into next, which replaces s at the end. */
	set_text(&next.mail.smtp_url, s->mail.smtp_url ? s->mail.smtp_url : "");
	set_text(&next.mail.smtp_from, s->mail.smtp_from ? s->mail.smtp_from : "");
	set_text(&next.mail.smtp_user, s->mail.smtp_user ? s->mail.smtp_user : "");
	set_text(&next.mail.smtp_password, s->mail.smtp_password ? s->mail.smtp_password : "");
	set_text(&next.base_url, s->base_url ? s->base_url : "");
	next.mail.retry_base_seconds = s->mail.retry_base_seconds;
	next.mail.retry_max = s->mail.retry_max;
	next.mail.timeout_seconds = s->mail.timeout_seconds;
	next.days_before = s->days_before;
	next.overdue_every = s->overdue_every;
	next.interval_seconds = s->interval_seconds;
	next.as_of = s->as_of;
	set_text(&next.listen, s->listen ? s->listen : "");
	set_text(&next.db, s->db ? s->db : "");
	set_text(&next.log_file, s->log_file ? s->log_file : "");
	set_text(&next.metrics_token, s->metrics_token ? s->metrics_token : "");
	next.log_level = s->log_level;
	next.photo_max_px = s->photo_max_px;
	next.photo_quality = s->photo_quality;
	next.evidence_sweep_min_age = s->evidence_sweep_min_age;
	if (strlen(text) != len) {
		rc = err_set(err, ERR_INVALID, "config", "%s: contains a NUL byte", path);
		goto cleanup;
	}
	int line_no = 0;
	/* Lines split by hand: strtok_r would skip empty ones and miscount. */
	for (char *line = text, *nl; line && *line; line = nl) {
		nl = strchr(line, '\n');
		if (nl)
			*nl++ = 0;
		line_no++;
		char *l = trim(line);
		if (!*l || *l == '#')
			continue;
		char *eq = strchr(l, '=');
		if (!eq) {
			rc = err_set(err, ERR_INVALID, "config", "%s:%d: expected 'key = value'", path,
				     line_no);
			goto cleanup;
		}
		*eq = 0;
		char *key = trim(l), *value = trim(eq + 1);
		const char *why = apply_setting(&next, key, value);
		if (why) {
			rc = err_set(err, ERR_INVALID, "config", "%s:%d: '%.40s' %s", path, line_no, key,
				     why);
			goto cleanup;
		}
	}
	remind_settings_release(s);
	*s = next;
	remind_settings_init(&next);
cleanup:
	remind_settings_release(&next);
	free(text);
	return rc;
}
