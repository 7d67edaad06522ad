#include "store/db_files.h"

namespace cw::store {

Result<void> use_rollback_journal(Database& db) {
  auto& s = db.stmt("PRAGMA journal_mode=DELETE");
  const std::string mode = CW_TRY(s.step()) ? s.text(0) : "";
  s.reset();
  if (mode != "delete") {
    return fail(Error::database(db.path() + ": journal mode stayed '" + mode + "'"));
  }
  return {};
}

}  // namespace cw::store
