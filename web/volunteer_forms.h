// The forms of the volunteer's page (DESIGN.md §8): each parses its fields,
// calls the app/ use case and says what the page should do next — redirect
// with a `done` message and an anchor, or show a reason in the volunteer's
// language with an HTTP status (409 a hard constraint or a stale form, 400
// bad input, 404 something not the volunteer's, 500 a failure of ours,
// which is logged without personal data). No rule lives here. Thread-safe as
// far as the Database passed in is (one per thread).
#pragma once

#include <map>
#include <optional>
#include <string>

#include "app/actor.h"
#include "core/clock.h"
#include "store/db.h"
#include "web/i18n.h"
#include "web/volunteer_page.h"

namespace cw::web {

// Form fields as cpp-httplib parses them (a field may repeat).
using FormFields = std::multimap<std::string, std::string>;

struct Outcome {
  std::string done;    // the `done` parameter of the redirect
  std::string anchor;  // fragment of the redirect, may be empty
  int status = 303;
  std::optional<FormError> error;
};

// A record id from a form field or path: decimal digits only, > 0.
std::optional<Id> parse_id(const std::string& s);

// The flash message key for a `done` value, or "" for anything unknown.
std::string flash_key(std::string_view done);

Outcome answer(store::Database& db, const Clock& clock, const app::Actor& who,
               const std::string& assignment, const std::string& verb);
Outcome claim(store::Database& db, const Clock& clock, const app::Actor& who, Lang lang,
              const std::string& session);
Outcome report(store::Database& db, const Clock& clock, const app::Actor& who,
               const std::string& session, const FormFields& form);
Outcome availability(store::Database& db, const Clock& clock, const app::Actor& who,
                     const FormFields& form);

}  // namespace cw::web
