-- 0012: discipline of officials (kỷ luật cán bộ, công chức, viên chức;
-- issue 15).  A case: the official (name, position, unit, group), the act,
-- the findings or tasks behind it, the procedure (review meeting ->
-- disciplinary council -> decision, dates in order), the form of
-- discipline and the decision document.  Cases are restricted: every view
-- and every refused view is written to discipline_view and so to the
-- audit trail (src/store/audit_list.h).

-- Settings an administrator may change, each with its source.
--   decision_days: discovery of the violation to the decision, at most
--     90 days (NĐ 112/2020 and NĐ 172/2025 alike);
--   decision_days_extended: up to 150 days for a complex case needing
--     verification (same sources);
--   home_affairs_unit: the unit (code of data-seed/units-caobang.tsv) that
--     manages officials for the province and so sees every case.
CREATE TABLE discipline_setting (
	key    TEXT PRIMARY KEY,
	value  TEXT NOT NULL,
	source TEXT NOT NULL
);
INSERT INTO discipline_setting VALUES
	('decision_days', '90', 'NĐ 112/2020/NĐ-CP và NĐ 172/2025/NĐ-CP: thời hạn xử lý kỷ luật không quá 90 ngày'),
	('decision_days_extended', '150', 'NĐ 112/2020/NĐ-CP và NĐ 172/2025/NĐ-CP: vụ việc phức tạp được kéo dài không quá 150 ngày'),
	('home_affairs_unit', 'SNV', 'Sở Nội vụ: cơ quan quản lý cán bộ, công chức, viên chức của tỉnh');

-- The forms of discipline, lightest first (seq), per group of officials
-- and per period of law (a decision dated valid_from <= d < valid_to).
-- applies_to: all, leader (holds a post) or non_leader.
--   Công chức from 01/07/2025 (Luật CBCC 2025, NĐ 172/2025): khiển trách,
--     cảnh cáo, cách chức (leaders), buộc thôi việc; giáng chức and hạ
--     bậc lương no longer exist.
--   Cán bộ from 01/07/2025: khiển trách, cảnh cáo, cách chức, bãi nhiệm.
--   Công chức before 01/07/2025 (NĐ 112/2020): kept for old records.
--   Cán bộ before 01/07/2025: the same four forms (Luật CBCC 2008 as
--     amended 2019); unverified against the old decree's text.
--   Viên chức: NĐ 112/2020 as amended by NĐ 71/2023, not replaced by NĐ
--     172; a later Law on Public Employees was not checked.
-- Rows may be added or closed (valid_to) when the law changes.
CREATE TABLE discipline_form (
	code       TEXT NOT NULL,
	grp        TEXT NOT NULL CHECK (grp IN ('can_bo','cong_chuc','vien_chuc')),
	valid_from TEXT NOT NULL,
	valid_to   TEXT,
	seq        BIGINT NOT NULL,
	name       TEXT NOT NULL,
	applies_to TEXT NOT NULL DEFAULT 'all' CHECK (applies_to IN ('all','leader','non_leader')),
	source     TEXT NOT NULL,
	PRIMARY KEY (code, grp, valid_from)
);
INSERT INTO discipline_form VALUES
	('khien_trach', 'cong_chuc', '2025-07-01', NULL, 1, 'Khiển trách', 'all', 'NĐ 172/2025/NĐ-CP'),
	('canh_cao', 'cong_chuc', '2025-07-01', NULL, 2, 'Cảnh cáo', 'all', 'NĐ 172/2025/NĐ-CP'),
	('cach_chuc', 'cong_chuc', '2025-07-01', NULL, 3, 'Cách chức', 'leader', 'NĐ 172/2025/NĐ-CP'),
	('buoc_thoi_viec', 'cong_chuc', '2025-07-01', NULL, 4, 'Buộc thôi việc', 'all', 'NĐ 172/2025/NĐ-CP'),
	('khien_trach', 'can_bo', '2025-07-01', NULL, 1, 'Khiển trách', 'all', 'NĐ 172/2025/NĐ-CP'),
	('canh_cao', 'can_bo', '2025-07-01', NULL, 2, 'Cảnh cáo', 'all', 'NĐ 172/2025/NĐ-CP'),
	('cach_chuc', 'can_bo', '2025-07-01', NULL, 3, 'Cách chức', 'leader', 'NĐ 172/2025/NĐ-CP'),
	('bai_nhiem', 'can_bo', '2025-07-01', NULL, 4, 'Bãi nhiệm', 'all', 'NĐ 172/2025/NĐ-CP'),
	('khien_trach', 'cong_chuc', '2020-11-25', '2025-07-01', 1, 'Khiển trách', 'all', 'NĐ 112/2020/NĐ-CP'),
	('canh_cao', 'cong_chuc', '2020-11-25', '2025-07-01', 2, 'Cảnh cáo', 'all', 'NĐ 112/2020/NĐ-CP'),
	('ha_bac_luong', 'cong_chuc', '2020-11-25', '2025-07-01', 3, 'Hạ bậc lương', 'non_leader', 'NĐ 112/2020/NĐ-CP'),
	('giang_chuc', 'cong_chuc', '2020-11-25', '2025-07-01', 4, 'Giáng chức', 'leader', 'NĐ 112/2020/NĐ-CP'),
	('cach_chuc', 'cong_chuc', '2020-11-25', '2025-07-01', 5, 'Cách chức', 'leader', 'NĐ 112/2020/NĐ-CP'),
	('buoc_thoi_viec', 'cong_chuc', '2020-11-25', '2025-07-01', 6, 'Buộc thôi việc', 'all', 'NĐ 112/2020/NĐ-CP'),
	('khien_trach', 'can_bo', '2020-11-25', '2025-07-01', 1, 'Khiển trách', 'all', 'Luật CBCC 2008 (sửa đổi 2019), chưa đối chiếu'),
	('canh_cao', 'can_bo', '2020-11-25', '2025-07-01', 2, 'Cảnh cáo', 'all', 'Luật CBCC 2008 (sửa đổi 2019), chưa đối chiếu'),
	('cach_chuc', 'can_bo', '2020-11-25', '2025-07-01', 3, 'Cách chức', 'leader', 'Luật CBCC 2008 (sửa đổi 2019), chưa đối chiếu'),
	('bai_nhiem', 'can_bo', '2020-11-25', '2025-07-01', 4, 'Bãi nhiệm', 'all', 'Luật CBCC 2008 (sửa đổi 2019), chưa đối chiếu'),
	('khien_trach', 'vien_chuc', '2020-11-25', NULL, 1, 'Khiển trách', 'all', 'NĐ 112/2020/NĐ-CP, sửa đổi bởi NĐ 71/2023/NĐ-CP'),
	('canh_cao', 'vien_chuc', '2020-11-25', NULL, 2, 'Cảnh cáo', 'all', 'NĐ 112/2020/NĐ-CP, sửa đổi bởi NĐ 71/2023/NĐ-CP'),
	('cach_chuc', 'vien_chuc', '2020-11-25', NULL, 3, 'Cách chức', 'leader', 'NĐ 112/2020/NĐ-CP, sửa đổi bởi NĐ 71/2023/NĐ-CP'),
	('buoc_thoi_viec', 'vien_chuc', '2020-11-25', NULL, 4, 'Buộc thôi việc', 'all', 'NĐ 112/2020/NĐ-CP, sửa đổi bởi NĐ 71/2023/NĐ-CP');

