/*
 * feedback_challenge.c — the proof-of-work challenge of the public form
 * (see feedback.h and feedback_int.h).  No third party and no state per
 * challenge: a challenge is "EXPIRES.BITS.RANDOM.MAC", EXPIRES in Unix
 * seconds, RANDOM 16 bytes as hex, MAC the HMAC (libsodium's crypto_auth,
 * HMAC-SHA-512-256) of "EXPIRES.BITS.RANDOM" under the key kept in the
 * database (made on first use, so every node and every restart knows it).
 * It is solved by a decimal counter such that SHA-256("NONCE:COUNTER")
 * starts with BITS zero bits; a solved one is remembered until it expires,
 * so that it is used once.
 */
#include "base/base.h"
#include "domain/feedback.h"
#include "domain/feedback_int.h"
#include "store/store.h"

#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#define RANDOM_BYTES FB_RANDOM_BYTES
/* "EXPIRES.BITS.RANDOM" at its longest, and the nonce with its MAC. */
#define SIGNED_MAX (18 + 1 + 3 + 1 + RANDOM_BYTES * 2)
#define NONCE_MAX (SIGNED_MAX + 1 + crypto_auth_BYTES * 2)
_Static_assert(FB_MAC_BYTES == crypto_auth_BYTES, "the MAC's size");

/* The signing key; ERR_INTERNAL when it cannot be had. */
static enum err_code signing_key(struct tracker *tr, unsigned char key[crypto_auth_KEYBYTES], struct err *err)
{
	unsigned char fresh[crypto_auth_KEYBYTES];
	char fresh_hex[crypto_auth_KEYBYTES * 2 + 1];
	crypto_auth_keygen(fresh);
	sodium_bin2hex(fresh_hex, sizeof fresh_hex, fresh, sizeof fresh);
	sodium_memzero(fresh, sizeof fresh);
	char *hex = store_feedback_key(tr->store, fresh_hex, err);
	sodium_memzero(fresh_hex, sizeof fresh_hex);
	if (!hex)
		return err->code ? err->code : err_set(err, ERR_INTERNAL, "", "no challenge key");
	size_t len = 0;
	int bad = sodium_hex2bin(key, crypto_auth_KEYBYTES, hex, strlen(hex), NULL, &len, NULL) || len != crypto_auth_KEYBYTES;
	sodium_memzero(hex, strlen(hex));
	free(hex);
	return bad ? err_set(err, ERR_INTERNAL, "", "the stored challenge key is not 32 bytes of hex") : ERR_OK;
}

json_t *feedback_challenge(struct tracker *tr, struct err *err)
{
	struct fb_settings s;
	unsigned char key[crypto_auth_KEYBYTES], random[RANDOM_BYTES], mac[crypto_auth_BYTES];
	char hash[65], random_hex[RANDOM_BYTES * 2 + 1], nonce[NONCE_MAX + 1], expires_text[21];
	if (fb_settings_load(tr, &s, err) || signing_key(tr, key, err))
		return NULL;
	time_t expires = time(NULL) + (time_t)s.challenge_minutes * 60;
	randombytes_buf(random, sizeof random);
	sodium_bin2hex(random_hex, sizeof random_hex, random, sizeof random);
	int n = snprintf(nonce, sizeof nonce, "%lld.%d.%s", (long long)expires, s.challenge_bits, random_hex);
	crypto_auth(mac, (const unsigned char *)nonce, (size_t)n, key);
	sodium_memzero(key, sizeof key);
	nonce[n] = '.';
	sodium_bin2hex(nonce + n + 1, sizeof nonce - (size_t)n - 1, mac, sizeof mac);
	fb_utc_text(expires, expires_text);
	return json_pack("{s:s, s:i, s:s, s:b}", "nonce", nonce, "bits", s.challenge_bits, "expires", expires_text,
			 "required", fb_sent_recently(tr, &s, hash) >= s.challenge_after);
}

/* Does digest start with bits zero bits? */
static int leading_zeros(const unsigned char *digest, int bits)
{
	for (int i = 0; i < bits; i++)
		if (digest[i / 8] & (0x80 >> (i % 8)))
			return 0;
	return 1;
}

/* The counter as sent: digits, as a string (a form) or an integer. */
static int counter_text(json_t *v, char out[24])
{
	if (json_is_integer(v) && json_integer_value(v) >= 0) {
		snprintf(out, 24, "%lld", (long long)json_integer_value(v));
		return 1;
	}
	const char *t = json_string_value(v);
	if (!t || !*t || strlen(t) > 20 || strspn(t, "0123456789") != strlen(t))
		return 0;
	snprintf(out, 24, "%s", t);
	return 1;
}

