// When to try a message again after a transient failure (DESIGN.md §7).
//
// Exponential backoff with jitter: attempt n (1-based, the attempt that just
// failed) waits base·2^(n-1), capped at `max`, of which a random half is
// taken off ("equal jitter"), so that messages failing together against a
// recovering server do not come back together. `jitter` is a number in
// [0, 1) drawn by the caller (the worker uses libsodium's randombytes; the
// tests pass fixed values). Pure, thread-safe.
#pragma once

#include <chrono>

#include "notify/notify_config.h"

namespace cw::notify {

std::chrono::seconds backoff_delay(int attempt, const DeliveryConfig& config, double jitter);
// Whether a message that failed transiently on attempt `attempt` gets another.
bool retry_allowed(int attempt, const DeliveryConfig& config);

}  // namespace cw::notify
