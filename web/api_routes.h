// The JSON API's route groups (DESIGN.md §8, /api/v1/…), installed by
// WebServer::install_routes(). Reads (api_reads.cc) only read; writes
// (api_writes.cc) go through app/ use cases. Registration happens once at
// start-up on one thread; the handlers are thread-safe (one pooled
// connection per request).
#pragma once

namespace cw::web {

class WebServer;

void add_api_read_routes(WebServer& server);   // GET sessions, hearings, volunteers, imports
void add_api_write_routes(WebServer& server);  // POST match, invite, assignments; DELETE

}  // namespace cw::web
