// Small pieces shared by the command files: CLI11 validators for our value
// formats and console output helpers.
#pragma once

#include <CLI/CLI.hpp>
#include <optional>
#include <string>

#include "core/import_run.h"
#include "core/time.h"

namespace cw::daemon {

// Accepts YYYY-MM-DD (a usage error otherwise, exit code 2).
CLI::Validator iso_date_validator();
// Accepts a comma-separated list of site codes (letters, digits, '-').
CLI::Validator site_list_validator();
std::optional<LocalDate> optional_date(const std::string& text);
// The dates of --from/--to: by default today (UTC date of now) and from + 13
// days (two weeks), both inclusive.
struct DateSpan {
  LocalDate from{};
  LocalDate to{};
};
DateSpan date_span(const std::string& from, const std::string& to, Instant now);
// Who runs this command, for the audit log: "cli:<unix user>".
std::string cli_actor();
// True when stdout is a terminal (for progress bars and tables).
bool stdout_is_tty();
// Prints an import run: its JSON record on stdout with --json, otherwise a
// one-line summary on stdout and one line per rejection reason on stderr.
void print_import_run(const ImportRun& run, bool json);

}  // namespace cw::daemon
