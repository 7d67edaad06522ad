// Pattern pieces that several phrase catalogs of app/ share (refusal_text.cc,
// unfilled_text.cc): how a weekday code ("mon".."sun", scheduler::weekday_code)
// and a half-day code ("am", "pm") read in English and Spanish when a pattern
// says "on Tuesday mornings" / "los martes por la mañana". String-literal
// macros so that they concatenate into the constexpr pattern tables.
#pragma once

#define CW_WEEKDAY_EN                                                                   \
  "{weekday|mon=Monday|tue=Tuesday|wed=Wednesday|thu=Thursday|fri=Friday|sat=Saturday|" \
  "sun=Sunday}"
#define CW_HALVES_EN "{half|am=mornings|pm=afternoons}"
#define CW_WEEKDAYS_ES                                                                       \
  "{weekday|mon=los lunes|tue=los martes|wed=los miércoles|thu=los jueves|fri=los viernes|" \
  "sat=los sábados|sun=los domingos}"
#define CW_HALVES_ES "{half|am=por la mañana|pm=por la tarde}"
