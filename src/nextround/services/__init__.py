"""Use cases: each function is one thing a user does, in one transaction, for one owner.

Services never print and never import a face; they return plain values that
the CLI and the web format.
"""
