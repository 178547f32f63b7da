/* The permission table and the password rules, without a database. */
#include "base/base.h"
#include "domain/auth.h"
#include "test.h"

static struct principal as(unsigned roles, int64_t unit)
{
	struct principal p = {.account_id = 1, .unit_id = unit, .roles = roles};
	snprintf(p.name, sizeof p.name, "t");
	return p;
}

static void test_scopes(void)
{
	struct permit_target own = {.unit_id = 10, .field_lead_unit_id = 3};
	struct permit_target other = {.unit_id = 11, .field_lead_unit_id = 4};
	struct principal officer = as(ROLE_UNIT_OFFICER, 10), lead = as(ROLE_LEAD_AGENCY, 3);
	struct principal admin = as(ROLE_ADMIN, 1), viewer = as(ROLE_VIEWER, 1);
	CHECK(auth_permits(&officer, ACT_REPORT, &own));
	CHECK(!auth_permits(&officer, ACT_REPORT, &other));
	CHECK(!auth_permits(&admin, ACT_REPORT, &own));
	CHECK(auth_permits(&lead, ACT_WRITE_TASK, &own));
	CHECK(!auth_permits(&lead, ACT_WRITE_TASK, &other));
	CHECK(!auth_permits(&lead, ACT_WRITE_TASK, NULL));
	CHECK(auth_permits(&admin, ACT_WRITE_TASK, NULL));
	CHECK(auth_permits(&viewer, ACT_READ, NULL));
	CHECK(!auth_permits(&viewer, ACT_READ_REPORTS, &own));
	CHECK(!auth_may(&viewer, ACT_REPORT));
	CHECK(auth_may(&officer, ACT_REPORT));
	/* Roles add up: an officer who also leads a field writes its tasks. */
	struct principal both = as(ROLE_UNIT_OFFICER | ROLE_LEAD_AGENCY, 3);
	CHECK(auth_permits(&both, ACT_WRITE_TASK, &own));
	/* A target with no unit never matches an own-unit scope (unit 0). */
	struct principal nobody = as(ROLE_UNIT_OFFICER, 0);
	struct permit_target none = {0};
	CHECK(!auth_permits(&nobody, ACT_REPORT, &none));
	/* NULL is the system itself. */
	CHECK(auth_permits(NULL, ACT_AUDIT_EXPORT, NULL));
	struct err e;
	CHECK_INT(auth_require(&viewer, ACT_AUDIT_EXPORT, NULL, &e), ERR_FORBIDDEN);
}

static void test_roles(void)
{
	CHECK_INT(auth_role_bit("unit_head"), ROLE_UNIT_HEAD);
	CHECK_INT(auth_role_bit("root"), 0);
	CHECK_STR(auth_role_name(ROLE_INSPECTOR), "inspector");
}

static void test_passwords(void)
{
	struct err e;
	CHECK_INT(auth_password_ok("short", "an", "01822", "Xã Đức Long", &e), ERR_INVALID);
	CHECK_INT(auth_password_ok("a-long-enough-one", "an", "01822", "Xã Đức Long", &e), ERR_OK);
	CHECK_INT(auth_password_ok("my-nguyenvan-pw1", "nguyenvan", "01822", "Xã Đức Long", &e), ERR_INVALID);
	CHECK_INT(auth_password_ok("pw-of-01822-here", "an", "01822", "Xã Đức Long", &e), ERR_INVALID);
	/* The unit's name hides without diacritics or spaces too. */
	CHECK_INT(auth_password_ok("I-love-DUCLONG-1", "an", "01822", "Xã Đức Long", &e), ERR_INVALID);
	CHECK_INT(auth_password_ok("xa duc long 2026", "an", "01822", "Xã Đức Long", &e), ERR_INVALID);
	char pw[21];
	auth_random_password(pw);
	CHECK_INT(strlen(pw), 20);
	CHECK_INT(auth_password_ok(pw, "admin", "04", "Ủy ban nhân dân tỉnh Cao Bằng", &e), ERR_OK);
}

int main(void)
{
	RUN(test_scopes);
	RUN(test_roles);
	RUN(test_passwords);
	return test_summary();
}
