"""Vocabularies and text building blocks of the demo workbook (see `demo.py`): data, hence its length.

The eleven priority recommendations are quoted from A/HRC/26/16; every other text is composed from
the theme phrases below and is illustrative.
"""

from __future__ import annotations

THEMES = ("Freedom of expression", "Human rights defenders", "Elections", "Judiciary", "Torture and detention",
          "National human rights institution", "International instruments", "Cooperation with UN mechanisms",
          "Women's rights", "Children's rights", "Trafficking", "Labour rights", "Land and housing",
          "Indigenous peoples", "Poverty and development", "Health", "Education", "Persons with disabilities")

MINISTRIES = ("Ministry of Interior", "Ministry of Justice", "Ministry of Information",
              "Ministry of Foreign Affairs and International Cooperation",
              "Ministry of Land Management, Urban Planning and Construction",
              "Ministry of Agriculture, Forestry and Fisheries", "Ministry of Education, Youth and Sports",
              "Ministry of Women's Affairs", "Ministry of Labour and Vocational Training", "Ministry of Health",
              "Ministry of Social Affairs, Veterans and Youth Rehabilitation", "Ministry of Rural Development",
              "Ministry of Economy and Finance", "Cambodian Human Rights Committee", "National Election Committee")

WORKING_GROUPS = ("Freedom of expression", "Judicial reform", "Land rights", "Women's and children's rights",
                  "Economic, social and cultural rights")

ORGANIZATIONS = {  # fictional coalition members, by working group
    "Freedom of expression": ("Civic Space Forum", "Media and Assembly Monitor"),
    "Judicial reform": ("Fair Trial Network", "Legal Aid Collective"),
    "Land rights": ("Land and Housing Network", "Community Forestry Alliance"),
    "Women's and children's rights": ("Women and Children Protection Network",),
    "Economic, social and cultural rights": ("Workers and Livelihoods Centre",),
}

PEOPLE = ("Chan Sophea", "Keo Dara", "Lim Sokunthea", "Meas Vannak", "Noun Bopha", "Pich Rithy", "Sok Malis",
          "Touch Vichea")

# theme → (working group, ministries, SDG targets, related themes)
THEME_INFO: dict[str, tuple[str, tuple[str, ...], tuple[str, ...], tuple[str, ...]]] = {
    "Freedom of expression": ("Freedom of expression", ("Ministry of Information", "Ministry of Interior"),
                              ("16", "16.10"), ("Human rights defenders", "Labour rights", "Elections")),
    "Human rights defenders": ("Freedom of expression", ("Ministry of Interior", "Ministry of Justice"),
                               ("16.10",), ("Freedom of expression", "Land and housing")),
    "Elections": ("Freedom of expression", ("National Election Committee", "Ministry of Interior"),
                  ("16.7",), ("Freedom of expression",)),
    "Judiciary": ("Judicial reform", ("Ministry of Justice",), ("16", "16.3"), ("Torture and detention",)),
    "Torture and detention": ("Judicial reform", ("Ministry of Interior", "Ministry of Justice"), ("16.3",),
                              ("Judiciary", "International instruments")),
    "National human rights institution": ("Judicial reform", ("Cambodian Human Rights Committee",), ("16.a",),
                                          ("Cooperation with UN mechanisms",)),
    "International instruments": ("Judicial reform", ("Ministry of Foreign Affairs and International Cooperation",
                                                      "Cambodian Human Rights Committee"), ("16",), ()),
    "Cooperation with UN mechanisms": ("Judicial reform",
                                       ("Ministry of Foreign Affairs and International Cooperation",
                                        "Cambodian Human Rights Committee"), ("17",), ()),
    "Women's rights": ("Women's and children's rights", ("Ministry of Women's Affairs",), ("5", "5.1", "5.2"),
                       ("Children's rights",)),
    "Children's rights": ("Women's and children's rights",
                          ("Ministry of Social Affairs, Veterans and Youth Rehabilitation",
                           "Ministry of Education, Youth and Sports"), ("16.2", "8.7"), ("Education",)),
    "Trafficking": ("Women's and children's rights", ("Ministry of Interior", "Ministry of Women's Affairs"),
                    ("5.2", "16.2"), ("Women's rights", "Children's rights")),
    "Labour rights": ("Economic, social and cultural rights", ("Ministry of Labour and Vocational Training",),
                      ("8", "8.8"), ("Children's rights",)),
    "Land and housing": ("Land rights", ("Ministry of Land Management, Urban Planning and Construction",
                                         "Ministry of Agriculture, Forestry and Fisheries"), ("1.4", "11.1"),
                         ("Indigenous peoples", "Human rights defenders")),
    "Indigenous peoples": ("Land rights", ("Ministry of Rural Development",
                                           "Ministry of Land Management, Urban Planning and Construction"),
                           ("2.3", "1.4"), ("Land and housing",)),
    "Poverty and development": ("Economic, social and cultural rights", ("Ministry of Economy and Finance",
                                                                         "Ministry of Rural Development"),
                                ("1", "10"), ("Health", "Education")),
    "Health": ("Economic, social and cultural rights", ("Ministry of Health",), ("3", "3.8"),
               ("Poverty and development",)),
    "Education": ("Economic, social and cultural rights", ("Ministry of Education, Youth and Sports",),
                  ("4", "4.1"), ("Children's rights",)),
    "Persons with disabilities": ("Economic, social and cultural rights",
                                  ("Ministry of Social Affairs, Veterans and Youth Rehabilitation",), ("10.2",),
                                  ("Education",)),
}

