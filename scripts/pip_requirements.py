"""Print the pinned requirements from pyproject.toml, one per line, for `pip install -r`.

The portal is an application, not a library: it is never built into a wheel, so pip is asked for its
dependencies only. Pass `dev` to include the test and lint tools.
"""

import sys
import tomllib
from pathlib import Path

project = tomllib.loads((Path(__file__).resolve().parent.parent / "pyproject.toml").read_text())
requirements = list(project["project"]["dependencies"])
for extra in sys.argv[1:]:
    requirements += project["project"]["optional-dependencies"][extra]
print("\n".join(requirements))
