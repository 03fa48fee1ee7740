"""Mail written apart from the rules and training banks: structures, not memorised phrases.

Each message below was written after the rules of issue 13's fifth point and
first run unchanged (the first 42: 41 right, the flat let to another applicant
was called a rejection, the veto only looked at the sentence naming the flat;
the second 48: 46 right; the third 18, with ATS and legal footers under
rejections: 11 right, the footers' "unsubscribe" and "privacy notice" made
rejections `other`; the fourth 11, rejections beside talent communities,
newsletters, events and booking links: 7 right; the fifth 19, in German,
French and Spanish: 18 right; the sixth 12: all right). The
rejections use wordings no rule lists literally (another profile closer, a role
on hold, a cohort complete, an internal candidate, a status line); the others
are the hard negatives real inboxes hold (a moved interview that says
"unfortunately", a receipt saying "if you don't hear within 4 weeks", a closed
job in an alert, a refused talk, flat or loan, the user's own withdrawal, a
friend's rejection, a hiring survey).
"""

from __future__ import annotations

from pathlib import Path

import pytest

from nextround.classify import classify
from nextround.domain.mail import Label, MailMessage
from nextround.mail.messages import parse_message
from tests.mail.corpus import Example, build

ROOT = Path(__file__).resolve().parents[2]
R, N = "rejection", "not"
#: (truth, subject, body): rejection or not.
PROBES = [
    # en rejections
    (
        R,
        "Re: Staff Engineer",
        "Hi Sam,\n\nThanks for chatting with Priya and me last Thursday. We talked it over as a team and we're going to keep looking - we need someone with more hands-on Rust experience.\n\nReally appreciate your time,\nGreg",
    ),
    (
        R,
        "Your application",
        "Dear Sam Okafor,\n\nThank you for your interest in the Analyst role. After reviewing your application we have decided to pursue other applicants at this time.\n\nRegards,\nHR",
    ),
    (
        R,
        "Application update",
        "Hello {{FirstName}},\n\nWe wanted to let you know that the position you applied for has been closed and will not be re-opened.\n\nThe Recruiting Team",
    ),
    (
        R,
        "Internship 2026",
        "Dear applicant,\n\nDue to an overwhelming response, our 2026 summer internship cohort is now complete. We hope you will consider applying next year.\n\nCampus Team",
    ),
    (
        R,
        "Following our interview",
        "Hi Sam, it was lovely meeting you. I'm sorry to tell you the hiring manager picked a candidate who was a closer match on domain knowledge. Keep in touch! Ana",
    ),
    (
        R,
        "Your CV",
        "Dear Sam,\n\nWe have added your CV to our talent pool and will contact you should a suitable role come up. For the Product Manager position, however, we have selected someone else.\n\nBest wishes",
    ),
    (
        R,
        "Senior Designer",
        "Sam - quick note: the role is on hold after the reorg, so we're closing out all candidates for now. Sorry, I know you were far along. - Mike",
    ),
    (
        R,
        "Update",
        "Thank you for applying. Another candidate's profile was a closer fit for the team's current needs, so we won't be taking your application further.",
    ),
    (
        R,
        "Your candidacy",
        "We have chosen to fill this vacancy with an internal candidate. Thank you for your understanding.",
    ),
    (
        R,
        "Application for Data Scientist",
        "Thank you for taking the time to complete our assessment. Unfortunately your results did not meet the threshold required to proceed.",
    ),
    # en hard negatives
    (
        N,
        "Interview time change",
        "Hi Sam, unfortunately we need to move your interview on Tuesday - could you do Wednesday at 3pm instead? Sorry for the hassle.",
    ),
    (
        N,
        "Application received",
        "Thanks for applying! We review every application carefully. If you don't hear from us within 4 weeks, your application has not been successful this time.",
    ),
    (
        N,
        "Job alert",
        "The Backend Developer position at Initrode is no longer available. Here are 10 similar jobs you might like.",
    ),
    (
        N,
        "PyCon submission",
        "Thank you for submitting a talk to PyCon. Unfortunately we were not able to accept your proposal this year.",
    ),
    (
        N,
        "Your viewing",
        "Thanks for your interest in the flat on Elm Street. Unfortunately the landlord has chosen another applicant.",
    ),
    (
        N,
        "Withdrawal",
        "Hi Sam, thanks for letting us know you'd like to withdraw from the process. We've closed your application as requested. Best of luck!",
    ),
    (N, "ugh", "Hey! They rejected me after the final round, can you believe it. Coffee tomorrow?"),
    (
        N,
        "How was your experience?",
        "Whatever the outcome of your application, we'd love to hear about your experience with our hiring process. The survey takes 3 minutes.",
    ),
    # de
    (
        R,
        "Ihre Bewerbung",
        "Sehr geehrter Herr Okafor,\n\nwir haben uns nach reiflicher Überlegung für eine Bewerberin entschieden, deren Erfahrung noch besser zur Position passt.\n\nMit freundlichen Grüßen",
    ),
    (
        R,
        "Rückmeldung",
        "Hallo Sam, danke für das Gespräch letzte Woche. Wir haben intern lange diskutiert und gehen mit einem anderen Profil weiter. Alles Gute! Tim",
    ),
    (
        R,
        "Stelle",
        "Guten Tag, die ausgeschriebene Stelle wurde intern besetzt. Wir bedanken uns für Ihr Interesse.",
    ),
    (
        R,
        "Ihre Bewerbung",
        "Liebe Frau Okafor, leider müssen wir Ihnen mitteilen, dass wir Ihnen keine Zusage erteilen können. Wir nehmen Ihre Daten gern in unseren Talentpool auf.",
    ),
    (
        N,
        "Terminänderung",
        "Hallo Sam, leider müssen wir Ihr Interview am Dienstag verschieben. Passt Ihnen Donnerstag 10 Uhr?",
    ),
    (
        N,
        "Eingangsbestätigung",
        "Vielen Dank für Ihre Bewerbung. Sollten Sie innerhalb von vier Wochen nichts von uns hören, ist die Stelle anderweitig vergeben.",
    ),
    (N, "Ihr Vortrag", "Leider konnten wir Ihren Vortrag für die Konferenz nicht berücksichtigen."),
    (
        N,
        "Jobalarm",
        "Die Stelle Backend-Entwickler bei Initech ist nicht mehr verfügbar. Ähnliche Jobs finden Sie hier.",
    ),
    # fr
    (
        R,
        "Votre candidature",
        "Bonjour, après examen attentif, nous avons décidé de poursuivre avec d'autres candidats dont l'expérience est plus proche de nos besoins. Cordialement",
    ),
    (
        R,
        "Suite à votre entretien",
        "Bonjour Sam, merci pour l'échange de mardi. L'équipe a finalement choisi un profil plus senior. Bonne continuation ! Julie",
    ),
    (
        R,
        "Poste de chargé de projet",
        "Madame, Monsieur, nous vous informons que le poste a été pourvu. Nous conservons votre CV dans notre base.",
    ),
    (
        R,
        "Candidature",
        "Bonjour, le recrutement pour ce poste est suspendu jusqu'à nouvel ordre ; nous clôturons donc toutes les candidatures.",
    ),
    (
        N,
        "Entretien",
        "Bonjour, malheureusement nous devons décaler votre entretien de jeudi. Seriez-vous disponible lundi à 10h ?",
    ),
    (
        N,
        "Accusé de réception",
        "Nous avons bien reçu votre candidature. Sans réponse de notre part sous 4 semaines, considérez que votre candidature n'a pas été retenue.",
    ),
    (
        N,
        "Votre demande de prêt",
        "Nous sommes au regret de vous informer que votre demande de prêt n'a pas été acceptée.",
    ),
    (
        N,
        "Alerte",
        "L'offre Développeur Python n'est plus disponible. Découvrez des offres similaires.",
    ),
    # es
    (
        R,
        "Tu candidatura",
        "Hola Sam, gracias por tu tiempo en las entrevistas. Finalmente hemos decidido seguir con otra persona cuyo perfil se ajusta mejor al puesto. Un saludo",
    ),
    (
        R,
        "Proceso de selección",
        "Estimado candidato: le comunicamos que el puesto ha quedado cubierto. Conservaremos su CV para futuras vacantes.",
    ),
    (
        R,
        "Actualización",
        "Hola, el proceso para esta posición se ha congelado y cerramos todas las candidaturas. Lo sentimos mucho.",
    ),
    (
        R,
        "Tu candidatura",
        "Lamentablemente, en esta ocasión no has sido seleccionado para continuar en el proceso.",
    ),
    (
        N,
        "Cambio de hora",
        "Hola Sam, lamentablemente tenemos que mover tu entrevista del martes. ¿Te va bien el jueves a las 11?",
    ),
    (
        N,
        "Candidatura recibida",
        "Gracias por tu candidatura. Si no recibes noticias en 4 semanas, entiende que no has sido seleccionado.",
    ),
    (
        N,
        "Tu charla",
        "Lamentablemente, tu propuesta de charla no ha sido aceptada para el congreso.",
    ),
    (
        N,
        "Alerta",
        "La oferta Desarrollador Java ya no está disponible. Mira otras ofertas similares.",
    ),
    # A second round, written after the first round's fix (46 of 48 right at its first run:
    # a friend's "they said no" quoting a rejection, and a Spanish flat let to another tenant).
    # ---- en
    (
        R,
        "Your application to Northbeam",
        "Hi Sam,\n\nThank you for your interest in Northbeam and for taking the time to apply for the Platform Engineer role.\n\nWe've now reviewed all applications, and we're sorry to let you know that we won't be progressing yours to the next stage on this occasion.\n\nWe'll keep your details on file.\n\nThe Northbeam Talent Team\nThis is an automated message from Greenhouse.",
    ),
    (
        R,
        "Re: catch-up after Thursday",
        "Hey Sam - thanks again for coming in Thursday, everyone enjoyed meeting you. I pushed for you but the team felt they need someone who has already run a platform team, so we're not going to move ahead. Genuinely sorry. Happy to be a reference for other roles.\n\nJo\n\nOn Fri, 3 Apr 2026 at 09:12, Sam Okafor wrote:\n> Hi Jo, any news?",
    ),
    (
        R,
        "Graduate Scheme 2026",
        "Dear Sam,\n\nThank you for applying to the Meridian Graduate Scheme. We received more than 4,000 applications for 40 places and all places for the 2026 intake have now been filled. We encourage you to apply again next year.\n\nMeridian Early Careers",
    ),
    (
        R,
        "Position update",
        "Hello Sam,\n\nI hope you're well. I'm reaching out to let you know the Operations Lead vacancy has been put on hold following a restructure, and we have therefore closed the recruitment. I appreciate this is disappointing.\n\nKind regards,\nPriya Shah, HR Business Partner",
    ),
    (
        R,
        "Re: Senior Data Engineer",
        "Hi Sam, I heard back from Tessera. They really liked you but went with someone who had more Snowflake experience. Onwards - I'll send over two more roles this week.\n\nCheers,\nDan @ Harbour Recruitment",
    ),
    (
        R,
        "Your candidacy",
        "15 March 2026\n\nMr S. Okafor\n12 Elm Road\nLeeds\n\nDear Mr Okafor,\n\nRe: Finance Officer (Ref FO/22)\n\nThank you for attending interview on 10 March. I am writing to inform you that on this occasion you have not been successful.\n\nYours sincerely,\nM. Grant\nHead of HR",
    ),
    (
        R,
        "Thanks",
        "Sam, we're going to go with a candidate whose background is a bit closer to our stack. Thanks for all your time - Alex",
    ),
    (
        R,
        "Application status",
        "Dear Candidate,\n\nYour application for Analyst (R-2231) has been reviewed. Unfortunately, we have decided not to proceed with your application at this time. We encourage you to review other opportunities on our careers site.\n\nWorkday Recruiting",
    ),
    (
        N,
        "Interview on Thursday",
        "Hi Sam, really sorry but unfortunately our CTO has been called away, so we need to move your interview. Could you do Monday 11am instead? Apologies! Kate",
    ),
    (
        N,
        "Thank you for your application",
        "Thank you for applying for the Product Designer role. We will be in touch if you are shortlisted; due to the number of applications, if you have not heard from us within four weeks please assume you have been unsuccessful.",
    ),
    (
        N,
        "Jobs for you",
        "The role 'Data Analyst at Brightly' you viewed is no longer available. Check out these similar roles: Data Analyst at Quanta; BI Analyst at Loop.",
    ),
    (
        N,
        "Your submission to DevConf",
        "Dear Sam, thank you for submitting your talk. Unfortunately we were not able to include it in this year's programme; we received over 600 proposals.",
    ),
    (
        N,
        "Withdrawal confirmed",
        "Hi Sam, as per your email we've withdrawn your application for the Backend role. Thanks for letting us know and best of luck in your new position!",
    ),
    (
        N,
        "ugh",
        "Sam they said no. After 4 interviews! 'We've decided to move forward with other candidates'. Drinks?",
    ),
    (
        N,
        "Help us improve",
        "Hi Sam, you recently interviewed with us. Regardless of the outcome, we'd value your feedback on the process - it takes 2 minutes.",
    ),
    (
        N,
        "Interview invitation",
        "Hi Sam, we'd like to invite you to a first interview with the hiring manager. Please pick a slot here: calendly.com/x",
    ),
    (
        N,
        "Offer",
        "Dear Sam, we are delighted to offer you the role of Data Engineer at a salary of 65,000. Please find your contract attached.",
    ),
    # ---- de
    (
        R,
        "Ihre Bewerbung bei der Stadtwerke AG",
        "Sehr geehrter Herr Okafor,\n\nvielen Dank für Ihre Bewerbung und das Interesse an unserem Unternehmen. Nach eingehender Prüfung müssen wir Ihnen leider mitteilen, dass wir Sie im weiteren Auswahlverfahren nicht berücksichtigen können.\n\nMit freundlichen Grüßen\nPersonalabteilung",
    ),
    (
        R,
        "Rückmeldung nach dem Gespräch",
        "Hallo Sam,\n\nnochmal danke für das offene Gespräch am Dienstag. Wir haben uns im Team abgestimmt und uns am Ende für jemanden entschieden, der schon länger im Bereich Logistik arbeitet. Ich hätte dir gern etwas anderes geschrieben.\n\nViele Grüße\nKatrin",
    ),
    (
        R,
        "Position",
        "Guten Tag Herr Okafor, die Position wurde aufgrund interner Umstrukturierungen vorerst gestoppt. Wir schließen den Prozess daher für alle Bewerbenden. Freundliche Grüße",
    ),
    (
        R,
        "Traineeprogramm 2026",
        "Liebe Bewerberin, lieber Bewerber, für unser Traineeprogramm 2026 haben wir alle Plätze vergeben. Wir würden uns freuen, wenn Sie sich im nächsten Jahr erneut bewerben.",
    ),
    (
        R,
        "Ihre Bewerbung",
        "Sehr geehrter Herr Okafor, wir haben Ihre Unterlagen in unseren Talentpool aufgenommen. Für die Stelle als Buchhalter haben wir uns jedoch für einen anderen Kandidaten entschieden.",
    ),
    (
        N,
        "Terminverschiebung",
        "Hallo Herr Okafor, leider ist unser Teamleiter erkrankt. Können wir Ihr Gespräch auf Freitag 14 Uhr verlegen?",
    ),
    (
        N,
        "Eingangsbestätigung",
        "Vielen Dank für Ihre Bewerbung. Wir prüfen Ihre Unterlagen. Falls Sie innerhalb von vier Wochen nichts von uns hören, konnten wir Sie leider nicht berücksichtigen.",
    ),
    (
        N,
        "Ihre Wohnungsbewerbung",
        "Sehr geehrter Herr Okafor, leider hat sich der Vermieter für einen anderen Interessenten entschieden.",
    ),
    (
        N,
        "Rückzug",
        "Hallo Sam, wie besprochen haben wir Ihre Bewerbung zurückgezogen. Alles Gute für die neue Stelle!",
    ),
    (
        N,
        "Feedback",
        "Sie haben sich kürzlich bei uns beworben. Unabhängig vom Ausgang würden wir gern wissen, wie Sie den Prozess fanden.",
    ),
    (
        N,
        "Einladung",
        "Hallo Herr Okafor, wir möchten Sie gern zu einem Gespräch am Montag um 10 Uhr einladen.",
    ),
    # ---- fr
    (
        R,
        "Votre candidature",
        "Bonjour Sam,\n\nNous vous remercions pour l'intérêt porté à notre société. Après une étude attentive de votre dossier, nous sommes au regret de vous informer qu'il n'a pas été retenu.\n\nCordialement,\nService RH",
    ),
    (
        R,
        "Suite à nos échanges",
        "Bonjour Sam, merci encore pour ta venue mardi. L'équipe a beaucoup hésité mais nous avons finalement choisi une personne qui connaît déjà bien le secteur bancaire. Je suis sincèrement désolée. Camille",
    ),
    (
        R,
        "Poste de comptable",
        "Madame, Monsieur, nous vous informons que le poste de comptable est gelé suite à une réorganisation ; le recrutement est donc interrompu.",
    ),
    (
        R,
        "Programme VIE",
        "Bonjour, toutes les places de notre programme VIE 2026 sont désormais pourvues. Nous vous invitons à postuler l'an prochain.",
    ),
    (
        R,
        "Votre profil",
        "Bonjour, nous gardons votre CV dans notre vivier de talents ; pour ce poste, nous avons toutefois retenu un autre candidat.",
    ),
    (
        N,
        "Entretien",
        "Bonjour Sam, malheureusement la manager est absente jeudi : pouvons-nous décaler l'entretien à lundi 9h ?",
    ),
    (
        N,
        "Accusé de réception",
        "Merci pour votre candidature. Si vous n'avez pas de nouvelles de notre part d'ici quatre semaines, considérez que votre candidature n'a pas été retenue.",
    ),
    (
        N,
        "Votre dossier",
        "Bonjour, malheureusement le propriétaire a retenu un autre dossier pour l'appartement.",
    ),
    (
        N,
        "Retrait",
        "Bonjour Sam, comme convenu nous avons retiré votre candidature. Bonne continuation dans votre nouveau poste !",
    ),
    (
        N,
        "Invitation",
        "Bonjour Sam, nous souhaitons vous rencontrer pour un entretien mardi à 14h dans nos locaux.",
    ),
    # ---- es
    (
        R,
        "Tu candidatura",
        "Hola Sam:\n\nGracias por tu interés en formar parte de nuestro equipo. Tras revisar tu perfil, hemos decidido no avanzar con tu candidatura en esta ocasión.\n\nUn saludo,\nEquipo de Talento",
    ),
    (
        R,
        "Después de la entrevista",
        "Hola Sam, gracias otra vez por venir el martes. Al final nos hemos quedado con una persona que ya había liderado equipos, así que esta vez no seguimos adelante. Lo siento de verdad. Marta",
    ),
    (
        R,
        "Puesto",
        "Estimado Sr. Okafor: le informamos de que el proceso para el puesto de Contable queda suspendido por una reorganización interna.",
    ),
    (
        R,
        "Programa de becas",
        "Hola, ya hemos cubierto todas las plazas de nuestro programa de prácticas 2026. ¡Te animamos a presentarte el año que viene!",
    ),
    (
        R,
        "Tu CV",
        "Hola Sam, guardamos tu CV en nuestra bolsa de talento, pero para este puesto hemos seleccionado a otro candidato.",
    ),
    (
        N,
        "Entrevista",
        "Hola Sam, lamentablemente la responsable está de viaje; ¿podemos cambiar la entrevista al lunes a las 10?",
    ),
    (
        N,
        "Candidatura recibida",
        "Gracias por tu candidatura. Si no tienes noticias nuestras en cuatro semanas, entiende que no has sido seleccionado.",
    ),
    (
        N,
        "Tu solicitud",
        "Hola Sam, lamentablemente el propietario ha elegido a otro inquilino para el piso.",
    ),
    (
        N,
        "Retirada",
        "Hola Sam, tal y como nos pediste hemos retirado tu candidatura. ¡Mucha suerte en tu nuevo trabajo!",
    ),
    (
        N,
        "Invitación",
        "Hola Sam, nos gustaría invitarte a una entrevista el martes a las 12 en nuestra oficina.",
    ),
]

