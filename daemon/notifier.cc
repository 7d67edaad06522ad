#include "daemon/notifier.h"

#include "daemon/planning.h"

namespace cw::daemon {
namespace {

Result<std::map<Id, std::string>> unfilled_reasons(store::Database& db, Instant now) {
  SessionScope scope = session_scope("", "", "", now);
  scope.to = scope.from + date::days{3};
  const auto run = CW_TRY(plan_sessions(db, scope, now, PlanMode::dry_run));
  std::map<Id, std::string> out;
  for (const auto& u : run.unfilled) {
    out[run.loaded.session_ids[static_cast<std::size_t>(u.session)]] = u.reason;
  }
  return out;
}

}  // namespace

std::unique_ptr<notify::DeliveryWorker> make_notifier(const Config& config,
                                                      const std::string& db_path,
                                                      const std::string& public_url,
                                                      const Clock& clock) {
  notify::WorkerOptions o;
  o.db_path = db_path;
  o.config = config.notify;
  o.public_url = public_url;
  o.coordinator_contact = config.feeds.coordinator_contact;
  o.reasons = unfilled_reasons;
  if (!config.notify.smtp.url.empty()) o.channels.emplace_back("email");
  if (!config.notify.webhook.url.empty()) o.channels.emplace_back("webhook");
  return std::make_unique<notify::DeliveryWorker>(std::move(o), clock,
                                                  notify::configured_transports(config.notify));
}

}  // namespace cw::daemon
