"""Monthly reports and receipts: their figures (data), e-mail and chat texts (render), PDFs."""
