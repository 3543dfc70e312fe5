"""Annex I and Annex III of the customer file: what is processed, where, and by which sub-processors."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Annotated, Any, Literal

from pydantic import BeforeValidator, Field, model_validator

from dpa_gen.models.base import Flag, Item, Line, Model, Prose
from dpa_gen.models.parties import Country
from dpa_gen.models.settings import FactContext, Setting
from dpa_gen.models.terms import Days

Safeguard = Literal["adequacy", "scc", "dpf", "bcr"]
Region = Literal["eea", "eea_and_adequacy"]


def _one_or_more(value: Any) -> Any:
    return [value] if isinstance(value, str) else value


Safeguards = Annotated[list[Safeguard], BeforeValidator(_one_or_more), Field(max_length=4)]


class Processing(Model):
    """Annex I: what is processed, how, why, where and for how long (art. 28(3) GDPR)."""

    subject_matter: Annotated[Prose, Setting("art. 28(3): subject-matter")]
    nature: Annotated[
        Annotated[list[Item], Field(min_length=1, max_length=50)],
        Setting("operations (`storage`, `email_sending`, …)", vocabulary="operations"),
    ]
    purposes: Annotated[
        Annotated[list[Item], Field(min_length=1, max_length=50)],
        Setting("`email_marketing`, `payroll`, …", vocabulary="purposes"),
    ]
    data_categories: Annotated[
        Annotated[list[Item], Field(min_length=1, max_length=100)],
        Setting(
            "`email_address`, `health` (special category), …",
            vocabulary="data_categories",
            sample=[
                {"nl": "contactgegevens", "en": "contact details"},
                {"nl": "gezondheid", "en": "health", "special": "true"},
            ],
        ),
    ]
    data_subjects: Annotated[
        Annotated[list[Item], Field(min_length=1, max_length=50)],
        Setting("`customers`, `employees`, …", vocabulary="data_subjects"),
    ]
    duration: Annotated[
        Prose | None, Setting("duration of the processing; default: the term of the main agreement")
    ] = None
    locations: Annotated[
        Annotated[list[Country], Field(max_length=50)] | Region | None,
        Setting(
            "where the processor processes and accesses the data: country codes, or `eea` / `eea_and_adequacy`",
            sample=["NL", "US"],
        ),
    ] = None
    transfer_safeguard: Annotated[
        Safeguards | None,
        Setting(
            "the Chapter V mechanism when the processor is established or processes outside the EEA",
            sample=["scc"],
        ),
    ] = None
    special_category_safeguards: Annotated[
        Prose | None, Setting("expected when special categories are processed (warning C108)")
    ] = None
    processor_purposes: Annotated[
        Annotated[list[Item], Field(max_length=10)],
        Setting(
            "narrow purposes of the processor's own (`aggregated_statistics`, `security_and_abuse`,"
            " `service_improvement`); default: none",
            vocabulary="processor_purposes",
        ),
    ] = []
    ai_training: Annotated[
        Literal["not_allowed", "anonymised_only", "with_consent"] | None,
        Setting("whether the processor may use the data to train AI models", sample="not_allowed", term=True),
    ] = None

    def derived_facts(self, ctx: FactContext) -> Mapping[str, Any]:
        """Country names and the region of the locations, the special categories, the safeguards' wording."""
        special = tuple(ctx.term("data_categories", item) for item in self.data_categories if ctx.is_special(item))
        codes = tuple(self.locations) if isinstance(self.locations, list) else ()
        return {
            "locations": tuple(ctx.country_name(code) for code in codes),
            "location_codes": codes,
            "region": self.locations if isinstance(self.locations, str) else None,
            "outside_eea": tuple(ctx.country_name(code) for code in codes if not ctx.in_eea(code)),
            "special_categories": special,
            "transfer_safeguard": tuple(ctx.label("safeguards", s) for s in self.transfer_safeguard or ()),
            "transfer_safeguard_keys": tuple(self.transfer_safeguard or ()),
        }


