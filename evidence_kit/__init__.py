"""evidence-kit: keep evidence of scams and stalking encrypted, hashed and ready for the police."""

__version__ = "0.1.0"
