#include "bench/match/generator.h"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <random>

namespace cw::bench {
namespace {

class Dice {
 public:
  explicit Dice(std::uint32_t seed) : rng_(seed) {}
  bool coin(double p) { return std::uniform_real_distribution<>(0, 1)(rng_) < p; }
  int pick(int n) { return static_cast<int>(rng_() % static_cast<unsigned>(std::max(1, n))); }
  int between(int lo, int hi) { return lo + pick(hi - lo + 1); }

 private:
  std::mt19937 rng_;
};

const std::vector<std::string> kLanguages = {"spanish",    "mam",    "k'iche'", "haitian creole",
                                             "portuguese", "arabic", "russian", "mandarin"};

std::string language(Dice& d) {
  if (d.coin(0.35)) return "english";
  if (d.coin(0.75)) return "spanish";
  return kLanguages[1 + static_cast<std::size_t>(d.pick(static_cast<int>(kLanguages.size()) - 1))];
}

void add_session_hearings(const WorldSpec& spec, Dice& d, const std::string& site, LocalDate day,
                          int judge, Half half, World& w, int& serial) {
  const bool detained_docket = d.coin(0.3);
  const bool individual_docket = d.coin(0.35);
  const int count = individual_docket ? d.between(1, 3) : d.between(2, 16);
  TimeOfDay t{half == Half::am ? 8 * 60 + 30 : 13 * 60};
  for (int i = 0; i < count; ++i) {
    Hearing h;
    h.source_key = "bench:" + std::to_string(spec.seed) + ":" + std::to_string(++serial);
    h.site = site;
    h.date = day;
    h.start = t;
    h.location = "Courtroom " + std::to_string(judge + 1);
    h.judge = "Judge " + site + "-" + std::to_string(judge + 1);
    h.type = individual_docket ? HearingType::individual
                               : (d.coin(0.1) ? HearingType::bond : HearingType::master);
    h.language = language(d);
    h.detained = detained_docket && d.coin(0.8);
    h.case_ref = "B" + std::to_string(100000000 + serial);
    w.hearings.push_back(std::move(h));
    t += TimeOfDay{individual_docket ? 60 : 15};
    if (half == Half::am && t >= TimeOfDay{11 * 60 + 45}) t = TimeOfDay{11 * 60 + 45};
  }
}

void add_volunteer(const WorldSpec& spec, Dice& d, int index, World& w) {
  Volunteer v;
  char handle[16];
  (void)std::snprintf(handle, sizeof handle, "v%05d", index + 1);
  v.handle = handle;
  v.name = "Volunteer " + std::to_string(index + 1);
  v.email = v.handle + "@example.org";
  v.role = d.coin(spec.trainee_share) ? Role::trainee : (d.coin(0.15) ? Role::lead : Role::watcher);
  // Volunteers cluster at big courts: site i gets weight ~ 1/(1 + i/10).
  int site = 0;
  do {
    site = d.pick(spec.site_count);
  } while (!d.coin(1.0 / (1.0 + site / 10.0)));
  v.sites.push_back(spec.sites[static_cast<std::size_t>(site)]);
  if (d.coin(0.15)) {
    const int metro = site / 3 * 3;
    const int other = std::min(spec.site_count - 1, metro + d.pick(3));
    if (other != site) v.sites.push_back(spec.sites[static_cast<std::size_t>(other)]);
  }
  if (d.coin(0.45)) v.languages.push_back("spanish");
  if (d.coin(0.05)) v.languages.push_back(kLanguages[1 + static_cast<std::size_t>(d.pick(7))]);
  v.max_per_week = d.coin(0.6) ? 2 : d.between(1, 4);
  const int slots = d.between(2, 6);
  for (int k = 0; k < slots; ++k) v.availability.grid[static_cast<std::size_t>(d.pick(10))] = true;
  if (d.coin(0.1)) {
    const LocalDate b = spec.first_day + date::days{d.pick(spec.weeks * 7)};
    v.availability.blackouts.push_back({b, b + date::days{d.pick(4)}});
  }
  if (d.coin(0.1)) {
    v.availability.extra.push_back(
        {spec.first_day + date::days{d.pick(spec.weeks * 7)}, d.coin(0.5) ? Half::am : Half::pm});
  }
  v.active = d.coin(0.95);
  w.volunteers.push_back(std::move(v));
}

}  // namespace

World generate(const WorldSpec& spec) {
  Dice d(spec.seed);
  World w;
  int serial = 0;
  // A few large courts and many small ones: site s weighs 1 / (1 + s/10),
  // scaled so that sites average sessions_per_site_day (90% of the judge
  // half-days have a docket).
  double total_weight = 0;
  for (int s = 0; s < spec.site_count; ++s) total_weight += 1.0 / (1.0 + s / 10.0);
  for (int s = 0; s < spec.site_count; ++s) {
    const std::string& site = spec.sites[static_cast<std::size_t>(s)];
    const double share = (1.0 / (1.0 + s / 10.0)) / total_weight * spec.site_count;
    const int judges =
        std::max(1, static_cast<int>(std::lround(spec.sessions_per_site_day * share / (2 * 0.9))));
    for (int day = 0; day < spec.weeks * 7; ++day) {
      if (day % 7 >= 5) continue;  // no hearings at weekends
      const LocalDate date = spec.first_day + date::days{day};
      for (int j = 0; j < judges; ++j) {
        for (const Half half : {Half::am, Half::pm}) {
          if (d.coin(0.9)) add_session_hearings(spec, d, site, date, j, half, w, serial);
        }
      }
    }
  }
  for (int i = 0; i < spec.volunteers; ++i) add_volunteer(spec, d, i, w);
  return w;
}

namespace {
std::string quoted(const std::string& s) {
  if (s.find_first_of(",\"\n") == std::string::npos) return s;
  std::string out = "\"";
  for (const char c : s) {
    if (c == '"') out += '"';
    out += c;
  }
  return out + "\"";
}

std::string joined(const std::vector<std::string>& xs) {
  std::string out;
  for (const auto& x : xs) out += (out.empty() ? "" : ";") + x;
  return out;
}
}  // namespace

void write_hearings_csv(const World& w, std::ostream& out) {
  out << "date,time,end_time,site,location,judge,type,language,detained,case_ref,status,notes\n";
  for (const auto& h : w.hearings) {
    out << format_date(h.date) << ',' << format_time(h.start) << ','
        << (h.stop ? format_time(*h.stop) : "") << ',' << h.site << ',' << quoted(h.location) << ','
        << quoted(h.judge) << ',' << to_string(h.type) << ',' << quoted(h.language) << ','
        << (h.detained ? "yes" : "no") << ',' << h.case_ref << ",scheduled,\n";
  }
}

void write_volunteers_csv(const World& w, std::ostream& out) {
  static constexpr const char* kDays[] = {"mon", "tue", "wed", "thu", "fri", "sat", "sun"};
  out << "id,name,email,phone,role,sites,languages,max_per_week,availability,blackouts,extra,"
         "active\n";
  for (const auto& v : w.volunteers) {
    std::string grid;
    for (int day = 0; day < 7; ++day) {
      for (const Half h : {Half::am, Half::pm}) {
        if (!v.availability.weekly(day, h)) continue;
        grid +=
            (grid.empty() ? "" : " ") + std::string(kDays[day]) + "-" + std::string(to_string(h));
      }
    }
    std::string blackouts, extra;
    for (const auto& b : v.availability.blackouts) {
      blackouts += (blackouts.empty() ? "" : ";") + format_date(b.first) +
                   (b.first == b.last ? "" : ".." + format_date(b.last));
    }
    for (const auto& e : v.availability.extra) {
      extra +=
          (extra.empty() ? "" : ";") + format_date(e.date) + ":" + std::string(to_string(e.half));
    }
    out << v.handle << ',' << quoted(v.name) << ',' << v.email << ',' << v.phone << ','
        << to_string(v.role) << ',' << joined(v.sites) << ',' << quoted(joined(v.languages)) << ','
        << v.max_per_week << ',' << grid << ',' << blackouts << ',' << extra << ','
        << (v.active ? "yes" : "no") << '\n';
  }
}

}  // namespace cw::bench
