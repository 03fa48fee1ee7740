"""French text bank for the development corpus (first written as held-out; rules were then corrected on it)."""

GREETINGS = [
    "Chère {name},",
    "Cher {name},",
    "Bonjour Madame {last},",
    "Bonsoir {name},",
    "Madame, Monsieur,",
    "Salut {name} !",
    "Bonjour [Prénom],",
]
OPENERS = [
    "Tout d'abord, merci pour le temps que vous nous avez consacré.",
    "Nous avons pris connaissance de votre dossier avec intérêt.",
    "Merci encore pour nos échanges de ces dernières semaines.",
    "",
]
CLOSINGS = [
    "Très cordialement,",
    "Avec nos meilleures salutations,",
    "À bientôt,",
    "Veuillez recevoir nos sincères salutations.",
]
SIGNERS = [
    "{recruiter}\nResponsable RH",
    "L'équipe Talents",
    "{recruiter} pour {company}",
    "{recruiter}\nCabinet {agency}",
]
SUBJECTS = {
    "rejection": [
        "Votre dossier",
        "Point sur votre candidature",
        "{role} : notre décision",
        "Suite à notre entretien",
        "Offre {req}",
    ],
    "interview_invite": ["Rencontrons-nous", "Deuxième entretien", "Planification - {role}"],
    "application_received": ["Candidature enregistrée", "Confirmation {req}"],
    "offer": ["Notre proposition", "Votre contrat - {role}"],
    "other": ["Offres recommandées", "Complétez votre profil", "Actualités"],
}
CORES = {
    "rejection": [
        "Après examen de votre dossier, nous sommes au regret de ne pas pouvoir retenir votre candidature.",
        "Nous avons finalement privilégié un profil plus expérimenté en {skill}.",
        "Votre candidature ne sera pas poursuivie pour ce poste.",
        "Le poste a été pourvu en interne.",
        "Malheureusement, nous ne pourrons pas aller plus loin avec vous.",
        "Nous ne donnerons pas suite à votre candidature pour le moment.",
        "Votre expérience ne correspond pas aux exigences actuelles du poste.",
        "À notre grand regret, vous n'avez pas été retenu pour la phase suivante.",
        "Nous avons décidé de ne pas poursuivre le processus de recrutement avec vous.",
        "Il ne nous sera pas possible de vous faire une proposition.",
        "Toutes les places de notre programme d'alternance ont été attribuées.",
        "Nous sommes désolés de vous annoncer une réponse négative.",
        "Le recrutement a été suspendu et le poste n'est plus ouvert.",
        "Après le dernier entretien, nous avons choisi une autre personne.",
        "Nous ne sommes malheureusement pas en mesure de vous proposer un entretien.",
    ],
    "interview_invite": [
        "Nous aimerions échanger avec vous ; seriez-vous libre le {day} à 11h ?",
        "Je vous propose un deuxième entretien avec l'équipe technique.",
        "Réservez un créneau pour un appel vidéo dans notre agenda en ligne.",
        "Notre entretien doit être déplacé au {day}, est-ce possible pour vous ?",
        "Nous vous invitons à passer un cas pratique avant l'entretien final.",
    ],
    "application_received": [
        "Votre candidature est bien enregistrée et sera étudiée prochainement.",
        "Nous accusons réception de votre CV pour le poste de {role}.",
        "Nous reviendrons vers vous dès que nous aurons examiné votre dossier.",
        "Merci, ton dossier nous est bien parvenu.",
    ],
    "offer": [
        "Nous sommes ravis de vous offrir le poste de {role} avec un salaire annuel de {salary}.",
        "Voici notre proposition d'embauche, à nous retourner signée.",
        "Félicitations, nous souhaitons vous accueillir dans l'équipe : l'offre est jointe.",
        "Je vous confirme par écrit notre offre dont nous avons parlé par téléphone.",
    ],
    "other": [
        "Ces offres pourraient vous intéresser. Gérer mes alertes.",
        "Votre profil n'est complet qu'à moitié.",
        "Je suis consultant en recrutement ; auriez-vous un moment pour discuter d'une opportunité ?",
        "Votre candidature a été retirée comme demandé.",
        "Les actualités du mois : nouveaux locaux et événements.",
    ],
}
EXTRAS = {
    "rejection": ["Bonne continuation dans vos démarches.", "N'hésitez pas à postuler à nouveau."],
    "interview_invite": [""],
    "application_received": [""],
    "offer": [""],
    "other": [""],
}
