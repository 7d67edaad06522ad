// The maintenance jobs of `courtwatch serve` (DESIGN.md §9, §11): the online
// backup (when [backup] dir is set: at start-up, then every backup.interval)
// and the retention purge (at start-up, then daily; [retention] days).
//
// Like JobRunner, driven by the main loop: tick() about once a second with
// the current configuration (so SIGHUP changes apply on the next tick) and a
// steady-clock time; a due job runs on this runner's own worker thread with
// its own Database connection, one at a time, so a long backup never blocks
// the loop or an import (SQLite's backup API reads a snapshot while imports
// write, in WAL mode). A failure is logged and retried after 10 minutes.
// drain_for() waits (bounded) for the running job on SIGTERM. Not
// thread-safe itself: one thread (the main loop) calls it.
#pragma once

#include <atomic>
#include <chrono>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

#include "core/clock.h"
#include "daemon/config.h"

namespace cw::daemon {

class MaintenanceRunner {
 public:
  using SteadyTime = std::chrono::steady_clock::time_point;

  MaintenanceRunner(std::string db_path, const Clock& clock);
  MaintenanceRunner(const MaintenanceRunner&) = delete;
  MaintenanceRunner& operator=(const MaintenanceRunner&) = delete;
  ~MaintenanceRunner();  // waits for the running job

  void tick(const Config& config, SteadyTime now);
  bool drain_for(std::chrono::milliseconds d);
  bool busy() const { return running_; }
  // "backup ok /path", "retention ok ...", "backup failed: ..." newest last.
  std::vector<std::string> outcomes() const;

 private:
  enum class Job { none, backup, retention };
  void reap(SteadyTime now);
  void note(std::string line);

  std::string db_path_;
  const Clock& clock_;
  std::thread worker_;
  Job current_ = Job::none;
  std::atomic<bool> running_{false};
  std::atomic<bool> failed_{false};
  SteadyTime next_backup_{};
  SteadyTime next_retention_{};
  std::chrono::seconds backup_interval_{0};
  mutable std::mutex mu_;  // guards outcomes_
  std::vector<std::string> outcomes_;
};

}  // namespace cw::daemon
