"""Plan the files to build, render the ones whose inputs changed, and write them all or none.

A ``Builder`` renders jobs (in worker processes when there are enough of them), stages each
file under a hidden temporary name beside its final place, and renames them all into place
only when every one is ready. It remembers what each file was built from in a small state
file in the output folder, so a file whose inputs have not changed is not drawn again, and
so a build that makes every file of a kind (its scope) can remove the ones of that kind an
earlier build wrote and this one no longer makes.

``plan`` lists the jobs (files) and their keys, ``drawing`` draws them (in workers or not),
``files`` stages and sweeps them, ``commit`` puts them in place all or none, and
``builder`` holds the ``Builder`` that runs those steps.
"""

from handouts.build.builder import STATE_FILE, Builder
from handouts.build.commit import CommitError
from handouts.build.drawing import PARALLEL_MIN, default_workers
from handouts.build.plan import (
    FORMATS,
    Job,
    Options,
    code_digest,
    covered_scopes,
    file_digest,
    job_key,
    jobs,
    topic_scope,
)

__all__ = [
    "FORMATS",
    "PARALLEL_MIN",
    "STATE_FILE",
    "Builder",
    "CommitError",
    "Job",
    "Options",
    "code_digest",
    "covered_scopes",
    "default_workers",
    "file_digest",
    "job_key",
    "jobs",
    "topic_scope",
]
