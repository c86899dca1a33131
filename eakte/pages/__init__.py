"""Reading pages: one page-source interface over PDF, TIFF, JPEG and PNG, with MRC and text-layer readers."""
