"""Composing PDFs: text over the original page (sandwich), document assembly, PDF/A."""
