/* units.c — units and fields. */
#include "base/base.h"
#include "base/vitext.h"
#include "store/db.h"

#include <stdlib.h>

enum err_code store_unit_add(struct store *st, const struct unit_new *u, int64_t *id, struct err *err)
{
	static const char SQL[] =
		"INSERT INTO unit(code, name, name_fold, short_name, kind, parent_id, head_name, head_title) "
		"VALUES (?1, ?2, ?3, ?4, ?5, (SELECT id FROM unit WHERE code = ?6), ?7, ?8) RETURNING id";
	char *fold = vi_fold(u->name);
	enum err_code rc = write1(st, id, NULL, err, SQL, "tttttttt", u->code, u->name, fold, u->short_name,
				  u->kind, u->parent_code, u->head_name, u->head_title);
	free(fold);
	return rc;
}

#define UNIT_COLUMNS "u.id, u.code, u.name, u.short_name, u.kind, u.parent_id, " \
	"u.head_name, u.head_title, u.active"

json_t *store_units(struct store *st, struct err *err)
{
	static const char SQL[] = "SELECT " UNIT_COLUMNS " FROM unit u ORDER BY u.id";
	return query_rows(st, SQL, err, "");
}

json_t *store_unit_get(struct store *st, int64_t id, struct err *err)
{
	static const char SQL[] = "SELECT " UNIT_COLUMNS " FROM unit u WHERE u.id = ?1";
	return query_row(st, SQL, err, "i", id);
}

int64_t store_unit_id_by_code(struct store *st, const char *code)
{
	static const char SQL[] = "SELECT id FROM unit WHERE code = ?1";
	return query_int_or_0(st, SQL, "t", code);
}

enum err_code store_field_add(struct store *st, const char *code, int seq, const char *name,
			      const char *name_en, const char *lead_code, struct err *err)
{
	static const char SQL[] =
		"INSERT INTO field(code, seq, name, name_en, lead_unit_id) "
		"VALUES (?1, ?2, ?3, ?4, (SELECT id FROM unit WHERE code = ?5))";
	return write1(st, NULL, NULL, err, SQL, "titt" "t", code, (int64_t)seq, name, name_en, lead_code);
}

json_t *store_fields(struct store *st, struct err *err)
{
	static const char SQL[] =
		"SELECT f.id, f.code, f.seq, f.name, f.name_en, f.lead_unit_id, "
		"u.code AS lead_unit_code, u.name AS lead_unit_name "
		"FROM field f LEFT JOIN unit u ON u.id = f.lead_unit_id ORDER BY f.seq";
	return query_rows(st, SQL, err, "");
}

int64_t store_field_id_by_code(struct store *st, const char *code)
{
	static const char SQL[] = "SELECT id FROM field WHERE code = ?1";
	return query_int_or_0(st, SQL, "t", code);
}
