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


def row_of(tab, cells: dict[str, object]) -> list:
    """One sheet row of a contract tab from {header: value}: cells placed under their headers, "" elsewhere
    (every row as wide as the header, so that a plain DataFrame can be built from the rows)."""
    unknown = set(cells) - set(headers(tab))
    assert not unknown, f"not headers of {tab.title}: {sorted(unknown)}"
    return [cells.get(h, "") for h in headers(tab)]


def workbook_rows(n: int, assessments_per: int = 5, measurements_per: int = 2, seed: int = 7) -> dict[str, list]:
    """{tab: rows} with n recommendations (text cells, as the Sheets API returns them), placed by header."""
    rnd = random.Random(seed)
    recs = [headers(RECOMMENDATIONS)]
    ids = []
    for i in range(n):
        cycle = 1 + i % 4
        rid = f"{100 + i // 1000}.{i % 1000 + 1}"
        ids.append((cycle, rid))
        recs.append(row_of(RECOMMENDATIONS, {
            "ID": rid, "Cycle": str(cycle),
            "Recommendation": f"Recommendation number {i} to ensure rights are respected",
            "Recommending States": "; ".join(rnd.sample(STATES, rnd.randint(1, 2))),
            "Response": rnd.choice(["Accepted", "Noted", "supported"]),
            "Themes": "; ".join(rnd.sample(THEMES, rnd.randint(1, 3))), "Ministries": rnd.choice(MINISTRIES),
            "Working Group": "Land rights", "Lead Organization": "Member NGO",
            "Priority": rnd.choice(["Short-term", "Medium-term", ""]), "Status": rnd.choice(STATUSES),
            "Government Status": rnd.choice(STATUSES), "Action Category": str(rnd.randint(1, 5)), "SDGs": "16; 5.2",
            "Evidence": "Report 2024", "Last Assessed": f"2024-{rnd.randint(1, 12):02d}-{rnd.randint(1, 28):02d}",
            "Internal Notes": "private"}))
    assess = [headers(ASSESSMENTS)]
    for cycle, rid in ids:
        for k in range(assessments_per):
            assess.append(row_of(ASSESSMENTS, {
                "Date": f"{2015 + k}-0{rnd.randint(1, 9)}-1{rnd.randint(0, 9)}", "Cycle": str(cycle),
                "Recommendation ID": rid, "Status": rnd.choice(STATUSES[:4]),
                "Government Status": rnd.choice(STATUSES[:4]), "Evidence": "evidence", "Assessed By": "A. Person"}))
    indicators = [headers(INDICATORS)]
    n_ind = max(1, n // 10)
    for j in range(n_ind):
        cycle, rid = ids[j * 10 % n]
        indicators.append(row_of(INDICATORS, {
            "Indicator ID": f"IND-{j}", "Cycle": str(cycle), "Recommendation IDs": rid, "Indicator": f"Indicator {j}",
            "Type": "Quantitative", "Unit": "cases", "Baseline": "10", "Baseline Date": "2015-01-01", "Target": "50",
            "Target Date": "2027-01-01", "Direction": "Increase", "Source": "Ministry data"}))
    meas = [headers(MEASUREMENTS)]
    for i in range(n * measurements_per):
        meas.append(row_of(MEASUREMENTS, {
            "Date": f"20{16 + i % 10}-06-30", "Indicator ID": f"IND-{i % n_ind}", "Value": str(rnd.randint(5, 60)),
            "Source": "stats", "Reported By": "B. Person"}))
    return {"Recommendations": recs, "Assessments": assess, "Indicators": indicators, "Measurements": meas}
