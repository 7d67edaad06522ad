// An e-mail as bytes: RFC 5322 headers and a MIME body (DESIGN.md §7).
//
// The Message-ID is derived from the outbox idempotency key (a BLAKE2b hash,
// so it reveals no ids), which makes a re-sent message after a crash carry
// the same Message-ID as the first copy. The body is multipart/alternative
// (text/plain and text/html, quoted-printable UTF-8), wrapped in
// multipart/mixed with an `invite.ics` part (text/calendar;
// method=REQUEST, base64) when there is a calendar invitation. Lines end in
// CRLF; non-ASCII header text is RFC 2047 encoded. Pure, thread-safe.
#pragma once

#include <string>
#include <string_view>

#include "core/time.h"

namespace cw::notify {

struct MailHeaders {
  std::string message_id;  // "<...@host>"
  Instant date{};
  std::string from;
  std::string to;
  std::string reply_to;  // may be empty
  std::string subject;
  std::string list_unsubscribe;  // the header's value, may be empty
};

std::string message_id_for(std::string_view idem_key, std::string_view host);
// "Tue, 01 Dec 2026 02:32:08 +0000".
std::string rfc5322_date(Instant t);
std::string quoted_printable(std::string_view utf8);
// The text as is when it is printable ASCII, else =?UTF-8?B?...?= words.
std::string encode_header(std::string_view text);
std::string build_mime(const MailHeaders& h, const std::string& text, const std::string& html,
                       const std::string& ics);

}  // namespace cw::notify
