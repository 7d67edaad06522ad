#include "notify/compose.h"

#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "notify/catalog.h"
#include "notify/mime.h"
#include "notify/webhook.h"

namespace cw::notify {
namespace {

Snapshot snap(const char* start) {
  Snapshot s;
  s.id = 7;
  s.site = "CHI";
  s.site_name = "Chicago Immigration Court";
  s.address = "55 E. Monroe St., Chicago, IL";
  s.timezone = "America/Chicago";
  s.date = "2027-06-10";
  s.start = start;
  s.end = "12:00";
  s.location = "Courtroom 5";
  s.judge = "Judge Ada";
  s.sequence = 2;
  return s;
}

RenderInput volunteer_message(const char* kind, const char* locale, nlohmann::json payload) {
  RenderInput in;
  in.row.id = 1;
  in.row.kind = kind;
  in.row.locale = locale;
  in.row.subject = "S";
  payload["assignment"] = 11;
  in.row.payload = payload.dump();
  in.recipient_name = "Rosa <b>";
  in.page_url = "https://watch.example.org/v/abcdefghijklmnopqrstuvwxyz";
  return in;
}

TEST(Compose, InvitationLinksToTheVolunteerPageAtTheAssignment) {
  const auto r =
      render(volunteer_message("invitation", "en", {{"session", to_json(snap("09:00"))}}));
  ASSERT_TRUE(r) << r.error().message;
  EXPECT_EQ(r->link, "https://watch.example.org/v/abcdefghijklmnopqrstuvwxyz#assignment-11");
  EXPECT_NE(r->text.find("Hello Rosa <b>,"), std::string::npos);
  EXPECT_NE(r->text.find("Chicago Immigration Court, Courtroom 5 on Thu 10 Jun 2027, 09:00–12:00"),
            std::string::npos);
  EXPECT_NE(r->html.find("Rosa &lt;b&gt;"), std::string::npos);
  EXPECT_EQ(r->html.find("<b>"), std::string::npos);
  EXPECT_EQ(r->text.find('{'), std::string::npos);
}

TEST(Compose, ChangeSaysOldAndNewInSpanish) {
  const auto r = render(volunteer_message(
      "change", "es", {{"session", to_json(snap("13:00"))}, {"old", to_json(snap("09:00"))}}));
  ASSERT_TRUE(r) << r.error().message;
  EXPECT_NE(r->text.find("Hola, Rosa <b>:"), std::string::npos);
  EXPECT_NE(r->text.find("Antes: Chicago Immigration Court, Courtroom 5, jue 10 jun 2027, 09:00"),
            std::string::npos);
  EXPECT_NE(r->text.find("Ahora: Chicago Immigration Court, Courtroom 5, jue 10 jun 2027, 13:00"),
            std::string::npos);
}

TEST(Compose, EveryKindHasEnglishAndSpanishWords) {
  for (const char* key : {"subject.invitation", "subject.confirm-request", "subject.reminder",
                          "subject.change", "subject.cancellation", "subject.digest",
                          "subject.alert", "body.invitation", "body.confirm-request",
                          "body.reminder", "body.change", "body.cancellation", "alert.body"}) {
    EXPECT_NE(text(Locale::en, key), key);
    EXPECT_NE(text(Locale::es, key), text(Locale::en, key)) << key;
  }
}

TEST(Mime, MessageIdIsDerivedFromTheKeyAlone) {
  const auto a = message_id_for("a11/invitation/1/s2/email", "watch.example.org");
  EXPECT_EQ(a, message_id_for("a11/invitation/1/s2/email", "watch.example.org"));
  EXPECT_NE(a, message_id_for("a11/invitation/1/s3/email", "watch.example.org"));
  EXPECT_EQ(a.find("a11"), std::string::npos);
  EXPECT_TRUE(a.ends_with("@watch.example.org>"));
}

TEST(Mime, DateAndHeaders) {
  EXPECT_EQ(rfc5322_date(date::sys_days{date::year{2026} / 12 / 1} + std::chrono::hours{2}),
            "Tue, 01 Dec 2026 02:00:00 +0000");
  EXPECT_EQ(encode_header("plain"), "plain");
  EXPECT_EQ(encode_header("Invitación"), "=?UTF-8?B?SW52aXRhY2nDs24=?=");
  EXPECT_EQ(encode_header("a\r\nBcc: x"), "a  Bcc: x");
}

TEST(Mime, QuotedPrintableKeepsLinesShortAndEncodesUtf8) {
  EXPECT_EQ(quoted_printable("Cómo = bien"), "C=C3=B3mo =3D bien");
  EXPECT_EQ(quoted_printable("end \nnext"), "end=20\r\nnext");
  const std::string long_line(200, 'x');
  const auto qp = quoted_printable(long_line);
  for (std::size_t i = 0, j; i < qp.size(); i = j + 2) {
    j = qp.find("\r\n", i);
    if (j == std::string::npos) j = qp.size();
    EXPECT_LE(j - i, 76u);
  }
}

TEST(Mime, InvitationCarriesTheCalendarAsRequest) {
  MailHeaders h;
  h.message_id = message_id_for("k", "watch.example.org");
  h.from = "Court Watch <watch@example.org>";
  h.to = "rosa@example.org";
  h.subject = "S";
  const auto m = build_mime(h, "text", "<p>html</p>", "BEGIN:VCALENDAR\r\nEND:VCALENDAR\r\n");
  EXPECT_NE(m.find("Content-Type: multipart/mixed"), std::string::npos);
  EXPECT_NE(m.find("text/calendar; charset=utf-8; method=REQUEST"), std::string::npos);
  EXPECT_EQ(build_mime(h, "t", "h", "").find("multipart/mixed"), std::string::npos);
  EXPECT_EQ(m.find("\n\n"), std::string::npos);  // CRLF everywhere
}

TEST(Webhook, SignatureIsHmacSha256OfTheBody) {
  // RFC 4231-style known answer (key "key", the quick brown fox).
  EXPECT_EQ(webhook_signature("key", "The quick brown fox jumps over the lazy dog"),
            "sha256=f7bc83f430538424b13298e6aa6fb143ef4d59a14946175997479dbc2d1a3cd8");
}

}  // namespace
}  // namespace cw::notify
