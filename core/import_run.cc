#include "core/import_run.h"

#include <array>
#include <cstdio>

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
