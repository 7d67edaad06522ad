#include <gtest/gtest.h>

#include <cstdlib>
#include <fstream>

#include "daemon/config.h"

namespace cw::daemon {
namespace {

std::string notify_error_of(std::string_view toml) {
  auto c = parse_config(toml, "test.toml");
  EXPECT_FALSE(c) << "expected an error for:\n" << toml;
  return c ? std::string() : c.error().message;
}

TEST(ConfigNotify, DefaultsAreTheDesignsHours) {
  const auto c = parse_config("", "test.toml").value();
  EXPECT_EQ(c.notify.rules.quiet.start, TimeOfDay{21 * 60});
  EXPECT_EQ(c.notify.rules.quiet.end, TimeOfDay{7 * 60});
  EXPECT_EQ(c.notify.rules.confirm_request_at, TimeOfDay{18 * 60});
  EXPECT_EQ(c.notify.rules.reminder_at, TimeOfDay{7 * 60});
  EXPECT_EQ(c.notify.rules.digest_at, TimeOfDay{16 * 60});
  EXPECT_EQ(c.notify.rules.urgent_within, std::chrono::hours{12});
  EXPECT_TRUE(c.notify.smtp.url.empty());
  EXPECT_TRUE(c.notify.smtp.tls_required);
}

TEST(ConfigNotify, ReadsNotifySmtpWebhookAndCoordinators) {
  const std::string pw = ::testing::TempDir() + "/cw-smtp-pw";
  std::ofstream(pw) << "hunter2\n";
  const auto c = parse_config(R"(
[notify]
quiet_start = "22:00"
quiet_end = "06:30"
digest_at = "17:15"
urgent_within_hours = 6
concurrency = 8
[[notify.coordinators]]
name = "Maria"
email = "maria@example.org"
timezone = "America/Phoenix"
sites = ["chi", "HOU"]
locale = "es"
[smtp]
url = "smtps://mail.example.org:465"
username = "watch"
password_file = ")" + pw + R"("
from = "Court Watch <watch@example.org>"
reply_to = "coord@example.org"
)",
                              "test.toml");
  ASSERT_TRUE(c) << c.error().message;
  EXPECT_EQ(c->notify.rules.quiet.start, TimeOfDay{22 * 60});
  EXPECT_EQ(c->notify.rules.quiet.end, TimeOfDay{6 * 60 + 30});
  EXPECT_EQ(c->notify.rules.digest_at, TimeOfDay{17 * 60 + 15});
  EXPECT_EQ(c->notify.rules.urgent_within, std::chrono::hours{6});
  EXPECT_EQ(c->notify.delivery.concurrency, 8);
  ASSERT_EQ(c->notify.coordinators.size(), 1u);
  EXPECT_EQ(c->notify.coordinators[0].sites, (std::vector<std::string>{"CHI", "HOU"}));
  EXPECT_EQ(c->notify.coordinators[0].locale, "es");
  EXPECT_EQ(c->notify.smtp.password, "hunter2");
  EXPECT_EQ(c->notify.smtp.reply_to, "coord@example.org");
}

TEST(ConfigNotify, PasswordFromTheEnvironment) {
  ::setenv("CW_TEST_SMTP_PW", "from-env", 1);
  const auto c = parse_config(
      "[smtp]\nurl = \"smtp://mail.example.org:587\"\npassword_env = \"CW_TEST_SMTP_PW\"\n"
      "from = \"w@example.org\"\n",
      "test.toml");
  ASSERT_TRUE(c) << c.error().message;
  EXPECT_EQ(c->notify.smtp.password, "from-env");
  EXPECT_NE(notify_error_of("[smtp]\npassword_env = \"CW_TEST_SURELY_UNSET\"\n")
                .find("CW_TEST_SURELY_UNSET is not set"),
            std::string::npos);
}

TEST(ConfigNotify, ErrorsNameTheKeyAndLine) {
  EXPECT_EQ(notify_error_of("[notify]\nquiet_start = \"9pm\"\n"),
            "test.toml: line 2, key 'notify.quiet_start': expected a time HH:MM, got '9pm'");
  EXPECT_EQ(notify_error_of("[notify]\nbogus = 1\n"),
            "test.toml: line 2: unknown key 'notify.bogus'");
  EXPECT_NE(notify_error_of("[notify]\nconcurrency = 0\n").find("key 'notify.concurrency'"),
            std::string::npos);
  EXPECT_NE(notify_error_of(
                "[[notify.coordinators]]\nemail = \"m@example.org\"\ntimezone = \"Mars/Base\"\n")
                .find("unknown IANA time zone 'Mars/Base'"),
            std::string::npos);
  EXPECT_NE(notify_error_of("[[notify.coordinators]]\nemail = \"not an address\"\n")
                .find("notify.coordinators[0].email"),
            std::string::npos);
  EXPECT_NE(notify_error_of("[smtp]\nurl = \"http://mail.example.org\"\n").find("key 'smtp.url'"),
            std::string::npos);
  EXPECT_NE(notify_error_of("[smtp]\nurl = \"smtp://127.0.0.1:25\"\n").find("key 'smtp.from'"),
            std::string::npos);
  EXPECT_NE(notify_error_of("[smtp]\npassword_file = \"/nonexistent/pw\"\n").find("cannot read"),
            std::string::npos);
  EXPECT_NE(notify_error_of("[webhook]\nurl = \"https://hook.example.org\"\n")
                .find("webhook.secret_file"),
            std::string::npos);
}

TEST(ConfigNotify, PlainSmtpOnlyForLoopback) {
  EXPECT_TRUE(
      parse_config("[smtp]\nurl = \"smtp://127.0.0.1:2525\"\ntls = \"none\"\n"
                   "from = \"w@example.org\"\n",
                   "test.toml"));
  EXPECT_TRUE(
      parse_config("[smtp]\nurl = \"smtp://localhost:2525\"\ntls = \"none\"\n"
                   "from = \"w@example.org\"\n",
                   "test.toml"));
  EXPECT_NE(notify_error_of("[smtp]\nurl = \"smtp://mail.example.org:25\"\ntls = \"none\"\n"
                            "from = \"w@example.org\"\n")
                .find("only allowed for a loopback relay"),
            std::string::npos);
}

}  // namespace
}  // namespace cw::daemon
