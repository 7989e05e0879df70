"""A valid synthetic dossier of N statements, for timing builds at scale.

    python -m benchmarks.synthetic OUT_DIR --statements 10000 [--seed 1] [--shape uniform|concentrated]

Proportions follow a real dossier: per 1,000 statements, 20 actors, 100 sources, 50 claims, 100 figures,
50 events and 1 topic. Every statement page carries about 80 words of text (quote, context, wording
variants), and the records cross-reference each other the way editors write them: speakers, reported_in
with some differing wordings, on_claims, `[[kind/id]]` links in prose (most of those to statements as
citations in parentheses, see `cites`), topics. The same seed writes the same files, byte for byte.

Two shapes. `uniform`: every actor is as likely to speak, or be spoken of, as any other. `concentrated`,
as real dossiers are: three actors speak seven statements in ten, and most statements and claims are
about one or two actors, so a few profile pages list hundreds of records and are linked from most pages.
"""

from __future__ import annotations

import argparse
import json
import random
import shutil
import sys
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

KIND_FOLDERS = ("actors", "sources", "events", "statements", "claims", "figures", "topics")

# A vocabulary of plain English words: the search index and Markdown costs depend on real-looking text.
WORDS = """
agreement army budget border bridge cabinet capital ceasefire committee company contract council
country court crisis deal defence delegation deputy development diplomat economy election embassy
energy envoy export finance foreign government grain harbour health highway housing industry
inquiry investment justice labour law leader market minister ministry mission negotiation network
office official oil parliament partner peace pipeline plan police policy port power president press
programme project province railway reform region report reserve road rule sanction school security
settlement spokesman state strategy summit supply talks tariff tax tender trade treaty troops union
vote water week year month today tomorrow yesterday said says will would could must should never
always again already soon later early late new old first last next public private national local
international joint final formal informal secret open full partial major minor clear fair strong
weak large small high low long short quick slow safe ready able free costly cheap expected agreed
refused denied confirmed announced signed rejected proposed promised warned claimed added noted
stated explained insisted suggested argued repeated questioned supported opposed delayed approved
""".split()

CHANNELS = ("press conference", "TV interview", "post on X", "speech", "radio interview", "written statement")
UNITS = ("USD", "EUR", "people", "tonnes", "kilometres", "per cent")
STATUSES = ("unverified", "disputed", "denied", "refuted", "confirmed", "partly true")
STANCES = ("supports", "refutes", "qualifies")
SOURCE_KINDS = ("news report", "opinion", "interview", "official", "social post")
SHAPES = ("uniform", "concentrated")
CENTRAL_ACTORS = 3  # in the concentrated shape: the actors who speak and are spoken of most
CENTRAL_SHARE = 0.7  # the share of speakers and of `about` actors drawn from them


