"""Tokens → citations: attach numbers and provisions to titles, quotes to provisions.

The assembler reads the tokens of one cell in order, keeping three things in mind:

* the *current* instrument — the last one cited at top level, which a bare 第N条 belongs to;
* the *body* — the provision text that follows a cited provision (quoted or not), inside
  which references are ``mentions`` unless they start a new provision at a sentence start;
* the *aliases* defined so far (以下简称).

Rules each have a name (``Citation.rule``) so a wrong citation can be traced.
"""

from __future__ import annotations

from functools import lru_cache
from operator import attrgetter

import regex

from extractors.anaphora import AliasTable, anaphor_fits, anaphor_scope, inherit_path
from extractors.build import citation
from extractors.document import Place
from extractors.drafts import Body, Draft, ProvDraft
from extractors.heads import is_policy, issuer_before, numbered_item, read_dates, read_head
from extractors.models import Citation, Role
from extractors.numerals import parse_numeral
from extractors.patterns import (
    ANNEX_GAP,
    BODY_START,
    GAP_FILLER,
    ITEM_AFTER_PART,
    LIST_GAP,
    NAMES_INSTRUMENT,
    NOTE_BEFORE,
    QUOTE_LEAD,
    RUN_GAP,
    STANDARD_TITLE,
    compile_plain,
)
from extractors.provisions import parse_refs
from extractors.recover import recover_titles
from extractors.title_notes import (
    TITLE_CACHE_SIZE,
    note_numbers,
    read_title,
    revised_title,
    revision_verb_at,
)
from extractors.titles import canonical_title
from extractors.tokenizers import Token

__all__ = ["assemble"]

_NOTE_BEFORE = compile_plain(NOTE_BEFORE, verbose=False)
_ITEM_AFTER_PART = compile_plain(ITEM_AFTER_PART, verbose=False)
_GAP_FILLER = compile_plain(GAP_FILLER, verbose=False)
_ANNEX_GAP = compile_plain(ANNEX_GAP, verbose=False)
_BODY_START = compile_plain(BODY_START, verbose=False, han=True)
"""Matched at a run's end only (:data:`~extractors.patterns.BODY_START`)."""
_QUOTE_LEAD = compile_plain(QUOTE_LEAD, verbose=False)
_QUOTE_TAIL = (
    "”」；;，,\t\n\x0b\x0c\r \x85\xa0\u1680"
    + "".join(map(chr, range(0x2000, 0x200B)))
    + "\u2028\u2029\u202f\u205f\u3000"
)
"""What a quote's tail sheds: closing marks, stops and what ``regex`` counts as a space (``\\s``)."""


def _trim_quote(text: str) -> str:
    """Quoted provision text without its lead-in (规定：“) and its closing marks and stops.

    The tail is stripped as characters (``str.rstrip``): a pattern anchored at ``$`` would
    be tried at every position of a long quote.

    Examples:
        >>> _trim_quote("规定：“用人单位应当依法办理。” ；")
        '用人单位应当依法办理。'
        >>> every = "".join(map(chr, range(0x110000)))
        >>> set(_QUOTE_TAIL) == set(regex.findall(r"[”」\\s；;，,]", every))
        True
    """
    start = _QUOTE_LEAD.match(text).end()  # type: ignore[union-attr]  # every part is optional
    return text[start:].rstrip(_QUOTE_TAIL).strip()


_LIST_GAP = compile_plain(LIST_GAP, verbose=False)
_RUN_GAP = compile_plain(RUN_GAP, verbose=False)
_SENTENCE_END = frozenset("。；;”」：:")
_OPENING_QUOTES = frozenset("“「『")
_SEGMENT_END = frozenset("。；;，,、”」")


_NOWHERE = Place()
"""The place of a cell: in no document."""


