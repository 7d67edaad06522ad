#include "notify/webhook.h"

#include <curl/curl.h>
#include <sodium.h>

namespace cw::notify {
namespace {

struct HeaderListDeleter {
  void operator()(curl_slist* l) const { curl_slist_free_all(l); }
};

std::size_t discard(char*, std::size_t size, std::size_t n, void*) { return size * n; }

}  // namespace

struct WebhookTransport::Handle {
  CURL* curl = curl_easy_init();
  ~Handle() {
    if (curl) curl_easy_cleanup(curl);
  }
};

std::string webhook_signature(const std::string& secret, const std::string& body) {
  unsigned char mac[crypto_auth_hmacsha256_BYTES];
  crypto_auth_hmacsha256_state st;
  crypto_auth_hmacsha256_init(&st, reinterpret_cast<const unsigned char*>(secret.data()),
                              secret.size());
  crypto_auth_hmacsha256_update(&st, reinterpret_cast<const unsigned char*>(body.data()),
                                body.size());
  crypto_auth_hmacsha256_final(&st, mac);
  char hex[crypto_auth_hmacsha256_BYTES * 2 + 1];
  sodium_bin2hex(hex, sizeof hex, mac, sizeof mac);
  return std::string("sha256=") + hex;
}

WebhookTransport::WebhookTransport(WebhookConfig config)
    : config_(std::move(config)), handle_(std::make_unique<Handle>()) {}

WebhookTransport::~WebhookTransport() = default;

SendResult WebhookTransport::send(const Outgoing& m) {
  CURL* c = handle_->curl;
  if (!c) return {SendStatus::transient, "libcurl: cannot create a handle"};
  curl_easy_reset(c);
  curl_slist* list = curl_slist_append(nullptr, "Content-Type: application/json");
  list = curl_slist_append(
      list, ("X-Courtwatch-Signature: " + webhook_signature(config_.secret, m.body)).c_str());
  list = curl_slist_append(list, ("X-Courtwatch-Message-Id: " + m.message_id).c_str());
  std::unique_ptr<curl_slist, HeaderListDeleter> headers(list);
  char error[CURL_ERROR_SIZE] = {0};
  curl_easy_setopt(c, CURLOPT_URL, config_.url.c_str());
  curl_easy_setopt(c, CURLOPT_POST, 1L);
  curl_easy_setopt(c, CURLOPT_POSTFIELDS, m.body.c_str());
  curl_easy_setopt(c, CURLOPT_POSTFIELDSIZE_LARGE, static_cast<curl_off_t>(m.body.size()));
  curl_easy_setopt(c, CURLOPT_HTTPHEADER, headers.get());
  curl_easy_setopt(c, CURLOPT_WRITEFUNCTION, discard);
  curl_easy_setopt(c, CURLOPT_PROTOCOLS_STR, "http,https");
  curl_easy_setopt(c, CURLOPT_TIMEOUT, static_cast<long>(config_.timeout_s));
  curl_easy_setopt(c, CURLOPT_CONNECTTIMEOUT, static_cast<long>(config_.timeout_s));
  curl_easy_setopt(c, CURLOPT_NOSIGNAL, 1L);
  curl_easy_setopt(c, CURLOPT_ERRORBUFFER, error);
  const CURLcode rc = curl_easy_perform(c);
  long status = 0;
  curl_easy_getinfo(c, CURLINFO_RESPONSE_CODE, &status);
  curl_easy_setopt(c, CURLOPT_ERRORBUFFER, nullptr);
  if (rc != CURLE_OK) {
    return {SendStatus::transient,
            "webhook: " + std::string(error[0] ? error : curl_easy_strerror(rc))};
  }
  if (status >= 200 && status < 300) return {SendStatus::accepted, ""};
  const std::string detail = "webhook: HTTP " + std::to_string(status);
  if (status == 408 || status == 429 || status >= 500) return {SendStatus::transient, detail};
  return {SendStatus::permanent, detail};
}

}  // namespace cw::notify
