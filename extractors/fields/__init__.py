"""Field extractors: pure functions from (cleaned) page texts to one kind of field each."""
