"""Document builders: each returns a laid-out document together with its truth label fields."""
