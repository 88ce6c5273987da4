#include "parsing/citations.h"

#include <string>
#include <vector>

#include "gmock/gmock.h"
#include "gtest/gtest.h"

namespace plenary::parsing {
namespace {

using ::testing::ElementsAre;
using ::testing::IsEmpty;

std::vector<std::string> Cited(const std::string& text, Organ organ = Organ::kGeneralAssembly) {
  return FindCitedResolutions(text, organ);
}

TEST(CitationsTest, CouncilListsWithDatesAndWraps) {
  EXPECT_THAT(Cited("Recalling its resolutions 1261 (1999) of 25 August 1999, 1265 (1999) of 17\n"
                    "September 1999, 1296 (2000) of 19 April 2000 and 1314 (2000) of 11 August "
                    "2000, as well as relevant statements of its President,",
                    Organ::kSecurityCouncil),
              ElementsAre("S/RES/1261 (1999)", "S/RES/1265 (1999)", "S/RES/1296 (2000)",
                          "S/RES/1314 (2000)"));
  EXPECT_THAT(Cited("Reaffirming resolution 660 ( 1990) and S/RES/2171(2014),",
                    Organ::kSecurityCouncil),
              ElementsAre("S/RES/660 (1990)", "S/RES/2171 (2014)"));
  EXPECT_THAT(Cited("in violation of Security Council resolution 478 (1980), and"),
              ElementsAre("S/RES/478 (1980)"));
}

TEST(CitationsTest, AssemblyFormsAndLetteredParts) {
  EXPECT_THAT(Cited("Recalling its resolutions 2453 A (XXIII) of 20 December 1968, 37/90 of\n"
                    "10 December 1982 and 3201 (S-VI) of 1 May 1974, and resolution ES-11/1,"),
              ElementsAre("A/RES/2453(XXIII)[A]", "A/RES/37/90", "A/RES/3201(S-VI)",
                          "A/RES/ES-11/1"));
  EXPECT_THAT(Cited("Recalling its resolution 3-057 (XXVIII) of 2 November 1973,"),
              ElementsAre("A/RES/3057(XXVIII)"));
}

TEST(CitationsTest, TheOrganComesFromTheWordsBefore) {
  EXPECT_THAT(Cited("the General Assembly in its resolution 293 (IV) of 21 October 1949",
                    Organ::kSecurityCouncil),
              ElementsAre("A/RES/293(IV)"));
  EXPECT_THAT(Cited("Bearing in mind its resolutions 1986/11 of 21 May 1986 and General Assembly "
                    "resolution 42/59 of 30 November 1987, and Economic and Social Council "
                    "resolution 1768 (LIV),",
                    Organ::kEconomicAndSocialCouncil),
              ElementsAre("E/RES/1986/11", "A/RES/42/59", "E/RES/1768(LIV)"));
}

TEST(CitationsTest, OtherBodiesAndOtherDocumentsAreNotResolutions) {
  EXPECT_THAT(Cited("Recalling also Human Rights Council resolution 48/13 of 8 October 2021, "
                    "including resolutions 44/7 of 16 July 2020 and 45/17,"),
              IsEmpty());
  EXPECT_THAT(Cited("See FCCC/CP/2015/10/Add.1, decision 1/CP.21, annex."), IsEmpty());
  EXPECT_THAT(Cited("A/56/1026-S/2002/932, annex II, resolution 14/221."), IsEmpty());
  EXPECT_THAT(Cited("Taking note also of resolution 77 (XII) adopted by the Assembly of Heads of "
                    "State and Government of the Organization of African Unity,"),
              IsEmpty());
  EXPECT_THAT(Cited("the draft resolution (A/73/L.80), the statement S/PRST/2013/2 and the "
                    "record S/PV.2939; see page 2/5"),
              IsEmpty());
}

TEST(CitationsTest, CanonicalNumbers) {
  EXPECT_EQ(CanonicalResolutionNumber("64/222", Organ::kUnknown), "A/RES/64/222");
  EXPECT_EQ(CanonicalResolutionNumber("1990/19", Organ::kUnknown), "E/RES/1990/19");
  EXPECT_EQ(CanonicalResolutionNumber("1973/1768(LIV)", Organ::kUnknown), "E/RES/1768(LIV)");
  EXPECT_EQ(CanonicalResolutionNumber("E/RES/1973/1768(LIV)", Organ::kUnknown), "E/RES/1768(LIV)");
  EXPECT_EQ(CanonicalResolutionNumber("3379 (XXX)", Organ::kUnknown), "A/RES/3379(XXX)");
  EXPECT_EQ(CanonicalResolutionNumber("82 (1950)", Organ::kUnknown), "S/RES/82 (1950)");
  EXPECT_EQ(CanonicalResolutionNumber("77 (XII)", Organ::kUnknown), "");  // not the Assembly's
  EXPECT_EQ(CanonicalResolutionNumber("12 (1066)", Organ::kUnknown), "");
}

}  // namespace
}  // namespace plenary::parsing

namespace plenary::parsing {
namespace {

TEST(CitationsTest, WorkIsBoundedInAParagraph) {
  std::string text = "Recalling its resolutions ";
  for (int i = 0; i < 20000; ++i) text += std::to_string(1000 + i % 999) + " (2001), ";
  EXPECT_LE(FindCitedResolutions(text, Organ::kSecurityCouncil).size(), 300u);
}

}  // namespace
}  // namespace plenary::parsing
