#include "daemon/config.h"

#include <gtest/gtest.h>

#include <fstream>

namespace cw::daemon {
namespace {

std::string error_of(std::string_view toml) {
  auto c = parse_config(toml, "test.toml");
  EXPECT_FALSE(c) << "expected an error for:\n" << toml;
  return c ? std::string() : c.error().message;
}

TEST(Config, EmptyFileGivesTheDefaults) {
  const auto c = parse_config("", "test.toml").value();
  EXPECT_EQ(c.database_path, "./courtwatch.db");
  EXPECT_EQ(c.server.listen_address, "127.0.0.1");
  EXPECT_EQ(c.server.listen_port, 8080);
  EXPECT_EQ(c.import_horizon_days, 60);
}

TEST(Config, ReadsEveryDocumentedSection) {
  const auto c = parse_config(R"(
[database]
path = "/var/lib/courtwatch/courtwatch.db"
[server]
listen = "[::1]:9090"
public_url = "https://watch.example.org/"
threads = 32
keep_alive_timeout = 3
keep_alive_max_requests = 500
max_request_kb = 256
behind_https_proxy = true
[data]
sites_file = "/etc/courtwatch/sites.csv"
[import]
horizon_days = 30
[import.csv.columns]
courtroom = "location"
[feeds]
coordinator_contact = "Maria, +1 312 555 0100"
[log]
level = "debug"
)",
                              "test.toml")
                     .value();
  EXPECT_EQ(c.database_path, "/var/lib/courtwatch/courtwatch.db");
  EXPECT_EQ(c.server.listen_address, "::1");
  EXPECT_EQ(c.server.listen_port, 9090);
  EXPECT_EQ(c.server.public_url, "https://watch.example.org");
  EXPECT_EQ(c.server.threads, 32);
  EXPECT_EQ(c.server.max_request_bytes, 256u * 1024);
  EXPECT_TRUE(c.server.behind_https_proxy);
  EXPECT_EQ(c.import_horizon_days, 30);
  EXPECT_EQ(c.csv_column_aliases.at("courtroom"), "location");
  EXPECT_EQ(c.log_level, "debug");
  EXPECT_EQ(c.feeds.coordinator_contact, "Maria, +1 312 555 0100");
}

TEST(Config, CoordinatorContactMustBeOneShortLine) {
  EXPECT_EQ(error_of("[feeds]\ncoordinator_contact = \"a\\nb\"\n"),
            "test.toml: line 2, key 'feeds.coordinator_contact': expected one line of at most 200 "
            "bytes");
  EXPECT_NE(error_of("[feeds]\ncoordinator_contact = \"" + std::string(201, 'x') + "\"\n"), "");
}

TEST(Config, UnknownKeyNamesKeyAndLine) {
  EXPECT_EQ(error_of("[server]\nlisten = \"127.0.0.1:8080\"\nthreds = 4\n"),
            "test.toml: line 3: unknown key 'server.threds'");
  EXPECT_EQ(error_of("\n\n[nonsense]\n"), "test.toml: line 3: unknown key 'nonsense'");
}

TEST(Config, WrongTypeNamesKeyAndLine) {
  EXPECT_EQ(error_of("[server]\nthreads = \"many\"\n"),
            "test.toml: line 2, key 'server.threads': expected an integer");
  EXPECT_EQ(error_of("[database]\npath = 5\n"),
            "test.toml: line 2, key 'database.path': expected a string");
}

TEST(Config, OutOfRangeValuesAreRejected) {
  EXPECT_EQ(error_of("[server]\nthreads = 1\n"),
            "test.toml: line 2, key 'server.threads': expected an integer from 4 to 1024, got 1");
  EXPECT_NE(error_of("[server]\nlisten = \"127.0.0.1:99999\"\n").find("line 2"), std::string::npos);
  EXPECT_NE(error_of("[server]\nlisten = \"localhost\"\n").find("expected ADDRESS:PORT"),
            std::string::npos);
  EXPECT_NE(error_of("[log]\nlevel = \"loud\"\n").find("key 'log.level'"), std::string::npos);
  EXPECT_NE(error_of("[server]\npublic_url = \"watch.example.org\"\n").find("http://"),
            std::string::npos);
}

TEST(Config, SyntaxErrorNamesTheLine) {
  const auto e = error_of("[server]\nlisten = \n");
  EXPECT_EQ(e.rfind("test.toml: line 2:", 0), 0u) << e;
}

TEST(Config, MissingFileIsAnIoError) {
  const auto c = load_config("/nonexistent/courtwatch.toml");
  ASSERT_FALSE(c);
  EXPECT_EQ(c.error().code, Errc::io);
  EXPECT_NE(c.error().message.find("/nonexistent/courtwatch.toml"), std::string::npos);
}

TEST(Config, TheShippedExampleIsValid) {
  const auto c = load_config(std::string(CW_SOURCE_DIR) + "/config/courtwatch.example.toml");
  ASSERT_TRUE(c) << c.error().message;
}

}  // namespace
}  // namespace cw::daemon
