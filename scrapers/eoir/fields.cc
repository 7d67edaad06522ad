#include "scrapers/eoir/fields.h"

#include "core/text.h"

namespace cw::scrapers::eoir {
namespace {

bool all_of_char(std::string_view s, char c) {
  if (s.empty()) return false;
  for (const char x : s) {
    if (x != c) return false;
  }
  return true;
}

bool is_digit(char c) { return c >= '0' && c <= '9'; }

// Parses exactly s.size() decimal digits; false on anything else.
bool digits(std::string_view s, int& out) {
  if (s.empty()) return false;
  int v = 0;
  for (const char c : s) {
    if (!is_digit(c)) return false;
    v = v * 10 + (c - '0');
  }
  out = v;
  return true;
}

// Days since 1970-01-01 of a proleptic Gregorian date (H. Hinnant's
// days_from_civil).
int days_from_civil(int y, unsigned m, unsigned d) {
  y -= m <= 2;
  const int era = (y >= 0 ? y : y - 399) / 400;
  const auto yoe = static_cast<unsigned>(y - era * 400);
  const unsigned doy = (153 * (m > 2 ? m - 3 : m + 9) + 2) / 5 + d - 1;
  const unsigned doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
  return era * 146097 + static_cast<int>(doe) - 719468;
}

unsigned days_in_month(int y, unsigned m) {
  static constexpr unsigned kDays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  if (m == 2 && ((y % 4 == 0 && y % 100 != 0) || y % 400 == 0)) return 29;
  return kDays[m - 1];
}

}  // namespace

bool is_null_like(std::string_view s) {
  return s.empty() || iequals(s, "N/A") || iequals(s, "b6") || all_of_char(s, '?');
}

bool is_null_like_code(std::string_view s) { return is_null_like(s) || all_of_char(s, '0'); }

std::string_view clean_value(std::string_view raw) {
  const auto s = trim(raw);
  return is_null_like(s) ? std::string_view{} : s;
}

std::string_view clean_code(std::string_view raw) {
  const auto s = trim(raw);
  return is_null_like_code(s) ? std::string_view{} : s;
}

std::string lower_latin1(std::string_view latin1) {
  std::string out(latin1);
  for (char& ch : out) {
    const auto c = static_cast<unsigned char>(ch);
    if ((c >= 'A' && c <= 'Z') || (c >= 0xC0 && c <= 0xDE && c != 0xD7)) {
      ch = static_cast<char>(c + 0x20);
    }
  }
  return out;
}

std::optional<int> parse_day_number(std::string_view raw) {
  // Fast path first: the value normally starts right at the date.
  std::string_view s = raw;
  if (s.size() < 10 || !is_digit(s[0])) s = trim(raw);
  if (s.size() < 10 || s[4] != '-' || s[7] != '-') return std::nullopt;
  if (s.size() > 10 && s[10] != ' ' && s[10] != 'T') return std::nullopt;
  int y = 0, m = 0, d = 0;
  if (!digits(s.substr(0, 4), y) || !digits(s.substr(5, 2), m) || !digits(s.substr(8, 2), d)) {
    return std::nullopt;
  }
  if (m < 1 || m > 12 || d < 1 ||
      static_cast<unsigned>(d) > days_in_month(y, static_cast<unsigned>(m))) {
    return std::nullopt;
  }
  return days_from_civil(y, static_cast<unsigned>(m), static_cast<unsigned>(d));
}

std::optional<LocalDate> parse_eoir_date(std::string_view raw) {
  const auto n = parse_day_number(raw);
  if (!n) return std::nullopt;
  return from_day_number(*n);
}

std::optional<TimeOfDay> parse_eoir_time(std::string_view raw) {
  const auto s = clean_value(raw);
  int h = 0, m = 0;
  const auto colon = s.find(':');
  if (colon != std::string_view::npos) {
    if (colon < 1 || colon > 2 || s.size() != colon + 3 || !digits(s.substr(0, colon), h) ||
        !digits(s.substr(colon + 1), m)) {
      return std::nullopt;
    }
  } else {
    if ((s.size() != 3 && s.size() != 4) || !digits(s.substr(0, s.size() - 2), h) ||
        !digits(s.substr(s.size() - 2), m)) {
      return std::nullopt;
    }
  }
  if (h > 23 || m > 59 || (h == 0 && m == 0)) return std::nullopt;
  if (h >= 1 && h <= 5) h += 12;  // court does not sit at 1 a.m.: 0130 is 13:30
  return TimeOfDay{h * 60 + m};
}

}  // namespace cw::scrapers::eoir
