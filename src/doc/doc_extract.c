/*
 * doc_extract.c — phrase-level readers for the document parser: who a task
 * is for (units, lead, cooperating units) and the documents a text cites
 * (deadlines are in doc_deadline.c).  Every scan is bounded by the text
 * length times a constant, so no input can make them slow.
 */
#include "base/base.h"
#include "base/date.h"
#include "doc/doc_int.h"

#include <stdlib.h>
#include <string.h>

#define MAX_UNITS 64

/* ---- unit names ---- */

/* Words that open a unit or a group of units (lowercase; matched on lc). */
static const char *const unit_heads[] = {
	"sở ", "ủy ban", "uỷ ban", "ubnd", "văn phòng", "ban ", "báo ", "đài ",
	"công an", "bộ chỉ huy", "bộ đội", "trung tâm", "thanh tra", "kho bạc",
	"cục ", "chi cục", "hội ", "hội liên hiệp", "liên đoàn", "tỉnh đoàn",
	"tỉnh ủy", "tỉnh uỷ", "mặt trận", "bảo hiểm", "ngân hàng", "trường ",
	"bệnh viện", "phòng ", "chủ tịch", "phó chủ tịch", "thủ trưởng", "giám đốc",
	"chánh ", "cơ quan", "hội đồng", "viện ", "công ty", "tòa án", "toà án",
	"đảng ủy", "hđnd", "ubmttq", "cổng ", "tổ ", "đoàn ", "hiệu trưởng",
	"người đứng đầu", "vp ", "bch ", "trưởng ", "ủy viên", "công chức ", "bộ phận ", "trạm ",
	"các sở", "các cơ quan", "các đơn vị", "các địa phương", "các xã", "các huyện",
	"các ban", "các phòng", "các tổ chức", "các thành viên", "các hội", "các trường",
	"các tổ ", "các ủy ban", "các doanh nghiệp", "các cấp", "các ngành",
	/* below the commune: villages and urban quarters */
	"các thôn", "các ấp", "các bản", "các khu phố", "các tổ dân phố", "các khóm",
};

/* Openings that look like a unit head but start a verb or a common noun. */
static const char *const not_heads[] = {
	"báo cáo", "ban hành", "phòng chống", "phòng, chống", "phòng ngừa", "tổ chức",
	"hội nghị", "hội thảo", "hội thi", "trường hợp", "cơ quan nào", "đoàn kết",
	"tổ hợp", "chánh án",
};

bool doc_unit_start(const char *s, const char *lc, size_t len)
{
	(void)s;
	for (size_t i = 0; i < ARRAY_LEN(not_heads); i++)
		if (doc_has_prefix(lc, len, not_heads[i]))
			return false;
	for (size_t i = 0; i < ARRAY_LEN(unit_heads); i++)
		if (doc_has_prefix(lc, len, unit_heads[i]))
			return true;
	return false;
}

/* Department names that hold "," or " và " themselves. */
static const char *const compound_names[] = {
	"văn hóa, thể thao và du lịch", "văn hoá, thể thao và du lịch",
	"khoa học và công nghệ", "giáo dục và đào tạo", "tài nguyên và môi trường",
	"nông nghiệp và phát triển nông thôn", "nông nghiệp và môi trường",
	"lao động - thương binh và xã hội", "lao động, thương binh và xã hội",
	"dân tộc và tôn giáo", "thông tin và truyền thông", "kế hoạch và đầu tư",
	"phát thanh và truyền hình", "giao thông vận tải", "xây dựng và giao thông",
};

static size_t skip_spaces(const char *s, size_t len, size_t i)
{
	while (i < len && s[i] == ' ')
		i++;
	return i;
}

/* Pushes s[a..b) trimmed of spaces and list punctuation, if anything is left. */
static void push_piece(struct doc_strs *out, const char *s, size_t a, size_t b)
{
	while (a < b && (s[a] == ' ' || s[a] == ',' || s[a] == ';'))
		a++;
	while (b > a && strchr(" ,;.:", s[b - 1]))
		b--;
	if (b > a)
		strs_push(out, xstrndup(s + a, b - a));
}

