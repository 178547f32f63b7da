/* backup_int.h — what backup.c and backup_restore.c share. */
#ifndef CCHC_BACKUP_INT_H
#define CCHC_BACKUP_INT_H
#include <sodium.h>

#include "base/err.h"

/* Makes the names in dir durable (after a rename or a new file). */
void backup_sync_dir(const char *dir);
/* The directory part of path, as a new string. */
char *backup_dir_of(const char *path);
/* Finishes h into 64 lower-case hex digits. */
void backup_hash_hex(crypto_hash_sha256_state *h, char hex[65]);
/* Orders struct backup_entry by path (qsort, bsearch). */
int backup_entry_cmp(const void *a, const void *b);

#endif
