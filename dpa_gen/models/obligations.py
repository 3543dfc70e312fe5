"""The contract terms of the customer file.

Breaches, requests, assistance, audits, deletion, security, liability, transfers, law and
signing.
"""

from __future__ import annotations

from typing import Annotated, Literal

from pydantic import Field, StringConstraints, ValidationInfo, model_validator

from dpa_gen.models.base import Date, Flag, Item, Line, Model, Prose, WholeNumber, is_sample
from dpa_gen.models.settings import Setting
from dpa_gen.models.terms import Days, Hours

Count = Annotated[WholeNumber, Field(ge=0, le=100)]
ClauseKey = Annotated[str, StringConstraints(pattern=r"^[a-z][a-z0-9_]*$", max_length=60)]


class Breach(Model):
    """Personal-data-breach notification to the controller."""

    notice_hours: Annotated[
        Hours | None,
        Setting('"without undue delay and in any event within …" (at most 48 hours)', sample="48 hours", term=True),
    ] = None
    scope: Annotated[
        Literal["breaches_and_suspected", "breaches"] | None,
        Setting("whether suspected breaches are notified too", sample="breaches_and_suspected", term=True),
    ] = None


class Requests(Model):
    """Requests of data subjects (art. 28(3)(e) GDPR)."""

    forward: Annotated[
        Days | None, Setting("forward a request received directly, within", sample="3 business days", term=True)
    ] = None
    assist: Annotated[
        Days | None,
        Setting("carry out the controller's instruction on a request, within", sample="5 business days", term=True),
    ] = None
    costs: Annotated[
        Literal["free", "controller", "free_within_reason"] | None,
        Setting("who pays for this assistance", sample="free_within_reason", term=True),
    ] = None


class Assistance(Model):
    """Assistance with security, breaches, DPIAs and prior consultation (art. 28(3)(f) GDPR)."""

    dpia_days: Annotated[
        Days | None, Setting("information for a DPIA within", sample="10 business days", term=True)
    ] = None
    costs: Annotated[
        Literal["free", "controller", "free_within_reason"] | None,
        Setting("who pays for this assistance", sample="free_within_reason", term=True),
    ] = None
    processing_record: Annotated[
        Literal["on_request", "authority_only"] | None,
        Setting(
            "whether the processor's record of processing (art. 30(2)) is shown to the controller",
            sample="on_request",
            term=True,
        ),
    ] = None


class Audit(Model):
    """Information and audits (art. 28(3)(h) GDPR)."""

    max_per_year: Annotated[Count | None, Setting("audits a year, besides audits for cause", sample=1, term=True)] = (
        None
    )
    notice_days: Annotated[Days | None, Setting("notice before an audit", sample="14 days", term=True)] = None
    onsite: Annotated[
        Flag | None,
        Setting("on-site inspections; without them, remote audits (never certificates only)", sample="true", term=True),
    ] = None
    auditor: Annotated[
        Literal["controller_or_independent", "independent"] | None,
        Setting(
            "who audits; `independent` still keeps the controller's own audit right",
            sample="controller_or_independent",
            term=True,
        ),
    ] = None
    reports: Annotated[
        Annotated[list[Item], Field(max_length=20)],
        Setting("accepted reports (`iso27001`, `soc2_type2`, `isae3402_type2`, …)", vocabulary="assurance"),
    ] = []
    costs: Annotated[
        Literal["controller", "processor", "controller_unless_breach"] | None,
        Setting("who pays for an audit", sample="controller_unless_breach", term=True),
    ] = None
    procedure: Annotated[
        Literal["audit", "reports_first", "questionnaire_first"] | None,
        Setting(
            "audit directly, or first reports or a questionnaire and an audit only when they do not suffice",
            sample="audit",
            term=True,
        ),
    ] = None
    response_days: Annotated[
        Days | None, Setting("answer to an audit request or questionnaire within", sample="10 business days", term=True)
    ] = None
    findings_days: Annotated[
        Days | None,
        Setting(
            "the parties discuss an audit's findings, after its report, within", sample="10 business days", term=True
        ),
    ] = None
    remediation_days: Annotated[
        Days | None, Setting("remediation plan for findings within", sample="30 days", term=True)
    ] = None


class ServicePeriod(Model):
    """A deletion period for one service."""

    service: Annotated[Item, Setting("service key or own text", vocabulary="services")]
    period: Annotated[Days, Setting("its deletion period", sample="30 days")]


