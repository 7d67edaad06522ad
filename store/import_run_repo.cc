#include <nlohmann/json.hpp>

#include "store/read_models.h"
#include "store/repos.h"

namespace cw::store {
namespace {

// RunFailure phrase <-> {"kind": "...", "<param>": "..."}; '' for none.
std::string failure_json(const Phrase& p) {
  constexpr std::string_view kPrefix = "run.fail.";
  if (!p.key.starts_with(kPrefix)) return {};
  nlohmann::json j{{"kind", p.key.substr(kPrefix.size())}};
  for (const auto& [name, value] : p.args) j[name] = value;
  return j.dump();
}

}  // namespace

Phrase run_failure_from_json(const std::string& text) {
  const auto j = nlohmann::json::parse(text, nullptr, /*allow_exceptions=*/false);
  if (!j.is_object() || !j.contains("kind") || !j["kind"].is_string()) return {};
  const auto kind = parse_run_failure(j["kind"].get<std::string>());
  if (!kind) return {};
  Phrase p = run_failure(*kind);
  for (const auto& [name, value] : j.items()) {
    if (name != "kind" && value.is_string()) p.arg(name, value.get<std::string>());
  }
  return p;
}

void tally(ImportRun& run, UpsertOutcome outcome) {
  switch (outcome) {
    case UpsertOutcome::added:
      ++run.added;
      break;
    case UpsertOutcome::updated:
      ++run.updated;
      break;
    case UpsertOutcome::unchanged:
      ++run.unchanged;
      break;
    case UpsertOutcome::cancelled:
      ++run.cancelled;
      break;
  }
}

Result<void> ImportRunRepo::start(ImportRun& run) {
  auto& s = db_.stmt("INSERT INTO import_runs (source, input, started, state) VALUES (?,?,?,?)");
  s.bind_all(run.source, run.input,
             static_cast<std::int64_t>(run.started.time_since_epoch().count()),
             to_string(run.state));
  CW_TRY(s.run());
  run.id = db_.last_insert_rowid();
  return {};
}

Result<void> ImportRunRepo::finish(const ImportRun& run) {
  auto& s = db_.stmt(
      "UPDATE import_runs SET finished=?, state=?, rows_read=?, new=?, updated=?, cancelled=?, "
      "unchanged=?, rejected=?, error=?, failure=? WHERE id=?");
  s.bind_all(static_cast<std::int64_t>(run.finished.time_since_epoch().count()),
             to_string(run.state), run.rows_read, run.added, run.updated, run.cancelled,
             run.unchanged, run.rejected_json(), run.error, failure_json(run.failure), run.id);
  return s.run();
}

Result<int> ImportRunRepo::close_interrupted(Instant now) {
  auto& s = db_.stmt(
      "UPDATE import_runs SET state = ?, finished = ?, "
      "error = 'interrupted: the process ended before the run finished', failure = ? "
      "WHERE state = ?");
  s.bind_all(to_string(RunState::interrupted),
             static_cast<std::int64_t>(now.time_since_epoch().count()),
             failure_json(run_failure(RunFailure::interrupted)), to_string(RunState::running));
  CW_TRY(s.run());
  return db_.changes();
}

Result<std::vector<ImportRun>> ImportRunRepo::recent(int limit) {
  return import_runs_before(db_, limit, std::nullopt);
}

Result<std::vector<ImportRun>> import_runs_before(Database& db_, int limit,
                                                  std::optional<Id> before) {
  std::vector<ImportRun> out;
  auto& s =
      db_.stmt(std::string("SELECT id, source, input, started, finished, state, rows_read, "
                           "new, updated, cancelled, unchanged, rejected, error, failure FROM "
                           "import_runs") +
               (before ? " WHERE id < ?2" : "") + " ORDER BY id DESC LIMIT ?1");
  s.bind(1, limit);
  if (before) s.bind(2, *before);
  while (CW_TRY(s.step())) {
    ImportRun r;
    r.id = s.int64(0);
    r.source = s.text(1);
    r.input = s.text(2);
    r.started = Instant{std::chrono::seconds{s.int64(3)}};
    r.finished = Instant{std::chrono::seconds{s.opt_int64(4).value_or(0)}};
    r.state = parse_run_state(s.text(5)).value_or(RunState::failed);
    r.rows_read = s.int64(6);
    r.added = s.int64(7);
    r.updated = s.int64(8);
    r.cancelled = s.int64(9);
    r.unchanged = s.int64(10);
    const auto rejected = nlohmann::json::parse(s.text(11), nullptr, /*allow_exceptions=*/false);
    if (rejected.is_object()) {
      for (const auto& [reason, value] : rejected.items()) {
        auto& rj = r.rejected[reason];
        rj.count = value.value("count", std::int64_t{0});
        if (value.contains("lines")) rj.lines = value["lines"].get<std::vector<std::int64_t>>();
        if (value.contains("example")) r.first_error[reason] = value["example"].get<std::string>();
        if (value.contains("field")) r.first_field[reason] = value["field"].get<std::string>();
      }
    }
    r.error = s.text(12);
    r.failure = run_failure_from_json(s.text(13));
    out.push_back(std::move(r));
  }
  return out;
}

Result<std::string> ImportRunRepo::last_fingerprint(const std::string& source,
                                                    const std::string& input) {
  auto& s = db_.stmt(
      "SELECT fingerprint FROM import_runs WHERE source = ? AND input = ? AND state = 'ok' "
      "AND fingerprint != '' ORDER BY id DESC LIMIT 1");
  s.bind_all(source, input);
  if (!CW_TRY(s.step())) return std::string();
  auto f = s.text(0);
  s.reset();
  return f;
}

Result<void> ImportRunRepo::set_fingerprint(Id run, const std::string& fingerprint) {
  auto& s = db_.stmt("UPDATE import_runs SET fingerprint = ? WHERE id = ?");
  s.bind_all(fingerprint, run);
  return s.run();
}

}  // namespace cw::store
