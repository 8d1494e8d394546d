"""The PDF bundle: `model` builds plain data from a case, `pdf` draws it with ReportLab."""
