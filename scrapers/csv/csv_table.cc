#include "scrapers/csv/csv_table.h"

#include <algorithm>

#include "core/import_run.h"
#include "core/text.h"
#include "scrapers/csv/csv_values.h"

namespace cw::scrapers::csv {
namespace {

// ", column 3": where in the header a message points.
std::string column_at(std::size_t i) { return ", column " + std::to_string(i + 1); }

}  // namespace

bool is_blank(const CsvRecord& rec) {
  return std::all_of(rec.fields.begin(), rec.fields.end(),
                     [](const std::string& f) { return trim(f).empty(); });
}

CsvTable::CsvTable(std::istream& in, TableSpec spec, std::size_t max_record_bytes)
    : spec_(std::move(spec)),
      reader_(in, CsvLimits{.max_record_bytes = max_record_bytes}),
      pos_(spec_.columns.size()),
      max_record_bytes_(max_record_bytes) {}

std::string CsvTable::expected_header() const {
  std::string out;
  for (std::size_t i = 0; i < spec_.required; ++i) {
    if (i) out += ',';
    out += spec_.columns[i];
  }
  if (spec_.required < spec_.columns.size()) {
    out += " (optional:";
    for (std::size_t i = spec_.required; i < spec_.columns.size(); ++i) {
      out += ' ' + spec_.columns[i];
    }
    out += ')';
  }
  return out;
}

Error CsvTable::header_error(std::string_view what) const {
  return failed_as(
      Error::invalid(spec_.file + ": line " + std::to_string(rec_.line) + std::string(what)),
      run_failure(RunFailure::bad_header).arg("file", input_label(spec_.file)));
}

Result<void> CsvTable::read_header() {
  for (;;) {
    if (!CW_TRY(read_record())) {
      rec_.line = 1;
      return fail(header_error(": empty file; expected header " + expected_header()));
    }
    if (rec_.status != RecordStatus::ok || !is_blank(rec_)) break;
  }
  if (rec_.status == RecordStatus::too_long) {
    return fail(header_error(": header is longer than " + std::to_string(max_record_bytes_) +
                             " bytes; expected header " + expected_header()));
  }
  if (rec_.status == RecordStatus::unterminated_quote) {
    return fail(
        header_error(": unterminated quote in the header; expected header " + expected_header()));
  }

  std::map<std::string, std::string> aliases;
  for (const auto& [from, to] : spec_.aliases)
    aliases[lower_ascii(trim(from))] = lower_ascii(trim(to));

  width_ = rec_.fields.size();
  col_at_.assign(width_, 0);
  for (std::size_t i = 0; i < width_; ++i) {
    const std::string& raw = rec_.fields[i];
    if (!valid_utf8(raw) || raw.find('\0') != std::string::npos) {
      return fail(header_error(column_at(i) + ": header name is not valid UTF-8"));
    }
    std::string name = lower_ascii(trim(raw));
    if (auto a = aliases.find(name); a != aliases.end()) name = a->second;
    const auto it = std::find(spec_.columns.begin(), spec_.columns.end(), name);
    if (it == spec_.columns.end()) {
      return fail(header_error(column_at(i) + " " + shown_value(trim(raw)) +
                               ": unknown column; expected header " + expected_header()));
    }
    const auto col = static_cast<std::size_t>(it - spec_.columns.begin());
    if (pos_[col]) {
      return fail(header_error(column_at(i) + " " + shown_value(trim(raw)) + ": column '" + name +
                               "' appears twice (first as column " +
                               std::to_string(*pos_[col] + 1) + ")"));
    }
    pos_[col] = i;
    col_at_[i] = col;
  }
  for (std::size_t col = 0; col < spec_.required; ++col) {
    if (!pos_[col]) {
      return fail(header_error(": missing column '" + spec_.columns[col] + "'; expected header " +
                               expected_header()));
    }
  }
  return {};
}

Result<bool> CsvTable::read_record() {
  auto more = reader_.next(rec_);
  if (!more)
    return fail(
        std::move(more).error().context(spec_.file + ": line " + std::to_string(rec_.line)));
  return *more;
}

Result<bool> CsvTable::next() {
  for (;;) {
    if (!CW_TRY(read_record())) return false;
    if (rec_.status != RecordStatus::ok || !is_blank(rec_)) return true;
  }
}

std::optional<RowReject> CsvTable::problem() const {
  // The messages are built only for a rejected row: this runs for every row.
  const auto at = [this] { return spec_.file + ": line " + std::to_string(rec_.line); };
  switch (rec_.status) {
    case RecordStatus::too_long:
      return RowReject{"record-too-long", at() + ": record is longer than " +
                                              std::to_string(max_record_bytes_) +
                                              " bytes; skipped to the end of the line"};
    case RecordStatus::unterminated_quote:
      return RowReject{"unterminated-quote",
                       at() +
                           ": a quoted field is never closed; skipped this line and went on "
                           "with the next"};
    case RecordStatus::ok:
      break;
  }
  if (rec_.fields.size() != width_) {
    return RowReject{"bad-field-count", at() + ": expected " + std::to_string(width_) +
                                            " fields as in the header, got " +
                                            std::to_string(rec_.fields.size())};
  }
  const auto field_reject = [&](std::size_t i, std::string_view what) {
    const std::string& column = spec_.columns[col_at_[i]];
    return RowReject{"invalid-utf8", at() + ", field '" + column + "': " + std::string(what),
                     column};
  };
  for (std::size_t i = 0; i < width_; ++i) {
    const std::string& f = rec_.fields[i];
    if (!valid_utf8(f)) {
      return field_reject(i, "expected UTF-8 text, got an invalid byte sequence at byte " +
                                 std::to_string(invalid_utf8_at(f) + 1));
    }
    if (f.find('\0') != std::string::npos) {
      return field_reject(i, "expected text, got a NUL byte");
    }
  }
  return std::nullopt;
}

std::string_view CsvTable::get(std::size_t col) const {
  if (!pos_[col] || *pos_[col] >= rec_.fields.size()) return {};
  return trim(rec_.fields[*pos_[col]]);
}

RowReject CsvTable::reject(std::string reason, std::size_t col, std::string_view what) const {
  return {std::move(reason),
          spec_.file + ": line " + std::to_string(rec_.line) + ", field '" + spec_.columns[col] +
              "': " + std::string(what),
          spec_.columns[col]};
}

RowReject CsvTable::missing(std::size_t col) const {
  return reject("missing-field", col, "required value is empty");
}

}  // namespace cw::scrapers::csv
