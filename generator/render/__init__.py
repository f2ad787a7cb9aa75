"""Stage 6: the generated pages (one renderer for all templates), the network picture, the
feed, and the entity linker."""
