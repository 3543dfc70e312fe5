"""The customer file: parties, processing and the terms that shape one contract.

Each field is declared once, here: its type, and in its ``Setting`` its meaning, sample value
and vocabulary. What clause text sees (``facts.py``), the sample customers of ``check``, the
guardrails and the README reference are derived from these declarations; a model adds values
computed from its fields in ``derived_facts``. A field marked ``term=True`` is a contract term
the library's ``policy.yaml`` governs: its range, the library default used when the file
leaves it out (and reported as such), and whether it may be left ``open``. Such a field is
``None`` when the file does not set it.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Annotated, Any, Literal

from pydantic import ValidationInfo, model_validator

from dpa_gen.models.base import Date, Flag, LanguageMode, Line, Model, Prose, is_sample
from dpa_gen.models.clauses import OwnClauses
from dpa_gen.models.obligations import (
    Assistance,
    Audit,
    Breach,
    Deletion,
    Law,
    Liability,
    Requests,
    Security,
    Signing,
    Transfers,
)
from dpa_gen.models.parties import Party, Upstream
from dpa_gen.models.processing import Processing, Subprocessors
from dpa_gen.models.settings import FactContext, Setting

Kind = Literal["controller_processor", "processor_subprocessor"]


class MainAgreement(Model):
    """The agreement under which the processing takes place."""

    title: Annotated[Prose, Setting("the agreement the processing serves (*Hoofdovereenkomst*)")]
    date: Annotated[Date | None, Setting("its date", sample="2026-02-01")] = None
    reference: Annotated[Line | None, Setting("its reference", sample="HO-1")] = None


class Contract(Model):
    """The kind of agreement, dates, languages and the main agreement."""

    kind: Annotated[
        Kind,
        Setting(
            "`controller_processor`, or `processor_subprocessor` for the agreement between a processor"
            " and its sub-processor (art. 28(4))",
            sample="controller_processor",
        ),
    ] = "controller_processor"
    effective_date: Annotated[
        Date, Setting("when the agreement takes effect; not before the main agreement", sample="2026-03-01")
    ]
    main_agreement: Annotated[MainAgreement, Setting("the main agreement")]
    language: Annotated[
        LanguageMode, Setting("what `build` produces unless `--lang` says otherwise", sample="nl+en")
    ] = LanguageMode.NL_EN
    prevailing_language: Annotated[
        Literal["nl", "en"] | None,
        Setting("which text prevails in a bilingual contract", sample="nl", term=True),
    ] = None
    reference: Annotated[Line | None, Setting("your reference, printed under the title", sample="VO-1")] = None
    accession: Annotated[
        Flag | None,
        Setting("other group companies may accede to the agreement (docking clause)", sample="true", term=True),
    ] = None


class Customer(Model):
    """One customer file."""

    contract: Annotated[Contract, Setting("kind, dates, languages, main agreement")]
    controller: Annotated[Party | None, Setting("the controller (not in a sub-processing agreement)")] = None
    processor: Annotated[Party, Setting("the processor")]
    subprocessor: Annotated[Party | None, Setting("the sub-processor (only in a sub-processing agreement)")] = None
    upstream: Annotated[Upstream | None, Setting("the controllers a sub-processing agreement serves")] = None
    processing: Annotated[Processing, Setting("Annex I")]
    subprocessors: Annotated[Subprocessors, Setting("art. 28(2) and Annex III")] = Subprocessors()
    breach: Annotated[Breach, Setting("personal data breaches")] = Breach()
    requests: Annotated[Requests, Setting("requests of data subjects")] = Requests()
    assistance: Annotated[Assistance, Setting("assistance to the controller")] = Assistance()
    audit: Annotated[Audit, Setting("audits")] = Audit()
    deletion: Annotated[Deletion, Setting("end of the processing")] = Deletion()
    security: Annotated[Security, Setting("Annex II")] = Security()
    transfers: Annotated[Transfers, Setting("transfers")] = Transfers()
    liability: Annotated[Liability, Setting("liability")] = Liability()
    law: Annotated[Law, Setting("law and forum")] = Law()
    signing: Annotated[Signing, Setting("signatures")] = Signing()
    clauses: Annotated[OwnClauses, Setting("the company's own clauses: `add` and `replace`", facts=False)] = (
        OwnClauses()
    )
    library_defaults: Annotated[
        Literal["accept"] | None,
        Setting("`accept`: the library's defaults for terms this file leaves out are chosen, not overlooked"),
    ] = None

    @model_validator(mode="after")
    def _parties_of_the_kind(self, info: ValidationInfo) -> Customer:
        if is_sample(info) and self.controller is not None:
            return self  # the complete sample has every party, so every variable exists
        if self.contract.kind == "controller_processor":
            if self.controller is None:
                raise ValueError("a processor agreement needs `controller` (and `processor`)")
            if self.subprocessor is not None or self.upstream is not None:
                raise ValueError(
                    "`subprocessor` and `upstream` belong to a sub-processing agreement;"
                    " set contract.kind: processor_subprocessor or remove them"
                )
        else:
            if self.subprocessor is None or self.upstream is None:
                raise ValueError("a sub-processing agreement needs `processor`, `subprocessor` and `upstream`")
            if self.controller is not None:
                raise ValueError(
                    "a sub-processing agreement is between `processor` and `subprocessor`; describe the"
                    " controllers under `upstream`, not as `controller`"
                )
        return self

    def parties(self) -> tuple[tuple[str, Party], tuple[str, Party]]:
        """The two parties with their roles: (client, provider) of the processing service."""
        if self.controller is not None:
            return ("controller", self.controller), ("processor", self.processor)
        assert self.subprocessor is not None
        return ("processor", self.processor), ("subprocessor", self.subprocessor)

    def derived_facts(self, ctx: FactContext) -> Mapping[str, Any]:
        """The two parties by the part they play in any kind of agreement, and the place of signing.

        ``client`` is the party on whose behalf data are processed (the controller, or in a
        sub-processing agreement the processor), ``provider`` the party that processes them:
        shared clause texts name the parties through these, so they read right in every kind.
        """
        (_, client), (_, provider) = self.parties()
        place = self.signing.place or client.seat or client.address.city
        return {
            "client": ctx.facts_of(client),
            "provider": ctx.facts_of(provider, outside_eea=not ctx.in_eea(provider.address.country)),
            "signing": ctx.facts_of(self.signing, place=place),
        }
