// What a coordinator's daily digest lists, read from the store at send time
// (DESIGN.md §7): sessions of the coordinator's sites starting in the next
// 72 hours with fewer live assignments than they need (with the matcher's
// reason when the daemon provides one), declines, failed imports and failed
// messages of the last 24 hours. No case reference is read. Not thread-safe
// (one Database).
#pragma once

#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <optional>

#include "notify/compose.h"
#include "notify/notify_config.h"
#include "store/db.h"

namespace cw::notify {

// Why each unfilled session is unfilled (session id → phrase, before any
// wording), or an error. The daemon provides it from app/'s plan preview,
// which notify/ may not include (DESIGN.md §2).
using UnfilledPreview = std::function<Result<std::map<Id, Phrase>>(store::Database&, Instant)>;
// A phrase worded in the language of `locale` ("en", "es"): app/'s catalogs.
using WordPhrase = std::function<std::string(std::string_view locale, const Phrase&)>;

// The words a digest takes from app/ (DESIGN.md §2: notify/ may not include
// it): the reasons for unfilled seats and why a failed import failed, in its
// coordinator's language. The preview
// is the expensive part (the matcher over the next days, ~0.8 s on a
// nationwide database) and says the same for every coordinator, so it runs
// once per digest run and every digest only words it: a preview is reused
// for the same window (it starts the day before `now`) while it is younger
// than kFresh by the clock (the digests of a run are due at the same hour
// and go out within seconds). Copies share the memo; thread-safe (a second
// caller waits for the preview under way). Empty (no preview): no reasons.
class DigestWords {
 public:
  static constexpr auto kFresh = std::chrono::minutes{10};

  DigestWords() = default;
  DigestWords(UnfilledPreview preview, WordPhrase word);

  explicit operator bool() const { return static_cast<bool>(preview_); }
  // Session id -> why it is unfilled.
  Result<std::map<Id, std::string>> reasons(store::Database& db, Instant now,
                                            std::string_view locale) const;
  // `p` in the language of `locale`; "" without a WordPhrase or a pattern.
  std::string word(std::string_view locale, const Phrase& p) const;

 private:
  struct Memo;
  UnfilledPreview preview_;
  WordPhrase word_;
  std::shared_ptr<Memo> memo_;
};

Result<DigestFacts> load_digest(store::Database& db, const Coordinator& c, Instant now,
                                const DigestWords& words);

}  // namespace cw::notify
