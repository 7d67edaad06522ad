#include "daemon/cli_util.h"

#include <pwd.h>
#include <unistd.h>

#include <cstdio>

namespace cw::daemon {

CLI::Validator iso_date_validator() {
  return CLI::Validator(
      [](std::string& value) -> std::string {
        auto d = parse_iso_date(value);
        return d ? std::string() : d.error().message;
      },
      "DATE");
}

CLI::Validator site_list_validator() {
  return CLI::Validator(
      [](std::string& value) -> std::string {
        if (value.empty()) return "expected site codes like CHI,HOU";
        for (const char c : value) {
          const bool ok = (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') ||
                          (c >= '0' && c <= '9') || c == '-' || c == ',';
          if (!ok) return "expected site codes like CHI,HOU, got '" + value + "'";
        }
        return {};
      },
      "CODES");
}

std::optional<LocalDate> optional_date(const std::string& text) {
  if (text.empty()) return std::nullopt;
  auto d = parse_iso_date(text);
  return d ? std::optional<LocalDate>(*d) : std::nullopt;
}

DateSpan date_span(const std::string& from, const std::string& to, Instant now) {
  const LocalDate today{date::floor<date::days>(now).time_since_epoch()};
  DateSpan span;
  span.from = optional_date(from).value_or(today);
  span.to = optional_date(to).value_or(span.from + date::days{13});
  return span;
}

std::string cli_actor() {
  const passwd* pw = getpwuid(geteuid());
  return std::string("cli:") + (pw != nullptr ? pw->pw_name : std::to_string(geteuid()));
}

bool stdout_is_tty() { return isatty(STDOUT_FILENO) == 1; }

void print_import_run(const ImportRun& run, bool json) {
  if (json) {
    std::printf("%s\n", run.to_json().c_str());
    return;
  }
  std::printf(
      "%s import of %s: %lld rows read, %lld new, %lld updated, %lld cancelled, "
      "%lld unchanged, %lld rejected\n",
      run.source.c_str(), run.input.c_str(), static_cast<long long>(run.rows_read),
      static_cast<long long>(run.added), static_cast<long long>(run.updated),
      static_cast<long long>(run.cancelled), static_cast<long long>(run.unchanged),
      static_cast<long long>(run.rejected_total()));
  for (const auto& [reason, r] : run.rejected) {
    std::string lines;
    for (const auto l : r.lines) lines += (lines.empty() ? "" : ",") + std::to_string(l);
    (void)std::fprintf(stderr, "  rejected %s: %lld row%s (lines %s%s)\n", reason.c_str(),
                       static_cast<long long>(r.count), r.count == 1 ? "" : "s", lines.c_str(),
                       r.count > static_cast<long long>(r.lines.size()) ? ",..." : "");
    if (auto it = run.first_error.find(reason); it != run.first_error.end()) {
      (void)std::fprintf(stderr, "    e.g. %s\n", it->second.c_str());
    }
  }
}

}  // namespace cw::daemon
