// "2026-02-01T10:00:00Z" as an Instant, for test fixtures. Header-only; used
// from test binaries only. A text that is not such an instant is a bug in
// the test: it throws, naming the text.
#pragma once

#include <date/date.h>

#include <sstream>
#include <stdexcept>
#include <string>

#include "core/time.h"

namespace cw::test_support {

inline Instant utc(const char* iso) {
  std::istringstream in(iso);
  Instant t{};
  in >> date::parse("%Y-%m-%dT%H:%M:%SZ", t);
  if (in.fail() || in.peek() != std::char_traits<char>::eof()) {
    throw std::invalid_argument(
        std::string("expected an instant like 2026-02-01T10:00:00Z, got '") + iso + "'");
  }
  return t;
}

}  // namespace cw::test_support
