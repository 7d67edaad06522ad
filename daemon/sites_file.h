// Loading config/sites.csv (every EOIR court and ICE field office) into the
// sites table. The file is validated whole before anything is written: a bad
// row (unknown time zone, unknown kind, missing field) is an error naming the
// file, line and field, and the table is left as it was.
#pragma once

#include <string>
#include <vector>

#include "core/domain.h"
#include "store/db.h"

namespace cw::daemon {

Result<std::vector<Site>> read_sites_file(const std::string& path);
// Reads the file and writes the sites that are new or differ, in one
// transaction; returns how many were written (0: nothing to do, no write).
Result<std::size_t> sync_sites(store::Database& db, const std::string& path);

}  // namespace cw::daemon
