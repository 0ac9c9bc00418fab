"""Turn Arabic articles into claims: reading, normalising, Stanza annotation, and the claim rules."""