FOOT = "\n\n--\nYou are receiving this email because you applied via our careers site. Manage your email preferences or unsubscribe. Privacy notice: we keep candidate data for 12 months."
FOOT_DE = "\n\n--\nSie erhalten diese E-Mail, weil Sie sich über unser Karriereportal beworben haben. Abmelden | Datenschutzhinweise: Ihre Daten werden nach 6 Monaten gelöscht."
FOOT_FR = "\n\n--\nVous recevez cet e-mail car vous avez postulé sur notre site carrières. Se désabonner | Politique de confidentialité."
FOOT_ES = "\n\n--\nRecibes este correo porque te has inscrito en nuestro portal de empleo. Darse de baja | Política de privacidad."
#: A third round: mail with ATS and legal footers, and a reply quoting an invitation
#: (11 of 18 right at its first run: footers made rejections `other`).
FOOTED = [
    (
        R,
        "Update on your application",
        "Hi Sam,\n\nThanks for your interest in the Senior Analyst position. The hiring team has reviewed your profile and decided to move forward with candidates whose experience better fits the role's requirements."
        + FOOT,
    ),
    (
        R,
        "Your application",
        "Dear Sam,\n\nThank you for the time you invested in our interview process. While we were impressed, we have decided to extend an offer to another candidate."
        + FOOT,
    ),
    (
        R,
        "Regarding your application",
        "Hello Sam, we appreciate your patience. The position has now been filled. We'd encourage you to keep an eye on our careers page."
        + FOOT,
    ),
    (
        R,
        "Your application",
        "Hi Sam, thanks for applying. We've decided not to take your application any further at this stage."
        + FOOT,
    ),
    (
        N,
        "Welcome to our talent network",
        "Hi Sam, thanks for joining our talent network! We'll email you when jobs matching your interests are posted."
        + FOOT,
    ),
    (
        N,
        "Application received",
        "Hi Sam, we've received your application for Senior Analyst. Our team will review it and get back to you."
        + FOOT,
    ),
    (
        N,
        "Interview confirmation",
        "Hi Sam, your video interview is confirmed for Tuesday at 3pm. Unfortunately the original slot was taken, so we moved it by an hour."
        + FOOT,
    ),
    (
        R,
        "Ihre Bewerbung",
        "Hallo Sam,\n\nvielen Dank für Ihre Bewerbung. Wir haben uns entschieden, mit Kandidatinnen und Kandidaten fortzufahren, deren Profil besser zu den Anforderungen passt."
        + FOOT_DE,
    ),
    (
        R,
        "Ihre Bewerbung",
        "Hallo Sam, die Stelle ist inzwischen besetzt. Wir bedanken uns für Ihr Interesse."
        + FOOT_DE,
    ),
    (
        N,
        "Ihre Bewerbung ist eingegangen",
        "Hallo Sam, Ihre Bewerbung ist bei uns eingegangen. Wir melden uns in Kürze." + FOOT_DE,
    ),
    (
        R,
        "Votre candidature",
        "Bonjour Sam, nous avons décidé de poursuivre avec des candidats dont le profil correspond davantage aux exigences du poste."
        + FOOT_FR,
    ),
    (
        R,
        "Votre candidature",
        "Bonjour Sam, le poste a été pourvu. Merci de l'intérêt porté à notre entreprise."
        + FOOT_FR,
    ),
    (
        N,
        "Candidature reçue",
        "Bonjour Sam, nous avons bien reçu votre candidature et reviendrons vers vous rapidement."
        + FOOT_FR,
    ),
    (
        R,
        "Tu candidatura",
        "Hola Sam, hemos decidido continuar con candidatos cuyo perfil encaja mejor con los requisitos del puesto."
        + FOOT_ES,
    ),
    (
        R,
        "Tu candidatura",
        "Hola Sam, el puesto ya ha sido cubierto. Gracias por tu interés en nuestra empresa."
        + FOOT_ES,
    ),
    (
        N,
        "Candidatura recibida",
        "Hola Sam, hemos recibido tu candidatura y la revisaremos pronto." + FOOT_ES,
    ),
    # quoted earlier invitation, new text is a rejection
    (
        R,
        "Re: Interview invitation",
        "Hi Sam, following your interview last week, I'm afraid we've decided to go with another candidate. Thanks again.\n\nOn Mon, 2 Mar 2026, Jo wrote:\n> We'd like to invite you to an interview on Thursday at 10am.\n> Please confirm your availability.",
    ),
    # a rejection from a job board platform (indeed/linkedin sender)
    (
        R,
        "Your application to Brightly",
        "Hi Sam, an update on your application to Data Analyst at Brightly: Brightly has decided not to move forward with your application. Keep applying - new jobs are posted daily.",
    ),
    # A fourth round: rejections beside talent communities, newsletters, events and a
    # booking link (7 of 11 right at its first run: 'other' context or the link won).
    (
        R,
        "Your application at Corvid",
        "Hi Sam,\n\nThank you for applying to Corvid. After reviewing your application, we've decided to move forward with other applicants for this position.\n\nWe'd love to stay in touch: join our Talent Community to hear about future openings and events.\n\nBest,\nCorvid Recruiting\n\nUnsubscribe from Corvid job emails.",
    ),
    (
        R,
        "Application update",
        "Hello Sam, thank you for your interest. The role has been filled. We invite you to follow us on LinkedIn and sign up for our careers newsletter to hear about new jobs.",
    ),
    (
        R,
        "Your application",
        "Dear Sam, we regret that we will not be moving your application forward. Welcome to apply again in the future! Join our next virtual career fair on 12 May.",
    ),
    (
        R,
        "Sorry",
        "Hi Sam, sorry to be the bearer of bad news - the client went with an internal candidate. I'll keep you in mind for the next one. Book a time with me anytime: calendly.com/dan",
    ),
    (
        R,
        "Re: your application",
        "Hi Sam, thanks for your patience. We've now completed interviews and decided to offer the position to someone else. Your password for the candidate portal stays active if you want to apply to other roles.",
    ),
    (
        N,
        "Job alert: 5 new jobs",
        "New jobs matching 'Data Analyst': Data Analyst at Quanta. One position you applied to earlier is no longer accepting applications. Manage alerts | Unsubscribe",
    ),
    (
        N,
        "Welcome to the Talent Community",
        "Hi Sam, welcome to our Talent Community! Unfortunately we don't have a matching role right now, but we'll let you know when one opens.",
    ),
    (
        N,
        "Reminder",
        "Hi Sam, reminder: your interview is tomorrow at 10am. Unfortunately parking is limited so please use public transport. Unsubscribe from reminders.",
    ),
    (
        R,
        "Ihre Bewerbung",
        "Hallo Sam, leider haben wir uns für andere Bewerbende entschieden. Werden Sie Teil unseres Talent-Netzwerks und abonnieren Sie unseren Newsletter. Abmelden",
    ),
    (
        R,
        "Votre candidature",
        "Bonjour Sam, nous ne donnerons pas suite à votre candidature. Inscrivez-vous à notre newsletter carrières pour découvrir nos prochaines offres. Se désabonner",
    ),
    (
        R,
        "Tu candidatura",
        "Hola Sam, hemos decidido no seguir adelante con tu candidatura. Suscríbete a nuestro boletín de empleo para conocer nuevas ofertas. Darse de baja",
    ),
    # A fifth round in German, French and Spanish: footers, quoted replies, cancelled
    # interviews, alerts, friends (18 of 19 right at its first run: a German alert's
    # 'leider nicht mehr verfügbar' read as a rejection).
    (
        R,
        "Absage",
        "Sehr geehrte Frau Okafor,\n\nvielen Dank für Ihre Bewerbung als Projektleiterin. Nach sorgfältiger Durchsicht aller Unterlagen haben wir entschieden, Ihre Bewerbung nicht weiter zu verfolgen.\n\nWir wünschen Ihnen alles Gute.\n\n--\nPersonio GmbH im Auftrag der Firma Brandt AG. Datenschutz | Abmelden",
    ),
    (
        R,
        "AW: Bewerbung Data Scientist",
        "Hi Sam,\n\nsorry für die späte Antwort. Wir haben die Stelle jetzt mit jemandem besetzt, der schon Erfahrung mit Spark hat. Ich melde mich, wenn wieder etwas Passendes frei wird.\n\nLG Jonas\n\nAm 3. März 2026 um 09:12 schrieb Sam Okafor:\n> Hallo Jonas, gibt es schon Neuigkeiten?",
    ),
    (
        R,
        "Ihre Bewerbung",
        "Guten Tag, leider können wir Ihnen keine Einladung zu einem Vorstellungsgespräch aussprechen, da andere Bewerbungen besser zum Anforderungsprofil passten.",
    ),
    (
        R,
        "Praktikum",
        "Hallo Sam, danke für dein Interesse an einem Praktikum bei uns. Für den Sommer sind wir leider schon komplett voll und können niemanden mehr aufnehmen.",
    ),
    (
        N,
        "Ihr Interview",
        "Hallo Sam, leider fällt Ihr Interview am Donnerstag aus, da der Fachbereichsleiter krank ist. Wir schicken Ihnen morgen einen neuen Termin.",
    ),
    (
        N,
        "Neue Stellen",
        "Diese Stelle ist leider nicht mehr verfügbar. Entdecken Sie 12 ähnliche Stellen in Ihrer Nähe. Abmelden",
    ),
    (
        N,
        "Re: Absage",
        "Hey Sam, die Firma hat mir heute abgesagt, nach drei Runden. Naja. Wie läuft es bei dir?",
    ),
    (
        R,
        "Votre candidature - Chargé de marketing",
        "Bonjour Sam,\n\nNous vous remercions de l'intérêt que vous portez à notre entreprise. Malgré la qualité de votre parcours, nous ne sommes pas en mesure de donner une suite positive à votre candidature.\n\nBien cordialement,\nL'équipe recrutement\n\n--\nCet e-mail a été envoyé via Welcome to the Jungle. Se désabonner",
    ),
    (
        R,
        "RE: Poste Data Analyst",
        "Salut Sam, désolé pour le délai. On a finalement recruté quelqu'un en interne, donc le poste n'est plus ouvert. Je garde ton profil sous le coude ! Thomas\n\nLe 3 mars 2026, Sam Okafor a écrit :\n> Bonjour Thomas, avez-vous des nouvelles ?",
    ),
    (
        R,
        "Stage",
        "Bonjour Sam, merci pour ta candidature. Malheureusement nos stages pour l'été sont déjà tous attribués.",
    ),
    (
        N,
        "Entretien annulé",
        "Bonjour Sam, malheureusement nous devons annuler l'entretien de demain ; nous revenons vers vous avec une nouvelle date.",
    ),
    (
        N,
        "Offre expirée",
        "Cette offre n'est plus disponible. Découvrez 8 offres similaires près de chez vous. Se désabonner",
    ),
    (N, "bof", "Salut Sam, ils m'ont dit non après trois entretiens... On se fait un verre ?"),
    (
        R,
        "Tu candidatura - Analista",
        "Hola Sam:\n\nGracias por participar en nuestro proceso de selección. Tras valorar todas las candidaturas, lamentamos comunicarte que en esta ocasión no continuarás en el proceso.\n\nUn saludo,\nEquipo de Selección\n\n--\nEnviado a través de InfoJobs. Darse de baja",
    ),
    (
        R,
        "RE: Puesto de diseñador",
        "Hola Sam, perdona la tardanza. Al final hemos contratado a una persona con más experiencia en producto. Te tengo en cuenta para futuras posiciones. Laura\n\nEl 3 mar 2026, Sam Okafor escribió:\n> Hola Laura, ¿hay novedades?",
    ),
    (
        R,
        "Prácticas",
        "Hola Sam, gracias por tu interés. Lamentablemente las plazas de prácticas para este verano ya están todas cubiertas.",
    ),
    (
        N,
        "Entrevista cancelada",
        "Hola Sam, lamentablemente tenemos que cancelar la entrevista de mañana; te enviaremos otra fecha.",
    ),
    (
        N,
        "Oferta caducada",
        "Esta oferta ya no está disponible. Descubre 8 ofertas similares cerca de ti. Darse de baja",
    ),
    (N, "ufff", "Sam, me dijeron que no después de tres entrevistas... ¿quedamos para una caña?"),
    # A sixth round in English: a council letter, hires paused or internal, talent pools,
    # moved interviews, a paper, a mortgage, a survey (12 of 12 right at its first run).
    (
        R,
        "Outcome of your application - Ref 4471",
        "Dear Mr Okafor\n\nPost: Policy Officer (Grade 7)\n\nThank you for your application for the above post. The shortlisting panel has now met and I regret to advise that you have not been shortlisted for interview on this occasion.\n\nYours sincerely\n\nRecruitment Team, Borough Council",
    ),
    (
        R,
        "Your application",
        "Hi Sam, thank you so much for your time. We were genuinely torn, but we've offered the role to a candidate with deeper B2B experience. Please don't be a stranger!",
    ),
    (
        R,
        "Update",
        "Hi Sam, just a quick note to say the team has decided to hire internally for this one. Thanks for being so patient with us.",
    ),
    (
        R,
        "Your profile",
        "Dear Sam, we'll keep your CV in our database for future vacancies, but we will not be taking your application for the Sales Manager role any further.",
    ),
    (
        R,
        "Re: Re: next steps?",
        "Hi Sam, apologies for the silence. The hiring manager has decided to pause the search until Q3, so we're closing the process for now. I'm sorry I don't have better news.",
    ),
    (
        R,
        "Application outcome",
        "Thank you for your application to the Graduate Programme. Unfortunately you did not meet the minimum criteria for the next stage of the assessment process.",
    ),
    (
        N,
        "Your interview has moved",
        "Hi Sam, unfortunately, we have had to reschedule your interview to Friday at 2pm due to a clash. Let me know if that doesn't work.",
    ),
    (
        N,
        "Next steps",
        "Hi Sam, great news - we'd like to move you forward to the final round! Unfortunately the CEO is only free on Monday, does 9am work?",
    ),
    (
        N,
        "Application received",
        "We have received your application. Please note that due to high volumes we can only respond to successful candidates. If you have not heard from us within 30 days, please consider your application unsuccessful.",
    ),
    (
        N,
        "Conference",
        "Dear Sam, thank you for your submission to the ML Summit. We regret to inform you that your paper was not accepted.",
    ),
    (
        N,
        "Mortgage decision",
        "Dear Mr Okafor, we're sorry but we are unable to proceed with your mortgage application at this time.",
    ),
    (
        N,
        "Your feedback",
        "Thanks for interviewing with us! Whatever the outcome, please rate your candidate experience (1 minute).",
    ),
]


