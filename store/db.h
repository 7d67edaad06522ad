// SQLite with discipline.
//
// Database owns one sqlite3 connection: open() sets WAL, synchronous=NORMAL,
// foreign_keys=ON and a busy timeout, then applies the migrations (store/
// schema.h) inside BEGIN IMMEDIATE, refusing a database whose user_version is
// newer than this code. Statements are prepared once per SQL text and cached
// on the connection; stmt() hands out the cached statement reset and with its
// bindings cleared. A Database is not thread-safe: give each thread its own
// (store/pool.h) — SQLite in WAL mode lets readers run beside one writer.
#pragma once

#include <sqlite3.h>

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>

#include "core/error.h"

namespace cw::store {

struct StmtDeleter {
  void operator()(sqlite3_stmt* s) const { sqlite3_finalize(s); }
};
struct DbDeleter {
  void operator()(sqlite3* db) const { sqlite3_close_v2(db); }
};

// A prepared statement. Bind indices are 1-based as in SQLite; column indices
// 0-based. Text columns are copied out; nothing returned points into SQLite.
class Statement {
 public:
  Statement(sqlite3* db, sqlite3_stmt* s) : db_(db), stmt_(s) {}

  Statement& bind(int i, std::int64_t v);
  Statement& bind(int i, int v) { return bind(i, static_cast<std::int64_t>(v)); }
  Statement& bind(int i, bool v) { return bind(i, static_cast<std::int64_t>(v)); }
  Statement& bind(int i, double v);
  Statement& bind(int i, std::string_view v);
  Statement& bind(int i, const char* v) { return bind(i, std::string_view(v)); }
  Statement& bind(int i, const std::string& v) { return bind(i, std::string_view(v)); }
  Statement& bind(int i, std::nullopt_t);
  template <class T>
  Statement& bind(int i, const std::optional<T>& v) {
    return v ? bind(i, *v) : bind(i, std::nullopt);
  }
  template <class... A>
  Statement& bind_all(const A&... args) {
    int i = 0;
    (bind(++i, args), ...);
    return *this;
  }

  // Advances; true when a row is available, false when done.
  Result<bool> step();
  // Steps to completion (for statements that return no rows).
  Result<void> run();

  bool is_null(int col) const;
  std::int64_t int64(int col) const;
  int int32(int col) const { return static_cast<int>(int64(col)); }
  double real(int col) const;
  std::string text(int col) const;
  std::optional<std::int64_t> opt_int64(int col) const;

  void reset();
  sqlite3_stmt* raw() const { return stmt_.get(); }

 private:
  sqlite3* db_;
  std::unique_ptr<sqlite3_stmt, StmtDeleter> stmt_;
};

enum class OpenMode {
  read_write_create,    // create if missing, apply migrations
  read_write_existing,  // must exist and be at this build's schema version
  read_only,            // same, read-only
};

class Transaction;

class Database {
 public:
  // Opens (creating if allowed) and migrates the database at path.
  static Result<std::unique_ptr<Database>> open(const std::string& path,
                                                OpenMode mode = OpenMode::read_write_create);
  Database(const Database&) = delete;
  Database& operator=(const Database&) = delete;
  ~Database();

  Result<void> exec(std::string_view sql);
  // Returns the cached statement for this SQL text, reset and unbound. A SQL
  // text that does not prepare is a programmer bug and throws.
  Statement& stmt(std::string_view sql);
  Result<Transaction> begin_immediate();
  Result<Transaction> begin_deferred();

  std::int64_t last_insert_rowid() const;
  int changes() const;
  int user_version();
  const std::string& path() const { return path_; }
  sqlite3* raw() const { return db_.get(); }

  // Copies the whole database to dest with the online backup API.
  Result<void> backup_to(const std::string& dest);
  // PRAGMA integrity_check + foreign_key_check; the error lists the problems.
  Result<void> check();

 private:
  Database(sqlite3* db, std::string path) : db_(db), path_(std::move(path)) {}
  Result<void> configure(OpenMode mode);

  std::unique_ptr<sqlite3, DbDeleter> db_;
  std::string path_;
  std::unordered_map<std::string, std::unique_ptr<Statement>> cache_;
};

// Rolls back on destruction unless committed.
class Transaction {
 public:
  explicit Transaction(Database* db) : db_(db) {}
  Transaction(Transaction&& o) noexcept : db_(std::exchange(o.db_, nullptr)) {}
  Transaction& operator=(Transaction&&) = delete;
  ~Transaction();
  Result<void> commit();

 private:
  Database* db_;
};

Error sqlite_error(sqlite3* db, std::string_view what);

}  // namespace cw::store
