#include "core/log.h"

#include <atomic>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <mutex>
#include <string>

#include "core/time.h"

namespace cw::log {
namespace {
std::atomic<int> g_min{static_cast<int>(Level::info)};
std::mutex g_mutex;

const char* name(Level l) {
  switch (l) {
    case Level::debug:
      return "debug";
    case Level::info:
      return "info";
    case Level::warning:
      return "warning";
    case Level::error:
      return "error";
  }
  return "info";
}
}  // namespace

void set_level(Level min) { g_min = static_cast<int>(min); }

bool parse_level(std::string_view n, Level& out) {
  if (n == "debug")
    out = Level::debug;
  else if (n == "info")
    out = Level::info;
  else if (n == "warning")
    out = Level::warning;
  else if (n == "error")
    out = Level::error;
  else
    return false;
  return true;
}

void write(Level level, std::string_view message) {
  if (static_cast<int>(level) > g_min.load()) return;
  static const bool journal = std::getenv("JOURNAL_STREAM") != nullptr;
  std::string line;
  if (journal) {
    line = "<" + std::to_string(static_cast<int>(level)) + ">";
  } else {
    const auto now = std::chrono::floor<std::chrono::seconds>(std::chrono::system_clock::now());
    line = format_instant(now) + " " + name(level) + ": ";
  }
  line.append(message);
  line.push_back('\n');
  std::lock_guard lock(g_mutex);
  (void)std::fwrite(line.data(), 1, line.size(), stderr);  // nowhere to report a failing stderr
}

}  // namespace cw::log
