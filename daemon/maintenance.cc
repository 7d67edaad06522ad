#include "daemon/maintenance.h"

#include "app/retention.h"
#include "core/log.h"
#include "daemon/backup.h"
#include "store/db.h"

namespace cw::daemon {
namespace {

constexpr std::chrono::minutes kMaintenanceRetry{10};
constexpr std::chrono::hours kRetentionEvery{24};
constexpr std::size_t kMaintenanceOutcomesKept = 50;

}  // namespace

MaintenanceRunner::MaintenanceRunner(std::string db_path, const Clock& clock)
    : db_path_(std::move(db_path)), clock_(clock) {}

MaintenanceRunner::~MaintenanceRunner() {
  if (worker_.joinable()) worker_.join();
}

void MaintenanceRunner::note(std::string line) {
  std::lock_guard lock(mu_);
  outcomes_.push_back(std::move(line));
  if (outcomes_.size() > kMaintenanceOutcomesKept) outcomes_.erase(outcomes_.begin());
}

std::vector<std::string> MaintenanceRunner::outcomes() const {
  std::lock_guard lock(mu_);
  return outcomes_;
}

void MaintenanceRunner::reap(SteadyTime now) {
  if (!worker_.joinable() || running_) return;
  worker_.join();
  const auto retry = now + kMaintenanceRetry;
  if (current_ == Job::backup) next_backup_ = failed_ ? retry : now + backup_interval_;
  if (current_ == Job::retention) next_retention_ = failed_ ? retry : now + kRetentionEvery;
  current_ = Job::none;
}

void MaintenanceRunner::tick(const Config& config, SteadyTime now) {
  reap(now);
  if (worker_.joinable()) return;
  const auto& m = config.maintenance;
  backup_interval_ = m.backup_interval;
  Job job = Job::none;
  if (!m.backup_dir.empty() && next_backup_ <= now) {
    job = Job::backup;
  } else if (next_retention_ <= now) {
    job = Job::retention;
  }
  if (job == Job::none) return;
  current_ = job;
  running_ = true;
  failed_ = false;
  worker_ = std::thread([this, job, m] {
    auto db = store::Database::open(db_path_, store::OpenMode::read_write_existing);
    if (!db) {
      failed_ = true;
      log::error("maintenance: cannot open the database: " + db.error().message);
    } else if (job == Job::backup) {
      auto path = write_backup(**db, m.backup_dir, m.backup_keep, clock_);
      failed_ = !path;
      if (path) {
        log::info("backup written and verified: " + *path);
        note("backup ok " + *path);
      } else {
        log::error("backup failed: " + path.error().message);
        note("backup failed: " + path.error().message);
      }
    } else {
      auto r = app::anonymize_before(**db, app::retention_cutoff(clock_, m.retention_days), clock_);
      failed_ = !r;
      if (r) {
        const std::string line = "retention ok: " + std::to_string(r->assignments) +
                                 " assignments, " + std::to_string(r->reports) + " reports, " +
                                 std::to_string(r->forbidden) + " forbidden pairs, " +
                                 std::to_string(r->messages) + " messages anonymized or removed";
        log::info(line + " (older than " + std::to_string(m.retention_days) + " days)");
        note(line);
      } else {
        log::error("retention failed: " + r.error().message);
        note("retention failed: " + r.error().message);
      }
    }
    running_ = false;
  });
}

bool MaintenanceRunner::drain_for(std::chrono::milliseconds d) {
  const auto until = std::chrono::steady_clock::now() + d;
  while (running_ && std::chrono::steady_clock::now() < until) {
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
  }
  return !running_;
}

}  // namespace cw::daemon