# Cycle 2 (A/HRC/26/16): (paragraph, first, last, main theme), following the report's order.
CYCLE2_LAYOUT = (
    (118, 1, 12, "International instruments"), (118, 13, 13, "Torture and detention"),
    (118, 14, 22, "Freedom of expression"), (118, 23, 23, "Elections"), (118, 24, 24, "Judiciary"),
    (118, 25, 25, "Persons with disabilities"), (118, 26, 26, "Children's rights"),
    (118, 27, 38, "National human rights institution"), (118, 39, 48, "Cooperation with UN mechanisms"),
    (118, 49, 56, "Women's rights"), (118, 57, 57, "Children's rights"), (118, 58, 58, "Indigenous peoples"),
    (118, 59, 59, "Children's rights"), (118, 60, 61, "Torture and detention"), (118, 62, 66, "Women's rights"),
    (118, 67, 74, "Children's rights"), (118, 75, 78, "Trafficking"), (118, 79, 99, "Judiciary"),
    (118, 100, 104, "Freedom of expression"), (118, 105, 106, "Human rights defenders"),
    (118, 107, 111, "Freedom of expression"), (118, 112, 116, "Human rights defenders"),
    (118, 117, 123, "Elections"), (118, 124, 127, "Labour rights"), (118, 128, 128, "Poverty and development"),
    (118, 129, 136, "Land and housing"), (118, 137, 146, "Poverty and development"), (118, 147, 160, "Health"),
    (118, 161, 168, "Education"), (118, 169, 171, "Persons with disabilities"),
    (119, 1, 8, "International instruments"), (119, 9, 12, "Torture and detention"),
    (119, 13, 18, "Cooperation with UN mechanisms"), (119, 19, 19, "Freedom of expression"),
    (119, 20, 20, "Judiciary"), (119, 21, 22, "Freedom of expression"), (119, 23, 24, "Human rights defenders"),
    (119, 25, 29, "Freedom of expression"), (119, 30, 33, "Land and housing"), (119, 34, 34, "Education"),
)
# Cycle 1 (A/HRC/13/4, paragraph 82): (count, main theme) in order, 91 in all.
CYCLE1_LAYOUT = (
    (4, "International instruments"), (2, "Judiciary"), (4, "National human rights institution"),
    (1, "Torture and detention"), (1, "Children's rights"), (5, "Poverty and development"), (2, "Education"),
    (5, "Cooperation with UN mechanisms"), (5, "Women's rights"), (3, "Torture and detention"),
    (3, "Women's rights"), (3, "Trafficking"), (2, "Labour rights"), (12, "Judiciary"),
    (7, "Freedom of expression"), (2, "Elections"), (5, "Human rights defenders"), (3, "Labour rights"),
    (8, "Land and housing"), (4, "Poverty and development"), (2, "Health"), (3, "Children's rights"),
    (3, "Education"), (1, "Indigenous peoples"), (1, "Cooperation with UN mechanisms"),
)

