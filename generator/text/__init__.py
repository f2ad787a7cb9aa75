"""Text as the stages read it: the reader's view of text, the Markdown tree, Markdown
escaping, sentences, editors' YAML."""
