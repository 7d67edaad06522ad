#include <algorithm>
#include <unordered_map>

#include "store/read_models.h"
#include "store/repos.h"

namespace cw::store {
namespace {

std::string grid_text(const Availability& a) {
  std::string g(14, '0');
  for (std::size_t i = 0; i < 14; ++i) g[i] = a.grid[i] ? '1' : '0';
  return g;
}

void sort_unique(std::vector<std::string>& v) {
  std::sort(v.begin(), v.end());
  v.erase(std::unique(v.begin(), v.end()), v.end());
}

bool same_volunteer(Volunteer a, Volunteer b) {
  sort_unique(a.sites);
  sort_unique(b.sites);
  sort_unique(a.languages);
  sort_unique(b.languages);
  auto by_range = [](const DateRange& x, const DateRange& y) {
    return std::tie(x.first, x.last) < std::tie(y.first, y.last);
  };
  auto by_half = [](const HalfDay& x, const HalfDay& y) {
    return std::tie(x.date, x.half) < std::tie(y.date, y.half);
  };
  std::sort(a.availability.blackouts.begin(), a.availability.blackouts.end(), by_range);
  std::sort(b.availability.blackouts.begin(), b.availability.blackouts.end(), by_range);
  std::sort(a.availability.extra.begin(), a.availability.extra.end(), by_half);
  std::sort(b.availability.extra.begin(), b.availability.extra.end(), by_half);
  auto ranges_equal = [](const std::vector<DateRange>& x, const std::vector<DateRange>& y) {
    return std::equal(x.begin(), x.end(), y.begin(), y.end(),
                      [](const DateRange& p, const DateRange& q) {
                        return p.first == q.first && p.last == q.last;
                      });
  };
  return a.name == b.name && a.email == b.email && a.phone == b.phone && a.role == b.role &&
         a.sites == b.sites && a.languages == b.languages && a.max_per_week == b.max_per_week &&
         a.availability.grid == b.availability.grid &&
         ranges_equal(a.availability.blackouts, b.availability.blackouts) &&
         a.availability.extra == b.availability.extra && a.active == b.active &&
         a.locale == b.locale;
}

constexpr const char* kVolunteerColumns =
    "id, handle, name, email, phone, role, max_per_week, grid, active, locale FROM volunteers";

// The grid column: fourteen '0'/'1' characters, Monday morning first.
void read_grid(const std::string& grid, Availability& a) {
  for (std::size_t i = 0; i < 14 && i < grid.size(); ++i) a.grid[i] = grid[i] == '1';
}

// Detail rows (volunteer_id, first, last) and (volunteer_id, date, half).
Result<void> add_blackout(Volunteer& v, const Statement& q) {
  v.availability.blackouts.push_back(
      {CW_TRY(parse_iso_date(q.text(1))), CW_TRY(parse_iso_date(q.text(2)))});
  return {};
}

Result<void> add_extra(Volunteer& v, const Statement& q) {
  v.availability.extra.push_back(
      {CW_TRY(parse_iso_date(q.text(1))), CW_TRY(parse_half(q.text(2)))});
  return {};
}

Result<Volunteer> read_volunteer_row(const Statement& s) {
  Volunteer v;
  v.id = s.int64(0);
  v.handle = s.text(1);
  v.name = s.text(2);
  v.email = s.text(3);
  v.phone = s.text(4);
  v.role = CW_TRY(parse_role(s.text(5)));
  v.max_per_week = s.int32(6);
  read_grid(s.text(7), v.availability);
  v.active = s.int64(8) != 0;
  v.locale = s.text(9);
  return v;
}

}  // namespace

Result<UpsertOutcome> VolunteerRepo::upsert(const Volunteer& v, Instant now) {
  const auto ts = static_cast<std::int64_t>(now.time_since_epoch().count());
  auto existing = CW_TRY(find_by_handle(v.handle));
  Id id = 0;
  if (existing) {
    if (same_volunteer(*existing, v)) return UpsertOutcome::unchanged;
    id = existing->id;
    auto& u = db_.stmt(
        "UPDATE volunteers SET name=?, email=?, phone=?, role=?, max_per_week=?, grid=?, "
        "active=?, locale=?, updated=? WHERE id=?");
    u.bind_all(v.name, v.email, v.phone, to_string(v.role), v.max_per_week,
               grid_text(v.availability), v.active, v.locale, ts, id);
    CW_TRY(u.run());
    for (const char* table :
         {"volunteer_sites", "volunteer_languages", "volunteer_blackouts", "volunteer_extra"}) {
      auto& d = db_.stmt(std::string("DELETE FROM ") + table + " WHERE volunteer_id = ?");
      d.bind(1, id);
      CW_TRY(d.run());
    }
  } else {
    auto& ins = db_.stmt(
        "INSERT INTO volunteers (handle, name, email, phone, role, max_per_week, grid, active, "
        "locale, created, updated) VALUES (?,?,?,?,?,?,?,?,?,?,?)");
    ins.bind_all(v.handle, v.name, v.email, v.phone, to_string(v.role), v.max_per_week,
                 grid_text(v.availability), v.active, v.locale, ts, ts);
    CW_TRY(ins.run());
    id = db_.last_insert_rowid();
  }
  auto sites = v.sites;
  sort_unique(sites);
  for (const auto& site : sites) {
    auto& s = db_.stmt("INSERT INTO volunteer_sites (volunteer_id, site) VALUES (?,?)");
    s.bind_all(id, site);
    CW_TRY(s.run());
  }
  auto languages = v.languages;
  sort_unique(languages);
  for (const auto& lang : languages) {
    auto& s = db_.stmt("INSERT INTO volunteer_languages (volunteer_id, language) VALUES (?,?)");
    s.bind_all(id, lang);
    CW_TRY(s.run());
  }
  for (const auto& r : v.availability.blackouts) {
    auto& s =
        db_.stmt("INSERT INTO volunteer_blackouts (volunteer_id, first, last) VALUES (?,?,?)");
    s.bind_all(id, format_date(r.first), format_date(r.last));
    CW_TRY(s.run());
  }
  for (const auto& e : v.availability.extra) {
    auto& s =
        db_.stmt("INSERT OR IGNORE INTO volunteer_extra (volunteer_id, date, half) VALUES (?,?,?)");
    s.bind_all(id, format_date(e.date), to_string(e.half));
    CW_TRY(s.run());
  }
  return existing ? UpsertOutcome::updated : UpsertOutcome::added;
}

Result<void> VolunteerRepo::load_details(Volunteer& v) {
  auto& s = db_.stmt("SELECT site FROM volunteer_sites WHERE volunteer_id = ? ORDER BY site");
  s.bind(1, v.id);
  while (CW_TRY(s.step())) v.sites.push_back(s.text(0));
  auto& l =
      db_.stmt("SELECT language FROM volunteer_languages WHERE volunteer_id = ? ORDER BY language");
  l.bind(1, v.id);
  while (CW_TRY(l.step())) v.languages.push_back(l.text(0));
  auto& b =
      db_.stmt("SELECT first, last FROM volunteer_blackouts WHERE volunteer_id = ? ORDER BY first");
  b.bind(1, v.id);
  while (CW_TRY(b.step())) {
    v.availability.blackouts.push_back(
        {CW_TRY(parse_iso_date(b.text(0))), CW_TRY(parse_iso_date(b.text(1)))});
  }
  auto& e =
      db_.stmt("SELECT date, half FROM volunteer_extra WHERE volunteer_id = ? ORDER BY date, half");
  e.bind(1, v.id);
  while (CW_TRY(e.step())) {
    v.availability.extra.push_back(
        {CW_TRY(parse_iso_date(e.text(0))), CW_TRY(parse_half(e.text(1)))});
  }
  return {};
}

Result<std::vector<Volunteer>> VolunteerRepo::all() {
  std::vector<Volunteer> out;
  auto& s = db_.stmt(std::string("SELECT ") + kVolunteerColumns + " ORDER BY handle");
  while (CW_TRY(s.step())) out.push_back(CW_TRY(read_volunteer_row(s)));
  // One pass over each detail table instead of four lookups per volunteer
  // (volunteer_blackouts has no index on volunteer_id: a lookup each would
  // scan it once per volunteer). Each table is read in the order
  // load_details() gives, so both paths build the same values.
  std::unordered_map<Id, Volunteer*> by_id;
  by_id.reserve(out.size());
  for (auto& v : out) by_id.emplace(v.id, &v);
  auto each = [&](const char* sql, auto&& add) -> Result<void> {
    auto& q = db_.stmt(sql);
    while (CW_TRY(q.step())) {
      const auto it = by_id.find(q.int64(0));
      if (it != by_id.end()) CW_TRY(add(*it->second, q));
    }
    return {};
  };
  CW_TRY(each("SELECT volunteer_id, site FROM volunteer_sites ORDER BY volunteer_id, site",
              [](Volunteer& v, Statement& q) -> Result<void> {
                v.sites.push_back(q.text(1));
                return {};
              }));
  CW_TRY(
      each("SELECT volunteer_id, language FROM volunteer_languages ORDER BY volunteer_id, language",
           [](Volunteer& v, Statement& q) -> Result<void> {
             v.languages.push_back(q.text(1));
             return {};
           }));
  CW_TRY(
      each("SELECT volunteer_id, first, last FROM volunteer_blackouts ORDER BY volunteer_id, first",
           add_blackout));
  CW_TRY(
      each("SELECT volunteer_id, date, half FROM volunteer_extra ORDER BY volunteer_id, date, half",
           add_extra));
  return out;
}

Result<std::optional<Volunteer>> VolunteerRepo::find_by_handle(const std::string& handle) {
  auto& s = db_.stmt(std::string("SELECT ") + kVolunteerColumns + " WHERE handle = ?");
  s.bind(1, handle);
  if (!CW_TRY(s.step())) return std::optional<Volunteer>{};
  auto v = CW_TRY(read_volunteer_row(s));
  s.reset();
  CW_TRY(load_details(v));
  return std::optional<Volunteer>(std::move(v));
}

Result<std::optional<Volunteer>> VolunteerRepo::find(Id id) {
  auto& s = db_.stmt(std::string("SELECT ") + kVolunteerColumns + " WHERE id = ?");
  s.bind(1, id);
  if (!CW_TRY(s.step())) return std::optional<Volunteer>{};
  auto v = CW_TRY(read_volunteer_row(s));
  s.reset();
  CW_TRY(load_details(v));
  return std::optional<Volunteer>(std::move(v));
}

Result<std::optional<std::pair<std::string, std::string>>> VolunteerRepo::name_and_phone(Id id) {
  auto& s = db_.stmt("SELECT name, phone FROM volunteers WHERE id = ?");
  s.bind(1, id);
  if (!CW_TRY(s.step())) return std::optional<std::pair<std::string, std::string>>{};
  std::pair<std::string, std::string> out{s.text(0), s.text(1)};
  s.reset();
  return std::optional(std::move(out));
}

Result<std::vector<Volunteer>> volunteers_by_ids(Database& db_, const std::vector<Id>& ids) {
  const std::string array = json_id_array(ids);
  std::vector<Volunteer> out;
  out.reserve(ids.size());
  // Sorted here rather than by an ORDER BY, which would copy every whole row
  // into a temporary b-tree first (thousands of them for a page's reasons).
  auto& s = db_.stmt(std::string("SELECT ") + kVolunteerColumns +
                     " WHERE id IN (SELECT value FROM json_each(?1))");
  s.bind(1, array);
  while (CW_TRY(s.step())) out.push_back(CW_TRY(read_volunteer_row(s)));
  std::ranges::sort(out, {}, &Volunteer::handle);
  std::unordered_map<Id, Volunteer*> by_id;
  by_id.reserve(out.size());
  for (auto& v : out) by_id[v.id] = &v;
  // Each detail table in one pass over the same ids.
  auto each_row = [&](const char* sql, auto&& add) -> Result<void> {
    auto& q = db_.stmt(sql);
    q.bind(1, array);
    while (CW_TRY(q.step())) {
      if (auto it = by_id.find(q.int64(0)); it != by_id.end()) CW_TRY(add(*it->second, q));
    }
    return {};
  };
  CW_TRY(
      each_row("SELECT volunteer_id, site FROM volunteer_sites WHERE volunteer_id IN "
               "(SELECT value FROM json_each(?1)) ORDER BY volunteer_id, site",
               [](Volunteer& v, const Statement& q) -> Result<void> {
                 v.sites.push_back(q.text(1));
                 return {};
               }));
  CW_TRY(
      each_row("SELECT volunteer_id, language FROM volunteer_languages WHERE volunteer_id IN "
               "(SELECT value FROM json_each(?1)) ORDER BY volunteer_id, language",
               [](Volunteer& v, const Statement& q) -> Result<void> {
                 v.languages.push_back(q.text(1));
                 return {};
               }));
  CW_TRY(
      each_row("SELECT volunteer_id, first, last FROM volunteer_blackouts WHERE volunteer_id IN "
               "(SELECT value FROM json_each(?1)) ORDER BY volunteer_id, first",
               add_blackout));
  CW_TRY(
      each_row("SELECT volunteer_id, date, half FROM volunteer_extra WHERE volunteer_id IN "
               "(SELECT value FROM json_each(?1)) ORDER BY volunteer_id, date, half",
               add_extra));
  return out;
}

Result<std::vector<Volunteer>> volunteers_for_reasons(Database& db_,
                                                      const std::vector<std::string>& sites,
                                                      const std::vector<Id>& also, LocalDate from,
                                                      LocalDate to) {
  // The rows first, then the volunteers in a vector sized once: there are
  // thousands, and a Volunteer is large to move.
  struct Row {
    std::string site;  // empty for the `also` rows
    Id id = 0;
    Role role = Role::watcher;
    int max_per_week = 0;
    std::string grid;
    bool active = false;
    std::size_t at = 0;  // position in the result
  };
  std::vector<Row> rows;
  std::unordered_map<Id, std::size_t> index;
  auto read = [&](const Statement& q) -> Result<void> {
    const Id id = q.int64(1);
    const auto [it, added] = index.try_emplace(id, index.size());
    rows.push_back({q.text(0), id, CW_TRY(parse_role(q.text(2))), q.int32(3), q.text(4),
                    q.int64(5) != 0, it->second});
    return {};
  };
  // From the index by site, each volunteer's row by id.
  auto& listing = db_.stmt(
      "SELECT vs.site, v.id, v.role, v.max_per_week, v.grid, v.active "
      "FROM volunteer_sites vs INDEXED BY volunteer_sites_by_site CROSS JOIN volunteers v "
      "ON v.id = vs.volunteer_id WHERE vs.site IN (SELECT value FROM json_each(?1))");
  listing.bind(1, json_text_array(sites));
  while (CW_TRY(listing.step())) CW_TRY(read(listing));
  std::vector<Id> rest;
  for (const Id id : also) {
    if (!index.contains(id)) rest.push_back(id);
  }
  if (!rest.empty()) {
    auto& by_id = db_.stmt(
        "SELECT '', id, role, max_per_week, grid, active FROM volunteers "
        "WHERE id IN (SELECT value FROM json_each(?1))");
    by_id.bind(1, json_id_array(rest));
    while (CW_TRY(by_id.step())) CW_TRY(read(by_id));
  }
  std::vector<Volunteer> out(index.size());
  for (auto& r : rows) {
    Volunteer& v = out[r.at];
    if (v.id == 0) {
      v.id = r.id;
      v.role = r.role;
      v.max_per_week = r.max_per_week;
      read_grid(r.grid, v.availability);
      v.active = r.active;
    }
    if (!r.site.empty()) v.sites.push_back(std::move(r.site));
  }
  // The detail tables are small and have no index by date: one pass each.
  auto each_row = [&](const char* sql, auto&& add) -> Result<void> {
    auto& q = db_.stmt(sql);
    q.bind(1, format_date(from)).bind(2, format_date(to));
    while (CW_TRY(q.step())) {
      if (auto it = index.find(q.int64(0)); it != index.end()) CW_TRY(add(out[it->second], q));
    }
    return {};
  };
  CW_TRY(each_row(
      "SELECT volunteer_id, first, last FROM volunteer_blackouts WHERE first <= ?2 AND last >= ?1 "
      "ORDER BY volunteer_id, first",
      add_blackout));
  CW_TRY(
      each_row("SELECT volunteer_id, date, half FROM volunteer_extra WHERE date BETWEEN ?1 AND ?2 "
               "ORDER BY volunteer_id, date, half",
               add_extra));
  return out;
}

}  // namespace cw::store
