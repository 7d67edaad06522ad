// The scheduled-import part of the configuration: `[[sources]]` and `[fetch]`.
//
//   [fetch]                      # limits for every HTTP(S) fetch
//   connect_timeout = 10         # seconds
//   timeout = 120                # seconds, whole transfer
//   max_size_mb = 64             # abort a larger body
//   retries = 3                  # extra attempts on timeouts and 5xx, backoff 1 s, 2 s, 4 s …
//   max_redirects = 5
//
//   [[sources]]
//   name = "partner-checkins"    # unique: [a-z0-9._-], the fetch_state key
//   kind = "ics"                 # ics, status, csv, eoir
//   url = "https://…"            # ics, status: url or path
//   path = "/srv/eoir/current"   # eoir (extracted release directory), csv: path only
//   site = "CHI-ERO"             # ics only, required
//   interval = "6h"              # how often: "90s", "30m", "6h", "1d" (1m … 30d; default 6h)
//
// Validated like the rest of config.cc: an unknown key, a missing or bad
// value is an error naming the file, line and key. Whether `site` exists is
// checked when the source runs (the sites table lives in the database).
// The TOML readers are in config_sources_toml.h (only config.cc needs them).
#pragma once

#include <chrono>
#include <string>
#include <vector>

#include "core/error.h"

namespace cw::daemon {

struct SourceConfig {
  std::string name;
  std::string kind;  // ics, status, csv, eoir
  std::string url;
  std::string path;
  std::string site;
  std::chrono::seconds interval{6 * 3600};
};

struct FetchConfig {
  int connect_timeout_s = 10;
  int timeout_s = 120;
  int max_size_mb = 64;
  int retries = 3;
  int max_redirects = 5;
};

// "90s", "30m", "6h", "1d" → seconds.
Result<std::chrono::seconds> parse_interval(std::string_view text);

}  // namespace cw::daemon
