"""Scale-out: the per-article stages (read, clean, analyse) over a large corpus on Dask, to Parquet.

    partitions.py  the input cut into partitions (JSON Lines blocks, Parquet row groups, WARC files) and read
    stages.py      what one task does with one partition: the single-process functions, item by item
    rows.py        the Parquet rows: one per article (with its `analyse` JSON), one per skipped item
    batch.py       run_batch: the Dask bag over the partitions, the cluster, the output folder

Importing this package imports neither Dask nor pyarrow; `from newsbrief.scale.batch import run_batch` does.
"""
