"""English evaluative words: they say how the respondent feels, not what about (never a topic label)."""

POSITIVE_WORDS: frozenset[str] = frozenset(
    """
    good great excellent amazing awesome brilliant fantastic superb perfect outstanding wonderful lovely nice
    best better fine happy pleased satisfied helpful friendly polite kind courteous professional pleasant
    quick fast speedy prompt efficient easy smooth reliable stable affordable cheap fair reasonable superb
    thank thanks love loved like liked recommend recommended impressed impressive super cool ok okay decent
    well seamless painless hassle-free knowledgeable patient responsive attentive positive top
    inexpensive delicious tasty yummy beautiful cozy cosy comfortable worth worthwhile glad enjoyed enjoy fabulous terrific exceptional incredible gorgeous spotless convenient
    """.split()
)

NEGATIVE_WORDS: frozenset[str] = frozenset(
    """
    bad poor terrible awful horrible appalling dreadful disgraceful disgusting shocking atrocious abysmal
    worst worse useless pathetic ridiculous rubbish unacceptable unhelpful rude impolite unprofessional
    incompetent slow expensive overpriced unreliable unstable disappointing disappointed unhappy angry
    annoyed annoying frustrating frustrated hate hated horrendous diabolical shambolic shoddy lousy crap
    sucks negative nightmare joke disgrace sad dissatisfied upset furious hopeless inept
    hidden scam overcharged misleading dishonest faulty
    dirty filthy bland tasteless stale noisy mediocre unusable disgusted greasy
    """.split()
)
