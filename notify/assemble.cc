#include "notify/assemble.h"

#include <nlohmann/json.hpp>

#include "core/text.h"
#include "feeds/ical_writer.h"
#include "notify/compose.h"
#include "notify/mime.h"
#include "notify/smtp.h"
#include "store/repos.h"
#include "store/session_repos.h"

namespace cw::notify {
namespace {

using Json = nlohmann::json;

struct Person {
  std::string name;
  std::string phone;
};

Result<Person> volunteer_person(store::Database& db, Id id) {
  auto found = CW_TRY(store::VolunteerRepo(db).name_and_phone(id));
  if (!found) return fail(Error::not_found("volunteer " + std::to_string(id)));
  return Person{std::move(found->first), std::move(found->second)};
}

// The invitation's calendar: the session as the volunteer's feed shows it.
Result<std::string> invitation_ics(store::Database& db, const store::OutboxRow& row,
                                   const AssembleContext& ctx, const std::string& page_url,
                                   Instant now) {
  const auto session = CW_TRY(store::SessionRepo(db).find(*row.session));
  if (!session) return fail(Error::not_found("session " + std::to_string(*row.session)));
  const auto site = CW_TRY(store::SiteRepo(db).find(session->key.site));
  if (!site) return fail(Error::not_found("site " + session->key.site));
  feeds::SessionFacts facts;
  facts.session = *session;
  facts.site = *site;
  facts.updated = row.created;
  facts.assigned = 1;
  facts.mine = AssignmentState::invited;
  const std::vector<feeds::SessionFacts> all{facts};
  feeds::FeedSpec spec;
  spec.kind = feeds::FeedKind::volunteer;
  spec.calendar_name = "Court watch";
  spec.public_url = ctx.public_url;
  spec.coordinator_contact = ctx.coordinator_contact;
  spec.self_service_url = page_url;
  spec.stamp = now;
  spec.method = feeds::CalendarMethod::request;
  spec.organizer_email = bare_address(ctx.config->smtp.from);
  spec.attendee_email = row.recipient;
  return feeds::render_calendar(spec, feeds::select_events(feeds::FeedKind::volunteer, all, now));
}

std::string unsubscribe_header(const AssembleContext& ctx, const std::string& page_url) {
  const auto& s = ctx.config->smtp;
  const std::string mailbox = bare_address(s.reply_to.empty() ? s.from : s.reply_to);
  std::string out = "<mailto:" + mailbox + "?subject=unsubscribe>";
  if (!page_url.empty()) out += ", <" + page_url + "#notifications>";
  return out;
}

Json webhook_body(const store::OutboxRow& row, const Rendered& r, const std::string& message_id,
                  const Person& who) {
  const auto payload = Json::parse(row.payload, nullptr, false);
  Json out{{"message_id", message_id}, {"kind", row.kind},     {"volunteer", row.recipient},
           {"locale", row.locale},     {"subject", r.subject}, {"text", r.text},
           {"link", r.link},           {"phone", who.phone}};
  if (payload.is_object()) {
    for (const char* key : {"session", "old"}) {
      if (payload.contains(key)) out[key] = payload[key];
    }
  }
  return out;
}

}  // namespace

Result<Outgoing> assemble(store::Database& db, const store::OutboxRow& row,
                          const AssembleContext& ctx, Instant now) {
  RenderInput in;
  in.row = row;
  in.public_url = ctx.public_url;
  Person who;
  if (row.volunteer) {
    who = CW_TRY(volunteer_person(db, *row.volunteer));
    const auto token = CW_TRY(
        store::TokenRepo(db).issue(*ctx.secret, store::TokenPurpose::volunteer_link,
                                   std::to_string(*row.volunteer), store::Rotation::keep, now));
    in.page_url = ctx.public_url + "/v/" + token;
  } else {
    for (const auto& c : ctx.config->coordinators) {
      if (c.email != row.recipient) continue;
      who.name = c.name;
      if (row.kind == "digest") in.digest = CW_TRY(load_digest(db, c, now, ctx.reasons));
    }
  }
  in.recipient_name = who.name;
  const Rendered r = CW_TRY(render(in));
  Outgoing out;
  out.channel = row.channel;
  out.recipient = row.recipient;
  out.message_id = message_id_for(row.idem_key, url_host(ctx.public_url));
  if (row.channel == "webhook") {
    out.body = webhook_body(row, r, out.message_id, who).dump();
    return out;
  }
  std::string ics;
  if (row.kind == "invitation" && row.session) {
    ics = CW_TRY(invitation_ics(db, row, ctx, in.page_url, now));
  }
  MailHeaders h;
  h.message_id = out.message_id;
  h.date = now;
  h.from = ctx.config->smtp.from;
  h.to = row.recipient;
  h.reply_to = ctx.config->smtp.reply_to;
  h.subject = r.subject;
  h.list_unsubscribe = unsubscribe_header(ctx, in.page_url);
  out.body = build_mime(h, r.text, r.html, ics);
  return out;
}

}  // namespace cw::notify
