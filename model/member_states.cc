#include "model/member_states.h"

#include <array>
#include <cstdlib>
#include <fstream>
#include <utility>

#include "absl/status/status.h"
#include "absl/strings/ascii.h"
#include "absl/strings/str_cat.h"
#include "nlohmann/json.hpp"
#include "common/text.h"
#include "re2/re2.h"

namespace plenary {
namespace {

// The UN's names where they differ from the form derived from iso-codes
// (see CanonicalName): the UN writes these in natural order, not inverted.
constexpr auto kUnNames = std::to_array<std::pair<std::string_view, std::string_view>>({
    {"KOR", "Republic of Korea"},
    {"PRK", "Democratic People's Republic of Korea"},
    {"TZA", "United Republic of Tanzania"},
    {"MDA", "Republic of Moldova"},
    {"COD", "Democratic Republic of the Congo"},
    {"PSE", "State of Palestine"},
    {"VAT", "Holy See"},
});

// Names UN texts use that iso-codes does not list in any field: former short
// names still printed in older releases.
constexpr auto kOtherNames = std::to_array<std::pair<std::string_view, std::string_view>>({
    {"Russia", "RUS"},
    {"Cape Verde", "CPV"},
    {"Swaziland", "SWZ"},
    {"Turkey", "TUR"},
    {"The former Yugoslav Republic of Macedonia", "MKD"},
    {"Ivory Coast", "CIV"},
    {"Brunei", "BRN"},
    {"Federated States of Micronesia", "FSM"},
    {"Palestine", "PSE"},
});

// "Iran, Islamic Republic of" -> "Iran (Islamic Republic of)", as the UN
// writes it; other names unchanged.
std::string UnInverted(std::string_view name) {
  const size_t comma = name.find(", ");
  if (comma == std::string_view::npos) return std::string(name);
  return std::string(name.substr(0, comma)) + " (" + std::string(name.substr(comma + 2)) + ")";
}

// The name votes are recorded under: the official name where it only
// lengthens the short one ("United States of America"), the UN's inverted
// form of an inverted ISO name, or the UN's own name.
std::string CanonicalName(const std::string& alpha3, const std::string& name,
                          const std::string& official) {
  for (const auto& [code, un_name] : kUnNames) {
    if (code == alpha3) return std::string(un_name);
  }
  if (!official.empty() && official.size() > name.size() &&
      official.compare(0, name.size(), name) == 0 && official[name.size()] == ' ') {
    return official;
  }
  return UnInverted(name);
}

}  // namespace

std::string CountryKey(std::string_view name) {
  std::string text = CollapseWhitespace(name);
  std::string straight;
  straight.reserve(text.size());
  for (size_t i = 0; i < text.size(); ++i) {
    if (text.compare(i, 3, "\u2019") == 0 || text.compare(i, 3, "\u2018") == 0) {
      straight.push_back('\'');
      i += 2;
    } else if (text.compare(i, 3, "\u2011") == 0 || text.compare(i, 3, "\u2010") == 0) {
      straight.push_back('-');
      i += 2;
    } else {
      straight.push_back(text[i]);
    }
  }
  std::string key = AsciiLower(straight);
  if (key.compare(0, 4, "the ") == 0) key.erase(0, 4);
  return key;
}

absl::StatusOr<MemberStates> MemberStates::FromJson(std::string_view text) {
  if (text.size() > kMaxFileBytes) {
    return absl::InvalidArgumentError(
        absl::StrCat("ISO 3166-1 table is ", text.size(), " bytes, over the limit of ",
                     kMaxFileBytes));
  }
  const nlohmann::json root = nlohmann::json::parse(text, nullptr, /*allow_exceptions=*/false);
  if (root.is_discarded() || !root.is_object() || !root.contains("3166-1") ||
      !root["3166-1"].is_array()) {
    return absl::InvalidArgumentError(
        "not the iso-codes ISO 3166-1 table: expected an object with a \"3166-1\" array");
  }
  MemberStates states;
  auto field = [](const nlohmann::json& entry, const char* name) -> std::string {
    const auto it = entry.find(name);
    return it != entry.end() && it->is_string() ? it->get<std::string>() : std::string();
  };
  for (const nlohmann::json& entry : root["3166-1"]) {
    if (!entry.is_object()) continue;
    const std::string alpha3 = field(entry, "alpha_3");
    const std::string name = field(entry, "name");
    if (alpha3.size() != 3 || name.empty()) continue;
    const std::string official = field(entry, "official_name");
    const std::string common = field(entry, "common_name");
    const MemberState state{CanonicalName(alpha3, name, official), alpha3};
    states.by_code_.try_emplace(absl::AsciiStrToUpper(alpha3), state);
    for (const std::string& form : {name, official, common, UnInverted(name), state.name}) {
      if (!form.empty()) states.Add(form, state);
    }
  }
  if (states.by_key_.empty()) {
    return absl::InvalidArgumentError("the ISO 3166-1 table lists no country");
  }
  for (const auto& [form, alpha3] : kOtherNames) {
    std::optional<MemberState> found;
    for (const auto& [known, state] : states.forms_) {
      if (state.alpha3 == alpha3) {
        found = state;
        break;
      }
    }
    if (found) states.Add(std::string(form), *found);
  }
  return states;
}

void MemberStates::Add(const std::string& form, const MemberState& state) {
  // "the State of Palestine" (an official name) is written "State of
  // Palestine" after other words too ("the Observer State of Palestine").
  const std::string written = form.compare(0, 4, "the ") == 0 ? form.substr(4) : form;
  if (by_key_.try_emplace(CountryKey(written), state).second) forms_.emplace_back(written, state);
}

absl::StatusOr<MemberStates> MemberStates::Load(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return absl::NotFoundError(absl::StrCat("cannot open ISO 3166-1 table ", path));
  std::string content(kMaxFileBytes + 1, '\0');
  in.read(content.data(), static_cast<std::streamsize>(content.size()));
  content.resize(static_cast<size_t>(in.gcount()));
  absl::StatusOr<MemberStates> states = FromJson(content);
  if (!states.ok()) {
    return absl::Status(states.status().code(),
                        absl::StrCat(path, ": ", states.status().message()));
  }
  return states;
}

namespace {

struct DefaultTable {
  MemberStates states;
  std::string error;
};

const DefaultTable& LoadDefault() {
  static const DefaultTable* table = [] {
    auto* loaded = new DefaultTable;
    const char* override_path = std::getenv("PLENARY_ISO_3166_PATH");
    absl::StatusOr<MemberStates> states =
        MemberStates::Load(override_path != nullptr ? std::string(override_path)
                                                    : std::string(kIso3166Path));
    if (states.ok()) {
      loaded->states = *std::move(states);
    } else {
      loaded->error = std::string(states.status().message());
    }
    return loaded;
  }();
  return *table;
}

}  // namespace

const MemberStates& MemberStates::Default() { return LoadDefault().states; }
const std::string& MemberStates::DefaultLoadError() { return LoadDefault().error; }

std::optional<MemberState> MemberStates::Find(std::string_view name) const {
  const auto it = by_key_.find(CountryKey(name));
  if (it == by_key_.end()) return std::nullopt;
  return it->second;
}

std::optional<MemberState> MemberStates::FindByCode(std::string_view alpha3) const {
  const auto it = by_code_.find(absl::AsciiStrToUpper(std::string(alpha3)));
  if (it == by_code_.end()) return std::nullopt;
  return it->second;
}

}  // namespace plenary
