-- 0016: discipline rules and documents (issue 15): the statute of
-- limitations by group and period of law, pausing and resuming a case
-- (the decision_due clock moves by the days paused), exemption, the
-- setting behind the repeat rule, and uploaded documents: the decision of
-- a case and the conclusion notice of an inspection.

-- Statute of limitations (thời hiệu) per group and period of law, chosen
-- by the case's discovery date (valid_from <= discovered_on < valid_to).
-- kind: khien_trach (a violation warranting khiển trách), other (the rest),
-- or a kind with no limitation (years NULL).  Sources:
--   NĐ 112/2020/NĐ-CP as amended by NĐ 71/2023/NĐ-CP: 5 years for
--     khiển trách, 10 for the rest; none for the four kinds listed.
--   Cán bộ, công chức from 01/07/2025 (NĐ 172/2025/NĐ-CP): NOT CONFIRMED;
--     the values of NĐ 112 are kept until the decree's text is checked.
--   Viên chức: NĐ 112/2020 as amended, not replaced by NĐ 172.
-- An administrator may change years or add a period when the law changes.
CREATE TABLE discipline_limitation (
	grp        TEXT NOT NULL CHECK (grp IN ('can_bo','cong_chuc','vien_chuc')),
	valid_from TEXT NOT NULL,
	valid_to   TEXT,
	kind       TEXT NOT NULL,
	years      INTEGER CHECK (years > 0),
	name       TEXT NOT NULL,
	source     TEXT NOT NULL,
	PRIMARY KEY (grp, valid_from, kind)
) STRICT, WITHOUT ROWID;
INSERT INTO discipline_limitation(grp, valid_from, valid_to, kind, years, name, source)
SELECT g.column1, g.column2, g.column3, k.column1, k.column2, k.column3, g.column4
FROM (VALUES
	('cong_chuc', '2020-11-25', '2025-07-01', 'NĐ 112/2020/NĐ-CP, sửa đổi bởi NĐ 71/2023/NĐ-CP'),
	('can_bo', '2020-11-25', '2025-07-01', 'NĐ 112/2020/NĐ-CP, sửa đổi bởi NĐ 71/2023/NĐ-CP'),
	('cong_chuc', '2025-07-01', NULL, 'NĐ 172/2025/NĐ-CP: chưa xác nhận, tạm giữ giá trị của NĐ 112/2020 (sửa đổi bởi NĐ 71/2023)'),
	('can_bo', '2025-07-01', NULL, 'NĐ 172/2025/NĐ-CP: chưa xác nhận, tạm giữ giá trị của NĐ 112/2020 (sửa đổi bởi NĐ 71/2023)'),
	('vien_chuc', '2020-11-25', NULL, 'NĐ 112/2020/NĐ-CP, sửa đổi bởi NĐ 71/2023/NĐ-CP')) g
CROSS JOIN (VALUES
	('khien_trach', 5, 'Vi phạm đến mức khiển trách'),
	('other', 10, 'Vi phạm đến mức cảnh cáo trở lên'),
	('party_expulsion', NULL, 'Đảng viên vi phạm đến mức khai trừ'),
	('political_protection', NULL, 'Vi phạm quy định về công tác bảo vệ chính trị nội bộ'),
	('national_interest', NULL, 'Xâm hại lợi ích quốc gia trong quốc phòng, an ninh, đối ngoại'),
	('false_degree', NULL, 'Sử dụng văn bằng, chứng chỉ giả hoặc không hợp pháp')) k;

