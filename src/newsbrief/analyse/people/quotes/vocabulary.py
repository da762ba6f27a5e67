"""The words quotes are found by: reporting verbs and what may follow them, pronouns, determiners,
conjunctions, role and organisation nouns, ranks, and the regular expressions built from them."""
from __future__ import annotations

import re

_VERBS = (
    "said|says|say|told|tells|tell|added|adds|stated|states|announced|announces|warned|warns|claimed|claims|"
    "insisted|insists|confirmed|confirms|denied|denies|explained|explains|noted|notes|argued|argues|reported|"
    "wrote|writes|asked|asks|replied|replies|responded|acknowledged|acknowledges|admitted|"
    "admits|estimated|estimates|predicted|predicts|stressed|stresses|vowed|vows|boasted|complained|conceded|"
    "recalled|suggested|suggests|continued|observed|cautioned|contended|maintained|charged|alleged|testified|"
    "tweeted|concluded|believes|believed|feared|fears|agreed|agrees|countered|emphasized|emphasised|"
    "bellowed|shouted|exclaimed|quipped|whispered|yelled|joked|mused|promised|promises|assured|indicated|"
    "indicates|revealed|disclosed|conceded|remarked|commented|announced|informed|advised|reiterated|"
    "repeated|pointed out|went on|warn|report|insist|claim|argue|believe|fear|estimate|predict|suggest|agree|"
    "deny|confirm|explain|note|acknowledge|admit|saying|is quoted as saying|was quoted as saying|"
    "quoted .{1,60}? as saying")
VERB = re.compile(rf"\b(?:{_VERBS})\b")
# What may come between the verb and what was said: "said on Friday", "said in a statement", and after
# verbs that take a listener, "told AFP", "told a news conference".
_WHEN = (r"on\s+\w+|in\s+an?\s+\w+(?:\s+\w+)?|late\s+\w+|earlier|later|yesterday|today|tonight|Monday|Tuesday|"
         r"Wednesday|Thursday|Friday|Saturday|Sunday|morning|afternoon|evening|night|also|again|publicly|"
         r"repeatedly|recently")
TAIL = re.compile(rf"^(?:\s+(?:{_WHEN}))*\s*(?:,\s*)?(?:that\s+)?", re.IGNORECASE)
LISTENER_TAIL = re.compile(
    rf"^(?:\s+(?:AFP|Reuters|reporters|journalists|the\s+[A-Za-z]+(?:\s+[A-Za-z]+)?|an?\s+[a-z]+(?:\s+[a-z]+)?|"
    rf"him|her|them|us|CNN|[A-Z][a-z]+|{_WHEN}))*\s*(?:,\s*)?(?:that\s+)?")
# Verbs that also describe things ("repeated operations", "continued fighting"): speech only with "that".
THAT_VERBS = {"repeated", "continued", "maintained", "charged", "concluded", "indicated", "indicates", "observed", "recalled", "reiterated", "estimated", "estimates", "predicted", "predicts",
              "feared", "fears", "believed", "believes", "agreed", "agrees", "revealed", "disclosed", "promised",
              "promises", "assured", "advised", "informed", "stressed", "stresses", "emphasized", "emphasised"}
# Verbs that take a quote as their object: "Abadi hailed the town's "liberation in record time"".
OBJECT_VERBS = re.compile(r"\b(?:hailed|praised|described|called|dubbed|termed|branded|denounced|condemned|"
                          r"welcomed|criticised|criticized|slammed|rejected|dismissed)\b")
PERSON_NOUNS = {"premier", "minister", "president", "spokesman", "spokeswoman", "spokesperson", "commander",
                "official", "chairman", "chairwoman", "director", "chief", "head", "leader", "general", "analyst",
                "expert", "envoy", "ambassador", "governor", "mayor", "secretary", "lawyer", "attorney", "officer",
                "witness", "resident", "doctor", "professor", "researcher", "man", "woman", "pilot", "source"}
SAME_ROLE = {"premier": "prime", "pm": "prime"}
PREPOSITION = re.compile(r"\b(?:of|with|for|at|from|in|on|by|to|about|against)\b")
ORGANISATION_TAIL = re.compile(r"(?:[a-z-]+\s+)?(?:group|organi[sz]ation|agency|monitor|network|movement|party|"
                               r"company|firm)?")
# Words that tell a person's gender, for "he" and "she": titles, and -man/-woman role nouns.
FEMALE = re.compile(r"\b(?:Mrs|Ms|Miss|Madam|Madame|Lady|Dame|Queen|Princess|spokeswoman|chairwoman|"
                    r"congresswoman|businesswoman|actress|wife|mother|daughter|sister|widow)\b", re.IGNORECASE)
MALE = re.compile(r"\b(?:Mr|Sir|Lord|King|Prince|spokesman|chairman|congressman|businessman|husband|father|son|"
                  r"brother|widower)\b", re.IGNORECASE)
INDEFINITE = re.compile(r"(?:a|an|another|one|some|two|three|several|many)\s", re.IGNORECASE)
NOT_ROLES = {"general", "source", "sources", "group", "people"}
PROPER_NAME = re.compile(r"(?:[A-Z][\w'’.-]+\s?){1,4}")      # "Adadi", "Ron Nachman": a person the NER missed
LISTENER_VERBS = {"told", "tells", "tell", "asked", "asks", "informed", "assured", "reminded", "advised"}
PRONOUNS = {"he": "MALE", "she": "FEMALE", "they": "PLURAL", "it": "ORG", "i": "SELF", "we": "SELF"}
OTHER_GENDER = {"MALE": "FEMALE", "FEMALE": "MALE"}
CONJUNCTION = re.compile(r"^(?:but|and|yet|so|however|also|still|meanwhile|instead|then|although|though|while|"
                         r"because|whereas)\b[\s,]*", re.IGNORECASE)
