// The text forms of a volunteer's availability in the volunteers CSV
// (matching.md, "Volunteers CSV"): the weekly grid ("mon-am wed thu-pm"),
// blackout dates and ranges ("2026-12-24..2026-12-31;2027-01-05") and extra
// half-days ("2026-12-02:am;2026-12-03:pm"), read and written. Each parser returns the parsed
// value or the offending piece, for the row's message. Results are sorted
// and free of duplicates, so re-importing the same text compares equal.
// Pure functions, thread-safe.
#pragma once

#include <array>
#include <expected>
#include <string>
#include <string_view>
#include <vector>

#include "core/domain.h"

namespace cw::scrapers::csv {

// Whitespace-separated tokens `mon-am`, `tue-pm` or a bare weekday (both
// halves), case-insensitive; empty text means no weekly availability.
std::expected<std::array<bool, 14>, std::string> parse_weekly_grid(std::string_view s);
inline constexpr std::string_view kWeeklyGridExpected =
    "expected space-separated half-days like mon-am, tue-pm or a bare weekday (mon..sun)";

// ';'-separated YYYY-MM-DD dates or inclusive ranges a..b with a <= b.
std::expected<std::vector<DateRange>, std::string> parse_blackouts(std::string_view s);
inline constexpr std::string_view kBlackoutsExpected =
    "expected ';'-separated dates YYYY-MM-DD or ranges YYYY-MM-DD..YYYY-MM-DD (first <= last)";

// ';'-separated YYYY-MM-DD:am or YYYY-MM-DD:pm.
std::expected<std::vector<HalfDay>, std::string> parse_extra_half_days(std::string_view s);
inline constexpr std::string_view kExtraExpected =
    "expected ';'-separated half-days YYYY-MM-DD:am or YYYY-MM-DD:pm";

// The inverse of the parsers: the text a volunteers CSV would carry, so that
// parse(format(x)) == x (a bare weekday when both halves are set; a single
// date when a blackout range is one day).
std::string format_weekly_grid(const std::array<bool, 14>& grid);
std::string format_blackouts(const std::vector<DateRange>& ranges);
std::string format_extra_half_days(const std::vector<HalfDay>& extra);

}  // namespace cw::scrapers::csv
