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

# Implicit complaints: an expectation the company set and did not meet ("still waiting", "I was told it would
# be done on the 18th", "no one called back"), a demand for redress ("I want compensation") or an intent to leave
# ("looking at other providers"). They hold no evaluative word, so the word lists above miss them
# and a sentence embedding reads them as plain (even hopeful) statements. Regular expressions on the lower-case
# clause (’ and the replacement character read as '), see ``nps_text/polarity/_patterns.py``. A match preceded
# (within two words) by a negation is ignored ("no waiting", "didn't have to wait"), unless the pattern itself
# starts with the negation.
IMPLICIT_COMPLAINT: tuple[str, ...] = (
    # still / yet: the thing has not happened
    r"\bstill (?:be |)(?:waiting|awaiting|chasing|trying|to be|not|no|nothing|without|unable|can'?t|cannot"
    r"|don'?t|doesn'?t"
    r"|haven'?t|hasn'?t|isn'?t|aren'?t|wasn'?t|won'?t|do not|does not|have not|has not|is not|are not|need)\b",
    r"\byet to (?:be|receive|get|hear|have|arrive|start|see (?:any|a|the|if|whether)|work|turn up)\b",
    r"\b(?:been|am|are|is|was|were|i'?m|we'?re|keep|kept|still|left|now) waiting\b",
    r"^\s*(?:and |but |so )?waiting (?:for|since|to|on)\b",
    r"\bwaited (?:for )?(?:over |nearly |almost |about |around |more than )?(?:\w+ )?"
    r"(?:days|weeks|months|ages|hours)\b",
    # what never came
    r"\bnever (?:arrived|came|turned up|showed|happened|received|got (?:back|a|any|the)|heard|called|rang|phoned"
    r"|returned|responded|replied|materiali[sz]ed|fixed|resolved|sorted|delivered|bothered|followed)\b",
    r"\b(?:no ?one|no-one|nobody) (?:has |have |had |ever |even |)(?:called|rang|phoned|got back|came|turned up"
    r"|contacted|responded|replied|returned|bothered|explained|told|apologi[sz]ed|showed|answered|knew|could)\b",
    r"\b(?:didn'?t|did not|don'?t|do not|won'?t|wouldn'?t|couldn'?t|can'?t|cannot|could not|never|haven'?t"
    r"|hasn'?t|have not|has not) (?:\w+ )?(?:bother(?:ed)? to |even )?(?:turn(?:ed|ing)? up|show(?:ed|ing)? up"
    r"|call(?:ed)? (?:me |us )?back|get back|got back|ring (?:me |us )?back|reply|respond|arrive|deliver"
    r"|keep (?:their|its|the|to)|give (?:me |us )?(?:a |any |an )?(?:date|time|answer|update|explanation))",
    r"\bno (?:apolog\w*|compensation|explanation\w*|explanatory|response|reply|replies|update\w*|call ?backs?"
    r"|feedback|communication|contact|follow[- ]?ups?|information|info|word|sign|date|answer|acknowledge?ment)\b",
    # moved, chased, changed
    r"\b(?:constantly|kept|keep|keeps|continually|repeatedly) (?:chang|cancel|mov|postpon|delay|resched|push)\w*",
    r"\b(?:dates?|appointments?) (?:\w+ )?(?:changing|changed|cancell?ed|moved|postponed|rescheduled|missed)\b",
    r"\bhad to (?:chase|call|ring|phone|keep|wait|complain|contact|go through|do all|explain|repeat|fight|push)\b",
    r"\bchasing\b",
    r"\btook (?:over |nearly |almost |about |more than |)(?:a |two |three |four |\d+ |several |many |)"
    r"(?:weeks|months|ages|forever)\b",
    # redress demanded, leaving announced
    r"\b(?:want|wants|demand|demanding|expect|expecting|deserve|owed|entitled to|still due) (?:some |a |an |my |)"
    r"(?:\w+ |)(?:compensation|refund|apology|explanation)\b",
    r"^\s*(?:please |just |)(?:give me|give us|i want|we want) (?:my |our |the |)(?:money|deposit|refund)(?: back)?\b",
    r"^\s*(?:please |just |)(?:refund me|sort it out|fix it)\b",
    r"\b(?:looking (?:at|for|into) (?:other|another|a new|alternative) (?:provider|supplier|company|network|option)s?"
    r"|(?:leave|leaving|switch|switching|move|moving|go|going) (?:to |back to |)(?:another|other|a different|a new)"
    r" (?:provider|supplier|company|network)"
    r"|(?:will|going to|want to|about to) (?:leave|cancel|terminate|switch))\b",
    # a lukewarm verdict ("the food was so-so"): no evaluative word, yet a complaint
    r"\bso-so\b|\bso so\b(?!\s+[a-z])",  # not "so so good" (very good)
    # contacting again about the same thing ("this is the third time I have called", "not the first time I've
    # written"); not "the third time I've ordered" (a loyal customer)
    r"\b(?:(?:second|third|fourth|fifth|\d+(?:st|nd|rd|th)) time|not the first time) (?:that |)(?:i|we)(?:'ve| have"
    r"|'m| am| had|) (?:\w+ |)(?:called|rung|rang|phoned|written|wrote|emailed|contacted|complained|calling"
    r"|writing|contacting|complaining|chased|chasing)\b",
)

