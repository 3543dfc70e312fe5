"""Redlines: one contract between two versions, as a DOCX with real tracked changes.

Two composed contracts (``engine.compose``) are aligned block by block and merged word by
word into one ``Document`` of the new contract with the old text at its place (``align``,
``words``, ``model``); the DOCX redline writer lays it out as a build and marks the changes
as ``w:ins``/``w:del`` runs, paragraph marks and rows (``docx``, ``marks``). ``summary`` and
``report`` say what changed; ``gitrev`` fetches an old library from git. The ``diff`` driver
(``dpa_gen.diff``) puts these together.
"""