# The eleven recommendations prioritised by the coalition's working groups (A/HRC/26/16).
PRIORITY: dict[str, tuple[str, str, tuple[str, ...]]] = {
    "118.17": ("Belgium", "Establish a law on freedom of information in accordance with international standards",
               ("Freedom of expression",)),
    "118.18": ("Botswana", "Adopt legislative and other measures that promote the enjoyment of freedom of "
               "expression", ("Freedom of expression",)),
    "118.19": ("Canada", "Take action to ensure that Cambodian legislation enables all political parties, labour "
               "unions and other civil society groups to exercise their rights to freedom of expression, "
               "association and peaceful assembly; and that peaceful demonstrations can occur safely and without "
               "fear of intimidation or excessive use of force on the part of the Cambodian authorities",
               ("Freedom of expression", "Labour rights", "Human rights defenders")),
    "118.20": ("Czech Republic", "Revise the Penal Code as well as other laws so that they comply with "
               "international freedom of expression standards and prevent the harassment of human rights "
               "defenders, journalists and NGOs", ("Freedom of expression", "Human rights defenders")),
    "118.23": ("Canada", "Take the necessary steps to strengthen the legal framework surrounding elections so as "
               "to ensure that future elections are free and fair, thereby allowing Cambodian citizens to have a "
               "say in the decisions that affect their lives and to elect the officials who reflect and respond "
               "effectively to their needs", ("Elections",)),
    "118.76": ("Ecuador", "Redouble efforts to combat trafficking in persons, especially women and children",
               ("Trafficking", "Women's rights", "Children's rights")),
    "118.126": ("Venezuela (Bolivarian Republic of)", "Continue strengthening effective job creation programmes "
                "to combat poverty and social inequality", ("Poverty and development", "Labour rights")),
    "118.129": ("Mexico", "Cease forced dispossession and guarantee just and transparent process when it comes "
                "to land tenure", ("Land and housing",)),
    "118.132": ("Germany", "Ensure that the granting of land concessions or the withdrawal of land titles or the "
                "legal rights to land use does not lead to violations of human rights", ("Land and housing",)),
    "118.143": ("Azerbaijan", "Implement, in cooperation with the international community, effective programmes "
                "aimed at reducing poverty, especially in the rural areas of the country",
                ("Poverty and development",)),
    "118.167": ("Myanmar", "Continue working on its National Plan “Education for All” so that all Cambodian "
                "children and youth further enjoy an equitable education service", ("Education", "Children's rights")),
}

# Coalition status (0 not, 1 partially, 2 fully implemented) of the priority recommendations and of those the
# indicators follow, consistent with the indicators' illustrative figures.
FIXED_STATUS = {"118.17": 0, "118.18": 0, "118.19": 0, "118.20": 0, "118.23": 1, "118.76": 1, "118.126": 1,
                "118.129": 1, "118.132": 0, "118.143": 1, "118.167": 1, "118.29": 0, "118.31": 0, "118.49": 1,
                "118.54": 0, "118.61": 1}

# Demands made in both cycles: cycle-2 id → (cycle-2 text or None for a priority one, cycle-1 id, cycle-1 text).
RECURRING: dict[str, tuple[str | None, str, str]] = {
    "118.17": (None, "82.53", "Establish a law on access to information in accordance with international "
               "standards"),
    "118.23": (None, "82.60", "Take the necessary steps to strengthen the legal framework surrounding elections "
               "to ensure that future elections are free and fair, allowing Cambodian citizens to elect the "
               "officials who reflect and respond effectively to their needs"),
    "118.76": (None, "82.36", "Redouble efforts to combat trafficking in persons, in particular women and children"),
    "118.129": (None, "82.70", "Put an end to forced dispossession and guarantee a just and transparent process "
                "regarding land tenure"),
    "118.143": (None, "82.78", "Implement, with the assistance of the international community, effective "
                "programmes aimed at reducing poverty, especially in the rural areas"),
    "118.29": ("Establish an independent national human rights institution in line with the Paris Principles",
               "82.7", "Expedite the establishment of an independent national human rights institution in line "
               "with the Paris Principles"),
    "118.61": ("Ensure that conditions of arrest and pretrial detention meet international standards",
               "82.30", "Ensure that conditions of detention, including pretrial detention, meet international "
               "standards"),
    "118.82": ("Guarantee the independence of the judiciary, free from political interference", "82.44",
               "Guarantee the independence of the judiciary without any political interference"),
    "118.113": ("Take effective measures to protect human rights defenders, including those working on land "
                "issues, from harassment and intimidation", "82.62",
                "Protect human rights defenders, including those working on land rights issues, from harassment "
                "and intimidation"),
    "118.148": ("Increase public spending on health, with particular attention to rural areas", "82.82",
                "Further increase public spending on health, in particular in rural areas"),
    "118.162": ("Make primary education free and compulsory for all children", "82.87",
                "Make primary education free and compulsory for every Cambodian child"),
    "119.14": ("Issue a standing invitation to all special procedures of the Human Rights Council", "82.20",
               "Issue a standing invitation to all special procedures of the Council"),
}

