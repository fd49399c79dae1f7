"""A ranked vocabulary for synthetic interview text, drawn by Zipf's law as real speech is.

Word frequencies in any sizeable body of English, spoken or written, fall off roughly as 1/rank (Zipf's
law, exponent near 1): a handful of function words make up a large share of all tokens, topic words sit
in the hundreds of ranks, and most word types are rare. A corpus that drew a hundred words uniformly
would put every topic word into most speaker turns, which no interview does, and would make every
search, count and benchmark built on it measure that artefact rather than transcripts.

`RANKED` is a hand-ordered list: the function words and discourse markers of conversation first, then
the everyday vocabulary of talking about an app, mood and routines, with the study's topic words placed
where an interview about a mental-health app would use them, accented and non-Latin words (names,
places, borrowed words) among the rarer ones. The long tail is made of generated pseudo-words
(`tail_words`) so the number of word types is that of a real corpus of this size.
"""

from __future__ import annotations

import itertools
import random

RANKED: tuple[str, ...] = tuple("""
I the and to it a you that was like of so just my in but me is it's know don't really not
for with yeah this they on um have be if think do what had at we would or get because
about there all when then been can one more things time some going mean much go felt
app thing out up day feel were got did also quite no lot how right them your could bit
people said sort kind by an from now actually well good used use something even make
still which he she her him their first maybe try way see need always never sometimes
make want say back week days little bit work used help helpful thought different found
session sessions exercise exercises module modules reminder reminders goal goals mood
anxiety anxious therapist chatbot notifications notification phone screen progress
trust motivation routine habit sleep stress worry worried breathing diary check-in
feedback streak badge level levels tracking tracker journal journaling support
understood listened personal generic robotic warm cold pushy gentle clear confusing
evening morning night every before after during start started stopped stop keep kept
made making getting trying tried looking looked told tell talk talking talked
someone anyone everyone nobody myself yourself person human real therapy counsellor
doctor GP waiting list months weeks year years ago since until again already
better worse easier harder easy hard nice okay fine great bad annoying frustrating
motivating encouraging supportive judged judging guilty guilt shame embarrassed
relief relieved calm calmer panic attacks attack low lonely alone connected connection
relationship bond task tasks plan plans goal-setting targets achieve achieved
content videos audio text messages message prompts prompt questions question answers
answer choose chose choice option options settings personalised personalized tailored
understand understanding explain explained reason reasons point sense meaning matter
friend friends family partner work job colleagues manager home house bed kitchen
walk walking run running gym exercise-wise food eating water tea coffee
morning's tonight today tomorrow yesterday weekend Monday Friday holiday Christmas
remember remembered forget forgot forgotten noticed notice realise realised learned
learn learning skills skill technique techniques tools tool strategy strategies
thinking thoughts thought-record records record recording voice typed typing tapped
buttons button menu home-screen dashboard graph graphs chart charts score scores
points reward rewards praise compliments emoji emojis character avatar name named
cheesy patronising condescending friendly human-like machine algorithm automated
private privacy data secure safe safety crisis helpline emergency risk
cost free paid subscription trial recommended recommendation referred referral
expect expected expectations hope hoped hoping surprised surprising disappointed
honestly basically literally obviously probably definitely certainly exactly totally
sometimes-it often usually rarely occasionally once twice daily weekly hourly
""".split())

NON_LATIN_AND_ACCENTED: tuple[str, ...] = (
    "café", "naïve", "façade", "rôle", "déjà-vu", "über", "Zoë", "Müller", "São", "Paulo", "Łódź",
    "mañana", "coöperate", "résumé", "señora", "Ångström", "ça", "œuvre", "ελπίδα", "дом", "心", "日本",
    "שלום",
)

_ONSETS = ("b", "c", "d", "f", "g", "h", "k", "l", "m", "n", "p", "r", "s", "t", "v", "w", "br", "dr",
           "fl", "gr", "pl", "st", "tr", "sh", "ch")
_VOWELS = ("a", "e", "i", "o", "u", "a", "e", "i", "o", "ea", "ou")
_CODAS = ("", "", "", "", "n", "r", "l", "s", "t", "m")


def tail_words(count: int, avoid: set[str]) -> list[str]:
    """`count` distinct pronounceable pseudo-words of mostly two syllables (about seven letters, the
    length of rarer English words), none in `avoid`.

    Deterministic: the same count and `avoid` give the same words in the same order."""
    rng = random.Random("framework-qa/tail-words")
    words: list[str] = []
    seen = set(w.casefold() for w in avoid)
    while len(words) < count:
        syllables = rng.choice((2, 2, 2, 3))
        word = "".join(rng.choice(_ONSETS) + rng.choice(_VOWELS) + rng.choice(_CODAS)
                       for _ in range(syllables))
        if word not in seen:
            seen.add(word)
            words.append(word)
    return words


def zipf_vocabulary(types: int = 12_000, exponent: float = 1.0) -> tuple[list[str], list[float]]:
    """Words by rank and their cumulative weights (weight of rank r proportional to r ** -exponent).

    The ranked list comes first; the accented and non-Latin words are spread evenly over ranks 400 to
    4,000 among the generated tail words, which fill the vocabulary up to `types` words."""
    ranked = list(dict.fromkeys(RANKED))
    tail = tail_words(types - len(ranked) - len(NON_LATIN_AND_ACCENTED), set(ranked))
    step = max(1, (4_000 - len(ranked)) // len(NON_LATIN_AND_ACCENTED))
    for i, word in enumerate(NON_LATIN_AND_ACCENTED):
        tail.insert(i * step + step // 2, word)
    words = ranked + tail
    weights = [1.0 / (rank ** exponent) for rank in range(1, len(words) + 1)]
    return words, list(itertools.accumulate(weights))
