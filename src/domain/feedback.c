/*
 * feedback.c — receiving feedback: the public form, the receiving unit's
 * intake, tracking codes, the per-address limit, the settings and the
 * deadlines (see feedback.h).  Handling, lists and counts are in
 * feedback_handle.c.
 */
#include "base/base.h"
#include "base/date.h"
#include "domain/deadline.h"
#include "domain/feedback.h"
#include "domain/feedback_int.h"
#include "domain/input.h"
#include "store/store.h"

#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

/* ---- settings ------------------------------------------------------------ */

/* The numeric settings with their ranges; the order of struct fb_settings. */
static const struct {
	const char *key;
	int min, max;
	size_t offset;
} numeric[] = {
	{"classify_workdays", 1, 60, offsetof(struct fb_settings, classify_workdays)},
	{"answer_days", 1, 120, offsetof(struct fb_settings, answer_days)},
	{"max_extension_workdays", 1, 60, offsetof(struct fb_settings, max_extension)},
	{"rate_limit", 1, 100000, offsetof(struct fb_settings, rate_limit)},
	{"rate_window_minutes", 1, 1440, offsetof(struct fb_settings, rate_window)},
	{"answer_max_bytes", 100, 100000, offsetof(struct fb_settings, answer_max)},
	{"challenge_after", 1, 100000, offsetof(struct fb_settings, challenge_after)},
	{"challenge_bits", 4, 28, offsetof(struct fb_settings, challenge_bits)},
	{"challenge_minutes", 1, 60, offsetof(struct fb_settings, challenge_minutes)},
	/* Within what the server takes in one request (cmd_serve.c: 5 files of 20 MB). */
	{"attachment_max_files", 0, 5, offsetof(struct fb_settings, attach_files)},
	{"attachment_max_bytes", 1024, 20 << 20, offsetof(struct fb_settings, attach_bytes)},
};

/* Checks one setting's value (a string or an integer); fills s when given. */
static enum err_code setting_check(struct tracker *tr, const char *key, json_t *v, struct fb_settings *s,
				   struct err *err)
{
	char text[32];
	if (json_is_integer(v))
		snprintf(text, sizeof text, "%lld", (long long)json_integer_value(v));
	else if (json_is_string(v) && json_string_length(v) < sizeof text)
		snprintf(text, sizeof text, "%s", json_string_value(v));
	else
		return err_set(err, ERR_INVALID, key, "'%s' must be a short string or an integer", key);
	if (strcmp(key, "receiving_unit") == 0) {
		int64_t unit = store_unit_id_by_code(tr->store, text);
		if (!unit)
			return err_set(err, ERR_INVALID, key, "'%s' names no unit code", key);
		if (s)
			s->receiving_unit = unit;
		return ERR_OK;
	}
	if (strcmp(key, "answer_days_kind") == 0) {
		if (strcmp(text, "calendar") != 0 && strcmp(text, "working") != 0)
			return err_set(err, ERR_INVALID, key, "'%s' is calendar or working", key);
		if (s)
			s->answer_working = strcmp(text, "working") == 0;
		return ERR_OK;
	}
	for (size_t i = 0; i < ARRAY_LEN(numeric); i++) {
		if (strcmp(key, numeric[i].key) != 0)
			continue;
		char *end;
		long n = strtol(text, &end, 10);
		if (!*text || *end || n < numeric[i].min || n > numeric[i].max)
			return err_set(err, ERR_INVALID, key, "'%s' is a whole number from %d to %d", key,
				       numeric[i].min, numeric[i].max);
		if (s)
			*(int *)((char *)s + numeric[i].offset) = (int)n;
		return ERR_OK;
	}
	return err_set(err, ERR_INVALID, key, "unknown setting '%s'", key);
}

enum err_code fb_settings_load(struct tracker *tr, struct fb_settings *s, struct err *err)
{
	memset(s, 0, sizeof *s);
	json_t *all = store_feedback_settings(tr->store, err);
	if (!all)
		return err->code;
	const char *key;
	json_t *v;
	enum err_code rc = ERR_OK;
	json_object_foreach(all, key, v)
		if (!rc && setting_check(tr, key, v, s, err) != ERR_OK)
			rc = err_set(err, ERR_INTERNAL, key, "the stored feedback setting '%s' is wrong: %s", key,
				     err->message);
	json_decref(all);
	return rc;
}

