"""Reading a page's text: binarise, tesseract, orientation, and the shared page pool."""
