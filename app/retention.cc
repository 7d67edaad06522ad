#include "app/retention.h"

#include <charconv>
#include <map>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "app/audit_text.h"
#include "core/domain.h"
#include "store/audit_repo.h"
#include "store/retention_repo.h"

namespace cw::app {

date::sys_days retention_cutoff(const Clock& clock, int days) {
  return date::floor<date::days>(clock.now()) - date::days{days};
}

Result<RetentionResult> anonymize_before(store::Database& db, date::sys_days cutoff,
                                         const Clock& clock) {
  const LocalDate before{cutoff.time_since_epoch()};
  const Instant now = clock.now();
  store::RetentionRepo repo(db);
  RetentionResult r;
  auto tx = CW_TRY(db.begin_immediate());

  // Assignments of old sessions, by session: which still name a person, and
  // which placeholder slots the session already uses.
  const auto holders = CW_TRY(repo.assignments_before(before));
  auto slot_of = [](std::string_view handle) -> std::optional<int> {
    if (!handle.starts_with(kAnonymizedHandlePrefix)) return std::nullopt;
    handle.remove_prefix(kAnonymizedHandlePrefix.size());
    int slot = 0;
    const auto [end, ec] = std::from_chars(handle.data(), handle.data() + handle.size(), slot);
    if (ec != std::errc{} || end != handle.data() + handle.size()) return std::nullopt;
    return slot;
  };
  std::map<Id, std::set<int>> used;
  for (const auto& h : holders) {
    if (const auto slot = slot_of(h.handle)) used[h.session].insert(*slot);
  }
  std::map<int, Id> placeholders;
  for (const auto& h : holders) {
    if (slot_of(h.handle)) continue;
    auto& taken = used[h.session];
    int slot = 1;
    while (taken.contains(slot)) ++slot;
    taken.insert(slot);
    if (!placeholders.contains(slot)) {
      placeholders[slot] = CW_TRY(
          repo.placeholder(std::string(kAnonymizedHandlePrefix) + std::to_string(slot), now));
    }
    CW_TRY(repo.move_assignment(h.assignment, placeholders[slot], now));
    ++r.assignments;
  }
  r.reports = CW_TRY(repo.detach_reports_before(before));
  r.forbidden = CW_TRY(repo.delete_forbidden_before(before));
  r.messages = CW_TRY(repo.delete_finished_messages_before(Instant{cutoff}));

  if (r.assignments + r.reports + r.forbidden + r.messages > 0) {
    CW_TRY(record_audit(db, now, "retention", "anonymize",
                        Phrase{}
                            .arg("date", format_date(before))
                            .arg("assignments", std::to_string(r.assignments))
                            .arg("reports", std::to_string(r.reports))
                            .arg("forbidden", std::to_string(r.forbidden))
                            .arg("messages", std::to_string(r.messages))));
  }
  CW_TRY(tx.commit());
  return r;
}

}  // namespace cw::app
