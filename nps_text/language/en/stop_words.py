"""Extra English stop words for topic keywords, unioned with spaCy's English list."""

STOP_WORDS: frozenset[str] = frozenset(
    """
    really just also thing things stuff very quite pretty actually basically
    overall generally always sometimes ever even still already much many lot lots
    bit something anything everything everyone someone anyone somebody anybody
    i me my mine myself we us our ours you your yours they them their theirs it its
    he him his she her this that these those is are was were be been being am
    have has had having do does did done will would could should can may might
    must shall get gets got getting gotten make makes made go goes going went gone
    one ones way kind sort maybe perhaps guys etc yes yeah yep well anyway anyways
    since because cos coz cuz bcoz due via per within around today now then here there where when
    what which who whom whose how why also too so such some any each every all
    both either other another else oh im i'm i've i'd it's that's there's
    company companies customer customers client clients year years month months
    score rating review feedback survey reason
    """.split()
)
