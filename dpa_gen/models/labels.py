"""``templates/<lang>/labels.yaml``: the words the layout adds around the clause text."""

from __future__ import annotations

from dpa_gen.models.base import LibraryText, Model


class PartyLabels(Model):
    """Party roles and the rows of the parties table."""

    controller: LibraryText
    processor: LibraryText
    subprocessor: LibraryText
    name: LibraryText
    legal_form: LibraryText
    seat: LibraryText
    address: LibraryText
    registration: LibraryText
    kvk: LibraryText
    representative: LibraryText
    contact: LibraryText
    dpo: LibraryText


class SignatureLabels(Model):
    """The lines of a signature box."""

    name: LibraryText
    role: LibraryText
    date: LibraryText
    signature: LibraryText


class ProcessingLabels(Model):
    """The rows of the processing table (Annex I)."""

    subject_matter: LibraryText
    nature: LibraryText
    purposes: LibraryText
    data_categories: LibraryText
    special_categories: LibraryText
    special_categories_none: LibraryText
    special_category_safeguards: LibraryText
    data_subjects: LibraryText
    duration: LibraryText
    duration_main_agreement: LibraryText
    locations: LibraryText
    locations_eea: LibraryText
    locations_eea_and_adequacy: LibraryText
    locations_not_limited: LibraryText  # {article}: the number of the transfers article
    transfer_safeguard: LibraryText


class SafeguardLabels(Model):
    """Short names of the transfer safeguards for the sub-processor table (the clauses use the vocabulary's)."""

    adequacy: LibraryText
    scc: LibraryText
    dpf: LibraryText
    bcr: LibraryText


class SubprocessorLabels(Model):
    """The columns of the sub-processor table (Annex III; SCC 2021/915 Annex IV) and the words in its cells."""

    number: LibraryText
    name: LibraryText
    service: LibraryText
    locations: LibraryText
    transfer: LibraryText
    access: LibraryText  # before the countries from which data can also be accessed
    transfer_to: LibraryText  # "yes", before the countries outside the EEA a transfer goes to
    no_transfer: LibraryText  # every processing and access location lies in the EEA
    safeguards: SafeguardLabels


class MeasureLabels(Model):
    """Extra headings of the security annex (Annex II)."""

    additional: LibraryText
    certifications: LibraryText


class Labels(Model):
    """All labels of one language."""

    article: LibraryText
    annex: LibraryText
    page: LibraryText
    reference: LibraryText
    subject: LibraryText
    keywords: LibraryText
    party: PartyLabels
    signature: SignatureLabels
    processing: ProcessingLabels
    subprocessors: SubprocessorLabels
    measures: MeasureLabels

    def word(self, heading: str) -> str:
        """The word before a numbered heading: "Artikel" for an article, "Bijlage" for an annex."""
        return {"article": self.article, "annex": self.annex}.get(heading, "")
