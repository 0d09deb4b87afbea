"""Lower-case text without moving any character offset (the rules scan lower-cased text, case-sensitively)."""


def lower_keep_offsets(text: str) -> str:
    lowered = text.lower()
    if len(lowered) == len(text):
        return lowered
    # a few Unicode letters ("İ") grow when lowered: keep those as they are
    return "".join(c.lower() if len(c.lower()) == 1 else c for c in text)
