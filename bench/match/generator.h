// Synthetic court-watch data for the matcher benchmark.
//
// generate() makes a deterministic (seeded) world: sites grouped three to a
// metro area, hearings on the weekdays of the horizon (judges per site vary
// like real courts: a few big ones, many small; detained, individual and
// non-English shares near EOIR's), and volunteers who each list one site or,
// sometimes, a second one in their metro, with a weekly half-day grid,
// languages, caps, blackouts and extra half-days. write_hearings_csv() and
// write_volunteers_csv() emit the coalition CSV (DESIGN.md §4) and the
// volunteers CSV (matching.md) so the same world can be imported with
// `courtwatch import csv` and `courtwatch volunteers import`. Pure except for
// the writers; not thread-safe across calls sharing a World.
#pragma once

#include <cstdint>
#include <ostream>
#include <string>
#include <vector>

#include "core/domain.h"

namespace cw::bench {

struct WorldSpec {
  std::vector<std::string> sites;  // site codes; the first `site_count` are used
  int site_count = 2;
  int volunteers = 30;
  int sessions_per_site_day = 22;  // average; both halves together
  int weeks = 2;
  double trainee_share = 0.1;
  LocalDate first_day{};  // a Monday
  std::uint32_t seed = 1;
};

struct World {
  std::vector<Hearing> hearings;
  std::vector<Volunteer> volunteers;
};

World generate(const WorldSpec& spec);
void write_hearings_csv(const World& w, std::ostream& out);
void write_volunteers_csv(const World& w, std::ostream& out);

}  // namespace cw::bench
