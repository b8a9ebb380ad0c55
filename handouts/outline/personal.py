"""What makes a program one patient's own: its header, its progression, questions said once."""

from __future__ import annotations

from dataclasses import replace

from handouts.locale import Catalogue
from handouts.model import Prescription
from handouts.outline.document import Brand


def header(brand: Brand, prescription: Prescription, cat: Catalogue) -> Brand:
    """Return the program's header: the clinic, and the prescribing clinician with a contact.

    Write-in lines are for a handout nobody has filled in; a program knows who prescribed
    it, so its header prints them. With the clinic's name, the line under it holds the
    clinic's own contact and the therapist; without, the therapist heads the page.
    """
    clinician = prescription.clinician
    if clinician.contact:
        therapist = cat.text(
            "header.therapist_contact", name=clinician.name, contact=clinician.contact
        )
    else:
        therapist = cat.text("header.therapist", name=clinician.name)
    if brand.clinic:
        contact = " · ".join(line for line in (brand.contact, therapist) if line)
        return replace(brand, contact=contact)
    contact = brand.contact or (
        cat.text("header.contact", contact=clinician.contact)
        if clinician.contact
        else cat.text("header.no_contact")
    )
    return replace(brand, clinic=cat.text("header.therapist", name=clinician.name), contact=contact)
