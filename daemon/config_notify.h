// The TOML readers for the notification part of the configuration
// (DESIGN.md §7), for config.cc:
//
//   [notify]        quiet hours, rule hours, horizon, delivery limits
//   [[notify.coordinators]]  name, email, timezone, sites, locale
//   [smtp]          url, tls, ca_file, username, password_file|password_env,
//                   from, reply_to, connect_timeout, timeout
//   [webhook]       url, secret_file, timeout
//
// Validation is strict like the rest of config.cc: an unknown key, a value
// of the wrong type or range, an unknown time zone, a tls = "none" for a
// host other than loopback, a secret file that cannot be read: each is an
// error naming the file, line and key. Secrets are read here so that the
// daemon fails at start-up, not at the first message.
#pragma once

#include <toml++/toml.h>

#include "core/error.h"
#include "notify/notify_config.h"

namespace cw::daemon {

// `node` is the value of the root key "notify" (a table).
Result<void> read_notify(const std::string& file, const toml::node& node, notify::NotifyConfig& c);
Result<void> read_smtp(const std::string& file, const toml::node& node, notify::SmtpConfig& c);
Result<void> read_webhook(const std::string& file, const toml::node& node,
                          notify::WebhookConfig& c);

}  // namespace cw::daemon
