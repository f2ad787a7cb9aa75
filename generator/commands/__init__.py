"""The command line: build, new, import, explain, export, check, synth."""
