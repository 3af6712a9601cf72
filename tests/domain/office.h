#pragma once
// A small office as the tests know it: Team Verhuur (backed up by Team Wijk),
// the reception desk, and colleagues with Dutch, Turkish and Polish names.
#include "domain/directory.h"

namespace gastvrij::fixture {

inline WorkingHours weekdays(int from_h, int from_m, int to_h, int to_m, int days = 5) {
    WorkingHours h;
    for (int d = 0; d < days; ++d) h.days[static_cast<std::size_t>(d)] = std::pair{from_h * 60 + from_m, to_h * 60 + to_m};
    return h;
}

inline Staff person(std::string id, std::string first, std::string last, std::string team,
                    WorkingHours hours, std::string backup = "") {
    Staff s;
    s.id = std::move(id);
    s.first_name = std::move(first);
    s.last_name = std::move(last);
    s.team = std::move(team);
    s.hours = hours;
    s.backup = std::move(backup);
    return s;
}

inline Directory office() {
    Directory d;
    d.reception_team = "receptie";
    d.teams = {{"verhuur", "Team Verhuur", "wijk"}, {"wijk", "Team Wijk", ""}, {"receptie", "Receptie", ""}};

    Topic rent{"rent", "payments", RouteKind::Team, "verhuur", 5, ""};
    Topic appointment{"appointment", "event", RouteKind::ChoosePerson, "", 3, ""};
    Topic talk{"talk", "support_agent", RouteKind::Desk, "", 2, ""};
    Topic repair{"repair", "build", RouteKind::Team, "wijk", 4, ""};
    d.topics = {repair, rent, appointment, talk};

    Staff fatma = person("1042", "Fatma", "Yılmaz", "verhuur", weekdays(8, 30, 17, 0), "1043");
    fatma.email = "f.yilmaz@example.nl";
    fatma.webhook = "teams-verhuur";
    fatma.phone_page = true;
    Staff jan = person("1043", "Jan", "de Vries", "verhuur", weekdays(9, 0, 17, 0));
    jan.email = "j.devries@example.nl";
    Staff agnieszka = person("1044", "Agnieszka", "Śliwa", "verhuur", weekdays(9, 0, 17, 0, 4));  // not on Fridays
    Staff ahmed = person("2001", "Ahmed", "El Amrani", "wijk", weekdays(8, 0, 16, 0));
    Staff zeynep = person("2002", "Zeynep", "Öztürk", "wijk", weekdays(8, 0, 16, 0));
    Staff els = person("9001", "Els", "Brouwer", "receptie", weekdays(8, 0, 17, 0));
    els.show_on_kiosk = false;
    d.staff = {fatma, jan, agnieszka, ahmed, zeynep, els};
    return d;
}

}  // namespace gastvrij::fixture
