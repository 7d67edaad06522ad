#include "store/db.h"

#include <stdexcept>

#include "store/schema.h"

namespace cw::store {

Error sqlite_error(sqlite3* db, std::string_view what) {
  return Error::database(std::string(what) + ": " + (db ? sqlite3_errmsg(db) : "out of memory"));
}

Statement& Statement::bind(int i, std::int64_t v) {
  sqlite3_bind_int64(stmt_.get(), i, v);
  return *this;
}
Statement& Statement::bind(int i, double v) {
  sqlite3_bind_double(stmt_.get(), i, v);
  return *this;
}
Statement& Statement::bind(int i, std::string_view v) {
  sqlite3_bind_text64(stmt_.get(), i, v.data(), v.size(), SQLITE_TRANSIENT, SQLITE_UTF8);
  return *this;
}
Statement& Statement::bind(int i, std::nullopt_t) {
  sqlite3_bind_null(stmt_.get(), i);
  return *this;
}

Result<bool> Statement::step() {
  const int rc = sqlite3_step(stmt_.get());
  if (rc == SQLITE_ROW) return true;
  if (rc == SQLITE_DONE) return false;
  auto err = sqlite_error(db_, "executing statement");
  sqlite3_reset(stmt_.get());
  return fail(std::move(err));
}

Result<void> Statement::run() {
  for (;;) {
    auto row = step();
    if (!row) return fail(row.error());
    if (!*row) return {};
  }
}

bool Statement::is_null(int col) const {
  return sqlite3_column_type(stmt_.get(), col) == SQLITE_NULL;
}
std::int64_t Statement::int64(int col) const { return sqlite3_column_int64(stmt_.get(), col); }
double Statement::real(int col) const { return sqlite3_column_double(stmt_.get(), col); }
std::string Statement::text(int col) const {
  const auto* p = sqlite3_column_text(stmt_.get(), col);
  const int n = sqlite3_column_bytes(stmt_.get(), col);
  return p ? std::string(reinterpret_cast<const char*>(p), static_cast<std::size_t>(n))
           : std::string();
}
std::optional<std::int64_t> Statement::opt_int64(int col) const {
  if (is_null(col)) return std::nullopt;
  return int64(col);
}

void Statement::reset() {
  sqlite3_reset(stmt_.get());
  sqlite3_clear_bindings(stmt_.get());
}

Result<std::unique_ptr<Database>> Database::open(const std::string& path, OpenMode mode) {
  sqlite3* raw = nullptr;
  int flags = SQLITE_OPEN_NOMUTEX;
  switch (mode) {
    case OpenMode::read_write_create:
      flags |= SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE;
      break;
    case OpenMode::read_write_existing:
      flags |= SQLITE_OPEN_READWRITE;
      break;
    case OpenMode::read_only:
      flags |= SQLITE_OPEN_READONLY;
      break;
  }
  const int rc = sqlite3_open_v2(path.c_str(), &raw, flags, nullptr);
  std::unique_ptr<Database> db(new Database(raw, path));
  if (rc != SQLITE_OK) {
    return fail(sqlite_error(raw, "opening database '" + path + "'"));
  }
  if (auto ok = db->configure(mode); !ok) return fail(std::move(ok).error().context(path));
  return db;
}

Database::~Database() {
  cache_.clear();  // finalize statements before the connection closes
}

Result<void> Database::configure(OpenMode mode) {
  sqlite3_busy_timeout(db_.get(), 5000);
  sqlite3_extended_result_codes(db_.get(), 1);
  if (mode == OpenMode::read_write_create) {
    CW_TRY(exec("PRAGMA journal_mode=WAL"));
  }
  CW_TRY(exec("PRAGMA synchronous=NORMAL; PRAGMA foreign_keys=ON; PRAGMA temp_store=MEMORY;"));
  if (mode == OpenMode::read_write_create) return migrate(*this);
  const int v = user_version();
  if (v != schema_version()) {
    return fail(Error::unsupported("database schema version " + std::to_string(v) +
                                   " does not match this build's " +
                                   std::to_string(schema_version())));
  }
  return {};
}

Result<void> Database::exec(std::string_view sql) {
  char* msg = nullptr;
  const std::string text(sql);
  if (sqlite3_exec(db_.get(), text.c_str(), nullptr, nullptr, &msg) != SQLITE_OK) {
    std::string m = msg ? msg : "unknown error";
    sqlite3_free(msg);
    return fail(Error::database(m));
  }
  return {};
}

Statement& Database::stmt(std::string_view sql) {
  auto it = cache_.find(std::string(sql));
  if (it == cache_.end()) {
    sqlite3_stmt* s = nullptr;
    if (sqlite3_prepare_v3(db_.get(), sql.data(), static_cast<int>(sql.size()),
                           SQLITE_PREPARE_PERSISTENT, &s, nullptr) != SQLITE_OK) {
      throw std::logic_error("cannot prepare SQL (" + std::string(sqlite3_errmsg(db_.get())) +
                             "): " + std::string(sql));
    }
    it = cache_.emplace(std::string(sql), std::make_unique<Statement>(db_.get(), s)).first;
  }
  it->second->reset();
  return *it->second;
}

Result<Transaction> Database::begin_immediate() {
  CW_TRY(exec("BEGIN IMMEDIATE"));
  return Transaction(this);
}

Result<Transaction> Database::begin_deferred() {
  CW_TRY(exec("BEGIN DEFERRED"));
  return Transaction(this);
}

std::int64_t Database::last_insert_rowid() const { return sqlite3_last_insert_rowid(db_.get()); }
int Database::changes() const { return sqlite3_changes(db_.get()); }

int Database::user_version() {
  auto& s = stmt("PRAGMA user_version");
  auto row = s.step();
  const int v = (row && *row) ? s.int32(0) : -1;
  s.reset();
  return v;
}

Result<void> Database::backup_to(const std::string& dest) {
  sqlite3* out = nullptr;
  if (sqlite3_open_v2(dest.c_str(), &out, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE, nullptr) !=
      SQLITE_OK) {
    auto err = sqlite_error(out, "opening backup file '" + dest + "'");
    sqlite3_close_v2(out);
    return fail(std::move(err));
  }
  std::unique_ptr<sqlite3, DbDeleter> guard(out);
  sqlite3_backup* b = sqlite3_backup_init(out, "main", db_.get(), "main");
  if (!b) return fail(sqlite_error(out, "starting backup to '" + dest + "'"));
  int rc;
  do {
    rc = sqlite3_backup_step(b, 256);
    if (rc == SQLITE_BUSY || rc == SQLITE_LOCKED) sqlite3_sleep(20);
  } while (rc == SQLITE_OK || rc == SQLITE_BUSY || rc == SQLITE_LOCKED);
  sqlite3_backup_finish(b);
  if (rc != SQLITE_DONE) return fail(sqlite_error(out, "writing backup '" + dest + "'"));
  return {};
}

Result<void> Database::check() {
  std::string problems;
  auto& s = stmt("PRAGMA integrity_check");
  for (;;) {
    auto row = CW_TRY(s.step());
    if (!row) break;
    const auto line = s.text(0);
    if (line != "ok") problems += line + "\n";
  }
  auto& fk = stmt("PRAGMA foreign_key_check");
  for (;;) {
    auto row = CW_TRY(fk.step());
    if (!row) break;
    problems += "foreign key violation in table " + fk.text(0) + " row " +
                std::to_string(fk.int64(1)) + " (references " + fk.text(2) + ")\n";
  }
  if (user_version() != schema_version()) {
    problems += "schema version " + std::to_string(user_version()) + ", expected " +
                std::to_string(schema_version()) + "\n";
  }
  if (!problems.empty()) return fail(Error::database(problems));
  return {};
}

Transaction::~Transaction() {
  if (db_) (void)db_->exec("ROLLBACK");
}

Result<void> Transaction::commit() {
  Database* db = std::exchange(db_, nullptr);
  auto ok = db->exec("COMMIT");
  if (!ok) (void)db->exec("ROLLBACK");
  return ok;
}

}  // namespace cw::store