class Subprocessor(Model):
    """One named sub-processor (Annex III; SCC 2021/915 Annex IV)."""

    name: Annotated[Line, Setting("name of the sub-processor", sample="Buiten Inc.")]
    service: Annotated[Item, Setting("service key or own text", vocabulary="services")]
    description: Annotated[Prose | None, Setting("what it does with the data, and where its responsibility ends")] = (
        None
    )
    country: Annotated[Country, Setting("country where it is established", sample="US")]
    city: Annotated[Line | None, Setting("city", sample="Boston")] = None
    address: Annotated[Line | None, Setting("address", sample="1 Main Street")] = None
    contact: Annotated[
        Line | None, Setting("contact person or address for data protection", sample="privacy@x.com")
    ] = None
    locations: Annotated[
        Annotated[list[Country], Field(max_length=20)],
        Setting("countries where it processes the data; default: its own country", sample=["US"]),
    ] = []
    access_from: Annotated[
        Annotated[list[Country], Field(max_length=20)],
        Setting("further countries from which it can access the data (support, administration)", sample=["IN"]),
    ] = []
    safeguard: Annotated[
        Safeguards,
        Setting(
            "transfer safeguard(s) for processing or access outside the EEA: `adequacy`, `scc`, `dpf`, `bcr`",
            sample=["scc"],
        ),
    ] = []

    def derived_facts(self, ctx: FactContext) -> Mapping[str, Any]:
        """Where it processes and accesses data, whether that is outside the EEA, and the safeguards' wording."""
        processing = tuple(self.locations) or (self.country,)
        # The seat counts too: a sub-processor established outside the EEA that stores data in the
        # EEA is still subject to its own country's laws (EDPB Guidelines 05/2021, criterion 3).
        places = tuple(dict.fromkeys((self.country, *processing, *self.access_from)))
        outside = tuple(code for code in places if not ctx.in_eea(code))
        return {
            "country_name": ctx.country_name(self.country),
            "location_names": tuple(ctx.country_name(code) for code in processing),
            "access_names": tuple(ctx.country_name(code) for code in self.access_from),
            "outside_eea": bool(outside),
            "outside_eea_names": tuple(ctx.country_name(code) for code in outside),
            "safeguard_names": tuple(ctx.label("safeguards", s) for s in self.safeguard),
            "safeguard_name": ctx.label("safeguards", self.safeguard[0]) if self.safeguard else None,
            "safeguard_keys": tuple(self.safeguard),
        }


class CurrentList(Model):
    """Where the current list of sub-processors is kept, when the agreement does not name them all."""

    where: Annotated[
        Literal["web_page", "order_form", "on_request"],
        Setting("`web_page` (give `url`), `order_form` or `on_request`", sample="web_page"),
    ]
    url: Annotated[Line | None, Setting("the web address of the list", sample="https://example.com/subprocessors")] = (
        None
    )

    @model_validator(mode="after")
    def _url_for_a_web_page(self) -> CurrentList:
        if (self.where == "web_page") != (self.url is not None):
            raise ValueError("give `url` exactly when the list is kept on a web page (where: web_page)")
        return self


class Subprocessors(Model):
    """How sub-processors are authorised, which ones are engaged, and how changes are announced."""

    authorisation: Annotated[
        Literal["general", "specific"] | None, Setting("art. 28(2)", sample="general", term=True)
    ] = None
    notice_days: Annotated[
        Days | None, Setting("advance notice of a new or replaced sub-processor", sample="30 days", term=True)
    ] = None
    objection_days: Annotated[
        Days | None,
        Setting("time to object, counted from the notice; default: the notice period", sample="14 days", term=True),
    ] = None
    engaged: Annotated[
        Annotated[list[Subprocessor], Field(max_length=500, alias="list")],
        Setting(
            "named sub-processors (Annex III)",
            sample=[
                {
                    "name": "Binnen B.V.",
                    "service": {"nl": "hosting", "en": "hosting"},
                    "country": "DE",
                    "city": "Berlin",
                },
                {
                    "name": "Buiten Inc.",
                    "service": {"nl": "e-mail", "en": "e-mail"},
                    "country": "US",
                    "safeguard": "scc",
                },
            ],
        ),
    ] = []
    categories: Annotated[
        Annotated[list[Item], Field(max_length=50)],
        Setting("categories of sub-processors engaged but not named here (service keys)", vocabulary="services"),
    ] = []
    current_list: Annotated[CurrentList | None, Setting("where the full current list is kept")] = None
    announcement: Annotated[
        Literal["email", "web_page", "email_and_web_page", "in_service"] | None,
        Setting("how intended changes are announced", sample="email", term=True),
    ] = None
    objection_remedy: Annotated[
        Literal["terminate_services", "terminate_agreement"] | None,
        Setting("what the controller may do when an objection is not resolved", sample="terminate_services", term=True),
    ] = None
    refund_prepaid: Annotated[
        Flag | None, Setting("prepaid fees are refunded after such a termination", sample="true", term=True)
    ] = None
    settlement_days: Annotated[
        Days | None,
        Setting(
            "time to agree on an alternative after a refusal or objection, before termination",
            sample="30 days",
            term=True,
        ),
    ] = None
    list_days: Annotated[
        Days | None,
        Setting(
            "the current list and copies of sub-processor contracts, on request, within",
            sample="10 business days",
            term=True,
        ),
    ] = None

    def derived_facts(self, ctx: FactContext) -> Mapping[str, Any]:
        """How many are named, which lie outside the EEA, and whether the annex names them all."""
        entries = ctx.facts_of(self.engaged)
        return {
            "list": entries,
            "count": len(entries),
            "outside_eea": tuple(s for s in entries if s.outside_eea),
            "named_only": not self.categories and self.current_list is None,
            "engaged": bool(entries or self.categories or self.current_list),
        }
