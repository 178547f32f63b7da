/* Files compiled into the binary by tools/embed.c. */
#ifndef CCHC_EMBED_H
#define CCHC_EMBED_H
#include <stddef.h>

struct embed_file {
	const char *name;		/* base name, e.g. "0001_init.sql" */
	const unsigned char *data;	/* NUL-terminated; len excludes the NUL */
	size_t len;
};

/* Tables end with an entry whose name is NULL. */
extern const struct embed_file embed_web[];
extern const struct embed_file embed_migrations[];
extern const struct embed_file embed_migrations_pg[];
extern const struct embed_file embed_seed[];

const struct embed_file *embed_find(const struct embed_file *table, const char *name);

#endif
