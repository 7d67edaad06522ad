#include "notify/smtp.h"

#include <curl/curl.h>

#include <cstring>

namespace cw::notify {
namespace {

struct Reader {
  const std::string* data = nullptr;
  std::size_t offset = 0;
};

std::size_t read_body(char* buffer, std::size_t size, std::size_t n, void* user) {
  auto* r = static_cast<Reader*>(user);
  const std::size_t left = r->data->size() - r->offset;
  const std::size_t take = std::min(left, size * n);
  std::memcpy(buffer, r->data->data() + r->offset, take);
  r->offset += take;
  return take;
}

struct SlistDeleter {
  void operator()(curl_slist* l) const { curl_slist_free_all(l); }
};

}  // namespace

struct SmtpTransport::Handle {
  CURL* curl = curl_easy_init();
  ~Handle() {
    if (curl) curl_easy_cleanup(curl);
  }
};

std::string bare_address(const std::string& mailbox) {
  const auto open = mailbox.rfind('<');
  const auto close = mailbox.rfind('>');
  if (open != std::string::npos && close != std::string::npos && close > open) {
    return mailbox.substr(open + 1, close - open - 1);
  }
  return mailbox;
}

SmtpTransport::SmtpTransport(SmtpConfig config)
    : config_(std::move(config)), handle_(std::make_unique<Handle>()) {}

SmtpTransport::~SmtpTransport() = default;

SendResult SmtpTransport::send(const Outgoing& m) {
  CURL* c = handle_->curl;
  if (!c) return {SendStatus::transient, "libcurl: cannot create a handle"};
  curl_easy_reset(c);  // keeps the connection cache: the next send reuses it
  Reader reader{&m.body, 0};
  std::unique_ptr<curl_slist, SlistDeleter> rcpt(
      curl_slist_append(nullptr, ("<" + m.recipient + ">").c_str()));
  const std::string from = "<" + bare_address(config_.from) + ">";
  char error[CURL_ERROR_SIZE] = {0};
  curl_easy_setopt(c, CURLOPT_URL, config_.url.c_str());
  curl_easy_setopt(c, CURLOPT_MAIL_FROM, from.c_str());
  curl_easy_setopt(c, CURLOPT_MAIL_RCPT, rcpt.get());
  curl_easy_setopt(c, CURLOPT_UPLOAD, 1L);
  curl_easy_setopt(c, CURLOPT_READFUNCTION, read_body);
  curl_easy_setopt(c, CURLOPT_READDATA, &reader);
  curl_easy_setopt(c, CURLOPT_INFILESIZE_LARGE, static_cast<curl_off_t>(m.body.size()));
  curl_easy_setopt(c, CURLOPT_USE_SSL,
                   static_cast<long>(config_.tls_required ? CURLUSESSL_ALL : CURLUSESSL_NONE));
  if (!config_.ca_file.empty()) curl_easy_setopt(c, CURLOPT_CAINFO, config_.ca_file.c_str());
  if (!config_.username.empty()) {
    curl_easy_setopt(c, CURLOPT_USERNAME, config_.username.c_str());
    curl_easy_setopt(c, CURLOPT_PASSWORD, config_.password.c_str());
  }
  curl_easy_setopt(c, CURLOPT_CONNECTTIMEOUT, static_cast<long>(config_.connect_timeout_s));
  curl_easy_setopt(c, CURLOPT_TIMEOUT, static_cast<long>(config_.timeout_s));
  curl_easy_setopt(c, CURLOPT_NOSIGNAL, 1L);
  curl_easy_setopt(c, CURLOPT_ERRORBUFFER, error);
  const CURLcode rc = curl_easy_perform(c);
  long reply = 0;
  curl_easy_getinfo(c, CURLINFO_RESPONSE_CODE, &reply);
  curl_easy_setopt(c, CURLOPT_ERRORBUFFER, nullptr);
  if (rc == CURLE_OK) return {SendStatus::accepted, ""};
  std::string detail = "smtp: " + std::string(error[0] ? error : curl_easy_strerror(rc));
  if (reply > 0) detail += " (reply " + std::to_string(reply) + ")";
  if (reply >= 500 && reply < 600) return {SendStatus::permanent, detail};
  return {SendStatus::transient, detail};
}

}  // namespace cw::notify
