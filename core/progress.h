// Progress of a long operation (an import of a multi-gigabyte release).
//
// A Progress is told how many bytes and rows have been processed; it decides
// when and how to show that. On a terminal it redraws one line on stderr (a
// bar with bytes, rows, rate and ETA) at most five times a second; elsewhere
// (the journal, a pipe) it prints a plain line about every ten seconds; in
// quiet mode it prints nothing. Work is split into phases (one per file), each
// with its own total. update() is cheap enough to call every few thousand rows:
// it reads the steady clock and returns unless a redraw is due. Not
// thread-safe: one Progress belongs to one running operation.
#pragma once

#include <chrono>
#include <cstdint>
#include <cstdio>
#include <string>
#include <string_view>

namespace cw {

class Progress {
 public:
  enum class Style { bar, lines, quiet };

  // bar when `out` is a terminal, lines otherwise.
  static Style detect(std::FILE* out);
  static Progress quiet() { return Progress(nullptr, Style::quiet); }

  Progress(std::FILE* out, Style style);
  Progress(const Progress&) = delete;
  Progress& operator=(const Progress&) = delete;
  Progress(Progress&&) = default;
  ~Progress();

  // Starts a phase named `label` ("tbl_schedule.csv") of total_bytes (0 if unknown).
  void begin(std::string_view label, std::uint64_t total_bytes);
  // Reports the phase's position so far.
  void update(std::uint64_t bytes, std::uint64_t rows);
  // Ends the phase, printing its final state (except in quiet mode).
  void end();

  Style style() const { return style_; }

 private:
  using Clock = std::chrono::steady_clock;
  void render(bool final);

  std::FILE* out_;
  Style style_;
  std::string label_;
  std::uint64_t total_ = 0;
  std::uint64_t bytes_ = 0;
  std::uint64_t rows_ = 0;
  bool active_ = false;
  Clock::time_point started_{};
  Clock::time_point last_draw_{};
};

}  // namespace cw
