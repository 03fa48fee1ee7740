"""The classifier's rules one at a time: confidence, negation, sentence context, sender hints.

The corpus tests (``test_mail_classifier.py``) say the classifier is right often
enough; these say each rule does what the module promises, case by case.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from nextround.classify import connect
from nextround.classify import scoring as classifier
from nextround.classify.connect import connect_answer
from nextround.classify.scoring import MIN_SCORE, classify, normalise, score
from nextround.domain.mail import Label, MailMessage
from nextround.errors import ConfigError
from nextround.mailconfig import mail_settings

INVITE = "like to invite you"


def mail(
    text: str, subject: str = "Your application", sender: str = "jobs@acme.com", quoted: str = ""
) -> MailMessage:
    return MailMessage("id@x", "Acme", sender, ("sam@example.com",), subject, None, text, quoted)


# -- confidence: the winning score and its lead over the runner-up ---------------------


@pytest.mark.parametrize(
    ("top", "runner_up", "confidence"),
    [
        (0.0, 0.0, 0.25),  # nothing to go on
        (2.0, 2.0, 0.25),  # a tie: no lead, no confidence beyond the floor
        (6.0, 6.0, 0.25),
        (2.0, 0.0, 0.511),
        (3.0, 1.0, 0.571),
        (4.0, 0.0, 0.768),
        (4.0, 2.0, 0.45),  # contested: a runner-up with half the score
        (5.0, 2.0, 0.731),  # the runner-up takes from the lead
        (6.0, 0.0, 0.898),
        (6.0, 5.0, 0.317),
        (30.0, 15.0, 0.45),  # however high both score
        (10.0, 0.0, 0.981),
        (20.0, 0.0, 0.99),  # capped: the rules are never certain
    ],
)
def test_confidence(top: float, runner_up: float, confidence: float) -> None:
    assert classifier._confidence(top, runner_up) == confidence


def test_confidence_grows_with_the_score_and_with_the_lead() -> None:
    by_top = [classifier._confidence(top, 0.0) for top in (1.0, 2.0, 3.0, 5.0, 8.0)]
    assert by_top == sorted(by_top) and len(set(by_top)) == len(by_top)
    by_runner_up = [classifier._confidence(5.0, second) for second in (0.0, 1.0, 2.5, 4.0, 5.0)]
    assert by_runner_up == sorted(by_runner_up, reverse=True) and len(set(by_runner_up)) == 5


def test_the_runner_up_label_counts() -> None:
    alone = classify(mail("We have decided not to move forward with your application."))
    contested = classify(
        mail(f"We have decided not to move forward with your application. We would {INVITE}.")
    )
    assert (alone.label, alone.confidence) == (Label.REJECTION, 0.657)
    # Rejection 3.0 against an invitation's 3.0: the label is a guess, the confidence says so.
    assert (contested.label, contested.confidence) == (Label.REJECTION, 0.25)


@given(
    top=st.floats(MIN_SCORE, 200, allow_nan=False),
    share=st.floats(0.5, 1.0, allow_nan=False),
)
@settings(derandomize=True, max_examples=300, database=None)
def test_mail_that_scores_high_for_two_labels_never_reaches_any_auto_confirm_level(
    top: float, share: float
) -> None:
    runner_up = max(MIN_SCORE, top * share)
    if runner_up > top:
        return
    assert classifier.contested(top, runner_up)
    assert classifier._confidence(top, runner_up) <= classifier.CONTESTED_CAP


def test_the_contested_cap_is_below_the_lowest_threshold_the_settings_accept(
    tmp_path: Path,
) -> None:
    assert classifier.CONTESTED_CAP < 0.5
    assert mail_settings({"mail": {"auto_confirm_above": 0.5}}, tmp_path, {}).auto_confirm_above
    with pytest.raises(ConfigError):
        mail_settings({"mail": {"auto_confirm_above": 0.49}}, tmp_path, {})


def test_a_strong_winner_with_a_weak_runner_up_is_not_contested() -> None:
    # A rejection after an interview mentions the interview: that must not hold it back.
    assert not classifier.contested(12.0, 4.0)
    assert not classifier.contested(3.0, 1.0)  # a runner-up too weak to be a label
    assert classifier._confidence(12.0, 4.0) > 0.9


def test_real_mail_with_strong_cues_for_two_labels_waits_for_review() -> None:
    text = (
        "Unfortunately, we have decided not to move forward with your application and we "
        "regret to inform you that the position has been filled. However, we would like to "
        "invite you to an interview for another role: please schedule a call using the "
        "scheduling link below, and pick a time for the video interview."
    )
    found = classify(mail(text))
    points, _evidence = score(normalise("Your application", text))
    ranked = sorted(points.values(), reverse=True)
    assert classifier.contested(ranked[0], ranked[1])
    assert found.confidence <= classifier.CONTESTED_CAP


def test_below_the_minimum_it_is_other_and_unsure() -> None:
    nothing = classify(mail("Hello there", subject="Lunch"))
    assert nothing.label is Label.OTHER
    assert nothing.confidence == round(classifier._confidence(MIN_SCORE, 0.0) * 0.6, 4)
    assert nothing.evidence == ("no label reached 2.0: other",)
    weak = classify(mail("Unfortunately the coffee machine is broken.", subject="Kitchen"))
    assert weak.label is Label.OTHER
    assert weak.confidence == pytest.approx(classifier._confidence(MIN_SCORE, 1.0) * 0.6)
    assert weak.evidence == ('rejection: "unfortunately" (+1.0)', "no label reached 2.0: other")


def test_a_job_board_adds_a_point_to_other_and_says_so() -> None:
    text = "We received your application."  # application_received 2.5
    plain = classify(mail(text))
    board = classify(mail(text, sender="jobs-noreply@linkedin.com"))
    assert plain.label is board.label is Label.APPLICATION_RECEIVED
    assert board.confidence < plain.confidence
    assert board.evidence[-1] == "other: sent by job board linkedin.com (+1.0)"
    sub = classify(mail(text, sender="alerts@mail.indeed.com"))
    assert sub.evidence[-1] == "other: sent by job board mail.indeed.com (+1.0)"
    lookalike = classify(mail(text, sender="x@notlinkedin.com"))
    assert lookalike.confidence == plain.confidence and lookalike.evidence == plain.evidence


def test_a_job_board_alone_makes_other() -> None:
    found = classify(mail("Hello", subject="News", sender="x@glassdoor.com"))
    assert found.label is Label.OTHER
    assert found.confidence == pytest.approx(classifier._confidence(MIN_SCORE, 0.0) * 0.6)
    assert found.evidence == ("other: sent by job board glassdoor.com (+1.0)",)


def test_the_subject_is_read_too() -> None:
    found = classify(mail("Best wishes, Jo", subject="We regret to inform you"))
    assert found.label is Label.REJECTION


def _rules_say(monkeypatch: pytest.MonkeyPatch, **points: float) -> None:
    given = {Label(name): value for name, value in points.items()}
    monkeypatch.setattr(classifier, "score", lambda _text: (dict.fromkeys(Label, 0.0) | given, []))


@pytest.mark.parametrize("label", [Label.REJECTION, Label.OTHER])
@pytest.mark.parametrize("points", [MIN_SCORE, 3.0])
def test_a_label_at_the_minimum_score_stands_with_the_formula_s_confidence(
    monkeypatch: pytest.MonkeyPatch, label: Label, points: float
) -> None:
    """``other`` included: at MIN_SCORE it is a label of its own, not the fallback."""
    _rules_say(monkeypatch, **{label.value: points})
    found = classify(mail("A note."))
    assert found.label is label
    assert found.confidence == classifier._confidence(points, 0.0)


def test_a_job_board_adds_one_to_other_s_own_points(monkeypatch: pytest.MonkeyPatch) -> None:
    _rules_say(monkeypatch, other=2.5)
    found = classify(mail("A note.", sender="alerts@indeed.com"))
    assert found.confidence == classifier._confidence(3.5, 0.0)


def test_an_applicant_tracking_system_is_noted_but_scores_nothing() -> None:
    text = "We received your application."
    plain = classify(mail(text))
    ats = classify(mail(text, sender="no-reply@us.greenhouse-mail.io"))
    assert ats.confidence == plain.confidence
    assert ats.evidence == (
        *plain.evidence,
        "sent through applicant-tracking system us.greenhouse-mail.io",
    )


# -- negation: a negation word just before a phrase, in the same clause ---------------


@pytest.mark.parametrize(
    ("before", "negated"),
    [
        ("we would ", False),
        ("we would not ", True),
        ("we cannot ", True),
        ("we won't ", True),
        ("we are unable to ", True),
        ("we will never ", True),
        ("we are no longer ", True),
        ("without delay we would ", True),
        ("knot aside, we would ", False),  # "not" inside a word is no negation
        ("we would not. now we would ", False),  # the sentence ended
        ("not now, but we would ", False),  # a comma ends the clause
        ("not now! we would ", False),
        ("not now?\nwe would ", False),
        # The window is 30 characters: "not" starting 30 before the phrase counts, 31 doesn't.
        ("not " + "a" * 25 + " ", True),
        ("not " + "a" * 26 + " ", False),
    ],
)
def test_negation_window(before: str, negated: bool) -> None:
    points, evidence = score(before + INVITE)
    assert points[Label.INTERVIEW_INVITE] == (0.0 if negated else 3.0)
    if negated:
        assert evidence == ['ignored "like to invite you": negated']


def test_a_negated_phrase_counts_when_it_occurs_again_plainly() -> None:
    points, evidence = score(f"we would not {INVITE}. but now we would {INVITE}.")
    assert points[Label.INTERVIEW_INVITE] == 3.0
    assert evidence == ['interview_invite: "like to invite you" (+3.0)']


def test_only_negatable_rules_are_negated() -> None:
    # "not to move forward" is itself negative: rule 3 is not negatable.
    points, _ = score("we have decided not to move forward with your application")
    assert points[Label.REJECTION] == 3.0


# -- the sentence around a hit: rescheduling and conditions veto a rejection ----------


@pytest.mark.parametrize(
    ("text", "rejection", "ignored"),
    [
        ("we regret to inform you that the role is gone.", 3.0, None),
        ("we regret to inform you that your interview must be rescheduled.", 0.0, "reschedul"),
        ("if we regret to inform you that the role is gone", 0.0, "if"),
        # Only the hit's own sentence is read, on either side.
        ("we regret to inform you that the role is gone. please reschedule lunch.", 3.0, None),
        ("if you reschedule. we regret to inform you that the role is gone", 3.0, None),
        ("we regret to inform you that the role is gone! if you want", 3.0, None),
        ("we regret to inform you that the role is gone? if you want", 3.0, None),
        ("we regret to inform you that the role is gone; if you want", 3.0, None),
        ("we regret to inform you that the role is gone\nif you want", 3.0, None),
        ("if you want\nwe regret to inform you that the role is gone", 3.0, None),
        ("if you want! we regret to inform you that the role is gone", 3.0, None),
        ("if you want? we regret to inform you that the role is gone", 3.0, None),
    ],
)
def test_the_sentence_can_veto_a_hit(text: str, rejection: float, ignored: str | None) -> None:
    points, evidence = score(text)
    assert points[Label.REJECTION] == rejection
    if ignored is not None:
        assert f'ignored "regret to inform you": sentence says "{ignored}"' in evidence


def test_evidence_lists_each_rule_once_with_its_weight() -> None:
    points, evidence = score("we received your application. thank you for applying!")
    assert points[Label.APPLICATION_RECEIVED] == 4.5
    assert evidence == [
        'application_received: "received your application" (+2.5)',
        'application_received: "thank you for applying" (+2.0)',
    ]


@pytest.mark.parametrize(
    ("text", "received", "rejection"),
    [
        # Alone, the opener yields to a no: the letter is no receipt as well.
        (
            "thank you for applying to acme. sadly, we have decided not to move forward "
            "with your application.",
            0.0,
            4.0,
        ),
        # Beside a receipt's own words it counts, whatever else the letter says.
        (
            "thank you for applying. we have received your application. we regret to inform "
            "you that we will not be moving forward.",
            4.5,
            6.0,
        ),
        # With nothing else said, it is the receipt's evidence.
        ("thank you for applying to acme.", 2.0, 0.0),
        # A weak other label (under OPENER_YIELDS) does not outweigh it.
        ("thank you for applying to acme. unfortunately the portal is slow.", 2.0, 1.0),
    ],
)
def test_an_opener_alone_yields_to_another_labels_rules(
    text: str, received: float, rejection: float
) -> None:
    points, evidence = score(text)
    assert (points[Label.APPLICATION_RECEIVED], points[Label.REJECTION]) == (received, rejection)
    yielded = 'ignored "thank you for applying": it opens letters of every kind' in evidence
    assert yielded == (received == 0.0)


def test_a_thank_you_opener_does_not_make_a_plain_no_contested() -> None:
    """The most common rejection template: before openers, "thank you for applying" (+2.0)
    against the no's +4.0 capped its confidence at the contested 0.45."""
    found = classify(
        MailMessage(
            message_id="<a@b>",
            sender_name="Acme Robotics",
            sender="jobs@acme.example",
            to=(),
            subject="Your application",
            date=None,
            text="Dear Sam,\n\nThank you for applying for the Backend Engineer position. "
            "Unfortunately, after careful consideration, we have decided not to move forward "
            "with your application at this time.\n\nAcme Robotics Talent Team",
        )
    )
    assert found.label is Label.REJECTION and found.confidence > classifier.CONTESTED_CAP


