// What notifications need from the configuration (DESIGN.md §7): the
// planning rules ([notify]), the coordinators who get digests and alerts
// ([[notify.coordinators]]), and the two channels ([smtp], [webhook]).
//
// daemon/config_notify.cc reads these from TOML with strict validation;
// secrets (the SMTP password, the webhook secret) are resolved there from
// their file or environment variable, so the values here are ready to use.
// Plain values: thread-safe to copy.
#pragma once

#include <chrono>
#include <string>
#include <vector>

#include "core/time.h"

namespace cw::notify {

// Non-urgent messages due inside [start, end) site-local wait until `end`.
// start == end means no quiet hours.
struct QuietHours {
  TimeOfDay start{21 * 60};
  TimeOfDay end{7 * 60};

  bool operator==(const QuietHours&) const = default;
};

struct Rules {
  TimeOfDay confirm_request_at{18 * 60};  // site-local, the day before the session
  TimeOfDay reminder_at{7 * 60};          // site-local, the morning of the session
  TimeOfDay digest_at{16 * 60};           // in each coordinator's zone
  QuietHours quiet;
  std::chrono::hours urgent_within{12};  // a change this close to the session ignores quiet hours
  int horizon_days = 30;                 // sessions further out are not planned for yet

  bool operator==(const Rules&) const = default;
};

struct Coordinator {
  std::string name;
  std::string email;
  std::string timezone = "America/New_York";  // IANA; the digest hour is read in it
  std::vector<std::string> sites;             // empty: every site
  std::string locale = "en";

  bool operator==(const Coordinator&) const = default;
};

struct SmtpConfig {
  std::string url;           // smtp://host:587 (STARTTLS) or smtps://host:465; empty: off
  bool tls_required = true;  // tls = "none" only for a loopback relay
  std::string ca_file;       // extra trust anchor (PEM)
  std::string username;      // AUTH when not empty
  std::string password;      // resolved from password_file / password_env
  std::string from;          // "Court Watch <watch@example.org>"
  std::string reply_to;
  int connect_timeout_s = 10;
  int timeout_s = 60;

  bool operator==(const SmtpConfig&) const = default;
};

struct WebhookConfig {
  std::string url;     // empty: off
  std::string secret;  // resolved from secret_file
  int timeout_s = 10;

  bool operator==(const WebhookConfig&) const = default;
};

struct DeliveryConfig {
  int concurrency = 4;   // messages in flight at once (one connection each)
  int max_attempts = 8;  // transient failures before a message is failed
  std::chrono::seconds backoff_base{30};
  std::chrono::seconds backoff_max{std::chrono::hours{6}};
  std::chrono::seconds plan_interval{30};  // how often the worker re-plans on its own

  bool operator==(const DeliveryConfig&) const = default;
};

struct NotifyConfig {
  Rules rules;
  std::vector<Coordinator> coordinators;
  SmtpConfig smtp;
  WebhookConfig webhook;
  DeliveryConfig delivery;

  bool operator==(const NotifyConfig&) const = default;
};

}  // namespace cw::notify
