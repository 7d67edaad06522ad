// Finding the files of an extracted EOIR release.
//
// A release unpacks into a directory whose tables sit at the top or in
// sub-folders (`Data/`, `EOIR Case Data/`, `Lookup/`, sometimes nested one
// level deeper), with file names in varying case (`tblAdjournmentcodes.csv`).
// locate_release() looks in the directory and its sub-folders down to two
// levels, matches names case-insensitively and prefers the shallowest match
// (then the first in name order, so the choice is stable). Only
// tbl_schedule.csv and B_TblProceeding.csv are required; a missing lookup is
// an empty path and degrades names to codes. Thread-safe (no shared state).
#pragma once

#include <string>

#include "core/error.h"

namespace cw::scrapers::eoir {

struct ReleaseFiles {
  std::string schedule;       // tbl_schedule.csv
  std::string proceeding;     // B_TblProceeding.csv
  std::string base_city;      // tblLookupBaseCity.csv
  std::string judge;          // tblLookupJudge.csv
  std::string language;       // tblLanguage.csv
  std::string hloc;           // tblLookupHloc.csv
  std::string schedule_type;  // tbllookupSchedule_Type.csv
};

// Fails (io) when dir cannot be read, (not_found) when a required table is missing.
Result<ReleaseFiles> locate_release(const std::string& dir);

}  // namespace cw::scrapers::eoir
