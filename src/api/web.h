/* web.h — the web UI's files under names that carry a hash of their bytes. */
#ifndef CCHC_API_WEB_H
#define CCHC_API_WEB_H
#include <stddef.h>

/* Room for a hashed name: the base name plus "." and WEB_HASH_HEX digits. */
#define WEB_HASH_HEX 12
#define WEB_NAME_MAX 96

/* Writes into out (size bytes) name with a hash of data inserted before its
 * extension: "app.js" → "app.3f9c2a1b04de.js".  -1 when it does not fit. */
int web_hashed_name(const char *name, const unsigned char *data, size_t len, char *out, size_t size);

#endif
