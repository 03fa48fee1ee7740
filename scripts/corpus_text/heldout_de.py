"""German text bank for the final held-out corpus, written after rule tuning stopped."""

GREETINGS = [
    "Servus {name},",
    "Grüß Gott Frau {last},",
    "Sehr geehrter Herr Dr. {last},",
    "Hallo zusammen,",
    "Liebe Frau {last},",
    "Sehr geehrte/r <<Anrede>> {last},",
]
OPENERS = [
    "danke für Ihre Geduld während unseres Auswahlverfahrens.",
    "vielen Dank für Ihre Teilnahme an unserem Online-Assessment.",
    "entschuldigen Sie bitte die späte Rückmeldung.",
    "",
]
CLOSINGS = ["Beste Grüße", "Schöne Grüße", "Mit freundlichem Gruß", "Alles Gute"]
SIGNERS = ["{recruiter}\nRecruiting", "Team Talent Acquisition", "{recruiter}\n{agency}"]
SUBJECTS = {
    "rejection": [
        "Ihre Bewerbung - Update",
        "Ergebnis Ihres Gesprächs",
        "AW: {role}",
        "Bewerbung {req}",
    ],
    "interview_invite": ["Nächste Runde", "Terminabstimmung", "Einladung zum Kennenlernen"],
    "application_received": ["Bewerbung erhalten", "Eingang: {role}"],
    "offer": ["Zusage", "Ihr Angebot - {role}"],
    "other": ["Passende Jobs", "Ihr Konto", "Veranstaltungen"],
}
CORES = {
    "rejection": [
        "Wir haben uns entschieden, Ihre Bewerbung nicht weiterzuführen.",
        "Leider können wir Ihnen in diesem Fall keine Zusage erteilen.",
        "Die Stelle haben wir inzwischen mit einer anderen Person besetzt.",
        "Nach Abschluss der Gespräche müssen wir Ihnen leider eine Absage geben.",
        "Wir werden Sie nicht in die nächste Auswahlrunde einladen.",
        "Leider konnten Sie sich gegen die anderen Bewerber nicht durchsetzen.",
        "Die Ausschreibung wurde zurückgezogen, die Position wird nicht besetzt.",
        "Es tut uns leid, aber wir haben uns für eine interne Lösung entschieden.",
        "Ihr Profil passt leider nicht zu dem, was wir für diese Rolle benötigen.",
        "Nach reiflicher Abwägung fiel die Wahl auf einen anderen Kandidaten.",
        "Unser Ausbildungsprogramm ist für dieses Jahr leider komplett ausgebucht.",
        "Wir bedauern, Ihnen mitteilen zu müssen, dass Sie nicht ausgewählt wurden.",
        "Wir können Ihre Kandidatur leider nicht weiter berücksichtigen.",
        "Leider müssen wir dir mitteilen, dass es diesmal nicht gereicht hat.",
        "Wir haben beschlossen, den Auswahlprozess mit Ihnen nicht fortzuführen.",
    ],
    "interview_invite": [
        "Wir laden Sie gerne zu einem zweiten Gespräch am {day} ein.",
        "Hätten Sie nächste Woche Zeit für ein Videotelefonat mit der Teamleitung?",
        "Bitte nehmen Sie vor dem Gespräch an unserem Online-Assessment teil.",
        "Ihr Termin wurde auf {day} um 15 Uhr verschoben.",
    ],
    "application_received": [
        "Ihre Bewerbung ist bei uns eingegangen und wird geprüft.",
        "Wir bestätigen den Erhalt Ihrer Unterlagen.",
        "Wir melden uns innerhalb von zwei Wochen bei Ihnen.",
    ],
    "offer": [
        "Wir freuen uns, Ihnen eine Zusage für die Stelle als {role} geben zu können.",
        "Anbei erhalten Sie den Arbeitsvertrag zur Unterschrift.",
        "Wir möchten Ihnen die Position zu einem Gehalt von {salary} anbieten.",
    ],
    "other": [
        "Neue Stellen, die zu Ihrem Profil passen. Jobmails abbestellen.",
        "Ihr Passwort läuft in 7 Tagen ab.",
        "Besuchen Sie unseren Karriere-Abend am {day}.",
        "Ich bin Personalberater bei {agency} und hätte eine Position für Sie.",
    ],
}
EXTRAS = {
    "rejection": ["Alles Gute für Ihren weiteren Weg.", "Gerne können Sie sich erneut bewerben."],
    "interview_invite": [""],
    "application_received": [""],
    "offer": [""],
    "other": [""],
}