def test_normalise_reads_the_subject_and_the_start_of_the_body() -> None:
    assert normalise("Re: YOUR Application", "We \u2019d \u201cLIKE\u201d") == (
        're: your application\nwe \'d "like"'
    )
    long = "a" * classifier.CLASSIFY_LIMIT + "UNFORTUNATELY"
    assert normalise("", long) == "\n" + "a" * classifier.CLASSIFY_LIMIT
    assert classifier._plain_quotes("\u2018x\u2019") == "'x'"


def test_a_cue_past_the_read_limit_is_not_read() -> None:
    far = "Hello. " + "x" * classifier.CLASSIFY_LIMIT + " We received your application."
    assert classify(mail(far)).label is Label.OTHER


# -- "OK to connect?" replies ----------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "quoted", "answer", "confidence"),
    [
        # Two cues ("sure" opening the reply, "happy to connect"); "connect" shows it was asked.
        ("Sure, happy to connect!", "", True, 0.9),
        ("Happy to connect. Sent you a request.", "", True, 0.9),
        ("Yes! Happy to connect. Sent you a request.", "", True, 0.95),
        ("Thanks, sure!", "", None, 0.5),  # "sure" counts only opening the reply
        # The quoted question makes a bare answer more certain.
        ("I would prefer not to.", "", False, 0.55),
        ("I would prefer not to.", "OK to connect on LinkedIn?", False, 0.75),
        ("I would prefer not to, I only connect with people I worked with.", "", False, 0.9),
        # A no outweighs a yes; half of each yes is taken from its certainty.
        ("Sure, but I prefer not to connect", "", False, 0.675),
        ("Not sure which profile is yours", "", None, 0.6),
        ("Thanks for the card", "", None, 0.5),
        ("Happy to connect, but which profile is yours?", "", None, 0.6),
        ("I am not happy to connect", "", None, 0.5),
    ],
)
def test_connect_answer_and_its_confidence(
    text: str, quoted: str, answer: bool | None, confidence: float
) -> None:
    found, sure, evidence = connect_answer(mail(text, quoted=quoted))
    assert (found, sure) == (answer, confidence)
    assert evidence or answer is None


