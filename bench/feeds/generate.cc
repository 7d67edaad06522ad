// bench_feeds_generate: time to render one calendar feed with libical.
//
// Builds a site feed of N sessions (default 50) over three zones, one of them
// on a DST change day (UTC fallback), and renders it repeatedly on one
// thread, as a cache miss in the daemon would. Prints the mean, p50 and p99
// per render and the body size. Target (issue 5): a 50-session feed < 1 ms.
// Usage: bench_feeds_generate [SESSIONS] [ROUNDS]
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <vector>

#include "feeds/ical_writer.h"
#include "feeds/ical_zones.h"

namespace {

using namespace cw;

std::vector<feeds::SessionFacts> sessions(int n) {
  const Site sites[] = {
      {"CHI", "Chicago Immigration Court", "55 E. Monroe St., Suite 1500, Chicago, IL 60603",
       "America/Chicago", SiteKind::immigration_court},
      {"PHO", "Phoenix Immigration Court", "250 N. Seventh Ave., Suite 300, Phoenix, AZ 85007",
       "America/Phoenix", SiteKind::immigration_court},
      {"AGA", "Hagatna (Guam) Immigration Court hearing location", "203 Aspinall Avenue",
       "Pacific/Guam", SiteKind::immigration_court}};
  const LocalDate first = *parse_iso_date("2026-10-26");
  std::vector<feeds::SessionFacts> out;
  for (int i = 0; i < n; ++i) {
    feeds::SessionFacts f;
    f.site = sites[i % 3];
    Session& s = f.session;
    s.id = 1000 + i;
    s.key = {f.site.code, "Courtroom " + std::to_string(i % 12 + 1),
             "Judge Number " + std::to_string(i % 7), first + date::days{i / 4},
             i % 2 ? Half::pm : Half::am};
    s.start = TimeOfDay{i % 2 ? 13 * 60 : (i % 8 == 0 ? 90 : 8 * 60 + 30)};
    s.end = s.start + TimeOfDay{180};
    s.hearings = 5 + i % 20;
    s.detained_hearings = i % 3;
    s.detained = s.detained_hearings > 0;
    s.languages = {"spanish", "mam"};
    s.types = {HearingType::master, HearingType::bond};
    s.sequence = i % 4;
    f.updated = Instant{std::chrono::seconds{1790000000 + i}};
    f.assigned = i % 3;
    out.push_back(std::move(f));
  }
  return out;
}

}  // namespace

int main(int argc, char** argv) {
  const int n = argc > 1 ? std::stoi(argv[1]) : 50;
  const int rounds = argc > 2 ? std::stoi(argv[2]) : 2000;
  preload_zones();
  feeds::preload_ical_zones();
  const auto all = sessions(n);
  const Instant now{std::chrono::seconds{1790000000}};
  const auto sel = feeds::select_events(feeds::FeedKind::site, all, now);
  feeds::FeedSpec spec;
  spec.kind = feeds::FeedKind::site;
  spec.calendar_name = "Court watch · bench";
  spec.public_url = "https://watch.example.org";
  spec.coordinator_contact = "Maria, +1 312 555 0100, watch@example.org";
  spec.stamp = sel.last_modified;
  std::vector<double> us;
  std::size_t bytes = 0;
  for (int r = 0; r < rounds + 50; ++r) {
    const auto t0 = std::chrono::steady_clock::now();
    auto body = feeds::render_calendar(spec, sel);
    const auto t1 = std::chrono::steady_clock::now();
    if (!body) {
      (void)std::fprintf(stderr, "render failed: %s\n", body.error().message.c_str());
      return 1;
    }
    bytes = body->size();
    if (r >= 50) us.push_back(std::chrono::duration<double, std::micro>(t1 - t0).count());
  }
  std::sort(us.begin(), us.end());
  double sum = 0;
  for (double v : us) sum += v;
  std::printf(
      "feeds generate: %zu events, %zu bytes: mean %.0f us, p50 %.0f us, p99 %.0f us "
      "(%d rounds)\n",
      sel.events.size(), bytes, sum / static_cast<double>(us.size()), us[us.size() / 2],
      us[us.size() * 99 / 100], rounds);
  return 0;
}
