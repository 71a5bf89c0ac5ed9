"""Read a SWORD Bible module through the `diatheke` CLI into {"Gen 1:1": "verse text", ...}.

`diatheke -f plaintext` prints one line per verse, "Book C:V: text", but keeps the module's OSIS markup
(<w savlm=...>word</w>, <l .../>, psalm <title>s before the reference). We drop the markup, keep the words,
and key each verse by a short book abbreviation ("Gen 1:1") so modules with different book spellings
align. Verses outside the 66 books of the Protestant canon (deuterocanon) are skipped.
"""
import re
import subprocess

BOOKS = [
    ("Genesis", "Gen"), ("Exodus", "Exod"), ("Leviticus", "Lev"), ("Numbers", "Num"),
    ("Deuteronomy", "Deut"), ("Joshua", "Josh"), ("Judges", "Judg"), ("Ruth", "Ruth"),
    ("I Samuel", "1Sam"), ("II Samuel", "2Sam"), ("I Kings", "1Kgs"), ("II Kings", "2Kgs"),
    ("I Chronicles", "1Chr"), ("II Chronicles", "2Chr"), ("Ezra", "Ezra"), ("Nehemiah", "Neh"),
    ("Esther", "Esth"), ("Job", "Job"), ("Psalms", "Ps"), ("Proverbs", "Prov"),
    ("Ecclesiastes", "Eccl"), ("Song of Solomon", "Song"), ("Isaiah", "Isa"), ("Jeremiah", "Jer"),
    ("Lamentations", "Lam"), ("Ezekiel", "Ezek"), ("Daniel", "Dan"), ("Hosea", "Hos"), ("Joel", "Joel"),
    ("Amos", "Amos"), ("Obadiah", "Obad"), ("Jonah", "Jonah"), ("Micah", "Mic"), ("Nahum", "Nah"),
    ("Habakkuk", "Hab"), ("Zephaniah", "Zeph"), ("Haggai", "Hag"), ("Zechariah", "Zech"),
    ("Malachi", "Mal"),
    ("Matthew", "Matt"), ("Mark", "Mark"), ("Luke", "Luke"), ("John", "John"), ("Acts", "Acts"),
    ("Romans", "Rom"), ("I Corinthians", "1Cor"), ("II Corinthians", "2Cor"), ("Galatians", "Gal"),
    ("Ephesians", "Eph"), ("Philippians", "Phil"), ("Colossians", "Col"), ("I Thessalonians", "1Thess"),
    ("II Thessalonians", "2Thess"), ("I Timothy", "1Tim"), ("II Timothy", "2Tim"), ("Titus", "Titus"),
    ("Philemon", "Phlm"), ("Hebrews", "Heb"), ("James", "Jas"), ("I Peter", "1Pet"), ("II Peter", "2Pet"),
    ("I John", "1John"), ("II John", "2John"), ("III John", "3John"), ("Jude", "Jude"),
    ("Revelation of John", "Rev"), ("Revelation", "Rev"),
]
ABBREV = dict(BOOKS)
NEW_TESTAMENT = {abbr for _, abbr in BOOKS[BOOKS.index(("Matthew", "Matt")):]}

# Longest names first so that "I John" is not read as "John".
_BOOK_RE = "|".join(re.escape(name) for name in sorted(ABBREV, key=len, reverse=True))
_REF = re.compile(r"(?:^|(?<=[\s>]))(" + _BOOK_RE + r") (\d+):(\d+): ")
_BOOK_END = re.compile(r'<div [^>]*eID="[^"]*"[^>]*type="book"\s*/>')
_WORD_JOIN = re.compile(r"</w>(?=<w[\s>])")  # adjacent <w> elements hold separate words
_TAG = re.compile(r"<[^>]*>")
_SPACE = re.compile(r"\s+")


def clean(markup):
    text = _TAG.sub("", _WORD_JOIN.sub("</w> ", markup))
    return _SPACE.sub(" ", text).strip()


def read_module(module):
    """All verses of a SWORD module: dict key -> text, in canonical order (dicts keep insertion order)."""
    out = subprocess.run(["diatheke", "-b", module, "-f", "plaintext", "-k", "Genesis 1:1 - Revelation 22:21"],
                         check=True, capture_output=True, text=True).stdout
    verses = {}
    for line in out.splitlines():  # one line per verse; the last line names the module
        m = _REF.search(line)
        if m is None:  # the "(module)" line or a book we do not keep (deuterocanon)
            continue
        body = _BOOK_END.split(line[m.end():])[0]  # the last verse carries appendices (glossary)
        verses["%s %s:%s" % (ABBREV[m.group(1)], m.group(2), m.group(3))] = clean(body)
    return {k: v for k, v in verses.items() if v}


def tokenize(text):
    """Lowercase words (letters incl. accented ones, inner apostrophes kept)."""
    text = text.lower().replace("\u2019", "'")
    return re.findall(r"[^\W\d_]+(?:'[^\W\d_]+)*", text)
