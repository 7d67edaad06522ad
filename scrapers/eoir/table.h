// The shape of an EOIR table: its header, and rows split to fit it.
//
// The release's .csv files are tab-separated with a header row and no quoting.
// Columns are found by name, case-insensitively, because their order and the
// set of extra columns vary between releases. A row with more fields than the
// header has tabs inside its one free-text column (ADJ_MSG in tbl_schedule):
// RowSplitter takes the fields before that column from the left, those after
// it from the right, and joins the surplus back into it; a row with fewer
// fields is padded with empty ones (rule 1). Splitting allocates nothing once
// the splitter has seen a row of the largest size. The views it returns point
// into the line and stay valid until the next split(). Not thread-safe.
#pragma once

#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace cw::scrapers::eoir {

class TableHeader {
 public:
  static TableHeader parse(std::string_view line);
  // Index of the column named `name` (ASCII case-insensitive), if present.
  std::optional<std::size_t> find(std::string_view name) const;
  std::size_t size() const { return names_.size(); }
  const std::string& name(std::size_t i) const { return names_[i]; }

 private:
  std::vector<std::string> names_;  // trimmed, as written
};

class RowSplitter {
 public:
  // `columns` is the header's size; `free_text` the index of the column that
  // may contain tabs, if the table has one.
  RowSplitter(std::size_t columns, std::optional<std::size_t> free_text);

  // Exactly `columns` fields (untrimmed).
  std::span<const std::string_view> split(std::string_view line);
  // How many tab-separated fields the last line had before repair.
  std::size_t raw_fields() const { return raw_fields_; }

 private:
  std::size_t columns_;
  std::optional<std::size_t> free_text_;
  std::vector<std::uint32_t> starts_;  // start offset of each raw field
  std::vector<std::string_view> fields_;
  std::size_t raw_fields_ = 0;
};

}  // namespace cw::scrapers::eoir
