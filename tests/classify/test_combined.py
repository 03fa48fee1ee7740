"""The classifier as services use it: rules and the trained model together."""

from __future__ import annotations

import json

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from nextround.classify import classify, scoring
from nextround.classify import combined as combined_module
from nextround.classify import rules as rules_module
from nextround.classify.features import MODEL_READ_LIMIT, features
from nextround.classify.model import from_json, model, probabilities
from nextround.classify.phrases import compile_phrases
from nextround.classify.rules import RULES, load_rules
from nextround.classify.scoring import CONTESTED_CAP, normalise, score
from nextround.domain.mail import Label, MailMessage

INVITE = "We would like to invite you to an interview next week."
REJECT = "We have decided not to move forward with your application."


def mail(
    text: str, subject: str = "Your application", sender: str = "jobs@acme.com"
) -> MailMessage:
    return MailMessage("id@x", "Acme", sender, ("sam@example.com",), subject, None, text)


# -- the model file --------------------------------------------------------------------


def test_the_model_file_loads_once_with_every_label() -> None:
    loaded = model()
    assert loaded is model()  # read once
    assert loaded.labels == tuple(Label)
    assert len(loaded.weights) > 1_000
    assert all(len(row) == len(Label) for row in loaded.weights.values())
    assert 0.1 <= loaded.temperature <= 200


def test_probabilities_are_deterministic_and_sum_to_one() -> None:
    text = normalise("Update", REJECT)
    first = probabilities(text)
    assert first == probabilities(text)
    assert sum(first.values()) == pytest.approx(1.0)
    assert max(first, key=lambda label: first[label]) is Label.REJECTION


def test_the_temperature_softens_the_scores() -> None:
    data = json.loads(json.dumps({"labels": ["rejection", "other"], "prior": [0.0, 0.0],
                                  "temperature": 1.0, "weights": {"w:no": [2.0, -2.0]}}))  # fmt: skip
    sharp = from_json(data).probabilities("no")
    data["temperature"] = 4.0
    soft = from_json(data).probabilities("no")
    assert sharp[Label.REJECTION] > soft[Label.REJECTION] > 0.5


def test_features_are_words_pairs_and_letter_grams_without_digits() -> None:
    found = features("no longer 2026")
    assert {"w:no", "w:longer", "b:no longer", "c: no ", "c:long", "c:ger "} <= found
    assert not any("2026" in f for f in found)
    assert features("x " * MODEL_READ_LIMIT + "unfortunately") == features("x " * MODEL_READ_LIMIT)


# -- rules and model together ------------------------------------------------------------


def test_a_sure_rule_stands_and_the_model_is_named_in_the_evidence() -> None:
    result = classify(mail(REJECT))
    assert result.label is Label.REJECTION
    assert result.confidence >= 0.9
    assert any(line.startswith("model: ") for line in result.evidence)


def test_the_model_finds_a_rejection_no_rule_knows() -> None:
    text = (
        "Hi Sam, the hiring panel has opted for a different applicant for this vacancy. Best, Ana"
    )
    points, _ = score(normalise("Hello", text))
    assert points[Label.REJECTION] < combined_module.RULES_SURE  # the rules alone can't say
    result = classify(mail(text, subject="Hello"))
    assert result.label is Label.REJECTION
    assert result.confidence <= combined_module.MODEL_ONLY_CAP


def test_mail_scoring_high_for_two_labels_never_reaches_auto_confirm() -> None:
    result = classify(mail(f"{REJECT} {INVITE}"))
    assert result.confidence <= CONTESTED_CAP < 0.5


def test_other_by_default_stays_modest() -> None:
    result = classify(mail("See you at the picnic on Saturday!", subject="Picnic"))
    assert result.label is Label.OTHER
    assert result.confidence <= combined_module.FALLBACK_CAP


