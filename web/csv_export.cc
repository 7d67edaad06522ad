#include "web/csv_export.h"

namespace cw::web {

std::string csv_cell(std::string_view value) {
  std::string v;
  if (!value.empty()) {
    const char first = value.front();
    if (first == '=' || first == '+' || first == '-' || first == '@' || first == '\t' ||
        first == '\r') {
      v.push_back('\'');
    }
  }
  v.append(value);
  if (v.find_first_of(",\"\r\n") == std::string::npos) return v;
  std::string quoted = "\"";
  for (const char c : v) {
    if (c == '"') quoted.push_back('"');
    quoted.push_back(c);
  }
  quoted.push_back('"');
  return quoted;
}

void CsvWriter::row(std::initializer_list<std::string_view> cells) {
  bool first = true;
  for (const auto c : cells) {
    if (!first) out_.push_back(',');
    first = false;
    out_ += csv_cell(c);
  }
  out_ += "\r\n";
}

}  // namespace cw::web
