#include "scrapers/ics/ics_import.h"

#include <filesystem>
#include <fstream>
#include <set>
#include <sstream>

#include "core/import_run.h"
#include "scrapers/csv/csv_run.h"
#include "scrapers/ics/expand.h"
#include "store/closure_repo.h"
#include "store/import_recorder.h"
#include "store/repos.h"

namespace cw::scrapers {
namespace {

Result<ics::IcsWindow> window_for(store::Database& db, const IcsImportOptions& opts,
                                  const Clock& clock) {
  if (opts.horizon_days < 1 || opts.horizon_days > 3660) {
    return fail(
        Error::invalid("horizon must be 1 to 3660 days, got " + std::to_string(opts.horizon_days)));
  }
  const auto site = CW_TRY(store::SiteRepo(db).find(opts.site));
  if (!site) return fail(Error::not_found("unknown site '" + opts.site + "'"));
  const Zone zone = CW_TRY(find_zone(site->timezone));
  const LocalDate first = opts.as_of ? *opts.as_of : local_day(zone, clock.now());
  return ics::IcsWindow{site->code, zone, first, first + date::days{opts.horizon_days - 1}};
}

// Applies closures: a closed site-day (or, partially closed, a non-detained
// hearing on it) is stored cancelled with reason "closure".
void apply_closures(Hearing& h, const store::ClosureDays& closed) {
  const auto it = closed.find(h.date);
  if (it == closed.end() || h.status == HearingStatus::cancelled) return;
  if (it->second == store::ClosureKind::partial && h.detained) return;
  h.status = HearingStatus::cancelled;
  h.cancel_reason = "closure";
}

// Marks the stored hearings of rejected events as seen by this run, so that
// cancel_unseen() leaves them alone: a broken edit is not a cancellation.
Result<void> keep_rejected(store::HearingRepo& repo, const ics::IcsExpansion& x,
                           const ics::IcsWindow& w, const std::string& source, ImportRun& run,
                           Instant now) {
  if (x.kept_uids.empty()) return {};
  const std::set<std::string> uids(x.kept_uids.begin(), x.kept_uids.end());
  store::HearingFilter f;
  f.from = w.first;
  f.to = w.last;
  f.site = w.site;
  f.include_cancelled = false;
  for (const auto& h : CW_TRY(repo.list(f))) {
    if (!h.source_key.starts_with("ics:")) continue;
    const auto bar = h.source_key.find('|');
    const auto uid = h.source_key.substr(4, bar == std::string::npos ? bar : bar - 4);
    if (!uids.contains(uid)) continue;
    if (CW_TRY(repo.upsert(h, source, run.id, now)) == store::UpsertOutcome::unchanged) {
      ++run.unchanged;
    }
  }
  return {};
}

Result<void> store_expansion(store::Database& db, const ics::IcsExpansion& x,
                             const ics::IcsWindow& w, const std::string& source, const Clock& clock,
                             ImportRun& run) {
  run.rows_read = x.events;
  for (const auto& r : x.rejects)
    run.reject(r.reason, r.line, "line " + std::to_string(r.line) + ": " + r.message, r.field);
  const auto closed = CW_TRY(store::ClosureRepo(db).days(w.site, w.first, w.last));
  store::HearingRepo repo(db);
  const Instant now = clock.now();
  for (auto h : x.hearings) {
    apply_closures(h, closed);
    switch (CW_TRY(repo.upsert(h, source, run.id, now))) {
      case store::UpsertOutcome::added:
        ++run.added;
        break;
      case store::UpsertOutcome::updated:
        ++run.updated;
        break;
      case store::UpsertOutcome::unchanged:
        ++run.unchanged;
        break;
      case store::UpsertOutcome::cancelled:
        ++run.cancelled;
        break;
    }
  }
  CW_TRY(keep_rejected(repo, x, w, source, run, now));
  run.cancelled += CW_TRY(repo.cancel_unseen(source, run.id, w.first, w.last, {w.site}, now));
  return {};
}

}  // namespace

Result<std::string> read_small_file(const std::string& path, std::size_t max_bytes) {
  std::ifstream in;
  CW_TRY(csv::open_input(path, in));
  std::error_code ec;
  const auto size = std::filesystem::file_size(path, ec);
  if (!ec && size > max_bytes) {
    const std::string limit = std::to_string(max_bytes / (1024 * 1024)) + " MB";
    return fail(failed_as(
        Error::invalid(csv::display_name(path) + ": larger than " + limit),
        run_failure(RunFailure::too_large).arg("file", input_label(path)).arg("limit", limit)));
  }
  std::ostringstream text;
  text << in.rdbuf();
  if (in.bad()) {
    return fail(failed_as(Error::io(csv::display_name(path) + ": read error"),
                          run_failure(RunFailure::file_unreadable).arg("file", input_label(path))));
  }
  return text.str();
}

Result<ImportRun> import_ics_text(store::Database& db, std::string_view text,
                                  const IcsImportOptions& opts, const Clock& clock) {
  ImportRun run;
  run.source = "ics";
  run.input = opts.input;
  const std::string source =
      opts.source.empty() ? "ics:" + opts.site + ":" + opts.input : opts.source;
  const std::string name =
      opts.input.find("://") != std::string::npos ? opts.input : csv::display_name(opts.input);
  return store::record_import(db, clock, std::move(run), [&](ImportRun& r) -> Result<void> {
    const auto w = CW_TRY(window_for(db, opts, clock));
    const auto x = CW_TRY(ics::expand_calendar(text, w, name));
    return store_expansion(db, x, w, source, clock, r);
  });
}

Result<ImportRun> import_ics_file(store::Database& db, const IcsImportOptions& opts,
                                  const Clock& clock) {
  auto text = read_small_file(opts.input, ics::kMaxTextBytes);
  if (!text) {
    ImportRun run;
    run.source = "ics";
    run.input = opts.input;
    return store::record_import(db, clock, std::move(run),
                                [&](ImportRun&) -> Result<void> { return fail(text.error()); });
  }
  return import_ics_text(db, *text, opts, clock);
}

}  // namespace cw::scrapers
