#include "app/report_overview.h"

#include <map>
#include <set>
#include <utility>

#include "app/message_text.h"

namespace cw::app {

Result<ReportOverview> report_overview(store::Database& db, std::optional<std::string> site,
                                       LocalDate from, LocalDate to) {
  if (to < from) {
    return fail(backwards_range(RangeOf::report, from, to));
  }
  ReportOverview out;
  out.from = iso_week_start(from);
  out.to = iso_week_start(to) + date::days{6};
  out.reports = CW_TRY(store::ReportRepo(db).list({std::move(site), out.from, out.to}));
  std::map<std::pair<std::string, LocalDate>, WeekTotals> totals;
  for (const auto& r : out.reports) {
    const LocalDate week = iso_week_start(r.date);
    auto& t = totals[{r.site, week}];
    t.site = r.site;
    t.week = week;
    ++t.reports;
    t.ice_present += r.report.ice_present == store::IcePresent::yes;
    t.detained += r.report.detained_count;
  }
  // Every week of the range for each site with reports, so a quiet week shows as zero.
  std::set<std::string> sites;
  for (const auto& r : out.reports) sites.insert(r.site);
  for (const auto& code : sites) {
    for (LocalDate w = out.from; w <= out.to; w += date::days{7}) {
      auto it = totals.find({code, w});
      out.weeks.push_back(it != totals.end() ? it->second : WeekTotals{code, w, 0, 0, 0});
    }
  }
  return out;
}

}  // namespace cw::app