@pytest.mark.parametrize(
    ("text", "label"),
    [
        (
            "Leider müssen wir Ihnen mitteilen, dass wir uns für andere Bewerber entschieden haben.",
            Label.REJECTION,
        ),
        (
            "Leider müssen wir Ihr Gespräch verschieben. Passt Ihnen Dienstag um 10 Uhr?",
            Label.INTERVIEW_INVITE,
        ),
        (
            "Nous avons le regret de vous informer que votre candidature n'a pas été retenue.",
            Label.REJECTION,
        ),
        ("Malheureusement, nous ne pourrons pas te proposer le poste.", Label.REJECTION),
        ("Nous avons le plaisir de vous proposer le poste de développeur.", Label.OFFER),
        ("Lamentablemente, no podemos ofrecerle el puesto.", Label.REJECTION),
        ("Nos complace ofrecerle el puesto de analista.", Label.OFFER),
        ("Hemos recibido tu candidatura correctamente.", Label.APPLICATION_RECEIVED),
    ],
)
def test_the_other_languages_and_their_negated_offers(text: str, label: Label) -> None:
    assert classify(mail(text, subject="")).label is label


def test_the_rule_files_load_per_language() -> None:
    german = load_rules(("de",))
    assert german and all(rule.language == "de" for rule in german)
    assert {rule.language for rule in RULES} == {"en", "de", "fr", "es", "ja"}


def test_each_rule_is_read_as_its_file_says() -> None:
    """Label, weight, negatable (true unless the file says false), vetoes by name or as
    written, and one phrase per alternative."""
    vetoes = rules_module._read("common")["vetoes"]
    for language in rules_module.LANGUAGES:
        entries = rules_module._read(language)["rule"]
        loaded = load_rules((language,))
        assert len(loaded) == len(entries)
        for rule, entry in zip(loaded, entries, strict=True):
            assert rule.label is Label(entry["label"])
            assert rule.weight == float(entry["weight"])
            assert rule.negatable is entry.get("negatable", True)
            names = entry.get("unless", [])
            assert (rule.unless.pattern if rule.unless else None) == rules_module._veto(
                names, vetoes
            )
            expected = compile_phrases("|".join(entry["phrases"]))
            assert [p.pattern.pattern for p in rule.patterns] == [
                p.pattern.pattern for p in expected
            ]
    assert any(entry.get("negatable") is False for entry in rules_module._read("en")["rule"])
    assert any("negatable" not in entry for entry in rules_module._read("en")["rule"])


def test_vetoes_are_named_with_an_at_sign_or_written_out() -> None:
    vetoes = {"wishes": "good luck|fingers crossed"}
    assert rules_module._veto(["@wishes", "not (?:now|yet)"], vetoes) == (
        "good luck|fingers crossed|not (?:now|yet)"
    )
    assert rules_module._veto([], vetoes) is None
    assert rules_module._rule(Label.OTHER, 1.0, "a|b").language == "en"


# -- fuzz: any text is scored without a crash ------------------------------------------


@settings(max_examples=300, deadline=None)
@given(st.text(max_size=3_000), st.text(max_size=200))
def test_any_text_is_classified(text: str, subject: str) -> None:
    result = classify(mail(text, subject=subject))
    assert result.label in Label
    assert 0.0 <= result.confidence <= 0.99
    chances = probabilities(normalise(subject, text))
    assert sum(chances.values()) == pytest.approx(1.0)


