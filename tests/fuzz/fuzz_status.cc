// Fuzz target for the EOIR operational-status page parser (scrapers/status/
// status_page.h) and the court-name mapping: arbitrary bytes as HTML. It
// checks: no crash or undefined behaviour, entries with a non-empty court and
// bounded cells, line numbers inside the input, a valid date when one is
// found, entity decoding that keeps valid UTF-8 valid, and court names that
// map only to courts (never to an ICE office).
#include <algorithm>
#include <cstdint>
#include <cstdlib>
#include <string>

#include "core/text.h"
#include "scrapers/status/court_names.h"
#include "scrapers/status/status_page.h"

namespace {

using namespace cw;
using namespace cw::scrapers::status;

void check(bool ok) {
  if (!ok) std::abort();
}

const CourtNames& names() {
  static const CourtNames n({
      {"CHI", "Chicago Immigration Court", "", "America/Chicago", SiteKind::immigration_court},
      {"CHI-ERO", "Chicago Field Office (ICE ERO)", "", "America/Chicago",
       SiteKind::ice_field_office},
      {"ATD", "Atlanta - Ted Turner Drive Immigration Court", "", "America/New_York",
       SiteKind::immigration_court},
      {"ANN", "Annandale Immigration Court", "", "America/New_York", SiteKind::immigration_court},
      {"WAS", "Annandale Immigration Court", "", "America/New_York", SiteKind::immigration_court},
  });
  return n;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view html(reinterpret_cast<const char*>(data), size);
  const auto lines = 1 + std::count(html.begin(), html.end(), '\n');
  const auto page = parse_status_page(html);
  if (page.date) check(date::year_month_day{*page.date}.ok());
  for (const auto& e : page.entries) {
    check(!e.court.empty() && e.court.size() <= 500 && e.status.size() <= 500);
    check(e.line >= 1 && e.line <= lines);
    check(classify_status(e.status) == e.kind);
    if (const auto code = names().find(e.court)) check(*code != "CHI-ERO");
  }
  if (valid_utf8(html)) check(valid_utf8(decode_entities(html)));
  return 0;
}
