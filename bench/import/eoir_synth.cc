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
  int y = 2026;
  unsigned m = 3;
  unsigned d = 2;
  for (int i = 1; i < argc; ++i) {
    const std::string a = argv[i];
    const bool has_value = i + 1 < argc;
    if (a == "--dir" && has_value) {
      so.dir = argv[++i];
    } else if (a == "--rows" && has_value) {
      so.rows = std::atoll(argv[++i]);
    } else if (a == "--as-of" && has_value && std::sscanf(argv[++i], "%d-%u-%u", &y, &m, &d) == 3) {
    } else if (a == "--window-fraction" && has_value) {
      so.window_fraction = std::atof(argv[++i]);
    } else if (a == "--seed" && has_value) {
      so.seed = std::strtoull(argv[++i], nullptr, 10);
    } else {
      std::fprintf(stderr,
                   "usage: eoir_synth --dir DIR [--rows N] [--as-of YYYY-MM-DD] "
                   "[--window-fraction F] [--seed S]\n");
      return 2;
    }
  }
  if (so.dir.empty() || so.rows <= 0) {
    std::fprintf(stderr, "eoir_synth: --dir and a positive --rows are required\n");
    return 2;
  }
  so.as_of = LocalDate{date::year{y} / static_cast<int>(m) / static_cast<int>(d)};
  const auto ex = bench::write_synthetic_release(so);
  if (!ex) {
    std::fprintf(stderr, "eoir_synth: %s\n", ex.error().message.c_str());
    return 1;
  }
  std::printf("rows %lld\nhearings %lld\noutside_window %lld\nnot_hearing %lld\n",
              static_cast<long long>(ex->rows), static_cast<long long>(ex->hearings),
              static_cast<long long>(ex->outside_window), static_cast<long long>(ex->not_hearing));
  return 0;
}
