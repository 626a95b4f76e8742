"""The English illustrative-sample statement (the documents in other languages say it
in their own)."""

EN_DISCLAIMER = (
    "Illustrative sample written for the PES knowledge-base project; not an official document."
)
