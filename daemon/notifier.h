// The daemon's delivery worker, built from the configuration (DESIGN.md §7).
//
// make_notifier() wires notify::DeliveryWorker for `courtwatch serve`: the
// configured channels ([smtp], [webhook]), the public URL for links, and the
// digest's reasons for unfilled seats from the matcher's explanation over
// the next days (app::preview_plan: it only reads). The worker runs even
// with no channel configured, so messages are planned and wait in the
// outbox (`courtwatch outbox list`). Not thread-safe: the serve loop owns it.
#pragma once

#include <memory>
#include <string>

#include "core/clock.h"
#include "daemon/config.h"
#include "notify/worker.h"

namespace cw::daemon {

std::unique_ptr<notify::DeliveryWorker> make_notifier(const Config& config,
                                                      const std::string& db_path,
                                                      const std::string& public_url,
                                                      const Clock& clock);

}  // namespace cw::daemon
