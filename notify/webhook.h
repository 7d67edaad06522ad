// The JSON webhook channel (DESIGN.md §7, [webhook]).
//
// Each message is one POST of its JSON body to the configured URL with
// `Content-Type: application/json`, `X-Courtwatch-Signature: sha256=HEX`
// where HEX is HMAC-SHA256(secret, body) (libsodium), and
// `X-Courtwatch-Message-Id` (the e-mail Message-ID, stable across retries, so
// the receiver can drop duplicates). HTTP 2xx is accepted; 408, 429, 5xx and
// connection errors are transient; any other status (400, 401, 404, …)
// fails the message at once — the HTTP reading of the SMTP rule (a 503 is
// the server's "try later", a 400 says this body will never do). One
// WebhookTransport keeps one CURL handle (connection reuse). Not
// thread-safe: one per worker thread.
#pragma once

#include <memory>
#include <string>

#include "notify/notify_config.h"
#include "notify/transport.h"

namespace cw::notify {

// "sha256=" + lowercase hex of HMAC-SHA256(secret, body).
std::string webhook_signature(const std::string& secret, const std::string& body);

class WebhookTransport final : public Transport {
 public:
  explicit WebhookTransport(WebhookConfig config);
  ~WebhookTransport() override;
  WebhookTransport(const WebhookTransport&) = delete;
  WebhookTransport& operator=(const WebhookTransport&) = delete;

  SendResult send(const Outgoing& message) override;

 private:
  struct Handle;
  WebhookConfig config_;
  std::unique_ptr<Handle> handle_;
};

}  // namespace cw::notify
