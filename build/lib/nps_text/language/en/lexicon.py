"""English word forms common in short survey replies (Latin script, distinct from the Cyrillic languages)."""

DISTINCTIVE: frozenset[str] = frozenset(
    """
    ok okay fine good great excellent perfect nice awesome amazing fantastic superb
    brilliant lovely wonderful outstanding cool decent average meh so-so
    bad poor terrible awful horrible worst worse better best disappointing
    disappointed satisfied happy unhappy pleased love loved like liked hate hated
    thanks thank thx ty cheers please sorry
    you your yours we our they it its this that the a an and or but not no yes
    all everything nothing anything very really too so quite pretty always never
    fast faster quick quickly slow slower slowly long longer late early on time
    expensive cheap cheaper pricey overpriced affordable price prices pricing cost
    costs value money fee fees bill billing charge charged overcharged refund
    staff agent agents operator operators support service customer team employee
    employees manager friendly rude helpful unhelpful polite kind professional
    knowledgeable patient
    delivery delivered deliver parcel package order shipping courier arrived
    internet connection signal network coverage speed wifi router outage outages
    app website site online account login
    problem problems issue issues error bug bugs crash crashes crashing crashed
    works work working worked broken down fixed resolved solved
    wait waited waiting hold queue hours hour minutes days
    call called calls callback answer answered response responded reply
    recommend recommended would wouldn't don't doesn't didn't isn't wasn't can't
    easy easier hard difficult simple convenient inconvenient clear confusing
    reliable unreliable stable quality experience
    keep up well done job nope yeah yep
    """.split()
)
