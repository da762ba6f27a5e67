"""Who a speaker phrase names: a named entity; a pronoun, which goes to the previous speaker or the last
person named (of the right gender); or a description ("the chairman of the board", "the group"), which
goes to the entity the article gives that role, and otherwise stays as written."""
from __future__ import annotations

import re
from difflib import SequenceMatcher

from newsbrief.analyse.people.mentions import Mention
from newsbrief.analyse.people.names import TITLES, person_key, surname_key
from newsbrief.analyse.people.quotes.raw import Raw
from newsbrief.analyse.people.quotes.vocabulary import (CLAUSE_VERB, CONJUNCTION, DETERMINER, FEMALE, FINITE_VERB,
                                                        FRAGMENT_END, GENERIC_ORGANISATIONS, INDEFINITE, INTRODUCTORY,
                                                        MALE, NOT_ROLES, NOT_SPEAKER, NOT_SUBJECT_OPENER,
                                                        ORGANISATION_TAIL, ORGANISATION_WORDS, OTHER_GENDER,
                                                        PERSON_NOUNS, PREPOSITION, PRONOUNS, PROPER_NAME, QUANTIFIERS,
                                                        RANKS, RELATIVE, SAME_ROLE, SPEECH_PAST)

_LEAD_CHARS = 400


class Speakers:
    def __init__(self, text: str, mentions: list[Mention], names: dict[int, str], kinds: dict[int, str]):
        self.text = text
        self.mentions = sorted(mentions, key=lambda m: m.start)
        self.names = names
        self.kinds = kinds
        self.nominals: list[str] = []       # speakers named by a description, in order
        self._genders: dict[int, str | None] = {}

    def name_of(self, m: Mention) -> str:
        return self.names.get(m.start, m.name)

    def resolve(self, who: str | None, at: int, previous: Raw | None) -> tuple[str | None, Mention | None]:
        """The speaker a phrase names. From the clause next to the verb back: a pronoun or a name is the
        speaker; a description is, unless it is an appositive after a name ("Smith, the commander,
        said"); introductory clauses ("In one incident, he said") are passed over."""
        who = (who or "").strip(" \t\n'`\"“”‘’")       # a stray mark of a TeX-style quote: "' she"
        who = re.sub(r"(?<=[a-z]{3})\.$", "", who)       # "said William Hague.": the sentence's full stop
        if not who:
            return None, None
        offset = at if self.text[at:at + len(who)] == who else self.text.find(who, max(0, at - 300))
        base = offset if offset >= 0 else at
        clauses = [(base + m.start(), m.group(0)) for m in re.finditer(r"[^,;]+", who)]
        clauses = [(a + len(c) - len(c.lstrip()), _subject_of(c), bool(CONJUNCTION.match(c.strip())))
                   for a, c in clauses]
        clauses = [t for t in clauses if t[1] and not re.match(r"(?:who|which|whose|that|where)\b", t[1], re.I)]
        description: tuple[str | None, Mention | None] | None = None
        for i in range(len(clauses) - 1, -1, -1):
            clause_at, clause, after_conjunction = clauses[i]
            if i > 0 and (_AGE.fullmatch(clause) or (clause[0].islower() and PREPOSITION.match(clause))):
                continue    # "Josip Lovrić, 67, said", "authorities in Brod, in Bosnia, said": the subject is before
            pronoun = PRONOUNS.get(clause.lower())
            if pronoun:
                return self._pronoun(pronoun, at, previous)
            named = self._named(clause, clause_at)
            if named is not None:
                return self.name_of(named), named
            if INTRODUCTORY.match(clause) and description is not None:
                break
            holder = self._role_holder(clause, at) or self._organisation(clause, at)
            bare = DETERMINER.sub("", clause)
            if len(bare.split()) > 8:      # "Investigators in the Aug. 7 bombing of the American Embassy ..."
                bare = re.split(r"\s+(?:in|of|for|from|at|with|on|who|which)\s+", bare)[0]
            description = (self.name_of(holder), holder) if holder else \
                (self._earlier_nominal(clause) or (bare if len(bare.split()) <= 8 else None), None)
            if after_conjunction or i == 0 or not (DETERMINER.match(clause) or clause[0].islower()):
                break
            before_at, before, _c = clauses[i - 1]
            subject_before = before[0].isupper() and not INTRODUCTORY.match(before) \
                and not NOT_SPEAKER.match(before) and not CLAUSE_VERB.search(before) \
                and (" " in before or self._by_name(before) is not None)   # not "Downstream, the authority said"
            if not (self._named(before, before_at) or subject_before):
                break           # not an appositive: this description is the subject
        if description and description[1] is None and description[0]:
            self.nominals.append(description[0])
        return description or (None, None)

    def _earlier_nominal(self, clause: str) -> str | None:
        """"the official" after "a senior US State Department official said": the same speaker."""
        words = clause.lower().split()
        if len(words) != 2 or words[0] != "the":
            return None
        return next((n for n in reversed(self.nominals) if n.lower().split()[-1] == words[1]), None)

    def _named(self, clause: str, at: int) -> Mention | None:
        """The entity a clause names when the name is its head: "U.S. Ambassador John Maisto", "DEA
        spokeswoman Violet Szeleczky", "the Observatory monitoring group"; not "Pilots experienced with the
        Boeing 767", "Dr Murray's lawyer" or "the Navy press service", which describe someone else."""
        end = at + len(clause)
        inside = [m for m in self.mentions if at <= m.start < end]
        if not inside:
            return self._by_name(clause) if not DETERMINER.match(clause) and clause[0].isupper() else None
        last, first = inside[-1], inside[0]
        person = self.kinds.get(last.start, last.type) == "PERSON" and " " in last.name
        if not self.text[last.end:end].strip() and (person or not PREPOSITION.search(self.text[at:last.start])):
            return last      # the name closes the clause ("director of investigation Rajabi Adadi"),
            #                  unless it is an organisation after a preposition ("head of the Observatory")
        lead = self.text[at:first.start].split()
        if lead and lead[0].lower() in ("the", "a", "an"):
            lead = lead[1:]
        rest = self.text[first.end:end].strip()
        if all(w[0].isupper() or w.rstrip(".").lower() in TITLES for w in lead) and (
                ORGANISATION_TAIL.fullmatch(rest) or (self.kinds.get(first.start, first.type) == "PERSON"
                                                      and re.match(r"(?:of|from|at|with)\b", rest))):
            return first      # "the Observatory monitoring group", "General Yarallah of the Joint Command"
        return None

    def _pronoun(self, kind: str, at: int, previous: Raw | None) -> tuple[str | None, Mention | None]:
        if kind == "SELF":
            return None, None
        if previous is not None and previous.speaker and at - previous.close_at < 700 and \
                not self._other_gender(previous.mention, kind):
            if previous.mention:
                previous_kind = self.kinds.get(previous.mention.start, previous.mention.type)
            else:     # "Iraq's premier", "a senior official": a person; "police", "the ministry": not
                previous_kind = "PERSON" if role_head(previous.speaker) in PERSON_NOUNS or \
                    PROPER_NAME.fullmatch(previous.speaker) else "NOMINAL"
            if (kind in ("PERSON", "FEMALE", "MALE")) == (previous_kind == "PERSON"):
                return previous.speaker, previous.mention
        wanted = ("PERSON",) if kind in ("PERSON", "FEMALE", "MALE") else ("ORG", "GROUP")
        before = [m for m in self.mentions if m.end <= at and self.kinds.get(m.start, m.type) in wanted
                  and not self._other_gender(m, kind)]
        if before:
            return self.name_of(before[-1]), before[-1]
        return None, None

    def _other_gender(self, m: Mention | None, kind: str) -> bool:
        """True when the text says the person is not what the pronoun says ("she" and "Mr Smith")."""
        return kind in OTHER_GENDER and self._gender(m) == OTHER_GENDER[kind]

    def _gender(self, m: Mention | None) -> str | None:
        """FEMALE, MALE or None (not known), from the words the article puts around a person's name."""
        if m is None:
            return None
        if m.start not in self._genders:
            context = " ".join([self.text[max(0, m.start - 30):m.start], m.role or ""])
            female, male = bool(FEMALE.search(context)), bool(MALE.search(context))
            self._genders[m.start] = "FEMALE" if female and not male else "MALE" if male and not female else None
            if self._genders[m.start] is None:     # another mention of the same entity may say it
                name = self.names.get(m.start, m.name)
                for other in self.mentions:
                    if other.start != m.start and self.names.get(other.start, other.name) == name and \
                            other.start in self._genders and self._genders[other.start]:
                        self._genders[m.start] = self._genders[other.start]
                        break
        return self._genders[m.start]

    def _by_name(self, name: str) -> Mention | None:
        """A name the NER missed here but found elsewhere: "Nachman" -> Ron Nachman; one letter off
        ("Nahcman", "McClean") is a misspelling of the same name."""
        key = surname_key(name)
        if not key or len(name.split()) > 4:
            return None
        people = sorted((m for m in self.mentions if len(m.name.split()) > 1 or m.type == "PERSON"),
                        key=lambda m: self.kinds.get(m.start, m.type) != "PERSON")      # people first
        exact = next((m for m in people if surname_key(m.name) == key), None)
        if exact is None and " " not in name.strip():      # "Zhu" for Zhu Muzhi: family name first
            exact = next((m for m in people if self.kinds.get(m.start, m.type) == "PERSON"
                          and person_key(m.name).split(" ")[0] == key), None)
        if exact or len(key) < 5:
            return exact
        return next((m for m in people if SequenceMatcher(None, surname_key(m.name), key).ratio() >= 0.8
                     and surname_key(m.name)[:1] == key[:1]), None)

    def _organisation(self, description: str, at: int) -> Mention | None:
        """"the group", "the ministry" -> the organisation last named with that word, or for a generic
        word ("the group", "the company") the organisation last named."""
        words = re.findall(r"[a-z]+", DETERMINER.sub("", description).lower())
        if not words or words[-1] not in ORGANISATION_WORDS or len(words) > 3:
            return None
        before = [m for m in self.mentions if m.end <= at and m.type in ("ORG", "GROUP")]
        for m in reversed(before):
            if words[-1] in m.name.lower():
                return m
        return before[-1] if before and len(words) == 1 and words[0] in GENERIC_ORGANISATIONS else None

    def _role_holder(self, description: str, at: int = 0) -> Mention | None:
        """"the chairman of the board" -> the person the article calls chairman: a singular description
        whose head noun is the head of the person's role ("former top Communist Party member" and "a
        member of an advisory commission")."""
        head = role_head(description)
        if not head or (head.endswith("s") and not head.endswith("ss")) or head in NOT_ROLES:
            return None
        if INDEFINITE.match(description) and at > _LEAD_CHARS:
            return None          # "a former pilot" mid-story is someone not named; in the lead ("a former
            #                      party official said") it is the person the story names further down
        possessor = re.match(r"(.+?)\s?(?:'s|’s)\s", description)
        holders = [m for m in self.mentions if m.role and self.kinds.get(m.start, m.type) == "PERSON"
                   and role_head(m.role) == head
                   and (not possessor or possessor.group(1).split()[-1].lower() in m.role.lower())]
        return holders[0] if holders else None


