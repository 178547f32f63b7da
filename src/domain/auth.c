#include "base/base.h"
#include "base/meter.h"
#include "base/vitext.h"
#include "domain/auth.h"
#include "domain/tracker.h"
#include "store/store.h"

#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

/* ---- the permission table -------------------------------------------- */

enum scope {
	NONE = 0,
	ALL,		/* any unit */
	OWN,		/* the principal's own unit */
	FIELD,		/* work in the fields the principal's unit leads */
};

static const char *const role_names[] = {"admin", "leader", "lead_agency", "unit_officer",
					 "unit_head", "inspector", "viewer"};

/* rules[action][role] — role order as role_names. */
static const unsigned char rules[ACT_COUNT][7] = {
	/*                     admin leader lead   officer head  insp  viewer */
	[ACT_READ]         = {ALL,  ALL,   ALL,   ALL,    ALL,  ALL,  ALL},
	[ACT_READ_REPORTS] = {ALL,  ALL,   FIELD, OWN,    OWN,  ALL,  NONE},
	[ACT_WRITE_PLAN]   = {ALL,  NONE,  OWN,   NONE,   OWN,  NONE, NONE},
	[ACT_WRITE_INDICATOR] = {ALL, NONE, FIELD, NONE,  NONE, NONE, NONE},
	[ACT_WRITE_TASK]   = {ALL,  NONE,  FIELD, NONE,   NONE, NONE, NONE},
	/* Units answer for their own work: nobody reports for another unit. */
	[ACT_REPORT]       = {NONE, NONE,  NONE,  OWN,    OWN,  NONE, NONE},
	[ACT_MEASURE]      = {NONE, NONE,  FIELD, OWN,    OWN,  NONE, NONE},
	[ACT_AUDIT_READ]   = {ALL,  ALL,   FIELD, OWN,    OWN,  ALL,  NONE},
	[ACT_AUDIT_EXPORT] = {ALL,  ALL,   NONE,  NONE,   NONE, NONE, NONE},
	[ACT_CONFIGURE]    = {ALL,  NONE,  NONE,  NONE,   NONE, NONE, NONE},
	/* The head answers for the unit's results: only the head confirms. */
	[ACT_CONFIRM]      = {NONE, NONE,  NONE,  NONE,   OWN,  NONE, NONE},
	/* Units' own periodic reports: the unit writes its own; any lead
	 * agency reviews, since one report covers every field and the PAR
	 * lead (Sở Nội vụ) is one lead agency among them. */
	[ACT_READ_UNIT_REPORT] = {ALL, ALL, ALL, OWN,  OWN,  ALL,  NONE},
	[ACT_UNIT_REPORT]  = {NONE, NONE,  NONE,  OWN,    OWN,  NONE, NONE},
	[ACT_REVIEW_UNIT_REPORT] = {ALL, NONE, ALL, NONE, NONE, NONE, NONE},
	[ACT_MANAGE_ACCOUNTS] = {ALL, NONE, NONE, NONE, NONE, NONE, NONE},
	/* Feedback: everyone but viewers reads it (contact details left out);
	 * the receiving unit (the PPC Office) and the handling unit see who
	 * sent it.  The receiving unit classifies; the handling unit answers
	 * and its head approves, as the head confirms completions. */
	[ACT_FEEDBACK_READ] = {ALL, ALL, ALL, ALL, ALL, ALL, NONE},
	[ACT_FEEDBACK_CONTACT] = {ALL, NONE, NONE, OWN, OWN, NONE, NONE},
	[ACT_FEEDBACK_RECEIVE] = {ALL, NONE, NONE, OWN, OWN, NONE, NONE},
	[ACT_FEEDBACK_ANSWER] = {NONE, NONE, NONE, OWN, OWN, NONE, NONE},
	[ACT_FEEDBACK_APPROVE] = {NONE, NONE, NONE, NONE, OWN, NONE, NONE},
	/* The PAR index: the target's field lead is the lead of the PAR
	 * direction field (Home Affairs), who reads every unit's assessment,
	 * keeps the criteria sets and appraises; a unit scores only itself. */
	[ACT_PAR_READ]     = {ALL,  ALL,   FIELD, OWN,    OWN,  ALL,  NONE},
	[ACT_PAR_SETS]     = {ALL,  NONE,  FIELD, NONE,   NONE, NONE, NONE},
	[ACT_PAR_SCORE]    = {NONE, NONE,  NONE,  OWN,    OWN,  NONE, NONE},
	[ACT_PAR_SUBMIT]   = {NONE, NONE,  NONE,  NONE,   OWN,  NONE, NONE},
	[ACT_PAR_APPRAISE] = {NONE, NONE,  FIELD, NONE,   NONE, NONE, NONE},
	/* Inspections: the inspecting unit's own (its head for a unit's
	 * self-inspection; which units inspect others is checked in
	 * inspection.c). */
	[ACT_INSPECT]      = {ALL,  NONE,  OWN,   NONE,   OWN,  OWN,  NONE},
	/* Discipline cases: the unit's head, the Home Affairs department (the
	 * target's field lead is the discipline_setting home_affairs_unit),
	 * the inspectorate and leaders see them; the head and Home Affairs
	 * keep them.  Others see only counts (ACT_READ). */
	[ACT_DISCIPLINE_READ] = {ALL, ALL, FIELD, NONE,   OWN,  ALL,  NONE},
	[ACT_DISCIPLINE]   = {ALL,  NONE,  FIELD, NONE,   OWN,  NONE, NONE},
	/* The PAR workflow: Home Affairs (the PAR field's lead) asks, the
	 * unit answers, the PPC's leaders approve and alone reopen.  There is
	 * no role for the appraisal council's members: they act through Home
	 * Affairs' accounts. */
	[ACT_PAR_EXPLAIN]  = {NONE, NONE,  FIELD, NONE,   NONE, NONE, NONE},
	[ACT_PAR_ANSWER]   = {NONE, NONE,  NONE,  OWN,    OWN,  NONE, NONE},
	[ACT_PAR_APPROVE]  = {NONE, ALL,   NONE,  NONE,   NONE, NONE, NONE},
	[ACT_PAR_REOPEN]   = {NONE, ALL,   NONE,  NONE,   NONE, NONE, NONE},
};

