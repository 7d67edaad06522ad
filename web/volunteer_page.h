// The volunteer's self-service page (DESIGN.md §8 "Volunteer pages"),
// rendered from a VolunteerView: upcoming sessions with their states and
// confirm/decline forms (each under the anchor `assignment-{id}`), open
// sessions the volunteer may claim, the availability grid and blackouts, the
// webcal:// subscription, a report form per ended session, and the way to
// erase one's data. Every form posts with the hidden `csrf` field; nothing a
// GET shows changes anything. Values are escaped by construction
// (web/html.h); no case reference is ever part of a view. Pure functions of
// their inputs, thread-safe.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "app/volunteer_self.h"
#include "core/domain.h"
#include "store/agenda_repo.h"
#include "web/i18n.h"

namespace cw::web {

// What went wrong with the last form, shown above the page.
struct FormError {
  std::string key;         // volunteer_text key ("error.double-booked", ...)
  std::string detail_key;  // a second key that says more ("error.detained_count"), or empty
  std::string detail;      // e.g. the clashing session, already in the volunteer's words
};

struct VolunteerView {
  app::VolunteerPage page;
  std::string webcal_url;  // empty when the volunteer has no feed token
  std::string base_path;   // "/v/{token}"
  std::string csrf;
  std::string flash_key;  // a "flash.*" key after a successful form, or empty
  std::optional<FormError> error;
};

Lang volunteer_lang(const Volunteer& v);

// The availability grid's checkbox value for a half day: "mon-am" ... "sun-pm"
// (day 0 is Monday), what the page shows and the availability form reads.
std::string slot_value(int day, Half half);
std::string render_volunteer_page(const VolunteerView& view);
std::string render_erase_confirmation(const VolunteerView& view);
// After erasure, and for unknown or revoked links.
std::string render_volunteer_notice(Lang lang, std::string_view title_key,
                                    std::string_view body_key);
// "Tuesday 2026-12-01, morning, Courtroom 5 at Chicago Immigration Court" in
// the volunteer's words (used for the double-booking reason too).
std::string describe_session(Lang lang, const store::PlacedSession& at);

}  // namespace cw::web
