// eoir_synth: writes a synthetic EOIR release (synth.h) for the load test and
// for trying `courtwatch import eoir` by hand.
//
//   eoir_synth --dir DIR [--rows N] [--as-of YYYY-MM-DD] [--window-fraction F] [--seed S]
//
// Prints what a correct import of it must count, one `key value` a line.
#include <cstdio>
#include <cstdlib>
#include <string>

#include "bench/import/synth.h"

int main(int argc, char** argv) {
  using namespace cw;
  bench::SynthOptions so;
  so.rows = 10000;
  so.as_of = LocalDate{date::year{2026} / 3 / 2};
  for (int i = 1; i < argc; ++i) {
    const std::string a = argv[i];
    const bool has_value = i + 1 < argc;
    if (a == "--dir" && has_value) {
      so.dir = argv[++i];
    } else if (a == "--rows" && has_value) {
      so.rows = std::stoll(argv[++i]);
    } else if (a == "--as-of" && has_value) {
      const auto day = parse_iso_date(argv[++i]);
      if (!day) {
        (void)std::fprintf(stderr, "eoir_synth: --as-of: %s\n", day.error().message.c_str());
        return 2;
      }
      so.as_of = *day;
    } else if (a == "--window-fraction" && has_value) {
      so.window_fraction = std::stod(argv[++i]);
    } else if (a == "--seed" && has_value) {
      so.seed = std::strtoull(argv[++i], nullptr, 10);
    } else {
      (void)std::fprintf(stderr,
                         "usage: eoir_synth --dir DIR [--rows N] [--as-of YYYY-MM-DD] "
                         "[--window-fraction F] [--seed S]\n");
      return 2;
    }
  }
  if (so.dir.empty() || so.rows <= 0) {
    (void)std::fprintf(stderr, "eoir_synth: --dir and a positive --rows are required\n");
    return 2;
  }
  const auto ex = bench::write_synthetic_release(so);
  if (!ex) {
    (void)std::fprintf(stderr, "eoir_synth: %s\n", ex.error().message.c_str());
    return 1;
  }
  std::printf("rows %lld\nhearings %lld\noutside_window %lld\nnot_hearing %lld\n",
              static_cast<long long>(ex->rows), static_cast<long long>(ex->hearings),
              static_cast<long long>(ex->outside_window), static_cast<long long>(ex->not_hearing));
  return 0;
}
