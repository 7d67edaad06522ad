// Small text routines for untrusted input: UTF-8 validation, latin-1
// conversion, trimming, splitting, HTML escaping and case folding (ASCII only, which is all
// our codes and keywords need). Pure functions, thread-safe.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace cw {

// True when s is well-formed UTF-8 (no overlongs, no surrogates, ≤ U+10FFFF).
bool valid_utf8(std::string_view s);
// Byte offset of the first invalid UTF-8 sequence, or npos.
std::size_t invalid_utf8_at(std::string_view s);
// Appends the UTF-8 form of latin-1 (ISO-8859-1) bytes to out.
void append_latin1_as_utf8(std::string_view latin1, std::string& out);

std::string_view trim(std::string_view s);
std::string lower_ascii(std::string_view s);
std::string upper_ascii(std::string_view s);
bool iequals(std::string_view a, std::string_view b);
// Splits on sep; keeps empty pieces.
std::vector<std::string_view> split(std::string_view s, char sep);
// Splits on sep, trims each piece and drops empty ones.
std::vector<std::string> split_trimmed(std::string_view s, char sep);
bool starts_with_utf8_bom(std::string_view s);
// s with & < > " ' replaced by entities: safe as HTML text and attribute
// values (pages and e-mail bodies alike).
std::string escape_html(std::string_view s);
// The host of a URL: "watch.example.org" of "https://u:p@watch.example.org:8443/x?q"
// (no scheme, credentials, port, path); an IPv6 literal keeps its brackets
// ("[::1]"). Without "://" the whole string is read as host[:port][/path],
// so a path ("/srv/h.csv") has no host ("").
std::string url_host(std::string_view url);

}  // namespace cw
