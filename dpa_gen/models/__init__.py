"""Pydantic schemas of the clause library, the customer file and the template labels."""
