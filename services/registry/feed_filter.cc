#include "services/registry/feed_filter.h"

#include <algorithm>

#include "absl/strings/ascii.h"
#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_split.h"
#include "common/status.h"
#include "services/registry/query_params.h"

namespace plenary::registry {
namespace {

bool Contains(const std::vector<std::string>& haystack, const std::string& needle) {
  return std::find(haystack.begin(), haystack.end(), needle) != haystack.end();
}

// The text a query is matched against, lower case.
std::string SearchableText(const v1::Entry& entry) {
  std::string text;
  if (entry.has_resolution()) {
    const v1::Resolution& resolution = entry.resolution();
    absl::StrAppend(&text, resolution.symbol(), "\n", resolution.title(), "\n");
    for (const v1::Paragraph& paragraph : resolution.paragraphs()) {
      absl::StrAppend(&text, paragraph.text(), "\n");
    }
  } else {
    const v1::Statement& statement = entry.statement();
    absl::StrAppend(&text, statement.headline(), "\n", statement.speaker(), "\n",
                    statement.text(), "\n");
    for (const v1::Quote& quote : statement.quotes()) absl::StrAppend(&text, quote.text(), "\n");
  }
  return absl::AsciiStrToLower(text);
}

}  // namespace

absl::StatusOr<FeedFilter> FeedFilter::FromRequest(const v1::SubscribeRequest& request) {
  FeedFilter filter;
  for (int i = 0; i < request.kinds_size(); ++i) {
    const auto kind = static_cast<v1::EntryKind>(request.kinds(i));
    if (kind != v1::ENTRY_KIND_RESOLUTION && kind != v1::ENTRY_KIND_STATEMENT) {
      return InvalidField(absl::StrCat("kinds[", i, "]"), "must be RESOLUTION or STATEMENT");
    }
    filter.kinds_.push_back(kind);
  }
  for (int i = 0; i < request.bodies_size(); ++i) {
    if (request.bodies(i).empty()) return InvalidField(absl::StrCat("bodies[", i, "]"), "empty");
    filter.bodies_.push_back(absl::AsciiStrToLower(request.bodies(i)));
  }
  for (int i = 0; i < request.references_size(); ++i) {
    const std::string& reference = request.references(i);
    if (reference.empty()) return InvalidField(absl::StrCat("references[", i, "]"), "empty");
    filter.references_.push_back(CanonicalReference(reference));
  }
  for (absl::string_view word : absl::StrSplit(request.query(), ' ', absl::SkipWhitespace())) {
    filter.words_.push_back(absl::AsciiStrToLower(word));
  }
  return filter;
}

bool FeedFilter::PassesEverything() const {
  return kinds_.empty() && bodies_.empty() && references_.empty() && words_.empty();
}

bool FeedFilter::Matches(const v1::Entry& entry) const {
  const v1::EntryKind kind =
      entry.has_resolution() ? v1::ENTRY_KIND_RESOLUTION : v1::ENTRY_KIND_STATEMENT;
  if (!kinds_.empty() && std::find(kinds_.begin(), kinds_.end(), kind) == kinds_.end()) {
    return false;
  }
  if (!bodies_.empty() &&
      (!entry.has_resolution() ||
       !Contains(bodies_, absl::AsciiStrToLower(entry.resolution().body())))) {
    return false;
  }
  if (!references_.empty()) {
    const auto& cited = entry.has_resolution() ? entry.resolution().references()
                                               : entry.statement().references();
    if (std::none_of(cited.begin(), cited.end(),
                     [this](const std::string& symbol) { return Contains(references_, symbol); })) {
      return false;
    }
  }
  if (!words_.empty()) {
    const std::string text = SearchableText(entry);
    for (const std::string& word : words_) {
      if (!absl::StrContains(text, word)) return false;
    }
  }
  return true;
}

}  // namespace plenary::registry
