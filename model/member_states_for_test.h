// A small ISO 3166-1 table in iso-codes' JSON form, so that tests of the
// vote readers do not depend on the installed iso-codes package.
#pragma once

#include <string_view>

#include "gtest/gtest.h"
#include "model/member_states.h"

namespace plenary {

inline constexpr std::string_view kIso3166ForTest = R"json({"3166-1": [
  {"alpha_2": "AF", "alpha_3": "AFG", "name": "Afghanistan", "numeric": "004", "official_name": "Islamic Republic of Afghanistan"},
  {"alpha_2": "AL", "alpha_3": "ALB", "name": "Albania", "numeric": "008", "official_name": "Republic of Albania"},
  {"alpha_2": "DZ", "alpha_3": "DZA", "name": "Algeria", "numeric": "012", "official_name": "People's Democratic Republic of Algeria"},
  {"alpha_2": "AO", "alpha_3": "AGO", "name": "Angola", "numeric": "024", "official_name": "Republic of Angola"},
  {"alpha_2": "AU", "alpha_3": "AUS", "name": "Australia", "numeric": "036"},
  {"alpha_2": "BY", "alpha_3": "BLR", "name": "Belarus", "numeric": "112", "official_name": "Republic of Belarus"},
  {"alpha_2": "BO", "alpha_3": "BOL", "common_name": "Bolivia", "name": "Bolivia, Plurinational State of", "numeric": "068", "official_name": "Plurinational State of Bolivia"},
  {"alpha_2": "CA", "alpha_3": "CAN", "name": "Canada", "numeric": "124"},
  {"alpha_2": "CN", "alpha_3": "CHN", "name": "China", "numeric": "156", "official_name": "People's Republic of China"},
  {"alpha_2": "CD", "alpha_3": "COD", "name": "Congo, The Democratic Republic of the", "numeric": "180"},
  {"alpha_2": "CI", "alpha_3": "CIV", "name": "Côte d'Ivoire", "numeric": "384", "official_name": "Republic of Côte d'Ivoire"},
  {"alpha_2": "EC", "alpha_3": "ECU", "name": "Ecuador", "numeric": "218", "official_name": "Republic of Ecuador"},
  {"alpha_2": "EG", "alpha_3": "EGY", "name": "Egypt", "numeric": "818", "official_name": "Arab Republic of Egypt"},
  {"alpha_2": "FR", "alpha_3": "FRA", "name": "France", "numeric": "250", "official_name": "French Republic"},
  {"alpha_2": "FM", "alpha_3": "FSM", "name": "Micronesia, Federated States of", "numeric": "583", "official_name": "Federated States of Micronesia"},
  {"alpha_2": "GB", "alpha_3": "GBR", "name": "United Kingdom", "numeric": "826", "official_name": "United Kingdom of Great Britain and Northern Ireland"},
  {"alpha_2": "IR", "alpha_3": "IRN", "common_name": "Iran", "name": "Iran, Islamic Republic of", "numeric": "364", "official_name": "Islamic Republic of Iran"},
  {"alpha_2": "IL", "alpha_3": "ISR", "name": "Israel", "numeric": "376", "official_name": "State of Israel"},
  {"alpha_2": "JP", "alpha_3": "JPN", "name": "Japan", "numeric": "392"},
  {"alpha_2": "KP", "alpha_3": "PRK", "common_name": "North Korea", "name": "Korea, Democratic People's Republic of", "numeric": "408", "official_name": "Democratic People's Republic of Korea"},
  {"alpha_2": "KR", "alpha_3": "KOR", "common_name": "South Korea", "name": "Korea, Republic of", "numeric": "410"},
  {"alpha_2": "MY", "alpha_3": "MYS", "name": "Malaysia", "numeric": "458"},
  {"alpha_2": "ML", "alpha_3": "MLI", "name": "Mali", "numeric": "466", "official_name": "Republic of Mali"},
  {"alpha_2": "NR", "alpha_3": "NRU", "name": "Nauru", "numeric": "520", "official_name": "Republic of Nauru"},
  {"alpha_2": "NZ", "alpha_3": "NZL", "name": "New Zealand", "numeric": "554"},
  {"alpha_2": "RU", "alpha_3": "RUS", "name": "Russian Federation", "numeric": "643"},
  {"alpha_2": "SN", "alpha_3": "SEN", "name": "Senegal", "numeric": "686", "official_name": "Republic of Senegal"},
  {"alpha_2": "SS", "alpha_3": "SSD", "name": "South Sudan", "numeric": "728", "official_name": "Republic of South Sudan"},
  {"alpha_2": "SD", "alpha_3": "SDN", "name": "Sudan", "numeric": "729", "official_name": "Republic of the Sudan"},
  {"alpha_2": "ES", "alpha_3": "ESP", "name": "Spain", "numeric": "724", "official_name": "Kingdom of Spain"},
  {"alpha_2": "SY", "alpha_3": "SYR", "common_name": "Syria", "name": "Syrian Arab Republic", "numeric": "760"},
  {"alpha_2": "TR", "alpha_3": "TUR", "name": "Türkiye", "numeric": "792", "official_name": "Republic of Türkiye"},
  {"alpha_2": "UA", "alpha_3": "UKR", "name": "Ukraine", "numeric": "804"},
  {"alpha_2": "US", "alpha_3": "USA", "name": "United States", "numeric": "840", "official_name": "United States of America"},
  {"alpha_2": "UY", "alpha_3": "URY", "name": "Uruguay", "numeric": "858", "official_name": "Eastern Republic of Uruguay"},
  {"alpha_2": "VA", "alpha_3": "VAT", "name": "Holy See (Vatican City State)", "numeric": "336"},
  {"alpha_2": "VE", "alpha_3": "VEN", "common_name": "Venezuela", "name": "Venezuela, Bolivarian Republic of", "numeric": "862", "official_name": "Bolivarian Republic of Venezuela"},
  {"alpha_2": "VN", "alpha_3": "VNM", "common_name": "Vietnam", "name": "Viet Nam", "numeric": "704", "official_name": "Socialist Republic of Viet Nam"}
]})json";

// The table above; a test failure when it does not load.
inline const MemberStates& MemberStatesForTest() {
  static const MemberStates* states = [] {
    absl::StatusOr<MemberStates> loaded = MemberStates::FromJson(kIso3166ForTest);
    EXPECT_TRUE(loaded.ok()) << loaded.status();
    return new MemberStates(loaded.ok() ? *std::move(loaded) : MemberStates());
  }();
  return *states;
}

}  // namespace plenary