def test_connect_answer_evidence_names_every_cue() -> None:
    _, _, evidence = connect_answer(mail("Sure, happy to connect. Not sure which profile?"))
    assert evidence == (
        'yes: "sure"',
        'yes: "happy to connect"',
        'unclear: "not sure"',
        'unclear: "which profile"',
        'unclear: "?"',
    )


@pytest.mark.parametrize(
    ("cues", "hedges", "asked", "confidence"),
    [
        (1.0, 0, True, 0.75),
        (1.0, 0, False, 0.55),
        (2.0, 0, True, 0.9),
        (3.0, 0, True, 0.95),  # cues count up to 2.5
        (2.0, 1, True, 0.75),
        (0.0, 4, False, 0.3),  # never below 0.3
    ],
)
def test_connect_confidence(cues: float, hedges: int, asked: bool, confidence: float) -> None:
    assert connect._connect_confidence(cues, ["?"] * hedges, asked) == confidence


# -- wordings real senders use that the corpus had not met (issue 13) -------------------

OUTSIDE_REJECTIONS = [
    "After reviewing your application, we won't be moving forward at this time.",
    "We will not be moving forward at this time.",
    "After careful review we feel you are not a match for the role.",
    "However, you're not a strong match for the role at the moment.",
    "We have found that you are not a fit for this position.",
    "Thank you for your application. The role was recently filled.",
    "Thank you for your interest. We are no longer interviewing for this position.",
    "Thank you for applying to our graduate scheme. The programme is at capacity this year.",
    "After reviewing your application we have decided not to move your application forward.",
    "We will not be pursuing your candidacy further.",
    "We did not select your application for the next round.",
    "We're sorry to say you haven't been selected to move forward.",
    "Thanks for your time. You will not be moving forward in the process.",
    "Your profile does not meet our current requirements.",
    "Your skills do not align with our needs at this time.",
    "We decided to pursue candidates whose background more closely matches the role.",
]


