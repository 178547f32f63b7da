-- 0003: the rules that name the units falling behind in a periodic report,
-- and the thresholds of the suggested rating bands of heads (issue 6).
-- Kept as data so that an administrator changes them through the API
-- (GET/PUT /api/v1/report-rules) without a new build.  params is a JSON
-- object whose keys each rule documents in docs/api.md.

CREATE TABLE report_rule (
	code       TEXT PRIMARY KEY,
	kind       TEXT NOT NULL CHECK (kind IN ('behind','band')),
	seq        BIGINT NOT NULL,
	enabled    BIGINT NOT NULL DEFAULT 1 CHECK (enabled IN (0,1)),
	name       TEXT NOT NULL,
	params     TEXT NOT NULL CHECK (json_valid(params)),
	updated_by TEXT,
	updated_at TEXT
);

INSERT INTO report_rule(code, kind, seq, name, params) VALUES
 ('overdue_days', 'behind', 1, 'Nhiệm vụ quá hạn lâu', '{"days": 30, "min_count": 1}'),
 ('on_time_rate', 'behind', 2, 'Tỷ lệ hoàn thành đúng hạn thấp', '{"min_rate": 0.8, "min_due": 3}'),
 ('indicator_not_met', 'behind', 3, 'Chỉ tiêu không đạt', '{}'),
 ('indicator_regressed', 'behind', 4, 'Chỉ tiêu đã đạt nay giảm', '{}'),
 ('unit_report', 'behind', 5, 'Báo cáo định kỳ chậm hoặc không nộp', '{"grace_days": 10}'),
 ('xuat_sac', 'band', 1, 'Hoàn thành xuất sắc nhiệm vụ',
  '{"min_on_time_rate": 0.9, "max_overdue": 0, "max_indicators_not_met": 0}'),
 ('tot', 'band', 2, 'Hoàn thành tốt nhiệm vụ',
  '{"min_on_time_rate": 0.8, "max_overdue": 2, "max_indicators_not_met": 1}'),
 ('hoan_thanh', 'band', 3, 'Hoàn thành nhiệm vụ',
  '{"min_on_time_rate": 0.5}');

