// Fuzz target for the CSV reader and the hearings-sheet row parsing:
// arbitrary bytes through CsvReader (with small limits and chunk sizes picked
// from the first bytes, so record and chunk boundaries are exercised), then
// through CsvTable with the hearings header and every cell parser the
// importer uses (dates, times, yes/no, type, status). It checks: no crash or
// undefined behaviour, line numbers that never go backwards, no fields on a
// broken record, and parsed dates and times in range.
#include <cstdint>
#include <cstdlib>
#include <sstream>
#include <string>

#include "core/domain.h"
#include "scrapers/csv/csv_reader.h"
#include "scrapers/csv/csv_table.h"
#include "scrapers/csv/csv_values.h"

namespace {

using namespace cw;
using namespace cw::scrapers::csv;

void check(bool ok) {
  if (!ok) std::abort();
}

void read_records(const std::string& data, CsvLimits limits) {
  std::istringstream in(data);
  CsvReader reader(in, limits);
  CsvRecord rec;
  std::int64_t last_line = 0;
  for (int i = 0; i < 100000; ++i) {
    auto more = reader.next(rec);
    if (!more || !*more) break;
    check(rec.line >= last_line && rec.line >= 1);
    last_line = rec.line;
    if (rec.status != RecordStatus::ok) check(rec.fields.empty());
    std::size_t bytes = 0;
    for (const auto& f : rec.fields) bytes += f.size();
    if (rec.status == RecordStatus::ok) check(bytes <= limits.max_record_bytes);
  }
}

void parse_rows(const std::string& data, std::size_t max_record_bytes) {
  const std::string header =
      "date,time,end_time,site,location,judge,type,language,detained,case_ref,status,notes\n";
  std::istringstream in(header + data);
  TableSpec spec{"fuzz.csv",
                 {"date", "time", "end_time", "site", "location", "judge", "type", "language",
                  "detained", "case_ref", "status", "notes", "key"},
                 12,
                 {{"courtroom", "location"}}};
  CsvTable table(in, spec, max_record_bytes);
  if (!table.read_header()) return;
  for (int i = 0; i < 100000; ++i) {
    auto more = table.next();
    if (!more || !*more) break;
    if (table.problem()) continue;
    if (const auto d = parse_sheet_date(table.get(0))) {
      const date::year_month_day ymd{*d};
      check(ymd.ok());
    }
    for (const std::size_t col : {1u, 2u}) {
      if (const auto t = parse_sheet_time(table.get(col))) {
        check(t->count() >= 0 && t->count() < 24 * 60);
      }
    }
    (void)parse_yes_no(table.get(8));
    (void)parse_hearing_type(table.get(6));
    (void)parse_hearing_status(table.get(10));
    const auto shown = shown_value(table.get(4));
    check(shown.size() <= 64);
  }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  if (size < 2) return 0;
  CsvLimits limits;
  limits.max_record_bytes = 8 + data[0] * 4u;  // 8 .. 1028
  limits.chunk_bytes = 1 + data[1] % 64u;      // 1 .. 64
  const std::string text(reinterpret_cast<const char*>(data + 2), size - 2);
  read_records(text, limits);
  parse_rows(text, limits.max_record_bytes);
  return 0;
}