LEADS = (("", None), ("", None), ("", None), ("Continue to ", 2), ("Continue efforts to ", 2),
         ("Consider measures to ", 3), ("Take further steps to ", 4), ("Redouble efforts to ", 4),
         ("Take the necessary measures to ", 4))
TAILS = ("", "", "", ", in line with international standards", ", in consultation with civil society",
         ", with the support of the international community", ", in particular in rural areas",
         ", and allocate adequate resources for this purpose", ", and report on progress at the next review")
VERB_CATEGORY = {"seek": 1, "share": 1, "continue": 2, "pursue": 2, "consider": 3, "review": 3, "examine": 3,
                 "ratify": 5, "accede": 5, "adopt": 5, "establish": 5, "implement": 5, "amend": 5, "repeal": 5,
                 "decriminalize": 5, "investigate": 5, "prosecute": 5, "submit": 5, "extend": 5, "make": 5,
                 "eliminate": 5, "reform": 5, "develop": 5, "bring": 5, "renew": 5, "accept": 5, "stop": 5,
                 "include": 5, "raise": 5, "expand": 5, "limit": 5, "close": 5, "issue": 5}

# Cycle-2 phrases by theme (an infinitive without its subject; a lead or nothing goes before it).
CYCLE2_PHRASES: dict[str, tuple[str, ...]] = {
    "Freedom of expression": (
        "decriminalize defamation and bring the Penal Code into line with article 19 of the International "
        "Covenant on Civil and Political Rights",
        "guarantee the right to peaceful assembly and refrain from excessive force against demonstrators",
        "ensure that the law on associations and non-governmental organizations does not restrict the "
        "legitimate work of civil society",
        "protect the independence of the media and ensure pluralism in broadcast licensing",
        "ensure that any regulation of the Internet respects freedom of expression and the right to privacy",
        "stop the use of criminal charges against journalists for their reporting",
        "guarantee the freedom of association of trade unions and civil society groups"),
    "Human rights defenders": (
        "protect human rights defenders from harassment, intimidation and arbitrary arrest",
        "investigate attacks against human rights defenders and bring those responsible to justice",
        "recognize publicly the legitimate work of land and environmental defenders",
        "adopt a policy for the protection of human rights defenders in consultation with civil society"),
    "Elections": (
        "reform the National Election Committee to ensure its independence and impartiality",
        "improve the accuracy and transparency of the voter registration process",
        "ensure equal access of all political parties to the media during election campaigns",
        "investigate complaints of electoral irregularities in a transparent manner",
        "guarantee that opposition parties can operate and campaign freely"),
    "Judiciary": (
        "guarantee the independence of the judiciary in law and in practice",
        "ensure that the laws on the status of judges and prosecutors protect judicial independence",
        "increase the budget of the courts and improve access to legal aid for poor people",
        "combat corruption in the justice system and hold the officials involved accountable",
        "establish a juvenile justice system in line with international standards",
        "ensure fair trial guarantees for all defendants, including the presumption of innocence"),
    "Torture and detention": (
        "establish an independent national preventive mechanism under the Optional Protocol to the Convention "
        "against Torture",
        "improve conditions in prisons and reduce overcrowding",
        "ensure that allegations of torture and ill-treatment in custody are promptly and impartially investigated",
        "limit the length of pretrial detention and guarantee access to a lawyer from the moment of arrest",
        "ensure that no one is held in drug detention or social affairs centres without a judicial decision",
        "provide training on the prohibition of torture to police, military police and prison staff"),
    "National human rights institution": (
        "establish a national human rights institution in full compliance with the Paris Principles",
        "ensure that the future national human rights institution has an adequate budget and a broad mandate",
        "consult civil society on the draft law establishing a national human rights institution",
        "complete the process of establishing an independent national human rights institution"),
    "International instruments": (
        "ratify the Optional Protocol to the International Covenant on Economic, Social and Cultural Rights",
        "ratify the Optional Protocol to the Convention on the Rights of the Child on a communications procedure",
        "ratify the International Convention on the Protection of the Rights of All Migrant Workers and Members "
        "of Their Families",
        "accede to the 1954 Convention relating to the Status of Stateless Persons and the 1961 Convention on the "
        "Reduction of Statelessness",
        "ratify ILO Convention No. 189 on decent work for domestic workers",
        "ratify ILO Convention No. 169 concerning Indigenous and Tribal Peoples",
        "bring national legislation into line with the Rome Statute of the International Criminal Court"),
    "Cooperation with UN mechanisms": (
        "submit overdue reports to the treaty bodies",
        "cooperate fully with the Special Rapporteur on the situation of human rights in Cambodia and implement "
        "the recommendations of the mandate",
        "renew the memorandum of understanding with the Office of the High Commissioner for Human Rights",
        "involve civil society in the follow-up to UPR and treaty body recommendations",
        "accept the pending visit requests of thematic special procedures mandate holders",
        "seek technical assistance from the Office of the High Commissioner to implement the UPR recommendations"),
    "Women's rights": (
        "adopt a comprehensive gender equality law",
        "combat stereotypes that discriminate against women, including in school curricula",
        "increase the representation of women in decision-making positions",
        "implement the national action plan to prevent violence against women",
        "improve access to justice and support services for victims of domestic violence",
        "ensure the equal rights of women to land, property and inheritance"),
    "Children's rights": (
        "ensure free birth registration for all children, including the children of migrants",
        "eliminate the worst forms of child labour, including in brick kilns",
        "protect children from sexual exploitation and abuse, including online",
        "develop family-based alternatives to residential care institutions",
        "establish child-friendly complaint mechanisms in schools",
        "raise awareness of the prohibition of corporal punishment in all settings"),
    "Trafficking": (
        "strengthen the identification and protection of victims of trafficking",
        "prosecute traffickers, including officials complicit in trafficking",
        "protect migrant workers abroad from trafficking and forced labour, including through bilateral "
        "agreements",
        "provide long-term reintegration support to survivors of trafficking"),
    "Labour rights": (
        "set the minimum wage through genuine tripartite dialogue",
        "strengthen labour inspection, in particular in the garment and construction sectors",
        "guarantee the right of workers to form and join trade unions without interference",
        "extend social security coverage to workers in the informal economy",
        "improve occupational safety and health standards in factories"),
    "Land and housing": (
        "stop forced evictions and ensure that relocations comply with international standards",
        "review economic land concessions and cancel those granted in violation of the law",
        "ensure adequate compensation and basic services at resettlement sites",
        "accelerate systematic land registration, including in areas subject to disputes",
        "establish an independent mechanism to resolve land disputes",
        "adopt a national housing policy that guarantees the right to adequate housing for the urban poor"),
    "Indigenous peoples": (
        "speed up the registration of collective land titles for indigenous communities",
        "ensure the free, prior and informed consent of indigenous peoples before projects affecting their lands",
        "promote bilingual education for indigenous children"),
    "Poverty and development": (
        "reduce rural poverty through programmes targeting smallholder farmers",
        "expand social protection programmes for poor and vulnerable households",
        "ensure that economic growth benefits the poorest parts of the population",
        "improve access to clean water and sanitation in rural areas",
        "integrate human rights into the national strategic development plan"),
    "Health": (
        "reduce out-of-pocket health costs for poor households",
        "improve maternal and child health services",
        "ensure access to sexual and reproductive health services and information",
        "strengthen the prevention and treatment of HIV/AIDS, tuberculosis and malaria",
        "improve the quality of health services through the training and retention of health workers",
        "expand the coverage of the health equity funds to all poor households"),
    "Education": (
        "reduce school drop-out rates, in particular among girls",
        "improve the quality of teaching and raise teachers' salaries",
        "combat corruption and informal fees in schools",
        "include human rights education in the school curriculum",
        "expand access to early childhood education",
        "provide scholarships for children from poor families to complete secondary school"),
    "Persons with disabilities": (
        "implement the law on the rights of persons with disabilities and allocate adequate resources",
        "ensure inclusive education for children with disabilities",
        "improve the accessibility of public buildings and transport",
        "increase employment opportunities for persons with disabilities"),
}

