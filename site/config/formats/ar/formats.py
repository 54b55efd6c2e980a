"""Arabic date and time formats Django leaves out (its `ar` module has no DATETIME_FORMAT, so a date with a time
fell back to the English order: "نوفمبر 30, 2026, 2:05 م"). Day, month name, year as in its DATE_FORMAT, with
the Arabic comma; 24-hour time as the other languages here use."""

DATETIME_FORMAT = "j F، Y، H:i"
SHORT_DATETIME_FORMAT = "d‏/m‏/Y H:i"
