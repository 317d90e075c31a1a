"""What the import commands tell the user when they are done."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

# "(Foltos, 2013, pp.99)", "(Chaudhry & Sivakamasundari, 2004)", "(ISTE, n.d.)"
_IN_TEXT_CITATION = re.compile(r"\(([A-Z][^()\n]{1,80}?,\s*(?:\d{4}[a-z]?|n\.d\.)[^()\n]{0,40})\)")


def in_text_citations(name: str, text: str) -> list[str]:
    """Each hand-typed "(Author, Year)" of a written file, as `file:line: (…)`."""
    return _found(_IN_TEXT_CITATION, name, text)


# "ISTE Coaching standard 1.a, 1.b, and 1.c", "(ISTE Coaching Standard 1.d)",
# "indicators 4.1.c and 4.1.d", "Standard 2c": a word that names standards,
# then within a few words one indicator code or a list of them.
_CODE = r"\d(?:\.\d)?\.?[a-gA-G]"
_STANDARD_MENTION = re.compile(
    rf"\b(?:ISTE|[Ss]tandards?|[Ii]ndicators?)\b[^.;:!?()\n]{{0,40}}?\b{_CODE}\b"
    rf"(?:(?:\s*,\s*(?:(?:and|or)\s+|&\s*)?|\s+(?:and|or|&)\s+){_CODE}\b)*"
)


def standard_mentions(name: str, text: str) -> list[str]:
    """Each indicator named in words ("ISTE Coaching standard 1.a, 1.b"), as `file:line: …`."""
    return _found(_STANDARD_MENTION, name, text, skip="standards:")  # front matter names them already


def _found(pattern: re.Pattern[str], name: str, text: str, skip: str | None = None) -> list[str]:
    """Each match of `pattern` in a written file, as `file:line: match`, but on lines that start with `skip`."""
    return [
        f"{name}:{number}: {match.group(0)}"
        for number, line in enumerate(text.splitlines(), start=1)
        if skip is None or not line.startswith(skip)
        for match in pattern.finditer(line)
    ]


def directive_attribute(text: str) -> str:
    """Text for a directive attribute value: one line, no straight double quotes."""
    return " ".join(text.replace('"', "”").split())


@dataclass
class ImportSummary:
    """Files written and skipped, and the citations and standards left to turn into markup."""

    written: list[str] = field(default_factory=list)
    skipped: list[str] = field(default_factory=list)
    citations: list[str] = field(default_factory=list)
    standards: list[str] = field(default_factory=list)

    def wrote(self, name: str, text: str) -> None:
        self.written.append(name)
        self.citations += in_text_citations(name, text)
        self.standards += standard_mentions(name, text)

    def lines(self) -> list[str]:
        out = [f"wrote {name}" for name in self.written]
        out += [f"skipped {name}: it exists (use --force to overwrite)" for name in self.skipped]
        if self.citations:
            out.append("In-text citations to turn into keys ([@key]):")
            out += [f"  {line}" for line in self.citations]
        if self.standards:
            out.append("Standards named in the text, to list under standards: or mark as :standard[1.a]:")
            out += [f"  {line}" for line in self.standards]
        out.append(", ".join(self.counts()))
        return out

    def counts(self) -> list[str]:
        return [f"{len(self.written)} written", f"{len(self.skipped)} skipped"]