# Cycle-1 phrases: demands of 2009 that were not made again in the same words.
CYCLE1_PHRASES: dict[str, tuple[str, ...]] = {
    "International instruments": ("sign and ratify the Convention on the Rights of Persons with Disabilities",
                                  "withdraw its reservations to the core human rights treaties"),
    "Judiciary": ("adopt the anti-corruption law and set up an independent anti-corruption body",
                  "complete the adoption of the new Penal Code and the Code of Criminal Procedure",
                  "support the work of the Extraordinary Chambers in the Courts of Cambodia",
                  "raise the salaries of judges and court clerks", "publish court decisions in a timely manner"),
    "National human rights institution": ("draft the founding law of a human rights commission with the help of "
                                          "the United Nations",),
    "Torture and detention": ("separate juveniles from adults in all places of detention",
                              "allow independent monitors regular access to all prisons"),
    "Children's rights": ("adopt a juvenile justice law", "set a minimum age of criminal responsibility"),
    "Poverty and development": ("achieve the Cambodian Millennium Development Goals by 2015",
                                "channel development aid towards the poorest provinces",
                                "manage revenues from oil, gas and mining transparently"),
    "Education": ("train civil servants and the police in human rights",
                  "build more lower secondary schools in rural districts"),
    "Cooperation with UN mechanisms": ("submit its initial report to the Committee against Torture",
                                       "answer the communications of the special procedures"),
    "Women's rights": ("enact a law defining discrimination against women",
                      "raise public awareness of the law on domestic violence",
                      "open shelters for women victims of violence in every province"),
    "Trafficking": ("train border police to identify victims of trafficking",),
    "Labour rights": ("establish labour courts to settle labour disputes",
                      "revise the law on trade unions in consultation with workers"),
    "Freedom of expression": ("amend the Press Law so that criticism of officials is not a criminal offence",
                              "liberalize the ownership of radio and television stations",
                              "refrain from lifting the parliamentary immunity of opposition members"),
    "Elections": ("implement the election regulations fully and fairly",),
    "Human rights defenders": ("disseminate the Declaration on Human Rights Defenders",),
    "Land and housing": ("declare a moratorium on evictions until a resettlement policy is adopted",
                         "implement the 2001 Land Law fully", "publish all economic land concession contracts"),
    "Health": ("reduce maternal mortality by training more midwives",),
    "Indigenous peoples": ("support education in minority languages",),
}