def plausible_speaker(phrase: str) -> bool:
    """A speaker phrase that names no entity ("police", "a senior US official", "Prosecutors in Slavonski
    Brod") reads as someone who speaks. What a misread sentence leaves does not: a number ("67" of "Josip
    Lovrić, 67, said"), an adverbial ("Downstream", "Last year", "in Bosnia and Herzegovina"), a bare
    quantifier ("Many"), a fragment ending on a function word ("Fergus Bordewich in"), stray marks ("''",
    "$29.99"), or a clause with its own verb ("Croatian Red Cross gave higher figures")."""
    words = phrase.split()
    if not words or len(words) > 8 or not (phrase[0].isalpha() or _AGED.match(phrase)):
        return False
    if re.search(r"[:;()\[\]$\"“”`]|''", phrase):
        return False
    first, last = words[0].lower().strip(",.'’"), words[-1].lower().strip(",.'’")
    if NOT_SUBJECT_OPENER.match(first) or last in FRAGMENT_END or last.endswith("-") \
            or re.search(r"['’]s?$", words[-1]):
        return False    # ... or "government inspector's": what he owns was cut off
    if all(w.lower() in QUANTIFIERS for w in words) or \
            (len(words) == 1 and (first.endswith("ly") or first in _HONORIFICS)):
        return False    # "Many", "Separately", "Mrs"
    return not misread_clause(phrase)


