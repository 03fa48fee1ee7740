"""French text bank for the final held-out corpus, written after rule tuning stopped."""

GREETINGS = [
    "Bonjour Mme {last},",
    "Bonjour M. {last},",
    "Coucou {name},",
    "Chère candidate, cher candidat,",
    "Bonjour <<Prénom>>,",
]
OPENERS = [
    "Merci de votre patience pendant notre processus de sélection.",
    "Merci d'avoir participé à notre évaluation en ligne.",
    "Veuillez excuser notre réponse tardive.",
    "",
]
CLOSINGS = ["Belle fin de journée,", "Salutations,", "Au plaisir,", "Sincèrement,"]
SIGNERS = ["{recruiter}\nRecrutement", "L'équipe RH de {company}", "{recruiter}\n{agency}"]
SUBJECTS = {
    "rejection": [
        "Votre candidature - retour",
        "Résultat de votre entretien",
        "RE: {role}",
        "Candidature {req}",
    ],
    "interview_invite": ["Prochaine étape", "Prise de rendez-vous", "Invitation"],
    "application_received": ["Candidature reçue", "Réception : {role}"],
    "offer": ["Bonne nouvelle", "Votre offre - {role}"],
    "other": ["Offres pour vous", "Votre compte", "Événements"],
}
CORES = {
    "rejection": [
        "Nous avons décidé de ne pas retenir votre candidature pour ce poste.",
        "Nous ne pouvons malheureusement pas vous faire d'offre.",
        "Le poste a été attribué à un autre candidat.",
        "À l'issue du processus, votre profil n'a pas été sélectionné.",
        "Nous ne vous convierons pas au prochain tour d'entretiens.",
        "Nous avons fait le choix d'une candidature interne.",
        "L'offre a été retirée et le poste ne sera pas pourvu.",
        "Votre parcours ne correspond pas aux besoins actuels de l'équipe.",
        "Nous sommes contraints de mettre fin au processus avec vous.",
        "Notre programme de stages est déjà complet cette année.",
        "Nous regrettons de ne pouvoir donner une suite positive à votre demande.",
        "Votre candidature n'a malheureusement pas été retenue à l'issue des entretiens.",
        "Nous avons préféré un candidat plus expérimenté en {skill}.",
        "Il ne nous est pas possible de poursuivre avec ta candidature.",
        "Nous avons pris la décision de ne pas avancer avec vous.",
    ],
    "interview_invite": [
        "Nous vous proposons un second entretien le {day}.",
        "Auriez-vous un moment la semaine prochaine pour un appel avec le responsable ?",
        "Merci de compléter l'évaluation en ligne avant l'entretien.",
        "Votre rendez-vous est reporté au {day} à 15h.",
    ],
    "application_received": [
        "Votre candidature nous est bien parvenue et sera examinée.",
        "Nous confirmons la réception de vos documents.",
        "Nous reviendrons vers vous sous deux semaines.",
    ],
    "offer": [
        "Nous avons le plaisir de vous annoncer que nous vous proposons le poste de {role}.",
        "Vous trouverez ci-joint votre contrat de travail à signer.",
        "Nous souhaitons vous offrir le poste avec une rémunération de {salary}.",
    ],
    "other": [
        "Nouvelles offres correspondant à votre profil. Se désinscrire des alertes.",
        "Votre mot de passe expire dans 7 jours.",
        "Rejoignez-nous à notre soirée carrières le {day}.",
        "Je suis chasseur de têtes chez {agency} et j'ai un poste qui pourrait vous plaire.",
    ],
}
EXTRAS = {
    "rejection": ["Bonne chance pour la suite.", "Vous pouvez postuler à nouveau plus tard."],
    "interview_invite": [""],
    "application_received": [""],
    "offer": [""],
    "other": [""],
}
