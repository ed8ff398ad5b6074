"""A workbook for leak and injection tests: a canary in every private column and tab, hostile text elsewhere.

Written as a folder of CSV files, so `=HYPERLINK(...)` stays the literal text an editor typed (an .xlsx
writer would store it as a formula).
"""

from __future__ import annotations

from pathlib import Path

from builders import write_csv_folder

CANARY = "zqxcanary7319"  # lower case, so it also survives e-mail normalisation
HOSTILE = ("<script>alert(1)</script>", "<img src=x onerror=alert(1)>", "[x](javascript:alert(1))",
           '=HYPERLINK("http://evil","x")')
MEMBER_EMAIL = f"{CANARY}.member@example.org"


def hostile(n: int, tag: str = "") -> str:
    """The n-th hostile string (cycling), with a tag so values stay distinct."""
    return f"{HOSTILE[n % len(HOSTILE)]} {tag}".strip()


def tabs() -> dict[str, list[list[object]]]:
    """Every tab of the contract: private columns and tabs hold the canary, every public text column hostile text."""
    recs = [["ID", "Cycle", "Recommendation", "Recommending States", "Response", "Themes", "Ministries",
             "Working Group", "Lead Organization", "Priority", "Status", "Government Status", "Action Category",
             "SDGs", "Evidence", "Last Assessed", "Internal Notes"]]
    responses = ("Accepted", "Noted", "Accepted", "Accepted")
    statuses = ("Partially implemented", "Not implemented", "Fully implemented", "")
    for n in range(8):
        cycle = 1 + n % 2
        recs.append([f"{100 + n}.{n + 1}", cycle, hostile(n, f"recommendation {n}"),
                     f"{hostile(n + 1, 'State')}; France", responses[n % 4], hostile(n + 2, "theme"),
                     hostile(n + 3, "ministry"), hostile(n, "group"),
                     f"{CANARY} lead organisation {n}", "Short-term", statuses[n % 4], statuses[(n + 1) % 4],
                     1 + n % 5, "16", hostile(n + 1, "evidence"), "2025-03-01", f"{CANARY} internal note {n}"])
    recs.append([HOSTILE[1], 2, "A recommendation whose ID is hostile", "Japan", "Accepted", "Land", "Justice",
                 "Land", f"{CANARY} lead", "", "", "", "", "", "", "", f"{CANARY} note"])
    assessments = [["Date", "Cycle", "Recommendation ID", "Status", "Government Status", "Evidence", "Assessed By",
                    "Internal Notes"]]
    for n in range(8):
        for date, status in (("2024-01-15", "Not implemented"), ("2025-03-01", statuses[n % 4] or "Not implemented")):
            assessments.append([date, 1 + n % 2, f"{100 + n}.{n + 1}", status, "", hostile(n, "assessment"),
                                f"{CANARY} assessor {n}", f"{CANARY} assessment note {n}"])
    indicators = [["Indicator ID", "Cycle", "Recommendation IDs", "Indicator", "Type", "Unit", "Baseline",
                   "Baseline Date", "Target", "Target Date", "Direction", "Source"],
                  ["IND-1", 1, "100.1", hostile(0, "indicator"), "Quantitative", hostile(1, "unit"), 10, "2023-01-01",
                   50, "2027-01-01", "Increase", hostile(2, "source")],
                  ["IND-2", 2, "101.2", hostile(3, "indicator"), "Qualitative", "", "", "", "", "", "", hostile(0)]]
    measurements = [["Date", "Indicator ID", "Value", "Note", "Source", "Reported By"],
                     ["2024-06-30", "IND-1", 20, hostile(0, "note"), hostile(1, "source"), f"{CANARY} reporter 1"],
                     ["2025-06-30", "IND-1", 30, hostile(2, "note"), hostile(3, "source"), f"{CANARY} reporter 2"],
                     ["2025-06-30", "IND-2", hostile(1, "value"), hostile(2, "note"), "", f"{CANARY} reporter 3"]]
    lists = [["Themes", "Ministries", "Working Groups", "Organizations"],
             ["Land", "Justice", "Land", f"{CANARY} organisation"]]
    cycles = [["Cycle", "Review Date", "Adoption Date", "Mid-term Report Due", "Next Review"],
              [1, "2014-01-28", "2014-06-26", "2016-06-30", "2019-01-30"],
              [2, "2019-01-30", "2019-07-11", "2021-07-11", "2029-11-01"]]
    members = [["Email", "Name", "Organization", "Role", "Working Group"],
               [MEMBER_EMAIL, f"{CANARY} member", f"{CANARY} organisation", "member", f"{CANARY} group"]]
    share_links = [["Link ID", "Audience", "Expires", "Revoked", "Scope"],
                   [f"{CANARY}x", f"{CANARY} audience", "2030-01-01", "FALSE", f"theme={CANARY}"]]
    return {"Recommendations": recs, "Assessments": assessments, "Indicators": indicators,
            "Measurements": measurements, "Lists": lists, "Cycles": cycles, "Members": members,
            "Share Links": share_links}


def write_canary_workbook(folder: Path) -> Path:
    """The canary workbook as a folder of CSV files (a source name the app and the CLI accept)."""
    return write_csv_folder(folder, tabs())
