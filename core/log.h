// The process logger: the one allowed global (a sink, not state).
//
// Lines go to stderr. Under systemd (JOURNAL_STREAM set) each line starts
// with a syslog priority prefix ("<6>") so the journal records the level;
// otherwise with a timestamp and the level name. Never log case references,
// respondent data, tokens or passwords (DESIGN.md §11). Thread-safe.
#pragma once

#include <string_view>

namespace cw::log {

enum class Level { debug = 7, info = 6, warning = 4, error = 3 };

void set_level(Level min);
bool parse_level(std::string_view name, Level& out);
void write(Level level, std::string_view message);

inline void debug(std::string_view m) { write(Level::debug, m); }
inline void info(std::string_view m) { write(Level::info, m); }
inline void warning(std::string_view m) { write(Level::warning, m); }
inline void error(std::string_view m) { write(Level::error, m); }

}  // namespace cw::log