STATES = {  # recommending States by UN regional group, with the share each group gets
    "WEOG": (0.34, ("France", "Germany", "Belgium", "Austria", "Spain", "Portugal", "Italy", "Sweden", "Norway",
                    "Denmark", "Netherlands", "Switzerland", "Ireland", "United Kingdom", "United States", "Canada",
                    "Australia", "New Zealand")),
    "Asia-Pacific": (0.23, ("Japan", "Thailand", "Indonesia", "Malaysia", "Singapore", "Viet Nam",
                            "Lao People's Democratic Republic", "Myanmar", "China", "India", "Pakistan", "Sri Lanka",
                            "Nepal", "Bhutan", "Republic of Korea", "Philippines", "Iran (Islamic Republic of)",
                            "Iraq", "Timor-Leste", "Brunei Darussalam")),
    "EEG": (0.15, ("Czech Republic", "Slovakia", "Hungary", "Poland", "Slovenia", "Croatia", "Latvia",
                   "Montenegro", "Serbia", "Russian Federation", "Azerbaijan", "Belarus", "Romania")),
    "GRULAC": (0.14, ("Brazil", "Mexico", "Argentina", "Chile", "Uruguay", "Colombia", "Ecuador", "Cuba",
                      "Venezuela (Bolivarian Republic of)", "Nicaragua", "Costa Rica", "Paraguay")),
    "African": (0.14, ("Algeria", "Morocco", "Tunisia", "Egypt", "Botswana", "Ghana", "Kenya", "Senegal",
                       "Djibouti", "Angola", "Chad", "Nigeria", "South Africa", "Sierra Leone")),
}

EVIDENCE = {  # status rank → sentence; {year} and {ref} are filled in
    0: ("No measurable progress found in {year} (coalition monitoring, illustrative ref. {ref}).",
        "The ministry did not answer the coalition's questions in {year} (illustrative ref. {ref})."),
    1: ("Some steps taken by {year} but implementation is incomplete (illustrative ref. {ref}).",
        "Policy adopted in {year}; no budget allocated yet (illustrative ref. {ref})."),
    2: ("Measure in force and applied since {year} (illustrative ref. {ref}).",
        "Confirmed in partner survey, {year} (illustrative ref. {ref})."),
}

