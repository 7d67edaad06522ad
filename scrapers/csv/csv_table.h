// A CSV file read as a table with a fixed set of named columns.
//
// CsvTable sits on a CsvReader and knows the file's contract: the canonical
// column names (some required, some optional), the aliases a config may map
// onto them, and what makes a record unusable as a row. read_header() turns
// whole-file problems (empty file, unknown, duplicate or missing column, a
// broken header) into an Error that names the file, the line and the column;
// after it, next() walks the data records, skipping blank lines, and
// problem() says why the current record cannot be aligned with the header
// (too long, unterminated quote, wrong field count, invalid UTF-8 or a NUL
// byte). Messages never quote the fields of a record that failed these
// checks, so nothing private can leak through them.
//
// Not thread-safe: one table per input stream.
#pragma once

#include <cstdint>
#include <istream>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/error.h"
#include "scrapers/csv/csv_reader.h"

namespace cw::scrapers::csv {

struct TableSpec {
  std::string file;                            // the name used in messages, e.g. "hearings.csv"
  std::vector<std::string> columns;            // canonical names, lowercase
  std::size_t required = 0;                    // the first `required` columns must be in the header
  std::map<std::string, std::string> aliases;  // other header name -> canonical name
};

// Why one row was skipped: a reason name for the run record ("bad-date") and
// a message naming file, line, field and what was expected.
struct RowReject {
  std::string reason;
  std::string message;
  std::string field = {};  // the column's canonical name, when one column is at fault
};

class CsvTable {
 public:
  CsvTable(std::istream& in, TableSpec spec, std::size_t max_record_bytes);

  // Reads and checks the header. Call once, before next().
  Result<void> read_header();
  // Moves to the next data record that is not blank; false at end of input.
  Result<bool> next();

  std::int64_t line() const { return rec_.line; }
  // Why the current record cannot be read as a row, if it cannot.
  std::optional<RowReject> problem() const;
  // True when the header has this canonical column (an index into spec.columns).
  bool has(std::size_t col) const { return pos_[col].has_value(); }
  // The current record's value of a column, trimmed; empty when the column
  // is absent. Only valid when problem() is empty.
  std::string_view get(std::size_t col) const;

  // "hearings.csv: line 7, field 'date': <what>"
  RowReject reject(std::string reason, std::size_t col, std::string_view what) const;
  // "hearings.csv: line 7, field 'date': required value is empty"
  RowReject missing(std::size_t col) const;
  const TableSpec& spec() const { return spec_; }

 private:
  Result<bool> read_record();  // io errors name the file
  Error header_error(std::string_view what) const;
  std::string expected_header() const;

  TableSpec spec_;
  CsvReader reader_;
  CsvRecord rec_;
  std::size_t width_ = 0;                        // fields per record, from the header
  std::vector<std::optional<std::size_t>> pos_;  // canonical column -> field position
  std::vector<std::size_t> col_at_;              // field position -> canonical column
  std::size_t max_record_bytes_;
};

// True when every field is empty or blank (a spreadsheet's empty row).
bool is_blank(const CsvRecord& rec);

}  // namespace cw::scrapers::csv
