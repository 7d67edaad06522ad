// The words and links of one message, per kind (DESIGN.md §7).
//
// render() turns an outbox row (its payload, frozen at planning) plus what
// is looked up at send time (the recipient's name, the link to their page,
// the digest's lists) into a subject, a plain-text body and an HTML body in
// the row's language. Links go to the volunteer page,
// {public_url}/v/{token}#assignment-{id}, never to a state-changing URL;
// coordinator messages link to the session's page. Nothing here can print a
// case reference: none is part of the input. Pure, thread-safe.
#pragma once

#include <string>
#include <vector>

#include "core/error.h"
#include "notify/snapshot.h"
#include "store/outbox_repo.h"

namespace cw::notify {

struct DigestFacts {
  struct Uncovered {
    Snapshot session;
    int seats = 0;
    std::string reason;  // in the recipient's language; empty: none known
  };
  std::vector<Uncovered> uncovered;   // next 72 hours
  std::vector<std::string> declines;  // one line each
  std::vector<std::string> failed_imports;
  std::vector<std::string> failed_messages;
};

struct RenderInput {
  store::OutboxRow row;
  std::string recipient_name;  // volunteer's or coordinator's display name
  std::string page_url;        // volunteer messages: {public_url}/v/{token}
  std::string public_url;      // coordinator links
  DigestFacts digest;          // digests only
};

struct Rendered {
  std::string subject;
  std::string text;
  std::string html;
  std::string link;  // the main link of the message ("" if none)
};

Result<Rendered> render(const RenderInput& in);

}  // namespace cw::notify
