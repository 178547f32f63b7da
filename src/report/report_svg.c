#include "base/base.h"
#include "report/report.h"

const char *const report_chart_names[] = {"status-by-field", "on-time-by-unit", "indicator-trend", NULL};

enum err_code report_chart_svg(const json_t *rep, const char *name, struct buf *out, struct err *err)
{
	(void)rep;
	(void)out;
	return err_set(err, ERR_NOT_FOUND, "name", "no chart '%s'", name);
}
