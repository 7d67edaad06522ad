// The record of one import run: what was read, what changed, what was
// rejected and why (with up to 20 sample line numbers per reason). Importers
// fill it while they stream; store/ persists it; the CLI prints it as JSON.
// Not thread-safe; one run is filled by one thread.
#pragma once

#include <cstdint>
#include <map>
#include <string>
#include <vector>

#include "core/error.h"
#include "core/time.h"

namespace cw {

struct Rejects {
  std::int64_t count = 0;
  std::vector<std::int64_t> lines;  // the first 20 line numbers
};

// A run's life: running until it ends ok (its data committed) or failed (its
// data rolled back, the error kept); a run a crash left running is closed as
// interrupted when the daemon starts (store::ImportRunRepo::close_interrupted).
enum class RunState { running, ok, failed, interrupted };
std::string_view to_string(RunState s);
Result<RunState> parse_run_state(std::string_view s);

struct ImportRun {
  static constexpr std::size_t kSampleLines = 20;

  std::int64_t id = 0;
  std::string source;  // csv, eoir, ics, status, volunteers
  std::string input;   // file, directory or URL
  Instant started{};
  Instant finished{};
  RunState state = RunState::running;
  std::int64_t rows_read = 0;
  std::int64_t added = 0;  // "new" in JSON
  std::int64_t updated = 0;
  std::int64_t cancelled = 0;
  std::int64_t unchanged = 0;
  std::map<std::string, Rejects> rejected;
  // One human-readable message per reason, with the first occurrence's
  // line, field and expectation ("line 7, field 'date': expected …").
  std::map<std::string, std::string> first_error;
  std::string error;  // why the run failed as a whole, if it did

  void reject(const std::string& reason, std::int64_t line, const std::string& message) {
    auto& r = rejected[reason];
    ++r.count;
    if (r.lines.size() < kSampleLines) r.lines.push_back(line);
    first_error.try_emplace(reason, message);
  }
  std::int64_t rejected_total() const {
    std::int64_t n = 0;
    for (const auto& [_, r] : rejected) n += r.count;
    return n;
  }
  // {"reason": {"count": N, "lines": [..], "example": "..."}}
  std::string rejected_json() const;
  // The run record of DESIGN.md §10: {"source", "started", "finished",
  // "rows_read", "new", "updated", "cancelled", "unchanged", "rejected"} plus
  // "id", "input", "state" and "error".
  std::string to_json() const;
};

// Escapes s for use inside a JSON string literal (without the quotes).
std::string json_escape(std::string_view s);

}  // namespace cw
