/*
 * doc_json.h — the JSON form of a parsed document, as `cchc parse` prints it
 * and the API will return it.
 */
#ifndef CCHC_DOC_JSON_H
#define CCHC_DOC_JSON_H
#include "doc/docparse.h"

#include <jansson.h>

/*
 * Builds {issuer, number, symbol, type, place, date, subject, addressees,
 * signer {name, title}, recipients, references [{number, symbol, date}],
 * tasks [{section, assignees, lead, cooperating, text, deadline,
 * deadline_text, recurrence}], warnings [{field, code, message, message_vi}],
 * confidence (0..1)}; missing scalars are null, dates YYYY-MM-DD.
 * The caller owns the reference.
 */
json_t *doc_to_json(const struct doc *d);

#endif
