"""Spanish text bank for the training corpus."""

GREETINGS = [
    "Estimado/a {name}:",
    "Hola {name},",
    "Estimada {full}:",
    "Estimado candidato:",
    "Buenos días {name},",
    "Estimado/a {{nombre}}:",
]
OPENERS = [
    "Gracias por tu interés en el puesto de {role} en {company}.",
    "Le agradecemos el interés mostrado en formar parte de {company}.",
    "Muchas gracias por participar en nuestro proceso de selección.",
    "Gracias por la entrevista de la semana pasada.",
    "En relación con su candidatura para la vacante {role} (ref. {req}),",
    "",
]
CLOSINGS = ["Un saludo,", "Saludos cordiales,", "Atentamente,", "Un cordial saludo,", "Un abrazo,"]
SIGNERS = [
    "El equipo de Talento de {company}",
    "{recruiter}\nRecursos Humanos, {company}",
    "{recruiter}\nTalent Acquisition | {company}",
    "{recruiter}",
    "Departamento de Selección",
]
SUBJECTS = {
    "rejection": [
        "Tu candidatura en {company}",
        "Actualización sobre su candidatura",
        "Proceso de selección: {role}",
        "Respuesta a su candidatura ({req})",
    ],
    "interview_invite": [
        "Invitación a entrevista",
        "Siguientes pasos en {company}",
        "Entrevista: {role}",
        "Prueba técnica - {role}",
    ],
    "application_received": [
        "Hemos recibido tu candidatura",
        "Confirmación de candidatura",
        "Candidatura: {role}",
    ],
    "offer": ["Oferta de empleo", "Tu carta de oferta", "¡Buenas noticias de {company}!"],
    "other": [
        "Nuevas ofertas para ti",
        "Boletín de {month}",
        "Confirma tu correo electrónico",
        "Oportunidad con mi cliente",
        "Tu primer día",
        "Feria de empleo",
    ],
}
CORES = {
    "rejection": [
        "Lamentamos informarle que no ha sido seleccionado para continuar en el proceso.",
        "Tras analizar tu perfil, hemos decidido continuar con otros candidatos.",
        "Lamentablemente, su perfil no se ajusta a lo que buscamos en este momento.",
        "La vacante ya ha sido cubierta.",
        "Hemos decidido no avanzar con tu candidatura.",
        "Después de valorar todas las candidaturas, hemos optado por otro perfil que encaja mejor con el puesto.",
        "En esta ocasión no podremos seguir adelante con su candidatura.",
        "Sentimos comunicarte que no has sido seleccionada para la siguiente fase.",
        "Tras la entrevista, el equipo ha decidido seguir con otra persona.",
        "Nuestro programa de prácticas ya está completo para este año.",
        "Lamentablemente, no podemos ofrecerle el puesto.",
        "El proceso de selección para esta posición se ha cerrado.",
        "Su experiencia no encaja con los requisitos actuales del puesto.",
        "Hemos decidido no continuar con su candidatura en esta ocasión.",
    ],
    "interview_invite": [
        "Nos gustaría invitarle a una entrevista para el puesto de {role}.",
        "¿Tendrías disponibilidad el {day} a las 16:00 para una llamada?",
        "Por favor, elige un horario en el siguiente enlace.",
        "El siguiente paso es una prueba técnica online que deberás completar en cinco días.",
        "Queremos conocerte en persona en nuestras oficinas.",
        "Tenemos que reprogramar tu entrevista. ¿Te vendría bien el {day}?",
        "Su entrevista del {day} a las 10:00 queda confirmada.",
    ],
    "application_received": [
        "Hemos recibido tu candidatura correctamente.",
        "Le confirmamos la recepción de su currículum.",
        "Nuestro equipo revisará tu perfil y se pondrá en contacto contigo si encaja con el puesto.",
        "Puedes consultar el estado de tu candidatura en el portal del candidato.",
        "Si en cuatro semanas no ha recibido respuesta, considere que su candidatura no ha sido seleccionada.",
    ],
    "offer": [
        "Nos complace ofrecerle el puesto de {role}.",
        "Adjuntamos tu carta de oferta con el salario y la fecha de incorporación.",
        "¡Enhorabuena! Queremos hacerte una oferta para unirte al equipo.",
        "Tenemos el placer de presentarle una oferta de empleo.",
        "Por favor, devuélvenos el contrato firmado antes del {day}.",
    ],
    "other": [
        "Estas son las nuevas ofertas de empleo según tu alerta. Darse de baja.",
        "He visto tu perfil y selecciono para un cliente; ¿te interesaría hablar?",
        "Confirma tu correo electrónico para activar tu cuenta de candidato.",
        "Hemos recibido tu solicitud para retirar tu candidatura.",
        "Te esperamos en tu primer día el {day}. Adjuntamos el plan de bienvenida.",
        "Visítanos en la feria de empleo el {day}.",
        "En nuestro boletín: nuevas oficinas y vacantes abiertas.",
    ],
}
EXTRAS = {
    "rejection": [
        "Te deseamos mucho éxito en tu búsqueda.",
        "Conservaremos su CV para futuros procesos.",
    ],
    "interview_invite": ["Confírmanos tu asistencia, por favor."],
    "application_received": ["Por favor, no responda a este correo."],
    "offer": ["Estamos deseando trabajar contigo."],
    "other": [""],
}

# More senders' styles, indirect wording and hard negatives (issue 13).
from corpus_text import add_more, more_es  # noqa: E402

add_more(globals(), more_es)
