// A synthetic EOIR case-data release, written in the real format with the
// real quirks, for the import benchmark and for tests at small size.
//
// write_synthetic_release() lays out a release directory (tables under
// `Data/`, lookups under `Lookup/`, file names in mixed case) whose
// tbl_schedule.csv has the real 30 columns, tab-separated, latin-1, CRLF, and
// the quirks at realistic rates: tabs inside ADJ_MSG (~1% of rows), short rows,
// N/A / b6 / ??? values, afternoon times written `0130`, `830` and `8:30`
// forms, trailing spaces, latin-1 bytes, unknown sites, bad start times; the
// lookups contain NUL bytes, trailing spaces and duplicate inactive hearing
// locations. Each row's fate (outside the window, not a hearing, rejected for
// a reason, or a hearing) is decided first and the quirks are chosen so they
// cannot change it, which lets the generator report what a correct import must
// count (SynthExpect). Output is deterministic for a given seed. Thread-safe
// (no shared state).
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "core/domain.h"
#include "core/error.h"

namespace cw::bench {

struct SynthOptions {
  std::string dir;  // created if missing
  std::int64_t rows = 1000;
  LocalDate as_of{};  // the import's as-of date; the window starts here
  int horizon_days = 60;
  double window_fraction = 0.05;  // share of rows dated inside the window
  std::uint64_t seed = 1;
  bool crlf = true;
};

struct SynthExpect {
  std::int64_t rows = 0;
  std::int64_t outside_window = 0;
  std::int64_t not_hearing = 0;
  std::int64_t unknown_site = 0;  // rejected "unknown-site"
  std::int64_t bad_time = 0;      // rejected "bad-time"
  std::int64_t hearings = 0;
  std::int64_t cancelled = 0;  // hearings with an adjournment reason
  std::int64_t detained = 0;
  std::int64_t tabs_in_msg = 0;  // rows repaired by rule 1
  std::int64_t short_rows = 0;
  std::string schedule_path;
  std::uint64_t schedule_bytes = 0;
  std::uint64_t proceeding_bytes = 0;
};

// The sites the synthetic release uses (codes, names, IANA zones).
std::vector<Site> synth_sites();

Result<SynthExpect> write_synthetic_release(const SynthOptions& opts);

}  // namespace cw::bench
