#include "web/volunteer_text.h"

#include <unordered_map>

namespace cw::web {
namespace {

using Catalog = std::unordered_map<std::string_view, std::string_view>;

const Catalog& english() {
  static const Catalog c{
      {"page.title", "Your court watch page"},
      {"page.hello", "Hello,"},
      {"page.local_times", "Times are local to each court."},
      {"upcoming.title", "Your upcoming sessions"},
      {"upcoming.none", "You have no upcoming sessions."},
      {"state.proposed", "Proposed — please confirm"},
      {"state.invited", "Invited — please confirm"},
      {"state.confirmed", "Confirmed"},
      {"state.declined", "Declined"},
      {"state.cancelled", "Cancelled"},
      {"btn.confirm", "Confirm"},
      {"btn.decline", "Decline"},
      {"session.hearing", "hearing"},
      {"session.hearings", "hearings"},
      {"session.detained", "includes detained hearings"},
      {"open.title", "Open sessions you can take"},
      {"open.none", "No open session at your courts fits your availability right now."},
      {"open.filled", "volunteers so far, needs"},
      {"btn.claim", "Take this session"},
      {"avail.title", "Your availability"},
      {"avail.intro", "Tick the half-days you can usually attend."},
      {"avail.am", "Morning"},
      {"avail.pm", "Afternoon"},
      {"blackouts.title", "Dates you are away"},
      {"blackouts.none", "No dates yet."},
      {"blackouts.remove", "Remove"},
      {"blackouts.from", "Away from"},
      {"blackouts.to", "Until (optional)"},
      {"btn.save_availability", "Save availability"},
      {"calendar.title", "Your calendar"},
      {"calendar.intro", "Subscribe once and your sessions appear in your phone's calendar."},
      {"calendar.link", "Add my sessions to my calendar"},
      {"calendar.none", "Your calendar link is not set up yet; ask your coordinator."},
      {"report.title", "Report what you saw"},
      {"report.none", "No ended session to report on."},
      {"report.ice", "Was ICE present?"},
      {"report.yes", "Yes"},
      {"report.no", "No"},
      {"report.unsure", "Not sure"},
      {"report.detained", "Number of people detained"},
      {"report.notes", "Notes (optional)"},
      {"report.notes_hint", "Please do not write names or case numbers."},
      {"report.filed", "Report received. You can correct it and send it again."},
      {"btn.report", "Send report"},
      {"erase.title", "Erase my data"},
      {"erase.intro",
       "This removes your name, contact details, availability and sessions from courtwatch. "
       "Reports you filed stay, without your name. It cannot be undone."},
      {"erase.link", "Erase my data…"},
      {"erase.confirm_title", "Erase your data?"},
      {"btn.erase", "Yes, erase my data"},
      {"erase.back", "No, go back to my page"},
      {"erase.done", "Your data has been erased. This link no longer works."},
      {"flash.confirmed", "Thank you — your session is confirmed."},
      {"flash.declined", "You declined the session. Your coordinator will see it."},
      {"flash.claimed", "You took the session. Thank you!"},
      {"flash.availability", "Your availability is saved."},
      {"flash.report", "Thank you — your report was sent."},
      {"error.title", "That did not work"},
      {"error.double-booked", "You already have a session that half-day:"},
      {"error.weekly-cap", "You already have as many sessions that week as your weekly limit."},
      {"error.session-full", "This session has all the volunteers it needs now."},
      {"error.not-available", "This half-day is outside your availability."},
      {"error.wrong-site", "This session is not at one of your courts."},
      {"error.forbidden", "Your coordinator has arranged this session differently."},
      {"error.trainee-alone",
       "As a trainee you can take this session once an experienced watcher is there too."},
      {"error.gone", "This session or assignment is no longer available to change."},
      {"error.input", "Please check the form:"},
      {"error.internal", "Something went wrong on our side. Please try again in a minute."},
      {"error.slot", "that half-day is not one of the choices."},
      {"error.detained_count",
       "the number of people detained must be a whole number from 0 to 999."},
      {"error.ice_present", "choose Yes, No or Not sure for ICE."},
      {"error.not_ended", "you can report on a session once it has ended."},
      {"error.dates", "dates must be real dates, and the end not before the start."},
      {"error.notes", "notes are limited to 2000 characters."},
      {"error.csrf", "This form is out of date. Go back to your page, reload it and try again."},
      {"notfound.title", "Link not found"},
      {"notfound.body",
       "This link does not work. It may have been replaced by a newer one: ask your coordinator "
       "for your current link."},
      {"day.0", "Monday"},
      {"day.1", "Tuesday"},
      {"day.2", "Wednesday"},
      {"day.3", "Thursday"},
      {"day.4", "Friday"},
      {"day.5", "Saturday"},
      {"day.6", "Sunday"},
      {"half.am", "morning"},
      {"half.pm", "afternoon"},
  };
  return c;
}

const Catalog& spanish() {
  static const Catalog c{
      {"page.title", "Tu página de observación judicial"},
      {"page.hello", "Hola,"},
      {"page.local_times", "Las horas son locales de cada corte."},
      {"upcoming.title", "Tus próximas sesiones"},
      {"upcoming.none", "No tienes sesiones próximas."},
      {"state.proposed", "Propuesta — confirma por favor"},
      {"state.invited", "Invitación — confirma por favor"},
      {"state.confirmed", "Confirmada"},
      {"state.declined", "Rechazada"},
      {"state.cancelled", "Cancelada"},
      {"btn.confirm", "Confirmar"},
      {"btn.decline", "No puedo ir"},
      {"session.hearing", "audiencia"},
      {"session.hearings", "audiencias"},
      {"session.detained", "incluye audiencias de personas detenidas"},
      {"open.title", "Sesiones abiertas que puedes tomar"},
      {"open.none",
       "Ahora no hay sesiones abiertas en tus cortes que encajen con tu disponibilidad."},
      {"open.filled", "voluntarios hasta ahora, necesita"},
      {"btn.claim", "Tomar esta sesión"},
      {"avail.title", "Tu disponibilidad"},
      {"avail.intro", "Marca los medios días en que sueles poder asistir."},
      {"avail.am", "Mañana"},
      {"avail.pm", "Tarde"},
      {"blackouts.title", "Fechas en que no estás"},
      {"blackouts.none", "Ninguna fecha todavía."},
      {"blackouts.remove", "Quitar"},
      {"blackouts.from", "Ausente desde"},
      {"blackouts.to", "Hasta (opcional)"},
      {"btn.save_availability", "Guardar disponibilidad"},
      {"calendar.title", "Tu calendario"},
      {"calendar.intro",
       "Suscríbete una vez y tus sesiones aparecerán en el calendario de tu teléfono."},
      {"calendar.link", "Añadir mis sesiones a mi calendario"},
      {"calendar.none", "Tu enlace de calendario aún no está listo; pídelo a tu coordinador."},
      {"report.title", "Informa lo que viste"},
      {"report.none", "No hay sesiones terminadas sobre las que informar."},
      {"report.ice", "¿Estaba ICE presente?"},
      {"report.yes", "Sí"},
      {"report.no", "No"},
      {"report.unsure", "No estoy seguro/a"},
      {"report.detained", "Número de personas detenidas"},
      {"report.notes", "Notas (opcional)"},
      {"report.notes_hint", "Por favor, no escribas nombres ni números de caso."},
      {"report.filed", "Informe recibido. Puedes corregirlo y enviarlo de nuevo."},
      {"btn.report", "Enviar informe"},
      {"erase.title", "Borrar mis datos"},
      {"erase.intro",
       "Esto borra de courtwatch tu nombre, tus datos de contacto, tu disponibilidad y tus "
       "sesiones. Los informes que enviaste se conservan, sin tu nombre. No se puede deshacer."},
      {"erase.link", "Borrar mis datos…"},
      {"erase.confirm_title", "¿Borrar tus datos?"},
      {"btn.erase", "Sí, borrar mis datos"},
      {"erase.back", "No, volver a mi página"},
      {"erase.done", "Tus datos han sido borrados. Este enlace ya no funciona."},
      {"flash.confirmed", "Gracias — tu sesión está confirmada."},
      {"flash.declined", "Rechazaste la sesión. Tu coordinador lo verá."},
      {"flash.claimed", "Tomaste la sesión. ¡Gracias!"},
      {"flash.availability", "Tu disponibilidad está guardada."},
      {"flash.report", "Gracias — tu informe fue enviado."},
      {"error.title", "No se pudo hacer"},
      {"error.double-booked", "Ya tienes una sesión en ese medio día:"},
      {"error.weekly-cap", "Ya tienes esa semana tantas sesiones como tu límite semanal."},
      {"error.session-full", "Esta sesión ya tiene todos los voluntarios que necesita."},
      {"error.not-available", "Este medio día está fuera de tu disponibilidad."},
      {"error.wrong-site", "Esta sesión no es en una de tus cortes."},
      {"error.forbidden", "Tu coordinador organizó esta sesión de otra manera."},
      {"error.trainee-alone",
       "Como persona en formación puedes tomar esta sesión cuando también haya un observador "
       "con experiencia."},
      {"error.gone", "Esta sesión o asignación ya no se puede cambiar."},
      {"error.input", "Revisa el formulario:"},
      {"error.internal", "Algo falló de nuestro lado. Inténtalo de nuevo en un minuto."},
      {"error.slot", "ese medio día no es una de las opciones."},
      {"error.detained_count",
       "el número de personas detenidas debe ser un número entero de 0 a 999."},
      {"error.ice_present", "elige Sí, No o No estoy seguro/a para ICE."},
      {"error.not_ended", "puedes informar sobre una sesión cuando haya terminado."},
      {"error.dates", "las fechas deben ser fechas reales, y el final no antes del inicio."},
      {"error.notes", "las notas tienen un límite de 2000 caracteres."},
      {"error.csrf",
       "Este formulario está desactualizado. Vuelve a tu página, recárgala e inténtalo de nuevo."},
      {"notfound.title", "Enlace no encontrado"},
      {"notfound.body",
       "Este enlace no funciona. Puede que haya sido reemplazado por uno nuevo: pide tu enlace "
       "actual a tu coordinador."},
      {"day.0", "lunes"},
      {"day.1", "martes"},
      {"day.2", "miércoles"},
      {"day.3", "jueves"},
      {"day.4", "viernes"},
      {"day.5", "sábado"},
      {"day.6", "domingo"},
      {"half.am", "mañana"},
      {"half.pm", "tarde"},
  };
  return c;
}

}  // namespace

std::string_view vtr(Lang lang, std::string_view key) {
  const Catalog& own = lang == Lang::es ? spanish() : english();
  if (auto it = own.find(key); it != own.end()) return it->second;
  if (auto it = english().find(key); it != english().end()) return it->second;
  return tr(lang, key);
}

std::vector<std::string_view> volunteer_text_keys() {
  std::vector<std::string_view> keys;
  for (const auto& [k, v] : english()) keys.push_back(k);
  return keys;
}

bool volunteer_text_has(Lang lang, std::string_view key) {
  return (lang == Lang::es ? spanish() : english()).contains(key);
}

}  // namespace cw::web
