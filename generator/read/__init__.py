"""Stages 1 and 2: read article files (front matter validated) and split them into sections."""
