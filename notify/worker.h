// The delivery worker of `courtwatch serve` (DESIGN.md §7, §9).
//
// start() opens the database, puts messages left `sending` by a crash back
// to pending (they go again with the same Message-ID: see
// store/outbox_repo.h for why at-least-once, and how few duplicates that
// means), and starts `concurrency` threads. Each thread has its own
// database connection and its own transports (one SMTP connection, reused
// between messages), and loops: claim a few due messages, assemble each,
// send it, record the outcome — accepted → sent; transient → pending again
// after exponential backoff with jitter (backoff.h), or failed once
// `max_attempts` is spent; permanent → failed at once. So at most
// `concurrency × batch` messages are claimed and at most `concurrency` are
// in a server's hands at any moment. The first thread also runs the planner
// (plan_source.h) every `delivery.plan_interval`, so invitations, reminders and
// digests are planned without an import; wake() makes the threads look now.
// Only channels that are configured are claimed; with none configured,
// start() plans and sends nothing (notifications off). stop() lets each thread
// finish the message in hand, puts the rest of its batch back, and joins.
// Configuration is fixed per worker; a SIGHUP that changes it replaces the
// worker (daemon/cmd_serve.cc).
// Thread-safe: start/stop/wake from the owner's thread, stats from any.
#pragma once

#include <atomic>
#include <condition_variable>
#include <functional>
#include <memory>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

#include "core/clock.h"
#include "notify/assemble.h"
#include "notify/notify_config.h"
#include "notify/transport.h"

namespace cw::notify {

// Makes a transport for "email" or "webhook" (nullptr: not configured).
using TransportFactory = std::function<std::unique_ptr<Transport>(const std::string& channel)>;

// The transports of a configuration: SMTP if [smtp] url, webhook if [webhook] url.
TransportFactory configured_transports(const NotifyConfig& config);

struct WorkerOptions {
  std::string db_path;
  NotifyConfig config;
  std::string public_url;
  std::string coordinator_contact;
  DigestWords reasons;
  std::vector<std::string> channels;  // the ones to claim, e.g. {"email", "webhook"}
  std::chrono::milliseconds idle_wait{1000};
  int batch = 4;
};

struct WorkerStats {
  std::atomic<std::int64_t> sent{0};
  std::atomic<std::int64_t> transient{0};
  std::atomic<std::int64_t> permanent{0};
  std::atomic<std::int64_t> plans{0};
};

class DeliveryWorker {
 public:
  DeliveryWorker(WorkerOptions options, const Clock& clock, TransportFactory transports);
  DeliveryWorker(const DeliveryWorker&) = delete;
  DeliveryWorker& operator=(const DeliveryWorker&) = delete;
  ~DeliveryWorker();

  Result<void> start();
  void stop();
  void wake();
  const WorkerStats& stats() const { return stats_; }

 private:
  void run(int index);
  bool wait_idle();

  WorkerOptions options_;
  const Clock& clock_;
  TransportFactory transports_;
  std::unique_ptr<store::TokenSecret> secret_;
  std::vector<std::thread> threads_;
  std::atomic<bool> stopping_{false};
  std::mutex mu_;
  std::condition_variable cv_;
  std::uint64_t wakeups_ = 0;  // guarded by mu_
  WorkerStats stats_;
};

}  // namespace cw::notify
