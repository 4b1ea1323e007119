"""Word drafts of the documents that leave the office (python-docx), in the same GB/T 9704
layout as the PDFs, for the leaders to edit before a document is stamped."""
