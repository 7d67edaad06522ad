#include "web/static_assets.h"

#include <httplib.h>

#include <cstdio>
#include <string_view>

#include "web/server.h"
#include "web/static_assets_data.h"

namespace cw::web {
namespace {

struct Asset {
  std::string_view body;
  std::string etag;
  std::string url;
};

// FNV-1a: a stable content hash for the cache-busting query and the ETag.
std::string content_hash(std::string_view s) {
  std::uint64_t h = 1469598103934665603ull;
  for (const unsigned char c : s) {
    h ^= c;
    h *= 1099511628211ull;
  }
  char buf[17];
  (void)std::snprintf(buf, sizeof buf, "%016llx", static_cast<unsigned long long>(h));
  return buf;
}

Asset make_asset(std::string_view path, std::string_view body) {
  const std::string hash = content_hash(body);
  return Asset{body, "\"" + hash + "\"", std::string(path) + "?v=" + hash};
}

const Asset& css() {
  static const Asset a = make_asset("/static/app.css", assets::kAppCss);
  return a;
}
const Asset& js() {
  static const Asset a = make_asset("/static/app.js", assets::kAppJs);
  return a;
}

void serve(const Asset& a, const char* type, const httplib::Request& req, httplib::Response& res) {
  res.set_header("ETag", a.etag);
  res.set_header("Cache-Control", "public, max-age=86400");
  if (req.get_header_value("If-None-Match") == a.etag) {
    res.status = 304;
    return;
  }
  res.set_content(a.body.data(), a.body.size(), type);
}

}  // namespace

const std::string& app_css_url() { return css().url; }
const std::string& app_js_url() { return js().url; }

void add_static_routes(WebServer& server) {
  server.get("/static/app.css", "static", [](const httplib::Request& req, httplib::Response& res) {
    serve(css(), "text/css; charset=utf-8", req, res);
  });
  server.get("/static/app.js", "static", [](const httplib::Request& req, httplib::Response& res) {
    serve(js(), "text/javascript; charset=utf-8", req, res);
  });
}

}  // namespace cw::web
