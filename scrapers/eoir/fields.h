// The value rules of the EOIR release (eoir-import.md rules 2–4), one field at
// a time: null-like tokens, dates and the EOIR time notation.
//
// Every function takes a raw field as split from a row and trims it first.
// They allocate nothing and are called on millions of rows, so the date
// parser has a cheap form that yields a day number for the window test before
// anything else is looked at. Pure functions, thread-safe.
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "core/time.h"

namespace cw::scrapers::eoir {

// Rule 2: empty, `N/A`, `b6` (a FOIA redaction) and values made only of `?`.
bool is_null_like(std::string_view trimmed);
// The same, plus values made only of `0` (for code columns).
bool is_null_like_code(std::string_view trimmed);

// The trimmed field, or an empty view when it is null-like.
std::string_view clean_value(std::string_view raw);
std::string_view clean_code(std::string_view raw);

// Lower-cases latin-1 text (ASCII and the accented capitals À–Þ except ×),
// for language names: `CRÉOLE` → `créole`.
std::string lower_latin1(std::string_view latin1);

// Rule 3: the date part of `YYYY-MM-DD HH:MM:SS.mmm` or `YYYY-MM-DD`, as days
// since 1970-01-01; nullopt when it is not a real calendar date.
std::optional<int> parse_day_number(std::string_view raw);
std::optional<LocalDate> parse_eoir_date(std::string_view raw);
inline int day_number(LocalDate d) { return static_cast<int>(d.time_since_epoch().count()); }
inline LocalDate from_day_number(int n) { return LocalDate{date::days{n}}; }

// Rule 4: `HHMM`, `HMM` (`830`), `H:MM` or `HH:MM`; hours 01–05 are afternoon
// (`0130` is 13:30). nullopt for `0000`, null-like or unparsable values.
std::optional<TimeOfDay> parse_eoir_time(std::string_view raw);

}  // namespace cw::scrapers::eoir
