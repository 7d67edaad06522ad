// SMTP submission through libcurl (DESIGN.md §7, [smtp]).
//
// smtp:// URLs upgrade with STARTTLS, required unless tls = "none" (allowed
// by the config only for a loopback relay); smtps:// is implicit TLS.
// Certificates are verified against the system store plus `ca_file`. AUTH
// is used when a username is configured. One SmtpTransport keeps one CURL
// handle, so consecutive messages reuse the open connection (libcurl's
// connection cache) instead of a TLS handshake each. Reply classes: 2xx
// accepted, 4xx and connection/timeout errors transient, 5xx permanent.
// curl_global_init() must have run before threads start (the daemon does it
// when it builds its fetcher). Not thread-safe: one per worker thread.
#pragma once

#include <memory>

#include "notify/notify_config.h"
#include "notify/transport.h"

namespace cw::notify {

class SmtpTransport final : public Transport {
 public:
  explicit SmtpTransport(SmtpConfig config);
  ~SmtpTransport() override;
  SmtpTransport(const SmtpTransport&) = delete;
  SmtpTransport& operator=(const SmtpTransport&) = delete;

  SendResult send(const Outgoing& message) override;

 private:
  struct Handle;
  SmtpConfig config_;
  std::unique_ptr<Handle> handle_;
};

// "watch@example.org" for "Court Watch <watch@example.org>".
std::string bare_address(const std::string& mailbox);

}  // namespace cw::notify
