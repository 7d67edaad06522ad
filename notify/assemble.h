// One outbox row made into bytes for its channel, at send time.
//
// assemble() looks up what the row does not carry (the recipient's name,
// the volunteer-page token, the session and site for the invitation's .ics,
// the digest's lists), renders the words (compose.h) and builds the e-mail
// (mime.h) or the webhook's JSON. The volunteer-page link uses the
// volunteer's `volunteer-link` token: tokens are derived from the server
// secret (store/token_repo.h), so the live one is re-derived here and one is
// issued when the volunteer has none yet; the token is never stored in the
// outbox. The invitation's .ics is the volunteer feed's event for the
// session, rendered by feeds/ with METHOD:REQUEST, so UID and SEQUENCE are
// the feed's. Not thread-safe (one Database); call preload_ical_zones()
// before threads start.
#pragma once

#include <string>

#include "notify/digest_source.h"
#include "notify/notify_config.h"
#include "notify/transport.h"
#include "store/db.h"
#include "store/outbox_repo.h"
#include "store/token_repo.h"

namespace cw::notify {

struct AssembleContext {
  const NotifyConfig* config = nullptr;
  std::string public_url;  // "https://watch.example.org"
  std::string coordinator_contact;
  const store::TokenSecret* secret = nullptr;
  DigestWords reasons;  // optional, for digests
};

Result<Outgoing> assemble(store::Database& db, const store::OutboxRow& row,
                          const AssembleContext& ctx, Instant now);

}  // namespace cw::notify
