"""Ukrainian spoken-language fillers to strip from phone and voice-bot transcripts."""

FILLERS: tuple[str, ...] = (
    "ну",
    "ее",
    "еее",
    "мм",
    "ммм",
    "ем",
    "значить",
    "короче",
    "типу",
    "теє",
    "теє-то",
    "от",
    "алло",
    "слухайте",
    "загалом",
    "так би мовити",
)
