"""Every module imports without the engine (conftest makes `import databend` fail): only a Gateway loads it."""

import importlib
import pkgutil

import databend_etl_gateway


def test_every_module_imports_without_the_engine() -> None:
    names = [m.name for m in pkgutil.iter_modules(databend_etl_gateway.__path__) if m.name != "__main__"]
    assert len(names) == 12
    for name in names:
        importlib.import_module(f"databend_etl_gateway.{name}")
