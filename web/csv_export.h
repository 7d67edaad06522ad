// CSV for downloads (sessions, coverage): RFC 4180 quoting, CRLF rows, and
// protection against CSV injection: a cell that a spreadsheet would read as
// a formula (starting with = + - @, tab or carriage return) is prefixed with
// a single quote, so "=HYPERLINK(…)" arrives as text. Stateless.
#pragma once

#include <initializer_list>
#include <string>
#include <string_view>

namespace cw::web {

// One cell, quoted when needed and defused when it could be a formula.
std::string csv_cell(std::string_view value);

class CsvWriter {
 public:
  void row(std::initializer_list<std::string_view> cells);
  const std::string& str() const { return out_; }
  std::string take() { return std::move(out_); }

 private:
  std::string out_;
};

}  // namespace cw::web
