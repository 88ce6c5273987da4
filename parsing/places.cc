#include "parsing/places.h"

#include <algorithm>
#include <array>
#include <cctype>

#include "common/text.h"
#include "model/symbol.h"

namespace plenary::parsing {
namespace {

// Cities where the UN meets, works and is reported from.
constexpr auto kCities = std::to_array<std::string_view>({
    "Abidjan", "Abu Dhabi", "Abuja", "Accra", "Addis Ababa", "Amman", "Ankara", "Baghdad",
    "Bamako", "Bangkok", "Beijing", "Beirut", "Berlin", "Bogotá", "Bonn", "Brasília",
    "Brussels", "Buenos Aires", "Cairo", "Copenhagen", "Dakar", "Damascus", "Dhaka", "Doha",
    "Dubai", "Geneva", "Goma", "Havana", "Islamabad", "Istanbul", "Jakarta", "Jerusalem",
    "Johannesburg", "Juba", "Kabul", "Kathmandu", "Khartoum", "Kinshasa", "Kyiv", "Lima",
    "London", "Madrid", "Manila", "Mexico City", "Mogadishu", "Montreal", "Moscow", "Nairobi",
    "New Delhi", "New York", "Paris", "Port-au-Prince", "Pretoria", "Rio de Janeiro", "Riyadh",
    "Rome", "Santiago", "Seoul", "Tehran", "The Hague", "Tokyo", "Tripoli", "Vienna",
    "Washington",
});

bool IsWordByte(char c) {
  return std::isalnum(static_cast<unsigned char>(c)) || (static_cast<unsigned char>(c) & 0x80);
}

// `text` with well-known resolution names blanked out, offsets unchanged.
std::string WithoutResolutionNames(std::string_view text) {
  std::string masked(text);
  for (const SymbolMention& mention : FindNameMentions(text)) {
    std::fill_n(masked.begin() + static_cast<std::ptrdiff_t>(mention.offset),
                mention.as_written.size(), ' ');
  }
  return masked;
}

}  // namespace

std::vector<std::string> FindPlaces(std::string_view text) {
  const std::string searched = WithoutResolutionNames(text);
  std::vector<std::pair<size_t, std::string_view>> found;
  for (std::string_view city : kCities) {
    for (size_t at = searched.find(city); at != std::string::npos;
         at = searched.find(city, at + 1)) {
      const size_t end = at + city.size();
      if ((at > 0 && IsWordByte(searched[at - 1])) ||
          (end < searched.size() && IsWordByte(searched[end]))) {
        continue;
      }
      found.emplace_back(at, city);
      break;
    }
  }
  std::sort(found.begin(), found.end());
  std::vector<std::string> places;
  for (const auto& [offset, city] : found) places.emplace_back(city);
  return places;
}

std::optional<std::string> KnownPlace(std::string_view name) {
  const std::string key = AsciiLower(CollapseWhitespace(name));
  for (std::string_view city : kCities) {
    if (AsciiLower(city) == key) return std::string(city);
  }
  return std::nullopt;
}

}  // namespace plenary::parsing
