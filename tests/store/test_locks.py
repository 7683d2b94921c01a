"""Crawl locks: one crawl per site and output directory, and per site and state directory."""

from __future__ import annotations

import os
import subprocess
import sys

import pytest
from conftest import ROOT

from scraper.store.locks import INHERITED_LOCKS_ENV, SiteLocked, crawl_lock, crawl_lock_paths, site_lock


def test_the_locks_are_under_the_output_and_the_state(tmp_path):
    out, state = tmp_path / "out", tmp_path / "state"
    assert crawl_lock_paths(out, state, "news") == [out / ".locks" / "news.lock", state / "locks" / "news.lock"]
    with crawl_lock(out, state, "news") as fds:
        assert len(fds) == 2
        assert (out / ".locks" / "news.lock").read_text().strip() == str(os.getpid())


def test_same_output_other_state_is_refused(tmp_path):
    out = tmp_path / "out"
    with crawl_lock(out, tmp_path / "state-a", "news"):
        with pytest.raises(SiteLocked, match="already being crawled"):
            with crawl_lock(out, tmp_path / "state-b", "news"):
                pass
        with crawl_lock(out, tmp_path / "state-b", "other"):  # another site is free
            pass
    with crawl_lock(out, tmp_path / "state-b", "news"):  # released
        pass


def test_same_state_other_output_is_refused(tmp_path):
    state = tmp_path / "state"
    with crawl_lock(tmp_path / "out-a", state, "news"):
        with pytest.raises(SiteLocked):
            with crawl_lock(tmp_path / "out-b", state, "news"):
                pass
        with pytest.raises(SiteLocked):  # the state lock alone, as before
            with site_lock(state, "news"):
                pass


def test_a_subprocess_inherits_both_locks(tmp_path):
    out, state = tmp_path / "out", tmp_path / "state"
    code = (
        "import sys\n"
        "from scraper.store.locks import SiteLocked, crawl_lock\n"
        "with crawl_lock(sys.argv[1], sys.argv[2], 'news'):\n"
        "    print('inherited')\n"
    )
    stranger = (  # a process not handed the locks finds the site taken
        "import sys\n"
        "from scraper.store.locks import SiteLocked, crawl_lock\n"
        "try:\n"
        "    with crawl_lock(sys.argv[1], sys.argv[3], 'news'):\n"
        "        print('free')\n"
        "except SiteLocked:\n"
        "    print('locked')\n"
    )
    args = [str(out), str(state), str(tmp_path / "other-state")]
    with crawl_lock(out, state, "news") as fds:
        env = {**os.environ, "PYTHONPATH": str(ROOT), INHERITED_LOCKS_ENV: ",".join(f"news={fd}" for fd in fds)}
        result = subprocess.run(
            [sys.executable, "-c", code, *args],
            pass_fds=tuple(fds), env=env, capture_output=True, text=True, check=False, timeout=60,
        )
        env = {**os.environ, "PYTHONPATH": str(ROOT)}
        other = subprocess.run([sys.executable, "-c", stranger, *args], env=env,
                               capture_output=True, text=True, check=False, timeout=60)
    assert result.stdout.split() == ["inherited"], result.stderr
    assert other.stdout.split() == ["locked"], other.stderr
