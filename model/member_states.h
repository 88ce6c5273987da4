// Member States as UN texts name them, resolved to ISO 3166-1 (Debian's
// iso-codes data) so that every source agrees on one name and code.
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "absl/container/flat_hash_map.h"
#include "absl/status/statusor.h"
#include "model/records.h"

namespace plenary {

// Where iso-codes installs the ISO 3166-1 table.
inline constexpr std::string_view kIso3166Path = "/usr/share/iso-codes/json/iso_3166-1.json";

class MemberStates {
 public:
  // Larger files are refused: the real table is about 40 KB.
  static constexpr size_t kMaxFileBytes = 4 << 20;

  // Reads the iso-codes JSON at `path`. Returns NOT_FOUND when the file
  // cannot be opened, INVALID_ARGUMENT when it is over kMaxFileBytes or is not
  // the iso-codes ISO 3166-1 table.
  static absl::StatusOr<MemberStates> Load(const std::string& path);

  // Builds the table from iso-codes JSON text; errors as Load.
  static absl::StatusOr<MemberStates> FromJson(std::string_view json);

  // The table from $PLENARY_ISO_3166_PATH, else kIso3166Path, loaded once.
  // When it cannot be read the table is empty (every lookup fails) and
  // DefaultLoadError() says why.
  static const MemberStates& Default();
  static const std::string& DefaultLoadError();

  // The Member State `name` designates, whatever form a UN text gives it in:
  // the ISO name ("Iran, Islamic Republic of"), the official or common name
  // ("United States of America", "Iran"), the UN form ("Iran (Islamic
  // Republic of)"), a few UN short forms iso-codes lacks ("Republic of
  // Korea"), case, curly apostrophes, spacing and a leading "the" aside.
  // std::nullopt when none.
  std::optional<MemberState> Find(std::string_view name) const;

  // The Member State with this ISO 3166-1 alpha-3 code ("USA"), case aside;
  // std::nullopt when none.
  std::optional<MemberState> FindByCode(std::string_view alpha3) const;

  bool empty() const { return by_key_.empty(); }

  // Every name Find knows, as written (not folded), with its Member State;
  // for searching running text.
  const std::vector<std::pair<std::string, MemberState>>& Forms() const { return forms_; }

 private:
  void Add(const std::string& form, const MemberState& state);

  absl::flat_hash_map<std::string, MemberState> by_key_;
  absl::flat_hash_map<std::string, MemberState> by_code_;  // upper-case alpha-3
  std::vector<std::pair<std::string, MemberState>> forms_;
};

// The lookup key of a country name: apostrophes straightened, ASCII folded to
// lower case, whitespace collapsed, a leading "the " dropped.
std::string CountryKey(std::string_view name);

}  // namespace plenary
