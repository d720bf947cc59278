"""Artifact files: each uploaded with `POST /v1/artifacts`, then named by its digest in registerModelVersion."""

from __future__ import annotations

import hashlib
import os
from typing import Any, Iterator, List, Tuple, Union

from .errors import TidelineError, bad_input
from .transport import Transport

Source = Union[bytes, str, "os.PathLike[str]"]


def artifact_entries(files: Any) -> Iterator[Tuple[str, Source]]:
    """(path within the artifact, bytes or local path) from a directory, a list of paths or a mapping."""
    if isinstance(files, (str, os.PathLike)) and os.path.isdir(files):
        root = os.fspath(files)
        for folder, _dirs, names in sorted(os.walk(root)):
            for name in sorted(names):
                local = os.path.join(folder, name)
                yield os.path.relpath(local, root).replace(os.sep, "/"), local
    elif isinstance(files, dict):
        yield from files.items()
    elif isinstance(files, (list, tuple)):
        for local in files:
            yield os.path.basename(os.fspath(local)), local
    else:
        raise bad_input("files", "expected a directory, a list of file paths or {path: bytes or local path}")


def _read(source: Source, path: str) -> bytes:
    if isinstance(source, bytes):
        return source
    try:
        with open(source, "rb") as handle:
            return handle.read()
    except OSError as err:
        raise bad_input(f"files[{path}]", f"cannot read {source}: {err.strerror}") from err


def upload_files(transport: Transport, files: Any) -> List[dict]:
    """Uploads every file (the server stores each digest once) and returns ArtifactFileInput entries."""
    uploaded = []
    for path, source in artifact_entries(files):
        content = _read(source, path)
        expected = "sha256:" + hashlib.sha256(content).hexdigest()
        answer = transport.request("POST", "/v1/artifacts", content, {"content-type": "application/octet-stream"}).json()
        if answer.get("digest") != expected:
            raise TidelineError("ARTIFACT_CORRUPT", f"files[{path}]",
                                f"the server stored {answer.get('digest')} for {path}, whose sha256 is {expected}")
        uploaded.append({"path": path, "digest": expected})
    if not uploaded:
        raise bad_input("files", "an artifact needs at least one file")
    return uploaded
