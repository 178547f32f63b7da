#include "base/base.h"
#include "report/report.h"
#include "report/report_int.h"

enum err_code report_render_docx(const json_t *rep, struct buf *out, struct err *err)
{
	(void)rep;
	(void)out;
	return err_set(err, ERR_INTERNAL, "", "docx not yet");
}
