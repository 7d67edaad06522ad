#include "core/progress.h"

#include <unistd.h>

#include <algorithm>
#include <cmath>

namespace cw {
namespace {

constexpr auto kBarInterval = std::chrono::milliseconds(200);  // ≤ 5 redraws a second
constexpr auto kLineInterval = std::chrono::seconds(10);
constexpr int kBarWidth = 24;

std::string human_bytes(double b) {
  const char* units[] = {"B", "KB", "MB", "GB", "TB"};
  int u = 0;
  while (b >= 1000.0 && u < 4) {
    b /= 1000.0;
    ++u;
  }
  char buf[32];
  (void)std::snprintf(buf, sizeof buf, u == 0 ? "%.0f %s" : "%.1f %s", b, units[u]);
  return buf;
}

std::string human_count(std::uint64_t n) {
  char buf[32];
  if (n >= 1'000'000) {
    (void)std::snprintf(buf, sizeof buf, "%.1fM", static_cast<double>(n) / 1e6);
  } else if (n >= 10'000) {
    (void)std::snprintf(buf, sizeof buf, "%.0fk", static_cast<double>(n) / 1e3);
  } else {
    (void)std::snprintf(buf, sizeof buf, "%llu", static_cast<unsigned long long>(n));
  }
  return buf;
}

std::string human_seconds(double s) {
  char buf[32];
  const long long t = std::llround(s);
  if (t >= 3600) {
    (void)std::snprintf(buf, sizeof buf, "%lldh%02lldm", t / 3600, (t / 60) % 60);
  } else {
    (void)std::snprintf(buf, sizeof buf, "%lldm%02llds", t / 60, t % 60);
  }
  return buf;
}

}  // namespace

Progress::Style Progress::detect(std::FILE* out) {
  return out && isatty(fileno(out)) ? Style::bar : Style::lines;
}

Progress::Progress(std::FILE* out, Style style) : out_(out), style_(out ? style : Style::quiet) {}

Progress::~Progress() {
  if (active_) end();
}

void Progress::begin(std::string_view label, std::uint64_t total_bytes) {
  if (active_) end();
  label_ = label;
  total_ = total_bytes;
  bytes_ = rows_ = 0;
  active_ = true;
  started_ = last_draw_ = Clock::now();
}

void Progress::update(std::uint64_t bytes, std::uint64_t rows) {
  bytes_ = bytes;
  rows_ = rows;
  if (style_ == Style::quiet) return;
  const auto now = Clock::now();
  if (now - last_draw_ < (style_ == Style::bar ? kBarInterval : kLineInterval)) return;
  last_draw_ = now;
  render(false);
}

void Progress::end() {
  if (!active_) return;
  active_ = false;
  if (style_ != Style::quiet) render(true);
}

void Progress::render(bool final) {
  const double secs =
      std::max(1e-3, std::chrono::duration<double>(Clock::now() - started_).count());
  const double rate = static_cast<double>(bytes_) / secs;
  const double frac =
      total_ ? std::min(1.0, static_cast<double>(bytes_) / static_cast<double>(total_)) : 0.0;
  std::string eta;
  if (final) {
    eta = "in " + human_seconds(secs);
  } else if (total_ && rate > 0) {
    eta = "ETA " + human_seconds(static_cast<double>(total_ - std::min(total_, bytes_)) / rate);
  }
  const std::string stats = human_bytes(static_cast<double>(bytes_)) +
                            (total_ ? " / " + human_bytes(static_cast<double>(total_)) : "") +
                            ", " + human_count(rows_) + " rows, " + human_bytes(rate) + "/s, " +
                            eta;
  if (style_ == Style::bar) {
    const int filled = static_cast<int>(frac * kBarWidth);
    std::string bar(static_cast<std::size_t>(filled), '#');
    bar.resize(kBarWidth, '.');
    (void)std::fprintf(out_, "\r\033[K%s [%s] %3d%% %s%s", label_.c_str(), bar.c_str(),
                       static_cast<int>(frac * 100), stats.c_str(), final ? "\n" : "");
  } else {
    (void)std::fprintf(out_, "%s: %s\n", label_.c_str(), stats.c_str());
  }
  (void)std::fflush(out_);
}

}  // namespace cw