INTERNAL_NOTES = ("Source asked not to be named.", "Follow up with the provincial office before the next meeting.",
                  "Do not cite the ministry official by name.", "Evidence from a closed meeting; keep internal.",
                  "Check figures with the partner organisation before publishing.")

ABOUT = (
    "UPR Monitor — demo workbook",
    "",
    "Demo data. Recommendation numbers and responses follow Cambodia's second UPR cycle (A/HRC/26/16); the "
    "texts and recommending States of the eleven priority recommendations (118.17, 118.18, 118.19, 118.20, "
    "118.23, 118.76, 118.126, 118.129, 118.132, 118.143, 118.167) are those of the report. All other texts and "
    "recommending States, all first-cycle rows, and all statuses, assessments, indicator values, organisations "
    "and people, are illustrative.",
    "",
    "Cycle 1: review of 1 December 2009 (A/HRC/13/4), 91 recommendations, all accepted.",
    "Cycle 2: review of 28 January 2014 (A/HRC/26/16), 205 recommendations: 118.1–118.171 and 119.1–119.34; "
    "163 accepted and 42 noted (all of 119.x, and 118.1–118.5, 118.22, 118.57 and 118.161).",
    "Regenerate with: python -m upr_sheets.authoring.demo [OUT]",
)

# Indicators: (id, recommendation ids, indicator, type, unit, baseline, target, target date, direction,
# value in late 2026 for quantitative ones, or dated milestones for qualitative ones). Baselines date from
# the review (28 January 2014). All figures are illustrative.
INDICATORS = (
    ("IND-01", "118.17", "Access to information law in force", "Qualitative", "", "No law; draft under discussion",
     "Law adopted and in force", "2019-01-30", "", (
         ("2015-06-30", "Inter-ministerial working group on a draft law set up"),
         ("2018-03-15", "Draft law circulated for consultation"),
         ("2022-11-30", "Draft law approved by the Council of Ministers"),
         ("2025-09-30", "Draft law still pending in the National Assembly"))),
    ("IND-02", "118.18; 118.20", "Journalists and human rights defenders facing criminal charges", "Quantitative",
     "cases per year", 32, 5, "2019-01-30", "Decrease", 41),
    ("IND-03", "118.129; 118.132", "Land disputes resolved by cadastral commissions", "Quantitative",
     "% of registered disputes", 38, 70, "2019-01-30", "Increase", 57),
    ("IND-04", "118.129; 118.132", "Households affected by forced evictions", "Quantitative", "households per year",
     2900, 500, "2019-01-30", "Decrease", 1800),
    ("IND-05", "118.76", "Identified trafficking victims receiving shelter and support", "Quantitative",
     "% of identified victims", 45, 90, "2019-01-30", "Increase", 72),
    ("IND-06", "118.143; 118.126", "Rural poverty rate", "Quantitative", "% of rural population", 20.8, 10,
     "2023-12-31", "Decrease", 13.5),
    ("IND-07", "118.167", "Net enrolment rate in primary education", "Quantitative", "%", 94.5, 100,
     "2019-01-30", "Increase", 97.8),
    ("IND-08", "118.167", "Lower secondary completion rate", "Quantitative", "%", 40, 60, "2023-12-31",
     "Increase", 52),
    ("IND-09", "118.49; 118.54", "Women in the National Assembly", "Quantitative", "% of seats", 20.3, 30,
     "2023-12-31", "Increase", 21.9),
    ("IND-10", "118.61", "Pretrial detainees among all prisoners", "Quantitative", "% of prisoners", 65, 30,
     "2019-01-30", "Decrease", 58),
    ("IND-11", "118.23", "Independent and impartial election management body", "Qualitative", "",
     "Election committee appointed by the ruling majority", "Independent body appointed by consensus",
     "2019-01-30", "", (
         ("2014-10-15", "Constitutional amendment on the election committee adopted"),
         ("2017-06-30", "New committee in place; opposition seats later reassigned"),
         ("2023-08-31", "Observers report unequal media access during the campaign"))),
    ("IND-12", "118.29; 118.31", "National human rights institution in line with the Paris Principles",
     "Qualitative", "", "No national human rights institution", "Institution established and accredited",
     "2019-01-30", "", (
         ("2016-05-31", "Concept note on a national institution discussed with civil society"),
         ("2021-09-30", "Draft law prepared with technical assistance"),
         ("2026-06-30", "Draft law not yet submitted to the National Assembly"))),
)
