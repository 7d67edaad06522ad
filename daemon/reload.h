// SIGHUP (DESIGN.md §9): which settings a reload applies and which need a
// restart.
//
// Applied on reload: log.level (set here), [[sources]], [import], [backup]
// and [retention] (the job runners read the config on every tick), and
// [notify], [[notify.coordinators]], [smtp] and [webhook] (`serve` restarts
// the delivery worker when they changed: notify_changed()).
// Need a restart (the old value stays in force until then): database.path,
// everything in [server] (the listener and the HTTP server are built once),
// [data], [feeds] (given to the HTTP server at start) and [fetch] (the
// fetcher is built once). Pure functions on Config values; thread-safe.
#pragma once

#include <string>
#include <vector>

#include "daemon/config.h"

namespace cw::daemon {

struct ReloadDiff {
  std::vector<std::string> applied;        // changed keys that take effect now
  std::vector<std::string> needs_restart;  // changed keys that wait for a restart
};

ReloadDiff diff_for_reload(const Config& old_config, const Config& new_config);

// True when the diff applied a notification setting, so the delivery worker
// must be rebuilt with the new configuration.
bool notify_changed(const ReloadDiff& d);

// Applies `next` to `current` as far as a running daemon can (everything the
// job runners read, and the log level), keeping the values of the keys that
// need a restart, and logs one line naming both kinds. Returns the diff.
ReloadDiff apply_reload(Config& current, const Config& next);

}  // namespace cw::daemon
