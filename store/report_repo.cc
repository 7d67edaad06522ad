#include "store/report_repo.h"

#include <algorithm>
#include <nlohmann/json.hpp>

#include "store/collect.h"
#include "store/epoch.h"

namespace cw::store {
namespace {

constexpr const char* kReportColumns = "r.id, r.session_id, r.volunteer_id, r.created, r.body";
constexpr int kAfterColumns = 5;

std::string body_json(const ReportInput& in, int version, Instant updated) {
  return nlohmann::json{{"ice_present", to_string(in.ice_present)},
                        {"detained_count", in.detained_count},
                        {"notes", in.notes},
                        {"version", version},
                        {"updated", seconds(updated)}}
      .dump();
}

Result<Report> read_report(const Statement& q) {
  Report r;
  r.id = q.int64(0);
  r.session = q.int64(1);
  r.volunteer = q.opt_int64(2);
  r.created = instant(q.int64(3));
  const auto j = nlohmann::json::parse(q.text(4), nullptr, false);
  if (!j.is_object()) {
    return fail(Error::database("report " + std::to_string(r.id) + ": body is not a JSON object"));
  }
  r.ice_present = CW_TRY(parse_ice_present(j.value("ice_present", "unsure")));
  r.detained_count = std::max(0, j.value("detained_count", 0));
  r.notes = j.value("notes", "");
  r.version = j.value("version", 1);
  r.updated = instant(j.value("updated", seconds(r.created)));
  return r;
}

}  // namespace

std::string_view to_string(IcePresent p) {
  switch (p) {
    case IcePresent::yes:
      return "yes";
    case IcePresent::no:
      return "no";
    case IcePresent::unsure:
      return "unsure";
  }
  return "unsure";
}

Result<IcePresent> parse_ice_present(std::string_view s) {
  for (const auto p : {IcePresent::yes, IcePresent::no, IcePresent::unsure}) {
    if (to_string(p) == s) return p;
  }
  return fail(
      Error::invalid("ice_present must be yes, no or unsure, not '" + std::string(s) + "'"));
}

Result<SavedReport> ReportRepo::save(const ReportInput& in, Instant now) {
  const auto existing = CW_TRY(find_pair(in.session, in.volunteer));
  if (!existing) {
    auto& q =
        db_.stmt("INSERT INTO reports (session_id, volunteer_id, created, body) VALUES (?,?,?,?)");
    q.bind_all(in.session, in.volunteer, seconds(now), body_json(in, 1, now));
    CW_TRY(q.run());
    return SavedReport{db_.last_insert_rowid(), 1, true};
  }
  if (existing->ice_present == in.ice_present && existing->detained_count == in.detained_count &&
      existing->notes == in.notes) {
    return SavedReport{existing->id, existing->version, false};
  }
  const int version = existing->version + 1;
  auto& q = db_.stmt("UPDATE reports SET body = ? WHERE id = ?");
  q.bind_all(body_json(in, version, now), existing->id);
  CW_TRY(q.run());
  return SavedReport{existing->id, version, true};
}

Result<std::optional<Report>> ReportRepo::find_pair(Id session, Id volunteer) {
  auto& q = db_.stmt(std::string("SELECT ") + kReportColumns +
                     " FROM reports r WHERE r.session_id = ? AND r.volunteer_id = ? "
                     "ORDER BY r.id LIMIT 1");
  q.bind_all(session, volunteer);
  if (!CW_TRY(q.step())) return std::optional<Report>{};
  auto r = read_report(q);
  q.reset();
  if (!r) return fail(r.error());
  return std::optional<Report>(std::move(*r));
}

Result<std::vector<Report>> ReportRepo::for_volunteer(Id volunteer) {
  auto& q = db_.stmt(std::string("SELECT ") + kReportColumns +
                     " FROM reports r WHERE r.volunteer_id = ? ORDER BY r.session_id");
  q.bind(1, volunteer);
  return collect<Report>(q, read_report);
}

Result<std::vector<SiteReport>> ReportRepo::list(const ReportFilter& f) {
  auto& q = db_.stmt(std::string("SELECT ") + kReportColumns +
                     ", s.site, s.date, s.half, s.location, s.judge, coalesce(v.name, '') "
                     "FROM reports r JOIN sessions s ON s.id = r.session_id "
                     "LEFT JOIN volunteers v ON v.id = r.volunteer_id "
                     "WHERE s.date BETWEEN ? AND ? AND (? IS NULL OR s.site = ?) "
                     "ORDER BY s.date, s.half, s.site, s.location, r.id");
  q.bind_all(format_date(f.from), format_date(f.to), f.site, f.site);
  return collect<SiteReport>(q, [](const Statement& row) -> Result<SiteReport> {
    constexpr int k = kAfterColumns;
    SiteReport out;
    out.report = CW_TRY(read_report(row));
    out.site = row.text(k);
    out.date = CW_TRY(parse_iso_date(row.text(k + 1)));
    out.half = CW_TRY(parse_half(row.text(k + 2)));
    out.location = row.text(k + 3);
    out.judge = row.text(k + 4);
    out.volunteer_name = row.text(k + 5);
    return out;
  });
}

Result<std::vector<Report>> ReportRepo::alerts_since(Instant since) {
  auto& q = db_.stmt(std::string("SELECT ") + kReportColumns +
                     " FROM reports r WHERE json_valid(r.body) AND "
                     "coalesce(json_extract(r.body, '$.updated'), r.created) >= ? AND "
                     "(json_extract(r.body, '$.ice_present') = 'yes' OR "
                     " json_extract(r.body, '$.detained_count') > 0) "
                     "ORDER BY coalesce(json_extract(r.body, '$.updated'), r.created), r.id");
  q.bind(1, seconds(since));
  return collect<Report>(q, read_report);
}

}  // namespace cw::store
