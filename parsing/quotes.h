// Quoted passages of a story and who said them.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "model/records.h"
#include "parsing/people.h"

namespace plenary::parsing {

// The passages of three words or more that `paragraphs` quote between double
// quotation marks, straight or curly, in order and each once. A passage left
// open runs to the end of its paragraph, as news style continues quotes
// across paragraphs; a closing mark with no opening one before it in its
// paragraph closes a passage that lost its opening mark and starts the
// paragraph. Each passage's speaker comes from its attribution ("he
// said", "said Mr. Ban", "the Secretary-General said", "Mr. Annan called
// for"), resolved against `people` (FindPeople over the story); "he" and
// "she" mean `main_speaker`. A passage the text attributes to no one has an
// empty speaker. Never fails.
std::vector<Quote> ExtractQuotes(const std::vector<std::string>& paragraphs,
                                 const std::vector<Person>& people,
                                 const std::optional<Person>& main_speaker);

}  // namespace plenary::parsing
