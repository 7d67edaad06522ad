#include "daemon/jobs.h"

#include "app/plan.h"
#include "core/log.h"
#include "daemon/job_sources.h"
#include "notify/plan_source.h"
#include "store/db.h"

namespace cw::daemon {
namespace {

constexpr std::chrono::minutes kRetryAfterFailure{10};
constexpr std::size_t kOutcomesKept = 100;

std::string summary(const ImportRun& run) {
  return std::to_string(run.rows_read) + " read, " + std::to_string(run.added) + " new, " +
         std::to_string(run.updated) + " updated, " + std::to_string(run.cancelled) +
         " cancelled, " + std::to_string(run.rejected_total()) + " rejected";
}

bool changed(const ImportRun& run) {
  return run.state == RunState::ok && (run.added > 0 || run.updated > 0 || run.cancelled > 0);
}

// The matcher after imports (DESIGN.md §9): sessions of the next two weeks
// brought up to date and proposals stored. A failure is logged; the import
// stands.
void replan(store::Database& db, const Clock& clock) {
  const LocalDate today{date::floor<date::days>(clock.now()).time_since_epoch()};
  const auto plan = app::apply_plan(db, clock, app::Actor::system("matcher"),
                                    {today, today + date::days{13}, false});
  if (!plan) {
    log::error("matching after import failed: " + plan.error().message);
    return;
  }
  log::info("matched after import: " + std::to_string(plan->unfilled.size()) +
            " seats unfilled in the next two weeks");
}

// Messages the import's changes call for (moved or cancelled sessions, site
// closures) are planned at once rather than at the delivery worker's next
// periodic pass.
void plan_messages_after(store::Database& db, const Config& config, Instant now) {
  const auto counts = notify::plan_outbox(db, config.notify, now);
  if (!counts) {
    log::error("planning messages after import failed: " + counts.error().message);
  } else if (counts->added > 0 || counts->dropped > 0) {
    log::info("messages after import: " + std::to_string(counts->added) + " planned, " +
              std::to_string(counts->dropped) + " dropped");
  }
}

}  // namespace

JobRunner::JobRunner(std::string db_path, const Clock& clock,
                     std::unique_ptr<scrapers::HttpFetcher> fetcher)
    : db_path_(std::move(db_path)), clock_(clock), fetcher_(std::move(fetcher)) {}

JobRunner::~JobRunner() {
  if (worker_.joinable()) worker_.join();
}

void JobRunner::reap(SteadyTime now) {
  if (!worker_.joinable() || running_) return;
  worker_.join();
  const auto it = interval_.find(current_);
  const auto interval =
      it == interval_.end() ? std::chrono::seconds(kRetryAfterFailure) : it->second;
  next_due_[current_] =
      now + (failed_ ? std::min<std::chrono::seconds>(interval, kRetryAfterFailure) : interval);
  current_.clear();
}

void JobRunner::tick(const Config& config, SteadyTime now) {
  reap(now);
  // Forget sources that left the configuration; note the current intervals.
  std::map<std::string, SteadyTime> due;
  interval_.clear();
  for (const auto& s : config.sources) {
    interval_[s.name] = s.interval;
    const auto it = next_due_.find(s.name);
    due[s.name] = it == next_due_.end() ? now : it->second;
  }
  if (!current_.empty()) due.emplace(current_, now + std::chrono::hours(24));
  next_due_ = std::move(due);
  if (worker_.joinable()) return;

  const SourceConfig* pick = nullptr;
  for (const auto& s : config.sources) {
    if (next_due_[s.name] > now) continue;
    if (!pick || next_due_[s.name] < next_due_[pick->name]) pick = &s;
  }
  if (!pick) return;
  current_ = pick->name;
  running_ = true;
  failed_ = false;
  worker_ = std::thread([this, src = *pick, config] { run(src, config); });
}

void JobRunner::run(const SourceConfig& src, const Config& config) {
  Outcome out{src.name, "failed", ""};
  std::unique_ptr<store::Database> db;
  bool replan_after = false;
  try {
    auto opened = store::Database::open(db_path_, store::OpenMode::read_write_existing);
    if (!opened) {
      out.detail = opened.error().message;
    } else {
      db = std::move(*opened);
      auto run = run_source(*db, src, config, *fetcher_, clock_);
      if (!run) {
        out.detail = run.error().message;
      } else if (!*run) {
        out.state = "unchanged";
      } else {
        out.state = std::string(to_string((*run)->state));
        out.detail = (*run)->state == RunState::ok ? summary(**run) : (*run)->error;
        replan_after = changed(**run);
      }
    }
  } catch (const std::exception& e) {
    out.detail = std::string("internal error: ") + e.what();
  }
  if (out.state == "failed") {
    log::error("import " + src.name + " failed: " + out.detail);
  } else if (out.state == "ok") {
    log::info("import " + src.name + ": " + out.detail);
  } else {
    log::debug("import " + src.name + ": unchanged");
  }
  if (replan_after) {
    try {
      replan(*db, clock_);
      plan_messages_after(*db, config, clock_.now());
    } catch (const std::exception& e) {
      log::error(std::string("matching after import failed: internal error: ") + e.what());
    }
  }
  {
    std::lock_guard lock(mu_);
    outcomes_.push_back(std::move(out));
    if (outcomes_.size() > kOutcomesKept) outcomes_.erase(outcomes_.begin());
    failed_ = outcomes_.back().state == "failed";
  }
  running_ = false;
}

bool JobRunner::drain_for(std::chrono::milliseconds d) {
  const auto until = std::chrono::steady_clock::now() + d;
  while (running_ && std::chrono::steady_clock::now() < until) {
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
  }
  return !running_;
}

std::vector<JobRunner::Outcome> JobRunner::outcomes() const {
  std::lock_guard lock(mu_);
  return outcomes_;
}

}  // namespace cw::daemon
