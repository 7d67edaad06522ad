#include "notify/digest_source.h"

#include <algorithm>

#include "notify/catalog.h"
#include "store/notify_rows.h"

namespace cw::notify {
namespace {

constexpr auto kAhead = std::chrono::hours{72};
constexpr auto kSince = std::chrono::hours{24};

bool covers(const Coordinator& c, const std::string& site) {
  return c.sites.empty() || std::find(c.sites.begin(), c.sites.end(), site) != c.sites.end();
}

Result<void> load_uncovered(store::Database& db, const Coordinator& c, Instant now,
                            const DigestWords& words, DigestFacts& out) {
  const LocalDate today{date::floor<date::days>(now).time_since_epoch()};
  std::map<Id, std::string> why;
  if (words) {
    // Without the matcher's reasons the digest still lists the sessions.
    if (auto r = words.reasons(db, now, c.locale)) why = std::move(*r);
  }
  for (const auto& row :
       CW_TRY(store::staffed_sessions(db, today - date::days{1}, today + date::days{4}))) {
    const int seats = row.session.need() - row.live;
    if (seats <= 0 || !covers(c, row.site.code)) continue;
    const Snapshot snap = snapshot_of(row.session, row.site);
    const auto start = start_instant(snap);
    if (!start || *start <= now || *start > now + kAhead) continue;
    const auto it = why.find(row.session.id);
    // No reason known: render_digest() words "no volunteer assigned yet".
    out.uncovered.push_back({snap, seats, it != why.end() ? it->second : std::string()});
  }
  return {};
}

Result<void> load_lines(store::Database& db, const Coordinator& c, Instant now,
                        const DigestWords& words, DigestFacts& out) {
  const Locale l = locale_of(c.locale);
  for (const auto& d : CW_TRY(store::declines_since(db, now - kSince))) {
    if (!covers(c, d.site_code)) continue;
    Snapshot s;
    s.site_name = d.site_name;
    s.location = d.location;
    s.date = format_date(d.date);
    s.start = format_time(d.start);
    s.end = format_time(d.end);
    out.declines.push_back(d.volunteer_name + " — " + format_where(s) + ", " + format_when(l, s));
  }
  for (const auto& f : CW_TRY(store::failed_imports_since(db, now - kSince))) {
    // Why it failed in the coordinator's language; a run recorded without a
    // kind (before issue 8) as stored.
    std::string why = f.phrase.key.empty() ? std::string() : words.word(c.locale, f.phrase);
    out.failed_imports.push_back(f.what + " " + f.target + ": " + (why.empty() ? f.error : why));
  }
  for (const auto& f : CW_TRY(store::failed_messages_since(db, now - kSince)))
    out.failed_messages.push_back(f.what + " → " + f.target + ": " + f.error);
  return {};
}

}  // namespace

struct DigestWords::Memo {
  std::mutex mutex;
  std::optional<LocalDate> window;  // the day the preview's range starts
  Instant computed{};
  std::map<Id, Phrase> phrases;
};

DigestWords::DigestWords(UnfilledPreview preview, WordPhrase word)
    : preview_(std::move(preview)), word_(std::move(word)), memo_(std::make_shared<Memo>()) {}

std::string DigestWords::word(std::string_view locale, const Phrase& p) const {
  return word_ ? word_(locale, p) : std::string();
}

Result<std::map<Id, std::string>> DigestWords::reasons(store::Database& db, Instant now,
                                                       std::string_view locale) const {
  if (!preview_) return std::map<Id, std::string>{};
  const LocalDate window{date::floor<date::days>(now).time_since_epoch()};
  std::lock_guard lock(memo_->mutex);
  const bool fresh =
      memo_->window == window && now >= memo_->computed && now - memo_->computed < kFresh;
  if (!fresh) {
    memo_->phrases = CW_TRY(preview_(db, now));
    memo_->window = window;
    memo_->computed = now;
  }
  std::map<Id, std::string> out;
  for (const auto& [session, phrase] : memo_->phrases) out[session] = word_(locale, phrase);
  return out;
}

Result<DigestFacts> load_digest(store::Database& db, const Coordinator& c, Instant now,
                                const DigestWords& words) {
  DigestFacts out;
  CW_TRY(load_uncovered(db, c, now, words, out));
  CW_TRY(load_lines(db, c, now, words, out));
  return out;
}

}  // namespace cw::notify
