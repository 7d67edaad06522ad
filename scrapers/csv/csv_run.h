// Opening an import's input file, and naming it in messages. (Runs are
// recorded by store/import_recorder.h.) Thread-safe: no shared state.
#pragma once

#include <fstream>
#include <string>

#include "core/error.h"

namespace cw::scrapers::csv {

// Opens a file for binary reading; an io Error naming the file otherwise.
Result<void> open_input(const std::string& path, std::ifstream& in);

// The file name used in messages: the last path component.
std::string display_name(const std::string& path);

}  // namespace cw::scrapers::csv
