/*
 * fuzz_nonce — the public form's challenge_nonce, sent by anyone: whatever
 * the bytes, fb_nonce_parse() either refuses them or accepts exactly the
 * spelling feedback_challenge() writes, so that one challenge cannot be
 * sent twice under two spellings.
 */
#include "base/base.h"
#include "domain/feedback_int.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct fb_nonce n;
	if (!fb_nonce_parse((const char *)data, size, &n))
		return 0;
	if (n.expires < 0 || n.bits < 1 || n.bits > 255 || n.signed_len + 1 + FB_MAC_BYTES * 2 != size)
		abort();
	char again[128];
	int len = snprintf(again, sizeof again, "%lld.%d.", n.expires, n.bits);
	memcpy(again + len, data + len, FB_RANDOM_BYTES * 2);
	len += FB_RANDOM_BYTES * 2;
	again[len++] = '.';
	for (size_t i = 0; i < FB_MAC_BYTES; i++)
		len += snprintf(again + len, sizeof again - (size_t)len, "%02x", n.mac[i]);
	if ((size_t)len != size || memcmp(again, data, size) != 0)
		abort();
	return 0;
}
