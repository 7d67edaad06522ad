// The words of the audit log (DESIGN.md §8), in English and Spanish, side by
// side so that a translation cannot go missing.
//
// A use case records an entry as a stable action code ("assignment.assign")
// and named values (record_audit()): the audit row keeps the English subject
// (as before) and the values as a JSON object in its detail column, so a
// page words the whole entry in its reader's language later. Each action has
// three patterns: "audit.action.<action>" (what happened, no values),
// "audit.subject.<action>" and "audit.detail.<action>" (filled with the
// entry's values). web/i18n merges audit_patterns() into its catalogs.
// Entries written before values were kept have no phrases: a page shows
// them as stored. Values are handles, ids, places, dates and counts only —
// never a secret, a case reference or a volunteer's name (store/audit_repo.h).
// Pure apart from record_audit(); thread-safe.
#pragma once

#include <span>
#include <string_view>

#include "app/refusal_text.h"
#include "store/audit_repo.h"

namespace cw::app {

// Every audit pattern: "audit.action.<a>", "audit.subject.<a>", "audit.detail.<a>".
std::span<const PhrasePattern> audit_patterns();

// Appends the entry of `action` (a code with patterns above) by `actor`:
// subject = the English subject pattern filled with `values`, detail = the
// values as a JSON object. internal error for an action without patterns.
Result<void> record_audit(store::Database& db, Instant at, std::string_view actor,
                          std::string_view action, const Phrase& values);

// How a stored entry reads: its subject and detail as phrases of the
// action's patterns, filled with the stored values; empty keys for an entry
// without stored values (show e.subject and e.detail as they are).
struct AuditWords {
  Phrase subject, detail;
};
AuditWords audit_words(const store::AuditEntry& e);

}  // namespace cw::app
