"""The search index is completed where a page's tokens stand, and left alone where it cannot be completed safely."""

from __future__ import annotations

import json
from pathlib import Path

from coachfolio.integration.search_index import Document, complete_search_index


def write_index(site: Path, data: dict[str, object]) -> Path:
    path = site / "search/search_index.json"
    path.parent.mkdir(parents=True)
    path.write_text(json.dumps(data), encoding="utf-8")
    return path


def fill(document: Document, page: str) -> list[Document]:
    document["text"] = document["text"].replace(" TOKEN", "")
    return [{"location": page + "#added", "title": "Added", "text": "<p>new</p>"}]


def test_sections_go_after_the_last_document_of_their_page(tmp_path: Path) -> None:
    docs = [
        {"location": "a/", "title": "A", "text": "<p>a</p> TOKEN"},
        {"location": "a/#box", "title": "Box", "text": "<p>box</p>"},
        {"location": "b/", "title": "B", "text": "<p>b</p>"},
        {"location": "c/", "title": "C", "text": "<p>c</p> TOKEN"},
    ]
    path = write_index(tmp_path, {"config": {"lang": ["en"]}, "docs": docs})
    complete_search_index(str(tmp_path), "TOKEN", fill)
    written = json.loads(path.read_text(encoding="utf-8"))
    assert written["config"] == {"lang": ["en"]}
    assert [(document["location"], document["text"]) for document in written["docs"]] == [
        ("a/", "<p>a</p>"),
        ("a/#box", "<p>box</p>"),
        ("a/#added", "<p>new</p>"),
        ("b/", "<p>b</p>"),
        ("c/", "<p>c</p>"),
        ("c/#added", "<p>new</p>"),
    ]


def test_an_index_with_a_prebuilt_lunr_index_is_left_alone(tmp_path: Path) -> None:
    # MkDocs's own search can prebuild its index from the documents: changed documents would no longer match it.
    data = {"config": {}, "docs": [{"location": "a/", "title": "A", "text": "TOKEN"}], "index": {"fields": ["title", "text"]}}
    path = write_index(tmp_path, data)
    before = path.read_text(encoding="utf-8")
    complete_search_index(str(tmp_path), "TOKEN", fill)
    assert path.read_text(encoding="utf-8") == before


def test_a_site_without_a_search_index_gets_none(tmp_path: Path) -> None:
    complete_search_index(str(tmp_path), "TOKEN", fill)
    assert not (tmp_path / "search").exists()
