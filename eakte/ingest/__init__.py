"""Finding the sources: walk folders and an S3 inbox, sniff types, hash, and the size limit."""