static const char *const action_names[ACT_COUNT] = {
	"read", "read reports", "write plans", "write indicators", "write tasks",
	"report progress", "record indicator values", "read history", "export the audit trail", "change settings", "confirm completions",
	"read units' periodic reports", "write the unit's periodic report", "review units' periodic reports",
	"manage accounts",
	"read feedback", "see a feedback's sender", "receive and classify feedback", "answer feedback",
	"approve answers to feedback",
	"read PAR assessments", "change PAR criteria sets", "score the unit's PAR self-assessment",
	"submit the unit's PAR self-assessment", "appraise PAR assessments", "inspect",
	"open discipline cases", "keep discipline cases",
	"ask for a PAR explanation", "answer a PAR explanation", "approve PAR results", "reopen approved PAR results"};

/* The same actions as identifiers for machines (`cchc routes`). */
static const char *const action_ids[] = {
	[ACT_READ] = "read", [ACT_READ_REPORTS] = "read_reports", [ACT_WRITE_PLAN] = "write_plan",
	[ACT_WRITE_INDICATOR] = "write_indicator", [ACT_WRITE_TASK] = "write_task", [ACT_REPORT] = "report",
	[ACT_MEASURE] = "measure", [ACT_AUDIT_READ] = "audit_read", [ACT_AUDIT_EXPORT] = "audit_export",
	[ACT_CONFIGURE] = "configure", [ACT_CONFIRM] = "confirm", [ACT_READ_UNIT_REPORT] = "read_unit_report",
	[ACT_UNIT_REPORT] = "unit_report", [ACT_REVIEW_UNIT_REPORT] = "review_unit_report",
	[ACT_MANAGE_ACCOUNTS] = "manage_accounts",
	[ACT_FEEDBACK_READ] = "feedback_read", [ACT_FEEDBACK_CONTACT] = "feedback_contact",
	[ACT_FEEDBACK_RECEIVE] = "feedback_receive", [ACT_FEEDBACK_ANSWER] = "feedback_answer",
	[ACT_FEEDBACK_APPROVE] = "feedback_approve",
	[ACT_PAR_READ] = "par_read", [ACT_PAR_SETS] = "par_sets", [ACT_PAR_SCORE] = "par_score",
	[ACT_PAR_SUBMIT] = "par_submit", [ACT_PAR_APPRAISE] = "par_appraise",
	[ACT_INSPECT] = "inspect",
	[ACT_DISCIPLINE_READ] = "discipline_read", [ACT_DISCIPLINE] = "discipline",
	[ACT_PAR_EXPLAIN] = "par_explain", [ACT_PAR_ANSWER] = "par_answer", [ACT_PAR_APPROVE] = "par_approve",
	[ACT_PAR_REOPEN] = "par_reopen",
};
_Static_assert(ARRAY_LEN(action_ids) == ACT_COUNT, "every action has an identifier");

