// A standalone driver for libFuzzer-style targets, for compilers without
// libFuzzer (GCC; clang 14 cannot compile our C++23 with libstdc++ 12). Runs
// every file of the corpus directories, then random mutations of them (byte
// flips, insertions of the parser's special bytes, deletions, splices) until
// the time limit, under AddressSanitizer and UBSan. Prints the number of
// executions. New inputs are not kept: there is no coverage feedback.
//
//   fuzz_eoir_row [-seconds=N] [-seed=N] CORPUS_DIR...
#include <chrono>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <random>
#include <sstream>
#include <string>
#include <vector>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size);

namespace {

void run(const std::string& input) {
  LLVMFuzzerTestOneInput(reinterpret_cast<const std::uint8_t*>(input.data()), input.size());
}

std::string mutate(std::string s, const std::vector<std::string>& corpus, std::mt19937_64& rng) {
  static const char kSpecial[] = "\t\n\r\0 0123456789:-/?ABDIMNRSTY*\xE9\xFF";
  const int steps = 1 + static_cast<int>(rng() % 8);
  for (int i = 0; i < steps; ++i) {
    const std::size_t pos = s.empty() ? 0 : rng() % (s.size() + 1);
    switch (rng() % 6) {
      case 0:
        if (!s.empty() && pos < s.size()) s[pos] = static_cast<char>(s[pos] ^ (1 << (rng() % 8)));
        break;
      case 1:
        s.insert(pos, 1, kSpecial[rng() % (sizeof kSpecial - 1)]);
        break;
      case 2:
        if (!s.empty() && pos < s.size())
          s.erase(pos, 1 + rng() % std::min<std::size_t>(8, s.size() - pos));
        break;
      case 3: {  // splice a piece of another input
        const auto& o = corpus[rng() % corpus.size()];
        if (o.empty()) break;
        const std::size_t from = rng() % o.size();
        s.insert(pos, o.substr(from, 1 + rng() % 64));
        break;
      }
      case 4:
        if (!s.empty() && pos < s.size()) s[pos] = static_cast<char>(rng());
        break;
      case 5:
        s.insert(pos, std::string(1 + rng() % 4, '\t'));
        break;
    }
  }
  if (s.size() > 4096) s.resize(4096);
  return s;
}

}  // namespace

int main(int argc, char** argv) {
  double seconds = 60;
  std::uint64_t seed = 1;
  std::vector<std::string> corpus;
  for (int i = 1; i < argc; ++i) {
    const std::string a = argv[i];
    if (a.rfind("-seconds=", 0) == 0) {
      seconds = std::atof(a.c_str() + 9);
    } else if (a.rfind("-seed=", 0) == 0) {
      seed = std::strtoull(a.c_str() + 6, nullptr, 10);
    } else if (std::filesystem::is_directory(a)) {
      for (const auto& e : std::filesystem::directory_iterator(a)) {
        std::ifstream f(e.path(), std::ios::binary);
        std::stringstream ss;
        ss << f.rdbuf();
        corpus.push_back(ss.str());
      }
    }
  }
  if (corpus.empty()) corpus.emplace_back();
  std::uint64_t execs = 0;
  for (const auto& c : corpus) {
    run(c);
    ++execs;
  }
  std::mt19937_64 rng(seed);
  const auto end = std::chrono::steady_clock::now() + std::chrono::duration<double>(seconds);
  while (std::chrono::steady_clock::now() < end) {
    for (int i = 0; i < 1000; ++i) {
      run(mutate(corpus[rng() % corpus.size()], corpus, rng));
      ++execs;
    }
  }
  std::printf("fuzz: %llu executions in %.0f s (%zu corpus inputs, seed %llu), no failures\n",
              static_cast<unsigned long long>(execs), seconds, corpus.size(),
              static_cast<unsigned long long>(seed));
  return 0;
}
