#include "app/audit_text.h"

#include <nlohmann/json.hpp>

namespace cw::app {
namespace {

// One action: its name, subject and detail patterns in both languages.
struct ActionText {
  std::string_view action, name_en, name_es, subject_en, subject_es, detail_en, detail_es;
};

#define CW_HALF_EN "{half|am=morning|pm=afternoon}"
#define CW_HALF_ES "{half|am=mañana|pm=tarde}"
#define CW_PAIR_EN "{volunteer} at {place} on {date} (" CW_HALF_EN ")"
#define CW_PAIR_ES "{volunteer} en {place} el {date} (" CW_HALF_ES ")"
#define CW_ASSIGNMENT_EN                                                       \
  CW_PAIR_EN                                                                   \
  ", {assignment_state|proposed=proposed|invited=invited|confirmed=confirmed|" \
  "declined=declined|cancelled=cancelled}{pinned|yes=, pinned|*=}"
#define CW_ASSIGNMENT_ES                                                          \
  CW_PAIR_ES                                                                      \
  ", {assignment_state|proposed=propuesta|invited=invitada|confirmed=confirmada|" \
  "declined=rechazada|cancelled=cancelada}{pinned|yes=, fijada|*=}"
#define CW_SESSIONS_EN                                                          \
  "{sessions} {sessions|1=session|*=sessions} cancelled, {restored} restored, " \
  "{assignments} {assignments|1=assignment|*=assignments} cancelled"
#define CW_SESSIONS_ES                                                           \
  "{sessions} {sessions|1=sesión cancelada|*=sesiones canceladas}, {restored} " \
  "{restored|1=restablecida|*=restablecidas}, {assignments} "                    \
  "{assignments|1=asignación cancelada|*=asignaciones canceladas}"

constexpr ActionText kActions[] = {
    {"user.add", "account created", "cuenta creada", "{user}", "{user}",
     "role: {role|admin=admin|coordinator=coordinator}",
     "rol: {role|admin=administrador|coordinator=coordinador}"},
    {"user.disable", "account disabled", "cuenta desactivada", "{user}", "{user}", "", ""},
    {"login", "signed in", "inicio de sesión", "{user}", "{user}", "", ""},
    {"logout", "signed out", "cierre de sesión", "{user}", "{user}", "", ""},
    {"api-token.create", "API token created", "clave de la API creada", "token {token} for {user}",
     "clave {token} de {user}", "", ""},
    {"api-token.revoke", "API token revoked", "clave de la API revocada", "token {token}",
     "clave {token}", "", ""},
    {"assignment.assign", "assigned", "asignación hecha", "assignment {assignment}",
     "asignación {assignment}", CW_ASSIGNMENT_EN, CW_ASSIGNMENT_ES},
    {"assignment.unassign", "unassigned", "asignación retirada", "assignment {assignment}",
     "asignación {assignment}", CW_ASSIGNMENT_EN, CW_ASSIGNMENT_ES},
    {"assignment.pin", "pinned", "asignación fijada", "assignment {assignment}",
     "asignación {assignment}", CW_ASSIGNMENT_EN, CW_ASSIGNMENT_ES},
    {"assignment.unpin", "unpinned", "asignación desfijada", "assignment {assignment}",
     "asignación {assignment}", CW_ASSIGNMENT_EN, CW_ASSIGNMENT_ES},
    {"assignment.confirm", "confirmed", "asignación confirmada", "assignment {assignment}",
     "asignación {assignment}", CW_ASSIGNMENT_EN, CW_ASSIGNMENT_ES},
    {"assignment.decline", "declined", "asignación rechazada", "assignment {assignment}",
     "asignación {assignment}", CW_ASSIGNMENT_EN, CW_ASSIGNMENT_ES},
    {"assignment.claim", "session claimed", "sesión reclamada", "assignment {assignment}",
     "asignación {assignment}", CW_ASSIGNMENT_EN, CW_ASSIGNMENT_ES},
    {"pair.forbid", "volunteer ruled out", "voluntario descartado", "session {session}",
     "sesión {session}", CW_PAIR_EN, CW_PAIR_ES},
    {"pair.allow", "volunteer allowed again", "voluntario permitido de nuevo", "session {session}",
     "sesión {session}", CW_PAIR_EN, CW_PAIR_ES},
    {"closure.add", "closure entered", "cierre registrado", "{site} {date}", "{site} {date}",
     "{scope|partial=open to detained cases only|*=closed}: {hearings} "
     "{hearings|1=hearing|*=hearings} cancelled, " CW_SESSIONS_EN,
     "{scope|partial=abierta solo para casos de detenidos|*=cerrada}: {hearings} "
     "{hearings|1=audiencia cancelada|*=audiencias canceladas}, " CW_SESSIONS_ES},
    {"closure.lift", "closure lifted", "cierre levantado", "{site} {date}", "{site} {date}",
     "{hearings} {hearings|1=hearing|*=hearings} restored, " CW_SESSIONS_EN,
     "{hearings} {hearings|1=audiencia restablecida|*=audiencias restablecidas}, " CW_SESSIONS_ES},
    {"plan.apply", "plan applied", "plan aplicado", "{from}..{to}", "{from}..{to}",
     "objective {objective}: {added} added, {removed} removed, {kept} kept, {empty} empty "
     "{empty|1=seat|*=seats}",
     "objetivo {objective}: {added} {added|1=añadida|*=añadidas}, {removed} "
     "{removed|1=retirada|*=retiradas}, {kept} {kept|1=mantenida|*=mantenidas}, {empty} "
     "{empty|1=plaza vacía|*=plazas vacías}"},
    {"plan.invite", "invitations queued", "invitaciones enviadas", "{from}..{to}", "{from}..{to}",
     "{invited} invited", "{invited} {invited|1=invitación|*=invitaciones}"},
    {"anonymize", "old records anonymized", "registros antiguos anonimizados", "before {date}",
     "antes del {date}",
     "{assignments} {assignments|1=assignment|*=assignments}, {reports} "
     "{reports|1=report|*=reports}, "
     "{forbidden} forbidden {forbidden|1=pair|*=pairs}, {messages} {messages|1=message|*=messages}",
     "{assignments} {assignments|1=asignación|*=asignaciones}, {reports} "
     "{reports|1=informe|*=informes}, {forbidden} {forbidden|1=pareja descartada|*=parejas "
     "descartadas}, {messages} {messages|1=mensaje|*=mensajes}"},
    {"volunteer.create", "volunteer added", "voluntario añadido", "volunteer {volunteer}",
     "voluntario {volunteer}", "", ""},
    {"volunteer.update", "volunteer edited", "voluntario editado", "volunteer {volunteer}",
     "voluntario {volunteer}", "", ""},
    {"volunteer.link.issue", "link issued", "enlace emitido", "volunteer {volunteer}",
     "voluntario {volunteer}",
     "{purpose|feed-volunteer=calendar feed|volunteer-link=self-service page|*=link}",
     "{purpose|feed-volunteer=calendario|volunteer-link=página personal|*=enlace}"},
    {"volunteer.link.rotate", "link replaced", "enlace reemplazado", "volunteer {volunteer}",
     "voluntario {volunteer}",
     "{purpose|feed-volunteer=calendar feed|volunteer-link=self-service page|*=link}",
     "{purpose|feed-volunteer=calendario|volunteer-link=página personal|*=enlace}"},
    {"volunteer.availability", "availability changed", "disponibilidad cambiada",
     "volunteer {volunteer}", "voluntario {volunteer}",
     "weekly: {weekly|=none}; blackouts: {blackouts|=none}",
     "semanal: {weekly|=ninguna}; ausencias: {blackouts|=ninguna}"},
    {"report.file", "report filed", "informe enviado", "session {session}", "sesión {session}",
     "ICE present: {ice|yes=yes|no=no|unsure=unsure}, detained: {detained}, version {version}",
     "ICE presente: {ice|yes=sí|no=no|unsure=no se sabe}, detenidos: {detained}, versión "
     "{version}"},
    {"volunteer.erase", "volunteer erased", "voluntario borrado", "volunteer {volunteer}",
     "voluntario {volunteer}",
     "{assignments} {assignments|1=assignment|*=assignments} removed, {reports} "
     "{reports|1=report|*=reports} kept without a name, {messages} "
     "{messages|1=message|*=messages} removed",
     "{assignments} {assignments|1=asignación borrada|*=asignaciones borradas}, {reports} "
     "{reports|1=informe conservado|*=informes conservados} sin nombre, {messages} "
     "{messages|1=mensaje borrado|*=mensajes borrados}"},
};

#undef CW_HALF_EN
#undef CW_HALF_ES
#undef CW_PAIR_EN
#undef CW_PAIR_ES
#undef CW_ASSIGNMENT_EN
#undef CW_ASSIGNMENT_ES
#undef CW_SESSIONS_EN
#undef CW_SESSIONS_ES

struct AuditCatalog {
  std::vector<std::string> keys;  // owns the key strings the patterns point at
  std::vector<PhrasePattern> patterns;
};

const AuditCatalog& audit_catalog() {
  static const AuditCatalog f = [] {
    AuditCatalog out;
    out.keys.reserve(std::size(kActions) * 3);
    for (const auto& a : kActions) {
      out.keys.push_back("audit.action." + std::string(a.action));
      out.keys.push_back("audit.subject." + std::string(a.action));
      out.keys.push_back("audit.detail." + std::string(a.action));
    }
    std::size_t i = 0;
    for (const auto& a : kActions) {
      out.patterns.push_back({out.keys[i++], a.name_en, a.name_es});
      out.patterns.push_back({out.keys[i++], a.subject_en, a.subject_es});
      out.patterns.push_back({out.keys[i++], a.detail_en, a.detail_es});
    }
    return out;
  }();
  return f;
}

const ActionText* find(std::string_view action) {
  for (const auto& a : kActions) {
    if (a.action == action) return &a;
  }
  return nullptr;
}

}  // namespace

std::span<const PhrasePattern> audit_patterns() { return audit_catalog().patterns; }

Result<void> record_audit(store::Database& db, Instant at, std::string_view actor,
                          std::string_view action, const Phrase& values) {
  const ActionText* a = find(action);
  if (!a) return fail(Error::internal("audit: no words for action '" + std::string(action) + "'"));
  nlohmann::json detail = nlohmann::json::object();
  for (const auto& [name, value] : values.args) detail[name] = value;
  CW_TRY(
      store::AuditRepo(db).append(at, actor, action, fill(a->subject_en, values), detail.dump()));
  return {};
}

AuditWords audit_words(const store::AuditEntry& e) {
  if (!find(e.action) || !e.detail.starts_with('{')) return {};
  const auto j = nlohmann::json::parse(e.detail, nullptr, /*allow_exceptions=*/false);
  if (!j.is_object()) return {};
  Phrase values;
  for (const auto& [name, value] : j.items()) {
    if (!value.is_string()) return {};
    values.arg(name, value.get<std::string>());
  }
  AuditWords out{values, values};
  out.subject.key = "audit.subject." + e.action;
  out.detail.key = "audit.detail." + e.action;
  return out;
}

}  // namespace cw::app
