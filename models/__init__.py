"""The Arabic Stanza models this project trains and ships (``claimgraph train-models``), as package data.

``models_dir()`` is where they are read from: ``CLAIMGRAPH_MODELS_DIR`` when set (a folder of the same files),
else ``ar/`` beside this file, in a source checkout and in an installed wheel alike.
"""

from __future__ import annotations

import os
from importlib.resources import files
from pathlib import Path

MODELS_DIR_VARIABLE = "CLAIMGRAPH_MODELS_DIR"


def models_dir() -> Path:
    override = os.environ.get(MODELS_DIR_VARIABLE)
    if override:
        return Path(override)
    return Path(str(files(__name__) / "ar"))
