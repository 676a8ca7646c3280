"""Generated documents (letters to applicants, later the annual report) as real DOCX and PDF files.

Django-free: a document is a small dataclass; each renderer turns it into bytes. DOCX is written
with python-docx in the fonts a 公文 uses (Word and WPS substitute what they lack); PDF is drawn
by WeasyPrint from HTML with the Noto CJK fonts embedded, so it reads the same on any machine.
"""
