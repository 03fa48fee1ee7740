"""The command line: one module per command group, each parsing, calling a service, formatting."""
