"""The weighted phrases that the job-mail classifier reads, and when each one does not count.

Each :class:`Rule` gives points to one label when its pattern occurs in the
lower-cased subject or new body text. Its phrases are only tried when their
words occur (see :mod:`nextround.domain.phrases`); a hit is skipped when a negation comes just before it
(``negatable``), and is skipped when its sentence matches ``unless`` (the
context that turns "we regret to inform you" into a rescheduling notice).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from nextround.domain.mail import Label
from nextround.domain.phrases import Phrase, compile_phrases

R, INV, REC, OFF, OTH = (
    Label.REJECTION,
    Label.INTERVIEW_INVITE,
    Label.APPLICATION_RECEIVED,
    Label.OFFER,
    Label.OTHER,
)

# Sentences that talk about moving an interview, not about ending a candidacy.
_RESCHEDULING = (
    r"reschedul|postpone|\bmov(?:e|ed|ing) (?:it|the|your|to)\b(?! (?:application|candidacy|profile)\b)"
    r"|push (?:tomorrow|the|your)|new time"
)
# Sentences that say what *would* happen: "if you don't hear from us, assume ...".
_CONDITIONAL = r"\bif\b|\bassume\b|\bshould (?:you|your|we)\b|\bin the event\b|\bunless\b|\bonly (?:contact|be contacting)\b|\bwhen (?:selected|shortlisted)\b"
_SOMEONE_ELSE = r"another candidate|other candidate|someone else|another finalist|other applicant"


@dataclass(frozen=True)
class Rule:
    label: Label
    weight: float
    # One pattern per top-level alternative: a pattern that starts with a
    # literal is searched for quickly, a long alternation is tried at every position.
    patterns: tuple[Phrase, ...]
    negatable: bool
    unless: re.Pattern[str] | None

    @property
    def note(self) -> str:
        return f"{self.label.value} {self.weight:+.1f}"


def _rule(
    label: Label,
    weight: float,
    regex: str,
    *,
    negatable: bool = True,
    unless: str | None = None,
) -> Rule:
    return Rule(
        label,
        weight,
        compile_phrases(regex),
        negatable,
        re.compile(unless) if unless else None,
    )


_REJECTION_UNLESS = f"{_RESCHEDULING}|{_CONDITIONAL}"

RULES: tuple[Rule, ...] = (
    # -- rejection: about this applicant's candidacy not going forward ------------
    _rule(
        R,
        3.0,
        r"regret to (?:inform|tell|let) you|regret(?:fully)?,? (?:that )?(?:we|your|you)\b",
        negatable=False,
        unless=_REJECTION_UNLESS,
    ),
    _rule(
        R,
        1.0,
        r"\bregrettably\b|\bunfortunately\b|\bsadly\b|\bi'm afraid\b|\bsorry to (?:say|tell|let|inform)|bearer of bad news|isn't the (?:news|outcome)",
        negatable=False,
        unless=_REJECTION_UNLESS,
    ),
    _rule(
        R,
        3.5,
        r"(?:not|n't|no longer) (?:be )?(?:moving|move|moved|going|proceeding|proceed|progressing|progress|continuing|continue|advancing|advance|taking|take|moving ahead|move ahead)(?: forward| ahead| further| things further)?(?: with)? (?:your|you|any applicants|it|to the next|next steps|with next steps|the process|further)"
        # "... won't be moving forward at this time", "... forward in the process"
        r"|(?:not|n't|no longer) (?:be )?(?:moving|move|going|proceeding|proceed|progressing|progress|advancing|advance|continuing|continue) (?:forward|ahead|further) (?:at this (?:time|point|stage)|for now|in the (?:hiring |recruitment |interview |selection )?process|from here)"
        r"|(?:not|n't) (?:be )?(?:pursuing|pursue) (?:your|you)\b",
        negatable=False,
        unless=_REJECTION_UNLESS,
    ),
    _rule(
        R,
        3.0,
        r"not to (?:move|proceed|progress|advance|continue|pursue|take)\b.{0,40}\b(?:forward|further|ahead|application|candidacy|you)|(?:not|n't) (?:be )?taking (?:things|it|this|your application) further|(?:application|candidacy) (?:will|would) not be (?:moving|going|progressing) (?:forward|further|ahead)|(?:unable|not able|n't able) to (?:move|proceed|progress|continue) (?:forward|ahead|further|with your)",
        negatable=False,
        unless=_REJECTION_UNLESS,
    ),
    _rule(
        R,
        3.0,
        r"(?:move|moving|go|going|proceed|proceeding|progress|continue|continuing) (?:forward |ahead )?with (?:other|another|a different|candidates|applicants)|(?:pursue|pursuing|selected|chosen|chose|hire|hired|decided on|go with|went with|gone with|move ahead with) (?:other|another|a different|someone else)",
        negatable=False,
        unless=_RESCHEDULING,
    ),
    # Wordings real senders use that the corpus had not met (issue 13's outside check).
    _rule(
        R,
        3.0,
        r"not (?:a |the )?(?:strong |good |great |close |right )?(?:enough )?(?:match|fit) for (?:the|this|our) (?:role|position|team|opening|job|vacancy)"
        r"|(?:does not|do not|did not|doesn't|don't|didn't) (?:fully |quite )?(?:meet|match|align with) (?:our|the) (?:current |minimum )?(?:requirements|needs|criteria)"
        r"|more closely (?:match|matches|matched|align|aligns|aligned)\b"
        r"|(?:did not|didn't|will not|won't) (?:be )?select(?:ing)? (?:your|you)\b"
        r"|n't been (?:selected|successful|shortlisted|chosen)"
        r"|no longer (?:interviewing|hiring) for"
        r"|(?:role|position|job|vacancy|opening|programme|program) (?:was|has been|had been|is) (?:recently |now |already )?(?:filled|at capacity|full)\b"
        r"|(?:is|are) (?:now )?at (?:full )?capacity",
        negatable=False,
        unless=_CONDITIONAL,
    ),
    _rule(
        R,
        3.0,
        r"(?:extend|offer|offering|offered) the (?:offer|position|role|job) to (?:another|someone|a different)|going in a different direction",
        negatable=False,
    ),
    _rule(
        R,
        3.5,
        r"(?:have |has |were |was )?not been (?:selected|successful|shortlisted|chosen)|(?:were|was|are|is) not selected|status: not selected|(?:has been|was|been) unsuccessful|you have not been successful|did not meet the threshold",
        negatable=False,
        unless=_CONDITIONAL,
    ),
    _rule(
        R,
        3.0,
        r"(?:not|n't) (?:be )?(?:offering|offer|extending|extend)(?:ing)? (?:you|an offer|the position)|(?:unable|not able) to (?:offer|extend) you|(?:cannot|can't) offer you|not (?:be )?inviting you|unable to (?:progress|take) your application|not a strong enough match|(?:are|'re) going to pass|not (?:the )?right fit right now",
        negatable=False,
    ),
    _rule(
        R,
        3.0,
        r"(?:position|role|vacancy|requisition|job|opening)(?: you applied for)?(?:,[^,]{0,40},)? (?:has|have|had) (?:now |already )?been (?:filled|closed|cancelled|canceled|withdrawn)|we have filled|(?:position|role|vacancy|job) is no longer (?:available|open)|no longer (?:recruiting|considering candidates)|(?:close|closed|closing) (?:this |the )?(?:position|requisition|role)|stop recruiting",
        negatable=False,
    ),
    _rule(
        R,
        3.0,
        r"(?:skills|experience|background|qualifications) (?:and experience )?(?:do not|don't) match|other candidates (?:whose|who)|candidates whose (?:experience|skills|qualifications|profile)|closer (?:match|fit)|more closely (?:match|align|meet)",
        negatable=False,
        unless=_CONDITIONAL,
    ),
    # German, French and Spanish: the usual ways of saying no, formal and informal.
    _rule(
        R,
        3.0,
        r"leider müssen wir|für (?:einen |eine )?andere(?:n)? (?:bewerber|kandidat)\w* entschieden"
        r"|nicht (?:weiter |mehr )?berücksichtigen|(?:uns|wir) (?:leider )?(?:gegen sie|gegen dich|gegen ihre bewerbung|nicht für sie|nicht für dich) entschieden"
        r"|keine positive rückmeldung|keine zusage|absage (?:zu |auf )?(?:ihrer|ihre|deiner|deine) bewerbung"
        r"|anderweitig besetzt|(?:stelle|position) (?:wurde|ist) (?:leider )?(?:bereits|schon) besetzt|nicht in die engere auswahl",
        negatable=False,
    ),
    _rule(
        R,
        3.0,
        r"au regret|pas été retenue?|pas donner (?:une )?suite favorable|(?:ne|n') (?:pas|pouvons pas|pourrons pas|pouvons malheureusement pas) donner (?:une )?suite"
        r"|(?:retenu|choisi|sélectionné) (?:un autre|une autre|d'autres) (?:candidat|profil)|regrettons de vous (?:informer|annoncer)"
        r"|ne correspond (?:pas|malheureusement pas) (?:tout à fait |entièrement )?(?:à|aux) (?:nos|notre)",
        negatable=False,
    ),
    _rule(
        R,
        3.0,
        r"lamentamos informarle|continuar (?:el proceso )?con otros candidatos|no (?:has|ha) sido seleccionad[oa]"
        r"|no (?:se ajusta|encaja) (?:a|con) (?:lo que|el perfil|nuestr)|(?:vacante|posición|posicion|puesto) (?:ya )?(?:ha sido|fue) cubiert[oa]"
        r"|no (?:continuar|seguir|avanzar) con (?:su|tu) candidatura|lamentablemente,? (?:no|hemos|en esta ocasión)",
        negatable=False,
    ),
    _rule(R, 3.5, r"ご期待に添え|見送らせて|残念ながら|残念ではございますが", negatable=False),
    # -- interview invitation, scheduling, rescheduling, assessments -------------
    _rule(
        INV,
        3.0,
        r"invit(?:e|ing) you (?:to|for) (?:an? |the |our )?(?:first[- ]round |second |final |technical |phone |video |virtual |on-?site )?(?:interview|assessment|superday|meet)|pleased to invite you|delighted to invite you|like to invite you|would like to interview you|like to (?:bring you in|meet you|speak with you|interview you)|would love to (?:speak|chat|have you meet)",
        unless=_CONDITIONAL,
    ),
    _rule(
        INV,
        3.0,
        r"(?:schedule|arrange|book|set up|setup) (?:a |an |the |your |our )?(?:quick |short |first[- ]round |\d+[- ]minute |virtual |final )?(?:phone |video |technical |screening |intro |hiring manager )?(?:interview|call|screen|chat|conversation|slot|interviews)",
        unless=_CONDITIONAL,
    ),
    _rule(
        INV,
        2.5,
        r"(?:pick|choose|select|book|grab) (?:a |an |your |any )?(?:preferred )?(?:time|slot|date|interview time)|share (?:your|a few) (?:availability|time)|(?:let (?:me|us) know|reply with|submit|confirm) (?:your|a few) (?:availability|times)|availability form|are you (?:free|available) (?:for|on)|(?:does|would|do) (?:\w+ ){0,4}(?:work|suit)\b|do you have time|(?:have|hop on|jump on) a (?:quick |short )?(?:\d+[- ]minute )?(?:call|chat)|come (?:by|in|into) the office|your (?:calendar|availability) look|what does your calendar",
        unless=_CONDITIONAL,
    ),
    _rule(
        INV,
        3.0,
        r"your (?:virtual )?(?:interview|onsite)\b.{0,80}\b(?:is (?:confirmed|scheduled|tomorrow)|has been (?:confirmed|scheduled|rescheduled|moved)|(?:must|will|needs to|has to) be (?:moved|rescheduled|postponed)|will take place)|(?:continue|proceed) with (?:a|an|the) (?:\w+ ){0,3}interview|interview (?:confirmation|invitation|request|scheduled|rescheduled|reminder)|(?:reschedule|move|push|cancel) (?:your |the |this afternoon's |tomorrow's )?interview|interview (?:scheduled|booked) for|booked the (?:\w+ )?interview|join your interview|agenda:",
        negatable=False,
    ),
    _rule(
        INV,
        3.0,
        r"complete (?:an? |the |our |your )?(?:short |online |recorded |pre-interview )?(?:coding |skills |video |design |writing |numerical )?(?:assessment|challenge|exercise|test|interview|questionnaire)|take[- ]home|hackerrank|codility|codesignal|hirevue|coding assessment|assessment centre|superday",
        negatable=False,
        unless=r"did not|results did not|after reviewing the results|not (?:to )?progress",
    ),
    _rule(
        INV,
        2.5,
        r"next (?:step|stage|round)\b.{0,60}\b(?:interview|conversation|call|screen|assessment|exercise|meeting|meet)|move you (?:forward )?to the next|(?:final|next|second) round|shortlisted|selected to move forward to the interview|interview stage|onsite interview|panel interview",
        unless=_CONDITIONAL,
    ),
    _rule(
        INV,
        2.0,
        r"calendly\.com|/schedule|/book\b|scheduling (?:link|tool)|calendar invit|video (?:call|interview)|phone (?:screen|interview|call)|via (?:zoom|teams|google meet)",
        unless=_CONDITIONAL,
    ),
    _rule(
        INV,
        3.0,
        r"vorstellungsgespräch|entretien|vous rencontrer|invitarle a una entrevista|面接",
        negatable=False,
    ),
    # -- application received ----------------------------------------------------
    _rule(
        REC,
        2.5,
        r"(?:received|receipt of|got|have) your (?:application|resume|cv|submission)|(?:application|submission|resume) (?:has been |was |is )?(?:received|submitted)|(?:confirm|confirms|acknowledge|acknowledges) (?:that we have received|receipt|the receipt)|application (?:confirmation|acknowledgement|receipt)|just landed in our inbox|(?:is|are) (?:now )?(?:being )?(?:reviewing|under review|in my queue|with our recruitment)",
        negatable=False,
    ),
    _rule(
        REC,
        2.0,
        r"(?:will|we'll|shall) (?:carefully )?(?:review|look through|be reviewing|begin reviewing)|reviewing (?:all )?applications|review (?:it|your application|applications) (?:shortly|carefully|this week|after|on a rolling)|be in touch|get back to you|let you know the outcome|(?:typically|usually) takes|reply to everyone|(?:assume|unable to respond|not be able to reply|cannot provide feedback)",
        negatable=False,
    ),
    _rule(
        REC,
        2.0,
        r"if (?:you are |you're )?(?:selected|shortlisted)|if (?:your|there'?s|there is) (?:a )?(?:experience|qualifications|background|skills|profile)?\s?(?:is a |are a )?(?:match|fit)|if we (?:decide to move forward|would like to)|only (?:shortlisted|contact)|should your background|contact (?:qualified|you if)|track the status|check your application status|closing date",
        negatable=False,
    ),
    _rule(
        REC,
        2.0,
        r"thank(?:s| you) for (?:applying|your application|submitting|sending your cv)",
        negatable=False,
        unless=r"(?:moving|move) forward|not|unfortunately|regret",
    ),
    _rule(
        REC,
        3.0,
        r"eingang ihrer|eingangsbestätigung|bien reçu votre candidature|accusé de réception|hemos recibido su candidatura|受け付けました",
        negatable=False,
    ),
    # -- offer --------------------------------------------------------------------
    _rule(
        OFF,
        4.0,
        r"(?:pleased|delighted|happy|thrilled|excited|pleasure|like|love|want) to (?:offer you|extend (?:you |to you )?(?:an|our|a conditional) offer|make you (?:an|a conditional) offer|confirm our offer)|(?:extend|make) (?:you )?an offer (?:for|to join|of)|offer of employment|(?:conditional|verbal|formal|written|revised|job) offer\b|offer (?:letter|package|details|includes)|your offer (?:for|from|is ready|letter|package)|(?:revise|revised) our offer|we're offering you|offer you (?:the|a) (?:position|role|job|place|post)",
        unless=f"{_SOMEONE_ELSE}|decline",
    ),
    _rule(
        OFF,
        2.0,
        r"base salary|signing bonus|equity|start date|sign (?:and return|by|your offer)|e-sign|docusign|accept (?:it|the offer|your offer)",
        unless=r"not|declin",
    ),
    _rule(
        OFF,
        4.0,
        r"anbieten zu können|vertragsangebot|proposer le poste|promesse d'embauche|ofrecerle el puesto|carta de oferta|内定|採用させていただく",
        negatable=False,
    ),
    # -- other: alerts, outreach, newsletters, withdrawals, accounts, onboarding ---
    _rule(
        OTH,
        3.0,
        r"unsubscribe|manage (?:your )?(?:email|job alert|alert)|job alert|jobs (?:you may|matching|for you|similar)|new jobs|you may like|similar jobs|you might like|change alert|edit alert|email settings|newsletter|digest",
        negatable=False,
    ),
    _rule(
        OTH,
        3.5,
        r"withdraw|withdrawn|withdrawal|decision to decline|you're withdrawing|accepted another offer",
        negatable=False,
    ),
    _rule(
        OTH,
        3.0,
        r"came across your profile|(?:your (?:profile|background|experience)) (?:caught my eye|looks like a (?:strong|great) match)|(?:i|we) recruit for|i'm a recruiter|i lead recruiting|my client|our client|client (?:is|that is) looking|open to (?:new )?opportunities|open to a (?:quick )?chat|any interest in|would you be (?:interested|open)|if you're (?:interested|open)|if interested|reaching out about|hope you don't mind me reaching out|bumping my|not looking|contract (?:role|requirement)|updated cv",
        negatable=False,
    ),
    _rule(
        OTH,
        3.0,
        r"verify your email|confirm your email|reset (?:the |your )?password|account (?:has been )?created|candidate account|profile (?:is set up|is ready|was updated|is live)|talent community|haven't submitted|finish your application|is missing|privacy notice|data protection|personal data",
        negatable=False,
    ),
    _rule(
        OTH,
        3.0,
        r"first day|onboarding|background check|right-to-work|payroll|welcome to (?!the)|glad you accepted|career fair|webinar|booth|special offer|limited time|refer (?:a friend|them|you)|referral|survey|hotel|car park|statement is ready|free trial|event",
        negatable=False,
    ),
)


def _index(
    rules: tuple[Rule, ...],
) -> tuple[dict[str, list[tuple[int, Phrase]]], list[tuple[int, Phrase]]]:
    by_word: dict[str, list[tuple[int, Phrase]]] = {}
    by_literal: list[tuple[int, Phrase]] = []
    for number, rule in enumerate(rules):
        for phrase in rule.patterns:
            if phrase.words:
                by_word.setdefault(max(phrase.words, key=len), []).append((number, phrase))
            else:
                by_literal.append((number, phrase))
    return by_word, by_literal


#: The phrases to try, under their longest word; and those with no whole word to look up.
BY_WORD, BY_LITERAL = _index(RULES)

#: Domains of job boards whose mail is alerts and advertising, never an answer.
JOB_BOARDS = frozenset(
    {"linkedin.com", "indeed.com", "glassdoor.com", "ziprecruiter.com", "monster.com", "dice.com"}
)
#: Applicant-tracking systems: mail from them is about an application (a weak hint only).
ATS_DOMAINS = (
    "greenhouse-mail.io", "greenhouse.io", "hire.lever.co", "ashbyhq.com", "myworkday.com",
    "smartrecruiters.com", "icims.com", "workablemail.com", "jobvite.com", "bamboohr.com",
)  # fmt: skip
