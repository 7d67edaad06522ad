// Sessions and sites for the feed generator tests.
#pragma once

#include "feeds/feed_content.h"
#include "tests/support/utc.h"

namespace cw::feeds::testing {

inline Site chicago() {
  return {"CHI", "Chicago Immigration Court", "55 E. Monroe St., Suite 1500, Chicago, IL 60603",
          "America/Chicago", SiteKind::immigration_court};
}

// "2026-02-01T10:00:00Z" as an Instant.
inline Instant at(const char* iso) { return cw::test_support::utc(iso); }

inline SessionFacts facts(Id id, const char* day, int start_min, int end_min,
                          Site site = chicago()) {
  SessionFacts f;
  f.session.id = id;
  f.session.key = {site.code, "Courtroom 5", "Judge Ada Lovelace", *parse_iso_date(day), Half::am};
  f.session.start = TimeOfDay{start_min};
  f.session.end = TimeOfDay{end_min};
  f.session.hearings = 12;
  f.session.detained_hearings = 3;
  f.session.detained = true;
  f.session.languages = {"mam", "spanish"};
  f.session.types = {HearingType::master};
  f.session.sequence = 4;
  f.site = std::move(site);
  f.updated = at("2026-02-01T10:00:00Z");
  f.assigned = 1;
  return f;
}

}  // namespace cw::feeds::testing
