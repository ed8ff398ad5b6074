"""The ground every other folder stands on: errors, settings, secrets, interface languages, the sheet
contract, the data model, raw tables, UN regional groups, Google Sheets addresses, fonts and performance
helpers. Imports nothing from the rest of upr_sheets."""
