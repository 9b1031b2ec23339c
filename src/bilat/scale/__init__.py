"""Speed and scale: the fast path's first pass, worker processes, and the Dask runner.

    prefilter   tokens + gazetteer -> the sentences that can hold an event (no parser)
    sentences   a cheap sentence splitter on tokenizer output
    workers     `code_parallel`: a process per core, results in input order
    dask_run    `code_on_dask`: partitions of stories on a Dask cluster -> Parquet -> DuckDB
    parquet     event/document Parquet files and their idempotent load into the store
"""
