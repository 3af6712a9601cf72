#include "desk/words.h"

#include <cstdio>

namespace gastvrij::desk {

const char* promise_words(PromiseState p) {
    switch (p) {
    case PromiseState::OnTime: return "op tijd";
    case PromiseState::AtRisk: return "bijna te laat";
    case PromiseState::Broken: return "te laat";
    case PromiseState::Kept: return "geholpen";
    }
    return "op tijd";
}

std::string visit_stand(const VisitView& v, const std::string& promised_hhmm) {
    switch (v.visit.state) {
    case VisitState::Arrived:
    case VisitState::HostNotified: return "wacht op antwoord";
    case VisitState::Escalated: return "doorgestuurd: geen antwoord";
    case VisitState::Reassigned: return "doorgestuurd door balie";
    case VisitState::Acknowledged:
        return promised_hhmm.empty() ? std::string("komt eraan") : "komt eraan, om " + promised_hhmm;
    case VisitState::InConversation: return "in gesprek";
    case VisitState::Finished: return "afgerond";
    case VisitState::Cancelled: return "geannuleerd";
    case VisitState::Left: return "weggegaan";
    }
    return "";
}

std::string visitor_label(const VisitView& v) {
    return v.visit.visitor_name.empty() ? std::string("bezoeker") : v.visit.visitor_name;
}

const char* presence_words(Presence p) {
    switch (p) {
    case Presence::In: return "binnen";
    case Presence::Out: return "buiten";
    case Presence::Lunch: return "lunch";
    case Presence::Unknown: return "volgens rooster";
    }
    return "volgens rooster";
}

const char* notification_words(NotificationKind k) {
    switch (k) {
    case NotificationKind::VisitorArrived: return "bezoeker is er";
    case NotificationKind::VisitEscalated: return "doorgestuurd";
    case NotificationKind::VisitReassigned: return "andere collega";
    case NotificationKind::PromiseBroken: return "belofte verbroken";
    }
    return "";
}

namespace {

std::string field_words(const std::string& field) {
    if (field == "topic") return "Kies een onderwerp uit de lijst.";
    if (field == "host") return "Die collega staat niet (meer) in de lijst van collega's.";
    if (field == "name") return "De voornaam is te lang (hoogstens 60 tekens).";
    if (field == "minutes") return "Kies tussen 1 en 120 minuten.";
    if (field == "staff_id") return "Alleen collega's met een telefoonpagina (staff.csv: phone_page) kunnen een telefoon koppelen.";
    if (field == "presence") return "Kies binnen, buiten, lunch of volgens rooster.";
    if (field == "code") return "Die koppelcode kent de service niet; kijk de code na.";
    return "";
}

}  // namespace

std::string error_words(const std::string& doing, const ServiceError& e) {
    std::string why;
    switch (e.status) {
    case 0:
        if (e.field == "certificate") {
            const bool pinned = std::string(e.what()).find("another certificate") != std::string::npos;
            why = pinned ? "de service liet een ander certificaat zien dan bij het koppelen. Er is niets verstuurd. Is het "
                           "certificaat vervangen, koppel deze balie dan opnieuw met een nieuwe koppellink; zo niet, "
                           "waarschuw dan ICT: iemand kan tussen balie en service zitten."
                         : "deze pc vertrouwt het certificaat van de service niet. Koppel met de hele koppellink "
                           "(https://…/desk#pair=…&fp=…): die bevat de vingerafdruk van het certificaat.";
            break;
        }
        why = "de service is niet bereikbaar (netwerk of service uit). Er is niets veranderd; probeer het opnieuw "
              "zodra de verbinding terug is.";
        break;
    case 400:
        why = field_words(e.field);
        if (why.empty()) why = std::string("de service weigerde het verzoek (") + e.what() + ").";
        break;
    case 401:
        why = e.field == "code" ? field_words("code")
                                : "deze balie is niet (meer) gekoppeld. Koppel opnieuw met een nieuwe code.";
        break;
    case 403: why = "dat mag dit apparaat niet; alleen een gekoppelde balie kan dit."; break;
    case 404: why = "dit bezoek of bericht bestaat niet meer. Het bord is bijgewerkt."; break;
    case 409:
        why = "het bezoek is intussen veranderd (een collega of de service was u voor). Het bord is bijgewerkt; "
              "kijk opnieuw en probeer het zo nodig nog eens.";
        break;
    case 410: why = "deze koppelcode is verlopen of al gebruikt. Vraag een nieuwe code."; break;
    case 429: why = "te veel verzoeken achter elkaar. Wacht een paar seconden en probeer het opnieuw."; break;
    case 503:
        why = "de service kan het nu niet opslaan (tijdelijke storing). Er is niets veranderd; probeer het zo "
              "opnieuw.";
        break;
    default: why = "er ging iets mis (HTTP " + std::to_string(e.status) + "): " + e.what(); break;
    }
    return doing + " lukte niet: " + why;
}

std::string add_minutes(const std::string& hhmm, int minutes) {
    int h = 0, m = 0;
    if (std::sscanf(hhmm.c_str(), "%d:%d", &h, &m) != 2 || h < 0 || h > 23 || m < 0 || m > 59) return "";
    int total = ((h * 60 + m + minutes) % 1440 + 1440) % 1440;
    char buf[8];
    std::snprintf(buf, sizeof buf, "%02d:%02d", total / 60, total % 60);
    return buf;
}

}  // namespace gastvrij::desk
