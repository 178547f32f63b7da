/* feedback_int.h — what feedback.c and feedback_handle.c share. */
#ifndef CCHC_FEEDBACK_INT_H
#define CCHC_FEEDBACK_INT_H
#include <jansson.h>
#include <stdint.h>
#include <time.h>

#include "base/err.h"
#include "domain/tracker.h"

/* The feedback settings (table feedback_setting), checked. */
struct fb_settings {
	int64_t receiving_unit;
	int classify_workdays, answer_days, answer_working;
	int max_extension, rate_limit, rate_window, answer_max;
	int challenge_after, challenge_bits, challenge_minutes;
	int attach_files, attach_bytes;	/* files one public submission may carry, bytes of each */
};
enum err_code fb_settings_load(struct tracker *tr, struct fb_settings *s, struct err *err);
/* The answer's deadline for a feedback received on received. */
enum err_code fb_answer_due(struct tracker *tr, const struct fb_settings *s, int32_t received, int32_t *due,
			    struct err *err);

/* t as "YYYY-MM-DDTHH:MM:SSZ" (UTC). */
void fb_utc_text(time_t t, char out[21]);
/* How many the sender's address (tr->address) sent within the window of
 * the rate limit; hash gets the address's SHA-256 as hex. */
int64_t fb_sent_recently(struct tracker *tr, const struct fb_settings *s, char hash[65]);
/* ERR_THROTTLED, with err->retry_after the seconds until the oldest in the
 * window leaves it, when the address (hash) has sent its allowance. */
enum err_code fb_rate_check(struct tracker *tr, const struct fb_settings *s, int64_t sent, const char *hash,
			    struct err *err);
/* For an address that has sent challenge_after or more within the window:
 * the solved challenge of body ("challenge_nonce", "challenge_counter"),
 * used up here; ERR_THROTTLED without one, ERR_INVALID for a wrong or
 * expired one, ERR_CONFLICT for one used before (each on "challenge"). */
enum err_code fb_challenge_check(struct tracker *tr, const struct fb_settings *s, json_t *body, struct err *err);

/* A challenge's parts: "EXPIRES.BITS.RANDOM.MAC" as feedback_challenge()
 * writes it (no sign, no leading zero, lowercase hex).  signed_len is the
 * length of "EXPIRES.BITS.RANDOM", the text the MAC covers. */
#define FB_RANDOM_BYTES 16
#define FB_MAC_BYTES 32 /* crypto_auth_BYTES */
struct fb_nonce {
	long long expires;
	int bits;
	size_t signed_len;
	unsigned char mac[FB_MAC_BYTES];
};
/* Reads text[0..len) (outside input: any bytes) into out; 0 when it is not
 * a challenge's spelling, so that one challenge has one spelling only. */
int fb_nonce_parse(const char *text, size_t len, struct fb_nonce *out);

/* The units whose people act on the feedback row: receiving, handling
 * (the receiving unit until it is forwarded). */
void fb_targets(const json_t *row, struct permit_target *receiving, struct permit_target *handling);

/* The sender's files: those uploaded (files[0..nfiles), already in the
 * evidence store) and those sent as base64 in body's "attachments" (stored
 * here), checked against the settings' count and size and each name's
 * extension against its content.  *all is a new array the caller frees
 * (its filenames borrowed from files and body). */
enum err_code fb_files_gather(struct tracker *tr, const struct fb_settings *s, json_t *body,
			      const struct evidence_new *files, size_t nfiles, struct evidence_new **all, size_t *n,
			      struct err *err);

/* Said with every submission and in the API's documentation. */
#define FEEDBACK_SCOPE_NOTE \
	"Khiếu nại, tố cáo không thuộc phạm vi tiếp nhận phản ánh, kiến nghị về quy định hành chính; " \
	"xin gửi theo Luật Khiếu nại và Luật Tố cáo đến cơ quan có thẩm quyền giải quyết."

#endif
