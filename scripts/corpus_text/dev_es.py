"""Spanish text bank for the development corpus (first written as held-out; rules were then corrected on it)."""

GREETINGS = [
    "Querida {name}:",
    "Hola, {name}:",
    "Sr. {last}:",
    "Sra. {last}:",
    "Buenas tardes {name},",
    "Estimado/a postulante:",
    "Hola [Nombre],",
]
OPENERS = [
    "Ante todo, gracias por el tiempo que has dedicado al proceso.",
    "Hemos revisado con atención su perfil.",
    "Te escribo para darte una actualización.",
    "",
]
CLOSINGS = ["Reciba un cordial saludo,", "Saludos,", "Quedamos a su disposición,", "Muchos éxitos,"]
SIGNERS = [
    "{recruiter}\nResponsable de Personas",
    "Equipo de Reclutamiento",
    "{recruiter} en nombre de {company}",
    "{recruiter}\n{agency} Consultores",
]
SUBJECTS = {
    "rejection": [
        "Sobre tu postulación",
        "Estado del proceso",
        "{role}: decisión",
        "Después de tu entrevista",
        "Vacante {req}",
    ],
    "interview_invite": ["Conozcámonos", "Segunda entrevista", "Agenda - {role}"],
    "application_received": ["Postulación registrada", "Confirmación {req}"],
    "offer": ["Nuestra propuesta", "Tu contrato - {role}"],
    "other": ["Empleos recomendados", "Completa tu perfil", "Novedades"],
}
CORES = {
    "rejection": [
        "Tras revisar su perfil, hemos decidido no seguir adelante con su postulación.",
        "Finalmente nos hemos decantado por una candidata con más experiencia en {skill}.",
        "Tu postulación no continuará en el proceso.",
        "La posición se ha cubierto internamente.",
        "Por desgracia, no podremos avanzar contigo.",
        "No daremos continuidad a su candidatura por ahora.",
        "Su experiencia no coincide con los requisitos actuales del puesto.",
        "Sentimos decirle que no ha pasado a la siguiente fase.",
        "Hemos decidido cerrar el proceso contigo.",
        "No nos será posible hacerte una oferta.",
        "Todas las plazas del programa de becarios ya están asignadas.",
        "Lamentamos darle una respuesta negativa.",
        "El proceso se ha suspendido y la vacante ya no está abierta.",
        "Después de la última entrevista, elegimos a otra persona.",
        "Desafortunadamente no podemos invitarle a una entrevista.",
    ],
    "interview_invite": [
        "Nos encantaría charlar contigo; ¿estás libre el {day} a las 11:00?",
        "Te proponemos una segunda entrevista con el equipo técnico.",
        "Reserva un hueco para una videollamada en nuestra agenda en línea.",
        "Tenemos que mover la entrevista al {day}, ¿le viene bien?",
        "Le invitamos a resolver un caso práctico antes de la entrevista final.",
    ],
    "application_received": [
        "Su postulación ha quedado registrada y será revisada pronto.",
        "Acusamos recibo de tu CV para el puesto de {role}.",
        "Le contactaremos cuando hayamos revisado su perfil.",
        "Gracias, tu documentación nos ha llegado bien.",
    ],
    "offer": [
        "Estamos encantados de ofrecerte el puesto de {role} con un salario anual de {salary}.",
        "Aquí tienes nuestra propuesta de contratación para firmar.",
        "Enhorabuena, queremos que te unas al equipo: adjuntamos la oferta.",
        "Le confirmo por escrito la oferta que hablamos por teléfono.",
    ],
    "other": [
        "Estas vacantes podrían interesarte. Gestionar alertas.",
        "Tu perfil está completo solo a la mitad.",
        "Soy headhunter; ¿tendrías un momento para hablar de una oportunidad?",
        "Su postulación ha sido retirada según lo solicitado.",
        "Novedades del mes: nuevas oficinas y eventos.",
    ],
}
EXTRAS = {
    "rejection": ["Mucha suerte en tu búsqueda.", "No dudes en postularte de nuevo."],
    "interview_invite": [""],
    "application_received": [""],
    "offer": [""],
    "other": [""],
}
