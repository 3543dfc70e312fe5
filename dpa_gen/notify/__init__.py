"""``dpa-gen notify``: letters about an intended change of sub-processors (art. 28(2) GDPR).

``change`` reads the change file and works out what it changes for one customer, ``dates``
computes the customer's deadline, ``letter`` lays the letter out as a ``Document``,
``mailmerge`` writes the list of letters, and ``driver`` runs it all for many customers.
"""