@pytest.mark.parametrize("text", OUTSIDE_REJECTIONS)
def test_outside_rejection_wordings_are_rejections(text: str) -> None:
    assert classify(mail(text)).label is Label.REJECTION


@pytest.mark.parametrize(
    "text",
    [
        "If your profile does not meet our requirements, we will let you know by Friday.",
        "Should you not be a fit for this role, we will keep your details on file.",
        "We need to move your interview to Thursday at 10:00; does that work?",
        "Thanks for applying! We will review your application and be in touch.",
    ],
)
def test_their_conditional_and_rescheduling_lookalikes_are_not(text: str) -> None:
    assert classify(mail(text)).label is not Label.REJECTION


# German, French and Spanish: written for these rules (they overstate; the issue's
# outside check is the measure), with lookalikes that must not read as rejections.
EUROPEAN_REJECTIONS = [
    "Nach sorgfältiger Prüfung haben wir uns leider gegen Sie entschieden.",
    "Wir bedanken uns für Ihre Bewerbung. Leider können wir Ihnen keine positive Rückmeldung geben.",
    "Die Stelle wurde bereits anderweitig besetzt. Wir wünschen Ihnen alles Gute.",
    "Liebe Frau Sommer, wir können Ihre Bewerbung nicht weiter berücksichtigen.",
    "Malheureusement, nous ne pouvons pas donner suite à votre candidature.",
    "Nous avons retenu un autre candidat dont le profil correspond davantage à nos besoins.",
    "Votre profil ne correspond pas à nos besoins actuels. Bonne continuation.",
    "Nous regrettons de vous informer que votre candidature n'a pas été retenue.",
    "Lamentablemente, hemos decidido continuar con otros candidatos.",
    "Te informamos que no has sido seleccionado para continuar en el proceso.",
    "Su perfil no se ajusta a lo que buscamos en este momento.",
    "La vacante ya ha sido cubierta. Te deseamos mucho éxito.",
]


