"""Synthetic workbooks of any size for benchmarks and load tests (deterministic)."""

from __future__ import annotations

import random

from upr_sheets.core.contract import ASSESSMENTS, INDICATORS, MEASUREMENTS, RECOMMENDATIONS

STATES = ["France", "Canada", "Brazil", "Japan", "Kenya", "Peru", "Norway", "Viet Nam", "Mexico", "Germany",
          "Venezuela (Bolivarian Republic of)", "Czech Republic", "Botswana", "Belgium", "Myanmar"]
THEMES = ["Freedom of expression", "Land and housing", "Judiciary", "Women's rights", "Children's rights",
          "Human rights defenders", "Labour rights", "Education", "Health", "Trafficking"]
MINISTRIES = ["Ministry of Interior", "Ministry of Justice", "Ministry of Information", "Ministry of Health",
              "Ministry of Women's Affairs", "Ministry of Education, Youth and Sports"]
STATUSES = ["Not implemented", "Partially implemented", "Fully implemented", "No information", "in progress"]


def headers(tab) -> list[str]:
    """Canonical headers of a contract tab."""
    return [c.header for c in tab.columns]


def workbook_rows(n: int, assessments_per: int = 5, measurements_per: int = 2, seed: int = 7) -> dict[str, list]:
    """{tab: rows} with n recommendations (text cells, as the Sheets API returns them)."""
    rnd = random.Random(seed)
    recs = [headers(RECOMMENDATIONS)]
    ids = []
    for i in range(n):
        cycle = 1 + i % 4
        rid = f"{100 + i // 1000}.{i % 1000 + 1}"
        ids.append((cycle, rid))
        recs.append([rid, str(cycle), f"Recommendation number {i} to ensure rights are respected",
                     "; ".join(rnd.sample(STATES, rnd.randint(1, 2))), rnd.choice(["Accepted", "Noted", "supported"]),
                     "; ".join(rnd.sample(THEMES, rnd.randint(1, 3))), rnd.choice(MINISTRIES),
                     "Land rights", "Member NGO", rnd.choice(["Short-term", "Medium-term", ""]),
                     rnd.choice(STATUSES), rnd.choice(STATUSES), str(rnd.randint(1, 5)), "16; 5.2",
                     "Report 2024", f"2024-{rnd.randint(1, 12):02d}-{rnd.randint(1, 28):02d}", "private"])
    assess = [headers(ASSESSMENTS)]
    for cycle, rid in ids:
        for k in range(assessments_per):
            assess.append([f"{2015 + k}-0{rnd.randint(1, 9)}-1{rnd.randint(0, 9)}", str(cycle), rid,
                           rnd.choice(STATUSES[:4]), rnd.choice(STATUSES[:4]), "evidence", "A. Person", ""])
    indicators = [headers(INDICATORS)]
    n_ind = max(1, n // 10)
    for j in range(n_ind):
        cycle, rid = ids[j * 10 % n]
        indicators.append([f"IND-{j}", str(cycle), rid, f"Indicator {j}", "Quantitative", "cases", "10",
                           "2015-01-01", "50", "2027-01-01", "Increase", "Ministry data"])
    meas = [headers(MEASUREMENTS)]
    for i in range(n * measurements_per):
        meas.append([f"20{16 + i % 10}-06-30", f"IND-{i % n_ind}", str(rnd.randint(5, 60)), "", "stats", "B. Person"])
    return {"Recommendations": recs, "Assessments": assess, "Indicators": indicators, "Measurements": meas}