const char *auth_action_id(enum action act)
{
	return (unsigned)act < ACT_COUNT ? action_ids[act] : NULL;
}

unsigned auth_role_bit(const char *name)
{
	for (size_t i = 0; i < ARRAY_LEN(role_names); i++)
		if (strcmp(role_names[i], name) == 0)
			return 1u << i;
	return 0;
}

const char *auth_role_name(unsigned bit)
{
	for (size_t i = 0; i < ARRAY_LEN(role_names); i++)
		if (bit == 1u << i)
			return role_names[i];
	return "?";
}

void auth_system_principal(struct principal *who, const char *name)
{
	memset(who, 0, sizeof *who);
	snprintf(who->name, sizeof who->name, "%s", name);
	who->system = true;
}

const char *auth_actor(const struct principal *who)
{
	return who ? who->name : "system";
}

bool auth_may(const struct principal *who, enum action act)
{
	if (!who || who->system)
		return true;
	for (size_t r = 0; r < ARRAY_LEN(role_names); r++)
		if ((who->roles & (1u << r)) && rules[act][r] != NONE)
			return true;
	return false;
}

bool auth_permits(const struct principal *who, enum action act, const struct permit_target *t)
{
	if (!who || who->system)
		return true;
	for (size_t r = 0; r < ARRAY_LEN(role_names); r++) {
		if (!(who->roles & (1u << r)))
			continue;
		switch (rules[act][r]) {
		case ALL:
			return true;
		case OWN:
			if (t && t->unit_id && t->unit_id == who->unit_id)
				return true;
			break;
		case FIELD:
			if (t && t->field_lead_unit_id && t->field_lead_unit_id == who->unit_id)
				return true;
			break;
		default:
			break;
		}
	}
	return false;
}

enum err_code auth_require(const struct principal *who, enum action act,
			   const struct permit_target *target, struct err *err)
{
	if (auth_permits(who, act, target))
		return ERR_OK;
	return err_set(err, ERR_FORBIDDEN, "", "%s may not %s here", who->name, action_names[act]);
}

/* ---- passwords and accounts ------------------------------------------ */

enum err_code auth_password_ok(const char *password, const char *name, const char *unit_code,
			       const char *unit_name, struct err *err)
{
	size_t n = strlen(password);
	if (n < 10 || n > 128)
		return err_set(err, ERR_INVALID, "password", "a password has 10 to 128 bytes");
	if (!vi_valid_utf8(password, n))
		return err_set(err, ERR_INVALID, "password", "a password must be UTF-8 text");
	char *pw = vi_fold(password);
	const char *avoid[] = {name, unit_code, unit_name};
	enum err_code rc = ERR_OK;
	for (size_t i = 0; i < ARRAY_LEN(avoid) && !rc; i++) {
		if (!avoid[i] || strlen(avoid[i]) < 3)
			continue;
		char *f = vi_fold(avoid[i]);
		if (strstr(pw, f))
			rc = err_set(err, ERR_INVALID, "password",
				     "the password must not contain the account's name or its unit");
		/* Names hide without their spaces and without their first words:
		 * "Xã Đức Long" as "xaduclong" or "duclong". */
		for (char *start = f; start && !rc; start = strchr(start + 1, ' ')) {
			char *compact = xstrdup(start), *w = compact;
			for (const char *p = start; *p; p++)
				if (*p != ' ')
					*w++ = *p;
			*w = 0;
			if (strlen(compact) >= 5 && strstr(pw, compact))
				rc = err_set(err, ERR_INVALID, "password",
					     "the password must not contain the account's name or its unit");
			free(compact);
		}
		free(f);
	}
	free(pw);
	return rc;
}

