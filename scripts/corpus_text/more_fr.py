"""More French training text (issue 13): modèles d'ATS, notes de recruteurs, lettres formelles, négatifs difficiles.

Added to ``train_fr`` (see its end).
"""

GREETINGS = [
    "Bonjour {{prénom}},",
    "Salut {name},",
]
OPENERS = [
    "Merci pour notre échange téléphonique de {day}.",
    "J'espère que vous allez bien.",
    "Je reviens vers vous au sujet de votre candidature au poste de {role}.",
    "Merci pour le temps que tu nous as consacré.",
]
CLOSINGS = ["Bien à vous,", "Cordialement,", "Respectueusement,"]
SIGNERS = [
    "Service du personnel - {company}",
    "{recruiter} | Chargée de recrutement",
    "{recruiter}\nConsultant, {agency}",
]
SUBJECTS = {
    "rejection": [
        "Votre candidature au {programme}",
    ],
    "interview_invite": ["Nouvelle date", "Report de votre entretien", "Disponibilités"],
    "application_received": ["Accusé de réception"],
    "offer": ["Proposition", "Votre contrat"],
    "other": ["Votre proposition de conférence", "Votre dossier de location"],
}
CORES = {
    "rejection": [
        "Nous avons finalement promu une personne de l'équipe sur ce poste et arrêtons le recrutement externe.",
        "Nous avons déjà trouvé quelqu'un pour ce poste, je suis désolée.",
        "Mon client a finalement choisi de continuer avec un autre profil, plus expérimenté en {skill}.",
        "On a pris quelqu'un d'autre pour la mission, désolé.",
        "J'ai eu le retour du client ce matin : c'est non de leur côté.",
        "Nous avons déjà atteint notre quota de stagiaires pour cette période.",
        "Nous pensons que ce n'est pas le bon moment pour avancer ensemble.",
        "Le statut de votre candidature est passé à : non retenue.",
        "Nous avons finalement privilégié une mobilité interne pour ce poste.",
        "L'annonce a été annulée et toutes les candidatures ont été clôturées.",
        "Ils cherchent quelqu'un avec plus d'expérience, donc ça ne se fera pas.",
        "Le comité a retenu une autre candidature à l'issue des délibérations.",
        "Le poste sera finalement occupé par un collaborateur en interne.",
        "Nous devons malheureusement arrêter le processus vous concernant.",
        "Le poste a été supprimé et ne sera pas ouvert à nouveau.",
        "Nous ne sommes pas en mesure de vous faire une proposition.",
        "Nous regrettons de ne pas pouvoir retenir votre profil.",
        "Il ne nous est pas possible de poursuivre avec votre candidature.",
        "Le poste a été pourvu.",
        "Le recrutement est suspendu pour une durée indéterminée, nous clôturons donc les candidatures.",
        "Nous avons décidé de ne pas donner suite à votre candidature.",
        "Nous ne retiendrons pas votre candidature pour la suite du processus.",
        "Un autre profil correspondait davantage à nos attentes.",
        "Nous avons choisi de poursuivre avec un candidat plus expérimenté en {skill}.",
        "Malheureusement, ta candidature n'a pas été retenue à l'issue des entretiens.",
        "Nous ne pourrons pas vous proposer de poursuivre le processus.",
        "Notre {programme} affiche complet pour cette année.",
        "Toutes les places de notre {programme} ont été attribuées.",
        "Nous conservons votre CV dans notre vivier, mais nous ne donnerons pas suite pour ce poste.",
        "Votre profil ne correspond pas aux besoins actuels de l'équipe.",
        "Après réflexion, nous avons décidé de ne pas vous faire d'offre.",
        "Vous n'avez malheureusement pas été sélectionné pour l'étape suivante.",
        "Mon client a retenu un autre candidat pour cette mission.",
        "Nous avons pris une autre direction pour ce poste.",
        "Votre candidature n'a pas abouti.",
        "Nous sommes au regret de ne pouvoir donner une suite favorable à votre demande.",
        "Nous ne vous inviterons pas au prochain tour d'entretiens.",
        "Le processus est clos de notre côté et nous ne pourrons pas aller plus loin avec toi.",
        "Votre expérience ne correspond pas tout à fait au profil recherché.",
        "Nous avons arrêté notre choix sur une autre personne.",
        "Le poste est gelé pour le moment et nous ne recrutons plus.",
        "Après l'entretien final, l'équipe a préféré un autre finaliste.",
        "Nous ne donnerons pas suite à votre dossier.",
        "Votre résultat au test ne vous permet pas de poursuivre le processus.",
    ],
    "interview_invite": [
        "Avant toute chose formelle, ça te dirait de prendre un café la semaine prochaine ?",
        "Nous vous proposons de préparer une courte présentation sur l'étude de cas ci-jointe.",
        "Malheureusement, nous devons déplacer votre entretien ; seriez-vous disponible {day} ?",
        "Je suis désolée, le manager a un empêchement : pouvons-nous reporter notre échange à la semaine prochaine ?",
        "Nous aimerions vous rencontrer pour un deuxième entretien avec la direction.",
        "Vous êtes retenu pour l'étape suivante : un entretien technique avec l'équipe.",
        "Merci de nous indiquer vos disponibilités pour un appel vidéo.",
        "Pourrais-tu passer dans nos locaux {day} pour rencontrer l'équipe ?",
    ],
    "application_received": [
        "Votre candidature à notre {programme} a bien été enregistrée et sera étudiée par l'équipe Jeunes Talents.",
        "Votre candidature a été transmise à {company}, qui vous contactera directement.",
        "Nous étudions les candidatures au fil de l'eau et revenons vers chaque candidat.",
        "Sans réponse de notre part sous quatre semaines, veuillez considérer que votre candidature n'a pas été retenue.",
        "Malheureusement, nous ne pouvons pas répondre individuellement à chaque candidat ; nous vous contacterons si votre profil est retenu pour un entretien.",
        "Ceci est une confirmation automatique de votre candidature.",
        "Votre dossier a bien été transmis au responsable du recrutement.",
    ],
    "offer": [
        "Vous trouverez ci-joint votre contrat de travail pour le poste de {role}, à nous retourner signé.",
        "Ils te veulent ! Le client propose {salary} plus un bonus, appelle-moi pour en parler.",
        "L'équipe a été conquise : nous souhaitons te faire une offre.",
        "Nous vous proposons une place dans notre {programme}.",
    ],
    "other": [
        "Merci de nous avoir prévenus que vous déclinez notre offre ; nous avons clôturé votre dossier.",
        "Votre profil a été consulté par 8 recruteurs cette semaine ; passez à Premium pour les voir.",
        "Votre compte candidat est inactif depuis un an et sera supprimé dans 30 jours.",
        "La commission n'a pas retenu votre demande de subvention pour cette année.",
        "Quel que soit le résultat, nous aimerions connaître votre avis sur notre processus de recrutement.",
        "Vous avez récemment participé à notre processus de sélection : répondez à notre questionnaire en trois minutes.",
        "L'offre que vous avez sauvegardée n'est plus disponible. Voici des offres similaires.",
        "Malheureusement, votre proposition de conférence n'a pas été retenue.",
        "Nous sommes au regret de vous informer que votre dossier de location n'a pas été retenu.",
        "Votre demande de prêt a été refusée.",
        "Comme demandé, nous avons retiré votre candidature. Bonne chance dans ton nouveau poste !",
        "Ils m'ont recalé après le dernier entretien. On se voit samedi ?",
        "Donnez-nous votre avis sur notre processus de recrutement en deux minutes.",
        "Je suis consultante chez {agency} et j'ai un poste qui pourrait vous intéresser.",
        "Bonne chance pour ton entretien demain !",
        "Votre abonnement a été résilié.",
    ],
}
EXTRAS = {
    "rejection": [
        "Nous vous remercions de la confiance accordée.",
        "Je reste disponible pour un retour si vous le souhaitez.",
    ],
    "interview_invite": ["Toutes nos excuses pour ce changement."],
    "application_received": ["Bonne chance !"],
    "offer": ["Bienvenue dans l'équipe !"],
    "other": ["Se désabonner."],
}

#: Sentences found in mail of every label (so the model learns they say nothing).
NEUTRAL = [
    "N'hésitez pas à me contacter pour toute question.",
    "Je souhaitais vous faire un point sur votre candidature.",
    "Merci encore pour votre temps et votre intérêt pour {company}.",
    "Nous avons beaucoup apprécié nos échanges.",
    "L'équipe a maintenant pris une décision sur la suite.",
    "Vous pouvez répondre directement à ce message.",
    "Merci pour votre patience ces dernières semaines.",
    "Nous avons pris connaissance de votre parcours avec intérêt.",
]

#: Footers that mail of every label carries (ATS notices, legal lines, phone signatures).
FOOTERS = [
    "Vous recevez cet e-mail suite à votre candidature chez {company}. Se désabonner | Politique de confidentialité",
    "Ce message a été envoyé automatiquement, merci de ne pas y répondre. Vos données sont conservées deux ans.",
    "{company} SAS, {city}. Pour exercer vos droits sur vos données, consultez notre politique de confidentialité.",
    "Envoyé de mon téléphone",
]
