/*
 * auth.h — who is asking, and what they may do.
 *
 * Accounts belong to a unit and hold roles.  People sign in with a
 * password (Argon2id) and get a session (a random token in a cookie,
 * stored only as its SHA-256, with its own CSRF token); machine clients
 * use API tokens that act for one unit with one role.  Failed sign-ins are
 * throttled per account and per address.
 *
 * The permission table (auth.c, `rules`) says for every action which roles
 * may do it and over what scope: every unit, their own unit, or the units'
 * work in the reform fields their unit leads.  Handlers and the domain
 * consult it through auth_permits(); nothing else grants access.
 */
#ifndef CCHC_AUTH_H
#define CCHC_AUTH_H
#include <stdbool.h>
#include <stdint.h>

#include <jansson.h>

#include "base/err.h"

struct tracker;

enum role {
	ROLE_ADMIN = 1 << 0,		/* the system */
	ROLE_LEADER = 1 << 1,		/* PPC leadership: reads everything */
	ROLE_LEAD_AGENCY = 1 << 2,	/* leads reform fields */
	ROLE_UNIT_OFFICER = 1 << 3,	/* reports for their unit */
	ROLE_UNIT_HEAD = 1 << 4,	/* the same, answerable for the unit */
	ROLE_INSPECTOR = 1 << 5,
	ROLE_VIEWER = 1 << 6,
};

enum action {
	ACT_READ,		/* units, fields, plans, tasks, dashboard, counts */
	ACT_READ_REPORTS,	/* an assignment's reports and evidence */
	ACT_WRITE_PLAN,		/* a plan of a unit */
	ACT_WRITE_INDICATOR,	/* an indicator in a field */
	ACT_WRITE_TASK,		/* create or change a task in a field */
	ACT_REPORT,		/* report progress on a unit's assignment */
	ACT_MEASURE,		/* record an indicator's value for a unit */
	ACT_AUDIT_READ,		/* an entity's history */
	ACT_AUDIT_EXPORT,	/* the whole trail */
	ACT_CONFIGURE,		/* rules, calendar overrides: the system's settings */
	ACT_CONFIRM,		/* the head confirms a completion reported for the unit */
	/* Units' own periodic reports (issue 6). */
	ACT_READ_UNIT_REPORT,	/* read a unit's periodic report */
	ACT_UNIT_REPORT,	/* write and submit the unit's periodic report */
	ACT_REVIEW_UNIT_REPORT,	/* return a unit's report with comments, or accept it */
	ACT_MANAGE_ACCOUNTS,	/* accounts, passwords and API tokens */
	/* Citizens' feedback on administrative regulations (issue 17). */
	ACT_FEEDBACK_READ,	/* list and read feedback, without the sender's contact details */
	ACT_FEEDBACK_CONTACT,	/* see the sender's contact details (receiving or handling unit) */
	ACT_FEEDBACK_RECEIVE,	/* enter, classify (forward or reject) and extend: the receiving unit */
	ACT_FEEDBACK_ANSWER,	/* draft the answer: the handling unit */
	ACT_FEEDBACK_APPROVE,	/* approve and send the answer: the handling unit's head */
	/* The PAR index (issue 14). */
	ACT_PAR_READ,		/* a unit's assessment and its result */
	ACT_PAR_SETS,		/* import or copy a criteria set */
	ACT_PAR_SCORE,		/* open the unit's assessment, give its own points */
	ACT_PAR_SUBMIT,		/* the head submits the unit's self-assessment */
	ACT_PAR_APPRAISE,	/* the PAR lead agency's appraised points */
	/* Inspections (issue 15). */
	ACT_INSPECT,		/* plan and run the unit's inspections, record and verify findings */
	/* Discipline cases (issue 15). */
	ACT_DISCIPLINE_READ,	/* open a discipline case of a unit */
	ACT_DISCIPLINE,		/* open a case, record its steps and decision */
	/* The PAR workflow (issue 14); taking an assessment is ACT_PAR_APPRAISE. */
	ACT_PAR_EXPLAIN,	/* the appraiser asks the unit to explain */
	ACT_PAR_ANSWER,		/* the unit answers the appraiser's questions */
	ACT_PAR_APPROVE,	/* the PPC approves an appraised assessment */
	ACT_PAR_REOPEN,		/* a leader reopens an approved assessment */
	ACT_COUNT
};