static enum err_code hash_password(const char *password, char out[crypto_pwhash_STRBYTES], struct err *err)
{
	/* Argon2id at 2 passes over 19 MiB, the OWASP minimum: a sign-in costs
	 * tens of milliseconds and a burst of them stays within the server's
	 * memory budget. */
	if (crypto_pwhash_str(out, password, strlen(password), crypto_pwhash_OPSLIMIT_INTERACTIVE,
			      19u << 20) != 0)
		return err_set(err, ERR_INTERNAL, "", "out of memory hashing a password");
	return ERR_OK;
}

/* Splits a comma-separated list of role names into list (NULL-terminated,
 * pointing into copy, which the caller frees). */
static enum err_code parse_roles(char *copy, const char *list[8], struct err *err)
{
	char *save = NULL;
	size_t k = 0;
	for (char *r = strtok_r(copy, ",", &save); r; r = strtok_r(NULL, ",", &save)) {
		if (!auth_role_bit(r) || k == 7)
			return err_set(err, ERR_INVALID, "role", "unknown role '%s' (admin, leader, lead_agency, "
				       "unit_officer, unit_head, inspector, viewer)", r);
		list[k++] = r;
	}
	list[k] = NULL;
	if (!k)
		return err_set(err, ERR_INVALID, "role", "an account needs a role");
	return ERR_OK;
}

enum err_code auth_account_add(struct tracker *tr, const char *name, const char *unit_code,
			       const char *roles, const char *password, struct err *err)
{
	enum err_code rc = auth_require(tr->who, ACT_MANAGE_ACCOUNTS, NULL, err);
	if (rc)
		return rc;
	size_t n = strlen(name);
	if (n < 2 || n > 60 || strspn(name, "abcdefghijklmnopqrstuvwxyz0123456789._-") != n)
		return err_set(err, ERR_INVALID, "name", "an account name is 2-60 of a-z 0-9 . _ -");
	int64_t unit = store_unit_id_by_code(tr->store, unit_code);
	if (!unit)
		return err_set(err, ERR_INVALID, "unit", "unknown unit '%s'", unit_code);
	json_t *u = store_unit_get(tr->store, unit, err);
	if (!u)
		return err->code;
	rc = auth_password_ok(password, name, unit_code, json_string_value(json_object_get(u, "name")), err);
	json_decref(u);
	if (rc)
		return rc;
	const char *list[8];
	char *copy = xstrdup(roles);
	char hash[crypto_pwhash_STRBYTES];
	if ((rc = parse_roles(copy, list, err)) || (rc = hash_password(password, hash, err)))
		goto out;
	struct account_new a = {.name = name, .password_hash = hash, .unit_id = unit, .roles = list};
	tracker_attribution_begin(tr);
	rc = store_account_add(tr->store, &a, NULL, err);
	tracker_attribution_end(tr);
out:
	free(copy);
	return rc;
}

/* The account named name, for whoever may manage accounts. */
static json_t *account_named(struct tracker *tr, const char *name, struct err *err)
{
	if (auth_require(tr->who, ACT_MANAGE_ACCOUNTS, NULL, err))
		return NULL;
	json_t *a = store_account_get(tr->store, name, err);
	if (!a && err->code == ERR_NOT_FOUND)
		err_set(err, ERR_NOT_FOUND, "name", "no account '%s'", name);
	return a;
}

enum err_code auth_account_passwd(struct tracker *tr, const char *name, const char *password,
				  struct err *err)
{
	json_t *a = account_named(tr, name, err);
	if (!a)
		return err->code;
	char hash[crypto_pwhash_STRBYTES];
	enum err_code rc = auth_password_ok(password, name, json_string_value(json_object_get(a, "unit_code")),
					    json_string_value(json_object_get(a, "unit_name")), err);
	if (!rc)
		rc = hash_password(password, hash, err);
	if (!rc) {
		tracker_attribution_begin(tr);
		rc = store_account_set_password(tr->store, json_integer_value(json_object_get(a, "id")), hash, err);
		tracker_attribution_end(tr);
	}
	json_decref(a);
	return rc;
}

