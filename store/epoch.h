// Instants as SQLite columns: whole seconds since the Unix epoch, stored as
// INTEGER. The repositories' one conversion each way (they had a private copy
// each, which also kept them from being compiled as one unity file).
#pragma once

#include <chrono>
#include <cstdint>

#include "core/time.h"

namespace cw::store {

inline std::int64_t seconds(Instant t) {
  return static_cast<std::int64_t>(t.time_since_epoch().count());
}
inline Instant instant(std::int64_t s) { return Instant{std::chrono::seconds{s}}; }

}  // namespace cw::store