json_t *feedback_settings(struct tracker *tr, struct err *err)
{
	if (auth_require(tr->who, ACT_FEEDBACK_READ, NULL, err) != ERR_OK)
		return NULL;
	return store_feedback_settings(tr->store, err);
}

enum err_code feedback_settings_put(struct tracker *tr, json_t *body, json_t **out, struct err *err)
{
	*out = NULL;
	if (auth_require(tr->who, ACT_CONFIGURE, NULL, err) != ERR_OK)
		return err->code;
	if (!json_is_object(body) || json_object_size(body) == 0)
		return err_set(err, ERR_INVALID, "", "send an object of settings to change");
	const char *key;
	json_t *v;
	json_object_foreach(body, key, v)
		if (setting_check(tr, key, v, NULL, err) != ERR_OK)
			return err->code;
	enum err_code rc = ERR_OK;
	tracker_attribution_begin(tr);
	json_object_foreach(body, key, v) {
		char text[32];
		if (json_is_integer(v))
			snprintf(text, sizeof text, "%lld", (long long)json_integer_value(v));
		else
			snprintf(text, sizeof text, "%s", json_string_value(v));
		if ((rc = store_feedback_setting_set(tr->store, key, text, err)) != ERR_OK)
			break;
	}
	tracker_attribution_end(tr);
	if (rc == ERR_OK)
		*out = store_feedback_settings(tr->store, err);
	return rc == ERR_OK && !*out ? err->code : rc;
}

/* ---- deadlines ------------------------------------------------------------- */

enum err_code fb_answer_due(struct tracker *tr, const struct fb_settings *s, int32_t received, int32_t *due,
			    struct err *err)
{
	if (s->answer_working)
		return deadline_after_workdays(tr, received, s->answer_days, due, err);
	/* Calendar days; a deadline on a day off moves to the next working
	 * day (Civil Code 2015, Art. 148): the first working day after the
	 * day before. */
	return deadline_after_workdays(tr, received + s->answer_days - 1, 1, due, err);
}

/* ---- receiving --------------------------------------------------------------- */

/* What a sender gives, read and checked (the strings are owned). */
struct submission {
	char *procedure, *unit_concerned, *content, *proposal, *name, *address, *phone, *email, *channel;
	char received_on[11];
	int consent;
};

static void submission_release(struct submission *s)
{
	char **texts[] = {&s->procedure, &s->unit_concerned, &s->content, &s->proposal, &s->name,
			  &s->address, &s->phone, &s->email, &s->channel};
	for (size_t i = 0; i < ARRAY_LEN(texts); i++) {
		free(*texts[i]);
		*texts[i] = NULL;
	}
}

static enum err_code check_phone(const char *phone, struct err *err)
{
	int digits = 0;
	for (const char *p = phone; *p; p++) {
		if (*p >= '0' && *p <= '9')
			digits++;
		else if (!strchr(" +-.()", *p))
			return err_set(err, ERR_INVALID, "phone", "'phone' holds only digits, spaces and + - . ( )");
	}
	if (digits < 8 || digits > 15)
		return err_set(err, ERR_INVALID, "phone", "'phone' has 8 to 15 digits");
	return ERR_OK;
}

static enum err_code check_email(const char *email, struct err *err)
{
	const char *at = strchr(email, '@');
	if (!at || at == email || strchr(at + 1, '@') || !strchr(at + 1, '.') || strpbrk(email, " <>,;\"") ||
	    at[strlen(at) - 1] == '.')
		return err_set(err, ERR_INVALID, "email", "'email' is not an e-mail address");
	return ERR_OK;
}