@pytest.mark.parametrize("text", EUROPEAN_REJECTIONS)
def test_german_french_and_spanish_rejections(text: str) -> None:
    assert classify(mail(text, subject="Bewerbung / candidature / candidatura")).label is (
        Label.REJECTION
    )


@pytest.mark.parametrize(
    "text",
    [
        "Wir freuen uns, Sie zu einem Vorstellungsgespräch einzuladen. Bitte wählen Sie einen Termin.",
        "Der Termin am Montag ist bereits besetzt, bitte wählen Sie einen anderen.",
        "Nous avons le plaisir de donner suite à votre candidature et de vous inviter à un entretien.",
        "Hemos recibido su candidatura y la revisaremos pronto.",
    ],
)
def test_european_lookalikes_are_not_rejections(text: str) -> None:
    assert classify(mail(text, subject="Bewerbung / candidature / candidatura")).label is not (
        Label.REJECTION
    )


# -- somebody else's words in quotation marks -----------------------------------------


@pytest.mark.parametrize(
    ("quoted", "left"),
    [
        ('"We have decided to proceed with other candidates."', '"..."'),
        ("\u201cWe went another way this time\u201d", '"..."'),
        ("\u201eWir haben uns f\u00fcr eine andere Kandidatin entschieden\u201c", '"..."'),
        ("\u00ab nous ne donnerons pas suite \u00bb", '"..."'),
        ("\u00bbwir gehen andere Wege\u00ab", '"..."'),  # four words: the fewest left out
        ('"Senior Data Analyst"', '"senior data analyst"'),  # a title: three words stay
        ("\u00ab Charg\u00e9e d'affaires \u00bb", "\u00ab charg\u00e9e d'affaires \u00bb"),
    ],
)
def test_quotations_of_four_words_or_more_are_left_out(quoted: str, left: str) -> None:
    assert normalise("Hi", f"She wrote: {quoted} Pub?") == f"hi\nshe wrote: {left} pub?"


