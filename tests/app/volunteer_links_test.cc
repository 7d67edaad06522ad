// app::rotate_volunteer_link() on a real SQLite file: the first call issues
// the volunteer's link, the next ones rotate it, each in one transaction with
// its audit entry (a token repository that opened its own transaction inside
// the use case's made every call fail: "cannot start a transaction within a
// transaction").
#include <gtest/gtest.h>

#include "app/volunteers.h"
#include "store/token_repo.h"
#include "tests/app/app_fixture.h"

namespace cw::testing {
namespace {

class VolunteerLinks : public AppTest {
 protected:
  std::optional<std::string> live(store::TokenPurpose purpose, Id v) {
    auto secret = store::TokenSecret::load_or_create(secret_path());
    EXPECT_TRUE(secret);
    auto t = store::TokenRepo(*db).live(*secret, purpose, std::to_string(v));
    EXPECT_TRUE(t) << t.error().message;
    return t ? *t : std::nullopt;
  }
  std::string secret_path() { return store::TokenSecret::path_for(db->path()); }
};

TEST_F(VolunteerLinks, IssuesThenRotatesEachLinkWithAnAuditEntry) {
  const Id v = volunteer("v1", "Ana");
  for (const auto purpose :
       {store::TokenPurpose::feed_volunteer, store::TokenPurpose::volunteer_link}) {
    EXPECT_FALSE(live(purpose, v));
    const auto audits = audit_count();
    auto issued = app::rotate_volunteer_link(*db, clock, coordinator, secret_path(), v, purpose);
    ASSERT_TRUE(issued) << issued.error().message;
    const auto first = live(purpose, v);
    ASSERT_TRUE(first);
    EXPECT_EQ(audit_count(), audits + 1);

    auto rotated = app::rotate_volunteer_link(*db, clock, coordinator, secret_path(), v, purpose);
    ASSERT_TRUE(rotated) << rotated.error().message;
    const auto second = live(purpose, v);
    ASSERT_TRUE(second);
    EXPECT_NE(*second, *first);
    EXPECT_EQ(audit_count(), audits + 2);
    auto old = store::TokenRepo(*db).lookup(*first);
    ASSERT_TRUE(old);
    EXPECT_FALSE(*old) << "the rotated token no longer resolves";
  }
}

TEST_F(VolunteerLinks, RefusesAMissingVolunteerWithoutIssuingAnything) {
  auto r = app::rotate_volunteer_link(*db, clock, coordinator, secret_path(), 999,
                                      store::TokenPurpose::feed_volunteer);
  ASSERT_FALSE(r);
  EXPECT_EQ(r.error().code, Errc::not_found);
  EXPECT_FALSE(live(store::TokenPurpose::feed_volunteer, 999));
}

}  // namespace
}  // namespace cw::testing