/* "các sở: Nội vụ, Tư pháp và Khoa học và Công nghệ" → "Sở Nội vụ", ... */
static bool expand_list(const char *s, const char *lc, size_t len, struct doc_strs *out)
{
	const char *kind = NULL;
	size_t i;
	if (doc_has_prefix(lc, len, "các sở"))
		kind = "Sở ", i = strlen("các sở");
	else
		return false;
	if (i < len && s[i] == ':')
		i++;
	else if (!(i + 1 < len && s[i] == ' ' && doc_starts_upper(s + i + 1, len - i - 1)))
		return false;	/* "các sở, ban, ngành" is a group, not a list */
	i = skip_spaces(s, len, i);
	size_t before = out->n;
	while (i < len) {
		size_t end = NPOS;
		for (size_t k = 0; k < ARRAY_LEN(compound_names); k++)
			if (doc_has_prefix(lc + i, len - i, compound_names[k])) {
				end = i + strlen(compound_names[k]);
				break;
			}
		if (end == NPOS) {
			end = i;
			while (end < len && s[end] != ',' && s[end] != ';' &&
			       !(end + 5 <= len && memcmp(lc + end, " và ", 5) == 0))
				end++;
		}
		size_t a = i, b = end;
		while (b > a && strchr(" ,;.:", s[b - 1]))
			b--;
		if (b > a && out->n < MAX_UNITS)
			strs_push(out, xasprintf("%s%.*s", kind, (int)(b - a), s + a));
		i = end;
		if (i < len && (s[i] == ',' || s[i] == ';'))
			i++;
		i = skip_spaces(s, len, i);
		if (doc_has_prefix(lc + i, len - i, "và "))
			i += 4;
	}
	return out->n > before;
}

static void push_unit(struct doc_strs *out, const char *s, const char *lc, size_t a, size_t b)
{
	if (out->n >= MAX_UNITS)
		return;	/* no real list is this long; keeps copies small */
	while (a < b && (s[a] == ' ' || s[a] == ',' || s[a] == ';'))
		a++;
	if (doc_has_prefix(lc + a, b - a, "và "))
		a += 4;
	while (b > a && strchr(" ,;.:", s[b - 1]))
		b--;
	if (b <= a)
		return;
	if (expand_list(s + a, lc + a, b - a, out))
		return;
	/* "Phòng Cải cách hành chính thuộc Sở Nội vụ": the unit is the office;
	 * "các đơn vị thuộc Sở" keeps its parent, which says which units. */
	size_t of = doc_find_word(lc, b, a, "thuộc ");
	if (of != NPOS && !doc_has_prefix(lc + a, b - a, "các ") &&
	    doc_unit_start(s + of + strlen("thuộc "), lc + of + strlen("thuộc "), b - of - strlen("thuộc ")))
		b = of;
	push_piece(out, s, a, b);
}

/*
 * "Văn phòng HĐND và UBND xã", "Văn phòng Đoàn ĐBQH và HĐND tỉnh": one
 * office that serves both bodies, so the " và " after lc[0..len) joins.
 */
static bool one_office(const char *lc, size_t len)
{
	size_t k = skip_spaces(lc, len, 0);
	if (!doc_has_prefix(lc + k, len - k, "văn phòng "))
		return false;
	k += strlen("văn phòng ");
	return doc_has_prefix(lc + k, len - k, "hđnd") || doc_has_prefix(lc + k, len - k, "hội đồng nhân dân") ||
	       doc_has_prefix(lc + k, len - k, "đoàn đbqh") || doc_has_prefix(lc + k, len - k, "đoàn đại biểu");
}

/* "Các thôn, tổ dân phố": a kind of place after a plural group is that group's, not a unit "Tổ ...". */
static bool same_group(const char *lc, size_t start, size_t k, size_t len)
{
	size_t a = skip_spaces(lc, len, start);
	return doc_has_prefix(lc + a, len - a, "các ") && doc_has_prefix(lc + k, len - k, "tổ dân phố");
}

