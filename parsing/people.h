// People a text introduces by role and name ("Secretary-General Ban Ki-moon").
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace plenary::parsing {

struct Person {
  std::string name;    // "Ban Ki-moon"
  std::string role;    // "Secretary-General", in the UN's form (see CanonicalRole)
  size_t offset = 0;   // byte offset of the mention in the text searched
};

// Every mention of a role followed by a capitalized name ("Secretary-General
// Ban Ki-moon", "Russian Foreign Minister Sergey Lavrov"), in order of
// appearance. A name does not run across a line break. Returns an empty
// vector when there is none.
std::vector<Person> FindPeople(std::string_view text);

// The person a byline names: `line` opens with a role and a name and goes on
// with nothing, or only with a parenthesis or a comma ("Secretary-General Ban
// Ki-moon (right) with ..."). Returns std::nullopt for any other line.
std::optional<Person> BylinePerson(std::string_view line);

// An RE2 pattern, without capturing groups, matching one of the roles
// FindPeople knows ("Secretary-General", "Foreign Minister", ...).
std::string_view RolePattern();

// The UN's own form of a role a text writes another way ("General Assembly
// President" -> "President of the General Assembly"); other roles unchanged.
std::string CanonicalRole(std::string_view role);

}  // namespace plenary::parsing