enum err_code auth_account_disable(struct tracker *tr, const char *name, struct err *err)
{
	json_t *a = account_named(tr, name, err);
	if (!a)
		return err->code;
	tracker_attribution_begin(tr);
	enum err_code rc = store_account_disable(tr->store, json_integer_value(json_object_get(a, "id")), err);
	tracker_attribution_end(tr);
	json_decref(a);
	return rc;
}

json_t *auth_accounts(struct tracker *tr, struct err *err)
{
	if (auth_require(tr->who, ACT_MANAGE_ACCOUNTS, NULL, err))
		return NULL;
	json_t *all = store_accounts(tr->store, err);
	size_t i;
	json_t *a;
	/* The hashes stay in the domain. */
	json_array_foreach(all, i, a)
		json_object_del(a, "password_hash");
	return all;
}

/* ---- sessions and tokens --------------------------------------------- */

static void random_hex(char *out, size_t bytes)
{
	unsigned char raw[64];
	randombytes_buf(raw, bytes);
	sodium_bin2hex(out, bytes * 2 + 1, raw, bytes);
}

static void sha256_hex(const char *s, char out[65])
{
	unsigned char d[crypto_hash_sha256_BYTES];
	crypto_hash_sha256(d, (const unsigned char *)s, strlen(s));
	sodium_bin2hex(out, 65, d, sizeof d);
}

static void instant(time_t t, char out[21])
{
	struct tm tm;
	gmtime_r(&t, &tm);
	strftime(out, 21, "%Y-%m-%dT%H:%M:%SZ", &tm);
}

void auth_random_password(char out[21])
{
	/* 20 characters from an alphabet without look-alikes: about 115 bits. */
	static const char alphabet[] = "abcdefghijkmnpqrstuvwxyzACDEFGHJKLMNPQRTUVWXY3479";
	for (int i = 0; i < 20; i++)
		out[i] = alphabet[randombytes_uniform(sizeof alphabet - 1)];
	out[20] = 0;
}

static void fill_principal(json_t *account, struct principal *who)
{
	memset(who, 0, sizeof *who);
	who->account_id = json_integer_value(json_object_get(account, "id"));
	snprintf(who->name, sizeof who->name, "%s", json_string_value(json_object_get(account, "name")));
	who->unit_id = json_integer_value(json_object_get(account, "unit_id"));
	size_t i;
	json_t *r;
	json_array_foreach(json_object_get(account, "roles"), i, r)
		who->roles |= auth_role_bit(json_string_value(r));
}

/* The body of auth_login, with the attribution set. */
static enum err_code login(struct store *st, const char *name, const char *password, const char *address,
			   char token_out[AUTH_TOKEN_HEX + 1], struct principal *who, struct err *err)
{
	char since[21], expires[21];
	time_t now = time(NULL);
	instant(now - AUTH_FAILURE_WINDOW_MIN * 60, since);
	char *by_name = xasprintf("account:%.60s", name);
	char *by_address = xasprintf("address:%s", address);
	enum err_code rc = ERR_OK;
	if (store_login_failures(st, by_name, since) >= AUTH_MAX_FAILURES ||
	    store_login_failures(st, by_address, since) >= 4 * AUTH_MAX_FAILURES) {
		rc = err_set(err, ERR_THROTTLED, "", "too many failed sign-ins; try again in %d minutes",
			     AUTH_FAILURE_WINDOW_MIN);
		goto out;
	}
	struct err ignored;
	json_t *a = store_account_get(st, name, &ignored);
	int ok;
	if (a) {
		ok = crypto_pwhash_str_verify(json_string_value(json_object_get(a, "password_hash")), password,
					      strlen(password)) == 0 &&
		     json_integer_value(json_object_get(a, "active"));
	} else {
		/* Spend the same work for an unknown name, so timing does not
		 * tell which names exist. */
		char wasted[crypto_pwhash_STRBYTES];
		hash_password(password, wasted, &ignored);
		ok = 0;
	}
	if (!ok) {
		meter_add(METER_SIGNIN_FAILURES, 1);
		store_login_failure_add(st, by_name, &ignored);
		store_login_failure_add(st, by_address, &ignored);
		json_decref(a);
		rc = err_set(err, ERR_UNAUTHORIZED, "", "wrong account name or password");
		goto out;
	}
	fill_principal(a, who);
	json_decref(a);
	/* Always a new token: a session id known before sign-in is never reused. */
	random_hex(token_out, 32);
	random_hex(who->csrf, 32);
	sha256_hex(token_out, who->session);
	instant(now + AUTH_SESSION_HOURS * 3600, expires);
	rc = store_session_add(st, who->session, who->account_id, who->csrf, address, expires, err);
out:
	free(by_name);
	free(by_address);
	return rc;
}

