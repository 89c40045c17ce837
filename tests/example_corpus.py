"""Where the annotated example corpus is, and how many documents it holds (tests count on it, not on a number)."""

from pathlib import Path

EXAMPLES = Path(__file__).resolve().parents[1] / "examples" / "corpus"
EXAMPLE_DOCUMENTS = len(list(EXAMPLES.glob("*.gold.json")))
# The first 46 documents, from which the rules were written: their floors stay where they were when the corpus
# grew (tests/test_accuracy_floor.py); the whole corpus has floors of its own.
FIRST_DOCUMENTS = frozenset({
    "ct-08-2015-ubnd-quangbinh", "ct-299-ttg-1980", "cv-10989-bnv-2025", "cv-19046-btc-tchq-2014",
    "cv-2728-tct-2014", "cv-2762-btnmt-2020", "cv-3257-thue-tayninh-2025", "cv-4085-ubnd-hcm-2025",
    "cv-4240-ubnd-hcm-2025", "cv-5155-sgddt-hcm-2025", "cv-711-bhxh-hcm-2016", "cv-778-tchq-gsql-2017",
    "cv-9476-bnnmt-2025", "kh-2582-ubnd-ninhthuan-2018", "kh-34-ldld-yendinh-thanhhoa-2021",
    "kh-383-ubnd-tiengiang-2022", "kh-8124-ubnd-lamdong-2023", "luat-02-2002-qh11", "luat-43-2024-qh15",
    "nd-36-2015-nd-cp", "nd-48-2013-cp", "nd-87-2025-nd-cp", "nq-01-2020-nq-hdtp", "nq-132-2020-qh14",
    "nq-21-2022-hdnd-binhdinh", "nq-23-2003-qh11", "qd-02-2011-ubnd-tuyenquang", "qd-08-2023-ubnd-haiduong",
    "qd-1056-ct-tuyenquang-2010", "qd-12-2024-qd-ttg", "qd-13-2018-ubnd-dienbien", "qd-131-2006-ubnd-nghean",
    "qd-1470-ubnd-vinhlong-2013", "qd-173-btp-2015", "qd-1961-2019-ubnd-kiengiang", "qd-30-2021-ubnd-quangtri",
    "qd-3467-byt-2024-ocr", "qd-3745-ubnd-tayninh-2021", "qd-435-ubnd-kontum-2020", "qd-641-2013-ubnd-bacgiang",
    "qd-930-2009-ttg", "seed-ldld-laichau-1127-2023", "seed-ubnd-ldld-quyche-2024", "tt-11-2024-tt-bnv",
    "tt-31-2022-tt-btc", "tt-56-2024-tt-btc",
})  # fmt: skip
