// Message planning: which notifications the store's state calls for
// (DESIGN.md §7).
//
// plan_messages() is a pure function of a PlanInput (sessions, assignments
// with what their event log says, volunteers, reports, the messages already
// in the outbox, the rules and "now") to a Plan: rows to add and pending rows
// to drop. It never reads a clock or the database; plan_source.h loads the
// input and applies the plan. Running it again on its own output plans
// nothing: every message has an idempotency key
//   a{assignment}/{kind}/{round}/s{session sequence}/{channel}
//   digest/{coordinator e-mail}/{local date}    report{id}/alert/{e-mail}
// whose first three parts (the "slot") say which message it is and the
// sequence which version of the session it describes.
//
// Rules, per assignment of a session in the horizon:
// - invitation: state invited; round = number of invitations so far (a
//   declined volunteer invited again gets a new one); due now.
// - confirm-request: still invited, due 18:00 site-local the day before,
//   only if the invitation came before that time.
// - reminder: confirmed, due 07:00 site-local on the day.
// - change: invited or confirmed, and a message describing an older sequence
//   of the session already went out; due now; says old → new (old = what
//   the volunteer was last told).
// - cancellation: the session or the assignment was cancelled after the
//   volunteer had been told about it; due now.
// A pending message no longer called for (state moved on, session changed or
// started) is dropped; one for an older sequence is replaced. Non-urgent
// messages wait out the quiet hours (site-local); a change or cancellation
// within `urgent_within` of the session goes at once, as do alerts.
// Coordinators get a digest per local day (due at digest_at in their zone)
// and an alert per report of ICE presence or detention at their sites.
// Thread-safe (pure).
#pragma once

#include <map>
#include <optional>
#include <string>
#include <vector>

#include "core/domain.h"
#include "notify/notify_config.h"
#include "store/notify_rows.h"
#include "store/outbox_repo.h"

namespace cw::notify {

enum class Kind { invitation, confirm_request, reminder, change, cancellation, digest, alert };
std::string_view to_string(Kind k);

struct SessionFacts {
  Session session;
  Site site;
};

// As the store reads them (store/notify_rows.h).
using AssignmentFacts = store::AssignmentHistory;
using RecipientFacts = store::Recipient;

struct ReportFacts {
  Id id = 0;
  Id session = 0;
  bool ice_present = false;
  int detained = 0;
  Instant created{};
};

struct PlanInput {
  Instant now{};
  Rules rules;
  std::vector<Coordinator> coordinators;
  bool webhook_enabled = false;
  std::map<Id, SessionFacts> sessions;
  std::vector<AssignmentFacts> assignments;
  std::map<Id, RecipientFacts> volunteers;
  std::vector<ReportFacts> reports;
  std::vector<store::OutboxRow> existing;
};

struct Drop {
  Id id = 0;
  std::string reason;
};

struct Plan {
  std::vector<store::OutboxRow> add;
  std::vector<Drop> drop;
};

Result<Plan> plan_messages(const PlanInput& in);

// "a12/invitation/1" for "a12/invitation/1/s3/email".
std::string slot_of(const std::string& idem_key);

}  // namespace cw::notify
