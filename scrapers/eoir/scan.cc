#include "scrapers/eoir/scan.h"

#include "core/import_run.h"
#include "scrapers/eoir/line_reader.h"

namespace cw::scrapers::eoir {

Result<ScanStats> scan_schedule(const std::string& path, const ImportScope& scope,
                                const Lookups& lookups, const CustodySet& custody, ImportRun& run,
                                Progress* progress, const HearingSink& on_hearing) {
  auto reader = CW_TRY(LineReader::open(path));
  std::string_view line;
  if (!CW_TRY(reader.next(line))) {
    return fail(failed_as(Error::invalid(path + ": empty file (expected a header row)"),
                          run_failure(RunFailure::bad_header).arg("file", input_label(path))));
  }
  auto parser = ScheduleParser::create(line, scope, lookups, custody);
  if (!parser) {
    return fail(failed_as(std::move(parser).error().context(path),
                          run_failure(RunFailure::bad_header).arg("file", input_label(path))));
  }

  if (progress) progress->begin("tbl_schedule", reader.file_size());
  ScanStats stats;
  Hearing hearing;
  RowReject reject;
  while (CW_TRY(reader.next(line))) {
    if (line.empty()) continue;
    ++stats.rows;
    if ((stats.rows & 0xFFFF) == 0 && progress) {
      progress->update(reader.bytes_read(), static_cast<std::uint64_t>(stats.rows));
    }
    const auto line_no = reader.line_number();
    if (reader.truncated()) {
      ++stats.rejected;
      run.reject("line-too-long", line_no,
                 "line " + std::to_string(line_no) + ": longer than the read buffer");
      continue;
    }
    switch (parser->parse(line, line_no, hearing, reject)) {
      case RowFate::hearing:
        ++stats.hearings;
        CW_TRY(on_hearing(hearing));
        break;
      case RowFate::outside_window:
        ++stats.outside_window;
        break;
      case RowFate::not_hearing:
        ++stats.not_hearing;
        break;
      case RowFate::other_site:
        ++stats.other_site;
        break;
      case RowFate::rejected:
        ++stats.rejected;
        run.reject(std::string(reject.reason), line_no, reject.message, std::string(reject.field));
        break;
    }
  }
  stats.bytes = reader.bytes_read();
  run.rows_read = stats.rows;
  if (progress) {
    progress->update(stats.bytes, static_cast<std::uint64_t>(stats.rows));
    progress->end();
  }
  return stats;
}

}  // namespace cw::scrapers::eoir
