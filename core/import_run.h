// The record of one import run: what was read, what changed, what was
// rejected and why (with up to 20 sample line numbers per reason). Importers
// fill it while they stream; store/ persists it; the CLI prints it as JSON.
// Not thread-safe; one run is filled by one thread.
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <span>
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

// Why a run failed as a whole, as a kind that a page or a digest words in
// its reader's language (app/import_text.h: "run.fail.<kind>"), with only
// non-personal parameters: a URL's host, an HTTP status, a file's name
// (never its directory, never a value read from it), a size limit. The
// importers attach it to their Error as its phrase (failed_as()); a run
// whose error carries none gets the kind of its Errc (failure_of()).
// ImportRun::error keeps the English message for the CLI and the log.
enum class RunFailure {
  unreachable,         // host: the name does not resolve or nothing answers
  timed_out,           // host
  fetch_failed,        // host: any other transfer error
  too_large,           // host or file, limit (e.g. "16 MB")
  http_status,         // host, status
  not_http,            // a URL that is not http:// or https://
  file_missing,        // file
  file_unreadable,     // file: not a regular file, permissions, read error
  not_a_calendar,      // file
  release_incomplete,  // file: the release file that is missing
  bad_header,          // file: the header row lacks a required column
  no_date,             // the status page names no date
  io,                  // any other I/O error
  bad_input,           // any other malformed input
  not_found,           // a site or source that does not exist
  database,            // the database refused the run's writes
  internal,
  interrupted,  // the process ended before the run finished
};
std::string_view to_string(RunFailure f);
std::optional<RunFailure> parse_run_failure(std::string_view s);
// Every kind, for catalog checks.
std::span<const RunFailure> all_run_failures();
// The phrase of kind f ("run.fail.<kind>"), to be given its parameters.
Phrase run_failure(RunFailure f);
// `e`, worded for pages by the run failure phrase `p` (Error::phrase).
Error failed_as(Error e, Phrase p);
// The phrase a failed run records for `e`: e's own when it is a run failure
// phrase, else the kind of e.code.
Phrase failure_of(const Error& e);
// What a failure may name of an input: a URL's host, a path's file name.
std::string input_label(std::string_view path_or_url);

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
  // The field (column or property: "date", "ADJ_TIME_START", "RDATE") the
  // first occurrence of each reason broke, when the importer names one: a
  // name, never a value, so a page may show it in any language.
  std::map<std::string, std::string> first_field;
  std::string error;  // why the run failed as a whole, if it did (English)
  Phrase failure;     // the same as a run_failure() phrase; empty key for old runs

  void reject(const std::string& reason, std::int64_t line, const std::string& message,
              const std::string& field = {}) {
    auto& r = rejected[reason];
    ++r.count;
    if (r.lines.size() < kSampleLines) r.lines.push_back(line);
    if (first_error.try_emplace(reason, message).second && !field.empty()) {
      first_field.emplace(reason, field);
    }
  }
  std::int64_t rejected_total() const {
    std::int64_t n = 0;
    for (const auto& [_, r] : rejected) n += r.count;
    return n;
  }
  // {"reason": {"count": N, "lines": [..], "example": "...", "field": "..."}}
  std::string rejected_json() const;
  // The run record of DESIGN.md §10: {"source", "started", "finished",
  // "rows_read", "new", "updated", "cancelled", "unchanged", "rejected"} plus
  // "id", "input", "state" and "error".
  std::string to_json() const;
};

// Escapes s for use inside a JSON string literal (without the quotes).
std::string json_escape(std::string_view s);

}  // namespace cw