/* A decimal number of 1 to max_digits digits, no leading zero, at *at;
 * -1 when there is none.  max_digits keeps it within long long. */
static long long decimal_at(const char *text, size_t len, size_t *at, int max_digits)
{
	size_t start = *at;
	long long v = 0;
	while (*at < len && text[*at] >= '0' && text[*at] <= '9' && *at - start < (size_t)max_digits)
		v = v * 10 + (text[(*at)++] - '0');
	size_t n = *at - start;
	if (n == 0 || (n > 1 && text[start] == '0') || (*at < len && text[*at] >= '0' && text[*at] <= '9'))
		return -1;
	return v;
}

/* n lowercase hex digits at *at. */
static int hex_at(const char *text, size_t len, size_t *at, size_t n)
{
	if (len - *at < n)
		return 0;
	for (size_t i = 0; i < n; i++)
		if (!text[*at + i] || !strchr("0123456789abcdef", text[*at + i]))
			return 0;
	*at += n;
	return 1;
}

int fb_nonce_parse(const char *text, size_t len, struct fb_nonce *out)
{
	size_t at = 0, mac_len = 0;
	if (len > NONCE_MAX)
		return 0;
	out->expires = decimal_at(text, len, &at, 18);
	if (out->expires < 0 || at >= len || text[at++] != '.')
		return 0;
	long long bits = decimal_at(text, len, &at, 3);
	if (bits < 1 || bits > 255 || at >= len || text[at++] != '.')
		return 0;
	out->bits = (int)bits;
	if (!hex_at(text, len, &at, RANDOM_BYTES * 2))
		return 0;
	out->signed_len = at;
	if (at >= len || text[at++] != '.' || len - at != sizeof out->mac * 2 || !hex_at(text, len, &at, len - at))
		return 0;
	return sodium_hex2bin(out->mac, sizeof out->mac, text + out->signed_len + 1, sizeof out->mac * 2, NULL, &mac_len,
			      NULL) == 0 &&
	       mac_len == sizeof out->mac;
}

enum err_code fb_challenge_check(struct tracker *tr, const struct fb_settings *s, json_t *body, struct err *err)
{
	const char *nonce = json_string_value(json_object_get(body, "challenge_nonce"));
	json_t *counter = json_object_get(body, "challenge_counter");
	char count[24];
	if (!nonce && !counter)
		return err_set(err, ERR_THROTTLED, "challenge",
			       "this address has sent %d or more feedback in %d minutes: solve a challenge "
			       "(GET /public/feedback/challenge) and send challenge_nonce and challenge_counter",
			       s->challenge_after, s->rate_window);
	if (!nonce || !counter_text(counter, count))
		return err_set(err, ERR_INVALID, "challenge", "send 'challenge_nonce' and 'challenge_counter' (digits)");
	struct fb_nonce parsed;
	unsigned char key[crypto_auth_KEYBYTES];
	size_t len = strlen(nonce);
	if (!fb_nonce_parse(nonce, len, &parsed))
		return err_set(err, ERR_INVALID, "challenge", "'challenge_nonce' is not a challenge of this server");
	enum err_code rc = signing_key(tr, key, err);
	if (rc)
		return rc;
	int forged = crypto_auth_verify(parsed.mac, (const unsigned char *)nonce, parsed.signed_len, key) != 0;
	sodium_memzero(key, sizeof key);
	if (forged)
		return err_set(err, ERR_INVALID, "challenge", "'challenge_nonce' is not a challenge of this server");
	if (parsed.expires < (long long)time(NULL))
		return err_set(err, ERR_INVALID, "challenge", "the challenge has expired: ask for a new one");
	unsigned char digest[crypto_hash_sha256_BYTES];
	crypto_hash_sha256_state h;
	crypto_hash_sha256_init(&h);
	crypto_hash_sha256_update(&h, (const unsigned char *)nonce, len);
	crypto_hash_sha256_update(&h, (const unsigned char *)":", 1);
	crypto_hash_sha256_update(&h, (const unsigned char *)count, strlen(count));
	crypto_hash_sha256_final(&h, digest);
	if (!leading_zeros(digest, parsed.bits))
		return err_set(err, ERR_INVALID, "challenge", "'challenge_counter' does not solve the challenge");
	char expires_text[21];
	fb_utc_text((time_t)parsed.expires, expires_text);
	return store_feedback_nonce_use(tr->store, nonce, expires_text, err);
}
