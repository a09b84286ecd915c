"""The tests run without the engine: an import of `databend` from any module under test fails at once."""

import sys

sys.modules["databend"] = None  # type: ignore[assignment]  # `import databend` now raises ImportError
