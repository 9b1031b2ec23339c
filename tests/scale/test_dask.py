"""The Dask runner on an in-process LocalCluster: the events of a single-process run."""

from __future__ import annotations

from pathlib import Path

import pytest

from bilat.interfaces.cli.app import main

SAMPLES = Path(__file__).resolve().parents[2] / "src" / "bilat" / "data" / "samples"


def _events(db):
    from bilat.store import Store

    with Store.open(db, read_only=True) as store:
        return sorted((e.to_dict() for e in store.iter_events()), key=lambda d: d["event_id"])


def test_jsonl_is_refused_with_dask(tmp_path, capsys):
    code = main(["code", str(SAMPLES), "--db", str(tmp_path / "x.duckdb"), "--dask", "local",
                 "--jsonl", str(tmp_path / "e.jsonl"), "--silent"])
    assert code == 1 and "--jsonl cannot be used with --dask" in capsys.readouterr().err


def test_a_missing_parts_folder_is_refused(tmp_path, capsys):
    code = main(["code", str(SAMPLES), "--db", str(tmp_path / "x.duckdb"), "--dask", "local",
                 "--dask-dir", str(tmp_path / "nowhere"), "--silent"])
    assert code == 1 and "does not exist" in capsys.readouterr().err


@pytest.mark.slow
def test_local_cluster_of_two_workers_equals_one_process(tmp_path):
    from bilat.ingest import read_inputs
    from bilat.run import code_inputs
    from bilat.scale.dask_run import code_on_dask
    from bilat.schemas import Article

    single = tmp_path / "single.duckdb"
    code_inputs([str(SAMPLES)], db=single, workers=1)
    arts = [a for a in read_inputs([str(SAMPLES)]) if isinstance(a, Article)]
    # LocalCluster(n_workers=2, threads_per_worker=1, processes=True), partitions of 2 stories
    summary = code_on_dask(arts, db=tmp_path / "dask.duckdb", address="local", workers=2,
                           partition=2, parts_dir=tmp_path)
    assert summary.parts == -(-len(arts) // 2) >= 3 and summary.stories_coded == len(arts)
    assert summary.load is not None and summary.load.stories_new == len(arts)
    single_events = _events(single)
    assert len(single_events) > 10
    assert _events(tmp_path / "dask.duckdb") == single_events
    assert len(summary.worker_peak_rss) >= 1
    assert not list(tmp_path.glob("bilat-parts-*"))  # parts removed once loaded
