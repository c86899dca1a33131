"""Case overview: the facts a § 25a/§ 25b or hardship check needs, from the whole file, each with its evidence.

Facts, never decisions: every value points at a document id and a source page; what the documents do
not say stays "unknown" and names the missing evidence.
"""
