"""Text banks for the generated classifier corpora (``scripts/make_corpus.py``).

``train_*`` modules feed the training corpus; ``heldout_*`` modules were
written separately, with other greetings, closings, subjects and core
sentences, so that held-out figures are not measured on the training templates.
"""
