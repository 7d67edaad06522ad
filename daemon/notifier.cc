#include "daemon/notifier.h"

#include "app/plan.h"
#include "app/refusal_text.h"

namespace cw::daemon {
namespace {

// The matcher's reasons over the digest's days, unworded: the digest words
// them per coordinator (notify::DigestWords runs this once per run).
Result<std::map<Id, Phrase>> unfilled_preview(store::Database& db, Instant now) {
  app::PlanRequest req;
  req.from = LocalDate{date::floor<date::days>(now).time_since_epoch()} - date::days{1};
  req.to = req.from + date::days{4};
  const auto diff = CW_TRY(app::preview_plan(db, req));
  std::map<Id, Phrase> out;
  for (const auto& u : diff.unfilled) out[u.session] = u.why;
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
  o.reasons = notify::DigestWords(unfilled_preview, [](std::string_view locale, const Phrase& p) {
    return app::worded(locale, p);
  });
  if (!config.notify.smtp.url.empty()) o.channels.emplace_back("email");
  if (!config.notify.webhook.url.empty()) o.channels.emplace_back("webhook");
  return std::make_unique<notify::DeliveryWorker>(std::move(o), clock,
                                                  notify::configured_transports(config.notify));
}

}  // namespace cw::daemon
