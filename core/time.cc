#include "core/time.h"

#include <charconv>

namespace cw {

Half half_of(TimeOfDay t) { return t < std::chrono::hours(12) ? Half::am : Half::pm; }

std::string_view to_string(Half h) { return h == Half::am ? "am" : "pm"; }

Result<Half> parse_half(std::string_view s) {
  if (s == "am") return Half::am;
  if (s == "pm") return Half::pm;
  return fail(Error::invalid("expected 'am' or 'pm', got '" + std::string(s) + "'"));
}

std::string_view to_string(LocalKind k) {
  switch (k) {
    case LocalKind::unique:
      return "unique";
    case LocalKind::nonexistent:
      return "nonexistent";
    case LocalKind::ambiguous:
      return "ambiguous";
  }
  return "unique";
}

Result<Zone> find_zone(std::string_view name) {
  try {
    return date::locate_zone(name);
  } catch (const std::runtime_error&) {
    return fail(Error::invalid("unknown time zone '" + std::string(name) + "'"));
  }
}

void preload_zones() { (void)date::get_tzdb(); }

Resolved resolve(Zone zone, LocalDateTime local) {
  const date::local_info info = zone->get_info(local);
  switch (info.result) {
    case date::local_info::unique:
      return {Instant{local.time_since_epoch() - info.first.offset}, LocalKind::unique};
    case date::local_info::nonexistent:
      // The wall clock jumps over this reading; earliest and latest both map
      // to the transition instant.
      return {info.first.end, LocalKind::nonexistent};
    case date::local_info::ambiguous:
      // The reading happens twice; earliest is the first pass (the offset in
      // force before the transition).
      return {Instant{local.time_since_epoch() - info.first.offset}, LocalKind::ambiguous};
  }
  return {};
}

Resolved resolve(Zone zone, LocalDate date, TimeOfDay time) {
  return resolve(zone, LocalDateTime{date} + time);
}

LocalDateTime to_local(Zone zone, Instant instant) { return zone->to_local(instant); }

LocalDate local_day(Zone zone, Instant instant) {
  return date::floor<date::days>(to_local(zone, instant));
}

std::string format_date(LocalDate d) { return date::format("%F", d); }

std::string format_time(TimeOfDay t) {
  const auto h = static_cast<int>(t.count() / 60), m = static_cast<int>(t.count() % 60);
  char buf[8];
  buf[0] = static_cast<char>('0' + h / 10);
  buf[1] = static_cast<char>('0' + h % 10);
  buf[2] = ':';
  buf[3] = static_cast<char>('0' + m / 10);
  buf[4] = static_cast<char>('0' + m % 10);
  return std::string(buf, 5);
}

std::string format_instant(Instant t) { return date::format("%FT%TZ", t); }

namespace {
bool parse_uint(std::string_view s, int& out) {
  if (s.empty()) return false;
  auto [p, ec] = std::from_chars(s.data(), s.data() + s.size(), out);
  return ec == std::errc() && p == s.data() + s.size();
}
}  // namespace

Result<LocalDate> parse_iso_date(std::string_view s) {
  int y = 0, m = 0, d = 0;
  if (s.size() != 10 || s[4] != '-' || s[7] != '-' || !parse_uint(s.substr(0, 4), y) ||
      !parse_uint(s.substr(5, 2), m) || !parse_uint(s.substr(8, 2), d)) {
    return fail(Error::invalid("expected a date YYYY-MM-DD, got '" + std::string(s) + "'"));
  }
  const date::year_month_day ymd{date::year{y}, date::month(static_cast<unsigned>(m)),
                                 date::day(static_cast<unsigned>(d))};
  if (!ymd.ok()) return fail(Error::invalid("no such date '" + std::string(s) + "'"));
  return LocalDate{ymd};
}

Result<TimeOfDay> parse_hh_mm(std::string_view s) {
  int h = 0, m = 0;
  const auto colon = s.find(':');
  if (colon == std::string_view::npos || colon == 0 || colon > 2 || s.size() - colon != 3 ||
      !parse_uint(s.substr(0, colon), h) || !parse_uint(s.substr(colon + 1), m) || h > 23 ||
      m > 59) {
    return fail(Error::invalid("expected a time HH:MM, got '" + std::string(s) + "'"));
  }
  return TimeOfDay{h * 60 + m};
}

int weekday_index(LocalDate d) { return static_cast<int>(date::weekday{d}.iso_encoding()) - 1; }

LocalDate iso_week_start(LocalDate d) { return d - date::days{weekday_index(d)}; }

}  // namespace cw
