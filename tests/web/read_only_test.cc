// Reads never write (DESIGN.md §2): GETs of the volunteer's self-service
// page, its erase confirmation, a feed and the coordinator's page of the
// volunteer leave every file of a fresh data directory as it was, the token
// key included. The key is made at start-up or by a write (issuing a link);
// a GET that finds none fails closed instead of minting one.
#include <sys/stat.h>

#include <filesystem>
#include <fstream>
#include <map>
#include <sstream>

#include "app/volunteers.h"
#include "store/repos.h"
#include "store/token_repo.h"
#include "tests/web/auth_fixture.h"

namespace cw::web::testing {
namespace {

class ReadOnlyGets : public AuthServerTest {
 protected:
  // Every file of the data directory, by name, with a hash of its bytes
  // (BLAKE2b, the store's token hash: a readable failure). The -shm
  // wal-index is left out: SQLite moves its read marks on every read; the
  // database and its WAL hold every change.
  std::map<std::string, std::string> files() {
    std::map<std::string, std::string> out;
    for (const auto& e :
         std::filesystem::directory_iterator(std::filesystem::path(db_path_).parent_path())) {
      const std::string name = e.path().filename().string();
      if (name.ends_with("-shm")) continue;
      std::ifstream in(e.path(), std::ios::binary);
      std::stringstream bytes;
      bytes << in.rdbuf();
      const auto h = store::hash_token(bytes.str());
      std::string hex;
      for (const unsigned char c : h) {
        hex += "0123456789abcdef"[c >> 4];
        hex += "0123456789abcdef"[c & 15];
      }
      out[name] = hex;
    }
    return out;
  }

  std::string key_path() const { return store::TokenSecret::path_for(db_path_); }

  Id add_volunteer() {
    cw::testing::add_site(*db_, "HOU", "America/Chicago");
    Volunteer v;
    v.handle = "v0001";
    v.name = "Ana Pérez";
    v.sites = {"HOU"};
    v.availability.grid.fill(true);
    EXPECT_TRUE(store::VolunteerRepo(*db_).upsert(v, clock_.now()));
    return store::VolunteerRepo(*db_).find_by_handle("v0001").value().value().id;
  }
};

TEST_F(ReadOnlyGets, VolunteerPagesFeedsAndTheDeskLeaveTheDataDirectoryAsItWas) {
  const Id v = add_volunteer();
  start();
  const Browser ana = login("ana");
  for (const auto purpose :
       {store::TokenPurpose::volunteer_link, store::TokenPurpose::feed_volunteer}) {
    ASSERT_TRUE(app::rotate_volunteer_link(*db_, clock_, app::Actor::coordinator("ana"), key_path(),
                                           v, purpose));
  }
  const auto secret = store::TokenSecret::load(key_path()).value().value();
  const auto page = store::TokenRepo(*db_)
                        .live(secret, store::TokenPurpose::volunteer_link, std::to_string(v))
                        .value()
                        .value();
  const auto feed = store::TokenRepo(*db_)
                        .live(secret, store::TokenPurpose::feed_volunteer, std::to_string(v))
                        .value()
                        .value();
  const auto before = files();
  ASSERT_TRUE(before.contains("w.db.token-key"));
  for (const std::string& path :
       {"/v/" + page, "/v/" + page + "/erase", "/feeds/v/" + feed + ".ics",
        std::string("/v/abcdefghijklmnopqrstuvwxyz")}) {
    const auto res = client().Get(path);
    ASSERT_TRUE(res) << path;
    EXPECT_EQ(res->status, path.ends_with("xyz") ? 404 : 200) << path;
  }
  const auto desk = get("/volunteers/v0001", ana);
  ASSERT_TRUE(desk);
  EXPECT_EQ(desk->status, 200);
  EXPECT_NE(desk->body.find("/v/" + page), std::string::npos) << "the live page link is shown";
  EXPECT_EQ(files(), before);
}

TEST_F(ReadOnlyGets, AVolunteersDeskPageWithoutATokenKeyShowsNoLinkAndMakesNoKey) {
  add_volunteer();
  start();
  const Browser ana = login("ana");
  // A data directory restored without its key (docs: back them up apart).
  std::filesystem::remove(key_path());
  const auto before = files();
  const auto res = get("/volunteers/v0001", ana);
  ASSERT_TRUE(res);
  EXPECT_EQ(res->status, 200);
  EXPECT_EQ(res->body.find("id=\"link-page\""), std::string::npos);
  EXPECT_FALSE(std::filesystem::exists(key_path())) << "a GET created the token key";
  EXPECT_EQ(files(), before);
}

}  // namespace
}  // namespace cw::web::testing
