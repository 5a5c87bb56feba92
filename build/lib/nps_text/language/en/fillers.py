"""English spoken-language fillers to strip from phone and voice-bot transcripts."""

FILLERS: tuple[str, ...] = (
    "um",
    "umm",
    "uh",
    "uhh",
    "uhm",
    "er",
    "erm",
    "hmm",
    "hm",
    "mm",
    "you know",
    "i mean",
    "so yeah",
    "hello",
)
