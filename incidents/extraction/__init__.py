"""Text extraction: article text to source accounts, one module per stage.

    sentences  -> split text into sentences with spans
    places     -> spot place names and resolve them with the gazetteer
    dates      -> day windows from absolute and relative expressions
    figures    -> killed / injured / lumped figures with qualifiers and victims
    attribution-> whom the text credits, perpetrator, target, weapon
    pipeline   -> chains the stages: ``extract_accounts(document, gazetteer)``

The vocabularies the stages read (outlets, claimants, feature words, figure phrasings) are data files in ``vocab/``.
"""

from .pipeline import extract_accounts

__all__ = ["extract_accounts"]
