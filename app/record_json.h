// The JSON objects of a session and a hearing as the CLI prints them
// (`courtwatch sessions --json`, `hearings --json`) and the JSON API answers
// them (DESIGN.md §8: the API's objects are the CLI's), defined once so the
// two cannot drift. A hearing's source_key (which holds the case reference)
// is not part of the shared object: only the operator's CLI adds it. Pure
// functions, thread-safe.
#pragma once

#include <nlohmann/json.hpp>

#include "core/domain.h"

namespace cw::app {

// id, site, location, judge, date, half, start, end, hearings,
// detained_hearings, types, languages, need, weight, assigned, status, sequence.
nlohmann::json session_record(const Session& s, int assigned);
// site, date, time, end_time, location, judge, type, language, detained, status.
nlohmann::json hearing_record(const Hearing& h);

}  // namespace cw::app
