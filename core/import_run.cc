#include "core/import_run.h"

#include <array>
#include <cstdio>

#include "core/text.h"

namespace cw {

std::string json_escape(std::string_view s) {
  std::string out;
  out.reserve(s.size());
  for (const char ch : s) {
    const auto c = static_cast<unsigned char>(ch);
    switch (ch) {
      case '"':
        out += "\\\"";
        break;
      case '\\':
        out += "\\\\";
        break;
      case '\n':
        out += "\\n";
        break;
      case '\r':
        out += "\\r";
        break;
      case '\t':
        out += "\\t";
        break;
      default:
        if (c < 0x20) {
          char buf[8];
          (void)std::snprintf(buf, sizeof buf, "\\u%04x", c);
          out += buf;
        } else {
          out.push_back(ch);
        }
    }
  }
  return out;
}

std::string ImportRun::rejected_json() const {
  std::string out = "{";
  bool first = true;
  for (const auto& [reason, r] : rejected) {
    if (!first) out += ",";
    first = false;
    out += "\"" + json_escape(reason) + "\":{\"count\":" + std::to_string(r.count) + ",\"lines\":[";
    for (std::size_t i = 0; i < r.lines.size(); ++i) {
      if (i) out += ",";
      out += std::to_string(r.lines[i]);
    }
    out += "]";
    if (auto it = first_error.find(reason); it != first_error.end()) {
      out += ",\"example\":\"" + json_escape(it->second) + "\"";
    }
    if (auto it = first_field.find(reason); it != first_field.end()) {
      out += ",\"field\":\"" + json_escape(it->second) + "\"";
    }
    out += "}";
  }
  return out + "}";
}

namespace {
constexpr std::array<std::pair<std::string_view, RunState>, 4> kRunStates{{
    {"running", RunState::running},
    {"ok", RunState::ok},
    {"failed", RunState::failed},
    {"interrupted", RunState::interrupted},
}};
}  // namespace

std::string_view to_string(RunState s) {
  for (const auto& [name, state] : kRunStates) {
    if (state == s) return name;
  }
  return "?";
}

Result<RunState> parse_run_state(std::string_view s) {
  for (const auto& [name, state] : kRunStates) {
    if (name == s) return state;
  }
  return fail(Error::invalid("unknown import run state '" + std::string(s) + "'"));
}

namespace {
constexpr std::array<std::pair<std::string_view, RunFailure>, 18> kRunFailures{{
    {"unreachable", RunFailure::unreachable},
    {"timed-out", RunFailure::timed_out},
    {"fetch-failed", RunFailure::fetch_failed},
    {"too-large", RunFailure::too_large},
    {"http-status", RunFailure::http_status},
    {"not-http", RunFailure::not_http},
    {"file-missing", RunFailure::file_missing},
    {"file-unreadable", RunFailure::file_unreadable},
    {"not-a-calendar", RunFailure::not_a_calendar},
    {"release-incomplete", RunFailure::release_incomplete},
    {"bad-header", RunFailure::bad_header},
    {"no-date", RunFailure::no_date},
    {"io", RunFailure::io},
    {"bad-input", RunFailure::bad_input},
    {"not-found", RunFailure::not_found},
    {"database", RunFailure::database},
    {"internal", RunFailure::internal},
    {"interrupted", RunFailure::interrupted},
}};
constexpr std::string_view kFailPrefix = "run.fail.";

constexpr std::array<RunFailure, kRunFailures.size()> failure_kinds() {
  std::array<RunFailure, kRunFailures.size()> out{};
  for (std::size_t i = 0; i < out.size(); ++i) out[i] = kRunFailures[i].second;
  return out;
}
constexpr auto kRunFailureKinds = failure_kinds();
}  // namespace

std::string_view to_string(RunFailure f) {
  for (const auto& [name, kind] : kRunFailures) {
    if (kind == f) return name;
  }
  return "internal";
}

std::optional<RunFailure> parse_run_failure(std::string_view s) {
  for (const auto& [name, kind] : kRunFailures) {
    if (name == s) return kind;
  }
  return std::nullopt;
}

std::span<const RunFailure> all_run_failures() { return kRunFailureKinds; }

Phrase run_failure(RunFailure f) {
  return Phrase{std::string(kFailPrefix) + std::string(to_string(f)), {}};
}

Error failed_as(Error e, Phrase p) {
  e.phrase = std::move(p);
  return e;
}

Phrase failure_of(const Error& e) {
  if (e.phrase.key.starts_with(kFailPrefix) &&
      parse_run_failure(std::string_view(e.phrase.key).substr(kFailPrefix.size()))) {
    return e.phrase;
  }
  switch (e.code) {
    case Errc::io:
      return run_failure(RunFailure::io);
    case Errc::invalid_input:
    case Errc::unsupported:
      return run_failure(RunFailure::bad_input);
    case Errc::not_found:
      return run_failure(RunFailure::not_found);
    case Errc::database:
    case Errc::conflict:
      return run_failure(RunFailure::database);
    case Errc::internal:
      break;
  }
  return run_failure(RunFailure::internal);
}

std::string input_label(std::string_view path_or_url) {
  if (path_or_url.find("://") != std::string_view::npos) return url_host(path_or_url);
  while (path_or_url.ends_with('/')) path_or_url.remove_suffix(1);
  const auto slash = path_or_url.rfind('/');
  return std::string(slash == std::string_view::npos ? path_or_url : path_or_url.substr(slash + 1));
}

std::string ImportRun::to_json() const {
  auto str = [](std::string_view v) { return "\"" + json_escape(v) + "\""; };
  auto num = [](std::int64_t v) { return std::to_string(v); };
  std::string out = "{";
  out += "\"id\":" + num(id);
  out += ",\"source\":" + str(source);
  out += ",\"input\":" + str(input);
  out += ",\"state\":" + str(to_string(state));
  out += ",\"started\":" + str(format_instant(started));
  out += ",\"finished\":" +
         (state == RunState::running ? std::string("null") : str(format_instant(finished)));
  out += ",\"rows_read\":" + num(rows_read);
  out += ",\"new\":" + num(added);
  out += ",\"updated\":" + num(updated);
  out += ",\"cancelled\":" + num(cancelled);
  out += ",\"unchanged\":" + num(unchanged);
  out += ",\"rejected\":" + rejected_json();
  out += ",\"error\":" + str(error);
  return out + "}";
}

}  // namespace cw
