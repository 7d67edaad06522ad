// The scheduled imports of `courtwatch serve`: which source is due, and
// running it without ever blocking the main loop.
//
// JobRunner is pure bookkeeping driven by the main loop (cmd_serve.cc), which
// calls tick() about once a second with the current configuration and a
// steady-clock time. A source is due when it has never run since start-up or
// its interval has passed since its last run finished (after a failure, at
// most 10 minutes later, so a flaky partner server is retried soon). When no
// job is running, tick() starts the most overdue source on a worker thread,
// which opens its own Database connection and runs daemon/job_sources.h's
// run_source() with the injected HttpFetcher; at most one import runs at a
// time. An import that changed hearings is followed, on the same worker, by
// the matcher for the next two weeks (app/plan.h apply_plan, proposals stored). tick() only looks
// at atomics and joins a finished thread, so signal handling stays responsive. drain_for() waits
// (bounded) for the current job: on SIGTERM the loop stops calling tick() and drains, petting the
// watchdog between waits. [[sources]] changes take effect on SIGHUP (the config is passed in on
// every tick); the [fetch] limits are those of start-up, since the fetcher is built once. Not
// thread-safe itself: one thread (the main loop) calls it.
#pragma once

#include <atomic>
#include <chrono>
#include <map>
#include <memory>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

#include "core/clock.h"
#include "daemon/config.h"
#include "scrapers/fetch/http_fetcher.h"

namespace cw::daemon {

class JobRunner {
 public:
  using SteadyTime = std::chrono::steady_clock::time_point;

  // What happened to one run, newest last (for logs and tests).
  struct Outcome {
    std::string source;
    std::string state;  // "ok", "unchanged" or "failed"
    std::string detail;
  };

  JobRunner(std::string db_path, const Clock& clock,
            std::unique_ptr<scrapers::HttpFetcher> fetcher);
  JobRunner(const JobRunner&) = delete;
  JobRunner& operator=(const JobRunner&) = delete;
  ~JobRunner();  // waits for the running job

  // Reaps a finished job; if idle, starts the most overdue source of `config`.
  void tick(const Config& config, SteadyTime now);
  // Waits up to `d` for the running job; true when none is running.
  bool drain_for(std::chrono::milliseconds d);
  bool busy() const { return running_; }
  std::vector<Outcome> outcomes() const;

 private:
  void reap(SteadyTime now);
  void run(const SourceConfig& src, const Config& config);

  std::string db_path_;
  const Clock& clock_;
  std::unique_ptr<scrapers::HttpFetcher> fetcher_;
  std::map<std::string, SteadyTime> next_due_;  // by source name
  std::map<std::string, std::chrono::seconds> interval_;
  std::thread worker_;
  std::string current_;
  std::atomic<bool> running_{false};
  std::atomic<bool> failed_{false};
  mutable std::mutex mu_;  // guards outcomes_
  std::vector<Outcome> outcomes_;
};

}  // namespace cw::daemon
