// The bundled demo data set (config/demo/): templates whose @WD+n@ tokens
// become the n-th weekday from today, imported through the real CSV
// importers so the demo exercises the same code as production data.
#pragma once

#include <string>

#include "core/clock.h"
#include "store/db.h"

namespace cw::daemon {

// Replaces every @WD+n@ in text with the date of the n-th weekday from today.
Result<std::string> expand_demo_template(std::string_view text, LocalDate today);
// Loads hearings.csv.in and volunteers.csv.in from dir into db, then syncs
// the sessions of the next two weeks and stores the matcher's proposals.
Result<void> load_demo(store::Database& db, const std::string& dir, const Clock& clock);

}  // namespace cw::daemon