-- Why a case is paused (chưa xem xét xử lý kỷ luật, NĐ 172/2025) or
-- exempt (miễn kỷ luật, NĐ 172/2025: six cases, three captured; 'other'
-- needs a note naming the case).
CREATE TABLE discipline_reason (
	kind   TEXT NOT NULL CHECK (kind IN ('pause','exempt')),
	code   TEXT NOT NULL,
	name   TEXT NOT NULL,
	source TEXT NOT NULL,
	PRIMARY KEY (kind, code)
) STRICT, WITHOUT ROWID;
INSERT INTO discipline_reason VALUES
	('pause', 'illness', 'Đang điều trị bệnh hiểm nghèo, mất khả năng nhận thức hoặc điều trị nội trú', 'NĐ 172/2025/NĐ-CP'),
	('pause', 'maternity', 'Đang mang thai, nghỉ thai sản, nuôi con dưới 12 tháng tuổi', 'NĐ 172/2025/NĐ-CP'),
	('pause', 'prosecution', 'Đang bị khởi tố, tạm giữ, tạm giam chờ kết luận của cơ quan có thẩm quyền', 'NĐ 172/2025/NĐ-CP'),
	('exempt', 'lost_capacity', 'Được cơ quan có thẩm quyền xác nhận mất năng lực hành vi dân sự khi vi phạm', 'NĐ 172/2025/NĐ-CP'),
	('exempt', 'superior_order', 'Thực hiện quyết định của cấp trên theo khoản 5 Điều 7 Luật Cán bộ, công chức 2025', 'NĐ 172/2025/NĐ-CP'),
	('exempt', 'force_majeure', 'Tình thế cấp thiết, sự kiện bất khả kháng hoặc trở ngại khách quan được xác nhận', 'NĐ 172/2025/NĐ-CP'),
	('exempt', 'other', 'Trường hợp khác được miễn theo NĐ 172/2025 (ghi rõ trong ghi chú)', 'NĐ 172/2025/NĐ-CP');

-- repeat_in_force_months: how long a decision counts as "in force" for
-- the repeat rule (a new violation meanwhile: one form heavier).  12
-- months is the restriction that followed khiển trách and cảnh cáo under
-- the 2019 law; the 2025 law's values were not confirmed.
INSERT INTO discipline_setting VALUES
	('repeat_in_force_months', '12', 'Luật CBCC 2008 sửa đổi 2019: 12 tháng kể từ ngày quyết định có hiệu lực; chưa xác nhận theo Luật CBCC 2025');

-- The case's limitation (kind, the last day a decision may be made, NULL
-- for none or for a case opened before this rule), a decision made after
-- it with the reason given, the pause in course and the exemption.
ALTER TABLE discipline_case ADD COLUMN limitation_kind TEXT;
ALTER TABLE discipline_case ADD COLUMN limitation_until TEXT;
ALTER TABLE discipline_case ADD COLUMN limitation_override TEXT;
ALTER TABLE discipline_case ADD COLUMN paused_since TEXT;
ALTER TABLE discipline_case ADD COLUMN pause_reason TEXT;
ALTER TABLE discipline_case ADD COLUMN exempt_on TEXT;
ALTER TABLE discipline_case ADD COLUMN exempt_reason TEXT;

-- Pauses, resumptions and exemptions as they happened; days: on a
-- resumption, the days paused, by which decision_due moved.
CREATE TABLE discipline_event (
	id       INTEGER PRIMARY KEY,
	case_id  INTEGER NOT NULL REFERENCES discipline_case(id),
	kind     TEXT NOT NULL CHECK (kind IN ('pause','resume','exempt')),
	on_date  TEXT NOT NULL,
	reason   TEXT,
	note     TEXT,
	days     INTEGER,
	at       TEXT NOT NULL,
	by_actor TEXT NOT NULL
) STRICT;
CREATE INDEX discipline_event_case ON discipline_event(case_id);

-- Uploaded documents: a case's decision (quyết định kỷ luật) and an
-- inspection's conclusion notice (Thông báo kết luận kiểm tra), stored
-- once by content with the report evidence (DATA_DIR/evidence).
CREATE TABLE discipline_document (
	id          INTEGER PRIMARY KEY,
	case_id     INTEGER NOT NULL REFERENCES discipline_case(id),
	sha256      TEXT NOT NULL CHECK (length(sha256) = 64),
	filename    TEXT NOT NULL,
	mime        TEXT NOT NULL,
	size        INTEGER NOT NULL,
	uploaded_at TEXT NOT NULL,
	uploaded_by TEXT NOT NULL
) STRICT;
CREATE INDEX discipline_document_case ON discipline_document(case_id);
CREATE TABLE inspection_document (
	id            INTEGER PRIMARY KEY,
	inspection_id INTEGER NOT NULL REFERENCES inspection(id),
	sha256        TEXT NOT NULL CHECK (length(sha256) = 64),
	filename      TEXT NOT NULL,
	mime          TEXT NOT NULL,
	size          INTEGER NOT NULL,
	uploaded_at   TEXT NOT NULL,
	uploaded_by   TEXT NOT NULL
) STRICT;
CREATE INDEX inspection_document_inspection ON inspection_document(inspection_id);