void doc_split_units(const char *s, size_t len, struct doc_strs *out)
{
	char *lc = doc_lower_dup(s, len);
	size_t start = 0, depth = 0;
	bool in_list = false;	/* after "các sở:" commas separate names */
	for (size_t i = 0; i < len; i++) {
		char c = s[i];
		if (c == '(')
			depth++;
		else if (c == ')' && depth)
			depth--;
		if (depth)
			continue;
		if (c == ':' && i >= start + 6 && doc_has_prefix(lc + start + (s[start] == ' '), i - start, "các sở"))
			in_list = true;
		size_t next = NPOS;
		if (c == ';') {
			next = i + 1;
		} else if (c == ',') {
			size_t k = skip_spaces(s, len, i + 1);
			if (!in_list && doc_unit_start(s + k, lc + k, len - k) && !same_group(lc, start, k, len))
				next = i + 1;
		} else if (c == ' ' && i + 4 < len && memcmp(lc + i, " và ", 5) == 0) {
			size_t k = skip_spaces(s, len, i + 5);
			if (doc_unit_start(s + k, lc + k, len - k) && !one_office(lc + start, i - start))
				next = i + 5;
		}
		if (next != NPOS) {
			push_unit(out, s, lc, start, i);
			start = next;
			in_list = false;
		}
	}
	push_unit(out, s, lc, start, len);
	free(lc);
}

/* ---- verbs: where a list of units ends and the work begins ---- */

static const char *const verbs[] = {
	"tăng cường", "tổ chức", "triển khai", "tham mưu", "xây dựng", "rà soát",
	"thực hiện", "hướng dẫn", "kiểm tra", "theo dõi", "đôn đốc", "báo cáo",
	"nghiên cứu", "đẩy mạnh", "tiếp tục", "hoàn thành", "ban hành", "trình ",
	"đánh giá", "tuyên truyền", "cập nhật", "công bố", "duy trì", "nâng cao",
	"chỉ đạo", "quán triệt", "kịp thời", "khẩn trương", "chủ động", "bố trí",
	"đảm bảo", "bảo đảm", "tổng hợp", "cung cấp", "đề xuất", "tập huấn",
	"số hóa", "số hoá", "vận hành", "nâng cấp", "thẩm định", "giải quyết",
	"công khai", "đăng tải", "cắt giảm", "xác định", "lập ", "giám sát",
	"phổ biến", "sắp xếp", "có trách nhiệm", "chịu trách nhiệm", "chủ trì",
	"phối hợp", "để ", "nhằm ", "thường xuyên", "hằng ", "hàng ", "định kỳ",
	"tiến hành", "quản lý", "phát động", "khảo sát", "rút ngắn", "tập trung",
	"nghiêm túc", "thống kê", "xử lý", "chấn chỉnh", "biên soạn", "phát sóng",
	"tiếp nhận", "gửi ", "căn cứ", "quan tâm", "thực thi", "chuẩn bị",
	"hoàn thiện", "ứng dụng", "tích cực", "được giao", "có ", "là ", "phải ",
	"cần ", "sớm ", "trước ", "bồi dưỡng", "kiện toàn", "đề nghị", "tự ", "cử ",
	"thành lập", "được ", "lựa chọn", "niêm yết", "phê duyệt", "đăng ký", "ký ", "làm ",
	"tiếp thu", "kiểm điểm", "khắc phục", "bổ sung", "điều chỉnh", "hỗ trợ", "đánh giá",
	"đẩy nhanh", "lắp đặt", "làm sạch", "ghi nhận", "cấp ", "phát triển", "vận động",
	"đưa ", "mở ", "xem xét", "phân công", "thúc đẩy", "ưu tiên", "huy động", "kết nối",
	"chia sẻ", "tái cấu trúc", "đo lường", "tuân thủ", "phân bổ", "thẩm tra", "tạo điều kiện", "tạo thuận lợi",
};

/* "cấp tỉnh", "cấp xã": the level of a group of units, not the verb "cấp" (issue). */
static bool level_qualifier(const char *lc, size_t len, size_t i)
{
	static const char *const levels[] = {"cấp tỉnh", "cấp xã", "cấp huyện", "cấp cơ sở", "cấp thành phố"};
	for (size_t k = 0; k < ARRAY_LEN(levels); k++)
		if (doc_has_prefix(lc + i, len - i, levels[k]))
			return true;
	return false;
}

