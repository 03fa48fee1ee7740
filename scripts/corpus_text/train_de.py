"""German text bank for the training corpus."""

GREETINGS = [
    "Sehr geehrte Frau {last},",
    "Sehr geehrter Herr {last},",
    "Hallo {name},",
    "Liebe/r {name},",
    "Sehr geehrte Damen und Herren,",
    "Guten Tag {full},",
    "Sehr geehrte/r {{Nachname}},",
    "Hi {name},",
]
OPENERS = [
    "vielen Dank für Ihre Bewerbung als {role} bei der {company}.",
    "herzlichen Dank für Ihr Interesse an unserem Unternehmen und die Zeit, die Sie in Ihre Bewerbung investiert haben.",
    "vielen Dank für das angenehme Gespräch in der vergangenen Woche.",
    "danke für deine Bewerbung und dein Interesse an {company}.",
    "wir bedanken uns für Ihre Bewerbung auf die Stelle {role} (Kennziffer {req}).",
    "",
]
CLOSINGS = [
    "Mit freundlichen Grüßen",
    "Freundliche Grüße",
    "Viele Grüße",
    "Beste Grüße",
    "Herzliche Grüße",
]
SIGNERS = [
    "Ihr Recruiting-Team der {company}",
    "{recruiter}\nPersonalabteilung, {company}",
    "{recruiter}\nTalent Acquisition | {company}",
    "Das {company} Team",
    "{recruiter}",
]
SUBJECTS = {
    "rejection": [
        "Ihre Bewerbung bei {company}",
        "Ihre Bewerbung als {role}",
        "Rückmeldung zu Ihrer Bewerbung",
        "Absage: {role}",
        "Ihre Bewerbung ({req})",
        "Deine Bewerbung bei {company}",
    ],
    "interview_invite": [
        "Einladung zum Vorstellungsgespräch",
        "Ihre Bewerbung: nächste Schritte",
        "Terminvorschlag für ein Gespräch",
        "Einladung: {role}",
        "Online-Test für {role}",
    ],
    "application_received": [
        "Eingangsbestätigung Ihrer Bewerbung",
        "Ihre Bewerbung ist eingegangen",
        "Bewerbung als {role}",
        "Vielen Dank für Ihre Bewerbung",
    ],
    "offer": [
        "Ihr Vertragsangebot",
        "Angebot: {role}",
        "Gute Nachrichten von {company}",
        "Ihr Arbeitsvertrag",
    ],
    "other": [
        "Neue Jobs für Sie",
        "Newsletter {month}",
        "Bestätigen Sie Ihre E-Mail-Adresse",
        "Spannende Position bei meinem Kunden",
        "Ihr erster Arbeitstag",
        "Einladung zum Karriereevent",
    ],
}
CORES = {
    "rejection": [
        "Leider müssen wir Ihnen mitteilen, dass wir uns für andere Bewerber entschieden haben.",
        "Nach sorgfältiger Prüfung haben wir uns gegen Ihre Bewerbung entschieden.",
        "Wir bedauern, Ihnen mitteilen zu müssen, dass wir Ihre Bewerbung nicht weiter berücksichtigen können.",
        "Die Stelle wurde bereits anderweitig besetzt.",
        "Leider können wir Ihnen keine positive Rückmeldung geben.",
        "Nach reiflicher Überlegung haben wir uns für einen Kandidaten entschieden, dessen Profil besser zu unseren Anforderungen passt.",
        "Ihr Profil entspricht leider nicht unseren aktuellen Anforderungen.",
        "Wir haben uns entschieden, mit anderen Kandidatinnen und Kandidaten weiterzumachen.",
        "Leider sind Sie nicht in die engere Auswahl gekommen.",
        "Nach dem Vorstellungsgespräch haben wir uns leider gegen dich entschieden.",
        "Wir können Ihnen leider keine Zusage geben.",
        "Das Auswahlverfahren ist abgeschlossen; leider fiel unsere Wahl nicht auf Sie.",
        "Wir müssen Ihnen leider eine Absage erteilen.",
        "Die ausgeschriebene Position wird nicht mehr besetzt.",
        "Ihre Qualifikationen passen leider nicht zu dem, was wir derzeit suchen.",
        "Wir werden Ihre Bewerbung leider nicht weiterverfolgen.",
        "Bedauerlicherweise können wir Ihnen keine Stelle anbieten.",
        "Unser Praktikumsprogramm ist in diesem Jahr bereits voll belegt.",
    ],
    "interview_invite": [
        "Wir möchten Sie gerne zu einem Vorstellungsgespräch einladen.",
        "Hätten Sie am {day} um 14 Uhr Zeit für ein kurzes Telefonat?",
        "Bitte wählen Sie über den folgenden Link einen passenden Termin aus.",
        "Als nächsten Schritt bitten wir Sie, einen Online-Test zu absolvieren.",
        "Wir würden dich gerne kennenlernen und laden dich zu einem Videointerview ein.",
        "Leider müssen wir Ihr Gespräch verschieben. Würde Ihnen der {day} passen?",
        "Wir laden Sie herzlich zu unserem Assessment Center am {day} ein.",
        "Ihr Interview am {day} um 10 Uhr ist bestätigt.",
    ],
    "application_received": [
        "Ihre Bewerbungsunterlagen sind bei uns eingegangen.",
        "Hiermit bestätigen wir den Eingang Ihrer Bewerbung.",
        "Wir werden Ihre Unterlagen sorgfältig prüfen und uns in den nächsten zwei Wochen bei Ihnen melden.",
        "Wir haben deine Bewerbung erhalten und melden uns bald.",
        "Den Status Ihrer Bewerbung können Sie jederzeit in unserem Bewerberportal einsehen.",
        "Bitte haben Sie etwas Geduld, wir prüfen alle Bewerbungen gründlich.",
    ],
    "offer": [
        "Wir freuen uns, Ihnen die Position als {role} anbieten zu können.",
        "Anbei erhalten Sie Ihr Vertragsangebot mit Gehalt und Eintrittsdatum.",
        "Wir möchten Ihnen gerne ein Angebot für die Stelle unterbreiten.",
        "Herzlichen Glückwunsch! Wir bieten dir die Stelle als {role} an.",
        "Bitte senden Sie uns den unterschriebenen Arbeitsvertrag bis zum {day} zurück.",
    ],
    "other": [
        "Hier sind neue Stellenangebote, die zu Ihrem Suchauftrag passen. Abmelden können Sie sich jederzeit.",
        "Ich bin auf Ihr Profil gestoßen und habe eine spannende Position bei meinem Kunden.",
        "Bitte bestätigen Sie Ihre E-Mail-Adresse, um Ihr Konto zu aktivieren.",
        "Wir haben Ihre Rücknahme der Bewerbung erhalten.",
        "Wir freuen uns auf Ihren ersten Arbeitstag am {day}. Anbei Ihr Einarbeitungsplan.",
        "Besuchen Sie uns auf der Karrieremesse am {day}.",
        "In unserem Newsletter: neue Büros, Teamevents und offene Stellen.",
        "Leider fällt das Webinar am {day} aus; die Aufzeichnung folgt.",
    ],
}
EXTRAS = {
    "rejection": [
        "Wir wünschen Ihnen für Ihre berufliche Zukunft alles Gute und viel Erfolg.",
        "Ihre Unterlagen werden gemäß Datenschutz nach sechs Monaten gelöscht.",
        "Diese Entscheidung ist uns nicht leichtgefallen.",
    ],
    "interview_invite": ["Bitte bestätigen Sie den Termin kurz per E-Mail."],
    "application_received": ["Bitte antworten Sie nicht auf diese E-Mail."],
    "offer": ["Wir freuen uns auf die Zusammenarbeit!"],
    "other": [""],
}

# More senders' styles, indirect wording and hard negatives (issue 13).
from corpus_text import add_more, more_de  # noqa: E402

add_more(globals(), more_de)
