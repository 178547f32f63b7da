/*
 * cmd_init.c — `cchc init`: create or migrate a database.  A new database
 * gets the Cao Bằng registry (its units and the seven reform fields) and
 * the first account, `admin`, whose password is printed once (or read
 * from --admin-password-file).  --demo adds the demo and one account per
 * role, their passwords printed once and written nowhere.
 */
#include "base/base.h"
#include "base/progress.h"
#include "cli/cli.h"
#include "domain/auth.h"
#include "domain/demo.h"
#include "domain/tracker.h"

#include <sodium.h>
#include <stdio.h>
#include <string.h>

/* The demo's accounts: one per role, at units where the role makes sense. */
static const struct {
	const char *name, *unit, *roles;
} demo_accounts[] = {
	{"lanhdao", "04", "leader"},			/* PPC leadership */
	{"snv", "SNV", "lead_agency"},			/* Home Affairs: leads three fields */
	{"vpubnd", "VPUBND", "lead_agency"},		/* the PPC Office: leads TTHC */
	{"canbo.duclong", "01822", "unit_officer"},
	{"chutich.duclong", "01822", "unit_head"},
	{"canbo.thucphan", "01273", "unit_officer"},
	{"thanhtra", "TTT", "inspector"},
	{"xem", "04", "viewer"},
};

/* Whether the database has an account named name; -1 when it cannot be read. */
static int has_account(struct tracker *tr, const char *name, struct err *err)
{
	json_t *all = auth_accounts(tr, err);
	if (!all)
		return -1;
	int found = 0;
	size_t i;
	json_t *a;
	json_array_foreach(all, i, a)
		found |= strcmp(json_string_value(json_object_get(a, "name")), name) == 0;
	json_decref(all);
	return found;
}


/* Adds an account with a new random password, put in pw.  A draw may, now
 * and then, contain the account's name or its unit's code, which the
 * password rules refuse: then draw again. */
static enum err_code add_with_random_password(struct tracker *tr, const char *name, const char *unit,
					      const char *roles, char pw[21], struct err *err)
{
	enum err_code rc;
	do {
		auth_random_password(pw);
		rc = auth_account_add(tr, name, unit, roles, pw, err);
	} while (rc == ERR_INVALID && strcmp(err->field, "password") == 0);
	return rc;
}

static enum err_code first_admin(struct tracker *tr, const char *password_file, struct err *err)
{
	int exists = has_account(tr, "admin", err);
	if (exists)
		return exists < 0 ? err->code : ERR_OK;
	char random[21], *given = NULL;
	if (password_file) {
		if (!(given = read_file(password_file, NULL)))
			return err_set(err, ERR_INVALID, "admin-password-file", "cannot read %s", password_file);
		given[strcspn(given, "\r\n")] = 0;
	}
	/* The admin belongs to the top of the registry: Cao Bằng's PPC, or the
	 * first unit without a parent in another registry. */
	char home[64] = "04";
	json_t *units = tracker_units(tr, 0, NULL, NULL, err);
	size_t i;
	json_t *u;
	int found = 0;
	json_array_foreach(units, i, u)
		found |= strcmp(json_string_value(json_object_get(u, "code")), "04") == 0;
	json_array_foreach(units, i, u)
		if (!found && json_is_null(json_object_get(u, "parent_id"))) {
			snprintf(home, sizeof home, "%s", json_string_value(json_object_get(u, "code")));
			break;
		}
	json_decref(units);
	enum err_code rc = given ? auth_account_add(tr, "admin", home, "admin", given, err)
				 : add_with_random_password(tr, "admin", home, "admin", random, err);
	if (!rc && !given)
		printf("cchc: account 'admin' created; its password, shown only now: %s\n", random);
	else if (!rc)
		printf("cchc: account 'admin' created with the password from %s\n", password_file);
	if (given) {
		sodium_memzero(given, strlen(given));
		free(given);
	}
	return rc;
}

int cmd_init(int argc, char **argv)
{
	const char *db = "data/cchc.db", *demo = NULL, *admin_file = NULL;
	for (int i = 0; i < argc; i++) {
		int r;
		if ((r = cli_opt(argc, argv, &i, "--db", &db)) || (r = cli_opt(argc, argv, &i, "--demo", &demo)) ||
		    (r = cli_opt(argc, argv, &i, "--admin-password-file", &admin_file))) {
			if (r < 0)
				return cli_usage("init");
			continue;
		}
		fprintf(stderr, "cchc init: unknown option '%s'\n", argv[i]);
		return cli_usage("init");
	}
	if (sodium_init() < 0)
		return 1;
	struct err err = {0};
	struct tracker *tr = cli_tracker("init", db, true);
	if (!tr)
		return 1;
	int rc = 1;
	printf("cchc: %s at schema version %d\n", db, tracker_schema_version(tr));
	json_t *units = tracker_units(tr, 0, NULL, NULL, &err);
	size_t nunits = json_array_size(units);
	json_decref(units);
	if (!units)
		goto fail;
	if (nunits == 0 && demo_load_registry(tr, &err) != ERR_OK)
		goto fail;
	if (first_admin(tr, admin_file, &err) != ERR_OK)
		goto fail;
	if (demo) {
		/* On stderr: stdout keeps the log with the passwords. */
		struct progress pr;
		progress_start(&pr, stderr, "demo", 0, 0);
		if (demo_load_shown(tr, demo, stdout, &pr, &err) != ERR_OK) {
			progress_abort(&pr);
			goto fail;
		}
		progress_finish(&pr);
		printf("cchc: loaded the demo '%s' (sample data, marked as demo)\n"
		       "cchc: demo accounts; their passwords are shown only now:\n", demo);
		for (size_t i = 0; i < ARRAY_LEN(demo_accounts); i++) {
			char pw[21];
			if (add_with_random_password(tr, demo_accounts[i].name, demo_accounts[i].unit,
						     demo_accounts[i].roles, pw, &err) != ERR_OK)
				goto fail;
			printf("  %-16s %-13s %-7s %s\n", demo_accounts[i].name, demo_accounts[i].roles,
			       demo_accounts[i].unit, pw);
		}
	}
	rc = 0;
	goto out;
fail:
	fprintf(stderr, "cchc init: %s\n", err.message);
out:
	tracker_close(tr);
	return rc;
}
