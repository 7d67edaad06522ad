// Parsers for the cell values that coalition spreadsheets use, shared by the
// hearings and volunteers importers: dates (ISO or US M/D/YYYY), clock times
// (24h, 12h with AM/PM, or four digits), yes/no flags, and a safe way to
// echo a bad value in a row message. Only ASCII digits count as digits (no
// signs, no spaces inside). Pure functions, thread-safe.
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "core/time.h"

namespace cw::scrapers::csv {

// "2026-11-26" only, strictly: four-digit year, two-digit month and day.
std::optional<LocalDate> parse_iso_day(std::string_view s);
// "2026-11-26" or "11/26/2026" (month and day with one or two digits).
std::optional<LocalDate> parse_sheet_date(std::string_view s);
inline constexpr std::string_view kSheetDateExpected = "expected YYYY-MM-DD or M/D/YYYY";

// "13:30", "1:30 PM" / "1:30pm" (case-insensitive), or "1330" (24h; unlike
// the EOIR rule, a four-digit time here is never shifted to the afternoon).
std::optional<TimeOfDay> parse_sheet_time(std::string_view s);
inline constexpr std::string_view kSheetTimeExpected = "expected HH:MM, H:MM AM/PM or HHMM";

// yes/no/true/false/1/0, case-insensitive. The caller decides what empty means.
std::optional<bool> parse_yes_no(std::string_view s);
inline constexpr std::string_view kYesNoExpected = "expected yes, no, true, false, 1 or 0";

// The value as it may appear in a message: in single quotes, control
// characters replaced by '?', cut after 40 bytes (on a UTF-8 boundary).
// Only for values that are not private (never a case reference or a
// volunteer's contact details).
std::string shown_value(std::string_view s);

// ", got 'VALUE'": the tail of a reject message (shown_value's rules).
std::string got(std::string_view v);

}  // namespace cw::scrapers::csv
