"""More Spanish training text (issue 13): plantillas de ATS, notas de reclutadores, cartas formales, negativos difíciles.

Added to ``train_es`` (see its end).
"""

GREETINGS = [
    "Hola {{nombre}},",
    "Buenas tardes, {name}:",
    "Querido {name}:",
]
OPENERS = [
    "Gracias por la llamada del {day}.",
    "Espero que estés bien.",
    "Te escribo para darte una actualización sobre el puesto de {role}.",
    "Le agradecemos el tiempo dedicado a las entrevistas.",
]
CLOSINGS = ["Reciba un saludo,", "Quedamos en contacto,", "Besos,", "Atte.,"]
SIGNERS = [
    "Departamento de Personas, {company}",
    "{recruiter} | Talent Acquisition",
    "{recruiter}\nConsultora, {agency}",
]
SUBJECTS = {
    "rejection": [
        "Novedades sobre el proceso",
        "Tu solicitud al {programme}",
    ],
    "interview_invite": ["Cambio de fecha", "Nueva hora para la entrevista"],
    "application_received": ["Acuse de recibo"],
    "offer": ["Tu contrato"],
    "other": ["Novedades de {company}", "Tu propuesta de charla", "Tu solicitud de alquiler"],
}
CORES = {
    "rejection": [
        "Ya tenemos a otra persona para la vacante, pero gracias por venir a conocernos.",
        "La candidata elegida tiene más experiencia en {skill} y eso ha decidido el proceso.",
        "El comité ha resuelto no incluir tu candidatura entre las finalistas.",
        "Mi cliente ha decidido seguir con otro perfil con más experiencia en {skill}.",
        "Hemos cogido a otra persona para el proyecto, lo siento mucho.",
        "Acabo de hablar con el cliente y es un no por su parte.",
        "Ya hemos cubierto todas las plazas de prácticas para este verano.",
        "Creemos que no es el momento adecuado para trabajar juntos.",
        "El estado de tu candidatura ha cambiado a: descartada.",
        "Hemos decidido cubrir el puesto con alguien de la casa.",
        "La vacante ha sido cancelada y todas las candidaturas se han cerrado.",
        "Buscan a alguien con más experiencia, así que no va a poder ser.",
        "Finalmente cubriremos el puesto con una persona de la empresa.",
        "No pasarás a la próxima fase de entrevistas.",
        "Lamentamos no poder darte una buena noticia esta vez.",
        "La vacante se ha cancelado y no se cubrirá.",
        "Nos hemos decantado por alguien con más experiencia en {skill}.",
        "Lamentablemente no seguimos adelante contigo.",
        "El puesto ya ha sido cubierto.",
        "El proceso está en pausa indefinidamente, así que cerramos todas las candidaturas.",
        "Hemos decidido no seguir adelante con su candidatura.",
        "Tu perfil no encaja con lo que buscamos en este momento.",
        "Otro perfil se ajustaba más a las necesidades del puesto.",
        "Hemos decidido ir en otra dirección.",
        "No vamos a continuar con tu proceso de selección.",
        "Nuestro {programme} ya está completo este año.",
        "Todas las plazas del {programme} han sido asignadas.",
        "Guardaremos tu CV en nuestra base de datos, pero no seguiremos con tu candidatura para este puesto.",
        "Lamentamos comunicarle que no ha sido seleccionado.",
        "Tras la entrevista final, el equipo ha elegido a otra persona.",
        "Nuestro cliente ha decidido seguir con otro candidato.",
        "No podemos ofrecerte el puesto.",
        "Su candidatura no ha superado esta fase del proceso.",
        "Su resultado en la prueba no le permite continuar en el proceso.",
        "Hemos cerrado el proceso sin poder avanzar con usted.",
        "Tu experiencia no se ajusta del todo a los requisitos del puesto.",
        "Lo siento, esta vez no ha podido ser.",
        "Hemos seleccionado a otros candidatos para la siguiente fase.",
        "La vacante ha sido cubierta internamente.",
        "El puesto se ha congelado y no vamos a contratar por ahora.",
        "Tras valorar todas las candidaturas, no le ofreceremos una entrevista.",
        "Le informamos de que su solicitud no ha prosperado.",
        "Hemos tomado la decisión de continuar con otros perfiles.",
    ],
    "interview_invite": [
        "¿Te pasas el jueves por la oficina y hablamos del puesto con calma? Si no te va bien, proponme otro día.",
        "Antes de nada formal, ¿te apetece tomar un café conmigo la semana que viene?",
        "Te proponemos preparar una breve presentación sobre el caso adjunto.",
        "Lamentablemente tenemos que mover tu entrevista; ¿te iría bien el {day}?",
        "Lo siento, la responsable no puede el {day}; ¿podemos aplazar la reunión a la semana que viene?",
        "Nos gustaría invitarle a una segunda entrevista con la dirección.",
        "Has pasado a la siguiente fase: una entrevista técnica con el equipo.",
        "Indícanos tu disponibilidad para una videollamada.",
        "¿Podrías venir a la oficina el {day} para conocer al equipo?",
    ],
    "application_received": [
        "Se ha registrado su solicitud con número de registro y fecha; la lista provisional de admitidos se publicará en la sede.",
        "Tu candidatura al {programme} se ha enviado correctamente y ya la tiene nuestro equipo.",
        "Tu candidatura ha sido enviada a {company}, que se pondrá en contacto contigo directamente.",
        "Revisamos las candidaturas a medida que llegan.",
        "Si no recibe noticias nuestras en cuatro semanas, considere que su candidatura no ha sido seleccionada.",
        "Lamentablemente no podemos responder a cada candidato individualmente; le contactaremos si su perfil encaja.",
        "Este es un mensaje automático de confirmación de su candidatura.",
    ],
    "offer": [
        "No llegamos a la cifra que pediste, pero aun así queremos ofrecerte el puesto de {role} con un variable.",
        "¡Te quieren! El cliente ofrece {salary} más bonus; llámame y lo repasamos.",
        "Al equipo le encantaste: queremos hacerte una oferta.",
        "Le ofrecemos una plaza en nuestro {programme}.",
    ],
    "other": [
        "Sentimos que hayas decidido no aceptar nuestra oferta; hemos cerrado tu proceso y te deseamos suerte.",
        "Tu perfil ha recibido 12 visitas esta semana; con Premium verás quién lo ha visto.",
        "Tu cuenta de candidato lleva un año inactiva y será eliminada en 30 días.",
        "La comisión no ha concedido tu solicitud de subvención en esta convocatoria.",
        "Sea cual sea el resultado, nos gustaría saber qué te ha parecido nuestro proceso de selección.",
        "Hace poco participaste en nuestro proceso: ¿nos dedicas tres minutos en una encuesta anónima?",
        "La oferta que guardaste ya no está disponible. Aquí tienes ofertas similares.",
        "Lamentablemente, tu propuesta de charla no ha sido seleccionada para el congreso.",
        "Sentimos comunicarle que su solicitud de alquiler no ha sido aceptada.",
        "Su solicitud de préstamo ha sido rechazada.",
        "Como nos pediste, hemos retirado tu candidatura. ¡Mucha suerte en tu nuevo trabajo!",
        "Me han rechazado después de la última entrevista. ¿Quedamos el sábado?",
        "Valora tu experiencia con nuestro proceso de selección en una breve encuesta.",
        "¡Mucha suerte mañana en la entrevista!",
        "Tu suscripción ha sido cancelada.",
        "Novedades de este mes: nuevas oficinas y eventos para candidatos.",
    ],
}
EXTRAS = {
    "rejection": [
        "Le agradecemos la confianza depositada en nosotros.",
        "Quedo a tu disposición si quieres feedback.",
    ],
    "interview_invite": ["Disculpa las molestias."],
    "application_received": ["¡Mucha suerte!"],
    "offer": ["¡Bienvenido al equipo!"],
    "other": ["Darse de baja."],
}

#: Sentences found in mail of every label (so the model learns they say nothing).
NEUTRAL = [
    "No dudes en escribirme si tienes cualquier pregunta.",
    "Quería darte una actualización sobre tu candidatura.",
    "Gracias de nuevo por tu tiempo y tu interés en {company}.",
    "Hemos disfrutado mucho de las conversaciones contigo.",
    "El equipo ya ha tomado una decisión sobre los siguientes pasos.",
    "Puedes responder directamente a este correo.",
    "Gracias por tu paciencia durante estas semanas.",
    "Hemos revisado tu trayectoria con mucho interés.",
]

#: Footers that mail of every label carries (ATS notices, legal lines, phone signatures).
FOOTERS = [
    "Recibes este correo porque te has inscrito en una oferta de {company}. Darse de baja | Política de privacidad",
    "Este mensaje se ha enviado automáticamente; por favor, no respondas. Conservamos tus datos durante un año.",
    "{company} S.L., {city}. Puedes ejercer tus derechos de protección de datos en nuestra web.",
    "Enviado desde mi móvil",
]