def test_a_split_model_keeps_even_a_sure_rule_below_auto_confirm(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    alone = classify(mail(REJECT))
    split = dict.fromkeys(Label, 0.0) | {Label.REJECTION: 0.55, Label.OTHER: 0.45}
    monkeypatch.setattr(combined_module, "probabilities", lambda _text: split)
    torn = classify(mail(REJECT))
    assert torn.label is Label.REJECTION  # the sure rule still decides the label
    assert alone.confidence >= 0.9 > CONTESTED_CAP >= torn.confidence


def test_a_model_only_label_below_the_minimum_falls_back_to_other(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    unsure = dict.fromkeys(Label, 0.1) | {Label.REJECTION: 0.45, Label.OTHER: 0.15}
    monkeypatch.setattr(combined_module, "probabilities", lambda _text: unsure)
    result = classify(mail("Thanks for the chat yesterday.", subject="Hi"))
    assert result.label is Label.OTHER
    assert any("without a rule: other" in line for line in result.evidence)
    assert result.confidence <= CONTESTED_CAP  # rejection is still ahead on points


def test_a_sure_rejection_beside_newsletters_and_footers_stays_a_rejection() -> None:
    text = (
        "We have decided not to move forward with your application. Sign up for our careers "
        "newsletter and join our talent community. Unsubscribe | Privacy notice"
    )
    points, _ = score(normalise("Your application", text))
    # the rules see more 'other' context than rejection, but not a hard negative's weight
    assert points[Label.REJECTION] < points[Label.OTHER] < combined_module.OTHER_DECISIVE
    result = classify(mail(text))
    assert result.label is Label.REJECTION
    assert result.confidence <= CONTESTED_CAP  # both labels scored: it waits for review


def test_a_refused_talk_stays_other_whatever_rejection_wording_it_uses() -> None:
    text = "We regret to inform you that your talk proposal was not selected. Unfortunately..."
    points, _ = score(normalise("Your submission", text))
    assert points[Label.OTHER] >= combined_module.OTHER_DECISIVE
    assert classify(mail(text, subject="Your submission")).label is Label.OTHER


def _chances(monkeypatch: pytest.MonkeyPatch, **given: float) -> None:
    """The model's probabilities as given; the rest shared out evenly."""
    named = {Label(name): value for name, value in given.items()}
    rest = (1.0 - sum(named.values())) / (len(Label) - len(named))
    chances = dict.fromkeys(Label, rest) | named
    monkeypatch.setattr(combined_module, "probabilities", lambda _text: chances)


def _model_says(monkeypatch: pytest.MonkeyPatch, label: Label, chance: float) -> None:
    _chances(monkeypatch, **{label.value: chance})


def test_other_rules_at_the_decisive_weight_outweigh_even_more_rejection_points() -> None:
    text = (
        "We regret to inform you that we have decided not to move forward with your talk "
        "proposal. Unfortunately it was not selected and we will not be progressing it."
    )
    points, _ = score(normalise("Your submission", text))
    assert points[Label.REJECTION] > points[Label.OTHER] >= combined_module.OTHER_DECISIVE
    result = classify(mail(text, subject="Your submission"))
    assert result.label is Label.OTHER
    assert any("decisive" in line for line in result.evidence)


@pytest.mark.parametrize(
    ("extra", "chance", "expected"),
    [
        ("", 0.86, Label.OTHER),  # a sure model outweighs the rejection's rules
        ("We regret to inform you.", 0.86, Label.OTHER),  # however many they are
        ("", 0.84, Label.REJECTION),  # the model not sure enough: the rules stand
        ("We regret to inform you.", 0.85, Label.OTHER),  # exactly MODEL_SURE_OTHER is enough
    ],
)
def test_a_rejection_gives_way_to_a_model_sure_of_other(
    monkeypatch: pytest.MonkeyPatch, extra: str, chance: float, expected: Label
) -> None:
    text = f"Unfortunately this job is no longer available. {extra}"
    points, _ = score(normalise("Update", text))
    assert points[Label.REJECTION] >= combined_module.RULES_SURE
    assert (points[Label.REJECTION] > combined_module.RULES_FIRM) == bool(extra)
    assert points[Label.OTHER] == 0.0  # no other rule: the model alone says so
    _model_says(monkeypatch, Label.OTHER, chance)
    result = classify(mail(text, subject="Update"))
    assert result.label is expected
    assert ("other: the model is" in str(result.evidence)) == (expected is Label.OTHER)


@pytest.mark.parametrize(
    ("applied_for", "expected"),
    [("the post of Lettings Negotiator", Label.REJECTION), ("the flat", Label.OTHER)],
)
def test_decisive_other_rules_leave_a_rejection_that_names_a_post_alone(
    monkeypatch: pytest.MonkeyPatch, applied_for: str, expected: Label
) -> None:
    """The employer may be a landlord, a grant-maker or a nursery."""
    text = (
        f"Thank you for applying for {applied_for}. We regret to inform you that we have "
        "decided not to move forward. The landlord chose someone else. Unfortunately we "
        "went with other candidates whose experience more closely matches."
    )
    points, _ = score(normalise("Your application", text))
    assert points[Label.REJECTION] > points[Label.OTHER] >= combined_module.OTHER_DECISIVE
    _model_says(monkeypatch, Label.REJECTION, 0.6)
    assert classify(mail(text)).label is expected


@pytest.mark.parametrize(
    ("subject", "text", "context"),
    [
        (
            "Update on your referral",
            "Thanks for referring Marcus for the QA Engineer position. "
            "We have decided not to move forward with his application.",
            "about someone you referred",
        ),
        (
            "Suivi",
            "Merci d'avoir recommandé Maxime pour le poste de technicien. "
            "Sa candidature n'a pas été retenue.",
            "about someone you referred",
        ),
        (
            "Your withdrawal",
            "We confirm your withdrawal from the process for the Analyst position. "
            "We have decided not to move forward with your application.",
            "your own withdrawal confirmed",
        ),
        (
            "Re: Retiro mi candidatura",
            "Hemos registrado que retiras tu candidatura al puesto de Backend Developer. "
            "Lamentablemente no seguiremos con el proceso.",
            "your own withdrawal confirmed",
        ),
        (
            "Résultat d'admission",
            "Le jury d'admission du MBA s'est réuni le 28 mai. Nous sommes au regret de vous "
            "informer que votre candidature n'a pas été retenue.",
            "a place on a course, an incubator or a magazine",
        ),
        (
            "Automatische Antwort: Ihre Bewerbung",
            "Danke für Ihre Nachricht. "
            "Leider müssen wir Ihnen mitteilen, dass ich bis Montag nicht im Büro bin.",
            "an automatic reply",
        ),
    ],
)
def test_a_no_that_is_not_the_employers_to_the_user_is_other(
    monkeypatch: pytest.MonkeyPatch, subject: str, text: str, context: str
) -> None:
    _model_says(monkeypatch, Label.REJECTION, 0.995)
    result = classify(mail(text, subject=subject))
    assert result.label is Label.OTHER
    assert f"other: {context}" in result.evidence
    neutral = classify(mail(text.split(". ", 1)[1], subject="Your application"))
    assert neutral.label is Label.REJECTION  # the same no, without the context


@pytest.mark.parametrize(
    ("chance", "expected"), [(0.995, Label.REJECTION), (0.985, Label.APPLICATION_RECEIVED)]
)
def test_a_model_very_sure_of_a_rejection_outweighs_a_receipts_rules(
    monkeypatch: pytest.MonkeyPatch, chance: float, expected: Label
) -> None:
    """ "We received your application" above the no the rules do not know."""
    text = "Wir haben Ihre Bewerbung erhalten und danken Ihnen dafür."
    points, _ = score(normalise("Ihre Bewerbung", text))
    assert points[Label.APPLICATION_RECEIVED] >= 2 * combined_module.RULES_SURE
    _model_says(monkeypatch, Label.REJECTION, chance)
    result = classify(mail(text, subject="Ihre Bewerbung"))
    assert result.label is expected
    assert result.confidence <= CONTESTED_CAP  # the rules said otherwise: it waits for review


def test_a_model_very_sure_of_a_rejection_leaves_decisive_other_rules_alone(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    text = "Thank you for your talk proposal."
    points, _ = score(normalise("Your submission", text))
    assert points[Label.OTHER] >= combined_module.OTHER_DECISIVE
    _model_says(monkeypatch, Label.REJECTION, 0.999)
    assert classify(mail(text, subject="Your submission")).label is Label.OTHER


@pytest.mark.parametrize(
    ("applied_for", "expected"), [("our coordinator post", Label.REJECTION), ("it", Label.OTHER)]
)
def test_a_model_very_sure_of_a_rejection_outweighs_decisive_rules_when_a_post_is_named(
    monkeypatch: pytest.MonkeyPatch, applied_for: str, expected: Label
) -> None:
    """A post withdrawn because a grant fell through names the grant programme."""
    text = (
        f"Thank you for applying for {applied_for}. "
        "The funding from the regional grant programme has not been confirmed."
    )
    points, _ = score(normalise("Update", text))
    assert points[Label.OTHER] >= combined_module.OTHER_DECISIVE
    assert points[Label.REJECTION] == 0.0
    _model_says(monkeypatch, Label.REJECTION, 0.995)
    assert classify(mail(text, subject="Update")).label is expected


@pytest.mark.parametrize(("chance", "expected"), [(0.81, Label.REJECTION), (0.79, Label.OTHER)])
def test_other_on_context_alone_gives_way_to_a_model_fairly_sure_of_a_rejection(
    monkeypatch: pytest.MonkeyPatch, chance: float, expected: Label
) -> None:
    """An events firm's no names an event: context, not a reason to call it other."""
    text = "Thanks for your interest in the role of events lead. The event team chose differently."
    points, _ = score(normalise("Update", text))
    assert combined_module.RULES_SURE <= points[Label.OTHER] < combined_module.RULES_FIRM
    assert points[Label.REJECTION] == 0.0
    _model_says(monkeypatch, Label.REJECTION, chance)
    assert classify(mail(text, subject="Update")).label is expected


@pytest.mark.parametrize(
    ("chance", "expected"),
    [(0.76, Label.OTHER), (0.75, Label.OTHER), (0.74, Label.REJECTION)],  # 0.75: ONE_PHRASE_YIELDS
)
def test_a_rejection_on_one_phrase_gives_way_to_a_model_fairly_sure_of_other(
    monkeypatch: pytest.MonkeyPatch, chance: float, expected: Label
) -> None:
    """A phrase a refused course or a recruiter's "it doesn't fit you, but do you know
    someone?" shares with a rejection; with two (the test above) 0.85 is needed."""
    text = "This job is no longer available."
    points, _ = score(normalise("Update", text))
    assert combined_module.RULES_SURE <= points[Label.REJECTION] < combined_module.RULES_FIRM
    _model_says(monkeypatch, Label.OTHER, chance)
    assert classify(mail(text, subject="Update")).label is expected


@pytest.mark.parametrize(
    ("chance", "expected"), [(0.99, Label.INTERVIEW_INVITE), (0.97, Label.REJECTION)]
)
def test_an_invitation_its_rules_and_a_sure_model_agree_on_outweighs_a_rejection_rule(
    monkeypatch: pytest.MonkeyPatch, chance: float, expected: Label
) -> None:
    text = (
        "Das Vorstellungsgespräch findet am 7. Mai statt. "
        "Reisekosten können leider nicht erstattet werden."
    )
    points, _ = score(normalise("Termin", text))
    assert points[Label.REJECTION] > points[Label.INTERVIEW_INVITE] >= combined_module.RULES_SURE
    _model_says(monkeypatch, Label.INTERVIEW_INVITE, chance)
    result = classify(mail(text, subject="Termin"))
    assert result.label is expected
    assert result.confidence <= CONTESTED_CAP  # two labels' rules: it waits for review


@pytest.mark.parametrize(("chance", "expected"), [(0.52, Label.REJECTION), (0.48, Label.OTHER)])
def test_a_rejection_from_the_model_alone_needs_its_minimum(
    monkeypatch: pytest.MonkeyPatch, chance: float, expected: Label
) -> None:
    text = "A quick note from the team about the analyst role."
    points, _ = score(normalise("Hello", text))
    assert max(points.values()) < 2.0  # no rule speaks
    _model_says(monkeypatch, Label.REJECTION, chance)
    assert classify(mail(text, subject="Hello")).label is expected


@pytest.mark.parametrize(
    ("chance", "expected"), [(0.86, Label.REJECTION), (0.84, Label.INTERVIEW_INVITE)]
)
def test_a_model_sure_of_a_rejection_outweighs_one_invitation_phrase(
    monkeypatch: pytest.MonkeyPatch, chance: float, expected: Label
) -> None:
    """An interview named in a rejection ("about the interview on Monday")."""
    text = "Zum Vorstellungsgespräch am Montag."
    points, _ = score(normalise("Rückmeldung", text))
    assert points[Label.INTERVIEW_INVITE] >= combined_module.RULES_SURE
    assert points[Label.INTERVIEW_INVITE] < combined_module.RULES_FIRM
    assert points[Label.REJECTION] == 0.0
    _model_says(monkeypatch, Label.REJECTION, chance)
    assert classify(mail(text, subject="Rückmeldung")).label is expected


#: Job mail that names what ``other``'s decisive rules are about (a fund, a credit card, a
#: withdrawal, an essay for a magazine) in passing: those rules must not take it.
NAMED_IN_PASSING = [
    (
        Label.REJECTION,
        "Your application",
        "Thank you for applying to the International Monetary Fund. After careful review, "
        "we will not be moving forward with your application.",
    ),
    (
        Label.REJECTION,
        "Ihre Bewerbung",
        "Hallo Sam, ich habe vom Kunden leider eine Absage erhalten: Sie haben sich für "
        "einen anderen Kandidaten entschieden.",
    ),
    (
        Label.OFFER,
        "Ihr Vertragsangebot",
        "Wir freuen uns, Ihnen die Stelle als Controllerin anzubieten. Sie erhalten außerdem "
        "eine Firmenkreditkarte und ein Jobticket. Den Arbeitsvertrag senden wir Ihnen zur "
        "Unterschrift.",
    ),
    (
        Label.REJECTION,
        "Tu candidatura",
        "Lamentablemente hemos decidido no seguir adelante con su candidatura. Si desea "
        "retirar su candidatura de otros procesos, escríbanos.",
    ),
    (
        Label.REJECTION,
        "Votre candidature",
        "Nous sommes au regret de ne pas donner suite à votre candidature au poste "
        "d'analyste fraude carte bancaire.",
    ),
    (
        Label.REJECTION,
        "Editorial assistant",
        "Thanks for the essay you sent for our magazine's editorial assistant role; we have "
        "decided not to move forward with your application.",
    ),
    (
        Label.APPLICATION_RECEIVED,
        "Candidatura recibida",
        "Hemos recibido tu candidatura para el puesto de analista. Si en algún momento "
        "deseas retirar tu candidatura, responde a este correo.",
    ),
    (
        Label.OFFER,
        "Oferta",
        "Nos complace ofrecerte el puesto de analista de datos. Tendrás una tarjeta de "
        "crédito corporativa para los viajes. Te enviamos el contrato para firmar.",
    ),
]


@pytest.mark.parametrize(("label", "subject", "text"), NAMED_IN_PASSING)
def test_decisive_other_rules_leave_job_mail_that_names_their_topic_alone(
    label: Label, subject: str, text: str
) -> None:
    points, _ = score(normalise(subject, text))
    assert points[Label.OTHER] < combined_module.OTHER_DECISIVE
    assert classify(mail(text, subject=subject)).label is label


def test_decisive_other_rules_take_only_a_rejection() -> None:
    """An invitation to give a talk is an invitation, whatever ``other``'s rules say of
    talks: they stand against rejections only."""
    text = (
        "We would like to invite you to an interview next week. Please pick a time for the "
        "video interview using the scheduling link. We also liked your talk proposal for "
        "the meetup."
    )
    subject = "Interview invitation"
    points, _ = score(normalise(subject, text))
    assert points[Label.OTHER] >= combined_module.OTHER_DECISIVE
    assert points[Label.INTERVIEW_INVITE] > points[Label.OTHER]
    assert classify(mail(text, subject=subject)).label is Label.INTERVIEW_INVITE


# -- the decisions on given points: the rules' points and the model's chances set here ----


def _rules_say(monkeypatch: pytest.MonkeyPatch, **points: float) -> None:
    given = {Label(name): value for name, value in points.items()}
    monkeypatch.setattr(
        combined_module, "score", lambda _text: (dict.fromkeys(Label, 0.0) | given, [])
    )


@pytest.mark.parametrize(("chance", "expected"), [(0.7, Label.OTHER), (0.85, Label.REJECTION)])
def test_a_job_board_sender_adds_one_point_to_other(
    monkeypatch: pytest.MonkeyPatch, chance: float, expected: Label
) -> None:
    """Other's 2.5 points and the job board's 1.0 make 3.5: sure rules (3.0 and up), yet
    under 4.0, so a model 0.8 sure of a rejection still outweighs them."""
    _rules_say(monkeypatch, other=2.5)
    _model_says(monkeypatch, Label.REJECTION, chance)
    result = classify(mail("A note.", subject="Hi", sender="jobs-noreply@linkedin.com"))
    assert result.label is expected
    assert "other: sent by job board linkedin.com (+1.0)" in result.evidence


def test_without_the_job_board_the_same_points_give_way_to_the_model(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    _rules_say(monkeypatch, other=2.5)
    _model_says(monkeypatch, Label.REJECTION, 0.75)  # 3.0 combined points against 2.75
    assert classify(mail("A note.", subject="Hi")).label is Label.REJECTION


def test_sure_rejection_rules_outweigh_other_resting_on_context(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    _rules_say(monkeypatch, other=5.0, rejection=3.0)
    _model_says(monkeypatch, Label.OTHER, 0.5)
    result = classify(mail("A note."))
    assert result.label is Label.REJECTION
    assert "rejection: sure rules outweigh other's context" in result.evidence


def test_other_s_decisive_points_are_not_context(monkeypatch: pytest.MonkeyPatch) -> None:
    """At OTHER_DECISIVE (8.0) other is no longer context alone, even in mail that names a
    post (where decisive rules would not take a rejection's place)."""
    _rules_say(monkeypatch, other=8.0, rejection=3.0)
    _model_says(monkeypatch, Label.OTHER, 0.5)
    result = classify(mail("Thank you for applying for the post of Junior Analyst."))
    assert result.label is Label.OTHER
    assert "rejection: sure rules outweigh other's context" not in result.evidence


def test_only_other_gives_way_to_sure_rejection_rules(monkeypatch: pytest.MonkeyPatch) -> None:
    _rules_say(monkeypatch, interview_invite=5.0, rejection=3.0)
    _model_says(monkeypatch, Label.INTERVIEW_INVITE, 0.5)
    result = classify(mail("A note."))
    assert result.label is Label.INTERVIEW_INVITE
    assert "rejection: sure rules outweigh other's context" not in result.evidence


@pytest.mark.parametrize(("offer", "expected"), [(3.5, Label.INTERVIEW_INVITE), (4.0, Label.OFFER)])
def test_a_sure_model_outweighs_a_label_resting_on_one_rule_under_four_points(
    monkeypatch: pytest.MonkeyPatch, offer: float, expected: Label
) -> None:
    """RULES_FIRM (4.0) points make a label firm against a model sure of another."""
    _rules_say(monkeypatch, offer=offer, interview_invite=2.5)
    _model_says(monkeypatch, Label.INTERVIEW_INVITE, 0.9)
    assert classify(mail("A note.")).label is expected


#: Each decision the model takes part in, on given rules' points and model chances, exactly
#: at its threshold and just under it: (points, chances, label, the evidence the decision
#: writes when it is taken).
OVERRULES = "interview_invite: the model outweighs one rule's offer"
CONTEXT = "rejection: the model is 0.80 sure against context"
BACKS = "offer: rules and model agree against the rejection"
SURE = "rejection: the model is 0.99 sure"
AT_THRESHOLDS = {
    "model_overrules": ({"offer": 3.5, "interview_invite": 2.5}, {"interview_invite": 0.85}, Label.INTERVIEW_INVITE, OVERRULES),
    "under_it": ({"offer": 3.5, "interview_invite": 2.5}, {"interview_invite": 0.84}, Label.OFFER, None),
    "other_context_yields": ({"other": 3.5}, {"rejection": 0.8}, Label.REJECTION, CONTEXT),
    "under_it_too": ({"other": 3.5}, {"rejection": 0.79}, Label.OTHER, None),
    "rules_firm_is_more_than_context": ({"other": 4.0}, {"rejection": 0.9}, Label.OTHER, None),
    "model_backs": ({"rejection": 4.0, "offer": 3.0}, {"offer": 0.98}, Label.OFFER, BACKS),
    "under_model_backs": ({"rejection": 4.0, "offer": 3.0}, {"offer": 0.97}, Label.REJECTION, None),
    "model_sure_rejection": ({"application_received": 6.0}, {"rejection": 0.99}, Label.REJECTION, SURE),
    "under_model_sure_rejection": ({"application_received": 6.0}, {"rejection": 0.989}, Label.APPLICATION_RECEIVED, None),
}  # fmt: skip


@pytest.mark.parametrize(
    ("points", "chances", "expected", "said"), AT_THRESHOLDS.values(), ids=AT_THRESHOLDS.keys()
)
def test_each_decision_at_its_threshold(
    monkeypatch: pytest.MonkeyPatch,
    points: dict[str, float],
    chances: dict[str, float],
    expected: Label,
    said: str | None,
) -> None:
    _rules_say(monkeypatch, **points)
    _chances(monkeypatch, **chances)
    result = classify(mail("A note."))
    assert result.label is expected
    decisions = {OVERRULES, CONTEXT, BACKS, SURE} & set(result.evidence)
    assert decisions == ({said} if said else set())


def test_the_model_needs_more_combined_points_than_the_rule_not_as_many(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """Offer 3.5 + 4 x 0.025 against invitation 0 + 4 x 0.9: 3.6 each, a tie: the rule stays."""
    _rules_say(monkeypatch, offer=3.5)
    _chances(monkeypatch, interview_invite=0.9)
    assert classify(mail("A note.")).label is Label.OFFER


@pytest.mark.parametrize(
    ("points", "chance", "expected"),
    [
        (0.0, 0.55, Label.OTHER),  # the model alone needs MODEL_MIN (0.6) for a job label
        (0.0, 0.6, Label.INTERVIEW_INVITE),
        (2.0, 0.3, Label.INTERVIEW_INVITE),  # MIN_SCORE rules' points need no model
    ],
)
def test_a_label_without_a_rule_needs_the_model_s_minimum(
    monkeypatch: pytest.MonkeyPatch, points: float, chance: float, expected: Label
) -> None:
    _rules_say(monkeypatch, interview_invite=points)
    _chances(monkeypatch, interview_invite=chance, other=0.1)
    assert classify(mail("A note.")).label is expected


def test_the_model_alone_gives_its_probability_and_min_score_points_the_formula(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    _rules_say(monkeypatch)
    _chances(monkeypatch, rejection=0.7, other=0.2)
    assert classify(mail("A note.")).confidence == 0.7  # the model alone: its probability
    _rules_say(monkeypatch, rejection=2.0)
    both = 2.0 + 4 * 0.7
    expected = round(scoring._confidence(both, 4 * 0.2), 3)
    assert classify(mail("A note.")).confidence == expected


def test_other_with_min_score_points_is_not_a_mere_fallback(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    _rules_say(monkeypatch, other=2.0)
    _chances(monkeypatch, other=0.9)
    found = classify(mail("A note."))
    assert found.label is Label.OTHER
    assert found.confidence > combined_module.FALLBACK_CAP


def test_a_label_the_combined_points_do_not_favour_gets_a_quarter(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """Sure rules keep the invitation, though rejection leads on combined points."""
    _rules_say(monkeypatch, interview_invite=4.0, rejection=3.9)
    _chances(monkeypatch, rejection=0.6)
    found = classify(mail("A note."))
    assert found.label is Label.INTERVIEW_INVITE
    assert found.confidence == 0.25


@pytest.mark.parametrize(("second", "capped"), [(0.35, True), (0.3, False)])
def test_a_model_runner_up_at_model_contested_caps_the_confidence(
    monkeypatch: pytest.MonkeyPatch, second: float, capped: bool
) -> None:
    _rules_say(monkeypatch, rejection=6.0)
    _chances(monkeypatch, rejection=0.6, other=second)
    confidence = classify(mail("A note.")).confidence
    assert (confidence <= CONTESTED_CAP) is capped


def test_rules_contested_cap_the_confidence_however_sure_the_model(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    _rules_say(monkeypatch, rejection=6.0, interview_invite=3.0)
    _chances(monkeypatch, rejection=0.97)
    assert classify(mail("A note.")).confidence == CONTESTED_CAP


@pytest.mark.parametrize("text", [REJECT, INVITE, "Hello", "Thanks for the chat."])
def test_confidences_have_three_decimals(text: str) -> None:
    confidence = classify(mail(text)).confidence
    assert confidence == round(confidence, 3)


@pytest.mark.parametrize(
    ("text", "label", "chance", "points", "expected"),
    [
        # The model alone, unsure, and no word of job mail: personal mail.
        ("Dinner on Friday at 7?", "interview_invite", 0.85, 0.0, Label.OTHER),
        ("Congrats, the flat is yours!", "offer", 0.89, 0.0, Label.OTHER),
        # A word of job mail, the model sure, or a rule for it: kept.
        ("Can you come in for an interview on Friday?", "interview_invite", 0.85, 0.0, None),
        ("Dinner on Friday at 7?", "interview_invite", 0.9, 0.0, None),
        ("Dinner on Friday at 7?", "interview_invite", 0.85, 2.5, None),
        # Never a rejection: its informal noes are the recall the rules miss.
        ("Sorry, it won't be possible after all.", "rejection", 0.7, 0.0, None),
    ],
)
def test_the_model_alone_needs_a_word_of_job_mail_unless_sure(
    monkeypatch: pytest.MonkeyPatch,
    text: str,
    label: str,
    chance: float,
    points: float,
    expected: Label | None,
) -> None:
    _rules_say(monkeypatch, **{label: points})
    _chances(monkeypatch, **{label: chance})
    found = classify(mail(text, subject="Hello"))
    assert found.label is (expected or Label(label))
    said = f"{label} from the model alone, and no word of job mail: other" in found.evidence
    assert said == (expected is Label.OTHER)
