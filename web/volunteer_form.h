// The volunteer form of the coordinator pages (create, edit, availability):
// rendering with the stored or submitted values and per-field errors, and
// reading a submitted form into a Volunteer. Text fields use the volunteers
// CSV's forms (matching.md): sites and languages ';'-separated, blackouts
// "2026-12-24..2026-12-31;2027-01-05", extra half-days "2026-12-02:am"; the
// weekly grid is 7 × 2 checkboxes named grid=mon-am … sun-pm.
// Stateless; thread-safe.
#pragma once

#include <map>
#include <string>

#include "core/domain.h"
#include "web/html.h"
#include "web/i18n.h"

namespace httplib {
struct Request;
}

namespace cw::web {

// Field name → message; empty when the form is valid.
using FieldErrors = std::map<std::string, std::string>;

// The submitted details fields (not the availability) over `base`.
Volunteer read_details(const httplib::Request& req, Volunteer base, Lang lang, FieldErrors& errors);
// The submitted availability (grid, blackouts, extra) over `base`.
Volunteer read_availability(const httplib::Request& req, Volunteer base, Lang lang,
                            FieldErrors& errors);

// The details fields (handle editable only when creating).
void details_fields(Html& h, Lang lang, const Volunteer& v, const FieldErrors& errors,
                    bool creating);
// The availability grid editor plus blackouts and extra half-days. When
// `raw` holds submitted text (a failed save), it is shown instead of `v`'s.
void availability_fields(Html& h, Lang lang, const Volunteer& v, const FieldErrors& errors,
                         const httplib::Request* raw);

}  // namespace cw::web
