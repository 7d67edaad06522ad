// bench_import: the EOIR import benchmark (DESIGN.md §12).
//
// Writes a synthetic release (default 5 million tbl_schedule rows, see
// synth.h), then measures, each phase in its own child process so that peak
// RSS is the phase's own: (1) parse only — lookups, the custody set from
// B_TblProceeding and every tbl_schedule row through the row rules, without
// SQLite; (2) the full import into a fresh SQLite database; (3) the same
// release imported again (zero changes expected); (4) for scale, the sqlite3
// shell's `.mode tabs` + `.import` of the same tbl_schedule.csv. Prints MB/s,
// rows/s and peak RSS per phase.
//
//   bench_import [--rows N] [--dir DIR] [--keep] [--skip-sqlite3]
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <functional>
#include <string>

#include "bench/import/synth.h"
#include "core/clock.h"
#include "scrapers/eoir/eoir.h"
#include "scrapers/eoir/release.h"
#include "scrapers/eoir/scan.h"
#include "store/repos.h"

namespace {

namespace fs = std::filesystem;
using namespace cw;

struct Phase {
  double seconds = 0;
  long max_rss_kb = 0;
  int status = 0;
  std::string detail;  // what the child reported
};

// Runs body in a child process; returns its wall time, peak RSS and report.
Phase in_child(const std::function<std::string()>& body) {
  int fds[2];
  if (pipe(fds) != 0) std::abort();
  const auto t0 = std::chrono::steady_clock::now();
  const pid_t pid = fork();
  if (pid == 0) {
    close(fds[0]);
    const auto report = body();
    if (write(fds[1], report.data(), report.size()) < 0) _exit(3);
    _exit(0);
  }
  close(fds[1]);
  Phase p;
  char buf[4096];
  ssize_t n;
  while ((n = read(fds[0], buf, sizeof buf)) > 0) p.detail.append(buf, static_cast<std::size_t>(n));
  close(fds[0]);
  struct rusage ru {};
  wait4(pid, &p.status, 0, &ru);
  p.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
  p.max_rss_kb = ru.ru_maxrss;
  return p;
}

void print(const char* name, const Phase& p, double bytes, double rows) {
  std::printf("%-26s %8.2f s %9.1f MB/s %11.0f rows/s %8.1f MB RSS  %s\n", name, p.seconds,
              bytes / 1e6 / p.seconds, rows / p.seconds, static_cast<double>(p.max_rss_kb) / 1024.0,
              p.detail.c_str());
}

std::string parse_only(const std::string& dir, const scrapers::EoirOptions& opts) {
  const FakeClock clock(Instant{});
  const auto files = scrapers::eoir::locate_release(dir);
  if (!files) return "error: " + files.error().message;
  const auto scope = scrapers::eoir::make_scope(bench::synth_sites(), opts, clock);
  const auto lookups = scrapers::eoir::load_lookups(*files);
  const auto t0 = std::chrono::steady_clock::now();
  const auto custody = scrapers::eoir::load_custody(files->proceeding);
  const auto t1 = std::chrono::steady_clock::now();
  if (!scope || !lookups || !custody) return "error: setup failed";
  ImportRun run;
  std::int64_t detained = 0;
  const auto stats = scrapers::eoir::scan_schedule(files->schedule, *scope, *lookups, *custody, run,
                                                   nullptr, [&](const Hearing& h) -> Result<void> {
                                                     detained += h.detained;
                                                     return {};
                                                   });
  const auto t2 = std::chrono::steady_clock::now();
  if (!stats) return "error: " + stats.error().message;
  const double scan_s = std::chrono::duration<double>(t2 - t1).count();
  char buf[512];
  (void)std::snprintf(
      buf, sizeof buf,
      "custody %.2f s (%zu ids, %.1f MB); schedule scan %.2f s = %.0f MB/s, %.0f rows/s; "
      "%lld hearings, %lld rejected",
      std::chrono::duration<double>(t1 - t0).count(), custody->size(),
      static_cast<double>(custody->memory_bytes()) / 1e6, scan_s,
      static_cast<double>(stats->bytes) / 1e6 / scan_s, static_cast<double>(stats->rows) / scan_s,
      static_cast<long long>(stats->hearings), static_cast<long long>(stats->rejected));
  return buf;
}

std::string full_import(const std::string& db_path, const scrapers::EoirOptions& opts) {
  auto db = store::Database::open(db_path);
  if (!db) return "error: " + db.error().message;
  store::SiteRepo sites(**db);
  for (const auto& s : bench::synth_sites()) {
    if (!sites.upsert(s)) return "error: site";
  }
  const FakeClock clock(Instant{std::chrono::seconds{1'800'000'000}});
  const auto run = scrapers::import_eoir(**db, opts, clock);
  if (!run) return "error: " + run.error().message;
  return "new " + std::to_string(run->added) + ", updated " + std::to_string(run->updated) +
         ", cancelled " + std::to_string(run->cancelled) + ", unchanged " +
         std::to_string(run->unchanged) + ", rejected " + std::to_string(run->rejected_total());
}

}  // namespace

int main(int argc, char** argv) {
  std::int64_t rows = 5'000'000;
  std::string dir = (fs::temp_directory_path() / "cw-bench-import").string();
  bool keep = false, skip_sqlite3 = false;
  for (int i = 1; i < argc; ++i) {
    const std::string a = argv[i];
    if (a == "--rows" && i + 1 < argc) {
      rows = std::stoll(argv[++i]);
    } else if (a == "--dir" && i + 1 < argc) {
      dir = argv[++i];
    } else if (a == "--keep") {
      keep = true;
    } else if (a == "--skip-sqlite3") {
      skip_sqlite3 = true;
    } else {
      (void)std::fprintf(stderr,
                         "usage: bench_import [--rows N] [--dir DIR] [--keep] [--skip-sqlite3]\n");
      return 2;
    }
  }
  fs::remove_all(dir);
  bench::SynthOptions so;
  so.dir = dir + "/release";
  so.rows = rows;
  so.as_of = LocalDate{date::year{2026} / 3 / 2};
  const auto g0 = std::chrono::steady_clock::now();
  const auto ex = bench::write_synthetic_release(so);
  if (!ex) {
    (void)std::fprintf(stderr, "bench_import: %s\n", ex.error().message.c_str());
    return 1;
  }
  std::printf(
      "release: %lld rows, tbl_schedule %.1f MB, B_TblProceeding %.1f MB, written in %.1f s\n"
      "expected: %lld hearings, %lld outside window, %lld not hearings, %lld unknown-site, "
      "%lld bad-time\n",
      static_cast<long long>(ex->rows), static_cast<double>(ex->schedule_bytes) / 1e6,
      static_cast<double>(ex->proceeding_bytes) / 1e6,
      std::chrono::duration<double>(std::chrono::steady_clock::now() - g0).count(),
      static_cast<long long>(ex->hearings), static_cast<long long>(ex->outside_window),
      static_cast<long long>(ex->not_hearing), static_cast<long long>(ex->unknown_site),
      static_cast<long long>(ex->bad_time));

  scrapers::EoirOptions opts;
  opts.dir = so.dir;
  opts.as_of = so.as_of;
  const double sched = static_cast<double>(ex->schedule_bytes);
  const double all = sched + static_cast<double>(ex->proceeding_bytes);
  const double n = static_cast<double>(ex->rows);
  const auto db_path = dir + "/bench.db";
  print("parse only (both tables)", in_child([&] { return parse_only(so.dir, opts); }), all, n);
  print("full import", in_child([&] { return full_import(db_path, opts); }), all, n);
  print("re-import (no changes)", in_child([&] { return full_import(db_path, opts); }), all, n);
  if (!skip_sqlite3) {
    const auto raw_db = dir + "/raw.db";
    const auto cmd = "sqlite3 '" + raw_db + "' '.mode tabs' '.import \"" + ex->schedule_path +
                     "\" t' 2>/dev/null";
    print("sqlite3 .import schedule", in_child([&] {
            const int rc = std::system(cmd.c_str());
            return "rc " + std::to_string(rc);
          }),
          sched, n);
  }
  if (!keep) fs::remove_all(dir);
  return 0;
}