# Broken promises: what the company told, promised or booked ("I was told the transition would be smooth", "meant
# to go live on the 27th"). An implicit complaint too, but the clause often holds the promised praise itself ("smooth"),
# which the sentence embedding reads as the respondent's: ``TextPolarity`` damps the head's direction on these.
BROKEN_PROMISE: tuple[str, ...] = (
    r"\b(?:was|were|been|being|am|are|is|got) (?:told|promised|assured|guaranteed|led to believe|supposed to"
    r"|meant to|due to|scheduled to)\b",
    r"\b(?:meant|supposed|due|scheduled) to (?:be|have|go|start|happen|arrive|come|begin|finish|complete)\b",
    r"\bpromis(?:ed|es|ing)\b",
    r"\b(?:confirmed|said|told (?:me|us)|assured (?:me|us)|informed (?:me|us)) (?:that )?(?:\w+ ){0,4}"
    r"(?:would|will) (?:be|have|go|get|start|arrive|come)\b",
    r"\bassured\b",
)

# Exceptions: a clause matching one of these is no implicit complaint even if a pattern above matches: a short
# wait ("only had to wait a day"), a promise kept ("as they promised").
IMPLICIT_EXCEPT: tuple[str, ...] = (
    r"\b(?:only|just|no more than|less than|under|barely|hardly) (?:had to |have to |)wait",
    r"\bwait(?:ed|ing)? (?:for )?(?:only|just|no more than|less than|under|barely)\b",
    r"\bas (?:\w+ ){0,2}(?:promised|told|agreed|assured|booked|scheduled)\b",
)

# Meta-comments: a pointer to earlier text or a question about the survey ("see above", "read my notes", "why
# do you ask", "hope this helps"). They say nothing about the service, so they are neutral whatever evaluative
# word they carry ("hope you find this answer helpful"); only evaluative words outside the match count.
META_COMMENT: tuple[str, ...] = (
    r"^[\W\d]*(?:please |just |pls |)(?:see|refer to|read|re-read|check|look at|take a look at|view|look through"
    r"|go through)\b.{0,40}\b(?:above|below|previous\w*|earlier|before|notes?|file|records?|history|details"
    r"|messages?|comments?|case|case book|log|system|emails?|letters?|what i (?:said|wrote))\b",
    r"^\s*(?:see |as |)(?:above|below|before)\s*$",
    r"\bas (?:i |we )?(?:already |have |)(?:said|stated|mentioned|explained|wrote|written|noted|described)"
    r" (?:above|below|before|earlier|previously)\b",
    r"\bwhy (?:do|did|would|are|r|should) (?:you|u|ya) (?:ask|want to know|need to know|care)\b",
    r"^\s*why ask\b",
    r"\byou asked (?:me|us|for)\b",
    r"\bhope (?:you find |)(?:this|that|my) .{0,25}(?:helps?|helpful|useful)\b",
    r"\bmatter of record\b",
    r"\b(?:reasons? for|explained) (?:this|my|the) (?:score|rating)\b.{0,20}\b(?:above|record|system|file)\b",
    r"^\s*(?:this|it|that) (?:was|is|happened) (?:on|in) (?:the )?\d",
)

# A bare dated event ("Ordered on 5th December") or a wait-and-see remark ("we will see on 8.1.18"): neutral when
# the whole clause holds no evaluative word ("Great service on 5th December" is praise).
DATE_FACT: tuple[str, ...] = (
    r"^\s*(?:[a-z']+ ){0,3}(?:on |in |since |from |)(?:the )?(?:\d{1,2}(?:st|nd|rd|th)?(?: of)? (?:jan|feb|mar|apr|may"
    r"|jun|jul|aug|sep|oct|nov|dec)[a-z]*|(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*"
    r" \d{1,2}(?:st|nd|rd|th)?"
    r"|\d{1,2}[./-]\d{1,2}(?:[./-]\d{2,4})?)(?:,? \d{4})?\s*$",
    r"^\s*(?:we'?ll|we will|i'?ll|i will|let'?s) (?:just )?see\b",
)
