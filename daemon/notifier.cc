#include "daemon/notifier.h"

#include "app/plan.h"
#include "app/refusal_text.h"

namespace cw::daemon {
namespace {

// The reasons worded in the coordinator's language by app/'s catalogs.
Result<std::map<Id, std::string>> unfilled_reasons(store::Database& db, Instant now,
                                                   std::string_view locale) {
  app::PlanRequest req;
  req.from = LocalDate{date::floor<date::days>(now).time_since_epoch()} - date::days{1};
  req.to = req.from + date::days{4};
  const auto diff = CW_TRY(app::preview_plan(db, req));
  std::map<Id, std::string> out;
  for (const auto& u : diff.unfilled) out[u.session] = app::worded(locale, u.why);
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
