"""The dependency rules of the layout: extraction is pure and never pulls in Scrapy."""

import subprocess
import sys

from conftest import ROOT


def test_extraction_imports_no_scrapy():
    code = (
        "import sys, scraper.extract, scraper.record.article, scraper.record.fingerprint, scraper.discovery;"
        "bad = sorted(m for m in sys.modules if m.split('.')[0] in ('scrapy', 'twisted'));"
        "print(bad); sys.exit(1 if bad else 0)"
    )
    result = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, check=False)
    assert result.returncode == 0, result.stdout + result.stderr


def test_core_modules_do_not_import_spiders_or_pipelines():
    for path in (ROOT / "scraper").rglob("*.py"):
        source = path.read_text(encoding="utf-8")
        for forbidden in ("from pipelines", "import pipelines"):
            assert forbidden not in source, path
        if path.name != "runner.py":  # the runner starts the spider: that is its job
            assert "from spiders" not in source, path