class _Assembler:
    """One pass over the tokens of one cell."""

    def __init__(self, text: str, tokens: list[Token], document: tuple[str, Place] | None = None) -> None:
        self.text = text
        self.tokens = tokens
        self.drafts: list[Draft] = []
        self.current: Draft | None = None
        self.document: Draft | None = None
        self.place = _NOWHERE
        if document is not None:
            self.document = Draft(role="cites", start=0, end=0, rule="document", raw_title=document[0])
            self.place = document[1]
            self.current = self.document
        self.body: Body | None = None
        self.head: Draft | None = None
        self.head_start = -1
        self.head_end = -1
        self.aliases: AliasTable[Draft] = AliasTable()
        self.previous: Token | None = None
        self.last_target: Draft | None = None
        self.index = 0

    # --- helpers -------------------------------------------------------------------

    def _prev_char(self, pos: int) -> str:
        """The last non-space character before ``pos`` ('' at the start)."""
        index = pos - 1
        while index >= 0 and self.text[index].isspace():
            index -= 1
        return self.text[index] if index >= 0 else ""

    def _after_enum(self, token: Token) -> bool:
        prev = self.previous
        return bool(prev and prev.kind == "enum" and not self.text[prev.end : token.start].strip())

    def _gap(self, start: int, end: int) -> str:
        return self.text[start:end] if start <= end else ""

    def _close_body(self, end: int) -> None:
        body, self.body = self.body, None
        if body is None:
            return
        quote = _trim_quote(self.text[body.start : end])
        for prov in body.provs:
            if prov.quote is None and quote:
                prov.quote = quote

    def _open_body(self, owner: Draft, provs: list[ProvDraft], start: int, depth: int = 0) -> None:
        self.body = Body(owner, provs, start, depth=depth, quoted=depth > 0)

    def _starts_segment(self, token: Token) -> bool:
        """Is ``token`` at the head of a new reference rather than inside provision text?"""
        body = self.body
        if body is None or self._after_enum(token):
            return True
        prev = self._prev_char(token.start)
        if body.depth == 0:
            return prev in _SEGMENT_END or prev == ""
        spaced = token.start > 0 and self.text[token.start - 1].isspace()
        return spaced and prev in _SENTENCE_END

    # --- titles and numbers --------------------------------------------------------

    def _new_draft(self, token: Token, raw_title: str | None, rule: str) -> Draft:
        top = self._starts_segment(token)
        if top:
            self._close_body(token.start)
        role: Role = "cites" if top else "mentions"
        draft = Draft(role=role, start=token.start, end=token.end, rule=rule, raw_title=raw_title)
        self.drafts.append(draft)
        if top:
            self.current = draft
        self.head = draft
        self.head_start = token.end
        self.head_end = read_head(self.text, token.end, draft)
        draft.end = max(draft.end, self.head_end)
        return draft

    def _in_head(self, token: Token) -> bool:
        return self.head is not None and self.head_start <= token.start < self.head_end

    def _parenthetical_note(self, token: Token) -> bool:
        """A title in brackets right after a provision: 第七十七条（原《环境噪声污染防治法》第四十九条）."""
        prev = self.previous
        return (
            prev is not None
            and prev.kind == "prov"
            and bool(_NOTE_BEFORE.search(self.text, prev.end, token.start))
            and _NOTE_BEFORE.search(self.text, prev.end, token.start).start() == prev.end
        )

    def on_title(self, token: Token) -> None:
        """A title starts a citation (or a mention inside provision text); forms are skipped."""
        reading = read_title(token.value, token.rule)
        if reading is None:
            return
        if self._in_head(token) and self.head is not None:
            if token.rule == "standard":
                self.head.notes.append(f"standard:{token.value}")
                return
            self.head.notes.append(f"amended_by:{canonical_title(token.value)}")
            self._revision_mention(token)
            return
        raw_title, inner, annotation, title, version, damage, revising = reading
        if self._parenthetical_note(token):
            draft = Draft(
                role="mentions",
                start=token.start,
                end=token.end,
                rule="parenthetical_note",
                raw_title=token.value,
            )
            self.drafts.append(draft)
            self.head = draft
            self.head_end = token.end
            return
        if self._revision_history(token, revising):
            self._revision_mention(token)
            return
        draft = self._number_before_title(token)
        if draft is None:
            draft = self._new_draft(token, raw_title, f"title_{token.rule}")
        else:
            draft.raw_title = raw_title
        if inner is not None:
            self._read_number_note(draft, inner)
        if token.rule == "book":
            draft.issuer = issuer_before(self.text, token.start, self.previous.end if self.previous else 0)
        if version:
            draft.version = draft.version or version
        if damage:
            draft.notes.append(f"damaged_title:{damage}")
        if annotation:
            draft.notes.append(f"annotation:{annotation}")
        self._item_after_head(draft)
        draft.base = self.aliases.lookup(title)
        if draft.base is not None:
            draft.rule = "alias_use"

    def _item_after_head(self, draft: Draft) -> None:
        """《…的通知》（皖政〔2017〕19号）（一）保留…: the notice's item (一) is cited."""
        if draft.role != "cites" or draft.base is not None:
            return
        item = numbered_item(self.text, self.head_end)
        if item is None or not is_policy(draft.raw_title):
            return
        number = parse_numeral(item["num"])
        if not number:
            return
        draft.provisions.append(ProvDraft({"item": number}, item.start(), item.end(), item.group(0).strip()))
        draft.end = max(draft.end, item.end())
        self.last_target = draft

    def _read_number_note(self, draft: Draft, inner: str) -> None:
        """（国务院令第445号） inside a title's 《》: the number (and dates) of that title."""
        for doc in note_numbers(inner):
            if draft.doc is None:
                draft.doc = doc
            else:
                draft.notes.append(f"also_numbered:{doc.normalised}")
        read_dates(draft, inner)

    def _number_before_title(self, token: Token) -> Draft | None:
        """建设部令第112号《城市绿线管理办法》: a number cited alone and right before a title is its number."""
        prev = self.previous
        if prev is None or prev.kind != "docnum" or not self.drafts:
            return None
        draft = self.drafts[-1]
        if draft.raw_title is not None or draft.provisions or draft.doc is not prev.doc:
            return None
        if self._gap(prev.end, token.start).strip(" \t\u3000：:"):
            return None
        draft.rule = "number_before_title"
        draft.end = token.end
        self.head = draft
        self.head_start = token.end
        self.head_end = read_head(self.text, token.end, draft)
        draft.end = max(draft.end, self.head_end)
        return draft

    def _revision_history(self, token: Token, revising: bool) -> bool:
        """根据…《国务院关于修改部分行政法规的决定》修订: a decision (``revising``) named as history, not a basis."""
        return revising and revision_verb_at(self.text, token.end)

    def _revision_mention(self, token: Token) -> None:
        """Record a revising decision as a mention, and the instrument it revises (〈X〉) as cited."""
        self.drafts.append(
            Draft(
                role="mentions",
                start=token.start,
                end=token.end,
                rule="revision_history",
                raw_title=token.value,
            )
        )
        target = revised_title(canonical_title(token.value))
        if target is None:
            return
        owner = self.head.root() if self.head is not None and self._in_head(token) else None
        if owner is not None and canonical_title(owner.raw_title or "") == canonical_title(target):
            return
        self.drafts.append(
            Draft(role="cites", start=token.start, end=token.end, rule="revision_target", raw_title=target)
        )

    def on_docnum(self, token: Token) -> None:
        """A number in a title's brackets belongs to it; a number alone is a citation by number."""
        head = self.head
        if head is not None and token.start < self.head_end:
            if head.doc is None:
                head.doc = token.doc
            elif token.doc is not None:
                head.notes.append(f"also_numbered:{token.doc.normalised}")
            return
        if (
            head is not None
            and head.doc is None
            and head.root().doc is None
            and not self._gap(max(head.end, self.head_end), token.start).strip(" \t，,（(")
        ):
            head.doc = token.doc
            head.end = token.end
            self.head_end = read_head(self.text, token.end, head)
            return
        draft = self._new_draft(token, None, f"number_{token.rule}")
        draft.doc = token.doc

    def on_alias(self, token: Token) -> None:
        """（以下简称《X》） right after a title defines X as its short name for the rest of the cell."""
        head = self.head
        if head is None or token.start > self.head_end or (head.role != "cites" and head.base):
            return
        head.alias = token.value
        self.aliases.define(token.value, head.root())
        head.end = max(head.end, token.end)
        self.head_end = max(self.head_end, token.end)

    # --- provisions ----------------------------------------------------------------

    def _add(self, target: Draft, token: Token, context: dict[str, int] | None) -> list[ProvDraft]:
        self.last_target = target
        added = []
        for ref in parse_refs(token.value):
            path = inherit_path(ref.path, context)
            prov = ProvDraft(
                path, token.start + ref.start, token.start + ref.end, ref.raw, ref.article_suffix
            )
            target.provisions.append(prov)
            added.append(prov)
            context = path
        if added:
            target.end = max(target.end, added[-1].end)
        return added

    def _last_path(self, draft: Draft | None) -> dict[str, int] | None:
        if draft is None:
            return None
        if self.body is not None and self.body.owner is draft and self.body.provs:
            return self.body.provs[-1].path
        return draft.provisions[-1].path if draft.provisions else None

    def _maybe_open_body(self, owner: Draft, provs: list[ProvDraft], pos: int, depth: int = 0) -> None:
        if provs and _BODY_START.match(self.text, pos):
            self._open_body(owner, provs, pos, depth)

    def _attach_after_head(self, token: Token) -> bool:
        """A run right after a title (and its brackets) belongs to that title."""
        head = self.head
        if head is None or (self.previous is not None and self.previous.kind == "prov"):
            return False
        if self.previous is not None and self.previous.kind not in ("title", "docnum", "alias"):
            return False
        gap = self._gap(max(head.end, self.head_end), token.start)
        if not gap or _GAP_FILLER.match(gap):
            pass
        elif (annex := _ANNEX_GAP.match(gap)) is not None:
            head.annex_title = head.annex_title or annex["annex"]
        else:
            return False
        depth = self.body.depth if self.body and head.role == "mentions" else 0
        provs = self._add(head, token, self._last_path(head))
        if head.role == "cites":
            self._maybe_open_body(head, provs, token.end, depth)
        return True

    def _anaphor_target(self, word: str) -> tuple[Draft | None, Role]:
        """The instrument 本法/该条例/本办法 points at: the one being quoted or cited last,
        else the latest earlier one whose title fits the word (本条例 → a 条例)."""
        role: Role = "mentions" if self.body is not None else "cites"
        first = self.body.owner if self.body is not None else self.current
        if self.document is not None and self.body is None and self._fits_document(word):
            return self.document, role
        if first is None or anaphor_scope(word) != "instrument":
            return first, role
        candidates = [first, *(d for d in reversed(self.drafts) if d.role == "cites" and d.base is None)]
        for draft in candidates:
            if anaphor_fits(word, canonical_title(draft.root().raw_title or "") or None):
                return draft, role
        return first, role

    def _fits_document(self, word: str) -> bool:
        """Does 本法/本条例 (or 本条, 前款, 本章 …) point at the document being read?"""
        if anaphor_scope(word) != "instrument":
            return True
        return anaphor_fits(word, canonical_title(self.document.raw_title or "") if self.document else None)

    def _place_path(self, word: str) -> dict[str, int] | None:
        """The part of the document an anaphor names from where it stands (本条 → this article)."""
        place = self.place
        scope = anaphor_scope(word)
        if scope == "book":
            return {"book": place.book} if place.book else None
        if scope in ("chapter", "section"):
            path = {"book": place.book, "chapter": place.chapter}
            if scope == "section":
                path["section"] = place.section
            path = {k: v for k, v in path.items() if v}
            return path if "chapter" in path else None
        if place.article is None:
            return None
        if word == "前条":
            return {"article": place.article - 1} if place.article > 1 else None
        if scope == "article":
            return {"article": place.article}
        # 本款, 前款 and 本项: a place knows its paragraph, not its item
        return {"article": place.article, "paragraph": place.paragraph or 1}

    def _document_anaphor(self, token: Token) -> None:
        """前款, 前两款, 前条, 本章 standing alone in a law's text: a reference to that part."""
        word = token.value
        path = self._place_path(word)
        if path is None or self.document is None:
            return
        if word in ("本条", "本款", "本项"):
            return  # the provision the words stand in: no reference to another one
        paths = [path]
        if anaphor_scope(word) == "paragraph_before":
            count = {"前两款": 2, "前三款": 3}.get(word, 1)
            paragraph = path["paragraph"]
            paths = [{**path, "paragraph": n} for n in range(paragraph - count, paragraph) if n >= 1]
        if not paths:
            return
        draft = Draft(
            role="cites", start=token.start, end=token.end, rule=f"anaphor_{word}", base=self.document
        )
        draft.provisions = [ProvDraft(p, token.start, token.end, word) for p in paths]
        self.drafts.append(draft)

    def on_anaphor_run(self, anaphor: Token, token: Token) -> None:
        """本法第十条, 本条第二款, 前款第（一）项: a run after an anaphor."""
        base, role = self._anaphor_target(anaphor.value)
        if base is None:
            return
        scope = anaphor_scope(anaphor.value)
        context = self._last_path(base) if scope != "instrument" else None
        if base is self.document and scope != "instrument":
            context = self._place_path(anaphor.value)
        if scope == "paragraph_before" and context and "paragraph" in context:
            context = {**context, "paragraph": context["paragraph"] - 1}
        draft = Draft(
            role=role, start=anaphor.start, end=token.end, rule=f"anaphor_{anaphor.value}", base=base
        )
        if role == "cites" and base is self.current and scope == "instrument" and base is not self.document:
            draft = base
        else:
            self.drafts.append(draft)
        if scope != "instrument" and context is not None:
            parsed = self._add(draft, token, context)
            if not parsed:
                return
        else:
            self._add(draft, token, None)

    def on_anaphor(self, token: Token) -> None:
        """本条/前款 as a list member of the run before it: 第九十一条第二款及前款."""
        scope = anaphor_scope(token.value)
        prev, target = self.previous, self.last_target
        nxt = self.tokens[self.index + 1] if self.index + 1 < len(self.tokens) else None
        if nxt is not None and nxt.kind == "prov" and not self._gap(token.end, nxt.start).strip():
            return
        after_run = prev is not None and prev.kind == "prov" and target is not None
        if self.document is not None and scope != "instrument" and not after_run:
            self._document_anaphor(token)
            return
        if scope == "instrument" or prev is None or prev.kind != "prov" or target is None:
            return
        if not _LIST_GAP.match(self._gap(prev.end, token.start)) or not target.provisions:
            return
        context = dict(target.provisions[-1].path)
        if scope == "paragraph_before":
            if context.get("paragraph", 0) < 2:
                return
            context = {k: v for k, v in context.items() if k in ("article", "paragraph")}
            context["paragraph"] -= 1
        elif scope == "article":
            context = {k: v for k, v in context.items() if k == "article"}
            if token.value == "前条":
                if context.get("article", 0) < 2:
                    return
                context["article"] -= 1
        else:
            return
        target.provisions.append(ProvDraft(context, token.start, token.end, token.value))
        target.end = max(target.end, token.end)

    def on_prov(self, token: Token) -> None:
        """A run belongs to the title before it, the provision text it sits in, or the last instrument."""
        starts_with_di = token.value.startswith(("第", "附件"))
        prev = self.previous
        adjacent = prev is not None and not self._gap(prev.end, token.start).strip()
        if prev is not None and prev.kind == "anaphor" and adjacent:
            self.on_anaphor_run(prev, token)
            return
        after_run = (
            prev is not None
            and prev.kind == "prov"
            and bool(_RUN_GAP.match(self._gap(prev.end, token.start)))
        )
        if (
            not starts_with_di
            and not after_run
            and not (adjacent and prev is not None and prev.kind in ("title", "docnum"))
        ):
            return
        if self._attach_after_head(token):
            return
        body = self.body
        if body is not None:
            opened_here = (
                prev is not None and prev.kind == "quotes" and prev.value[-1] in _OPENING_QUOTES and adjacent
            )
            if self._prev_char(token.start) in _SENTENCE_END or opened_here or self._after_enum(token):
                depth = body.depth
                owner = body.owner
                self._close_body(token.start)
                provs = self._add(owner, token, self._last_path(owner))
                self._maybe_open_body(owner, provs, token.end, depth)
                if self.body is None and provs and depth:
                    self._open_body(owner, provs, token.end, depth)
                return
            draft = Draft(
                role="mentions", start=token.start, end=token.end, rule="bare_run_in_quote", base=body.owner
            )
            self.drafts.append(draft)
            self._add(draft, token, self._last_path(body.owner))
            return
        if self.current is None:
            return
        if self.current is self.document:
            draft = Draft(
                role="cites", start=token.start, end=token.end, rule="document_run", base=self.document
            )
            if not self._add(draft, token, None):
                return
            self.drafts.append(draft)
            self.current = draft
            self._maybe_open_body(draft, draft.provisions, token.end)
            return
        provs = self._add(self.current, token, self._last_path(self.current))
        self._maybe_open_body(self.current, provs, token.end)

    def on_part(self, token: Token) -> None:
        """四： / 六、 after a policy document (or its quoted text) names one of its parts."""
        current = self.current
        if current is None or not is_policy(current.root().raw_title):
            return
        if self.body is not None and (
            self.body.depth > 0 or self._prev_char(token.start) not in _SENTENCE_END
        ):
            return
        nxt = self.text[token.end : token.end + 3].lstrip()
        if nxt.startswith(("《", "〈")):
            return
        prev = self._prev_char(token.start)
        if prev not in "）)”」，,；;。：:" or prev == "":
            return
        self._close_body(token.start)
        value = parse_numeral(token.value)
        if not value:
            return
        path, end = {"part": value}, token.end
        item = _ITEM_AFTER_PART.match(self.text, token.end)
        if item and parse_numeral(item["num"]):
            path["item"] = parse_numeral(item["num"]) or 0
            end = item.end()
        prov = ProvDraft(path, token.start, end, self.text[token.start : end])
        current.provisions.append(prov)
        current.end = max(current.end, end)
        self._open_body(current, [prov], end)

    # --- quotes and list markers ---------------------------------------------------

    def on_enum(self, token: Token) -> None:
        """A list number (1、 2.) ends unquoted provision text, and quoted text when a title follows."""
        body = self.body
        if body is None:
            return
        nxt = self.text[token.end : token.end + 4].lstrip()
        if body.depth == 0 or nxt.startswith(("《", "“")):
            self._close_body(token.start)

    def on_quotes(self, token: Token) -> None:
        """Quotation marks open and close the quoted text of the provision being read.

        Marks come as one token per run (”“, ““““) so a cell of a million quotes costs
        one token; outside a provision's text they mean nothing here.
        """
        for offset, mark in enumerate(token.value):
            body = self.body
            if body is None:
                return
            if mark in _OPENING_QUOTES:
                body.depth += 1
                body.quoted = True
                continue
            if body.depth > 0:
                body.depth -= 1
            if body.depth == 0:
                self._close_body(token.start + offset)

    def run(self) -> list[Draft]:
        """Read every token once, in order; return the drafts."""
        handlers = _HANDLERS
        for index, token in enumerate(self.tokens):
            self.index = index
            handler = handlers.get(token.kind)
            if handler is not None:
                handler(self, token)
            self.previous = token
        self._close_body(len(self.text))
        return self.drafts


