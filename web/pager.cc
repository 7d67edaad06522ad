#include "web/pager.h"

#include <httplib.h>

#include <algorithm>
#include <charconv>
#include <string>

namespace cw::web {

PageRequest page_request(const httplib::Request& req, int size) {
  PageRequest p;
  p.size = size;
  const std::string v = req.get_param_value("page");
  int n = 1;
  if (!v.empty() && std::from_chars(v.data(), v.data() + v.size(), n).ec == std::errc{}) {
    p.number = std::clamp(n, 1, 10000);
  }
  return p;
}

void pager(Html& h, Lang lang, const PageRequest& p, bool has_next, std::string_view path,
           Query query) {
  if (p.number == 1 && !has_next) return;
  h.raw("<nav class=\"pager\" aria-label=\"").text(tr(lang, "pager.label")).raw("\">");
  if (p.number > 1) {
    query.set("page", p.number == 2 ? "" : std::to_string(p.number - 1));
    h.raw("<a rel=\"prev\" href=\"").text(query.url(path)).raw("\">");
    h.text(tr(lang, "pager.prev")).raw("</a>");
  } else {
    h.raw("<span aria-disabled=\"true\">").text(tr(lang, "pager.prev")).raw("</span>");
  }
  h.raw("<span>")
      .text(tr(lang, "pager.page"))
      .raw(" ")
      .text(std::to_string(p.number))
      .raw("</span>");
  if (has_next) {
    query.set("page", std::to_string(p.number + 1));
    h.raw("<a rel=\"next\" href=\"").text(query.url(path)).raw("\">");
    h.text(tr(lang, "pager.next")).raw("</a>");
  } else {
    h.raw("<span aria-disabled=\"true\">").text(tr(lang, "pager.next")).raw("</span>");
  }
  h.raw("</nav>");
}

void cursor_pager(Html& h, Lang lang, const httplib::Request& req,
                  const std::optional<std::string>& next, std::string_view path, Query query) {
  const bool first = req.get_param_value("cursor").empty();
  if (first && !next) return;
  h.raw("<nav class=\"pager\" aria-label=\"").text(tr(lang, "pager.label")).raw("\">");
  if (!first) {
    query.set("cursor", "");
    h.raw("<a href=\"").text(query.url(path)).raw("\">").text(tr(lang, "pager.first")).raw("</a>");
  }
  if (next) {
    query.set("cursor", *next);
    h.raw("<a rel=\"next\" href=\"").text(query.url(path)).raw("\">");
    h.text(tr(lang, "pager.next")).raw("</a>");
  }
  h.raw("</nav>");
}

}  // namespace cw::web
