#include <sqlite3.h>

#include "store/schema.h"
#include "temp_db.h"

namespace cw::store {
namespace {

using cw::testing::add_site;
using cw::testing::TempDir;

TEST(Database, OpensWithWalForeignKeysAndCurrentSchema) {
  TempDir dir;
  auto db = Database::open(dir.file("a.db"));
  ASSERT_TRUE(db) << db.error().message;
  auto& mode = (*db)->stmt("PRAGMA journal_mode");
  ASSERT_TRUE(mode.step().value());
  EXPECT_EQ(mode.text(0), "wal");
  auto& fk = (*db)->stmt("PRAGMA foreign_keys");
  ASSERT_TRUE(fk.step().value());
  EXPECT_EQ(fk.int64(0), 1);
  EXPECT_EQ((*db)->user_version(), schema_version());
  EXPECT_TRUE((*db)->check());
}

TEST(Database, ReopeningDoesNotReapplyMigrations) {
  TempDir dir;
  {
    auto db = Database::open(dir.file("a.db")).value();
    add_site(*db, "CHI", "America/Chicago");
  }
  auto db = Database::open(dir.file("a.db"));
  ASSERT_TRUE(db) << db.error().message;
  SiteRepo repo(**db);
  EXPECT_EQ(repo.all().value().size(), 1u);
}

TEST(Database, RefusesADatabaseNewerThanTheCode) {
  TempDir dir;
  {
    auto db = Database::open(dir.file("a.db")).value();
    ASSERT_TRUE(db->exec("PRAGMA user_version = " + std::to_string(schema_version() + 1)));
  }
  auto db = Database::open(dir.file("a.db"));
  ASSERT_FALSE(db);
  EXPECT_EQ(db.error().code, Errc::unsupported);
  EXPECT_NE(db.error().message.find("newer than this build"), std::string::npos);
}

TEST(Database, RefusesAFileThatIsNotADatabase) {
  TempDir dir;
  {
    FILE* f = fopen(dir.file("junk.db").c_str(), "w");
    ASSERT_NE(f, nullptr);
    ASSERT_GE(
        fputs("this is not sqlite, just text long enough to be read as a header..........", f), 0);
    ASSERT_EQ(fclose(f), 0);
  }
  auto db = Database::open(dir.file("junk.db"));
  ASSERT_FALSE(db);
  EXPECT_NE(db.error().message.find("junk.db"), std::string::npos);
}

TEST(Database, TransactionRollsBackUnlessCommitted) {
  TempDir dir;
  auto db = Database::open(dir.file("a.db")).value();
  {
    auto tx = db->begin_immediate().value();
    add_site(*db, "CHI", "America/Chicago");
  }  // dropped without commit
  SiteRepo repo(*db);
  EXPECT_TRUE(repo.all().value().empty());
  {
    auto tx = db->begin_immediate().value();
    add_site(*db, "HOU", "America/Chicago");
    ASSERT_TRUE(tx.commit());
  }
  EXPECT_EQ(repo.all().value().size(), 1u);
}

TEST(Database, CachedStatementsComeBackResetAndUnbound) {
  TempDir dir;
  auto db = Database::open(dir.file("a.db")).value();
  auto& a = db->stmt("SELECT ?1");
  a.bind(1, std::string_view("x"));
  ASSERT_TRUE(a.step().value());
  auto& b = db->stmt("SELECT ?1");
  EXPECT_EQ(&a, &b);
  ASSERT_TRUE(b.step().value());
  EXPECT_TRUE(b.is_null(0));
}

TEST(Database, BackupIsAConsistentCopy) {
  TempDir dir;
  auto db = Database::open(dir.file("a.db")).value();
  add_site(*db, "CHI", "America/Chicago");
  ASSERT_TRUE(db->backup_to(dir.file("copy.db")));
  auto copy = Database::open(dir.file("copy.db"), OpenMode::read_only);
  ASSERT_TRUE(copy) << copy.error().message;
  SiteRepo repo(**copy);
  ASSERT_EQ(repo.all().value().size(), 1u);
  EXPECT_EQ(repo.all().value()[0].timezone, "America/Chicago");
}

TEST(Database, CheckReportsForeignKeyViolations) {
  TempDir dir;
  auto db = Database::open(dir.file("a.db")).value();
  ASSERT_TRUE(db->exec("PRAGMA foreign_keys=OFF"));
  ASSERT_TRUE(db->exec("INSERT INTO volunteer_sites (volunteer_id, site) VALUES (42, 'NOPE')"));
  const auto ok = db->check();
  ASSERT_FALSE(ok);
  EXPECT_NE(ok.error().message.find("volunteer_sites"), std::string::npos);
}

}  // namespace
}  // namespace cw::store
