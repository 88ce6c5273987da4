// A news story or web page reduced to its parts, and the statement a reader
// takes from it: who spoke, when, where, what they were quoted as saying.
// Shared by the plain-text/Markdown and HTML parsers.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "model/records.h"

namespace plenary::parsing {

struct StoryText {
  std::string headline;                 // empty when the source has none
  std::vector<std::string> paragraphs;  // body in order, chrome removed; lines split by '\n'
  PartialDate date;                     // from markup such as <time datetime>, if any
};

// The statement `story` makes. Speaker and role come from the first person
// it quotes who is introduced by role and name, else from the first person
// introduced by role and name (a byline, a caption, the first sentence); the
// date from `story.date`, else a dateline ("21 December 2009 – ...") or a
// date line standing alone among the first paragraphs, never from dates in
// running text; places from the gazetteer and the dateline; references by
// symbol or well-known name. Returns std::nullopt when the story has no
// headline, or names no speaker and quotes no one: there is no statement to
// record.
std::optional<Statement> ReadStatement(const StoryText& story);

}  // namespace plenary::parsing
