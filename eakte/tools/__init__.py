"""One module per external program (tesseract, pdftoppm, qpdf): how it is called and what its failures mean."""
