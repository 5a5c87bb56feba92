"""Bulgarian spoken-language fillers to strip from phone and voice-bot transcripts."""

FILLERS: tuple[str, ...] = (
    "ъ",
    "ъъ",
    "ъъъ",
    "мм",
    "ммм",
    "ами",
    "значи",
    "така де",
    "нали",
    "абе",
    "ало",
    "един вид",
    "как да кажа",
    "здравейте",
)
