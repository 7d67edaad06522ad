#include "scrapers/csv/csv_values.h"

#include "core/text.h"

namespace cw::scrapers::csv {
namespace {

bool all_digits(std::string_view s) {
  if (s.empty()) return false;
  for (const char c : s) {
    if (c < '0' || c > '9') return false;
  }
  return true;
}

// Parses 1..4 ASCII digits; nothing else.
std::optional<int> small_number(std::string_view s) {
  if (s.size() > 4 || !all_digits(s)) return std::nullopt;
  int v = 0;
  for (const char c : s) v = v * 10 + (c - '0');
  return v;
}

std::optional<LocalDate> make_date(int y, int m, int d) {
  const date::year_month_day ymd{date::year{y}, date::month(static_cast<unsigned>(m)),
                                 date::day(static_cast<unsigned>(d))};
  if (!ymd.ok()) return std::nullopt;
  return LocalDate{ymd};
}

std::optional<TimeOfDay> make_time(int h, int m) {
  if (h < 0 || h > 23 || m < 0 || m > 59) return std::nullopt;
  return TimeOfDay{h * 60 + m};
}

// "H:MM" or "HH:MM" into hours and minutes, without range checks.
bool split_clock(std::string_view s, int& h, int& m) {
  const auto colon = s.find(':');
  if (colon == std::string_view::npos || colon == 0 || colon > 2 || s.size() - colon != 3) {
    return false;
  }
  const auto hh = small_number(s.substr(0, colon));
  const auto mm = small_number(s.substr(colon + 1));
  if (!hh || !mm) return false;
  h = *hh;
  m = *mm;
  return true;
}

}  // namespace

std::optional<LocalDate> parse_iso_day(std::string_view s) {
  if (s.size() != 10 || s[4] != '-' || s[7] != '-') return std::nullopt;
  const auto y = small_number(s.substr(0, 4));
  const auto m = small_number(s.substr(5, 2));
  const auto d = small_number(s.substr(8, 2));
  if (!y || !m || !d) return std::nullopt;
  return make_date(*y, *m, *d);
}

std::optional<LocalDate> parse_sheet_date(std::string_view s) {
  if (s.find('-') != std::string_view::npos) return parse_iso_day(s);
  const auto parts = split(s, '/');
  if (parts.size() != 3 || parts[0].size() > 2 || parts[1].size() > 2 || parts[2].size() != 4) {
    return std::nullopt;
  }
  const auto m = small_number(parts[0]);
  const auto d = small_number(parts[1]);
  const auto y = small_number(parts[2]);
  if (!y || !m || !d) return std::nullopt;
  return make_date(*y, *m, *d);
}

std::optional<TimeOfDay> parse_sheet_time(std::string_view s) {
  s = trim(s);
  int h = 0, m = 0;
  if (s.size() >= 2) {
    const std::string suffix = lower_ascii(s.substr(s.size() - 2));
    if (suffix == "am" || suffix == "pm") {
      const auto body = trim(s.substr(0, s.size() - 2));
      if (!split_clock(body, h, m) || h < 1 || h > 12) return std::nullopt;
      if (h == 12) h = 0;
      if (suffix == "pm") h += 12;
      return make_time(h, m);
    }
  }
  if (split_clock(s, h, m)) return make_time(h, m);
  if (s.size() == 4 && all_digits(s)) {
    return make_time((s[0] - '0') * 10 + (s[1] - '0'), (s[2] - '0') * 10 + (s[3] - '0'));
  }
  return std::nullopt;
}

std::optional<bool> parse_yes_no(std::string_view s) {
  const std::string v = lower_ascii(trim(s));
  if (v == "yes" || v == "true" || v == "1") return true;
  if (v == "no" || v == "false" || v == "0") return false;
  return std::nullopt;
}

std::string shown_value(std::string_view s) {
  constexpr std::size_t kMax = 40;
  std::string out = "'";
  std::size_t n = s.size();
  bool cut = false;
  if (n > kMax) {
    n = kMax;
    // Step back to the start of a UTF-8 sequence.
    while (n > 0 && (static_cast<unsigned char>(s[n]) & 0xC0) == 0x80) --n;
    cut = true;
  }
  for (std::size_t i = 0; i < n; ++i) {
    const auto c = static_cast<unsigned char>(s[i]);
    out.push_back(c < 0x20 || c == 0x7F ? '?' : s[i]);
  }
  out += cut ? "…'" : "'";
  return out;
}

std::string got(std::string_view v) { return ", got " + shown_value(v); }

}  // namespace cw::scrapers::csv
