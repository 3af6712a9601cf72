// The strings every texts/<lang>.toml must define. The kiosk reads only these
// keys (plus topic.<id> for each topic), so `validate` can promise that no
// screen shows a raw key in any language. Placeholders in braces are filled
// at run time; {name} (the visitor's own name) never appears in a `say`.
#include "config/config.h"

namespace gastvrij {

const std::vector<std::string>& required_text_keys() {
    static const std::vector<std::string> keys = {
        "language.name",          // this language in its own script: "Nederlands", "العربية"
        "welcome.morning", "welcome.afternoon", "welcome.evening",
        "welcome.question",       // "Waarmee kunnen we u helpen?"
        "welcome.start",          // big button: "Hier beginnen"
        "welcome.touch",          // "Raak het scherm aan om te beginnen"
        "welcome.survey",         // "Gaat u weg? Vertel ons hoe het ging"
        "welcome.language",       // "Taal" (label above the language buttons)
        "welcome.closed",         // "We zijn nu gesloten"
        "welcome.closing_soon",   // "We sluiten over {minutes} minuten"
        "hours.today",            // "Vandaag: {hours}"
        "hours.tomorrow",         // "Morgen: {hours}"
        "hours.closed_day",       // "gesloten"
        "settings.large_text", "settings.contrast", "settings.read_aloud",
        "nav.back", "nav.home", "nav.talk", "nav.speak", "nav.stop_speaking",
        "nav.to_desk",            // nobody free: "Loop naar de balie. Vandaag open: {hours}"
        "topic.question",         // "Waar gaat uw bezoek over?"
        "appointment.question",   // "Met wie heeft u een afspraak?"
        "appointment.hint",       // "Typ een paar letters van de naam"
        "appointment.none",       // "Niemand gevonden. Probeer andere letters."
        "appointment.up", "appointment.down", "appointment.clear",
        "name.question",          // "Hoe mogen we u noemen?"
        "name.hint",              // "Uw voornaam is genoeg. Overslaan mag ook."
        "name.skip", "name.done", "name.too_long",
        "keyboard.space", "keyboard.backspace", "keyboard.shift", "keyboard.more_letters", "keyboard.abc",
        "confirm.wait",           // "Een moment…" while the office's service keeps the check-in
        "confirm.coming",         // "{host} van {team} komt u halen."
        "confirm.coming_name",    // "{name}, {host} van {team} komt u halen."
        "confirm.desk",           // "Een collega van de balie komt u helpen."
        "confirm.seat",           // "Neemt u alstublieft plaats."
        "confirm.notified",       // "{host} heeft uw bericht gekregen."
        "confirm.on_the_way",     // "{host} komt eraan. Nog ongeveer {minutes} minuten."
        "confirm.instead",        // "{host} komt u nu helpen."
        "confirm.started",        // "Uw gesprek is begonnen."
        "confirm.done",           // button: "Klaar"
        "unavailable.nobody",     // "Er is nu niemand vrij voor u."
        "unavailable.closed",     // "We zijn nu gesloten."
        "unavailable.callback",   // button: "Bel mij terug"
        "unavailable.callback_hint", // "Laat uw telefoonnummer achter. Wij bellen u."
        "unavailable.hours",      // "Openingstijden"
        "unavailable.website",    // "Kijk ook op onze website"
        "unavailable.desk",       // "Loop naar de balie. Wij helpen u graag."
        // Callback request (journey 4): phone number, preferred part of the day.
        "callback.phone_question",   // "Op welk nummer kunnen we u bellen?"
        "callback.phone_hint",       // "We gebruiken uw nummer alleen om u terug te bellen."
        "callback.phone_invalid",    // "Dit nummer klopt niet. Kijk het nog eens na."
        "callback.when_question",    // "Wanneer mogen we u bellen?"
        "callback.morning", "callback.afternoon", "callback.anytime",  // "In de ochtend" …
        "callback.send",             // "Versturen"
        "callback.thanks",           // "Dank u wel. We bellen u binnen {hours} uur."
        // Exit survey (journey 5): who helped, a 1–10 mark or five faces, one go.
        "survey.question",        // "Hoe was uw bezoek?"
        "survey.who",             // "Wie heeft u geholpen?"
        "survey.who_hint",        // "Tik op de foto. Overslaan mag ook."
        "survey.skip",            // "Overslaan"
        "survey.score",           // "Welk cijfer geeft u ons?"
        "survey.score_hint",      // "1 is heel slecht. 10 is heel goed."
        "survey.face_1", "survey.face_2", "survey.face_3", "survey.face_4", "survey.face_5",  // "Heel slecht" … "Heel goed"
        "survey.one_go",          // "Is alles in één keer geregeld?"
        "survey.yes", "survey.no",
        "survey.thanks",          // "Dank u wel! Tot ziens."
        "survey.anonymous",       // "Uw antwoord is anoniem."
        "survey.comment",         // button: "Iets zeggen"
        "survey.comment_question",  // "Wat wilt u ons nog zeggen?"
        "survey.send",            // "Versturen"
        // The same survey on the visitor's phone (service page /survey) and
        // the QR caption on the confirmation screen that leads there.
        "survey.phone_qr",        // "Straks: vertel op uw telefoon hoe het ging."
        "survey.phone_pick_score",  // "Kies eerst hoe het was."
        "survey.phone_optional",  // "Dit mag u overslaan."
        "survey.phone_used",      // "U heeft al geantwoord. Dank u wel!"
        "survey.phone_expired",   // "Deze link werkt niet meer. Toch bedankt!"
        "survey.phone_invalid",   // "Deze link werkt niet."
        "survey.phone_off",       // "Deze vragenlijst is nu niet open."
        "info.more",              // QR caption: "Meer over {topic} op uw telefoon"
        "error.store",            // "Aanmelden lukt nu niet."
        "error.store_hint",       // "Loop alstublieft naar de balie."
        "timeout.question",       // "Bent u er nog?"
        "timeout.countdown",      // "Over {seconds} seconden beginnen we opnieuw."
        "timeout.more",           // "Ja, ik wil meer tijd"
        "admin.pin",              // "Pincode beheer"
        "admin.wrong_pin",        // "Verkeerde pincode."
        "admin.locked",           // "Te vaak fout. Probeer het over {seconds} seconden."
        "admin.title", "admin.reload", "admin.reloaded", "admin.quit", "admin.close",
        "admin.store", "admin.channels", "admin.ok", "admin.config_errors",
        "admin.pair",             // "Scherm koppelen" (pair a companion screen)
        "day.0", "day.1", "day.2", "day.3", "day.4", "day.5", "day.6",  // "maandag" …
    };
    return keys;
}

const std::vector<std::string>& staff_text_keys() {
    static const std::vector<std::string> keys = {
        "notify.arrived", "notify.arrived_anonymous", "notify.escalated", "notify.escalated_anonymous",
        "notify.reassigned", "notify.reassigned_anonymous", "notify.promise_broken", "notify.promise_broken_anonymous",
        "notify.greeting", "notify.greeting_desk", "notify.visitor", "notify.visitor_unnamed", "notify.topic",
        "notify.team", "notify.waiting_since", "notify.waiting_value", "notify.for", "notify.desk", "notify.respond",
        "notify.respond_link", "notify.footer",
    };
    return keys;
}

}  // namespace gastvrij