struct principal {
	int64_t account_id;
	char name[64];
	int64_t unit_id;
	unsigned roles;		/* bits of enum role */
	int by_token;		/* an API token, not a browser session */
	char csrf[65];		/* the session's CSRF token ("" for API tokens) */
	char session[65];	/* the session token's hash, for sign-out */
	bool system;		/* the system itself (the CLI): may do everything */
};

/* Fills who as the system acting under name ("cli") in the audit trail. */
void auth_system_principal(struct principal *who, const char *name);
/* The name the audit trail gives who: its account, or "system" for NULL. */
const char *auth_actor(const struct principal *who);

/* The facts a permission depends on: the unit whose work it is, and the
 * unit that leads the field it belongs to (0 when there is none). */
struct permit_target {
	int64_t unit_id;
	int64_t field_lead_unit_id;
};

unsigned auth_role_bit(const char *name);
const char *auth_role_name(unsigned bit);
/* The action's identifier ("write_task"), NULL for no action. */
const char *auth_action_id(enum action act);
/* Could any scope of this action be open to who? (the first, cheap check) */
bool auth_may(const struct principal *who, enum action act);
/* May who do act on target?  NULL who, or a system principal, is the
 * system itself (CLI, demo): it may do everything. */
bool auth_permits(const struct principal *who, enum action act, const struct permit_target *target);
/* ERR_FORBIDDEN with a message naming the action, or ERR_OK. */
enum err_code auth_require(const struct principal *who, enum action act,
			   const struct permit_target *target, struct err *err);

#define AUTH_TOKEN_HEX 64
#define AUTH_SESSION_HOURS 12
#define AUTH_MAX_FAILURES 5
#define AUTH_FAILURE_WINDOW_MIN 15

/* Password rules: 10 to 128 bytes, not containing the account's name, its
 * unit's code or name (diacritics and case ignored). */
enum err_code auth_password_ok(const char *password, const char *name, const char *unit_code,
			       const char *unit_name, struct err *err);

/*
 * Accounts and API tokens, managed by whoever may ACT_MANAGE_ACCOUNTS
 * (the admin, the system); each change is recorded in the audit trail
 * under tr's principal.
 */
/* Creates an account; roles is a comma-separated list. */
enum err_code auth_account_add(struct tracker *tr, const char *name, const char *unit_code,
			       const char *roles, const char *password, struct err *err);
enum err_code auth_account_passwd(struct tracker *tr, const char *name, const char *password,
				  struct err *err);
enum err_code auth_account_disable(struct tracker *tr, const char *name, struct err *err);
/* [{id, name, unit_id, unit_code, unit_name, active, roles}], by name. */
json_t *auth_accounts(struct tracker *tr, struct err *err);

/* Signs in; on success token_out holds the session token (hex) for the
 * cookie and who is filled.  Every failure looks the same to the client.
 * The sign-in (or the failure) is recorded under the name given, from
 * tr->address. */
enum err_code auth_login(struct tracker *tr, const char *name, const char *password,
			 char token_out[AUTH_TOKEN_HEX + 1], struct principal *who, struct err *err);
/* Looks up a session cookie or an API bearer token. */
enum err_code auth_session(struct tracker *tr, const char *token, struct principal *who, struct err *err);
enum err_code auth_bearer(struct tracker *tr, const char *token, struct principal *who, struct err *err);
/* Ends tr's principal's session (nothing for an API token). */
enum err_code auth_logout(struct tracker *tr, struct err *err);
/* A new API token for an account, acting for unit_code (default: the
 * account's unit) with role (default: the account's first role).  The
 * token is printed once; only its hash is kept.  token_out holds
 * "cchc_" and 64 hex digits. */
enum err_code auth_token_create(struct tracker *tr, const char *name, const char *unit_code, const char *role,
				const char *label, char token_out[AUTH_TOKEN_HEX + 6], struct err *err);
enum err_code auth_token_revoke(struct tracker *tr, int64_t id, struct err *err);
/* [{id, account_id, unit_code, role, label, revoked_at, ...}] of every account. */
json_t *auth_tokens(struct tracker *tr, struct err *err);

/* {name, unit_id, unit_code, unit_name, roles, csrf, home_unit} of who (a
 * signed-in principal), for the page; a new value the caller owns. */
json_t *auth_principal_json(struct tracker *tr, const struct principal *who);
/* The unit whose page official who starts on: their own when they work
 * only for it (its officer or head), else 0 (the province's overview). */
int64_t auth_home_unit(const struct principal *who);

/* A random password for the first admin and the demo accounts. */
void auth_random_password(char out[21]);

#endif
