"""Words and names for benchmarks/synth.py: provinces, ministries, laws, topics and filler sentences.

Everything here is data. Names of people are made up; laws, provinces and ministries are real, with the dates
and numbers they were passed under, so that a synthetic "Căn cứ Luật Đất đai ngày 18 tháng 01 năm 2024" reads
like a real one. Topic phrases avoid the verbs that state a relation ("thực hiện", "hướng dẫn", "sửa đổi",
"bổ sung", "thay thế", "bãi bỏ", "thi hành", "theo" …): they stand next to citations, where such a verb would
change what the sentence says about them (tests/test_synth.py checks it).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

# ------------------------------------------------------------------------------------------------------------
# Places

# (name, is a centrally-run city). Before the 2025 mergers: 63 units.
PROVINCES: tuple[tuple[str, bool], ...] = (
    ("Hồ Chí Minh", True), ("Hà Nội", True), ("Hải Phòng", True), ("Đà Nẵng", True), ("Cần Thơ", True),
    ("Thanh Hóa", False), ("Nghệ An", False), ("Đồng Nai", False), ("Bình Dương", False), ("An Giang", False),
    ("Quảng Ninh", False), ("Kiên Giang", False), ("Đắk Lắk", False), ("Long An", False), ("Tiền Giang", False),
    ("Bắc Giang", False), ("Hải Dương", False), ("Thái Bình", False), ("Nam Định", False), ("Gia Lai", False),
    ("Bình Định", False), ("Lâm Đồng", False), ("Quảng Nam", False), ("Bắc Ninh", False), ("Đồng Tháp", False),
    ("Thái Nguyên", False), ("Phú Thọ", False), ("Hà Tĩnh", False), ("Khánh Hòa", False), ("Bến Tre", False),
    ("Sơn La", False), ("Thừa Thiên Huế", False), ("Quảng Ngãi", False), ("Vĩnh Phúc", False),
    ("Bà Rịa - Vũng Tàu", False), ("Cà Mau", False), ("Sóc Trăng", False), ("Tây Ninh", False),
    ("Bình Thuận", False), ("Vĩnh Long", False), ("Trà Vinh", False), ("Hưng Yên", False), ("Ninh Bình", False),
    ("Bình Phước", False), ("Bạc Liêu", False), ("Quảng Bình", False), ("Hậu Giang", False), ("Hòa Bình", False),
    ("Lào Cai", False), ("Hà Giang", False), ("Tuyên Quang", False), ("Phú Yên", False), ("Yên Bái", False),
    ("Hà Nam", False), ("Lạng Sơn", False), ("Quảng Trị", False), ("Điện Biên", False), ("Ninh Thuận", False),
    ("Đắk Nông", False), ("Cao Bằng", False), ("Kon Tum", False), ("Lai Châu", False), ("Bắc Kạn", False),
)  # fmt: skip

# Two syllables make a district name ("Yên Định", "Phú Lộc"): real names are mostly built this way.
DISTRICT_FIRST = ("Yên", "Tân", "Phú", "Bình", "An", "Hòa", "Thạch", "Vĩnh", "Đức", "Long", "Thanh", "Quảng",
                  "Hương", "Cẩm", "Kim", "Hưng", "Mỹ", "Xuân", "Lạc", "Thọ", "Nghĩa", "Hoài", "Triệu", "Đông")  # fmt: skip
DISTRICT_SECOND = ("Định", "Lộc", "Sơn", "Thủy", "Thành", "Phong", "Hà", "Lâm", "Xuyên", "Giang", "Điền",
                   "Ninh", "Khê", "Mỹ", "Châu", "Phước", "Trạch", "Hải", "Lợi", "Thuận", "Nguyên", "Bắc")  # fmt: skip

# ------------------------------------------------------------------------------------------------------------
# People

SURNAMES = ("Nguyễn", "Trần", "Lê", "Phạm", "Hoàng", "Huỳnh", "Phan", "Vũ", "Võ", "Đặng", "Bùi", "Đỗ", "Hồ",
            "Ngô", "Dương", "Lý", "Đinh", "Trương", "Lâm", "Mai", "Tô", "Hà", "Cao", "Lương")  # fmt: skip
MIDDLE_NAMES = ("Văn", "Thị", "Hữu", "Đức", "Minh", "Thanh", "Quốc", "Ngọc", "Xuân", "Hồng", "Thị Thu",
                "Công", "Đình", "Anh", "Quang", "Hoài", "Kim", "Trọng", "Tiến", "Thị Mai")  # fmt: skip
GIVEN_NAMES = ("Hùng", "Dũng", "Tuấn", "Hải", "Lan", "Hoa", "Trinh", "Thắng", "Cường", "Linh", "Hòa", "Hương",
               "Phương", "Sơn", "Thảo", "Tâm", "Nam", "Bình", "Long", "Khánh", "Thành", "Trung", "Vinh",
               "Quân", "Hiếu", "Nga", "Yến", "Tùng", "Toàn", "Lợi", "Châu", "Việt", "Đông", "Phúc", "Hạnh")  # fmt: skip

# ------------------------------------------------------------------------------------------------------------
# National bodies


@dataclass(frozen=True)
class Ministry:
    code: str  # in số ký hiệu: "BTC" in "56/2024/TT-BTC", "BTC-TCT" in "2130/BTC-TCT"
    name: str
    units: tuple[str, ...]  # unit codes after the ministry code in letters ("TCT", "NSNN" …)


MINISTRIES: tuple[Ministry, ...] = (
    Ministry("BTC", "Bộ Tài chính", ("TCT", "NSNN", "QLCS", "HCSN", "TCHQ")),
    Ministry("BKHĐT", "Bộ Kế hoạch và Đầu tư", ("TH", "KTĐPLT", "QLQH")),
    Ministry("BNV", "Bộ Nội vụ", ("CQĐP", "TCBC", "CCVC", "CCHC")),
    Ministry("BLĐTBXH", "Bộ Lao động - Thương binh và Xã hội", ("VL", "BTXH", "GDNN", "LĐTL")),
    Ministry("BGDĐT", "Bộ Giáo dục và Đào tạo", ("GDTH", "GDTrH", "KHTC", "NGCBQLGD")),
    Ministry("BYT", "Bộ Y tế", ("KCB", "DP", "KHTC", "BH")),
    Ministry("BTNMT", "Bộ Tài nguyên và Môi trường", ("QLĐĐ", "TCMT", "KHTC")),
    Ministry("BXD", "Bộ Xây dựng", ("QLN", "HĐXD", "QHKT")),
    Ministry("BNNPTNT", "Bộ Nông nghiệp và Phát triển nông thôn", ("VPĐP", "TCTL", "KTHT")),
    Ministry("BTTTT", "Bộ Thông tin và Truyền thông", ("CĐSQG", "THH", "BC")),
    Ministry("BTP", "Bộ Tư pháp", ("KTrVB", "PBGDPL", "VĐCXDPL")),
    Ministry("BCT", "Bộ Công Thương", ("ĐTĐL", "TMTN", "CN")),
    Ministry("BGTVT", "Bộ Giao thông vận tải", ("KCHT", "VT", "ATGT")),
    Ministry("BVHTTDL", "Bộ Văn hóa, Thể thao và Du lịch", ("VHCS", "TCDL", "GĐ")),
    Ministry("BKHCN", "Bộ Khoa học và Công nghệ", ("ĐTG", "PC", "KHTC")),
    Ministry("BCA", "Bộ Công an", ("C06", "V03", "C07")),
    Ministry("BQP", "Bộ Quốc phòng", ("TM", "CT")),
    Ministry("NHNN", "Ngân hàng Nhà nước Việt Nam", ("TD", "CSTT")),
    Ministry("TTCP", "Thanh tra Chính phủ", ("PC", "GSTĐ")),
    Ministry("UBDT", "Ủy ban Dân tộc", ("CSDT", "KHTC")),
)


@dataclass(frozen=True)
class Department:
    code: str  # "SLĐTBXH"
    name: str  # "Sở Lao động - Thương binh và Xã hội"
    header: tuple[str, ...]  # the name as the header prints it, in capitals, over one or two lines
    units: tuple[str, ...]  # unit codes after the department code in letters ("VL" in "345/SLĐTBXH-VL")


DEPARTMENTS: tuple[Department, ...] = (
    Department("SNV", "Sở Nội vụ", ("SỞ NỘI VỤ",), ("TCBC", "CCHC", "XDCQ")),
    Department("SLĐTBXH", "Sở Lao động - Thương binh và Xã hội",
               ("SỞ LAO ĐỘNG - THƯƠNG BINH", "VÀ XÃ HỘI"), ("VL", "BTXH", "GDNN")),
    Department("STC", "Sở Tài chính", ("SỞ TÀI CHÍNH",), ("QLNS", "TCĐT", "QLG")),
    Department("SKHĐT", "Sở Kế hoạch và Đầu tư", ("SỞ KẾ HOẠCH VÀ ĐẦU TƯ",), ("TH", "KTN", "ĐKKD")),
    Department("SGDĐT", "Sở Giáo dục và Đào tạo", ("SỞ GIÁO DỤC VÀ ĐÀO TẠO",), ("GDTrH", "GDMN", "KHTC")),
    Department("SYT", "Sở Y tế", ("SỞ Y TẾ",), ("NVY", "KHTC", "QLD")),
    Department("STNMT", "Sở Tài nguyên và Môi trường", ("SỞ TÀI NGUYÊN", "VÀ MÔI TRƯỜNG"), ("QLĐĐ", "MT", "KS")),
    Department("SXD", "Sở Xây dựng", ("SỞ XÂY DỰNG",), ("QLN", "QLXD", "KTQH")),
    Department("SNNPTNT", "Sở Nông nghiệp và Phát triển nông thôn",
               ("SỞ NÔNG NGHIỆP", "VÀ PHÁT TRIỂN NÔNG THÔN"), ("KHTC", "TL", "PTNT")),
    Department("STTTT", "Sở Thông tin và Truyền thông", ("SỞ THÔNG TIN", "VÀ TRUYỀN THÔNG"), ("CNTT", "BCVT")),
    Department("STP", "Sở Tư pháp", ("SỞ TƯ PHÁP",), ("XDKTVB", "PBGDPL", "HCTP")),
    Department("SCT", "Sở Công Thương", ("SỞ CÔNG THƯƠNG",), ("QLTM", "QLCN")),
    Department("SGTVT", "Sở Giao thông vận tải", ("SỞ GIAO THÔNG VẬN TẢI",), ("QLGT", "KHTC")),
    Department("SVHTTDL", "Sở Văn hóa, Thể thao và Du lịch", ("SỞ VĂN HÓA, THỂ THAO", "VÀ DU LỊCH"), ("QLVH", "QLDL")),
)  # fmt: skip

# Provincial UBND letters carry the code of the office unit that drafted them ("2130/UBND-KGVX").
PROVINCE_UNITS = ("VX", "KGVX", "KT", "KTN", "NC", "TH", "ĐT", "XD", "NNTN", "KTTH")
DISTRICT_UNITS = ("VP", "NV", "TCKH", "LĐTBXH", "TNMT")

# ------------------------------------------------------------------------------------------------------------
# Laws


@dataclass(frozen=True)
class Law:
    family: str  # versions of one law share it: the one in force is cited
    title: str  # "Luật Đất đai"
    passed: date
    number: str | None
    effective: date
    short: str | None = None  # a form with abbreviations that letters use ("Luật Tổ chức HĐND và UBND")
    amends: tuple[str, ...] = ()  # families an amending law amends: its title names them


def _law(family: str, title: str, passed: str, number: str | None, effective: str, **kw: object) -> Law:
    return Law(family, title, date.fromisoformat(passed), number, date.fromisoformat(effective), **kw)  # type: ignore[arg-type]


LAWS: tuple[Law, ...] = (
    _law("hien_phap", "Hiến pháp nước Cộng hòa xã hội chủ nghĩa Việt Nam", "1992-04-15", None, "1992-04-18"),
    _law("hien_phap", "Hiến pháp nước Cộng hòa xã hội chủ nghĩa Việt Nam", "2013-11-28", None, "2014-01-01"),
    _law("tccp", "Luật Tổ chức Chính phủ", "2001-12-25", "32/2001/QH10", "2002-01-10"),
    _law("tccp", "Luật Tổ chức Chính phủ", "2015-06-19", "76/2015/QH13", "2016-01-01"),
    _law("tccp", "Luật Tổ chức Chính phủ", "2025-02-18", "63/2025/QH15", "2025-03-01"),
    _law("cqdp", "Luật Tổ chức Hội đồng nhân dân và Ủy ban nhân dân", "2003-11-26", "11/2003/QH11", "2004-01-01",
         short="Luật Tổ chức HĐND và UBND"),
    _law("cqdp", "Luật Tổ chức chính quyền địa phương", "2015-06-19", "77/2015/QH13", "2016-01-01"),
    _law("cqdp", "Luật Tổ chức chính quyền địa phương", "2025-06-16", "72/2025/QH15", "2025-07-01"),
    _law("sd_cqdp", "Luật sửa đổi, bổ sung một số điều của Luật Tổ chức Chính phủ và Luật Tổ chức chính quyền địa phương",
         "2019-11-22", "47/2019/QH14", "2020-07-01", amends=("tccp", "cqdp")),
    _law("vbqppl_dp", "Luật Ban hành văn bản quy phạm pháp luật của Hội đồng nhân dân, Ủy ban nhân dân",
         "2004-12-03", "31/2004/QH11", "2005-04-01", short="Luật Ban hành văn bản quy phạm pháp luật của HĐND, UBND"),
    _law("vbqppl", "Luật Ban hành văn bản quy phạm pháp luật", "2008-06-03", "17/2008/QH12", "2009-01-01"),
    _law("vbqppl", "Luật Ban hành văn bản quy phạm pháp luật", "2015-06-22", "80/2015/QH13", "2016-07-01"),
    _law("vbqppl", "Luật Ban hành văn bản quy phạm pháp luật", "2025-02-19", "64/2025/QH15", "2025-04-01"),
    _law("sd_vbqppl", "Luật sửa đổi, bổ sung một số điều của Luật Ban hành văn bản quy phạm pháp luật",
         "2020-06-18", "63/2020/QH14", "2021-01-01", amends=("vbqppl",)),
    _law("dat_dai", "Luật Đất đai", "2003-11-26", "13/2003/QH11", "2004-07-01"),
    _law("dat_dai", "Luật Đất đai", "2013-11-29", "45/2013/QH13", "2014-07-01"),
    _law("dat_dai", "Luật Đất đai", "2024-01-18", "31/2024/QH15", "2024-08-01"),
    _law("nsnn", "Luật Ngân sách nhà nước", "2002-12-16", "01/2002/QH11", "2004-01-01"),
    _law("nsnn", "Luật Ngân sách nhà nước", "2015-06-25", "83/2015/QH13", "2017-01-01"),
    _law("dau_tu_cong", "Luật Đầu tư công", "2014-06-18", "49/2014/QH13", "2015-01-01"),
    _law("dau_tu_cong", "Luật Đầu tư công", "2019-06-13", "39/2019/QH14", "2020-01-01"),
    _law("dau_tu_cong", "Luật Đầu tư công", "2024-11-29", "58/2024/QH15", "2025-01-01"),
    _law("quan_ly_thue", "Luật Quản lý thuế", "2006-11-29", "78/2006/QH11", "2007-07-01"),
    _law("quan_ly_thue", "Luật Quản lý thuế", "2019-06-13", "38/2019/QH14", "2020-07-01"),
    _law("phi_le_phi", "Luật Phí và lệ phí", "2015-11-25", "97/2015/QH13", "2017-01-01"),
    _law("lao_dong", "Bộ luật Lao động", "1994-06-23", None, "1995-01-01"),
    _law("lao_dong", "Bộ luật Lao động", "2012-06-18", "10/2012/QH13", "2013-05-01"),
    _law("lao_dong", "Bộ luật Lao động", "2019-11-20", "45/2019/QH14", "2021-01-01"),
    _law("viec_lam", "Luật Việc làm", "2013-11-16", "38/2013/QH13", "2015-01-01"),
    _law("bhxh", "Luật Bảo hiểm xã hội", "2006-06-29", "71/2006/QH11", "2007-01-01"),
    _law("bhxh", "Luật Bảo hiểm xã hội", "2014-11-20", "58/2014/QH13", "2016-01-01"),
    _law("bhxh", "Luật Bảo hiểm xã hội", "2024-06-29", "41/2024/QH15", "2025-07-01"),
    _law("cong_doan", "Luật Công đoàn", "1990-06-30", None, "1990-09-01"),
    _law("cong_doan", "Luật Công đoàn", "2012-06-20", "12/2012/QH13", "2013-01-01"),
    _law("cong_doan", "Luật Công đoàn", "2024-06-27", "50/2024/QH15", "2025-07-01"),
    _law("giao_duc", "Luật Giáo dục", "2005-06-14", "38/2005/QH11", "2006-01-01"),
    _law("giao_duc", "Luật Giáo dục", "2019-06-14", "43/2019/QH14", "2020-07-01"),
    _law("gdnn", "Luật Giáo dục nghề nghiệp", "2014-11-27", "74/2014/QH13", "2015-07-01"),
    _law("kcb", "Luật Khám bệnh, chữa bệnh", "2009-11-23", "40/2009/QH12", "2011-01-01"),
    _law("kcb", "Luật Khám bệnh, chữa bệnh", "2023-01-09", "15/2023/QH15", "2024-01-01"),
    _law("bvmt", "Luật Bảo vệ môi trường", "2005-11-29", "52/2005/QH11", "2006-07-01"),
    _law("bvmt", "Luật Bảo vệ môi trường", "2014-06-23", "55/2014/QH13", "2015-01-01"),
    _law("bvmt", "Luật Bảo vệ môi trường", "2020-11-17", "72/2020/QH14", "2022-01-01"),
    _law("xay_dung", "Luật Xây dựng", "2003-11-26", "16/2003/QH11", "2004-07-01"),
    _law("xay_dung", "Luật Xây dựng", "2014-06-18", "50/2014/QH13", "2015-01-01"),
    _law("quy_hoach", "Luật Quy hoạch", "2017-11-24", "21/2017/QH14", "2019-01-01"),
    _law("thien_tai", "Luật Phòng, chống thiên tai", "2013-06-19", "33/2013/QH13", "2014-05-01"),
    _law("trong_trot", "Luật Trồng trọt", "2018-11-19", "31/2018/QH14", "2020-01-01"),
    _law("cntt", "Luật Công nghệ thông tin", "2006-06-29", "67/2006/QH11", "2007-01-01"),
    _law("gddt", "Luật Giao dịch điện tử", "2005-11-29", "51/2005/QH11", "2006-03-01"),
    _law("gddt", "Luật Giao dịch điện tử", "2023-06-22", "20/2023/QH15", "2024-07-01"),
    _law("can_bo", "Luật Cán bộ, công chức", "2008-11-13", "22/2008/QH12", "2010-01-01"),
    _law("thi_dua", "Luật Thi đua, khen thưởng", "2003-11-26", "15/2003/QH11", "2004-07-01"),
    _law("thi_dua", "Luật Thi đua, khen thưởng", "2022-06-15", "06/2022/QH15", "2024-01-01"),
    _law("cu_tru", "Luật Cư trú", "2006-11-29", "81/2006/QH11", "2007-07-01"),
    _law("cu_tru", "Luật Cư trú", "2020-11-13", "68/2020/QH14", "2021-07-01"),
)  # fmt: skip

# ------------------------------------------------------------------------------------------------------------
# Domains: who governs a field, which laws found it, what documents about it are called and say


@dataclass(frozen=True)
class Domain:
    name: str
    ministry: str  # Ministry.code; "TLĐ" for the trade unions
    department: str  # Department.code; "" when the field has no Sở (trade unions)
    laws: tuple[str, ...]  # law families
    topics: tuple[str, ...]  # what a plan or a letter is about (after "về", "V/v")
    regulations: tuple[str, ...]  # what a normative document regulates (its lineage: amended, replaced)
    tasks: tuple[str, ...]  # what a body is told to do (verb phrases)


DOMAINS: tuple[Domain, ...] = (
    Domain(
        "lao động, việc làm", "BLĐTBXH", "SLĐTBXH", ("lao_dong", "viec_lam", "bhxh", "gdnn"),
        ("phát triển thị trường lao động linh hoạt, hiện đại, hiệu quả, bền vững và hội nhập",
         "tổ chức Tháng hành động về an toàn, vệ sinh lao động",
         "đẩy mạnh công tác giải quyết việc làm cho người lao động",
         "chính sách đối với người lao động bị mất việc làm",
         "công tác giáo dục nghề nghiệp cho lao động nông thôn",
         "đưa người lao động đi làm việc ở nước ngoài có thời hạn",
         "xây dựng quan hệ lao động hài hòa, ổn định và tiến bộ"),
        ("mức hỗ trợ đào tạo nghề cho lao động nông thôn",
         "chính sách hỗ trợ người lao động tìm kiếm việc làm",
         "định mức kinh tế - kỹ thuật trong đào tạo trình độ sơ cấp"),
        ("rà soát, cập nhật thông tin người lao động vào cơ sở dữ liệu thị trường lao động",
         "tổ chức các phiên giao dịch việc làm định kỳ và lưu động",
         "nắm tình hình lao động, việc làm tại các doanh nghiệp trên địa bàn",
         "kiểm tra việc chấp hành pháp luật lao động tại các doanh nghiệp"),
    ),
    Domain(
        "công đoàn", "TLĐ", "", ("cong_doan", "lao_dong"),
        ("tổ chức các hoạt động chăm lo cho đoàn viên, người lao động nhân dịp Tết Nguyên đán",
         "tổ chức “Tết Sum vầy” cho đoàn viên, người lao động",
         "phát triển đoàn viên, thành lập công đoàn cơ sở",
         "tổ chức Tháng Công nhân",
         "đại diện, bảo vệ quyền và lợi ích hợp pháp, chính đáng của đoàn viên"),
        ("quy chế quản lý tài chính, tài sản công đoàn",
         "quy chế khen thưởng của tổ chức công đoàn"),
        ("thăm hỏi, tặng quà đoàn viên, người lao động có hoàn cảnh khó khăn",
         "tổ chức đối thoại tại nơi làm việc giữa người lao động và người sử dụng lao động",
         "vận động người lao động gia nhập tổ chức công đoàn",
         "tổng hợp kiến nghị, đề xuất của đoàn viên, người lao động"),
    ),
    Domain(
        "đất đai", "BTNMT", "STNMT", ("dat_dai",),
        ("công tác bồi thường, hỗ trợ, tái định cư khi Nhà nước thu hồi đất",
         "cấp giấy chứng nhận quyền sử dụng đất lần đầu",
         "lập kế hoạch sử dụng đất hằng năm cấp huyện",
         "xây dựng cơ sở dữ liệu đất đai"),
        ("bảng giá đất trên địa bàn tỉnh",
         "hạn mức giao đất ở tại nông thôn và đô thị",
         "đơn giá bồi thường nhà, công trình xây dựng khi Nhà nước thu hồi đất"),
        ("rà soát hiện trạng sử dụng đất của các tổ chức",
         "hoàn thiện hồ sơ địa chính và cập nhật biến động đất đai",
         "công khai quy hoạch, kế hoạch sử dụng đất tại trụ sở Ủy ban nhân dân cấp xã"),
    ),
    Domain(
        "môi trường", "BTNMT", "STNMT", ("bvmt",),
        ("quản lý chất thải rắn sinh hoạt", "phòng, chống ô nhiễm môi trường làng nghề",
         "tổ chức Ngày Môi trường thế giới", "phân loại chất thải rắn tại nguồn"),
        ("giá dịch vụ thu gom, vận chuyển chất thải rắn sinh hoạt",
         "quy chế bảo vệ môi trường trên địa bàn tỉnh"),
        ("kiểm tra các cơ sở sản xuất có nguy cơ gây ô nhiễm môi trường",
         "tuyên truyền nâng cao nhận thức cộng đồng về phân loại rác",
         "quan trắc chất lượng nước mặt tại các lưu vực sông"),
    ),
    Domain(
        "giáo dục", "BGDĐT", "SGDĐT", ("giao_duc",),
        ("tổ chức kỳ thi tốt nghiệp trung học phổ thông", "nhiệm vụ năm học của ngành giáo dục",
         "tuyển sinh vào lớp 10 trung học phổ thông", "phổ cập giáo dục, xóa mù chữ",
         "chương trình giáo dục phổ thông mới"),
        ("mức thu học phí đối với cơ sở giáo dục công lập",
         "quy chế tuyển sinh trung học cơ sở và trung học phổ thông"),
        ("rà soát đội ngũ giáo viên, cán bộ quản lý các trường học",
         "bảo đảm cơ sở vật chất, thiết bị dạy học cho năm học mới",
         "tổ chức bồi dưỡng chuyên môn cho giáo viên trong dịp hè"),
    ),
    Domain(
        "y tế", "BYT", "SYT", ("kcb",),
        ("phòng, chống dịch bệnh truyền nhiễm", "tiêm chủng mở rộng cho trẻ em",
         "nâng cao chất lượng khám bệnh, chữa bệnh tại tuyến cơ sở", "bảo đảm an toàn thực phẩm"),
        ("giá dịch vụ khám bệnh, chữa bệnh tại các cơ sở y tế công lập",
         "định mức biên chế tại các trạm y tế xã"),
        ("giám sát chặt chẽ các trường hợp mắc bệnh tại cộng đồng",
         "bảo đảm đủ thuốc, vật tư y tế phục vụ khám bệnh, chữa bệnh",
         "tổ chức kiểm tra an toàn thực phẩm tại các bếp ăn tập thể"),
    ),
    Domain(
        "tài chính, ngân sách", "BTC", "STC", ("nsnn", "phi_le_phi", "quan_ly_thue"),
        ("lập dự toán ngân sách nhà nước", "quyết toán ngân sách địa phương",
         "tăng cường công tác quản lý thu ngân sách", "thực hành tiết kiệm, chống lãng phí",
         "quản lý, sử dụng tài sản công"),
        ("định mức phân bổ dự toán chi thường xuyên ngân sách địa phương",
         "phân cấp nguồn thu, nhiệm vụ chi giữa các cấp ngân sách",
         "mức thu, chế độ thu, nộp lệ phí cấp giấy phép xây dựng"),
        ("rà soát các khoản chi chưa thật sự cần thiết",
         "đôn đốc thu hồi các khoản nợ đọng thuế",
         "công khai dự toán ngân sách đúng thời hạn"),
    ),
    Domain(
        "đầu tư công", "BKHĐT", "SKHĐT", ("dau_tu_cong", "quy_hoach"),
        ("kế hoạch đầu tư công trung hạn", "đẩy nhanh tiến độ giải ngân vốn đầu tư công",
         "lập quy hoạch tỉnh thời kỳ 2021 - 2030", "cải thiện môi trường đầu tư kinh doanh"),
        ("nguyên tắc, tiêu chí và định mức phân bổ vốn đầu tư công",
         "quy chế quản lý các dự án đầu tư sử dụng vốn ngân sách tỉnh"),
        ("rà soát tiến độ các dự án trọng điểm",
         "tháo gỡ vướng mắc trong công tác giải phóng mặt bằng",
         "báo cáo tình hình giải ngân vốn hằng tháng"),
    ),
    Domain(
        "xây dựng", "BXD", "SXD", ("xay_dung",),
        ("quản lý chất lượng công trình xây dựng", "phát triển nhà ở xã hội",
         "quản lý trật tự xây dựng trên địa bàn", "chương trình phát triển đô thị"),
        ("phân cấp cấp giấy phép xây dựng", "quy chế quản lý kiến trúc đô thị"),
        ("kiểm tra công tác nghiệm thu các công trình hoàn thành",
         "xử lý dứt điểm các công trình xây dựng không phép",
         "cập nhật dữ liệu về nhà ở và thị trường bất động sản"),
    ),
    Domain(
        "nông nghiệp, nông thôn mới", "BNNPTNT", "SNNPTNT", ("trong_trot", "thien_tai"),
        ("xây dựng nông thôn mới", "phòng, chống thiên tai và tìm kiếm cứu nạn",
         "phòng, chống dịch bệnh trên đàn gia súc, gia cầm", "sản xuất vụ Đông Xuân",
         "phát triển sản phẩm mỗi xã một sản phẩm"),
        ("tiêu chí xã nông thôn mới nâng cao", "chính sách hỗ trợ phát triển sản xuất nông nghiệp"),
        ("chủ động phương án sơ tán dân khỏi vùng nguy hiểm",
         "kiểm tra, gia cố hệ thống đê điều, hồ đập",
         "hướng người dân chuyển đổi cơ cấu cây trồng phù hợp"),
    ),
    Domain(
        "chuyển đổi số", "BTTTT", "STTTT", ("cntt", "gddt"),
        ("chuyển đổi số", "xây dựng chính quyền số", "phát triển kinh tế số và xã hội số",
         "bảo đảm an toàn thông tin mạng", "cung cấp dịch vụ công trực tuyến toàn trình"),
        ("quy chế quản lý, vận hành hệ thống thông tin giải quyết thủ tục hành chính",
         "quy chế bảo đảm an toàn thông tin mạng trong hoạt động của cơ quan nhà nước"),
        ("số hóa hồ sơ, kết quả giải quyết thủ tục hành chính",
         "kết nối, chia sẻ dữ liệu với cơ sở dữ liệu quốc gia về dân cư",
         "tổ chức tập huấn kỹ năng số cho cán bộ, công chức"),
    ),
    Domain(
        "nội vụ, cải cách hành chính", "BNV", "SNV", ("can_bo", "thi_dua"),
        ("cải cách hành chính", "công tác thi đua, khen thưởng", "sắp xếp đơn vị hành chính cấp huyện, cấp xã",
         "tinh giản biên chế", "tuyển dụng công chức, viên chức"),
        ("chức năng, nhiệm vụ, quyền hạn và cơ cấu tổ chức của Sở Nội vụ",
         "quy chế thi đua, khen thưởng trên địa bàn tỉnh",
         "phân cấp quản lý cán bộ, công chức, viên chức"),
        ("rà soát vị trí việc làm và cơ cấu ngạch công chức",
         "chấn chỉnh kỷ luật, kỷ cương hành chính",
         "đánh giá, xếp loại chất lượng cán bộ, công chức, viên chức"),
    ),
    Domain(
        "tư pháp", "BTP", "STP", ("vbqppl",),
        ("công tác xây dựng và kiểm tra văn bản quy phạm pháp luật", "phổ biến, giáo dục pháp luật",
         "rà soát, hệ thống hóa văn bản quy phạm pháp luật", "trợ giúp pháp lý cho người dân"),
        ("quy chế phối hợp trong công tác kiểm tra văn bản quy phạm pháp luật",
         "quy chế xây dựng văn bản quy phạm pháp luật của Ủy ban nhân dân tỉnh"),
        ("rà soát các văn bản quy phạm pháp luật không còn phù hợp",
         "tổ chức Ngày Pháp luật Việt Nam",
         "báo cáo kết quả kiểm tra văn bản định kỳ"),
    ),
    Domain(
        "dân cư, an ninh", "BCA", "", ("cu_tru",),
        ("phát triển ứng dụng dữ liệu về dân cư, định danh và xác thực điện tử",
         "bảo đảm an ninh, trật tự trong dịp Tết", "làm sạch dữ liệu dân cư"),
        ("quy chế phối hợp bảo đảm an ninh, trật tự trên địa bàn tỉnh",),
        ("cấp tài khoản định danh điện tử cho người dân",
         "rà soát, làm sạch dữ liệu về cư trú",
         "tăng cường tuần tra, kiểm soát tại các địa bàn trọng điểm"),
    ),
)  # fmt: skip

# ------------------------------------------------------------------------------------------------------------
# Filler: sentences with no citation, between the ones that have them

AGENCIES_PROVINCE = ("Sở Tài chính", "Sở Nội vụ", "Sở Kế hoạch và Đầu tư", "Văn phòng Ủy ban nhân dân tỉnh",
                     "các sở, ban, ngành tỉnh", "Ủy ban nhân dân các huyện, thị xã, thành phố",
                     "Liên đoàn Lao động tỉnh", "Báo và Đài Phát thanh - Truyền hình tỉnh")  # fmt: skip
AGENCIES_DISTRICT = ("Phòng Tài chính - Kế hoạch", "Phòng Nội vụ", "Văn phòng HĐND và UBND huyện",
                     "Ủy ban nhân dân các xã, thị trấn", "Phòng Văn hóa và Thông tin",
                     "Trung tâm Văn hóa - Thể thao và Truyền thông huyện")  # fmt: skip
AGENCIES_NATIONAL = ("các Bộ, cơ quan ngang Bộ, cơ quan thuộc Chính phủ",
                     "Ủy ban nhân dân các tỉnh, thành phố trực thuộc Trung ương",
                     "các tập đoàn kinh tế, tổng công ty nhà nước", "Văn phòng Chính phủ")  # fmt: skip
AGENCIES_UNION = ("Ban Tuyên giáo", "Ban Chính sách pháp luật và Quan hệ lao động", "Ban Tổ chức",
                  "Ủy ban Kiểm tra", "Văn phòng", "các công đoàn cơ sở")  # fmt: skip

PURPOSES = (
    "Nâng cao nhận thức, trách nhiệm của các cấp, các ngành và của cán bộ, công chức, viên chức về {topic}.",
    "Xác định cụ thể nội dung công việc, thời hạn hoàn thành và trách nhiệm của các cơ quan, đơn vị có liên quan.",
    "Bảo đảm sự phối hợp chặt chẽ, thống nhất giữa các cơ quan, đơn vị trong quá trình tổ chức triển khai.",
    "Các nhiệm vụ phải được triển khai đồng bộ, kịp thời, có trọng tâm, trọng điểm, phù hợp với tình hình thực tế của địa phương.",
    "Huy động sự tham gia của cả hệ thống chính trị, doanh nghiệp và người dân, tạo sự đồng thuận trong xã hội.",
    "Gắn trách nhiệm của người đứng đầu với kết quả công việc được giao; lấy sự hài lòng của người dân làm thước đo.",
    "Việc tổ chức các hoạt động phải thiết thực, hiệu quả, tiết kiệm, tránh hình thức, lãng phí.",
)  # fmt: skip
TASK_SENTENCES = (
    "{agency} chủ trì, phối hợp với các cơ quan liên quan {task}.",
    "Giao {agency} {task}; định kỳ báo cáo kết quả về Ủy ban nhân dân cùng cấp.",
    "{agency} có trách nhiệm {task}, bảo đảm đúng tiến độ và chất lượng.",
    "Tiếp tục {task}, kịp thời phát hiện và xử lý những khó khăn, vướng mắc phát sinh.",
    "{agency} tăng cường công tác tuyên truyền, phổ biến để cán bộ và người dân nắm bắt chủ trương về {topic}.",
    "Chỉ đạo các đơn vị trực thuộc {task}; hoàn thành trước ngày {deadline}.",
    "{agency} bố trí kinh phí, nhân lực để {task} trong năm {year}.",
    "Đẩy mạnh ứng dụng công nghệ thông tin trong việc {task}.",
)  # fmt: skip
CONTEXT_SENTENCES = (
    "Thời gian qua, công tác {topic} trên địa bàn đã đạt được nhiều kết quả tích cực, góp phần ổn định đời sống của Nhân dân.",
    "Tuy nhiên, việc tổ chức ở một số nơi còn chậm, chưa đồng bộ; sự phối hợp giữa các cơ quan có lúc chưa chặt chẽ.",
    "Nguyên nhân chủ yếu là do nguồn lực còn hạn chế, một số cơ quan, đơn vị chưa quan tâm đúng mức.",
    "Để khắc phục những tồn tại, hạn chế nêu trên, cần có giải pháp đồng bộ, quyết liệt hơn trong thời gian tới.",
    "Kết quả năm {prev_year} cho thấy các chỉ tiêu chủ yếu đều đạt và vượt kế hoạch đề ra.",
    "Trong bối cảnh tình hình kinh tế - xã hội còn nhiều khó khăn, yêu cầu đặt ra đối với công tác {topic} ngày càng cao.",
)  # fmt: skip
CLOSINGS = (
    "Trong quá trình tổ chức, nếu có khó khăn, vướng mắc, các cơ quan, đơn vị phản ánh kịp thời về {office} để tổng hợp, báo cáo xem xét, giải quyết./.",
    "Yêu cầu các cơ quan, đơn vị nghiêm túc tổ chức, báo cáo kết quả về {office} trước ngày {deadline}./.",
    "Đề nghị các cơ quan, đơn vị quan tâm phối hợp./.",
    "Trường hợp có vướng mắc, đề nghị liên hệ {office} qua số điện thoại {phone} để được giải đáp./.",
)  # fmt: skip
ARTICLE_FILLER = (
    "Quy định này áp dụng đối với các cơ quan, tổ chức, cá nhân có liên quan trên địa bàn.",
    "Việc quản lý phải bảo đảm công khai, minh bạch, đúng mục đích và có hiệu quả.",
    "Cơ quan, tổ chức, cá nhân vi phạm thì tùy theo tính chất, mức độ sẽ bị xử lý theo quy định của pháp luật.",
    "Kinh phí được bố trí trong dự toán ngân sách hằng năm của các cơ quan, đơn vị.",
    "Người đứng đầu cơ quan, đơn vị chịu trách nhiệm về kết quả tổ chức trong phạm vi quản lý.",
    "Hồ sơ gồm đơn đề nghị, bản sao giấy tờ chứng minh và các tài liệu khác có liên quan.",
    "Thời hạn giải quyết không quá 15 ngày làm việc kể từ ngày nhận đủ hồ sơ hợp lệ.",
    "Định kỳ hằng năm, cơ quan chủ trì tổng hợp, đánh giá kết quả và đề xuất điều chỉnh cho phù hợp.",
)  # fmt: skip
ARTICLE_TITLES = ("Phạm vi điều chỉnh", "Đối tượng áp dụng", "Nguyên tắc chung", "Nội dung chi",
                  "Mức hỗ trợ", "Trình tự, thủ tục", "Trách nhiệm của các cơ quan", "Chế độ báo cáo",
                  "Kinh phí", "Khen thưởng và xử lý vi phạm")  # fmt: skip

# Words a topic must not hold: beside a citation they state a relation (see the module docstring).
RELATION_WORDS = ("thực hiện", "triển khai", "thi hành", "hướng dẫn", "sửa đổi", "bổ sung", "thay thế",
                  "bãi bỏ", "căn cứ", "quy định chi tiết", "giải thích", "theo ", "đề nghị", "kèm theo")  # fmt: skip
