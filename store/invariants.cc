#include "store/invariants.h"

#include <array>

#include "store/session_repos.h"

namespace cw::store {
namespace {

struct Rule {
  const char* name;
  const char* table;
  const char* sql;  // selects the ids of offending rows
};

// `date(x, '+0 days') IS x` only for a real calendar date written YYYY-MM-DD (the
// modifier normalizes 2026-02-30 to 2026-03-02).
constexpr std::array kRules{
    Rule{"import-run-state", "import_runs",
         "SELECT id FROM import_runs WHERE state NOT IN ('running','ok','failed','interrupted') "
         "OR (state = 'running') <> (finished IS NULL)"},
    Rule{"hearing-values", "hearings",
         "SELECT id FROM hearings WHERE status NOT IN ('scheduled','cancelled') "
         "OR type NOT IN ('master','individual','bond','check-in','other') "
         "OR start_min NOT BETWEEN 0 AND 1439 OR (stop_min IS NOT NULL AND stop_min <= start_min) "
         "OR date(date, '+0 days') IS NOT date"},
    Rule{"hearing-change-version", "hearing_changes",
         "SELECT c.id FROM hearing_changes c JOIN hearings h ON h.id = c.hearing_id "
         "WHERE c.version > h.version"},
    Rule{"session-values", "sessions",
         "SELECT id FROM sessions WHERE status NOT IN ('active','cancelled') "
         "OR half NOT IN ('am','pm') OR start_min >= end_min OR hearings < 0 "
         "OR detained_hearings < 0 OR detained_hearings > hearings OR date(date, '+0 days') IS NOT "
         "date"},
    Rule{"session-live-count", "sessions", nullptr},  // sql from live_count_rule()
    Rule{"assignment-state", "assignments",
         "SELECT id FROM assignments "
         "WHERE state NOT IN ('proposed','invited','confirmed','declined','cancelled')"},
    Rule{"anonymized-placeholder", "volunteers",
         "SELECT id FROM volunteers WHERE handle LIKE '~anonymized-%' "
         "AND (active <> 0 OR email <> '' OR phone <> '')"},
    Rule{"closure-values", "closures",
         "SELECT id FROM closures WHERE status NOT IN ('closed','partial') "
         "OR date(date, '+0 days') IS NOT date"},
    Rule{"outbox-state", "outbox",
         "SELECT id FROM outbox WHERE state NOT IN ('pending','sending','sent','failed','dropped') "
         "OR attempts < 0"},
};

// sessions.live, kept by triggers (schema migration 5), against a count of
// the assignments in the states the store calls live.
std::string live_count_rule() {
  return "SELECT s.id FROM sessions s WHERE s.live <> (SELECT count(*) FROM assignments a "
         "WHERE a.session_id = s.id AND a.state IN " +
         store::live_states_sql() + ")";
}

}  // namespace

Result<std::vector<InvariantViolation>> check_invariants(store::Database& db) {
  std::vector<InvariantViolation> out;
  for (const auto& rule : kRules) {
    auto& s = db.stmt((rule.sql ? std::string(rule.sql) : live_count_rule()) + " LIMIT 5");
    std::string ids;
    while (CW_TRY(s.step())) ids += (ids.empty() ? "" : ", ") + std::to_string(s.int64(0));
    if (!ids.empty()) out.push_back({rule.name, std::string(rule.table) + " " + ids});
  }
  return out;
}

}  // namespace cw::store