def misread_clause(phrase: str) -> bool:
    """A "speaker" with a verb of its own is a sentence read wrong ("Opponents call the hunt butchery",
    "Britain defended its record", "He acknowledged that some officers", "Neville and Doreen Lawrence
    pushed"): what it said is no reported speech either."""
    words = phrase.split()
    return bool(FINITE_VERB.search(phrase) or SPEECH_PAST.search(phrase) or _VERB_AND_OBJECT.search(phrase)
                or (len(words) > 1 and words[0].lower() in PRONOUNS)
                or (len(words) > 1 and re.fullmatch(r"[a-z]{2,}ed", words[-1])
                    and (words[-2][:1].isupper() or words[-2].endswith("ly"))))


# a past tense with its object: "defended its record", "submitted a 72-page report"
_VERB_AND_OBJECT = re.compile(r"\b[a-z]{3,}ed\s+(?:the|a|an|its|his|her|their|our|this|that|these|those|it|them|"
                              r"him|us|\d)\b")


_HONORIFICS = {"mr", "mrs", "ms", "miss", "dr", "prof", "sir", "rev", "mme", "mlle"}
_AGE = re.compile(r"(?:aged\s+)?\d{1,3}")
_AGED = re.compile(r"\d{1,3}-year-old\s")


def role_head(phrase: str) -> str:
    """The noun a role is about: the last word before "of", "on" or "for", ranks aside ("operation's
    commander" -> commander; "head of the Observatory" -> head; "JOC spokesman General" -> spokesman;
    "Prime Minister" and "premier" -> prime)."""
    words = re.findall(r"[A-Za-z]+", re.split(r"\s+(?:of|on|for|to|at|in|with)\s+", phrase.strip())[0].lower())
    while len(words) > 1 and words[-1] in RANKS:
        words.pop()
    head = "prime" if "prime" in words else words[-1] if words else ""
    return SAME_ROLE.get(head, head)


def _subject_of(clause: str) -> str:
    """A clause as a speaker phrase: no conjunction first, no relative clause or participle after
    ("Committee sources who spoke on condition of anonymity" -> "Committee sources"; "an official report
    that" -> "an official report"; "the coalition fighting it" -> "the coalition")."""
    clause = CONJUNCTION.sub("", clause.strip())
    clause = re.split(r"\s+(?:who|which|whose)\s+", clause)[0]
    # a participle with its object modifies the subject: "the U.S.-led coalition fighting it"
    clause = re.sub(r"(?<=\w)\s+[a-z]+ing\s+(?:it|them|him|her|the|a|an|its|their|this|these)\b.*$", "", clause)
    if RELATIVE.search(clause):                # "...release of an official report that said"
        words = RELATIVE.sub("", clause).split()
        tail = words[-4:]
        for j, w in enumerate(tail):
            if w.lower() in ("the", "a", "an"):
                tail = tail[j:]
                break
        clause = " ".join(tail)
    return clause.strip()
