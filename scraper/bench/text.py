"""Deterministic news prose for the benchmark site: page ``n`` always reads the same,
and no two pages read alike.

Sentences are built from short slots (who, did what, to what, where, when, according to
whom), each drawn from a list of a few dozen phrases, and town and person names are
made from syllables. A word 5-gram nearly always spans two slots, so two pages share
only a few of their 5-grams: the crawl's near-duplicate check (MinHash of word 5-grams,
threshold 0.8) keeps every page. Nothing here depends on anything but ``random.Random``
seeded with the page number.
"""

from __future__ import annotations

import random

__all__ = ["Prose", "prose_for"]

_ONSETS = ("Ash", "Bel", "Cor", "Dun", "Elm", "Fen", "Gar", "Hal", "Ivers", "Kel", "Lan", "Mar",
           "Nor", "Ost", "Pen", "Quen", "Ros", "Sel", "Tam", "Ull", "Ven", "Wes", "Yar", "Zel")
_CODAS = ("ford", "moor", "bury", "wick", "haven", "stead", "field", "mouth", "bridge", "dale",
          "ton", "holm", "gate", "ley", "combe", "port")
_FIRST = ("Helen", "Omar", "Priya", "Tomas", "Grace", "Yusuf", "Ingrid", "Daniel", "Mei", "Carlos",
          "Aisha", "Lukas", "Sofia", "Kwame", "Hannah", "Ravi", "Elena", "Jonas", "Fatima", "Peter",
          "Nadia", "Samuel", "Lucia", "Ibrahim", "Clara", "Mateo", "Amara", "Felix", "Rosa", "Arjun")
_LAST = ("Marsh", "Haddad", "Okafor", "Lindqvist", "Brennan", "Castillo", "Nakamura", "Petrov",
         "Adeyemi", "Fischer", "Moreau", "Kowalski", "Ibarra", "Sato", "Mensah", "Walsh", "Rahman",
         "Novak", "Duarte", "Keller", "Osei", "Varga", "Lund", "Quinn", "Tanaka", "Bauer")
_ROLES = ("the council's finance lead", "a professor of economics", "chief executive of the port authority",
          "a local shop owner", "the regional health director", "a spokesperson for the ministry",
          "head of the teachers' union", "an engineer on the project", "the opposition leader",
          "a senior researcher at the institute", "chair of the residents' association",
          "the club's head coach", "a retired ferry captain", "the district's chief planner")
_ORGS = ("the harbour board", "the regional assembly", "the national statistics office",
         "the chamber of commerce", "the university hospital", "the transport authority",
         "the water company", "the farmers' cooperative", "the energy regulator", "the city museum",
         "the central bank", "the football federation", "the environment agency", "the rail operator")
_SUBJECTS = ("Officials in {town}", "The council in {town}", "Residents of {town}", "{person}, {role},",
             "Analysts at {org}", "A report by {org}", "Engineers working for {org}", "Ministers",
             "Business owners along the {town} waterfront", "Campaigners", "Researchers from {town}",
             "The mayor of {town}", "Union representatives", "Shareholders", "Local farmers",
             "Emergency services", "Teachers across the district", "Two of the biggest employers in {town}")
_VERBS = ("approved", "rejected", "postponed", "welcomed", "criticised", "questioned", "proposed",
          "unveiled", "defended", "cut funding for", "doubled spending on", "called for a review of",
          "warned against", "voted to extend", "agreed to study", "published figures on",
          "raised concerns about", "signed a deal covering", "delayed a decision on", "backed")
_OBJECTS = ("the new flood barrier", "a plan to widen the coastal road", "the budget for school meals",
            "rules on short-term lettings", "a wind farm off the northern cape", "the closure of the night ferry",
            "plans for a second hospital wing", "a tax on empty shops", "the rebuilding of the old grain store",
            "cheaper bus fares for students", "a merger of two regional banks", "the stadium expansion",
            "a pilot scheme for electric taxis", "new limits on river fishing", "the sale of the municipal airport",
            "a ban on cars near the market square", "the restoration of the cathedral roof",
            "a programme of free evening classes", "tighter checks on imported grain", "the dredging of the estuary")
_PLACES = ("in the northern district", "near the old harbour", "along the river", "in the city centre",
           "on the eastern ring road", "in three rural villages", "across the province", "at the edge of town",
           "in the industrial zone", "beside the railway station", "on the island", "in the valley")
_TIMES = ("on {weekday}", "last week", "after months of talks", "earlier this year", "late on {weekday}",
          "at a crowded public meeting", "ahead of the winter", "before the summer recess",
          "in a vote of {votes} to {against}", "for the {ordinal} time since {year}")
_CLAUSES = ("according to figures seen by this newspaper", "despite objections from neighbouring towns",
            "although the final cost remains unclear", "in a move that surprised many observers",
            "while critics said the timetable was unrealistic", "as prices rose for the {ordinal} month running",
            "after an inspection found serious faults", "with work expected to start in {month}",
            "following a consultation that drew {count} responses", "citing pressure on public finances",
            "in what officials called a turning point", "as the number of visitors fell by {pct} percent")
_STATS = ("unemployment", "house prices", "ferry passenger numbers", "hospital waiting times", "rents",
          "exports of timber", "the number of new businesses", "school enrolment", "energy bills",
          "rainfall", "tourist arrivals", "bus ridership")
