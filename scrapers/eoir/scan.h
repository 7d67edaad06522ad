// Streaming tbl_schedule.csv through the row rules: the parse layer of the
// EOIR import, without SQLite, so the benchmark and tests can drive it alone.
//
// scan_schedule() reads the file through a LineReader (one 1 MB buffer),
// hands each row to a ScheduleParser, counts rows and rejects (by reason, with
// sample line numbers, in the ImportRun) and calls on_hearing for every row
// that becomes a hearing. The Hearing passed to on_hearing is reused for the
// next row. If on_hearing fails, the scan stops and returns that error; a bad
// row never stops it. Memory does not grow with the file. Not thread-safe.
#pragma once

#include <cstdint>
#include <functional>
#include <string>

#include "core/domain.h"
#include "core/error.h"
#include "core/import_run.h"
#include "core/progress.h"
#include "scrapers/eoir/schedule.h"

namespace cw::scrapers::eoir {

struct ScanStats {
  std::int64_t rows = 0;  // data rows read (the header and empty lines not counted)
  std::int64_t hearings = 0;
  std::int64_t outside_window = 0;
  std::int64_t not_hearing = 0;
  std::int64_t other_site = 0;
  std::int64_t rejected = 0;
  std::uint64_t bytes = 0;  // bytes of the file read
};

using HearingSink = std::function<Result<void>(const Hearing&)>;

Result<ScanStats> scan_schedule(const std::string& path, const ImportScope& scope,
                                const Lookups& lookups, const CustodySet& custody, ImportRun& run,
                                Progress* progress, const HearingSink& on_hearing);

}  // namespace cw::scrapers::eoir
