"""German text bank for the development corpus (first written as held-out; rules were then corrected on it)."""

GREETINGS = [
    "Guten Tag Frau {last},",
    "Hallo {full},",
    "Liebe {name},",
    "Lieber {name},",
    "Sehr geehrte Bewerberin, sehr geehrter Bewerber,",
    "Moin {name},",
    "Hallo [Vorname],",
]
OPENERS = [
    "zunächst herzlichen Dank für Ihr Vertrauen und Ihr Interesse an einer Mitarbeit bei uns.",
    "wir haben uns sehr über Ihre Bewerbung gefreut.",
    "vielen Dank für die Zeit, die du dir für die Gespräche mit uns genommen hast.",
    "mit Interesse haben wir Ihre Unterlagen gelesen.",
    "",
]
CLOSINGS = [
    "Mit besten Grüßen",
    "Freundliche Grüße aus {city}",
    "Liebe Grüße",
    "Hochachtungsvoll",
    "Gruß",
]
SIGNERS = [
    "{recruiter}\nHR Business Partner",
    "Personalteam {company}",
    "{recruiter} im Namen des Teams",
    "{recruiter}\n{agency} Personalberatung",
]
SUBJECTS = {
    "rejection": [
        "Ihre Unterlagen",
        "Zwischenstand Ihrer Bewerbung",
        "{role} - Entscheidung",
        "Rückmeldung nach unserem Gespräch",
        "Stelle {req}",
    ],
    "interview_invite": [
        "Kennenlernen bei {company}",
        "Termin für Ihr Gespräch",
        "Zweite Runde - {role}",
    ],
    "application_received": ["Bestätigung: Bewerbung {req}", "Wir haben deine Bewerbung"],
    "offer": ["Angebot für Sie", "Unser Angebot: {role}"],
    "other": ["Jobempfehlungen", "Profil vervollständigen", "Neuigkeiten aus dem Team"],
}
CORES = {
    "rejection": [
        "Nach eingehender Prüfung Ihrer Unterlagen müssen wir Ihnen leider absagen.",
        "Wir haben uns nach langer Überlegung für eine andere Bewerberin entschieden.",
        "Leider passt Ihr Profil nicht genau zu den Anforderungen der Stelle.",
        "Wir können Ihre Bewerbung im weiteren Verfahren leider nicht berücksichtigen.",
        "Die Position konnte inzwischen besetzt werden.",
        "Leider hat es dieses Mal nicht geklappt.",
        "Wir haben entschieden, den Prozess mit dir nicht fortzusetzen.",
        "Bedauerlicherweise haben Sie es nicht in die nächste Runde geschafft.",
        "Nach dem zweiten Gespräch haben wir uns für einen Kandidaten mit mehr Erfahrung in {skill} entschieden.",
        "Wir müssen Ihnen leider mitteilen, dass die Stelle nicht mehr zu besetzen ist.",
        "Es tut uns leid, Ihnen keine bessere Nachricht geben zu können: Wir werden Ihnen kein Angebot machen.",
        "Ihre Erfahrungen decken sich leider nicht mit dem, was das Team aktuell braucht.",
        "Die Plätze in unserem Traineeprogramm sind bereits alle vergeben.",
        "Wir haben uns gegen eine Weiterführung Ihrer Bewerbung entschieden.",
        "Leider können wir Sie nicht zu einem Vorstellungsgespräch einladen.",
    ],
    "interview_invite": [
        "Wir würden Sie gerne persönlich kennenlernen. Passt Ihnen der {day} um 11 Uhr?",
        "Gerne laden wir dich zur zweiten Gesprächsrunde mit dem Team ein.",
        "Bitte buchen Sie sich über unseren Kalender einen Termin für ein Videogespräch.",
        "Wir müssen unser Gespräch leider auf den {day} verlegen, passt dir das?",
        "Als nächsten Schritt erhalten Sie von uns eine Fallstudie, die Sie im Gespräch vorstellen.",
    ],
    "application_received": [
        "Danke, Ihre Bewerbung ist angekommen und wird nun geprüft.",
        "Wir haben deine Unterlagen erhalten und sehen sie uns in Ruhe an.",
        "Ihre Bewerbung wurde in unserem System erfasst; Sie hören in Kürze von uns.",
        "Sobald wir Ihre Unterlagen gesichtet haben, melden wir uns bei Ihnen.",
    ],
    "offer": [
        "Wir möchten Ihnen die Stelle als {role} zu einem Jahresgehalt von {salary} anbieten.",
        "Wir freuen uns sehr, dir ein Angebot für die Position machen zu dürfen.",
        "Anbei finden Sie unseren Vertragsentwurf zur Unterschrift.",
        "Gerne bestätigen wir Ihnen hiermit unser Angebot vom Telefonat.",
    ],
    "other": [
        "Diese Jobs könnten Sie interessieren. Benachrichtigungen verwalten.",
        "Ihr Profil ist erst zur Hälfte ausgefüllt.",
        "Ich unterstütze ein Start-up bei der Suche nach Entwicklern. Hätten Sie Lust auf einen Austausch?",
        "Ihre Bewerbung wurde wie gewünscht zurückgezogen.",
        "Neuigkeiten aus dem Team: Sommerfest, neue Kollegen und offene Stellen.",
    ],
}
EXTRAS = {
    "rejection": ["Wir drücken Ihnen die Daumen für die weitere Suche.", "Bleiben Sie gesund!"],
    "interview_invite": [""],
    "application_received": [""],
    "offer": [""],
    "other": [""],
}