_TRENDS = ("rose by {pct} percent", "fell by {pct} percent", "reached a record high", "dropped to a ten-year low",
           "stayed broadly flat", "climbed for the {ordinal} quarter in a row", "doubled")
_QUOTES = ("We cannot wait another year", "This is a fair compromise", "Nobody asked the people who live here",
           "The numbers simply do not add up", "It is a good day for the whole region",
           "We will keep pushing until it is done", "I have never seen anything like it",
           "The decision was long overdue", "Families will feel the difference", "There is still a lot of work to do")
_QUOTE_TAILS = ("said {person}, {role}", "{person}, {role}, told reporters", "{person} said in a statement",
                "added {person}, {role}")
_HEADLINE_NOUNS = ("council", "port", "hospital", "university", "farmers", "ferry operator", "bank",
                   "regulator", "residents", "club", "museum", "rail line", "school board", "mayor")
_HEADLINE_VERBS = ("approves", "rejects", "delays", "backs", "questions", "unveils", "cuts", "extends", "reviews")
_SUBHEADS = ("What happens next", "A long road", "The cost", "Reaction", "Background", "Looking ahead",
             "Local concerns", "The numbers", "A divided council", "Why it matters")
_WEEKDAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
_MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August", "September",
           "October", "November", "December")
_ORDINALS = ("second", "third", "fourth", "fifth", "sixth", "seventh", "eighth")
_TAGS = ("Climate", "Transport", "Health", "Education", "Housing", "Energy", "Economy", "Fishing",
         "Tourism", "Local politics", "Football", "Heritage", "Farming", "Technology")


class Prose:
    """The words of one page, drawn from its own random stream."""

    def __init__(self, seed: int) -> None:
        self.rng = random.Random(f"scraper-bench-{seed}")
        self.town = self.place_name()

    def place_name(self) -> str:
        return self.rng.choice(_ONSETS) + self.rng.choice(_CODAS)

    def person(self) -> str:
        return f"{self.rng.choice(_FIRST)} {self.rng.choice(_LAST)}"

    def _fill(self, template: str) -> str:
        rng = self.rng
        return template.format(
            town=self.town if rng.random() < 0.6 else self.place_name(), person=self.person(),
            role=rng.choice(_ROLES), org=rng.choice(_ORGS), weekday=rng.choice(_WEEKDAYS),
            month=rng.choice(_MONTHS), ordinal=rng.choice(_ORDINALS), year=rng.randint(1990, 2022),
            votes=rng.randint(12, 40), against=rng.randint(2, 11), count=rng.randint(200, 9000),
            pct=rng.randint(2, 38),
        )

    def sentence(self) -> str:
        rng = self.rng
        form = rng.randrange(5)
        if form == 0:
            text = f"{rng.choice(_SUBJECTS)} {rng.choice(_VERBS)} {rng.choice(_OBJECTS)} {rng.choice(_PLACES)} " \
                   f"{rng.choice(_TIMES)}, {rng.choice(_CLAUSES)}."
        elif form == 1:
            clause = rng.choice(_CLAUSES)
            text = f"{clause[0].upper()}{clause[1:]}, {rng.choice(_SUBJECTS)} {rng.choice(_VERBS)} " \
                   f"{rng.choice(_OBJECTS)}."
        elif form == 2:
            text = f"“{rng.choice(_QUOTES)},” {rng.choice(_QUOTE_TAILS)}."
        elif form == 3:
            text = f"Figures from {rng.choice(_ORGS)} show that {rng.choice(_STATS)} {rng.choice(_PLACES)} " \
                   f"{rng.choice(_TRENDS)} {rng.choice(_TIMES)}."
        else:
            text = f"{rng.choice(_SUBJECTS)} {rng.choice(_VERBS)} {rng.choice(_OBJECTS)}, and " \
                   f"{rng.choice(_SUBJECTS).lower()} {rng.choice(_VERBS)} {rng.choice(_OBJECTS)} {rng.choice(_TIMES)}."
        text = self._fill(text)
        return text[0].upper() + text[1:]

    def paragraph(self) -> str:
        return " ".join(self.sentence() for _ in range(self.rng.randint(2, 5)))

    def blocks(self) -> list[tuple[str, str]]:
        """Six to eleven paragraphs, with a sub-heading now and then."""
        out: list[tuple[str, str]] = []
        for i in range(self.rng.randint(6, 11)):
            if i >= 3 and self.rng.random() < 0.2:
                out.append(("h2", self.rng.choice(_SUBHEADS)))
            out.append(("p", self.paragraph()))
        return out

    def headline(self) -> str:
        rng = self.rng
        noun, verb, obj = rng.choice(_HEADLINE_NOUNS), rng.choice(_HEADLINE_VERBS), rng.choice(_OBJECTS)
        return f"{self.town} {noun} {verb} {obj.removeprefix('the ').removeprefix('a ')}"

    def description(self) -> str:
        return self.sentence()

    def tags(self) -> list[str]:
        return self.rng.sample(_TAGS, self.rng.randint(1, 3))

    def authors(self) -> list[str]:
        return [self.person() for _ in range(self.rng.choice((1, 1, 1, 2)))]

    def comments(self) -> list[str]:
        return [self.sentence() for _ in range(self.rng.choice((0, 0, 1, 2)))]


def prose_for(number: int) -> Prose:
    """The prose generator of page ``number`` (the same words every time)."""
    return Prose(number)
