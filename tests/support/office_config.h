#pragma once
// The test office as a whole configuration: the domain fixture's directory
// (tests/domain/office.h) with an office name, a public address and the Dutch
// topic labels — what the service and the companion tests run on.
#include <string>
#include <utility>
#include <vector>

#include "config/config.h"
#include "domain/office.h"

namespace gastvrij::test_support {

inline Config office_config() {
    Config c;
    c.directory = fixture::office();
    c.kiosk.office_name = "Kantoor Test";
    c.kiosk.public_url = "http://phones.example.test:8470";
    for (const auto& [id, label] : std::vector<std::pair<std::string, std::string>>{
             {"repair", "Reparatie"}, {"rent", "Huur en betalen"}, {"appointment", "Ik heb een afspraak"},
             {"talk", "Ik wil iemand spreken"}})
        c.texts.set("nl", "topic." + id, Text{label, label});
    return c;
}

}  // namespace gastvrij::test_support
