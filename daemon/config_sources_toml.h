// The TOML readers behind config_sources.h, for config.cc.
#pragma once

#include <toml++/toml.h>

#include "daemon/config_sources.h"

namespace cw::daemon {

// `node` is the value of the root key "sources" (an array of tables).
Result<std::vector<SourceConfig>> read_sources(const std::string& file, const toml::node& node);
// `node` is the value of the root key "fetch" (a table).
Result<FetchConfig> read_fetch(const std::string& file, const toml::node& node);

}  // namespace cw::daemon
