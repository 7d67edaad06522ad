// Same-origin static files: /static/app.css and /static/app.js, compiled
// into the binary from web/static/ (no build step, nothing read from disk at
// run time). URLs carry a content hash (?v=…) so pages can let browsers cache
// them for a long time; the files answer with a strong ETag and 304.
// Immutable after static initialisation: thread-safe.
#pragma once

#include <string>

namespace cw::web {

class WebServer;

// "/static/app.css?v=<hash>"
const std::string& app_css_url();
const std::string& app_js_url();

void add_static_routes(WebServer& server);  // GET /static/app.css, /static/app.js

}  // namespace cw::web
