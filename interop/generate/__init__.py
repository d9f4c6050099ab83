"""``interop generate``: a synthetic, Wuhan-like sample city, deterministic for a seed.

See :mod:`interop.generate.city` for what it contains and :mod:`interop.generate.write`
for the files it writes.
"""

from interop.generate.city import build_country, generate_city
from interop.generate.model import AS_OF
from interop.generate.write import write_city

__all__ = ["AS_OF", "build_country", "generate_city", "write_city"]