enum err_code auth_login(struct tracker *tr, const char *name, const char *password,
			 char token_out[AUTH_TOKEN_HEX + 1], struct principal *who, struct err *err)
{
	const char *address = tr->address ? tr->address : "";
	/* Recorded under the name given, whoever else this thread acts for:
	 * the store's own scope, not the principal's (there is none yet). */
	store_audit_begin(tr->store, name, address);
	enum err_code rc = login(tr->store, name, password, address, token_out, who, err);
	store_audit_end(tr->store);
	return rc;
}

static int looks_like_token(const char *t, size_t len)
{
	return t && strlen(t) == len && strspn(t, "0123456789abcdef") == len;
}

enum err_code auth_session(struct tracker *tr, const char *token, struct principal *who, struct err *err)
{
	struct store *st = tr->store;
	if (!looks_like_token(token, AUTH_TOKEN_HEX))
		return err_set(err, ERR_UNAUTHORIZED, "", "sign in first");
	char hash[65], now[21];
	sha256_hex(token, hash);
	instant(time(NULL), now);
	struct err why = {0};
	json_t *s = store_session_get(st, hash, now, &why);
	json_t *a = s ? store_account_by_id(st, json_integer_value(json_object_get(s, "account_id")), &why) : NULL;
	enum err_code rc = ERR_OK;
	if (!a && why.code != ERR_NOT_FOUND) {
		/* The database failed, not the session: say so (503), never "sign in". */
		rc = err_set(err, why.code, "", "%s", why.message);
	} else if (!a) {
		rc = err_set(err, ERR_UNAUTHORIZED, "", "the session has ended; sign in again");
	} else {
		fill_principal(a, who);
		snprintf(who->csrf, sizeof who->csrf, "%s", json_string_value(json_object_get(s, "csrf")));
		memcpy(who->session, hash, sizeof who->session);
	}
	json_decref(s);
	json_decref(a);
	return rc;
}

enum err_code auth_bearer(struct tracker *tr, const char *token, struct principal *who, struct err *err)
{
	struct store *st = tr->store;
	if (!token || strncmp(token, "cchc_", 5) != 0 || !looks_like_token(token + 5, AUTH_TOKEN_HEX))
		return err_set(err, ERR_UNAUTHORIZED, "", "unknown API token");
	char hash[65];
	sha256_hex(token, hash);
	struct err why = {0};
	json_t *t = store_token_get(st, hash, &why);
	json_t *a = t ? store_account_by_id(st, json_integer_value(json_object_get(t, "account_id")), &why) : NULL;
	enum err_code rc = ERR_OK;
	if (!a && why.code != ERR_NOT_FOUND) {
		rc = err_set(err, why.code, "", "%s", why.message);
	} else if (!a) {
		rc = err_set(err, ERR_UNAUTHORIZED, "", "unknown or revoked API token");
	} else {
		/* A token acts for its own unit and role, whatever else the account holds. */
		fill_principal(a, who);
		who->unit_id = json_integer_value(json_object_get(t, "unit_id"));
		who->roles = auth_role_bit(json_string_value(json_object_get(t, "role")));
		who->by_token = 1;
	}
	json_decref(t);
	json_decref(a);
	return rc;
}