/* Reads the sender's fields; official adds channel and received_on. */
static enum err_code read_submission(json_t *body, int official, struct submission *s, struct err *err)
{
	static const char *const public_keys[] = {"procedure", "unit_concerned", "content", "proposal", "name",
						  "address", "phone", "email", "consent_publish", "challenge_nonce",
						  "challenge_counter", "attachments", NULL};
	static const char *const official_keys[] = {"procedure", "unit_concerned", "content", "proposal", "name",
						    "address", "phone", "email", "consent_publish", "channel",
						    "received_on", NULL};
	memset(s, 0, sizeof *s);
	if (!json_is_object(body))
		return err_set(err, ERR_BAD_REQUEST, "", "the body must be a JSON object");
	if (in_only(body, official ? official_keys : public_keys, err) ||
	    in_text(body, "procedure", false, 500, &s->procedure, err) ||
	    in_text(body, "unit_concerned", false, 500, &s->unit_concerned, err) ||
	    in_text(body, "content", true, 10000, &s->content, err) ||
	    in_text(body, "proposal", false, 5000, &s->proposal, err) ||
	    in_text(body, "name", true, 200, &s->name, err) ||
	    in_text(body, "address", false, 500, &s->address, err) ||
	    in_text(body, "phone", false, 40, &s->phone, err) ||
	    in_text(body, "email", false, 254, &s->email, err))
		return err->code;
	json_t *consent = json_object_get(body, "consent_publish");
	if (consent && !json_is_boolean(consent))
		return err_set(err, ERR_INVALID, "consent_publish", "'consent_publish' must be true or false");
	s->consent = json_is_true(consent);
	int reachable = (s->address && *s->address) || (s->phone && *s->phone) || (s->email && *s->email);
	if (!reachable)
		return err_set(err, ERR_INVALID, "phone", "give a way to be reached: 'phone', 'email' or 'address'");
	if ((s->phone && *s->phone && check_phone(s->phone, err)) || (s->email && *s->email && check_email(s->email, err)))
		return err->code;
	if (!official) {
		s->channel = xstrdup("web");
		date_format(date_today(), s->received_on);
		return ERR_OK;
	}
	static const char *const channels[] = {"letter", "phone", "email", "portal"};
	if (in_text(body, "channel", true, 16, &s->channel, err) || in_date(body, "received_on", false, s->received_on, err))
		return err->code;
	size_t k = 0;
	while (k < ARRAY_LEN(channels) && strcmp(channels[k], s->channel) != 0)
		k++;
	if (k == ARRAY_LEN(channels))
		return err_set(err, ERR_INVALID, "channel", "'channel' is letter, phone, email or portal");
	int32_t today = date_today();
	if (!*s->received_on)
		date_format(today, s->received_on);
	else if (date_parse(s->received_on) > today)
		return err_set(err, ERR_INVALID, "received_on", "'received_on' is after today");
	return ERR_OK;
}

/* "PAKN-" and two groups of five from an alphabet without look-alikes
 * (no 0/O, 1/I/L, 2/Z, 5/S, 8/B): 24^10, about 46 bits, and easy to read
 * out over the phone. */
static void new_code(char out[FEEDBACK_CODE_CHARS + 7])
{
	static const char alphabet[] = "ACDEFGHJKMNPQRTUVWXY3479";
	memcpy(out, "PAKN-", 5);
	char *w = out + 5;
	for (int i = 0; i < FEEDBACK_CODE_CHARS; i++) {
		if (i == FEEDBACK_CODE_CHARS / 2)
			*w++ = '-';
		*w++ = alphabet[randombytes_uniform(sizeof alphabet - 1)];
	}
	*w = 0;
}

/* The SHA-256 of the sender's address, as hex: enough to count, not to know. */
static void address_hash(const char *address, char out[65])
{
	unsigned char digest[crypto_hash_sha256_BYTES];
	const char *a = address ? address : "";
	crypto_hash_sha256(digest, (const unsigned char *)a, strlen(a));
	sodium_bin2hex(out, 65, digest, sizeof digest);
}

void fb_utc_text(time_t t, char out[21])
{
	struct tm tm;
	gmtime_r(&t, &tm);
	strftime(out, 21, "%Y-%m-%dT%H:%M:%SZ", &tm);
}

int64_t fb_sent_recently(struct tracker *tr, const struct fb_settings *s, char hash[65])
{
	char since[21];
	address_hash(tr->address, hash);
	fb_utc_text(time(NULL) - (time_t)s->rate_window * 60, since);
	return store_feedback_count_since(tr->store, hash, since);
}

enum err_code fb_rate_check(struct tracker *tr, const struct fb_settings *s, int64_t sent, const char *hash,
			    struct err *err)
{
	time_t now = time(NULL), window = (time_t)s->rate_window * 60;
	char since[21];
	fb_utc_text(now - window, since);
	if (sent < s->rate_limit)
		return ERR_OK;
	char *first = store_feedback_first_since(tr->store, hash, since);
	struct tm tm = {0};
	time_t wait = window;
	if (first && strptime(first, "%Y-%m-%dT%H:%M:%SZ", &tm))
		wait = timegm(&tm) + window - now;
	free(first);
	int seconds = wait < 1 ? 1 : (int)wait;
	err_set(err, ERR_THROTTLED, "", "too many feedback from this address: try again in %d minutes",
		(seconds + 59) / 60);
	err->retry_after = seconds;
	return ERR_THROTTLED;
}

