"""Registering a model version with its files, and downloading a curated dataset."""

import hashlib
import os
import tempfile
import unittest
import urllib.request

from support import KEY, URL, raw_graphql, unique, wait_for_counts

from tideline import Tideline, TidelineError


def fetch(path: str) -> bytes:
    request = urllib.request.Request(URL + path, headers={"authorization": f"Bearer {KEY}"})
    with urllib.request.urlopen(request, timeout=60) as answer:
        return answer.read()


class RegisterModelVersion(unittest.TestCase):
    def test_files_are_uploaded_and_the_version_names_them_by_digest(self):
        model = unique("py-registry")
        files = {"weights.bin": os.urandom(70_000), "config/params.json": b'{"depth": 3}'}
        with tempfile.TemporaryDirectory() as folder:
            for path, content in files.items():
                os.makedirs(os.path.dirname(os.path.join(folder, path)), exist_ok=True)
                with open(os.path.join(folder, path), "wb") as handle:
                    handle.write(content)
            with Tideline(URL, KEY) as tl:
                tl.log_predictions({"id": "r-1", "score": 0.3}, model=model, wait=True)
                wait_for_counts(model, 1)
                tl.register_model(model, "ROC_AUC", protected_slices=["tags.country"])
                version = tl.register_model_version(model, "v1", folder, metadata={"framework": "sklearn"})
                again = tl.register_model_version(model, "v1", folder)  # the same files: a no-op
                with self.assertRaises(TidelineError) as raised:
                    tl.register_model_version(model, "v1", {"weights.bin": b"other bytes"})
        self.assertEqual((version["stage"], version["artifact"]["format"]), ("CANDIDATE", "OTHER"))
        self.assertEqual(again["artifact"]["digest"], version["artifact"]["digest"])
        self.assertEqual(raised.exception.code, "VERSION_EXISTS")
        expected = {p: "sha256:" + hashlib.sha256(c).hexdigest() for p, c in files.items()}
        self.assertEqual({f["path"]: f["digest"] for f in version["artifact"]["files"]}, expected)
        api = raw_graphql("""query($m: String!) { modelVersion(model: $m, version: "v1") { metadata
            artifact { digest files { path digest size downloadPath } } } }""", {"m": model})["modelVersion"]
        self.assertEqual(api["artifact"]["digest"], version["artifact"]["digest"])
        self.assertEqual(api["metadata"], {"framework": "sklearn"})
        for f in api["artifact"]["files"]:
            self.assertEqual(fetch(f["downloadPath"]), files[f["path"]])


class DownloadDataset(unittest.TestCase):
    def test_rows_of_a_split_are_the_curated_snapshot(self):
        model = unique("py-dataset")
        rows = [{"id": f"d-{i}", "score": (i % 10) / 10, "timestamp": f"2026-01-01T{i % 24:02d}:00:00Z",
                 "tags.country": "BR" if i % 2 else "US", "x1": float(i), "label": i % 3 == 0} for i in range(300)]
        with Tideline(URL, KEY) as tl:
            tl.log_predictions(rows, model=model, label_column="label", wait=True)
            wait_for_counts(model, 300, 300)
            dataset_id = unique("ds")
            curated = raw_graphql("""mutation($input: CurateDatasetInput!) { curateDataset(input: $input) {
                id rowCount curation { splits { split rowCount } } } }""", {"input": {
                "id": dataset_id, "model": model, "seed": 1, "splits": {"train": 0.8, "validation": 0.1, "test": 0.1},
                "windows": [{"from": "2026-01-01T00:00:00Z", "to": "2026-01-02T00:00:00Z"}]}})["curateDataset"]
            everything = tl.download_dataset(dataset_id, as_frame=False)
            train = tl.download_dataset(dataset_id, "train", as_frame=False)
            with self.assertRaises(TidelineError) as raised:
                tl.download_dataset(unique("missing"))
            with self.assertRaises(TidelineError) as bad_split:
                tl.download_dataset(dataset_id, "holdout")
        self.assertEqual(len(everything), curated["rowCount"])
        self.assertEqual(len(everything), 300)
        splits = {s["split"]: s["rowCount"] for s in curated["curation"]["splits"]}
        self.assertEqual(len(train), splits["train"])
        self.assertEqual({r["split"] for r in train}, {"train"})
        self.assertEqual(sorted(r["id"] for r in everything), sorted(r["id"] for r in rows))
        self.assertEqual((raised.exception.code, raised.exception.status), ("DATASET_NOT_FOUND", 404))
        self.assertEqual((bad_split.exception.code, bad_split.exception.field), ("BAD_USER_INPUT", "split"))


if __name__ == "__main__":
    unittest.main()
