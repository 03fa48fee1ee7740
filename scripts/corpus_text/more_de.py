"""More German training text (issue 13): ATS templates, persönliche Notizen, formelle Briefe, harte Negative.

Added to ``train_de`` (see its end).
"""

GREETINGS = [
    "Hallo Herr {last},",
    "Liebe Bewerberin, lieber Bewerber,",
    "Hallo {{Vorname}},",
    "Grüß Gott Herr {last},",
]
OPENERS = [
    "danke für das nette Telefonat am {day}.",
    "ich hoffe, es geht Ihnen gut.",
    "vielen Dank für Ihre Geduld während unseres Auswahlverfahrens.",
    "ich melde mich wie versprochen zu Ihrer Bewerbung als {role}.",
    "danke, dass du dir die Zeit für unsere Gespräche genommen hast.",
    "wir kommen zurück auf Ihre Bewerbung vom {month}.",
]
CLOSINGS = ["Viele liebe Grüße", "Bis bald"]
SIGNERS = ["Ihr HR-Team", "{recruiter} | Recruiterin", "{recruiter}\nBeraterin, {agency}"]
SUBJECTS = {
    "rejection": [
        "Ihre Bewerbung für das {programme}",
        "Rückmeldung",
        "Unsere Entscheidung",
    ],
    "interview_invite": ["Neuer Termin", "Terminverschiebung", "AW: Verfügbarkeit"],
    "application_received": ["Bewerbung {req} eingegangen", "Danke für Ihre Bewerbung"],
    "offer": ["Willkommen an Bord", "Unser Angebot"],
    "other": [
        "Ihr gespeicherter Job",
        "Ihr Vortrag",
        "Ihre Wohnungsanfrage",
        "Wie war Ihr Bewerbungsprozess?",
        "Rückzug bestätigt",
    ],
}
CORES = {
    "rejection": [
        "Mein Kunde hat sich letztlich für ein anderes Profil mit mehr Erfahrung in {skill} entschieden.",
        "Wir haben jemand anderen für das Projekt genommen, tut mir leid.",
        "Ich habe heute Rückmeldung vom Kunden bekommen: leider ein Nein.",
        "Unsere Praktikumsplätze für den Sommer sind bereits alle vergeben.",
        "Wir glauben, dass jetzt nicht der richtige Zeitpunkt für eine Zusammenarbeit ist.",
        "Der Status Ihrer Bewerbung wurde geändert: abgelehnt.",
        "Die Ausschreibung wurde zurückgezogen, alle Bewerbungen wurden geschlossen.",
        "Wir haben die Stelle mit einer Kollegin aus dem eigenen Haus besetzt.",
        "Eine Einladung zur nächsten Gesprächsrunde können wir Ihnen leider nicht aussprechen.",
        "Inzwischen konnten wir die Position mit einem anderen Bewerber besetzen.",
        "Wir setzen den Prozess mit einem internen Kandidaten fort.",
        "Nach Rücksprache mit der Fachabteilung endet das Verfahren für Sie an dieser Stelle.",
        "Wir haben uns für eine interne Besetzung entschieden.",
        "Ein anderes Profil passte letztlich besser zu den Anforderungen.",
        "Wir haben uns für eine andere Richtung entschieden.",
        "Die Position ist bis auf Weiteres auf Eis gelegt, daher schließen wir den Prozess.",
        "Die Stelle wurde gestrichen und wird nicht besetzt.",
        "Leider hat es diesmal nicht geklappt.",
        "Wir können Ihre Bewerbung im weiteren Verfahren nicht berücksichtigen.",
        "Ihre Bewerbung wurde nicht für die nächste Phase ausgewählt.",
        "Nach Abschluss der Gespräche haben wir uns für eine andere Kandidatin entschieden.",
        "Wir haben uns entschieden, den Prozess mit Ihnen nicht fortzusetzen.",
        "Leider müssen wir Ihnen eine negative Rückmeldung geben.",
        "Für die ausgeschriebene Position kommen Sie leider nicht in Betracht.",
        "Mein Kunde hat sich für einen anderen Kandidaten entschieden.",
        "Die Wahl ist auf eine Bewerberin mit mehr Erfahrung in {skill} gefallen.",
        "Wir möchten Ihre Bewerbung gerne in unseren Talentpool aufnehmen, für diese Stelle können wir Sie jedoch nicht berücksichtigen.",
        "Unser {programme} ist für diesen Jahrgang bereits ausgebucht.",
        "Alle Plätze in unserem {programme} sind vergeben.",
        "Sie haben das erforderliche Ergebnis im Test leider nicht erreicht.",
        "Nach dem zweiten Gespräch sind wir zu dem Entschluss gekommen, Ihnen kein Angebot zu machen.",
        "Wir werden das Verfahren mit Ihnen nicht weiterführen.",
        "Ihr Profil passt leider nicht zu dieser Position.",
        "Wir haben die Stelle an jemanden mit mehr Führungserfahrung vergeben.",
        "Leider können wir Sie für diese Position nicht weiter berücksichtigen.",
        "Die Entscheidung ist zugunsten eines anderen Bewerbers gefallen.",
        "Wir haben uns letztendlich gegen eine Zusammenarbeit entschieden.",
        "Mit Bedauern teilen wir Ihnen mit, dass Ihre Bewerbung nicht erfolgreich war.",
        "Wir müssen dir leider absagen.",
        "Leider sind wir nicht weitergekommen: das Team hat sich für jemand anderen entschieden.",
        "Ihre Bewerbung hat es leider nicht in die Endauswahl geschafft.",
        "Wir bedauern, Ihnen keine Stelle in unserem Haus anbieten zu können.",
        "Die Vakanz ist mittlerweile besetzt.",
        "Wir haben den Prozess für diese Stelle beendet, ohne Sie weiter zu berücksichtigen.",
        "Ihre Erfahrung deckt sich leider nicht mit dem Anforderungsprofil.",
    ],
    "interview_invite": [
        "Bevor wir etwas Formelles machen: Hast du Lust auf einen Kaffee nächste Woche?",
        "Bitte bereiten Sie für das nächste Gespräch eine kurze Präsentation zur beiliegenden Fallstudie vor.",
        "Leider müssen wir Ihren Termin verschieben. Passt Ihnen stattdessen der {day}?",
        "Unser Fachbereich ist am {day} verhindert; können wir das Gespräch auf nächste Woche legen?",
        "Gerne würden wir Sie zu einem zweiten Gespräch mit der Abteilungsleitung einladen.",
        "Sie sind eine Runde weiter! Bitte wählen Sie einen Termin für das Fachinterview.",
        "Bitte teilen Sie uns Ihre Verfügbarkeit für ein Videotelefonat mit.",
        "Anbei die Einladung zum Probearbeitstag am {day}.",
        "Wir melden uns telefonisch am {day}, um die nächste Runde zu besprechen.",
        "Bitte bearbeiten Sie die Fallstudie bis {day} und bringen Sie sie zum Gespräch mit.",
    ],
    "application_received": [
        "Ihre Bewerbung für unser {programme} ist eingegangen und liegt unserem Early-Careers-Team vor.",
        "Ihre Bewerbung wurde erfolgreich an {company} übermittelt; das Unternehmen meldet sich direkt bei Ihnen.",
        "Sollten Sie innerhalb von vier Wochen nichts von uns hören, konnten wir Ihre Bewerbung leider nicht berücksichtigen.",
        "Leider können wir nicht jede Bewerbung einzeln beantworten; wir melden uns, wenn Ihr Profil passt.",
        "Ihre Bewerbung liegt nun der Fachabteilung vor.",
        "Dies ist eine automatische Bestätigung: Ihre Unterlagen sind vollständig eingegangen.",
        "Wir sichten alle Bewerbungen nach Ablauf der Bewerbungsfrist.",
        "Deine Unterlagen sind angekommen, wir schauen sie uns in Ruhe an.",
    ],
    "offer": [
        "Sie wollen dich! Der Kunde bietet {salary} plus Bonus, ruf mich an.",
        "Wir freuen uns, Ihnen mitteilen zu können, dass wir Sie gerne einstellen möchten.",
        "Anbei finden Sie den Arbeitsvertrag; das Jahresgehalt beträgt {salary} Euro.",
        "Das Team war begeistert, wir möchten dich unbedingt an Bord holen.",
        "Wir bieten Ihnen einen Platz in unserem {programme} an.",
    ],
    "other": [
        "Unabhängig vom Ergebnis möchten wir wissen, wie Sie unseren Bewerbungsprozess erlebt haben.",
        "Sie haben kürzlich an unserem Auswahlprozess teilgenommen: Die Umfrage dauert drei Minuten.",
        "Die von Ihnen gespeicherte Stelle ist nicht mehr verfügbar. Hier sind ähnliche Angebote.",
        "Leider wurde Ihr Vortrag für die Konferenz nicht angenommen.",
        "Leider können wir Ihnen die Wohnung nicht vermieten.",
        "Ihr Kreditantrag wurde leider abgelehnt.",
        "Wie gewünscht haben wir Ihre Bewerbung zurückgezogen. Viel Erfolg bei der neuen Stelle!",
        "Die haben mir nach dem letzten Gespräch abgesagt, so ein Mist. Treffen wir uns am Wochenende?",
        "Bitte bewerten Sie Ihren Bewerbungsprozess in unserer kurzen Umfrage.",
        "Ihr Kandidatenprofil wurde aktualisiert.",
        "Ich bin Personalberaterin bei {agency} und habe eine interessante Position für Sie.",
        "Viel Glück morgen beim Vorstellungsgespräch!",
        "Leider ist die Veranstaltung ausgebucht; Sie stehen auf der Warteliste.",
        "Ihr Abonnement wurde wie gewünscht gekündigt.",
    ],
}
EXTRAS = {
    "rejection": [
        "Wir danken Ihnen für das entgegengebrachte Vertrauen.",
        "Für ein Feedbackgespräch stehe ich gerne zur Verfügung.",
    ],
    "interview_invite": ["Entschuldigen Sie die Umstände."],
    "application_received": ["Viel Erfolg!"],
    "offer": ["Willkommen im Team!"],
    "other": ["Abmelden können Sie sich hier."],
}

#: Sentences found in mail of every label (so the model learns they say nothing).
NEUTRAL = [
    "Bei Fragen können Sie sich jederzeit gerne an mich wenden.",
    "Ich möchte Ihnen ein kurzes Update zu Ihrer Bewerbung geben.",
    "Vielen Dank nochmals für Ihre Zeit und Ihr Interesse an {company}.",
    "Wir haben uns über Ihre Bewerbung sehr gefreut.",
    "Das Team hat nun über die nächsten Schritte entschieden.",
    "Antworten Sie gerne direkt auf diese E-Mail.",
    "Wir haben die Gespräche mit Ihnen sehr geschätzt.",
    "Danke für Ihre Geduld in den letzten Wochen.",
]

#: Footers that mail of every label carries (ATS notices, legal lines, phone signatures).
FOOTERS = [
    "Sie erhalten diese E-Mail, weil Sie sich bei {company} beworben haben. Abmelden | Datenschutz",
    "Diese Nachricht wurde automatisch versendet. Informationen zum Datenschutz finden Sie auf unserer Karriereseite.",
    "{company} GmbH, Sitz {city}, Amtsgericht {city}. Ihre Daten werden nach sechs Monaten gelöscht.",
    "Von meinem Handy gesendet",
]
