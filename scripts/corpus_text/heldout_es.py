"""Spanish text bank for the final held-out corpus, written after rule tuning stopped."""

GREETINGS = [
    "Buenas, {name}:",
    "Sra. {full}:",
    "Hola de nuevo {name},",
    "Apreciado/a candidato/a:",
    "Hola <<Nombre>>,",
]
OPENERS = [
    "Gracias por tu paciencia durante el proceso de selección.",
    "Gracias por completar nuestra evaluación online.",
    "Disculpe la demora en responder.",
    "",
]
CLOSINGS = ["Un fuerte abrazo,", "Cordialmente,", "Saludos afectuosos,", "Gracias de nuevo,"]
SIGNERS = ["{recruiter}\nSelección", "Equipo de RR. HH. de {company}", "{recruiter}\n{agency}"]
SUBJECTS = {
    "rejection": [
        "Tu candidatura - novedades",
        "Resultado de tu entrevista",
        "RE: {role}",
        "Candidatura {req}",
    ],
    "interview_invite": ["Próximo paso", "Agendar reunión", "Invitación"],
    "application_received": ["Candidatura recibida", "Recepción: {role}"],
    "offer": ["Buenas noticias", "Tu oferta - {role}"],
    "other": ["Ofertas para ti", "Tu cuenta", "Eventos"],
}
CORES = {
    "rejection": [
        "Hemos decidido no seguir adelante con tu candidatura para este puesto.",
        "Lamentablemente no podemos hacerle una oferta.",
        "El puesto se ha asignado a otro candidato.",
        "Al final del proceso, su perfil no ha sido elegido.",
        "No le invitaremos a la siguiente ronda de entrevistas.",
        "Hemos optado por una candidatura interna.",
        "La oferta se ha retirado y el puesto no se cubrirá.",
        "Tu trayectoria no se corresponde con las necesidades actuales del equipo.",
        "Nos vemos obligados a cerrar el proceso con usted.",
        "Nuestro programa de prácticas ya está completo este año.",
        "Sentimos no poder dar una respuesta positiva a su solicitud.",
        "Tu candidatura no ha sido seleccionada después de las entrevistas.",
        "Hemos preferido a un candidato con más experiencia en {skill}.",
        "No nos es posible continuar con tu proceso.",
        "Hemos tomado la decisión de no avanzar contigo.",
    ],
    "interview_invite": [
        "Le proponemos una segunda entrevista el {day}.",
        "¿Tendrías un momento la semana que viene para hablar con la responsable?",
        "Por favor, completa la evaluación online antes de la entrevista.",
        "Tu cita se ha trasladado al {day} a las 15:00.",
    ],
    "application_received": [
        "Su candidatura nos ha llegado correctamente y será revisada.",
        "Confirmamos la recepción de tus documentos.",
        "Te responderemos en un plazo de dos semanas.",
    ],
    "offer": [
        "Nos alegra comunicarle que le ofrecemos el puesto de {role}.",
        "Adjuntamos tu contrato de trabajo para firmar.",
        "Queremos ofrecerte el puesto con un salario de {salary}.",
    ],
    "other": [
        "Nuevas ofertas que encajan con tu perfil. Darse de baja de las alertas.",
        "Tu contraseña caduca en 7 días.",
        "Únete a nuestra jornada de puertas abiertas el {day}.",
        "Soy consultora en {agency} y tengo un puesto que podría interesarte.",
    ],
}
EXTRAS = {
    "rejection": [
        "Mucha suerte en tus próximos pasos.",
        "Puedes volver a postularte más adelante.",
    ],
    "interview_invite": [""],
    "application_received": [""],
    "offer": [""],
    "other": [""],
}
