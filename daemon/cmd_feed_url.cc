// courtwatch feed-url VOLUNTEER_ID | --site CODE | --open  [--rotate]
// courtwatch volunteer-url VOLUNTEER_ID [--rotate]
//
// Prints the calendar subscription URLs of one feed (DESIGN.md §6): the
// https:// (or http://) URL and the same as webcal://, built on
// server.public_url (fallback: http://<listen address>). Tokens are derived
// from a server secret (store/token_repo.h), so running it again prints the
// same URLs; --rotate revokes the old token (its URL answers 404 at once)
// and prints new ones. For a volunteer it also makes sure the volunteer has
// a self-service link token, which the feed's events point to.
//
// volunteer-url prints the volunteer's self-service page, {public_url}/v/{token}
// (DESIGN.md §8), with a token of its own purpose (volunteer-link); --rotate
// revokes the old page link. It also makes sure the volunteer has a feed
// token, because the page shows the calendar subscription and a GET of the
// page may not write one.
#include <cstdio>

#include "core/text.h"
#include "daemon/commands.h"
#include "store/repos.h"
#include "store/token_repo.h"

namespace cw::daemon {
namespace {

struct FeedUrlArgs {
  std::string volunteer;
  std::string site;
  bool open = false;
  bool rotate = false;
};

std::string webcal(const std::string& url) { return "webcal://" + url.substr(url.find("://") + 3); }

Result<store::TokenSecret> load_secret(const AppContext& ctx) {
  const std::string db_path = ctx.db_path.empty() ? ctx.config.database_path : ctx.db_path;
  return store::TokenSecret::load_or_create(store::TokenSecret::path_for(db_path));
}

Result<void> feed_url(AppContext& ctx, const FeedUrlArgs& args) {
  if (static_cast<int>(!args.volunteer.empty()) + static_cast<int>(!args.site.empty()) +
          static_cast<int>(args.open) !=
      1) {
    return fail(Error::invalid("give exactly one of VOLUNTEER_ID, --site CODE or --open"));
  }
  auto db = CW_TRY(ctx.open_db());
  const auto secret = CW_TRY(load_secret(ctx));
  const auto rotation = args.rotate ? store::Rotation::rotate : store::Rotation::keep;
  const Instant now = ctx.clock->now();
  store::TokenRepo tokens(*db);
  std::string path;
  if (!args.volunteer.empty()) {
    const auto v = CW_TRY(store::VolunteerRepo(*db).find_by_handle(args.volunteer));
    if (!v) return fail(Error::not_found("no volunteer with id '" + args.volunteer + "'"));
    const std::string subject = std::to_string(v->id);
    const auto token =
        CW_TRY(tokens.issue(secret, store::TokenPurpose::feed_volunteer, subject, rotation, now));
    CW_TRY(tokens.issue(secret, store::TokenPurpose::volunteer_link, subject, store::Rotation::keep,
                        now));
    path = "/feeds/v/" + token + ".ics";
  } else if (!args.site.empty()) {
    const std::string code = upper_ascii(args.site);
    if (!CW_TRY(store::SiteRepo(*db).find(code))) {
      return fail(Error::not_found("no site with code '" + code + "' (see sites.csv)"));
    }
    const auto token =
        CW_TRY(tokens.issue(secret, store::TokenPurpose::feed_site, code, rotation, now));
    path = "/feeds/site/" + code + "/" + token + ".ics";
  } else {
    const auto token =
        CW_TRY(tokens.issue(secret, store::TokenPurpose::feed_open, "", rotation, now));
    path = "/feeds/open/" + token + ".ics";
  }
  const std::string url = public_base_url(ctx.config) + path;
  std::printf("%s\n%s\n", url.c_str(), webcal(url).c_str());
  return {};
}

struct VolunteerUrlArgs {
  std::string volunteer;
  bool rotate = false;
};

Result<void> volunteer_url(AppContext& ctx, const VolunteerUrlArgs& args) {
  auto db = CW_TRY(ctx.open_db());
  const auto secret = CW_TRY(load_secret(ctx));
  const auto v = CW_TRY(store::VolunteerRepo(*db).find_by_handle(args.volunteer));
  if (!v) return fail(Error::not_found("no volunteer with id '" + args.volunteer + "'"));
  const std::string subject = std::to_string(v->id);
  const Instant now = ctx.clock->now();
  store::TokenRepo tokens(*db);
  const auto token =
      CW_TRY(tokens.issue(secret, store::TokenPurpose::volunteer_link, subject,
                          args.rotate ? store::Rotation::rotate : store::Rotation::keep, now));
  CW_TRY(tokens.issue(secret, store::TokenPurpose::feed_volunteer, subject, store::Rotation::keep,
                      now));
  std::printf("%s/v/%s\n", public_base_url(ctx.config).c_str(), token.c_str());
  return {};
}

}  // namespace

void register_volunteer_url(CLI::App& app, AppContext& ctx) {
  auto args = std::make_shared<VolunteerUrlArgs>();
  auto* cmd = app.add_subcommand(
      "volunteer-url",
      "Print (or with --rotate, replace) the link to a volunteer's self-service page");
  cmd->add_option("VOLUNTEER_ID", args->volunteer, "The volunteer's id from the CSV (e.g. v0001)")
      ->required();
  cmd->add_flag("--rotate", args->rotate, "Revoke the current link and print a new one");
  set_action(cmd, ctx, [&ctx, args]() { return volunteer_url(ctx, *args); });
}

void register_feed_url(CLI::App& app, AppContext& ctx) {
  auto args = std::make_shared<FeedUrlArgs>();
  auto* cmd = app.add_subcommand(
      "feed-url",
      "Print (or with --rotate, replace) the calendar feed URLs of a volunteer, a "
      "site or the open sessions");
  cmd->add_option("VOLUNTEER_ID", args->volunteer, "The volunteer's id from the CSV (e.g. v0001)");
  cmd->add_option("--site", args->site, "A site's feed: every session there, with coverage");
  cmd->add_flag("--open", args->open, "The feed of open sessions that still need people");
  cmd->add_flag("--rotate", args->rotate, "Revoke the current URL and print a new one");
  set_action(cmd, ctx, [&ctx, args]() { return feed_url(ctx, *args); });
}

}  // namespace cw::daemon
