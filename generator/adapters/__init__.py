"""The core's two adapters: the MkDocs plugin (with Material's search and Pagefind, and the
safe build) and the export to a folder."""