_SPAN = attrgetter("span")

_HANDLERS = {
    "title": _Assembler.on_title,
    "docnum": _Assembler.on_docnum,
    "alias": _Assembler.on_alias,
    "prov": _Assembler.on_prov,
    "part": _Assembler.on_part,
    "enum": _Assembler.on_enum,
    "quotes": _Assembler.on_quotes,
    "anaphor": _Assembler.on_anaphor,
}
"""The assembler's reading of each token kind (looked up once, not bound anew for every cell)."""

_NAMES_INSTRUMENT = compile_plain(NAMES_INSTRUMENT, verbose=False)
_STANDARD_CODE = regex.compile(STANDARD_TITLE)


def _is_instrument(draft: Draft) -> bool:
    """Keep a draft that names an instrument: a number, a provision, or a title that reads as one.

    A title in 《》 that ends in no instrument word (《人民日报》) and comes with neither a
    number nor a provision is a book or a form, not a legal basis.
    """
    root = draft.root()
    if root.doc is not None or draft.provisions or root.provisions:
        return True
    if any(note.startswith("standard:") for note in root.notes):
        return True
    title = root.raw_title
    if title is None:
        return False
    return draft.base is not None or _reads_as_instrument(title)


@lru_cache(maxsize=TITLE_CACHE_SIZE)
def _reads_as_instrument(raw_title: str) -> bool:
    """Does a title end in an instrument word (…法, …办法（试行）) or read as a standard? (memoised)"""
    title = canonical_title(raw_title)
    return bool(_NAMES_INSTRUMENT.search(title) or _STANDARD_CODE.match(title))


def assemble(text: str, tokens: list[Token], document: tuple[str, Place] | None = None) -> list[Citation]:
    """Assemble the citations of one cell from its tokens.

    Args:
        text: the cell text the tokens point into.
        tokens: output of :func:`extractors.tokenizers.tokenize` for ``text``.
        document: for a paragraph of a whole document, the document's title and the place
            the paragraph is at: 本法 and bare 第N条 are then the document's, 本条 and 前款
            the article's and paragraph's around it.

    Returns:
        Citations in text order, with spans into ``text``.
    """
    drafts = recover_titles(_Assembler(text, tokens, document).run())
    citations = [citation(d) for d in drafts if _is_instrument(d)]
    citations.sort(key=_SPAN)  # (start, end): spans are tuples, which compare so
    return citations
