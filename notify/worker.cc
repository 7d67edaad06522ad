#include "notify/worker.h"

#include <sodium.h>

#include <map>

#include "core/log.h"
#include "notify/backoff.h"
#include "notify/plan_source.h"
#include "notify/smtp.h"
#include "notify/webhook.h"
#include "store/outbox_repo.h"

namespace cw::notify {
namespace {

double jitter() { return static_cast<double>(randombytes_uniform(1000000)) / 1e6; }

std::string describe(const store::OutboxRow& row) {
  return "message " + std::to_string(row.id) + " (" + row.kind + ", " + row.channel + ")";
}

}  // namespace

TransportFactory configured_transports(const NotifyConfig& config) {
  return [config](const std::string& channel) -> std::unique_ptr<Transport> {
    if (channel == "email" && !config.smtp.url.empty())
      return std::make_unique<SmtpTransport>(config.smtp);
    if (channel == "webhook" && !config.webhook.url.empty())
      return std::make_unique<WebhookTransport>(config.webhook);
    return nullptr;
  };
}

DeliveryWorker::DeliveryWorker(WorkerOptions options, const Clock& clock,
                               TransportFactory transports)
    : options_(std::move(options)), clock_(clock), transports_(std::move(transports)) {}

DeliveryWorker::~DeliveryWorker() { stop(); }

Result<void> DeliveryWorker::start() {
  if (options_.channels.empty()) {
    // Planning without a way to deliver would fill the outbox with messages
    // that go stale, and make the daemon write while it only serves reads.
    log::info("notifications are off: neither [smtp] url nor [notify.webhook] url is configured");
    return {};
  }
  auto db = CW_TRY(store::Database::open(options_.db_path, store::OpenMode::read_write_existing));
  const int recovered = CW_TRY(store::OutboxRepo(*db).recover_sending(clock_.now()));
  if (recovered > 0) {
    log::warning(std::to_string(recovered) +
                 " messages were being sent when the daemon stopped; sending them again");
  }
  secret_ = std::make_unique<store::TokenSecret>(
      CW_TRY(store::TokenSecret::load_or_create(store::TokenSecret::path_for(options_.db_path))));
  const int n = std::max(1, options_.config.delivery.concurrency);
  for (int i = 0; i < n; ++i) threads_.emplace_back([this, i] { run(i); });
  return {};
}

void DeliveryWorker::stop() {
  stopping_ = true;
  cv_.notify_all();
  for (auto& t : threads_) {
    if (t.joinable()) t.join();
  }
  threads_.clear();
}

void DeliveryWorker::wake() {
  {
    std::lock_guard lock(mu_);
    ++wakeups_;
  }
  cv_.notify_all();
}

bool DeliveryWorker::wait_idle() {
  std::unique_lock lock(mu_);
  const auto seen = wakeups_;
  cv_.wait_for(lock, options_.idle_wait, [&] { return stopping_ || wakeups_ != seen; });
  return !stopping_;
}

void DeliveryWorker::run(int index) {
  auto opened = store::Database::open(options_.db_path, store::OpenMode::read_write_existing);
  if (!opened) {
    log::error("delivery worker: " + opened.error().message);
    return;
  }
  store::Database& db = **opened;
  store::OutboxRepo outbox(db);
  std::map<std::string, std::unique_ptr<Transport>> transports;
  for (const auto& ch : options_.channels) transports[ch] = transports_(ch);
  AssembleContext ctx{&options_.config, options_.public_url, options_.coordinator_contact,
                      secret_.get(), options_.reasons};
  const auto& delivery = options_.config.delivery;
  auto next_plan = std::chrono::steady_clock::now();

  while (!stopping_) {
    if (index == 0 && std::chrono::steady_clock::now() >= next_plan) {
      next_plan = std::chrono::steady_clock::now() + delivery.plan_interval;
      auto counts = plan_outbox(db, options_.config, clock_.now());
      ++stats_.plans;
      if (!counts) {
        log::error("planning messages failed: " + counts.error().message);
      } else if (counts->added > 0 || counts->dropped > 0) {
        log::info("messages: " + std::to_string(counts->added) + " planned, " +
                  std::to_string(counts->dropped) + " dropped");
        cv_.notify_all();
      }
    }
    auto claimed = outbox.claim(clock_.now(), options_.batch, options_.channels);
    if (!claimed) {
      log::error("delivery worker: " + claimed.error().message);
      if (!wait_idle()) break;
      continue;
    }
    if (claimed->empty()) {
      if (!wait_idle()) break;
      continue;
    }
    for (const auto& row : *claimed) {
      const Instant now = clock_.now();
      if (stopping_) {
        (void)outbox.release(row.id, now);
        continue;
      }
      auto* transport = transports[row.channel].get();
      auto out = assemble(db, row, ctx, now);
      Result<void> recorded;
      if (!out || !transport) {
        const std::string why = !out ? "cannot build the message: " + out.error().message
                                     : "channel " + row.channel + " is not configured";
        log::error(describe(row) + ": " + why);
        ++stats_.permanent;
        recorded = outbox.mark_failed(row.id, why, now);
      } else {
        const SendResult sent = transport->send(*out);
        const Instant after = clock_.now();
        if (sent.status == SendStatus::accepted) {
          ++stats_.sent;
          recorded = outbox.mark_sent(row.id, after);
        } else if (sent.status == SendStatus::transient && retry_allowed(row.attempts, delivery)) {
          ++stats_.transient;
          const auto delay = backoff_delay(row.attempts, delivery, jitter());
          log::warning(describe(row) + ": " + sent.detail + "; retrying in " +
                       std::to_string(delay.count()) + " s");
          recorded = outbox.mark_retry(row.id, after + delay, sent.detail, after);
        } else {
          ++stats_.permanent;
          const std::string why =
              sent.status == SendStatus::transient
                  ? "gave up after " + std::to_string(row.attempts) + " attempts: " + sent.detail
                  : sent.detail;
          log::error(describe(row) + " failed: " + why);
          recorded = outbox.mark_failed(row.id, why, after);
        }
      }
      if (!recorded) log::error(describe(row) + ": " + recorded.error().message);
    }
  }
}

}  // namespace cw::notify
