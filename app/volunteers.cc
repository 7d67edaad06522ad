#include "app/volunteers.h"

#include "app/audit_text.h"
#include "app/message_text.h"
#include "store/audit_repo.h"
#include "store/repos.h"

namespace cw::app {
namespace {

Result<void> check(store::Database& db, const Volunteer& v) {
  if (v.handle.empty()) return fail(volunteer_incomplete(Missing::id));
  if (v.name.empty()) return fail(volunteer_incomplete(Missing::name));
  if (v.max_per_week < 0) return fail(volunteer_incomplete(Missing::negative_cap));
  store::SiteRepo sites(db);
  for (const auto& code : v.sites) {
    if (!CW_TRY(sites.find(code))) return fail(unknown_site(Errc::invalid_input, code));
  }
  return {};
}

Result<Volunteer> stored(store::Database& db, Id id) {
  auto v = CW_TRY(store::VolunteerRepo(db).find(id));
  if (!v) return fail(no_volunteer(id, Lookup::by_number));
  return *v;
}

Result<void> audit_volunteer(store::Database& db, Instant now, const Actor& who,
                             std::string_view action, const std::string& handle,
                             Phrase values = {}) {
  return record_audit(db, now, who.label(), action, values.arg("volunteer", handle));
}

}  // namespace

Result<Id> create_volunteer(store::Database& db, const Clock& clock, const Actor& who,
                            const Volunteer& v) {
  const Instant now = clock.now();
  auto tx = CW_TRY(db.begin_immediate());
  CW_TRY(check(db, v));
  store::VolunteerRepo repo(db);
  if (CW_TRY(repo.find_by_handle(v.handle))) {
    return fail(volunteer_exists(v.handle));
  }
  CW_TRY(repo.upsert(v, now));
  const auto created = CW_TRY(repo.find_by_handle(v.handle));
  if (!created) return fail(Error::internal("the new volunteer " + v.handle + " was not stored"));
  CW_TRY(audit_volunteer(db, now, who, "volunteer.create", v.handle));
  CW_TRY(tx.commit());
  return created->id;
}

Result<void> update_volunteer(store::Database& db, const Clock& clock, const Actor& who,
                              const Volunteer& v) {
  const Instant now = clock.now();
  auto tx = CW_TRY(db.begin_immediate());
  const Volunteer before = CW_TRY(stored(db, v.id));
  Volunteer after = v;
  after.handle = before.handle;
  CW_TRY(check(db, after));
  const auto outcome = CW_TRY(store::VolunteerRepo(db).upsert(after, now));
  if (outcome != store::UpsertOutcome::unchanged) {
    CW_TRY(audit_volunteer(db, now, who, "volunteer.update", after.handle));
  }
  CW_TRY(tx.commit());
  return {};
}

Result<void> rotate_volunteer_link(store::Database& db, const Clock& clock, const Actor& who,
                                   const std::string& secret_path, Id volunteer,
                                   store::TokenPurpose purpose) {
  const Instant now = clock.now();
  const auto secret = CW_TRY(store::TokenSecret::load_or_create(secret_path));
  auto tx = CW_TRY(db.begin_immediate());
  const Volunteer v = CW_TRY(stored(db, volunteer));
  store::TokenRepo tokens(db);
  const std::string subject = std::to_string(volunteer);
  const bool live = CW_TRY(tokens.live(secret, purpose, subject)).has_value();
  CW_TRY(tokens.issue(secret, purpose, subject,
                      live ? store::Rotation::rotate : store::Rotation::keep, now));
  CW_TRY(audit_volunteer(db, now, who, live ? "volunteer.link.rotate" : "volunteer.link.issue",
                         v.handle, Phrase{}.arg("purpose", std::string(to_string(purpose)))));
  CW_TRY(tx.commit());
  return {};
}

}  // namespace cw::app
