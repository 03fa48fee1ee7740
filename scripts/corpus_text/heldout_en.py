"""English text bank for the final held-out corpus, written after rule tuning stopped."""

GREETINGS = [
    "Hiya {name},",
    "Morning {name},",
    "Dear {full}",
    "Hello again {name},",
    "Dear Mx {last},",
    "Hi {name} -",
    "Dear <<FirstName>>,",
    "{full},",
]
OPENERS = [
    "Many thanks for your patience during our selection process.",
    "Thank you for the effort you put into the case study.",
    "Apologies for the slow reply; it has been a busy few weeks here.",
    "Following your application to our {programme},",
    "Thank you for taking the call with me on {day}.",
    "",
]
CLOSINGS = ["Kind wishes,", "Best wishes,", "Thanks so much,", "Yours,", "Speak soon,"]
SIGNERS = [
    "{recruiter}\nRecruitment Coordinator",
    "Talent team @ {company}",
    "{recruiter}\n{agency}",
    "The {company} Early Talent Team",
    "{recruiter} - Hiring Manager",
]
SUBJECTS = {
    "rejection": [
        "{role} - update",
        "Your {company} application",
        "Outcome of your interview",
        "RE: {role}",
        "Application {req}",
        "Thank you from {company}",
    ],
    "interview_invite": [
        "Next round - {role}",
        "{company}: interview booking",
        "Coffee chat?",
        "Assessment invitation",
    ],
    "application_received": ["Application confirmation", "Received: {role}", "{company} careers"],
    "offer": ["Offer - {role}", "Good news!", "Your contract"],
    "other": [
        "Roles you might like",
        "Your account",
        "Events this month",
        "A note from a recruiter",
    ],
}
CORES = {
    "rejection": [
        "On this occasion we won't be taking your application any further.",
        "I'm sorry to tell you that we've decided to offer the role to somebody else.",
        "Your application has not progressed to the next stage.",
        "The hiring manager has decided not to go ahead with your application.",
        "We have now closed this vacancy, having appointed a candidate.",
        "We will not be moving you on to the interview stage.",
        "The team has decided that your profile is not the right match for this position.",
        "Unfortunately you have not been successful in this round of recruitment.",
        "After reviewing the case study, we have decided not to continue with your candidacy.",
        "We are not in a position to offer you the role.",
        "We've decided to progress with applicants whose experience is more relevant to the role.",
        "The role has been put on hold indefinitely, so we are closing all applications.",
        "We've now filled all places on the {programme} for this year.",
        "It's disappointing news, I know: the panel chose not to take your application forward.",
        "You have not been shortlisted on this occasion.",
        "Sadly we won't be able to progress you to the final interview.",
        "The feedback from the panel was that other candidates had stronger {skill} experience, so we will not be proceeding.",
        "We have decided to close your application for {role}.",
        "Your interview went well, but we have decided to hire another applicant.",
        "We are unable to offer you a position at this time.",
    ],
    "interview_invite": [
        "The hiring team would like to invite you to a 60-minute interview on {day}.",
        "Could we book you in for a quick chat with the team lead this week?",
        "We'd like you to take part in our online assessment before the final interview.",
        "Please reply with two or three times that suit you for a video interview.",
        "Your second interview has been rescheduled to {day} at 1pm.",
        "You've progressed to the next stage: a technical interview with the platform team.",
    ],
    "application_received": [
        "We're confirming receipt of your application for {role}.",
        "Our team will review what you've sent and contact you about next steps.",
        "Your application has been logged and will be reviewed shortly.",
        "We have received your CV and covering letter.",
        "Thank you - your application was submitted and is being reviewed.",
    ],
    "offer": [
        "I'm delighted to offer you the {role} position, starting on {day}.",
        "Please find your contract and offer letter attached for signature.",
        "We would like to offer you a permanent contract with a salary of {salary}.",
        "The team loved meeting you, and I'm happy to extend an offer to join us.",
        "We're pleased to offer you a place on the {programme}.",
    ],
    "other": [
        "New roles matching your alert: {role}, {role} (remote). Change your job alert settings.",
        "Your password will expire in 7 days. Please update it in your account settings.",
        "Come to our summer careers open evening on {day}.",
        "I'm a recruiter at {agency} and have a role that might suit you; are you open to a conversation?",
        "This quarter's company update: new product, new office, new faces.",
        "Your candidate profile has been updated successfully.",
    ],
}
EXTRAS = {
    "rejection": [
        "Please keep an eye on our careers page.",
        "I wish you the very best.",
        "Happy to share feedback if useful.",
    ],
    "interview_invite": ["Let me know if anything needs adjusting."],
    "application_received": ["No need to reply to this email."],
    "offer": ["Congratulations!"],
    "other": [""],
}