-- status: open -> reviewed (họp kiểm điểm) -> council (Hội đồng kỷ luật)
-- -> decided (quyết định kỷ luật); a step may be skipped where the law
-- allows, with a note saying why.  severity: the scale of finding_severity.
-- decision_due: discovered_on + decision_days (or the extended limit when
-- extension_reason is given).
CREATE TABLE discipline_case (
	id                 BIGINT GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY,
	unit_id            BIGINT NOT NULL REFERENCES unit(id),
	person_name        TEXT NOT NULL,
	position           TEXT NOT NULL,
	grp                TEXT NOT NULL CHECK (grp IN ('can_bo','cong_chuc','vien_chuc')),
	is_leader          BIGINT NOT NULL CHECK (is_leader IN (0, 1)),
	act                TEXT NOT NULL,
	severity           TEXT NOT NULL REFERENCES finding_severity(code),
	occurred_on        TEXT NOT NULL,
	discovered_on      TEXT NOT NULL CHECK (discovered_on >= occurred_on),
	decision_due       TEXT NOT NULL,
	extension_reason   TEXT,
	status             TEXT NOT NULL DEFAULT 'open'
	                   CHECK (status IN ('open','reviewed','council','decided')),
	review_on          TEXT,
	review_note        TEXT,
	council_on         TEXT,
	council_note       TEXT,
	decision_on        TEXT,
	decision_note      TEXT,
	decision_number    TEXT,
	decision_issuer    TEXT,
	form               TEXT,
	created_at         TEXT NOT NULL,
	created_by         TEXT NOT NULL
);
CREATE INDEX discipline_case_unit ON discipline_case(unit_id);

-- The findings or tasks behind a case: exactly one of the two per row.
CREATE TABLE discipline_link (
	id         BIGINT GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY,
	case_id    BIGINT NOT NULL REFERENCES discipline_case(id),
	finding_id BIGINT REFERENCES finding(id),
	task_id    BIGINT REFERENCES task(id),
	CHECK ((finding_id IS NULL) <> (task_id IS NULL))
);
CREATE INDEX discipline_link_case ON discipline_link(case_id);

-- Who looked at cases, and who was refused: one row per answer (a single
-- case, or a list with the ids it showed).  case_id has no foreign key: a
-- refused look at an unknown id is recorded too.
CREATE TABLE discipline_view (
	id        BIGINT GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY,
	case_id   BIGINT,
	shown     TEXT NOT NULL,
	viewed_at TEXT NOT NULL,
	viewer    TEXT NOT NULL
);
CREATE TABLE discipline_view_refused (
	id        BIGINT GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY,
	case_id   BIGINT,
	viewed_at TEXT NOT NULL,
	viewer    TEXT NOT NULL
);