@dataclass(frozen=True)
class Sizes:
    statements: int
    actors: int
    sources: int
    claims: int
    figures: int
    events: int
    topics: int

    @classmethod
    def for_statements(cls, n: int) -> Sizes:
        return cls(
            statements=n,
            actors=max(3, n // 50),
            sources=max(2, n // 10),
            claims=max(1, n // 20),
            figures=max(1, n // 10),
            events=max(1, n // 20),
            topics=max(1, n // 1000),
        )


def q(text: str) -> str:
    """A YAML double-quoted scalar (JSON strings are valid YAML)."""
    return json.dumps(text, ensure_ascii=False)


class Writer:
    def __init__(self, out: Path, sizes: Sizes, seed: int, shape: str = "uniform"):
        if shape not in SHAPES:
            raise ValueError(f"shape must be one of {', '.join(SHAPES)}, not {shape!r}")
        self.out, self.sizes, self.rng, self.shape = out, sizes, random.Random(seed), shape

    # --- text ------------------------------------------------------------------------------------
    def words(self, n: int) -> list[str]:
        return [self.rng.choice(WORDS) for _ in range(n)]

    def sentence(self, n: int) -> str:
        words = self.words(n)
        return " ".join(words).capitalize() + "."

    def sentences(self, total: int) -> str:
        out, left = [], total
        while left > 0:
            n = min(left, self.rng.randint(8, 16))
            out.append(self.sentence(n))
            left -= n
        return " ".join(out)

    def date(self, index: int, count: int) -> str:
        # Spread over 2020–2025 in order, so timelines group into many months.
        day = int(index * (6 * 365) / max(count, 1))
        year, rest = 2020 + day // 365, day % 365
        month, mday = 1 + rest // 31 % 12, 1 + rest % 28
        return f"{year:04d}-{month:02d}-{mday:02d}"

    # --- ids -------------------------------------------------------------------------------------
    @staticmethod
    def actor(i: int) -> str:
        return f"actor-{i:05d}"

    @staticmethod
    def source(i: int) -> str:
        return f"source-{i:05d}"

    @staticmethod
    def event(i: int) -> str:
        return f"event-{i:05d}"

    @staticmethod
    def statement(i: int) -> str:
        return f"statement-{i:06d}"

    @staticmethod
    def claim(i: int) -> str:
        return f"claim-{i:05d}"

    @staticmethod
    def figure(i: int) -> str:
        return f"figure-{i:05d}"

    @staticmethod
    def topic(i: int) -> str:
        return f"topic-{i:03d}"

    def pick(self, make: Callable[[int], str], count: int) -> str:
        return make(self.rng.randrange(count))

    def pick_central_actor(self) -> str:
        """A speaker, or an actor spoken about: in the concentrated shape most often one of the first people
        (after the media and organisations); in the uniform shape any actor, drawn as `pick` draws it."""
        s = self.sizes
        first_person = 2 * max(1, s.actors // 10)
        if self.shape == "concentrated" and self.rng.random() < CENTRAL_SHARE:
            return self.actor(min(first_person + self.rng.randrange(CENTRAL_ACTORS), s.actors - 1))
        return self.pick(self.actor, s.actors)

    @staticmethod
    def cites(i: int) -> bool:
        """Whether record i links a statement in prose as a citation in parentheses, "… (quote)." rather
        than in a sentence: five times in six, as in the first real dossier (116 of its 135 links to
        statements and claims in prose are citations; `renderer.CITATION`)."""
        return i % 6 != 0

    def file(self, kind: str, record_id: str, lines: list[str]) -> None:
        (self.out / kind / f"{record_id}.yml").write_text("\n".join(lines) + "\n", encoding="utf-8")

    # --- records ---------------------------------------------------------------------------------
    def write(self) -> None:
        for kind in KIND_FOLDERS:
            (self.out / kind).mkdir(parents=True, exist_ok=True)
        s = self.sizes
        # Actor 0..k are media outlets, the next few organisations; people are affiliated to an
        # organisation with a lower number, so affiliations never loop.
        media = max(1, s.actors // 10)
        organisations = max(1, s.actors // 10)
        for i in range(s.actors):
            lines = []
            if i < media:
                lines += [f"name: {q('The ' + self.sentence(2)[:-1] + ' Times')}", "kind: media"]
            elif i < media + organisations:
                lines += [f"name: {q(self.sentence(2)[:-1] + ' Council ' + str(i))}", "kind: organisation"]
                lines.append(f"affiliations: [{self.actor(self.rng.randrange(media))}]")
            else:
                lines += [f"name: {q(self.sentence(2)[:-1] + ' ' + str(i))}", "kind: person",
                          f"role: {q(self.sentence(3)[:-1])}",
                          f"affiliations: [{self.actor(media + self.rng.randrange(organisations))}]",
                          f"aliases: [{q(self.sentence(2)[:-1])}]"]
            lines.append(f"summary: {q(self.sentences(20) + ' See [[topics/' + self.topic(i % s.topics) + ']].')}")
            self.file("actors", self.actor(i), lines)

        # Sources are written once the statements are known: a source is published no earlier than the last
        # statement it prints (check refuses a statement dated after its source); the random draws are unchanged.
        source_records: dict[str, list[str]] = {}
        published = {self.source(i): self.date(i, s.sources) for i in range(s.sources)}
        for i in range(s.sources):
            author = self.pick(self.actor, s.actors) if i % 3 else "not stated"
            source_records[self.source(i)] = [
                f"title: {q(self.sentence(8)[:-1])}",
                f"kind: {self.rng.choice(SOURCE_KINDS)}",
                f"outlet: {self.actor(self.rng.randrange(media))}",
                f"author: {author}",
                "",  # published: below
                f"url: https://example.org/news/{i}",
                f"summary: {q(self.sentences(25))}",
            ]

        for i in range(s.topics):
            key = [self.claim(c) for c in range(i, s.claims, s.topics)][:5]
            related = [self.topic(t) for t in range(max(0, i - 2), i)]  # earlier topics only: no loops
            brief = " ".join(f"{self.sentences(20)} ([[claims/{c}]])" for c in key) or self.sentences(40)
            self.file("topics", self.topic(i), [
                f"title: {q('Topic ' + str(i) + ': ' + self.sentence(3)[:-1])}",
                f"question: {q(self.sentence(8)[:-1] + '?')}",
                f"bottom_line: {q(self.sentences(20) + ' See [[actors/' + self.actor(0) + ']].')}",
                f"key_questions: [{q(self.sentence(10))}]",
                f"brief: {q(brief)}",
                f"key_claims: [{', '.join(key)}]",
                f"related: [{', '.join(related)}]",
            ])

        for i in range(s.events):
            title, date, place = q(self.sentence(6)[:-1]), q(self.date(i, s.events)), q(self.sentence(2)[:-1])
            taking_part = dict.fromkeys([self.pick(self.actor, s.actors), self.pick(self.actor, s.actors)])  # one actor once
            self.file("events", self.event(i), [
                f"title: {title}",
                f"date: {date}",
                f"place: {place}",
                f"actors: [{', '.join(taking_part)}]",
                f"summary: {q(self.sentences(30) + ' See [[sources/' + self.pick(self.source, s.sources) + ']].')}",
                f"sources: [{self.pick(self.source, s.sources)}]",
                f"topics: [{self.topic(i % s.topics)}]",
            ])

        for i in range(s.statements):
            text = self.sentences(self.rng.randint(30, 45))
            sources = sorted({self.pick(self.source, s.sources) for _ in range(self.rng.randint(1, 3))})
            lines = [
                f"speaker: {self.pick_central_actor()}",
                f"date: {q(self.date(i, s.statements))}",
            ]
            if i % 4 == 0:
                lines.append(f"event: {self.event(i * s.events // s.statements)}")
            lines += [
                f"channel: {self.rng.choice(CHANNELS)}",
                f"form: {'paraphrase' if i % 7 == 0 else 'quote'}",
                f"text: {q(text)}",
                "reported_in:",
            ]
            for n, source in enumerate(sources):
                published[source] = max(published[source], self.date(i, s.statements))
                lines.append(f"  - source: {source}")
                if n > 0 and i % 5 == 0:  # a differing wording: one word replaced
                    words = text.split()
                    words[self.rng.randrange(len(words))] = self.rng.choice(WORDS)
                    lines.append(f"    wording: {q(' '.join(words))}")
            lines.append("on_claims:")
            lines.append(f"  - claim: {self.claim(i % s.claims)}")
            lines.append(f"    stance: {STANCES[i % 3]}")
            if i % 3 == 0:
                lines.append(f"about: [{self.pick_central_actor()}]")
            other = f"[[statements/{self.pick(self.statement, s.statements)}]]"
            rival = f"[[actors/{self.pick(self.actor, s.actors)}|the speaker's rival]]"
            context = self.sentences(self.rng.randint(25, 35))
            context += f" ({other}). Compare {rival}." if self.cites(i) else f" Compare {other} and {rival}."
            lines.append(f"context: {q(context)}")
            lines.append(f"topics: [{self.topic(i % s.topics)}]")
            self.file("statements", self.statement(i), lines)
        for source, source_lines in source_records.items():
            source_lines[4] = f"published: {q(published[source])}"
            self.file("sources", source, source_lines)

        for i in range(s.claims):
            origin = self.statement(i)  # statement i is the first to take a position on claim i
            made = self.date(i, s.statements)  # its date: a claim is first made when its origin statement made it
            cited = f"[[statements/{origin}]]"
            self.file("claims", self.claim(i), [
                f"text: {q(self.sentence(14))}",
                f"claimant: {self.pick(self.actor, s.actors)}",
                f"first_made: {q(made)}",
                f"origin: {origin}",
                f"about: [{self.pick_central_actor()}]",
                f"status: {STATUSES[i % len(STATUSES)]}",
                f"status_note: {q(self.sentences(20) + (f' ({cited}).' if self.cites(i) else f' See {cited}.'))}",
                "history:",
                f"  - date: {q(made)}",
                "    status: unverified",
                f"    by: {self.pick(self.source, s.sources)}",
                f"sources: [{self.pick(self.source, s.sources)}]",
                f"topics: [{self.topic(i % s.topics)}]",
            ])

        for i in range(s.figures):
            lines = [
                f"label: {q(self.sentence(5)[:-1] + ' ' + str(i))}",
                f"value: {self.rng.randint(1, 10_000) * 1000}",
                f"unit: {self.rng.choice(UNITS)}",
                "qualifier: about",
                f"as_of: {q(self.date(i, s.figures))}",
                f"actors: [{self.pick(self.actor, s.actors)}]",
                f"sources: [{self.pick(self.source, s.sources)}]",
                f"topics: [{self.topic(i % s.topics)}]",
            ]
            if i % 2 == 0:
                lines.append(f"statement: {self.pick(self.statement, s.statements)}")
            self.file("figures", self.figure(i), lines)


def generate(out: Path, statements: int, seed: int = 1, shape: str = "uniform") -> Sizes:
    """Write a synthetic data folder of `statements` statements into `out` (emptied first)."""
    if out.exists():
        shutil.rmtree(out)
    sizes = Sizes.for_statements(statements)
    Writer(out, sizes, seed, shape).write()
    _weaken_unbacked_statuses(out)
    return sizes


def _weaken_unbacked_statuses(out: Path) -> None:
    """A status the random evidence does not back becomes `unverified`, so the dossier passes `check`:
    the engine's own rule decides (macros/records/status_rules.py), not a copy of it here."""
    from macros.records.check import read
    from macros.records.schema import Claim
    from macros.records.status_rules import status_problems
    from macros.records.validate import validate

    dossier = validate(read(out))
    unbacked = {problem.split(":")[0].removeprefix("claims/") for problem in status_problems(dossier)}
    for claim in dossier.records["claims"].values():
        if isinstance(claim, Claim) and claim.id in unbacked:
            path = out / "claims" / f"{claim.id}.yml"
            text = path.read_text(encoding="utf-8")
            path.write_text(text.replace(f"\nstatus: {claim.status}\n", "\nstatus: unverified\n", 1), encoding="utf-8")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m benchmarks.synthetic", description=__doc__.split("\n\n")[0])
    parser.add_argument("out", type=Path, help="data folder to write (replaced if it exists)")
    parser.add_argument("--statements", type=int, default=1000)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--shape", choices=SHAPES, default="uniform", help="who speaks and is spoken of (see above)")
    args = parser.parse_args(argv)
    sizes = generate(args.out, args.statements, args.seed, args.shape)
    print(f"wrote {args.out}: " + ", ".join(f"{getattr(sizes, k)} {k}" for k in KIND_FOLDERS), file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