/* Unit names whose second word looks like a verb ("Đoàn kiểm tra"). */
static const char *const verb_names[] = {
	"đoàn kiểm tra", "tổ kiểm tra", "đoàn công tác", "ban chỉ đạo", "hội đồng thẩm định",
	"ban quản lý", "tổ giúp việc", "tổ công tác", "hội đồng đánh giá", "tổ thẩm định",
};

static bool verb_at(const char *s, const char *lc, size_t len, size_t i)
{
	uint32_t cp;
	doc_cp(s, len, i, &cp);
	if (doc_cp_is_upper(cp))
		return false;	/* "Cục Thống kê", "Ban Quản lý": part of a name */
	if (level_qualifier(lc, len, i))
		return false;
	for (size_t k = 0; k < ARRAY_LEN(verbs); k++)
		if (doc_has_prefix(lc + i, len - i, verbs[k])) {
			size_t n = strlen(verbs[k]);
			/* Whole words only: "trình" is not "trình độ"'s neighbour "trình,". */
			if (verbs[k][n - 1] == ' ' || i + n == len || lc[i + n] == ' ' ||
			    lc[i + n] == ',' || lc[i + n] == ';' || lc[i + n] == '.' || lc[i + n] == ':')
				return true;
		}
	return false;
}

/* Verbs that carry out work named elsewhere, and the auxiliaries around them. */
bool doc_no_own_work(const char *s, const char *lc, size_t len)
{
	static const char *const carry_out[] = {
		"triển khai", "thực hiện", "tổ chức", "chịu trách nhiệm", "có trách nhiệm", "được giao",
		"được ", "nghiêm túc", "khẩn trương", "chủ động", "tích cực", "kịp thời", "bảo đảm", "đảm bảo",
		"có ", "là ", "phải ", "cần ",
	};
	for (size_t i = 0; i < len; i++) {
		if ((i && lc[i - 1] != ' ') || !verb_at(s, lc, len, i))
			continue;
		size_t k = 0;
		while (k < ARRAY_LEN(carry_out) && !doc_has_prefix(lc + i, len - i, carry_out[k]))
			k++;
		if (k == ARRAY_LEN(carry_out))
			return false;
	}
	return true;
}

/* The end of a cooperating-unit list starting at c. */
static size_t coop_end(const char *s, const char *lc, size_t len, size_t c)
{
	size_t stop = c;
	size_t limit = c + 400 < len ? c + 400 : len;
	while (stop < limit && !strchr(";.:(", lc[stop]))
		stop++;
	/* "... các cơ quan, tổ chức liên quan" — the phrase ends at "liên quan". */
	for (size_t i = c; i + 9 <= stop; i++)
		if (memcmp(lc + i, "liên quan", strlen("liên quan")) == 0)
			return i + strlen("liên quan");
	for (size_t i = c + 1; i < stop; i++)
		if (lc[i - 1] == ' ' && verb_at(s, lc, len, i))
			return i;
	return stop;
}

static size_t after_coop_opening(const char *lc, size_t len, size_t i)
{
	static const char *const openings[] = {"phối hợp với ", "phối hợp cùng ", "phối hợp "};
	for (size_t k = 0; k < ARRAY_LEN(openings); k++)
		if (doc_has_prefix(lc + i, len - i, openings[k]))
			return i + strlen(openings[k]);
	return NPOS;
}

static void read_coop(const char *s, const char *lc, size_t len, size_t c, struct assign *a)
{
	size_t e = coop_end(s, lc, len, c);
	doc_split_units(s + c, e - c, &a->coop);
}

