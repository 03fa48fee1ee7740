"""Replies to "OK to connect on LinkedIn?" in four languages: training and held-out banks."""

TRAIN = {
    "en": {
        "yes": [
            "Sure, happy to connect!",
            "Of course, send me an invite.",
            "Yes, let's connect.",
            "Absolutely, I've just sent you a request.",
            "Happy to, connect away!",
        ],
        "no": [
            "I prefer to keep LinkedIn for people I've worked with, so I'll pass.",
            "Thanks, but I don't accept requests from people I haven't met.",
            "I'd rather not, sorry.",
        ],
        "unclear": [
            "Let me think about it.",
            "Which profile do you mean?",
            "I'm out of the office until Monday.",
        ],
    },
    "de": {
        "yes": [
            "Gerne, lass uns vernetzen!",
            "Klar, schick mir einfach eine Anfrage.",
            "Ja, sehr gerne.",
        ],
        "no": [
            "Ich nutze LinkedIn nur für direkte Kollegen, daher lieber nicht.",
            "Danke, aber ich nehme keine Anfragen von Unbekannten an.",
        ],
        "unclear": ["Ich melde mich nächste Woche dazu.", "Welches Profil meinst du?"],
    },
    "fr": {
        "yes": [
            "Avec plaisir, connectons-nous !",
            "Bien sûr, envoyez-moi une invitation.",
            "Oui, volontiers.",
        ],
        "no": [
            "Je préfère garder LinkedIn pour mes collègues directs, désolé.",
            "Merci, mais je n'accepte pas les invitations de personnes que je ne connais pas.",
        ],
        "unclear": ["Je vous redis ça la semaine prochaine.", "De quel profil parlez-vous ?"],
    },
    "es": {
        "yes": ["¡Claro, conectemos!", "Con gusto, envíame la invitación.", "Sí, por supuesto."],
        "no": [
            "Prefiero usar LinkedIn solo con compañeros directos, lo siento.",
            "Gracias, pero no acepto invitaciones de personas que no conozco.",
        ],
        "unclear": ["Te digo algo la semana que viene.", "¿De qué perfil hablas?"],
    },
}
HELDOUT = {
    "en": {
        "yes": ["Definitely - just accepted your invite.", "Yep, I'd like that."],
        "no": [
            "I'll say no for now; I keep my network small.",
            "Not accepting new connections, sorry.",
        ],
        "unclear": ["Remind me next week?", "Not sure yet, let me check."],
    },
    "de": {
        "yes": ["Sehr gerne, Anfrage ist angenommen.", "Na klar, gerne!"],
        "no": [
            "Lieber nicht, ich halte mein Netzwerk klein.",
            "Nein danke, ich bin kaum auf LinkedIn.",
        ],
        "unclear": ["Erinnere mich bitte nächste Woche.", "Ich bin noch unsicher."],
    },
    "fr": {
        "yes": ["Oui, avec grand plaisir !", "Bien sûr, c'est accepté."],
        "no": ["Non merci, je garde un réseau restreint.", "Je préfère ne pas, désolée."],
        "unclear": ["Relancez-moi la semaine prochaine ?", "Je ne suis pas encore sûr."],
    },
    "es": {
        "yes": ["¡Sí, encantada!", "Por supuesto, ya la acepté."],
        "no": ["No, gracias, mantengo mi red pequeña.", "Prefiero que no, lo siento."],
        "unclear": ["¿Me lo recuerdas la semana que viene?", "Todavía no estoy seguro."],
    },
}
QUESTION = {
    "en": (
        "On {date}, Sam Okafor <sam.okafor@example.com> wrote:",
        "Would you be OK with connecting on LinkedIn?",
    ),
    "de": (
        "Am {date} schrieb Sam Okafor <sam.okafor@example.com>:",
        "Wäre es okay, wenn wir uns auf LinkedIn vernetzen?",
    ),
    "fr": (
        "Le {date}, Sam Okafor <sam.okafor@example.com> a écrit :",
        "Seriez-vous d'accord pour qu'on se connecte sur LinkedIn ?",
    ),
    "es": (
        "On {date}, Sam Okafor <sam.okafor@example.com> wrote:",
        "¿Te parece bien que conectemos en LinkedIn?",
    ),
}
