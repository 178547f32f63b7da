/* indicators.c — indicators and their measurements. */
#include "base/base.h"
#include "store/db.h"

enum err_code store_indicator_add(struct store *st, const struct indicator_new *ind, int64_t *id, struct err *err)
{
	/* The baseline is NULL when there is none (?10 = 0). */
	static const char SQL[] =
		"INSERT INTO indicator(document_id, field_id, code, name, measure, comparison, target, "
		"baseline, is_sample) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, CASE WHEN ?10 <> 0 THEN CAST(?8 AS DOUBLE PRECISION) END, ?9) RETURNING id";
	return write1(st, id, NULL, err, SQL, "iittttddi" "i", ind->document_id, ind->field_id, ind->code,
		      ind->name, ind->measure, ind->comparison, ind->target, ind->baseline,
		      (int64_t)ind->is_sample, (int64_t)ind->has_baseline);
}

#define INDICATOR_COLUMNS "i.id, i.document_id, i.field_id, f.code AS field_code, i.code, i.name, " \
	"i.measure, i.comparison, i.target, i.baseline, i.is_sample"

json_t *store_indicators(struct store *st, int64_t document_id, struct err *err)
{
	static const char SQL[] = "SELECT " INDICATOR_COLUMNS " FROM indicator i "
				  "JOIN field f ON f.id = i.field_id "
				  "WHERE ?1 = 0 OR i.document_id = ?1 ORDER BY f.seq, i.id";
	return query_rows(st, SQL, err, "i", document_id);
}

json_t *store_indicator_get(struct store *st, int64_t id, struct err *err)
{
	static const char SQL[] = "SELECT " INDICATOR_COLUMNS " FROM indicator i "
				  "JOIN field f ON f.id = i.field_id WHERE i.id = ?1";
	return query_row(st, SQL, err, "i", id);
}

enum err_code store_measurement_add(struct store *st, const struct measurement_new *m, int64_t *id, struct err *err)
{
	static const char SQL[] =
		"INSERT INTO measurement(indicator_id, unit_id, period, period_end, value, reported_by, "
		"reported_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7) RETURNING id";
	char now[21];
	now_utc(now);
	return write1(st, id, NULL, err, SQL, "iittdtt", m->indicator_id, m->unit_id, m->period, m->period_end,
		      m->value, m->reported_by, now);
}

json_t *store_measurements(struct store *st, int64_t indicator_id, int64_t unit_id, struct err *err)
{
	/* The newest row of each (unit, period) wins: reports are never rewritten. */
	static const char SQL[] =
		"SELECT m.id, m.indicator_id, m.unit_id, u.code AS unit_code, u.name AS unit_name, "
		"m.period, m.period_end, m.value, m.reported_by, m.reported_at "
		"FROM measurement m JOIN unit u ON u.id = m.unit_id "
		"WHERE m.indicator_id = ?1 AND (?2 = 0 OR m.unit_id = ?2) AND m.id = ("
		"  SELECT max(m2.id) FROM measurement m2 WHERE m2.indicator_id = m.indicator_id "
		"  AND m2.unit_id = m.unit_id AND m2.period = m.period) "
		"ORDER BY m.unit_id, m.period_end";
	return query_rows(st, SQL, err, "ii", indicator_id, unit_id);
}