def test_a_quoted_rejection_is_not_the_senders_rejection() -> None:
    venting = 'Got the email today: "We have decided to proceed with other candidates." Pub?'
    points, _ = score(normalise("ugh", venting))
    assert points[Label.REJECTION] == 0
    titled = (
        'Thank you for applying for "Data Analyst". '
        "We have decided to proceed with other candidates."
    )
    points, _ = score(normalise("Your application", titled))
    assert points[Label.REJECTION] >= 3


@pytest.mark.parametrize(
    "text",
    [
        # an inch mark opens nothing: the rejection after it stays
        'The 27" Display Technician role. We decided to move forward with others for the "QA" team.',
        # a title wrapped over two lines: its marks pair with no other
        'The "Senior Backend\nEngineer" role. We decided not to move forward. See our "Jobs" page.',
        "Poste \u00ab Charg\u00e9 de\nprojet \u00bb chez Acme. Nous ne donnerons pas suite. Voir \u00ab offres \u00bb.",
        # a status an applicant-tracking system quotes is the sender's own word
        "Der Status Ihrer Bewerbung wurde auf \u201eAbsage \u2013 Stelle anderweitig besetzt\u201c ge\u00e4ndert.",
        "Votre candidature est pass\u00e9e \u00e0 \u00ab Candidature non retenue pour ce poste \u00bb.",
        'Estado actualizado a "Descartado - perfil no seleccionado para el puesto".',
    ],
)
def test_marks_that_face_no_quotation_and_quoted_statuses_stay(text: str) -> None:
    assert normalise("", text) == "\n" + classifier._plain_quotes(text.lower())


def test_quotation_marks_across_lines_or_unclosed_leave_the_text_alone() -> None:
    text = 'He said "we have decided\nto proceed with other candidates" and "unclosed quote here for sure'
    assert normalise("", text) == "\n" + text.lower()
    assert normalise("", '"' + "word " * 100) == '\n"' + "word " * 100


@pytest.mark.parametrize(
    ("text", "rejection"),
    [
        ("El cliente ha terminado las entrevistas con los otros candidatos.", False),
        ("Te cuento que ya ha visto a otros candidatos, pero seguimos buscando.", False),
        ("Hemos decidido seguir adelante con otra candidata.", True),
        ("Al final nos hemos decantado por otro perfil.", True),
    ],
)
def test_spanish_other_candidates_count_only_when_one_was_chosen(
    text: str, rejection: bool
) -> None:
    points, _ = score(normalise("Proceso", text))
    assert (points[Label.REJECTION] >= MIN_SCORE) is rejection


def test_a_vetoed_occurrence_leaves_a_later_one_to_count() -> None:
    vetoed = "We regret to inform you that we must reschedule your interview."
    alone, _ = score(normalise("Update", vetoed))
    assert alone[Label.REJECTION] == 0.0
    both, evidence = score(
        normalise("Update", f"{vetoed} We regret to inform you that we will not proceed.")
    )
    assert both[Label.REJECTION] == 3.0
    assert 'rejection: "regret to inform you" (+3.0)' in evidence


@pytest.mark.parametrize(
    ("before", "negated"),
    [
        ("we are not ", True),
        ("x, not y, ", False),  # a negation before the last comma is another clause
        ("no. fine, ", False),
    ],
)
def test_a_negation_counts_in_the_phrase_s_own_clause(before: str, negated: bool) -> None:
    assert classifier._negated(before + "moving forward", len(before)) is negated


def test_a_quoted_status_at_the_very_start_is_kept() -> None:
    assert normalise('status: "we went with another person"', "").startswith(
        'status: "we went with another person"'
    )
    assert '"..."' in normalise('she wrote: "we went with another person"', "")


@pytest.mark.parametrize(
    ("text", "invited"),
    [
        (
            "Aufgrund der guten Ergebnisse Ihres Online-Tests laden wir Sie zu einem Gespräch ein.",
            True,
        ),
        ("Merci d'avoir participé à notre assessment center du 21 novembre.", False),
        ("Résultat de l'assessment center : vous ne faites pas partie des lauréats.", False),
    ],
)
def test_a_past_assessment_centre_is_no_invitation_but_good_results_may_bring_one(
    text: str, invited: bool
) -> None:
    points, _ = score(normalise("Update", text))
    assert (points[Label.INTERVIEW_INVITE] > 0) is invited
