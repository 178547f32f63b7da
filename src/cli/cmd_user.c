/* cmd_user.c — `cchc user ...` and `cchc token ...`: accounts and API tokens. */
#include "base/base.h"
#include "cli/cli.h"
#include "domain/tracker.h"

#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

/* Reads a password from a file (first line), or asks twice on a terminal. */
static char *read_password(const char *file)
{
	char *text = NULL;
	if (file) {
		text = read_file(file, NULL);
		if (!text) {
			fprintf(stderr, "cchc: cannot read %s\n", file);
			return NULL;
		}
	} else {
		char line[256];
		fprintf(stderr, "password: ");
		if (!fgets(line, sizeof line, stdin))
			return NULL;
		text = xstrdup(line);
	}
	text[strcspn(text, "\r\n")] = 0;
	return text;
}

struct opts {
	const char *db, *unit, *role, *password_file, *label, *user;
};

/* Scans the shared options; leaves the first positional word in *word. */
static int scan(int argc, char **argv, const char *cmd, struct opts *o, const char **word)
{
	*word = NULL;
	for (int i = 0; i < argc; i++) {
		int r;
		if ((r = cli_opt(argc, argv, &i, "--db", &o->db)) || (r = cli_opt(argc, argv, &i, "--unit", &o->unit)) ||
		    (r = cli_opt(argc, argv, &i, "--role", &o->role)) ||
		    (r = cli_opt(argc, argv, &i, "--password-file", &o->password_file)) ||
		    (r = cli_opt(argc, argv, &i, "--label", &o->label)) ||
		    (r = cli_opt(argc, argv, &i, "--user", &o->user))) {
			if (r < 0)
				return cli_usage(cmd);
			continue;
		}
		if (argv[i][0] == '-' || *word) {
			fprintf(stderr, "cchc %s: unexpected '%s'\n", cmd, argv[i]);
			return cli_usage(cmd);
		}
		*word = argv[i];
	}
	return 0;
}

int cmd_user(int argc, char **argv)
{
	if (argc < 1 || sodium_init() < 0)
		return cli_usage("user");
	const char *sub = argv[0], *name;
	struct opts o = {.db = "data/cchc.db"};
	if (scan(argc - 1, argv + 1, "user", &o, &name))
		return 2;
	int list = strcmp(sub, "list") == 0;
	if (!list && !name)
		return cli_usage("user");
	struct tracker *tr = cli_tracker(NULL, o.db, true);
	if (!tr)
		return 1;
	struct err err = {0};
	enum err_code rc = ERR_OK;
	char *pw = NULL;
	if (strcmp(sub, "add") == 0) {
		if (!o.unit || !o.role) {
			tracker_close(tr);
			return cli_usage("user");
		}
		if (!(pw = read_password(o.password_file)))
			rc = err_set(&err, ERR_INVALID, "password", "no password given");
		else
			rc = auth_account_add(tr, name, o.unit, o.role, pw, &err);
		if (!rc)
			printf("cchc: account '%s' created\n", name);
	} else if (strcmp(sub, "passwd") == 0) {
		if (!(pw = read_password(o.password_file)))
			rc = err_set(&err, ERR_INVALID, "password", "no password given");
		else
			rc = auth_account_passwd(tr, name, pw, &err);
		if (!rc)
			printf("cchc: password of '%s' changed; its sessions ended\n", name);
	} else if (strcmp(sub, "disable") == 0) {
		rc = auth_account_disable(tr, name, &err);
		if (!rc)
			printf("cchc: account '%s' disabled; its sessions ended and tokens revoked\n", name);
	} else if (list) {
		json_t *all = auth_accounts(tr, &err);
		size_t i;
		json_t *a;
		json_array_foreach(all, i, a) {
			char *roles = json_dumps(json_object_get(a, "roles"), JSON_COMPACT);
			printf("%s\t%s\t%s\t%s\n", json_string_value(json_object_get(a, "name")),
			       json_string_value(json_object_get(a, "unit_code")), roles,
			       json_integer_value(json_object_get(a, "active")) ? "active" : "disabled");
			free(roles);
		}
		rc = all ? ERR_OK : err.code;
		json_decref(all);
	} else {
		tracker_close(tr);
		return cli_usage("user");
	}
	if (pw) {
		sodium_memzero(pw, strlen(pw));
		free(pw);
	}
	if (rc)
		fprintf(stderr, "cchc user %s: %s\n", sub, err.message);
	tracker_close(tr);
	return rc ? 1 : 0;
}

int cmd_token(int argc, char **argv)
{
	if (argc < 1 || sodium_init() < 0)
		return cli_usage("token");
	const char *sub = argv[0], *word;
	struct opts o = {.db = "data/cchc.db"};
	if (scan(argc - 1, argv + 1, "token", &o, &word))
		return 2;
	struct tracker *tr = cli_tracker(NULL, o.db, true);
	if (!tr)
		return 1;
	struct err err = {0};
	enum err_code rc = ERR_OK;
	if (strcmp(sub, "create") == 0 && o.user) {
		char token[AUTH_TOKEN_HEX + 6];
		rc = auth_token_create(tr, o.user, o.unit, o.role, o.label, token, &err);
		if (!rc)
			printf("%s\n", token);
	} else if (strcmp(sub, "revoke") == 0 && word) {
		rc = auth_token_revoke(tr, atoll(word), &err);
	} else if (strcmp(sub, "list") == 0) {
		json_t *all = auth_tokens(tr, &err);
		size_t i;
		json_t *t;
		json_array_foreach(all, i, t)
			printf("%lld\taccount %lld\t%s\t%s\t%s\n", (long long)json_integer_value(json_object_get(t, "id")),
			       (long long)json_integer_value(json_object_get(t, "account_id")),
			       json_string_value(json_object_get(t, "unit_code")),
			       json_string_value(json_object_get(t, "role")),
			       json_is_null(json_object_get(t, "revoked_at")) ? "live" : "revoked");
		rc = all ? ERR_OK : err.code;
		json_decref(all);
	} else {
		tracker_close(tr);
		return cli_usage("token");
	}
	if (rc)
		fprintf(stderr, "cchc token %s: %s\n", sub, err.message);
	tracker_close(tr);
	return rc ? 1 : 0;
}