def mail(subject: str, text: str) -> MailMessage:
    return MailMessage("id@x", "Acme", "jobs@acme.com", ("sam@example.com",), subject, None, text)


@pytest.mark.parametrize(("truth", "subject", "text"), PROBES)
def test_rejections_and_hard_negatives_written_apart(truth: str, subject: str, text: str) -> None:
    result = classify(mail(subject, text))
    assert (result.label is Label.REJECTION) == (truth == R), result.evidence


def test_a_refused_flat_or_a_friends_rejection_never_reaches_auto_confirm_as_a_rejection() -> None:
    for text in (
        "Unfortunately the landlord has chosen another applicant for the flat.",
        "They rejected me after five rounds. Got the 'we decided to move forward with other "
        "candidates' email at 11pm. Pub?",
    ):
        assert classify(mail("Re:", text)).label is not Label.REJECTION


def _sentences(module: object) -> set[str]:
    found: set[str] = set()
    for name in ("GREETINGS", "OPENERS", "CLOSINGS", "SIGNERS"):
        found |= {s for s in getattr(module, name) if s}
    for name in ("CORES", "EXTRAS", "SUBJECTS"):
        for items in getattr(module, name).values():
            found |= {s for s in items if s}
    return found


@pytest.mark.parametrize("lang", ["en", "de", "fr", "es"])
def test_the_training_banks_copy_no_core_sentence_of_dev_or_held_out(lang: str) -> None:
    import importlib
    import sys

    sys.path.insert(0, str(ROOT / "scripts"))
    train = importlib.import_module(f"corpus_text.train_{lang}")
    for other in ("dev", "heldout"):
        bank = importlib.import_module(f"corpus_text.{other}_{lang}")
        cores = {s for items in bank.CORES.values() for s in items if s}
        assert not cores & _sentences(train), (lang, other)


@pytest.mark.parametrize(("truth", "subject", "text"), FOOTED)
def test_footers_and_quoted_replies_as_a_scan_reads_them(
    truth: str, subject: str, text: str
) -> None:
    headers = {"From": "Acme <jobs@acme.com>", "Subject": subject}
    message = parse_message(build(Example("p", "x", "plain", "utf-8", text, headers)))
    result = classify(message)
    assert (result.label is Label.REJECTION) == (truth == R), result.evidence
