// Repositories: one per aggregate, each a thin typed layer over a Database.
//
// They hold a reference to the Database and do no caching of their own; the
// statement cache lives on the connection. Every write that must be atomic
// with others (an import run) is done by the caller inside a Transaction.
// Not thread-safe, like the Database they use.
#pragma once

#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "core/domain.h"
#include "core/import_run.h"
#include "store/db.h"

namespace cw::store {

class SiteRepo {
 public:
  explicit SiteRepo(Database& db) : db_(db) {}
  // Inserts or updates by code.
  Result<void> upsert(const Site& s);
  Result<std::vector<Site>> all();
  Result<std::optional<Site>> find(const std::string& code);

 private:
  Database& db_;
};

enum class UpsertOutcome { added, updated, unchanged, cancelled };
// Counts one upsert outcome into the run record (new/updated/unchanged/cancelled).
void tally(ImportRun& run, UpsertOutcome outcome);

struct HearingFilter {
  std::optional<LocalDate> from;  // inclusive
  std::optional<LocalDate> to;    // inclusive
  std::optional<std::string> site;
  bool include_cancelled = true;
};

// One recorded change of a hearing (hearing_changes row).
struct HearingChange {
  Id id = 0;
  Id hearing_id = 0;
  std::string source_key;
  Instant at{};
  std::string kind;  // new, updated, cancelled, restored
  int version = 0;
  std::string old_json;
  std::string new_json;
};

class HearingRepo {
 public:
  explicit HearingRepo(Database& db) : db_(db) {}
  // Inserts a new hearing or updates the one with the same source key. An
  // update raises the version and records the changed fields; an identical
  // hearing only refreshes last_seen/last_run.
  Result<UpsertOutcome> upsert(const Hearing& h, std::string_view source, Id run, Instant now);
  // Cancels (reason "vanished") the hearings of this source whose date lies in
  // [from, to] (and in `sites`, when not empty) that the run did not see.
  // Returns how many were cancelled.
  Result<std::int64_t> cancel_unseen(std::string_view source, Id run, LocalDate from, LocalDate to,
                                     const std::vector<std::string>& sites, Instant now);
  // Cancels every scheduled hearing at site on date with the given reason.
  Result<std::int64_t> cancel_site_day(const std::string& site, LocalDate date,
                                       std::string_view reason, Instant now);
  Result<std::optional<Hearing>> find_by_key(const std::string& source_key);
  // Streams hearings ordered by date, start, site.
  Result<void> each(const HearingFilter& f, const std::function<void(const Hearing&)>& fn);
  Result<std::vector<Hearing>> list(const HearingFilter& f);
  Result<std::vector<HearingChange>> changes_since(Id after_id, int limit);
  // The newest hearing change's id (0 when none): a watermark for changed_days().
  Result<Id> last_change_id();
  // Every (site, date) a hearing changed after change `after` is on or was on
  // before the change, sorted and unique: the site-days whose sessions a
  // write must refresh.
  Result<std::vector<std::pair<std::string, LocalDate>>> changed_days(Id after);
  Result<std::int64_t> count(HearingStatus status);
  // Whether this run already wrote the hearing with this key (imports stamp
  // every hearing they write with the run id).
  Result<bool> seen_in_run(const std::string& source_key, Id run);

 private:
  Result<void> record_change(Id hearing, Id run, Instant now, std::string_view kind, int version,
                             const std::string& old_json, const std::string& new_json);
  Database& db_;
};

class VolunteerRepo {
 public:
  explicit VolunteerRepo(Database& db) : db_(db) {}
  // Inserts or updates by handle; replaces sites, languages, blackouts, extra.
  Result<UpsertOutcome> upsert(const Volunteer& v, Instant now);
  Result<std::vector<Volunteer>> all();
  Result<std::optional<Volunteer>> find_by_handle(const std::string& handle);
  Result<std::optional<Volunteer>> find(Id id);
  // Name and phone only (no detail tables): what a message names.
  Result<std::optional<std::pair<std::string, std::string>>> name_and_phone(Id id);

 private:
  Result<void> load_details(Volunteer& v);
  Database& db_;
};

class ImportRunRepo {
 public:
  explicit ImportRunRepo(Database& db) : db_(db) {}
  // Records the start of a run; sets run.id.
  Result<void> start(ImportRun& run);
  // Stores counts, rejects, state and finish time.
  Result<void> finish(const ImportRun& run);
  Result<std::vector<ImportRun>> recent(int limit);
  // Closes every run still marked running as interrupted (a crash or kill
  // ended it; its data transaction was rolled back). Called once when the
  // daemon starts, before any import can run. Returns how many.
  Result<int> close_interrupted(Instant now);
  // The fingerprint of the last successful run of this source and input.
  Result<std::string> last_fingerprint(const std::string& source, const std::string& input);
  Result<void> set_fingerprint(Id run, const std::string& fingerprint);

 private:
  Database& db_;
};

}  // namespace cw::store
