// courtwatch serve [--demo]: the daemon.
//
// Start-up order (pgbouncer's): load config, open and migrate the database,
// bind the HTTP socket, then READY=1. Signals are blocked in every thread and
// taken synchronously by the main loop (sigtimedwait), which also pets the
// systemd watchdog: SIGHUP reloads the configuration (RELOADING=1 … READY=1),
// SIGTERM/SIGINT drain (STOPPING=1, stop accepting, finish in-flight
// requests) and exit 0.
#include <malloc.h>
#include <signal.h>
#include <systemd/sd-daemon.h>

#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <nlohmann/json.hpp>
#include <thread>

#include "app/imports.h"
#include "core/log.h"
#include "daemon/backup.h"
#include "daemon/commands.h"
#include "daemon/demo.h"
#include "daemon/job_sources.h"
#include "daemon/jobs.h"
#include "daemon/maintenance.h"
#include "daemon/notifier.h"
#include "daemon/reload.h"
#include "feeds/ical_zones.h"
#include "web/server.h"

namespace cw::daemon {
namespace {

struct ServeArgs {
  bool demo = false;
  bool routes = false;
};

// `serve --routes`: the route registry as JSON lines ({"method", "pattern",
// "name", "access"}), without binding or touching the configured database, so
// a test can sweep every route the daemon has, including ones added after it
// was written. The routes are built on a scratch path (building them creates
// the token key next to the database), removed afterwards.
Result<void> print_routes(const AppContext& ctx) {
  namespace fs = std::filesystem;
  std::string scratch = (fs::temp_directory_path() / "courtwatch-routes-XXXXXX").string();
  if (::mkdtemp(scratch.data()) == nullptr) {
    return fail(Error::io(scratch + ": cannot create a scratch directory"));
  }
  {
    const web::WebServer server(web::ServerOptions{}, scratch + "/routes.db", *ctx.clock);
    for (const auto& r : server.routes()) {
      const nlohmann::json line = {{"method", r.method},
                                   {"pattern", r.pattern},
                                   {"name", r.name},
                                   {"access", web::to_string(r.access)}};
      std::printf("%s\n", line.dump().c_str());
    }
  }
  std::error_code ec;
  fs::remove_all(scratch, ec);
  return {};
}

std::chrono::microseconds watchdog_interval() {
  std::uint64_t usec = 0;
  if (sd_watchdog_enabled(0, &usec) > 0 && usec > 0) {
    return std::chrono::microseconds(usec / 2);
  }
  return std::chrono::microseconds(0);
}

Result<std::string> prepare_demo_db(const AppContext& ctx) {
  namespace fs = std::filesystem;
  std::error_code ec;
  if (!ctx.db_path.empty()) {
    if (fs::exists(ctx.db_path, ec) && fs::file_size(ctx.db_path, ec) > 0) {
      return fail(Error::invalid(ctx.db_path +
                                 ": refusing to load demo data into an existing database; "
                                 "give a new file or omit --db"));
    }
    return ctx.db_path;
  }
  std::string path = "courtwatch-demo.db";
  for (const char* suffix : {"", "-wal", "-shm"}) fs::remove(path + suffix, ec);
  return path;
}

web::ServerOptions server_options(const Config& c) {
  web::ServerOptions o;
  o.address = c.server.listen_address;
  o.port = c.server.listen_port;
  o.threads = c.server.threads;
  o.keep_alive_timeout_s = c.server.keep_alive_timeout_s;
  o.keep_alive_max_requests = c.server.keep_alive_max_requests;
  o.max_request_bytes = c.server.max_request_bytes;
  o.public_url = c.server.public_url;
  o.coordinator_contact = c.feeds.coordinator_contact;
  o.trusted_proxy = c.server.trusted_proxy;
  o.secure_cookies = c.server.behind_https_proxy;
  return o;
}

// glibc gives each thread that contends for malloc an arena of its own, up to
// eight per core; with one HTTP thread per connection, memory freed in one
// arena cannot serve another, and the daemon's RSS climbed by ~50 MiB in two
// minutes of mixed load (tests/load, `./scripts/dev load`) instead of
// levelling off. Two arenas keep it flat (measured in docs/operations.md,
// "Memory"); the trim hands freed pages at the top of each heap back to the
// system once a minute. An operator's MALLOC_ARENA_MAX (glibc reads it at
// start) is left as given. Called before any thread starts.
void bound_malloc_arenas() {
  if (std::getenv("MALLOC_ARENA_MAX") != nullptr) return;
  if (mallopt(M_ARENA_MAX, 2) != 1) log::warning("mallopt(M_ARENA_MAX) refused; RSS may drift");
}

std::string host_for_url(const std::string& address) {
  return address.find(':') != std::string::npos ? "[" + address + "]" : address;
}

Result<void> serve(AppContext& ctx, const ServeArgs& args) {
  if (args.routes) return print_routes(ctx);
  std::string db_path = ctx.db_path.empty() ? ctx.config.database_path : ctx.db_path;
  if (args.demo) db_path = CW_TRY(prepare_demo_db(ctx));
  AppContext opened = ctx;
  opened.db_path = db_path;
  // Held for the daemon's life: `db restore` refuses while it is (backup.h).
  auto lock = DaemonLock::acquire(db_path, DaemonLock::Mode::shared);
  if (!lock) return fail(Error::conflict(db_path + ": a restore is in progress; try again"));
  {
    auto db = CW_TRY(opened.open_db());
    const auto recovered =
        CW_TRY(app::recover_on_start(*db, *ctx.clock, ctx.config.import_horizon_days));
    if (recovered.runs_interrupted > 0) {
      log::warning(std::to_string(recovered.runs_interrupted) +
                   " import run(s) left running by a crash are now marked interrupted");
    }
    if (args.demo) {
      CW_TRY(load_demo(*db, resolve_data_path(ctx.config.demo_dir, "demo"), *ctx.clock));
    }
  }
  bound_malloc_arenas();
  preload_zones();
  feeds::preload_ical_zones();  // libical's lazy zone loading races across HTTP threads

  // Block the signals we handle before any thread starts, so only the main
  // loop ever receives them.
  // Reset dispositions first: a shell starts background jobs with SIGINT
  // ignored, and an ignored signal would never reach sigtimedwait.
  sigset_t signals;
  sigemptyset(&signals);
  for (int s : {SIGINT, SIGTERM, SIGHUP}) {
    (void)signal(s, SIG_DFL);  // cannot fail for these signals
    sigaddset(&signals, s);
  }
  pthread_sigmask(SIG_BLOCK, &signals, nullptr);

  // Scheduled imports ([[sources]]): one at a time on a worker thread.
  // Built before any thread starts: curl_global_init is not thread-safe.
  JobRunner jobs(db_path, *ctx.clock,
                 std::make_unique<scrapers::CurlFetcher>(fetch_limits(ctx.config.fetch)));
  MaintenanceRunner maintenance(db_path, *ctx.clock);
  web::WebServer server(server_options(ctx.config), db_path, *ctx.clock);
  const int port = CW_TRY(server.bind());
  // Outbox planning and delivery: its own threads, started before the HTTP
  // thread so a failure here returns before anything needs stopping.
  const std::string public_url =
      ctx.config.server.public_url.empty()
          ? "http://" + host_for_url(ctx.config.server.listen_address) + ":" + std::to_string(port)
          : ctx.config.server.public_url;
  auto notifier = make_notifier(ctx.config, db_path, public_url, *ctx.clock);
  CW_TRY(notifier->start());
  std::thread http([&server] { server.run(); });
  // A stop() before the accept loop has started would be lost and the join
  // below would hang; READY=1 also means "accepting".
  if (!server.wait_until_running(std::chrono::seconds(10))) {
    server.stop();
    http.join();
    return fail(Error::internal("the HTTP server did not start"));
  }

  const std::string url =
      "http://" + host_for_url(ctx.config.server.listen_address) + ":" + std::to_string(port) + "/";
  log::info("courtwatch serving " + db_path + " on " + url);
  if (!is_loopback_address(ctx.config.server.listen_address)) {
    log::warning("listening on " + ctx.config.server.listen_address +
                 ", beyond loopback: each connection holds a thread, so slow or idle clients can "
                 "starve the daemon; listen on 127.0.0.1 behind the shipped nginx config "
                 "(docs/operations.md)");
  }
  (void)std::printf("courtwatch %slistening on %s\n", args.demo ? "demo " : "", url.c_str());
  (void)std::fflush(stdout);
  sd_notifyf(0, "READY=1\nSTATUS=serving on %s", url.c_str());

  const auto watchdog = watchdog_interval();
  auto last_trim = std::chrono::steady_clock::now();
  for (;;) {
    const auto wait = watchdog.count() > 0 ? std::min(watchdog, std::chrono::microseconds(1000000))
                                           : std::chrono::microseconds(1000000);
    timespec ts{static_cast<time_t>(wait.count() / 1000000),
                static_cast<long>((wait.count() % 1000000) * 1000)};
    const int sig = sigtimedwait(&signals, nullptr, &ts);
    if (watchdog.count() > 0) sd_notify(0, "WATCHDOG=1");
    if (sig == SIGHUP) {
      sd_notify(0, "RELOADING=1");
      auto reloaded = load_config(ctx.config.source_file);
      if (reloaded) {
        if (notify_changed(apply_reload(ctx.config, *reloaded))) {
          // The worker holds its configuration: stop it (messages in hand
          // finish), then start one on the new settings.
          notifier->stop();
          notifier = make_notifier(ctx.config, db_path, public_url, *ctx.clock);
          if (auto started = notifier->start(); !started) {
            log::error("notifications stopped: " + started.error().message);
          } else {
            log::info("notification settings applied");
          }
        }
      } else {
        log::error("configuration reload failed, keeping the old one: " + reloaded.error().message);
      }
      sd_notify(0, "READY=1");
    } else if (sig == SIGTERM || sig == SIGINT) {
      log::info("shutting down");
      sd_notify(0, "STOPPING=1");
      break;
    }
    const auto now = std::chrono::steady_clock::now();
    jobs.tick(ctx.config, now);
    maintenance.tick(ctx.config, now);
    if (now - last_trim >= std::chrono::minutes(1)) {
      (void)malloc_trim(0);  // 1 if memory was released, 0 if none: either is fine
      last_trim = now;
    }
  }
  server.stop();
  http.join();
  notifier->stop();  // finishes the messages in hand
  if (jobs.busy()) log::info("waiting for the running import to finish");
  while (!jobs.drain_for(std::chrono::seconds(1))) {
    if (watchdog.count() > 0) sd_notify(0, "WATCHDOG=1");
  }
  while (!maintenance.drain_for(std::chrono::seconds(1))) {
    if (watchdog.count() > 0) sd_notify(0, "WATCHDOG=1");
  }
  return {};
}

}  // namespace

void register_serve(CLI::App& app, AppContext& ctx) {
  auto args = std::make_shared<ServeArgs>();
  auto* cmd = app.add_subcommand("serve", "Run the daemon in the foreground");
  cmd->add_flag("--demo", args->demo, "Load the bundled demo data into a fresh database");
  cmd->add_flag("--routes", args->routes,
                "Print every HTTP route (method, pattern, name, access) as JSON lines and exit");
  set_action(cmd, ctx, [&ctx, args]() { return serve(ctx, *args); });
}

}  // namespace cw::daemon
