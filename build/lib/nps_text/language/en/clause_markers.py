"""English clause-splitting markers: contrast words and review-form section headers."""

CONTRAST: tuple[str, ...] = (
    "but",
    "however",
    "although",
    "though",
    "even though",
    "except",
    "except for",
    "except that",
    "unfortunately",
    "sadly",
    "whereas",
    "on the other hand",
    "apart from",
    "other than that",
    "otherwise",
    "nevertheless",
    "nonetheless",
    "even so",
    "that said",
    "having said that",
    "the only thing",
)

SECTION_HEADERS: tuple[str, ...] = (
    "pros:",
    "cons:",
    "comment:",
    "comments:",
    "advantages:",
    "disadvantages:",
    "likes:",
    "dislikes:",
)
