// Small builders for scheduler tests: sessions and volunteers in a fixed
// fortnight (day 0 = Monday 2026-03-02), with every field at a plain default.
#pragma once

#include <string>
#include <vector>

#include "core/domain.h"

namespace cw::scheduler::testing {

inline LocalDate day(int offset) {
  return LocalDate{date::year{2026} / 3 / 2} + date::days{offset};
}

struct SessionSpec {
  std::string site = "CHI";
  int day = 0;
  Half half = Half::am;
  bool detained = false;
  bool individual = false;
  bool big = false;
  std::vector<std::string> languages = {};
  std::string judge = "Judge A";
};

inline Session make_session(const SessionSpec& spec) {
  Session s;
  s.key = {spec.site, "Courtroom 1", spec.judge, day(spec.day), spec.half};
  s.start = spec.half == Half::am ? TimeOfDay{9 * 60} : TimeOfDay{13 * 60};
  s.end = s.start + TimeOfDay{60};
  s.detained = spec.detained;
  s.individual = spec.individual;
  s.big = spec.big;
  s.hearings = spec.big ? 10 : 1;
  s.detained_hearings = spec.detained ? 1 : 0;
  s.languages = spec.languages;
  return s;
}

inline Volunteer make_volunteer(std::string handle, std::vector<std::string> sites = {"CHI"},
                                Role role = Role::watcher, int max_per_week = 2) {
  Volunteer v;
  v.handle = std::move(handle);
  v.name = v.handle;
  v.sites = std::move(sites);
  v.role = role;
  v.max_per_week = max_per_week;
  v.availability.grid.fill(true);
  return v;
}

}  // namespace cw::scheduler::testing