class Deletion(Model):
    """Return or deletion at the end of the processing (art. 28(3)(g) GDPR)."""

    choice: Annotated[
        Literal["return_or_delete", "delete_only"] | None,
        Setting(
            "whether the controller may ask for the data back, or they are deleted",
            sample="return_or_delete",
            term=True,
        ),
    ] = None
    default_action: Annotated[
        Literal["delete", "return"] | None, Setting("when the controller makes no choice", sample="delete", term=True)
    ] = None
    period_days: Annotated[Days | None, Setting("return or deletion within", sample="30 days", term=True)] = None
    counted_from: Annotated[
        Literal["end_of_services", "request"] | None,
        Setting(
            "whether the period runs from the end of the services or from the controller's request",
            sample="end_of_services",
            term=True,
        ),
    ] = None
    per_service: Annotated[
        Annotated[list[ServicePeriod], Field(max_length=20)], Setting("deletion periods per service")
    ] = []
    backup_days: Annotated[
        Days | None, Setting("backups deleted or overwritten within", sample="90 days", term=True)
    ] = None
    reminder_days: Annotated[
        Days | None,
        Setting(
            "the controller is reminded of its choice at least this long before the end",
            sample="10 business days",
            term=True,
        ),
    ] = None
    confirmation_days: Annotated[
        Days | None,
        Setting(
            "written confirmation of deletion or return, after it is completed, within",
            sample="10 business days",
            term=True,
        ),
    ] = None
    return_format: Annotated[
        Prose | None, Setting("format and medium of returned data; default: a common machine-readable format")
    ] = None
    return_costs: Annotated[
        Literal["free", "controller", "agreed_later"] | None,
        Setting("who pays for returning the data", sample="free", term=True),
    ] = None
    data_act: Annotated[
        Flag | None,
        Setting(
            "a cloud service under the EU Data Act: deletion follows the switching period", sample="false", term=True
        ),
    ] = None


class Security(Model):
    """Annex II: a measure profile of the library, or the customer's own list, and its own measures."""

    profile: Annotated[
        ClauseKey | None,
        Setting(
            "a measure profile from `measures.yaml` (`baseline`, …)", sample="baseline", term=True, unless="measures"
        ),
    ] = None
    measures: Annotated[
        Annotated[list[ClauseKey], Field(max_length=200)] | None,
        Setting("the measures from `measures.yaml` this processor offers, instead of a profile", sample=["m"]),
    ] = None
    additional: Annotated[Annotated[list[Prose], Field(max_length=100)], Setting("your own measures")] = []
    certifications: Annotated[
        Annotated[list[Item], Field(max_length=20)], Setting("certifications", vocabulary="assurance")
    ] = []


class FeesCap(Model):
    """A cap as the fees paid in a period."""

    months: Annotated[
        Annotated[WholeNumber, Field(ge=1, le=60)], Setting("the fees paid in the last … months", sample=12)
    ]
    multiple: Annotated[Annotated[WholeNumber, Field(ge=1, le=10)], Setting("times those fees", sample=1)] = 1


class Liability(Model):
    """A cap on the processor's liability, or (without one) the main agreement's rules."""

    cap_eur: Annotated[
        Annotated[WholeNumber, Field(ge=0, le=10**12)] | None,
        Setting("a cap in euros per calendar year", sample=100000, term=True),
    ] = None
    cap_fees: Annotated[FeesCap | None, Setting("a cap as a multiple of the fees of a period")] = None
    fines_within_cap: Annotated[
        Flag | None, Setting("whether recovery of a fine falls under the cap", sample="false", term=True)
    ] = None

    @model_validator(mode="after")
    def _one_cap(self, info: ValidationInfo) -> Liability:
        if self.cap_eur is not None and self.cap_fees is not None and not is_sample(info):
            raise ValueError("give either cap_eur or cap_fees, not both")
        return self


class Transfers(Model):
    """Transfers outside the EEA beyond those of the sub-processors."""

    staff_access: Annotated[
        Literal["not_allowed", "with_safeguards"] | None,
        Setting(
            "whether the processor's own staff may access the data from outside the EEA",
            sample="with_safeguards",
            term=True,
        ),
    ] = None


class Law(Model):
    """Governing law and forum."""

    governing_law: Annotated[
        Literal["NL", "BE", "main_agreement"] | None,
        Setting("`NL`, `BE`, or the law of the main agreement", sample="NL", term=True),
    ] = None
    forum: Annotated[
        Literal["controller_seat", "main_agreement", "court"] | None,
        Setting(
            "the court of the controller's seat, the forum of the main agreement, or the `court` named",
            sample="controller_seat",
            term=True,
        ),
    ] = None
    court: Annotated[
        Item | None,
        Setting(
            "a court key from the vocabulary (`rechtbank_amsterdam`, …)",
            vocabulary="courts",
            sample={"nl": "rechtbank Amsterdam", "en": "Amsterdam District Court"},
        ),
    ] = None


class Signing(Model):
    """Place and date of signing shown above the signatures."""

    place: Annotated[Line | None, Setting("place of signing; default: the controller's seat", sample="Utrecht")] = None
    date: Annotated[Date | None, Setting("date of signing", sample="2026-03-01")] = None
