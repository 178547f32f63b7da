/* cmd_routes.c — `cchc routes`: every route the server answers, as TSV. */
#include "base/base.h"
#include "cli/cli.h"
#include "api/api.h"

#include <stdio.h>

int cmd_routes(int argc, char **argv)
{
	(void)argv;
	if (argc != 0)
		return cli_usage("routes");
	size_t n;
	const struct route *r = route_table(&n);
	printf("method\tpattern\tbody\taction\taccess\n");
	for (size_t i = 0; i < n; i++)
		printf("%s\t%s\t%s\t%s\t%s\n", r[i].method, r[i].pattern, route_body_name(r[i].body),
		       auth_action_id(r[i].action), r[i].flags & ROUTE_PUBLIC ? "public" : "signed_in");
	return 0;
}

/* `cchc openapi`: the API contract, as GET /api/v1/openapi.json serves it. */
int cmd_openapi(int argc, char **argv)
{
	(void)argv;
	if (argc != 0)
		return cli_usage("openapi");
	struct err err;
	json_t *doc = api_openapi(&err);
	if (!doc) {
		fprintf(stderr, "cchc openapi: %s\n", err.message);
		return 1;
	}
	json_dumpf(doc, stdout, JSON_INDENT(1) | JSON_PRESERVE_ORDER);
	printf("\n");
	json_decref(doc);
	return 0;
}
