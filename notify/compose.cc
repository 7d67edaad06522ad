#include "notify/compose.h"

#include <nlohmann/json.hpp>

#include "core/text.h"
#include "notify/catalog.h"

namespace cw::notify {
namespace {

using Json = nlohmann::json;

// Plain paragraphs (separated by blank lines) to HTML, each value escaped.
std::string html_of(const std::vector<std::string>& paragraphs, const std::string& link,
                    std::string_view link_label) {
  std::string out =
      "<!DOCTYPE html><html><head><meta charset=\"utf-8\"></head>"
      "<body style=\"font-family:sans-serif;max-width:36em\">";
  for (const auto& p : paragraphs) {
    std::string para = escape_html(p);
    for (std::size_t i = 0; (i = para.find('\n', i)) != std::string::npos; i += 5) {
      para.replace(i, 1, "<br>");
    }
    out += "<p>" + para + "</p>";
  }
  if (!link.empty()) {
    out += "<p><a href=\"" + escape_html(link) + "\">" + escape_html(link_label) + "</a></p>";
  }
  return out + "</body></html>\n";
}

std::string text_of(const std::vector<std::string>& paragraphs) {
  std::string out;
  for (const auto& p : paragraphs) out += p + "\n\n";
  return out;
}

std::string list_or_none(Locale l, const std::vector<std::string>& items) {
  if (items.empty()) return "- " + std::string(text(l, "digest.none"));
  std::string out;
  for (const auto& i : items) out += (out.empty() ? "- " : "\n- ") + i;
  return out;
}

Result<Rendered> render_volunteer(const RenderInput& in, const Json& payload, Locale l) {
  const auto snap = CW_TRY(snapshot_from_json(payload.at("session")));
  const std::string kind = in.row.kind;
  Rendered r;
  r.subject = in.row.subject;
  r.link = in.page_url + "#assignment-" + std::to_string(payload.at("assignment").get<Id>());
  std::map<std::string, std::string> v{{"name", in.recipient_name},
                                       {"where", format_where(snap)},
                                       {"when", format_when(l, snap)},
                                       {"address", snap.address}};
  std::string body_key = "body." + kind;
  if (kind == "change") {
    const auto old = CW_TRY(snapshot_from_json(payload.at("old")));
    v["old"] = format_where(old) + ", " + format_when(l, old);
    v["new"] = format_where(snap) + ", " + format_when(l, snap);
  } else if (kind == "cancellation" && payload.value("reason", "") == "unassigned") {
    body_key = "body.cancellation.unassigned";
  }
  const std::vector<std::string> paras{fill(text(l, "greeting"), v), fill(text(l, body_key), v),
                                       fill(text(l, "link"), {{"url", r.link}}),
                                       std::string(text(l, "unsubscribe"))};
  r.text = text_of(paras);
  r.html = html_of({paras[0], paras[1], paras[3]}, r.link, text(l, "link.label"));
  return r;
}

Result<Rendered> render_digest(const RenderInput& in, const Json& payload, Locale l) {
  Rendered r;
  r.subject = in.row.subject;
  r.link = in.public_url + "/";
  std::vector<std::string> uncovered;
  uncovered.reserve(in.digest.uncovered.size());
  for (const auto& u : in.digest.uncovered) {
    uncovered.push_back(format_where(u.session) + ", " + format_when(l, u.session) + " — " +
                        std::to_string(u.seats) + " × " +
                        (u.reason.empty() ? std::string(text(l, "digest.no_reason")) : u.reason));
  }
  std::vector<std::string> paras{
      fill(text(l, "greeting"), {{"name", in.recipient_name}}),
      fill(text(l, "digest.intro"), {{"date", payload.value("date", "")}})};
  paras.push_back(uncovered.empty() ? std::string(text(l, "digest.uncovered.none"))
                                    : std::string(text(l, "digest.uncovered")) + "\n" +
                                          list_or_none(l, uncovered));
  paras.push_back(std::string(text(l, "digest.declines")) + "\n" +
                  list_or_none(l, in.digest.declines));
  paras.push_back(std::string(text(l, "digest.imports")) + "\n" +
                  list_or_none(l, in.digest.failed_imports));
  paras.push_back(std::string(text(l, "digest.messages")) + "\n" +
                  list_or_none(l, in.digest.failed_messages));
  r.text = text_of(paras) + r.link + "\n";
  r.html = html_of(paras, r.link, r.link);
  return r;
}

Result<Rendered> render_alert(const RenderInput& in, const Json& payload, Locale l) {
  const auto snap = CW_TRY(snapshot_from_json(payload.at("session")));
  Rendered r;
  r.subject = in.row.subject;
  r.link = in.public_url + "/sessions/" + std::to_string(snap.id);
  const bool ice = payload.value("ice_present", false);
  const std::vector<std::string> paras{
      fill(text(l, "greeting"), {{"name", in.recipient_name}}),
      fill(text(l, "alert.body"), {{"where", format_where(snap)},
                                   {"when", format_when(l, snap)},
                                   {"ice", std::string(text(l, ice ? "yes" : "no"))},
                                   {"detained", std::to_string(payload.value("detained", 0))},
                                   {"url", r.link}})};
  r.text = text_of(paras);
  r.html = html_of(paras, r.link, r.link);
  return r;
}

}  // namespace

Result<Rendered> render(const RenderInput& in) {
  const Locale l = locale_of(in.row.locale);
  const auto payload = Json::parse(in.row.payload, nullptr, false);
  if (!payload.is_object()) {
    return fail(Error::invalid("outbox message " + std::to_string(in.row.id) +
                               ": payload is not a JSON object"));
  }
  try {
    if (in.row.kind == "digest") return render_digest(in, payload, l);
    if (in.row.kind == "alert") return render_alert(in, payload, l);
    return render_volunteer(in, payload, l);
  } catch (const Json::exception& e) {
    return fail(
        Error::invalid("outbox message " + std::to_string(in.row.id) + ": payload: " + e.what()));
  }
}

}  // namespace cw::notify
