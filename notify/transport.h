// Where a rendered message goes: the channel interface of the delivery
// worker (DESIGN.md §7), with the SMTP and webhook implementations in
// smtp.h and webhook.h and a fake in the tests.
//
// send() reports one of three outcomes: the receiving server accepted the
// message; a transient failure (no connection, a timeout, a 4xx SMTP reply,
// an HTTP 408/429/5xx) that is worth retrying later; or a permanent one (a
// 5xx SMTP reply, any other HTTP 4xx) that fails the message at once. A
// Transport holds one connection and is used by one worker thread at a
// time: not thread-safe.
#pragma once

#include <memory>
#include <string>

namespace cw::notify {

enum class SendStatus { accepted, transient, permanent };

struct SendResult {
  SendStatus status = SendStatus::accepted;
  std::string detail;  // the server's reply or the local error, for last_error
};

// One message ready to go.
struct Outgoing {
  std::string channel;     // email, webhook
  std::string recipient;   // e-mail address or volunteer handle
  std::string message_id;  // "<...@host>"
  std::string body;        // RFC 5322 message (CRLF) or the webhook's JSON
};

class Transport {
 public:
  virtual ~Transport() = default;
  virtual SendResult send(const Outgoing& message) = 0;
};

}  // namespace cw::notify
