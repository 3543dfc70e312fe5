"""dpa-gen: bilingual GDPR art. 28 processor agreements from a YAML clause library.

Kept import-free on purpose: ``dpa-gen --version`` and ``--help`` must start fast.
"""

__version__ = "0.1.0"
