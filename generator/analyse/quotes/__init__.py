"""The quote stage: quotes and reported speech with their speakers (`assemble.QuoteFinder`)."""
