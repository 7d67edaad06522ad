// "2026-02-01T10:00:00Z" as an Instant, for test fixtures. Header-only; used
// from test binaries only. A text that is not such an instant is a bug in
// the test: it throws, naming the text. (Not date::parse: GCC 12 warns
// -Wmaybe-uninitialized inside it at -O2, which the -Werror CI build refuses.)
#pragma once

#include <charconv>
#include <stdexcept>
#include <string>
#include <string_view>

#include "core/time.h"

namespace cw::test_support {

inline Instant utc(const char* iso) {
  const std::string_view text(iso);
  auto bad = [&] {
    return std::invalid_argument(
        std::string("expected an instant like 2026-02-01T10:00:00Z, got '") + iso + "'");
  };
  // YYYY-MM-DDTHH:MM:SSZ
  if (text.size() != 20 || text[10] != 'T' || text[13] != ':' || text[16] != ':' ||
      text[19] != 'Z') {
    throw bad();
  }
  const auto day = parse_iso_date(text.substr(0, 10));
  if (!day) throw bad();
  auto two_digits = [&](std::size_t at, int max) {
    int v = -1;
    const auto [end, ec] = std::from_chars(text.data() + at, text.data() + at + 2, v);
    if (ec != std::errc{} || end != text.data() + at + 2 || v < 0 || v > max) throw bad();
    return v;
  };
  const int h = two_digits(11, 23), m = two_digits(14, 59), s = two_digits(17, 59);
  return Instant{date::sys_days{day->time_since_epoch()}} + std::chrono::hours{h} +
         std::chrono::minutes{m} + std::chrono::seconds{s};
}

}  // namespace cw::test_support
