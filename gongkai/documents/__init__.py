"""Generated documents (letters to applicants, later the annual report) as real DOCX and PDF files.

Django-free: a document is a small dataclass; each renderer turns it into bytes. The typefaces
are stated once in `fonts`: DOCX styles name the fonts a 公文 uses (GB/T 9704; Word and WPS
substitute what they lack), and every PDF is drawn by WeasyPrint with the Noto Serif SC / Noto Sans
SC files that gongkai depends on, embedded, so it reads the same on any machine, even one without
any font.
"""
