// Pagination for lists that can be long on a nationwide database: a page
// never renders more than one page of rows.
//
// Two kinds: numbered pages (PageRequest, for lists paged by offset: the
// query fetches size + 1 rows to know whether a next page exists, so no
// COUNT(*) is needed) render "Previous · Page N · Next"; keyset pages (the
// read models of app/queries.h, with an opaque next cursor) render
// "First page · Next". Both sit in <nav aria-label> and keep the page's other
// query parameters (web/url.h). Stateless.
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "web/html.h"
#include "web/i18n.h"
#include "web/url.h"

namespace httplib {
struct Request;
}

namespace cw::web {

struct PageRequest {
  int number = 1;  // 1-based
  int size = 50;
  int offset() const { return (number - 1) * size; }
  int fetch() const { return size + 1; }  // one more than shown, to detect a next page
};

// Reads ?page=N (clamped to [1, 10000]); the size is the page's own choice.
PageRequest page_request(const httplib::Request& req, int size);

// `query` holds the page's current filters; the pager sets "page".
void pager(Html& h, Lang lang, const PageRequest& p, bool has_next, std::string_view path,
           Query query);

// Keyset pages: ?cursor=… is the position; `next` the read model's next cursor.
void cursor_pager(Html& h, Lang lang, const httplib::Request& req,
                  const std::optional<std::string>& next, std::string_view path, Query query);

}  // namespace cw::web
