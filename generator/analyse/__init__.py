"""Stages 3 to 5: classify sections by theme, recognise entities, attribute quotes (with the
registry, the names outside it and `check`'s discovery)."""
