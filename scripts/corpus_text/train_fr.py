"""French text bank for the training corpus."""

GREETINGS = [
    "Madame, Monsieur,",
    "Bonjour {name},",
    "Chère Madame {last},",
    "Cher Monsieur {last},",
    "Bonjour {full},",
    "Madame {{nom}},",
    "Bonjour,",
]
OPENERS = [
    "Nous vous remercions pour votre candidature au poste de {role} chez {company}.",
    "Merci pour l'intérêt que vous portez à {company} et pour le temps consacré à votre candidature.",
    "Nous vous remercions pour l'entretien que vous nous avez accordé.",
    "Merci pour ta candidature !",
    "Suite à votre candidature au poste de {role} (réf. {req}),",
    "",
]
CLOSINGS = [
    "Cordialement,",
    "Bien cordialement,",
    "Nous vous prions d'agréer, Madame, Monsieur, l'expression de nos salutations distinguées.",
    "Bien à vous,",
    "Belle journée,",
]
SIGNERS = [
    "L'équipe Recrutement {company}",
    "{recruiter}\nChargée de recrutement, {company}",
    "{recruiter}\nTalent Acquisition | {company}",
    "{recruiter}",
    "Le service des ressources humaines",
]
SUBJECTS = {
    "rejection": [
        "Votre candidature chez {company}",
        "Suite à votre candidature",
        "Votre candidature - {role}",
        "Réponse à votre candidature ({req})",
    ],
    "interview_invite": [
        "Invitation à un entretien",
        "Votre candidature : prochaine étape",
        "Entretien pour le poste de {role}",
        "Test technique - {role}",
    ],
    "application_received": [
        "Accusé de réception de votre candidature",
        "Nous avons bien reçu votre candidature",
        "Candidature : {role}",
    ],
    "offer": ["Proposition d'embauche", "Votre promesse d'embauche", "Bonne nouvelle de {company}"],
    "other": [
        "Nouvelles offres pour vous",
        "Lettre d'information - {month}",
        "Confirmez votre adresse e-mail",
        "Opportunité chez mon client",
        "Votre premier jour",
        "Salon de l'emploi",
    ],
}
CORES = {
    "rejection": [
        "Nous avons le regret de vous informer que votre candidature n'a pas été retenue.",
        "Après une étude attentive de votre dossier, nous ne sommes pas en mesure de donner une suite favorable à votre candidature.",
        "Nous avons retenu un autre candidat dont le profil correspond davantage à nos besoins.",
        "Votre profil ne correspond pas tout à fait à nos attentes pour ce poste.",
        "Malheureusement, le poste a déjà été pourvu.",
        "Nous sommes au regret de ne pas pouvoir poursuivre le processus avec vous.",
        "Après mûre réflexion, nous avons décidé de ne pas donner suite à votre candidature.",
        "Nous avons choisi de poursuivre avec d'autres candidats.",
        "À l'issue des entretiens, notre choix s'est porté sur une autre candidate.",
        "Malheureusement, nous ne pourrons pas te proposer le poste.",
        "Votre candidature n'a pas été sélectionnée pour la suite du processus.",
        "Notre programme de stage est complet pour cette année.",
        "Nous regrettons de vous annoncer que nous ne donnerons pas suite à votre candidature.",
        "Le recrutement pour ce poste est clos.",
    ],
    "interview_invite": [
        "Nous souhaiterions vous rencontrer lors d'un entretien.",
        "Seriez-vous disponible le {day} à 14h pour un échange téléphonique ?",
        "Merci de choisir un créneau via le lien ci-dessous.",
        "La prochaine étape est un test technique en ligne à réaliser sous cinq jours.",
        "Nous avons le plaisir de vous convier à un entretien avec le responsable de l'équipe.",
        "Nous devons malheureusement décaler votre entretien. Le {day} vous conviendrait-il ?",
        "Votre entretien du {day} à 10h est confirmé.",
    ],
    "application_received": [
        "Nous avons bien reçu votre candidature et vous en remercions.",
        "Ce message confirme la bonne réception de votre dossier.",
        "Notre équipe étudiera votre candidature avec attention et reviendra vers vous rapidement.",
        "Si votre profil correspond à nos besoins, nous vous contacterons.",
        "Vous pouvez suivre l'état de votre candidature dans votre espace candidat.",
    ],
    "offer": [
        "Nous avons le plaisir de vous proposer le poste de {role}.",
        "Vous trouverez ci-joint votre promesse d'embauche avec le salaire et la date de début.",
        "Félicitations ! Nous souhaitons te faire une offre pour rejoindre l'équipe.",
        "Nous sommes heureux de vous faire une proposition d'embauche.",
        "Merci de nous retourner le contrat signé avant le {day}.",
    ],
    "other": [
        "Voici de nouvelles offres correspondant à votre alerte emploi. Se désabonner.",
        "J'ai découvert votre profil et je recrute pour un client ; seriez-vous ouvert à un échange ?",
        "Merci de confirmer votre adresse e-mail pour activer votre compte candidat.",
        "Nous avons bien pris en compte le retrait de votre candidature.",
        "Nous avons hâte de vous accueillir pour votre premier jour le {day}.",
        "Venez nous rencontrer au salon de l'emploi le {day}.",
        "Dans notre lettre d'information : nouveaux bureaux et offres ouvertes.",
    ],
}
EXTRAS = {
    "rejection": [
        "Nous vous souhaitons plein succès dans vos recherches.",
        "Nous conservons votre CV dans notre base pour de futures opportunités.",
    ],
    "interview_invite": ["Merci de nous confirmer votre présence."],
    "application_received": ["Merci de ne pas répondre à ce message."],
    "offer": ["Nous nous réjouissons de travailler avec vous."],
    "other": [""],
}

# More senders' styles, indirect wording and hard negatives (issue 13).
from corpus_text import add_more, more_fr  # noqa: E402

add_more(globals(), more_fr)