/* Stores a checked submission with its code and deadlines; *out the sender's answer. */
static enum err_code receive(struct tracker *tr, const struct fb_settings *s, const struct submission *sub,
			     const char *source_hash, const struct evidence_new *files, size_t nfiles, json_t **out,
			     struct err *err)
{
	int32_t received = date_parse(sub->received_on), classify_due, answer_due;
	if (deadline_after_workdays(tr, received, s->classify_workdays, &classify_due, err) ||
	    fb_answer_due(tr, s, received, &answer_due, err))
		return err->code;
	char code[FEEDBACK_CODE_CHARS + 7], cdue[DATE_STRLEN], adue[DATE_STRLEN];
	struct feedback_new f = {.code = code, .channel = sub->channel, .procedure_name = sub->procedure ? sub->procedure : "",
		.unit_concerned = sub->unit_concerned ? sub->unit_concerned : "", .content = sub->content,
		.proposal = sub->proposal ? sub->proposal : "", .sender_name = sub->name,
		.sender_address = sub->address ? sub->address : "", .sender_phone = sub->phone ? sub->phone : "",
		.sender_email = sub->email ? sub->email : "", .consent_publish = sub->consent, .source_hash = source_hash,
		.receiving_unit_id = s->receiving_unit, .received_on = sub->received_on,
		.classify_due = date_format(classify_due, cdue), .answer_due = date_format(answer_due, adue),
		.by = auth_actor(tr->who)};
	int64_t id = 0;
	enum err_code rc;
	tracker_attribution_begin(tr);
	/* A code already taken (one chance in 10^13) gets another. */
	int tries = 0;
	do {
		new_code(code);
		rc = store_feedback_create_with_files(tr->store, &f, files, nfiles, &id, err);
	} while (rc == ERR_CONFLICT && strcmp(err->field, "code") == 0 && ++tries < 3);
	tracker_attribution_end(tr);
	if (rc)
		return rc;
	*out = json_pack("{s:I, s:s, s:s, s:s, s:s, s:s, s:s, s:I}", "id", (json_int_t)id, "code", code, "status",
			 "received", "received_on", sub->received_on, "classify_due", cdue, "answer_due", adue, "note",
			 FEEDBACK_SCOPE_NOTE, "attachments", (json_int_t)nfiles);
	return ERR_OK;
}

enum err_code feedback_submit(struct tracker *tr, json_t *body, const struct evidence_new *files, size_t nfiles,
			      json_t **out, struct err *err)
{
	struct evidence_new *all = NULL;
	size_t nall = 0;
	*out = NULL;
	struct submission sub;
	struct fb_settings s;
	char hash[65];
	/* Whoever is signed in, a public submission is the public's. */
	struct principal public;
	auth_system_principal(&public, "public");
	struct tracker as_public = *tr;
	as_public.who = &public;
	enum err_code rc = read_submission(body, 0, &sub, err);
	if (rc || (rc = fb_settings_load(tr, &s, err)))
		goto out;
	int64_t sent = fb_sent_recently(tr, &s, hash);
	if ((rc = fb_rate_check(tr, &s, sent, hash, err)) ||
	    (sent >= s.challenge_after && (rc = fb_challenge_check(tr, &s, body, err))) ||
	    (rc = fb_files_gather(tr, &s, body, files, nfiles, &all, &nall, err)))
		goto out;
	rc = receive(&as_public, &s, &sub, hash, all, nall, out, err);
out:
	free(all);
	submission_release(&sub);
	return rc;
}

enum err_code feedback_intake(struct tracker *tr, json_t *body, json_t **out, struct err *err)
{
	*out = NULL;
	struct fb_settings s;
	struct submission sub = {0};
	enum err_code rc = fb_settings_load(tr, &s, err);
	if (rc)
		return rc;
	struct permit_target t = {.unit_id = s.receiving_unit};
	if ((rc = auth_require(tr->who, ACT_FEEDBACK_RECEIVE, &t, err)) == ERR_OK &&
	    (rc = read_submission(body, 1, &sub, err)) == ERR_OK)
		rc = receive(tr, &s, &sub, NULL, NULL, 0, out, err);
	submission_release(&sub);
	return rc;
}
