#include "scrapers/csv/availability_text.h"

#include <algorithm>

#include "core/text.h"
#include "scrapers/csv/csv_values.h"

namespace cw::scrapers::csv {
namespace {

constexpr std::array<std::string_view, 7> kWeekdays = {"mon", "tue", "wed", "thu",
                                                       "fri", "sat", "sun"};

int weekday_named(std::string_view s) {
  for (std::size_t i = 0; i < kWeekdays.size(); ++i) {
    if (kWeekdays[i] == s) return static_cast<int>(i);
  }
  return -1;
}

bool is_space(char c) { return c == ' ' || c == '\t'; }

}  // namespace

std::expected<std::array<bool, 14>, std::string> parse_weekly_grid(std::string_view s) {
  std::array<bool, 14> grid{};
  std::size_t i = 0;
  while (i < s.size()) {
    if (is_space(s[i])) {
      ++i;
      continue;
    }
    std::size_t j = i;
    while (j < s.size() && !is_space(s[j])) ++j;
    const std::string_view token = s.substr(i, j - i);
    i = j;
    const std::string t = lower_ascii(token);
    const auto dash = t.find('-');
    const int named = weekday_named(std::string_view(t).substr(0, dash));
    if (named < 0) return std::unexpected(std::string(token));
    const auto day = static_cast<std::size_t>(named);
    if (dash == std::string::npos) {
      grid[day * 2] = grid[day * 2 + 1] = true;
    } else if (const auto half = std::string_view(t).substr(dash + 1); half == "am") {
      grid[day * 2] = true;
    } else if (half == "pm") {
      grid[day * 2 + 1] = true;
    } else {
      return std::unexpected(std::string(token));
    }
  }
  return grid;
}

std::expected<std::vector<DateRange>, std::string> parse_blackouts(std::string_view s) {
  std::vector<DateRange> out;
  for (const auto& piece : split_trimmed(s, ';')) {
    const auto dots = piece.find("..");
    if (dots == std::string::npos) {
      const auto d = parse_iso_day(piece);
      if (!d) return std::unexpected(piece);
      out.push_back({*d, *d});
      continue;
    }
    const auto first = parse_iso_day(trim(std::string_view(piece).substr(0, dots)));
    const auto last = parse_iso_day(trim(std::string_view(piece).substr(dots + 2)));
    if (!first || !last || *last < *first) return std::unexpected(piece);
    out.push_back({*first, *last});
  }
  const auto key = [](const DateRange& r) { return std::pair(r.first, r.last); };
  std::sort(out.begin(), out.end(), [&](const auto& a, const auto& b) { return key(a) < key(b); });
  out.erase(std::unique(out.begin(), out.end(),
                        [&](const auto& a, const auto& b) { return key(a) == key(b); }),
            out.end());
  return out;
}

std::expected<std::vector<HalfDay>, std::string> parse_extra_half_days(std::string_view s) {
  std::vector<HalfDay> out;
  for (const auto& piece : split_trimmed(s, ';')) {
    const auto colon = piece.rfind(':');
    if (colon == std::string::npos) return std::unexpected(piece);
    const auto d = parse_iso_day(trim(std::string_view(piece).substr(0, colon)));
    const std::string half = lower_ascii(trim(std::string_view(piece).substr(colon + 1)));
    if (!d || (half != "am" && half != "pm")) return std::unexpected(piece);
    out.push_back({*d, half == "am" ? Half::am : Half::pm});
  }
  const auto key = [](const HalfDay& h) { return std::pair(h.date, h.half); };
  std::sort(out.begin(), out.end(), [&](const auto& a, const auto& b) { return key(a) < key(b); });
  out.erase(std::unique(out.begin(), out.end()), out.end());
  return out;
}

std::string format_weekly_grid(const std::array<bool, 14>& grid) {
  static constexpr const char* kDays[] = {"mon", "tue", "wed", "thu", "fri", "sat", "sun"};
  std::string out;
  for (std::size_t d = 0; d < 7; ++d) {
    const bool am = grid[d * 2], pm = grid[d * 2 + 1];
    if (!am && !pm) continue;
    if (!out.empty()) out += ' ';
    out += kDays[d];
    if (am != pm) out += am ? "-am" : "-pm";
  }
  return out;
}

std::string format_blackouts(const std::vector<DateRange>& ranges) {
  std::string out;
  for (const auto& r : ranges) {
    if (!out.empty()) out += ';';
    out += format_date(r.first);
    if (r.last != r.first) out += ".." + format_date(r.last);
  }
  return out;
}

std::string format_extra_half_days(const std::vector<HalfDay>& extra) {
  std::string out;
  for (const auto& e : extra) {
    if (!out.empty()) out += ';';
    out += format_date(e.date) + ":" + std::string(to_string(e.half));
  }
  return out;
}

}  // namespace cw::scrapers::csv
