#include "scheduler/lp_export.h"

#include <algorithm>
#include <map>
#include <set>

#include "scheduler/eligibility.h"
#include "scheduler/match_instance.h"

namespace cw::scheduler {
namespace {

std::string x_name(int v, int s) { return "x_" + std::to_string(v) + "_" + std::to_string(s); }

// Accumulates "+ 3 a - 5 b" terms and wraps long lines.
class Terms {
 public:
  void add(std::int64_t coef, const std::string& var) {
    if (coef == 0) return;
    text_ += coef < 0 ? " - " : (n_ ? " + " : " ");
    const std::int64_t a = coef < 0 ? -coef : coef;
    if (a != 1) text_ += std::to_string(a) + " ";
    text_ += var;
    if (++n_ % 8 == 0) text_ += "\n  ";
  }
  bool empty() const { return n_ == 0; }
  const std::string& str() const { return text_; }

 private:
  std::string text_;
  int n_ = 0;
};

}  // namespace

std::string export_lp(const MatchInput& in) {
  std::set<std::pair<int, int>> fixed, excluded, previous;
  for (const auto& p : in.fixed) fixed.insert({p.volunteer, p.session});
  for (const auto& p : in.excluded) excluded.insert({p.volunteer, p.session});
  for (const auto& p : in.previous) previous.insert({p.volunteer, p.session});
  // Pairs by session and by volunteer.
  std::map<std::string, std::vector<int>> by_site;
  for (std::size_t v = 0; v < in.volunteers.size(); ++v) {
    for (const auto& site : in.volunteers[v].sites) by_site[site].push_back(static_cast<int>(v));
  }
  std::map<int, std::vector<int>> by_session, by_volunteer;
  for (const auto& [v, s] : fixed) by_session[s].push_back(v);
  for (std::size_t s = 0; s < in.sessions.size(); ++s) {
    const auto it = by_site.find(in.sessions[s].key.site);
    if (it == by_site.end()) continue;
    for (const int v : it->second) {
      const std::pair<int, int> p{v, static_cast<int>(s)};
      if (fixed.contains(p) || excluded.contains(p) ||
          !eligible(in.volunteers[static_cast<std::size_t>(v)], in.sessions[s].key)) {
        continue;
      }
      by_session[p.second].push_back(v);
    }
  }
  for (auto& [s, vs] : by_session) {
    std::sort(vs.begin(), vs.end());
    vs.erase(std::unique(vs.begin(), vs.end()), vs.end());
    for (const int v : vs) by_volunteer[v].push_back(s);
  }
  Terms obj;
  std::string rows, bounds, binaries;
  int row = 0;
  auto constraint = [&](const Terms& t, const std::string& rhs) {
    if (t.empty()) return;
    rows += " c" + std::to_string(++row) + ":" + t.str() + " " + rhs + "\n";
  };
  for (const auto& [s, vs] : by_session) {
    const Session& ses = in.sessions[static_cast<std::size_t>(s)];
    const std::string y1 = "y1_" + std::to_string(s), y2 = "y2_" + std::to_string(s);
    obj.add(100LL * ses.weight(), y1);
    binaries += " " + y1 + "\n";
    Terms seats;
    for (const int v : vs) {
      const auto& vol = in.volunteers[static_cast<std::size_t>(v)];
      seats.add(1, x_name(v, s));
      obj.add((speaks_session_language(vol, ses) ? 10 : 0) + (previous.contains({v, s}) ? 3 : 0),
              x_name(v, s));
      binaries += " " + x_name(v, s) + "\n";
      if (fixed.contains({v, s})) bounds += " " + x_name(v, s) + " = 1\n";
      if (vol.role != Role::trainee) continue;
      Terms partner;  // a trainee needs a non-trainee in the session
      partner.add(1, x_name(v, s));
      for (const int u : vs) {
        if (in.volunteers[static_cast<std::size_t>(u)].role != Role::trainee) {
          partner.add(-1, x_name(u, s));
        }
      }
      constraint(partner, "<= 0");
    }
    seats.add(-1, y1);
    if (ses.need() >= 2) {
      obj.add(40LL * ses.weight(), y2);
      binaries += " " + y2 + "\n";
      seats.add(-1, y2);
      Terms order;
      order.add(1, y2);
      order.add(-1, y1);
      constraint(order, "<= 0");
    }
    constraint(seats, "= 0");
  }
  for (const auto& [v, ss] : by_volunteer) {
    const auto& vol = in.volunteers[static_cast<std::size_t>(v)];
    std::map<std::pair<int, int>, Terms> per_half;
    std::map<int, Terms> per_week;
    Terms load;
    for (const int s : ss) {
      const auto& k = in.sessions[static_cast<std::size_t>(s)].key;
      per_half[{k.date.time_since_epoch().count(), k.half == Half::pm}].add(1, x_name(v, s));
      per_week[iso_week_start(k.date).time_since_epoch().count()].add(1, x_name(v, s));
      load.add(1, x_name(v, s));
    }
    for (const auto& [h, t] : per_half) constraint(t, "<= 1");
    for (const auto& [w, t] : per_week) constraint(t, "<= " + std::to_string(vol.max_per_week));
    for (std::size_t k = 1; k <= ss.size(); ++k) {
      const std::string z = "z_" + std::to_string(v) + "_" + std::to_string(k);
      load.add(-1, z);
      obj.add(-5 * static_cast<std::int64_t>(k - 1), z);
      bounds += " 0 <= " + z + " <= 1\n";
    }
    constraint(load, "= 0");
  }
  std::string out = "\\ courtwatch matching model (matching.md)\nMaximize\n obj:";
  out += obj.empty() ? " 0 dummy" : obj.str();
  out += "\nSubject To\n" + (rows.empty() ? std::string(" c0: dummy >= 0\n") : rows);
  out += "Bounds\n" + bounds + "Binaries\n" + binaries + "End\n";
  return out;
}

}  // namespace cw::scheduler