static void assign_from(const char *s, const char *lc, size_t len, struct assign *a)
{
	static const char *const prefixes[] = {
		"đối với ", "về phía ", "trách nhiệm của ", "giao cho ", "đồng ý giao ", "giao ",
		"yêu cầu ", "đề nghị ", "chỉ đạo ", "nhiệm vụ của ",
	};
	memset(a, 0, sizeof(*a));
	size_t p = skip_spaces(s, len, 0);
	/* "UBND tỉnh giao Sở Tài chính chủ trì ...": "giao" ends the issuer's part. */
	size_t gv = doc_find_word(lc, len, p, "giao ");
	if (gv != NPOS && gv > p && gv - p < 48 && doc_unit_start(s + p, lc + p, len - p)) {
		size_t u = gv + strlen("giao ");
		if (doc_has_prefix(lc + u, len - u, "cho "))
			u += strlen("cho ");
		if (doc_unit_start(s + u, lc + u, len - u))
			p = u;
	}
	if (doc_has_prefix(lc + p, len - p, "chủ trì")) {
		/* "Chủ trì, phối hợp với Sở Tư pháp ..." under a heading naming one unit. */
		a->self_lead = true;
		size_t k = p + strlen("chủ trì");
		while (k < len && (s[k] == ',' || s[k] == ' '))
			k++;
		size_t c = after_coop_opening(lc, len, k);
		if (c != NPOS)
			read_coop(s, lc, len, c, a);
		return;
	}
	size_t c = after_coop_opening(lc, len, p);
	if (c != NPOS) {
		read_coop(s, lc, len, c, a);
		return;
	}
	for (size_t k = 0; k < ARRAY_LEN(prefixes); k++) {
		size_t n = strlen(prefixes[k]);
		if (doc_has_prefix(lc + p, len - p, prefixes[k]) &&
		    doc_unit_start(s + p + n, lc + p + n, len - p - n)) {
			a->directed = p == 0 && strcmp(prefixes[k], "chỉ đạo ") == 0;
			p += n;
			break;
		}
	}
	if (!doc_unit_start(s + p, lc + p, len - p)) {
		/* "..., UBND tỉnh giao Sở Nội vụ chủ trì ..." inside a sentence. */
		size_t g = 0;
		for (;;) {
			g = doc_find_word(lc, len, g, "giao ");
			if (g == NPOS)
				return;
			g += strlen("giao ");
			if (doc_has_prefix(lc + g, len - g, "cho "))
				g += 4;
			if (doc_unit_start(s + g, lc + g, len - g))
				break;
		}
		p = g;
	}
	/* The units run until a verb, "chủ trì", a colon or a full stop. */
	size_t q = p, words = 0, skip_to = p;
	for (size_t k = 0; k < ARRAY_LEN(verb_names); k++)
		if (doc_has_prefix(lc + p, len - p, verb_names[k]))
			skip_to = p + strlen(verb_names[k]);
	bool stopped = false;
	for (; q < len; q++) {
		char ch = s[q];
		if (ch == ':' && q >= p + strlen("các sở") && memcmp(lc + q - strlen("các sở"), "các sở", strlen("các sở")) == 0)
			continue;	/* "các sở: Nội vụ, Tư pháp" is still the list */
		if (ch == ':' || ch == '.' || ch == '(') {
			stopped = true;
			break;
		}
		if (q > p && s[q - 1] == ' ') {
			if (++words > 40)
				return;	/* too long for a list of names */
			if (q > skip_to && verb_at(s, lc, len, q)) {
				stopped = true;
				break;
			}
		}
	}
	size_t ue = q;
	while (ue > p && (s[ue - 1] == ' ' || s[ue - 1] == ','))
		ue--;
	if (ue == p)
		return;
	doc_split_units(s + p, ue - p, &a->units);
	size_t rest = skip_spaces(s, len, q);
	if (!stopped || (rest < len && s[rest] == '.' && skip_spaces(s, len, rest + 1) >= len) ||
	    (rest < len && s[rest] == ':' && skip_spaces(s, len, rest + 1) >= len))
		a->whole = true;
	if (doc_has_prefix(lc + rest, len - rest, "chủ trì")) {
		if (a->units.n == 1)
			a->lead = xstrdup(a->units.v[0]);
		size_t k = rest + strlen("chủ trì");
		while (k < len && (s[k] == ',' || s[k] == ' '))
			k++;
		c = after_coop_opening(lc, len, k);
		if (c != NPOS)
			read_coop(s, lc, len, c, a);
	} else {
		c = after_coop_opening(lc, len, rest);
		if (c != NPOS)
			read_coop(s, lc, len, c, a);
	}
}

/*
 * "Rà soát ... (Sở Tư pháp chủ trì; thời hạn: tháng 6/2026).": the lead (or
 * the units that do it) named at the end of the item, in parentheses.
 */