enum err_code auth_logout(struct tracker *tr, struct err *err)
{
	const struct principal *who = tr->who;
	if (!who || who->by_token || !who->session[0])
		return ERR_OK;
	tracker_attribution_begin(tr);
	enum err_code rc = store_session_end(tr->store, who->session, err);
	tracker_attribution_end(tr);
	return rc;
}

enum err_code auth_token_create(struct tracker *tr, const char *name, const char *unit_code, const char *role,
				const char *label, char token_out[AUTH_TOKEN_HEX + 6], struct err *err)
{
	struct store *st = tr->store;
	json_t *a = account_named(tr, name, err);
	if (!a)
		return err->code;
	enum err_code rc = ERR_OK;
	int64_t unit = unit_code ? store_unit_id_by_code(st, unit_code)
				 : json_integer_value(json_object_get(a, "unit_id"));
	const char *first = json_string_value(json_array_get(json_object_get(a, "roles"), 0));
	const char *r = role ? role : first;
	if (!unit) {
		rc = err_set(err, ERR_INVALID, "unit", "unknown unit '%s'", unit_code);
		goto out;
	}
	/* A token never holds more than its account: the role must be the
	 * account's, and another unit only for roles that are not unit-bound. */
	int has = 0;
	size_t i;
	json_t *v;
	json_array_foreach(json_object_get(a, "roles"), i, v)
		has |= r && strcmp(json_string_value(v), r) == 0;
	if (!has) {
		rc = err_set(err, ERR_INVALID, "role", "the account does not hold the role '%s'", r ? r : "");
		goto out;
	}
	if (unit != json_integer_value(json_object_get(a, "unit_id")) && strcmp(r, "admin") != 0) {
		rc = err_set(err, ERR_INVALID, "unit", "a token acts for its account's own unit");
		goto out;
	}
	char hex[AUTH_TOKEN_HEX + 1], hash[65];
	random_hex(hex, 32);
	snprintf(token_out, AUTH_TOKEN_HEX + 6, "cchc_%s", hex);
	sha256_hex(token_out, hash);
	tracker_attribution_begin(tr);
	rc = store_token_add(st, hash, json_integer_value(json_object_get(a, "id")), unit, r, label, NULL, err);
	tracker_attribution_end(tr);
out:
	json_decref(a);
	return rc;
}

enum err_code auth_token_revoke(struct tracker *tr, int64_t id, struct err *err)
{
	enum err_code rc = auth_require(tr->who, ACT_MANAGE_ACCOUNTS, NULL, err);
	if (rc)
		return rc;
	tracker_attribution_begin(tr);
	rc = store_token_revoke(tr->store, id, err);
	tracker_attribution_end(tr);
	return rc;
}

json_t *auth_tokens(struct tracker *tr, struct err *err)
{
	if (auth_require(tr->who, ACT_MANAGE_ACCOUNTS, NULL, err))
		return NULL;
	return store_tokens(tr->store, 0, err);
}

int64_t auth_home_unit(const struct principal *who)
{
	const unsigned own = ROLE_UNIT_OFFICER | ROLE_UNIT_HEAD;
	return who->unit_id > 0 && who->roles && !(who->roles & ~own) ? who->unit_id : 0;
}

json_t *auth_principal_json(struct tracker *tr, const struct principal *who)
{
	json_t *roles = json_array();
	for (unsigned bit = 1; bit <= ROLE_VIEWER; bit <<= 1)
		if (who->roles & bit)
			json_array_append_new(roles, json_string(auth_role_name(bit)));
	json_t *out = json_pack("{s:s, s:I, s:o, s:s?, s:I}", "name", who->name, "unit_id", (json_int_t)who->unit_id,
				"roles", roles, "csrf", who->csrf[0] ? who->csrf : NULL,
				"home_unit", (json_int_t)auth_home_unit(who));
	/* The unit's code and name are a courtesy for the page: without them
	 * the answer still says who is signed in. */
	struct err ignored;
	json_t *unit = store_unit_get(tr->store, who->unit_id, &ignored);
	if (unit) {
		json_object_set(out, "unit_code", json_object_get(unit, "code"));
		json_object_set(out, "unit_name", json_object_get(unit, "name"));
		json_decref(unit);
	}
	return out;
}