RELATIVE = re.compile(r"\s+(?:that|which|who)$", re.IGNORECASE)
DETERMINER = re.compile(r"^(?:the|a|an|one|another|two|three|several|some|many|other|its|his|her|their)\s+",
                        re.IGNORECASE)
NOT_SPEAKER = re.compile(r"^(?:it\s+is|it\s+was|there|this|these|those|what|which|when|where|as|if|because|"
                         r"while|although|some\s+have|many\s+have)\b", re.IGNORECASE)
CLAUSE_VERB = re.compile(r"\b(?:is|was|were|are|be|been|being|has|have|had|will|would|can|could|did|does|do)\b")
ACCORDING = re.compile(r"\baccording\s+to\s+", re.IGNORECASE)
ORGANISATION_WORDS = {"group", "movement", "organization", "organisation", "company", "agency", "party", "union",
                      "firm", "ministry", "department", "commission", "council", "committee", "board", "association",
                      "observatory", "network", "government", "army", "militia", "coalition", "alliance", "bank"}
GENERIC_ORGANISATIONS = {"group", "movement", "organization", "organisation", "company", "firm", "agency",
                         "militia", "coalition", "alliance"}

_SPEECH_VERBS = _VERBS.split("|saying")[0]       # the verbs without the "quoted ... as saying" forms
PARENTHETICAL = re.compile(rf",\s+(?P<who>[^,]{{2,60}}?)\s+(?:{_SPEECH_VERBS})(?:\s+\w+day)?,\s+(?=[a-z])")
INTRODUCTORY = re.compile(r"^(?:in|on|at|after|before|since|during|despite|with|without|for|from|by|as|across|"
                          r"through|around|along|beyond|near|outside|inside|amid|among|towards?|"
                          r"while|when|although|though|if|earlier|later|meanwhile|speaking|keeping|asked|"
                          r"[a-z]+ing\b|armed|faced|backed)\b", re.IGNORECASE)
AUXILIARY = re.compile(r"(?:\s+(?:has|have|had|would|will|also|later|then|earlier|already|again|previously|"
                       r"repeatedly|often|once|recently|initially|first|publicly|privately|officially|reportedly|"
                       r"formerly|originally|finally|separately|on\s+\w+day|yesterday|today|late\s+\w+|"
                       r"in\s+a\s+statement))+$", re.IGNORECASE)
RANKS = {"general", "gen", "colonel", "col", "major", "captain", "lieutenant", "lt", "sergeant", "brigadier",
         "admiral", "marshal"}
# What a speaker phrase that names no entity must not be (speakers.plausible_speaker): words that open an
# adverbial rather than a subject ("Downstream", "Last year", "To counter"), words a fragment ends on
# ("Fergus Bordewich in"), bare quantifiers ("Many", "four"), and verbs that make it a clause of its own
# ("Opponents call the hunt butchery").
NOT_SUBJECT_OPENER = re.compile(
    r"(?:in|on|at|after|before|since|during|despite|with|without|for|from|by|as|to|of|into|about|along|"
    r"unlike|like|than|up|down|over|under|near|north|south|east|west|across|around|through|until|"
    r"last|next|now|then|today|yesterday|tomorrow|tonight|here|there|later|earlier|meanwhile|elsewhere|"
    r"downstream|upstream|nearby|instead|so|yet|thus|however|moreover|"
    r"monday|tuesday|wednesday|thursday|friday|saturday|sunday|january|february|march|april|may|june|july|"
    r"august|september|october|november|december|weeks?|months?|years?|days?|ago|it|this|that|these|those|"
    r"what|when|where|which|who|whose|while|if|because|although|though|whether|not|no|very|too|[a-z]+ing|"
    r"dressed|led|using|based|asked)$", re.IGNORECASE)
FRAGMENT_END = {"the", "a", "an", "of", "in", "on", "at", "to", "for", "from", "by", "with", "and", "or", "but",
                "not", "all", "that", "which", "who", "when", "as", "than", "its", "their", "his", "her", "may",
                "might", "must", "should", "can", "could", "would", "will", "it", "into", "about", "after", "before",
                "since", "if", "so", "only", "also", "freely", "always", "alone", "explicitly", "increasingly",
                "ago"}
QUANTIFIERS = {"many", "some", "few", "others", "other", "another", "all", "most", "several", "both", "one", "two",
               "three", "four", "five", "six", "seven", "eight", "nine", "ten", "none", "each", "either", "neither",
               "any", "more", "less", "much", "everyone", "everybody", "someone", "somebody", "nobody", "anyone",
               "the", "a", "an"}
# a reporting verb inside the phrase: the sentence was cut in the wrong place ("Vaness said police")
SPEECH_PAST = re.compile(r"\b(?:said|told|added|stated|announced|warned|insisted|confirmed|denied|explained|"
                         r"argued|acknowledged|admitted|stressed|wrote|testified|quoted)\b", re.IGNORECASE)
FINITE_VERB = re.compile(
    r"\b(?:is|was|were|are|has|have|had|will|would|can|could|did|does|do|may|might|must|should|shall|cannot|"
    r"\w+n['’]t|(?:it|that|there|what|he|she|i|we|they|you)['’](?:s|m|re|ll|d|ve)|"
    r"gave|gives|give|took|takes|found|finds|made|makes|put|puts|wants|want|went|goes|got|gets|"
    r"keeps|kept|spend|spends|spent|suspect|suspects|call|calls|turned|worked|granted|includes|include|"
    r"think|thinks|knew|knows|know|saw|sees|held|holds|left|leaves|became|becomes|seemed|seems|appears)\b",
    re.IGNORECASE)
