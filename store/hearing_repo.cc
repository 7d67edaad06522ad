#include <nlohmann/json.hpp>

#include "store/hearing_row.h"
#include "store/repos.h"

namespace cw::store {

Result<Hearing> read_hearing_public(const Statement& s) {
  Hearing h;
  h.id = s.int64(0);
  h.source_key = s.text(1);
  h.site = s.text(2);
  h.date = CW_TRY(parse_iso_date(s.text(3)));
  h.start = TimeOfDay{s.int64(4)};
  if (!s.is_null(5)) h.stop = TimeOfDay{s.int64(5)};
  h.location = s.text(6);
  h.judge = s.text(7);
  h.type = CW_TRY(parse_hearing_type(s.text(8)));
  h.language = s.text(9);
  h.detained = s.int64(10) != 0;
  h.status = CW_TRY(parse_hearing_status(s.text(11)));
  h.cancel_reason = s.text(12);
  return h;
}

namespace {

constexpr const char* kHearingColumns =
    "id, source_key, site, date, start_min, stop_min, location, judge, type, language, detained, "
    "status, cancel_reason, case_ref, notes";

Result<Hearing> read_hearing(const Statement& s) {
  Hearing h = CW_TRY(read_hearing_public(s));
  h.case_ref = s.text(13);
  h.notes = s.text(14);
  return h;
}

// The public, comparable fields of a hearing (no case reference).
nlohmann::json visible_fields(const Hearing& h) {
  return {{"site", h.site},
          {"date", format_date(h.date)},
          {"time", format_time(h.start)},
          {"end_time", h.stop ? nlohmann::json(format_time(*h.stop)) : nlohmann::json(nullptr)},
          {"location", h.location},
          {"judge", h.judge},
          {"type", to_string(h.type)},
          {"language", h.language},
          {"detained", h.detained},
          {"status", to_string(h.status)},
          {"cancel_reason", h.cancel_reason}};
}

bool same_visible(const Hearing& a, const Hearing& b) {
  return a.site == b.site && a.date == b.date && a.start == b.start && a.stop == b.stop &&
         a.location == b.location && a.judge == b.judge && a.type == b.type &&
         a.language == b.language && a.detained == b.detained && a.status == b.status &&
         a.cancel_reason == b.cancel_reason;
}

}  // namespace

Result<UpsertOutcome> HearingRepo::upsert(const Hearing& h, std::string_view source, Id run,
                                          Instant now) {
  const auto ts = now.time_since_epoch().count();
  auto existing = CW_TRY(find_by_key(h.source_key));
  if (!existing) {
    auto& ins = db_.stmt(
        "INSERT INTO hearings (source_key, source, site, date, start_min, stop_min, location, "
        "judge, type, language, detained, status, cancel_reason, case_ref, notes, version, "
        "first_seen, last_seen, last_changed, last_run) "
        "VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,1,?,?,?,?)");
    ins.bind_all(h.source_key, source, h.site, format_date(h.date),
                 static_cast<std::int64_t>(h.start.count()));
    if (h.stop) {
      ins.bind(6, static_cast<std::int64_t>(h.stop->count()));
    } else {
      ins.bind(6, std::nullopt);
    }
    ins.bind(7, h.location).bind(8, h.judge).bind(9, to_string(h.type)).bind(10, h.language);
    ins.bind(11, h.detained).bind(12, to_string(h.status)).bind(13, h.cancel_reason);
    ins.bind(14, h.case_ref).bind(15, h.notes).bind(16, ts).bind(17, ts).bind(18, ts);
    if (run) {
      ins.bind(19, run);
    } else {
      ins.bind(19, std::nullopt);
    }
    CW_TRY(ins.run());
    const Id id = db_.last_insert_rowid();
    CW_TRY(record_change(id, run, now, "new", 1, "{}", visible_fields(h).dump()));
    return UpsertOutcome::added;
  }

  const bool visible_change = !same_visible(*existing, h);
  const bool private_changed = existing->case_ref != h.case_ref || existing->notes != h.notes;
  if (!visible_change && !private_changed) {
    auto& touch = db_.stmt("UPDATE hearings SET last_seen = ?, last_run = ? WHERE id = ?");
    touch.bind(1, ts).bind(3, existing->id);
    if (run) {
      touch.bind(2, run);
    } else {
      touch.bind(2, std::nullopt);
    }
    CW_TRY(touch.run());
    return UpsertOutcome::unchanged;
  }

  auto& upd = db_.stmt(
      "UPDATE hearings SET site=?, date=?, start_min=?, stop_min=?, location=?, judge=?, type=?, "
      "language=?, detained=?, status=?, cancel_reason=?, case_ref=?, notes=?, "
      "version = version + (CASE WHEN ? THEN 1 ELSE 0 END), last_seen=?, "
      "last_changed = CASE WHEN ? THEN ? ELSE last_changed END, last_run=? WHERE id=? "
      "RETURNING version");
  upd.bind_all(h.site, format_date(h.date), static_cast<std::int64_t>(h.start.count()));
  if (h.stop) {
    upd.bind(4, static_cast<std::int64_t>(h.stop->count()));
  } else {
    upd.bind(4, std::nullopt);
  }
  upd.bind(5, h.location).bind(6, h.judge).bind(7, to_string(h.type)).bind(8, h.language);
  upd.bind(9, h.detained).bind(10, to_string(h.status)).bind(11, h.cancel_reason);
  upd.bind(12, h.case_ref).bind(13, h.notes).bind(14, visible_change).bind(15, ts);
  upd.bind(16, visible_change).bind(17, ts).bind(19, existing->id);
  if (run) {
    upd.bind(18, run);
  } else {
    upd.bind(18, std::nullopt);
  }
  if (!CW_TRY(upd.step())) return fail(Error::internal("hearing update returned no row"));
  const int version = upd.int32(0);
  upd.reset();
  if (!visible_change) return UpsertOutcome::unchanged;

  const auto before = visible_fields(*existing);
  const auto after = visible_fields(h);
  nlohmann::json old_fields = nlohmann::json::object(), new_fields = nlohmann::json::object();
  for (const auto& [k, v] : after.items()) {
    if (before.at(k) != v) {
      old_fields[k] = before.at(k);
      new_fields[k] = v;
    }
  }
  const bool now_cancelled =
      h.status == HearingStatus::cancelled && existing->status != HearingStatus::cancelled;
  const bool restored =
      h.status == HearingStatus::scheduled && existing->status == HearingStatus::cancelled;
  const char* kind = now_cancelled ? "cancelled" : restored ? "restored" : "updated";
  CW_TRY(
      record_change(existing->id, run, now, kind, version, old_fields.dump(), new_fields.dump()));
  return now_cancelled ? UpsertOutcome::cancelled : UpsertOutcome::updated;
}

Result<void> HearingRepo::record_change(Id hearing, Id run, Instant now, std::string_view kind,
                                        int version, const std::string& old_json,
                                        const std::string& new_json) {
  auto& s = db_.stmt(
      "INSERT INTO hearing_changes (hearing_id, run_id, at, kind, version, old, new) "
      "VALUES (?,?,?,?,?,?,?)");
  s.bind(1, hearing);
  if (run) {
    s.bind(2, run);
  } else {
    s.bind(2, std::nullopt);
  }
  s.bind(3, static_cast<std::int64_t>(now.time_since_epoch().count()))
      .bind(4, kind)
      .bind(5, version)
      .bind(6, old_json)
      .bind(7, new_json);
  return s.run();
}

Result<Id> HearingRepo::last_change_id() {
  auto& q = db_.stmt("SELECT coalesce(max(id), 0) FROM hearing_changes");
  if (!CW_TRY(q.step())) return Id{0};
  const Id id = q.int64(0);
  q.reset();
  return id;
}

Result<std::vector<std::pair<std::string, LocalDate>>> HearingRepo::changed_days(Id after) {
  auto& q = db_.stmt(
      "SELECT h.site, h.date FROM hearing_changes c JOIN hearings h ON h.id = c.hearing_id "
      "WHERE c.id > ?1 UNION "
      "SELECT coalesce(json_extract(c.old, '$.site'), h.site), "
      "coalesce(json_extract(c.old, '$.date'), h.date) FROM hearing_changes c "
      "JOIN hearings h ON h.id = c.hearing_id WHERE c.id > ?1 ORDER BY 1, 2");
  q.bind(1, after);
  std::vector<std::pair<std::string, LocalDate>> out;
  while (CW_TRY(q.step())) {
    auto day = parse_iso_date(q.text(1));
    if (!day) {
      q.reset();
      return fail(std::move(day).error());
    }
    out.emplace_back(q.text(0), *day);
  }
  return out;
}

Result<std::int64_t> HearingRepo::cancel_unseen(std::string_view source, Id run, LocalDate from,
                                                LocalDate to, const std::vector<std::string>& sites,
                                                Instant now) {
  std::vector<Hearing> gone;
  auto& q = db_.stmt(std::string("SELECT ") + kHearingColumns +
                     " FROM hearings WHERE source = ? AND date BETWEEN ? AND ? "
                     "AND status = 'scheduled' AND (last_run IS NULL OR last_run != ?)");
  q.bind_all(source, format_date(from), format_date(to), run);
  while (CW_TRY(q.step())) {
    auto h = CW_TRY(read_hearing(q));
    if (sites.empty() || std::find(sites.begin(), sites.end(), h.site) != sites.end()) {
      gone.push_back(std::move(h));
    }
  }
  q.reset();
  for (auto& h : gone) {
    h.status = HearingStatus::cancelled;
    h.cancel_reason = "vanished";
    auto& u = db_.stmt(
        "UPDATE hearings SET status='cancelled', cancel_reason='vanished', version=version+1, "
        "last_changed=? WHERE id=? RETURNING version");
    u.bind(1, static_cast<std::int64_t>(now.time_since_epoch().count())).bind(2, h.id);
    if (!CW_TRY(u.step())) return fail(Error::internal("cancel returned no row"));
    const int version = u.int32(0);
    u.reset();
    CW_TRY(record_change(h.id, run, now, "cancelled", version,
                         R"({"status":"scheduled","cancel_reason":""})",
                         R"({"status":"cancelled","cancel_reason":"vanished"})"));
  }
  return static_cast<std::int64_t>(gone.size());
}

Result<std::int64_t> HearingRepo::cancel_site_day(const std::string& site, LocalDate date,
                                                  std::string_view reason, Instant now) {
  std::vector<Id> ids;
  auto& q =
      db_.stmt("SELECT id FROM hearings WHERE site = ? AND date = ? AND status = 'scheduled'");
  q.bind_all(site, format_date(date));
  while (CW_TRY(q.step())) ids.push_back(q.int64(0));
  q.reset();
  const nlohmann::json after = {{"status", "cancelled"}, {"cancel_reason", reason}};
  for (const Id id : ids) {
    auto& u = db_.stmt(
        "UPDATE hearings SET status='cancelled', cancel_reason=?, version=version+1, "
        "last_changed=? WHERE id=? RETURNING version");
    u.bind(1, reason)
        .bind(2, static_cast<std::int64_t>(now.time_since_epoch().count()))
        .bind(3, id);
    if (!CW_TRY(u.step())) return fail(Error::internal("cancel returned no row"));
    const int version = u.int32(0);
    u.reset();
    CW_TRY(record_change(id, 0, now, "cancelled", version,
                         R"({"status":"scheduled","cancel_reason":""})", after.dump()));
  }
  return static_cast<std::int64_t>(ids.size());
}

Result<std::optional<Hearing>> HearingRepo::find_by_key(const std::string& source_key) {
  auto& s =
      db_.stmt(std::string("SELECT ") + kHearingColumns + " FROM hearings WHERE source_key = ?");
  s.bind(1, source_key);
  if (!CW_TRY(s.step())) return std::optional<Hearing>{};
  auto h = read_hearing(s);
  s.reset();
  if (!h) return fail(h.error());
  return std::optional<Hearing>(std::move(*h));
}

Result<void> HearingRepo::each(const HearingFilter& f,
                               const std::function<void(const Hearing&)>& fn) {
  auto& s = db_.stmt(std::string("SELECT ") + kHearingColumns +
                     " FROM hearings WHERE (?1 IS NULL OR date >= ?1) AND (?2 IS NULL OR date <= "
                     "?2) AND (?3 IS NULL OR site = ?3) AND (?4 OR status = 'scheduled') "
                     "ORDER BY date, start_min, site, location, source_key");
  if (f.from) s.bind(1, format_date(*f.from));
  if (f.to) s.bind(2, format_date(*f.to));
  if (f.site) s.bind(3, *f.site);
  s.bind(4, f.include_cancelled);
  while (CW_TRY(s.step())) {
    auto h = read_hearing(s);
    if (!h) {
      s.reset();
      return fail(h.error());
    }
    fn(*h);
  }
  return {};
}

Result<std::vector<Hearing>> HearingRepo::list(const HearingFilter& f) {
  std::vector<Hearing> out;
  CW_TRY(each(f, [&](const Hearing& h) { out.push_back(h); }));
  return out;
}

Result<std::vector<HearingChange>> HearingRepo::changes_since(Id after_id, int limit) {
  std::vector<HearingChange> out;
  auto& s = db_.stmt(
      "SELECT c.id, c.hearing_id, h.source_key, c.at, c.kind, c.version, c.old, c.new "
      "FROM hearing_changes c JOIN hearings h ON h.id = c.hearing_id "
      "WHERE c.id > ? ORDER BY c.id LIMIT ?");
  s.bind(1, after_id).bind(2, limit);
  while (CW_TRY(s.step())) {
    out.push_back({s.int64(0), s.int64(1), s.text(2), Instant{std::chrono::seconds{s.int64(3)}},
                   s.text(4), s.int32(5), s.text(6), s.text(7)});
  }
  return out;
}

Result<std::int64_t> HearingRepo::count(HearingStatus status) {
  auto& s = db_.stmt("SELECT count(*) FROM hearings WHERE status = ?");
  s.bind(1, to_string(status));
  if (!CW_TRY(s.step())) return 0;
  const auto n = s.int64(0);
  s.reset();
  return n;
}

Result<bool> HearingRepo::seen_in_run(const std::string& source_key, Id run) {
  auto& q = db_.stmt("SELECT 1 FROM hearings WHERE source_key = ? AND last_run = ?");
  q.bind(1, source_key).bind(2, run);
  const bool seen = CW_TRY(q.step());
  q.reset();
  return seen;
}

}  // namespace cw::store
