"""Files and uploads → articles → the store.

`readers` turns .txt .html .json .jsonl .csv files into `ArticleInput` values
(or per-record `IngestError`s); `run` stores them and reports what failed.
"""
from map_app.ingest.readers import (
    EXTENSIONS, MAX_ARTICLE_BYTES, MAX_FILE_BYTES, ArticleInput, IngestError, decode, parse_published,
    read_articles, read_upload)
from map_app.ingest.run import (IngestReport, describe_failure, expand_paths, ingest_paths, ingest_uploads,
                                stderr_progress)

__all__ = ["EXTENSIONS", "MAX_ARTICLE_BYTES", "MAX_FILE_BYTES", "ArticleInput", "IngestError", "IngestReport",
           "decode", "describe_failure", "expand_paths", "ingest_paths", "ingest_uploads", "parse_published",
           "read_articles", "read_upload", "stderr_progress"]
