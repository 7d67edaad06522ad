// Fuzz target for the ICS importer's parse and expansion (scrapers/ics/
// expand.h), in memory, without a database: arbitrary bytes as a calendar for
// a Chicago site over a fixed 60-day window. It checks: no crash or undefined
// behaviour (libical included), hearings only inside the window with times in
// range and an end after the start, keys that start with "ics:", valid UTF-8
// in every stored text, and only the documented reject reasons.
#include <cstdint>
#include <cstdlib>
#include <set>
#include <string>

#include "core/text.h"
#include "scrapers/ics/expand.h"

namespace {

using namespace cw;
using namespace cw::scrapers::ics;

void check(bool ok) {
  if (!ok) std::abort();
}

const IcsWindow& window() {
  static const IcsWindow w = [] {
    preload_zones();
    const LocalDate first{date::year{2026} / 3 / 1};
    return IcsWindow{"CHI-ERO", *find_zone("America/Chicago"), first, first + date::days{59}};
  }();
  return w;
}

const std::set<std::string>& reasons() {
  static const std::set<std::string> r{"missing-uid",          "bad-dtstart",       "all-day",
                                       "unknown-tzid",         "bad-rrule",         "bad-rdate",
                                       "bad-exdate",           "bad-recurrence-id", "duplicate-uid",
                                       "too-many-occurrences", "invalid-utf8",      "bad-uid"};
  return r;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  const auto& w = window();
  auto x = expand_calendar(text, w, "fuzz.ics");
  if (!x) return 0;
  check(x->events >= 0);
  for (const auto& h : x->hearings) {
    check(w.first <= h.date && h.date <= w.last);
    check(h.start.count() >= 0 && h.start.count() < 24 * 60);
    if (h.stop) check(*h.stop > h.start && h.stop->count() < 24 * 60);
    check(h.source_key.starts_with("ics:"));
    check(h.site == "CHI-ERO");
    check(valid_utf8(h.location) && valid_utf8(h.source_key));
  }
  for (const auto& r : x->rejects) {
    check(reasons().contains(r.reason));
    check(r.line >= 0);
  }
  return 0;
}