static bool trailing_lead(const char *s, const char *lc, size_t len, struct assign *a)
{
	size_t e = len;
	while (e > 0 && strchr(" .;,/", s[e - 1]))
		e--;
	if (e < 2 || s[e - 1] != ')')
		return false;
	size_t close = e - 1, open = NPOS, depth = 0;
	for (size_t i = close; i-- > 0 && open == NPOS;) {
		if (s[i] == ')')
			depth++;
		else if (s[i] == '(' && depth)
			depth--;
		else if (s[i] == '(')
			open = i;
	}
	if (open == NPOS)
		return false;
	size_t b = skip_spaces(s, close, open + 1);
	if (!doc_unit_start(s + b, lc + b, close - b))
		return false;
	assign_from(s + b, lc + b, close - b, a);
	if (a->units.n && !a->whole)
		return true;	/* the units, then what they do: "... chủ trì", "... thực hiện" */
	assign_free(a);
	return false;
}

void doc_assign(const char *s, const char *lc, size_t len, struct assign *a)
{
	assign_from(s, lc, len, a);
	if (a->units.n || a->self_lead)
		return;
	struct assign end;
	if (!trailing_lead(s, lc, len, &end))
		return;
	if (!end.coop.n)
		strs_copy(&end.coop, &a->coop);
	assign_free(a);
	*a = end;
}

void assign_free(struct assign *a)
{
	strs_free(&a->units);
	strs_free(&a->coop);
	free(a->lead);
	a->lead = NULL;
}

/* ---- references ---- */

static bool symbol_byte(unsigned char c)
{
	return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') ||
	       c == '-' || c == '/' || c >= 0x80;
}

void doc_find_refs(struct doc *d, const char *s, const char *lc, size_t len)
{
	for (size_t i = 0; i < len; i++) {
		if (!doc_digit_at(lc, len, i) || (i && symbol_byte((unsigned char)lc[i - 1])))
			continue;
		size_t k = i;
		while (k < len && k - i < 7 && doc_digit_at(lc, len, k))
			k++;
		if (k - i > 6 || k >= len || lc[k] != '/') {
			while (k < len && doc_digit_at(lc, len, k))
				k++;
			i = k;
			continue;
		}
		size_t ns = i, ne = k;
		size_t ss = k + 1, se = ss;
		bool upper = false;
		while (se < len && se - ss < 48 && symbol_byte((unsigned char)s[se])) {
			uint32_t cp;
			size_t n = doc_cp(s, len, se, &cp);
			if (cp >= 0x80 && !doc_cp_is_letter(cp))
				break;	/* "–" and other punctuation end a symbol */
			if (doc_cp_is_upper(cp))
				upper = true;
			se += n;
		}
		while (se > ss && (s[se - 1] == '-' || s[se - 1] == '/'))
			se--;
		i = se;
		if (!upper || se == ss)
			continue;
		/* The date that usually follows: "... ngày 31/12/2025". */
		int32_t date = DATE_NONE;
		size_t j = skip_spaces(lc, len, se);
		if (doc_has_prefix(lc + j, len - j, "ngày ")) {
			size_t e;
			date = doc_date_at(lc, len, j + strlen("ngày "), &e, 0);
		}
		char *num = xstrndup(s + ns, ne - ns), *sym = xstrndup(s + ss, se - ss);
		size_t r;
		for (r = 0; r < d->n_refs; r++)
			if (strcmp(d->refs[r].number, num) == 0 && strcmp(d->refs[r].symbol, sym) == 0)
				break;
		if (r < d->n_refs) {
			if (d->refs[r].date == DATE_NONE)
				d->refs[r].date = date;
			free(num);
			free(sym);
			continue;
		}
		/* Only one known citation at a time, so duplicates stay cheap: cap the list. */
		if (d->n_refs >= 256) {
			free(num);
			free(sym);
			continue;
		}
		if ((d->n_refs & (d->n_refs - 1)) == 0)
			d->refs = xrealloc(d->refs, (d->n_refs ? d->n_refs * 2 : 1) * sizeof(*d->refs));
		d->refs[d->n_refs].number = num;
		d->refs[d->n_refs].symbol = sym;
		d->refs[d->n_refs].date = date;
		d->n_refs++;
	}
}
