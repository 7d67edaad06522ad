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

TEST(Config, ReadsSourcesAndFetchLimits) {
  const auto c = parse_config(R"(
[fetch]
connect_timeout = 5
timeout = 60
max_size_mb = 16
retries = 2
max_redirects = 3

[[sources]]
name = "partner-checkins"
kind = "ics"
url = "https://partner.example.org/checkins.ics"
site = "CHI-ERO"
interval = "6h"

[[sources]]
name = "eoir"
kind = "eoir"
path = "/srv/eoir/current"
interval = "1d"

[[sources]]
name = "eoir-status"
kind = "status"
url = "https://www.justice.gov/eoir/eoir-operational-status"
interval = "30m"
)",
                              "test.toml");
  ASSERT_TRUE(c) << c.error().message;
  ASSERT_EQ(c->sources.size(), 3u);
  EXPECT_EQ(c->sources[0].name, "partner-checkins");
  EXPECT_EQ(c->sources[0].site, "CHI-ERO");
  EXPECT_EQ(c->sources[0].interval, std::chrono::hours(6));
  EXPECT_EQ(c->sources[1].path, "/srv/eoir/current");
  EXPECT_EQ(c->sources[1].interval, std::chrono::hours(24));
  EXPECT_EQ(c->sources[2].interval, std::chrono::minutes(30));
  EXPECT_EQ(c->fetch.connect_timeout_s, 5);
  EXPECT_EQ(c->fetch.max_size_mb, 16);
  EXPECT_EQ(c->fetch.retries, 2);
  EXPECT_TRUE(parse_config("", "t.toml")->sources.empty());
}

TEST(Config, BadSourcesNameKeyAndLine) {
  const std::string head = "[[sources]]\nname = \"a\"\n";
  EXPECT_EQ(error_of(head + "kind = \"rss\"\npath = \"/x\"\n"),
            "test.toml: line 3, key 'sources[0].kind': expected ics, status, csv or eoir");
  EXPECT_EQ(error_of(head + "kind = \"ics\"\nurl = \"ftp://x\"\nsite = \"CHI\"\n"),
            "test.toml: line 4, key 'sources[0].url': expected a URL starting with http:// or "
            "https://");
  EXPECT_EQ(error_of(head + "kind = \"ics\"\npath = \"/x.ics\"\n"),
            "test.toml: line 1, key 'sources[0].site': an ics source needs a site code");
  EXPECT_EQ(error_of(head + "kind = \"eoir\"\nurl = \"https://x/y.zip\"\n"),
            "test.toml: line 4, key 'sources[0].url': eoir sources are local: give path (see "
            "docs/operations.md)");
  EXPECT_EQ(error_of(head + "kind = \"status\"\npath = \"/x\"\ninterval = \"10s\"\n"),
            "test.toml: line 5, key 'sources[0].interval': expected a duration from 1m to 30d");
  EXPECT_EQ(error_of(head + "kind = \"status\"\npath = \"/x\"\ninterval = \"6 hours\"\n"),
            "test.toml: line 5, key 'sources[0].interval': expected a duration like \"90s\", "
            "\"30m\", \"6h\" or \"1d\"");
  EXPECT_EQ(error_of(head + "kind = \"csv\"\npath = \"/x\"\nurl = \"http://x\"\n"),
            "test.toml: line 5, key 'sources[0].url': expected exactly one of url and path");
  EXPECT_EQ(error_of(head + "kind = \"csv\"\npath = \"/x\"\ncolour = 1\n"),
            "test.toml: line 5: unknown key 'sources[0].colour'");
  EXPECT_EQ(
      error_of(head + "kind = \"csv\"\npath = \"/a\"\n" + head + "kind = \"csv\"\npath = \"/b\"\n"),
      "test.toml: line 6, key 'sources[1].name': duplicate source name 'a'");
  EXPECT_EQ(error_of("[[sources]]\nname = \"Bad Name\"\nkind = \"csv\"\npath = \"/a\"\n"),
            "test.toml: line 2, key 'sources[0].name': expected a name of lowercase letters, "
            "digits, '.', '_' or '-'");
  EXPECT_EQ(error_of("sources = 3\n"),
            "test.toml: line 1, key 'sources': expected [[sources]] tables (an array of tables)");
  EXPECT_EQ(error_of("[fetch]\nretries = 99\n"),
            "test.toml: line 2, key 'fetch.retries': expected an integer from 0 to 10");
  EXPECT_EQ(error_of("[fetch]\nproxy = \"x\"\n"), "test.toml: line 2: unknown key 'fetch.proxy'");
}

TEST(Config, TheShippedExampleIsValid) {
  const auto c = load_config(std::string(CW_SOURCE_DIR) + "/config/courtwatch.example.toml");
  ASSERT_TRUE(c) << c.error().message;
}

TEST(Config, ThePackagedConfigIsValid) {
  const auto c = load_config(std::string(CW_SOURCE_DIR) + "/packaging/courtwatch.toml");
  ASSERT_TRUE(c) << c.error().message;
  EXPECT_EQ(c->database_path, "/var/lib/courtwatch/courtwatch.db");
  EXPECT_TRUE(is_loopback_address(c->server.listen_address));
  EXPECT_EQ(c->server.trusted_proxy, "127.0.0.1");
}

TEST(Config, TrustedProxyMustBeAnAddress) {
  EXPECT_EQ(parse_config("[server]\ntrusted_proxy = \"::1\"\n", "t").value().server.trusted_proxy,
            "::1");
  EXPECT_EQ(error_of("[server]\ntrusted_proxy = \"proxy.local\"\n"),
            "test.toml: line 2, key 'server.trusted_proxy': expected an IPv4 or IPv6 address, e.g. "
            "\"127.0.0.1\"");
}

TEST(Config, BackupAndRetention) {
  const auto c =
      parse_config("[backup]\ndir = \"/b\"\ninterval = \"12h\"\nkeep = 3\n[retention]\ndays = 30\n",
                   "t")
          .value();
  EXPECT_EQ(c.maintenance.backup_dir, "/b");
  EXPECT_EQ(c.maintenance.backup_interval, std::chrono::hours(12));
  EXPECT_EQ(c.maintenance.backup_keep, 3);
  EXPECT_EQ(c.maintenance.retention_days, 30);
  EXPECT_EQ(Config{}.maintenance.retention_days, 90);
  EXPECT_EQ(error_of("[backup]\nkeep = 0\n"),
            "test.toml: line 2, key 'backup.keep': expected an integer from 1 to 1000, got 0");
  EXPECT_NE(error_of("[backup]\ninterval = \"soon\"\n").find("key 'backup.interval'"),
            std::string::npos);
  EXPECT_EQ(error_of("[retention]\nday = 3\n"), "test.toml: line 2: unknown key 'retention.day'");
  EXPECT_NE(error_of("[retention]\ndays = 0\n").find("key 'retention.days'"), std::string::npos);
}

TEST(Config, LoopbackAddresses) {
  for (const char* a : {"127.0.0.1", "127.0.0.2", "::1", "localhost", "::ffff:127.0.0.1"}) {
    EXPECT_TRUE(is_loopback_address(a)) << a;
  }
  for (const char* a : {"0.0.0.0", "::", "192.168.1.4", "2001:db8::1", "128.0.0.1"}) {
    EXPECT_FALSE(is_loopback_address(a)) << a;
  }
}

}  // namespace
}  // namespace cw::daemon
