"""The map's visual encoding as data: colours, marker shapes, and the WCAG contrast arithmetic. No Dash, no I/O.

Meaning never rests on colour alone: the side of a claim is a colour *and* a
word (hover, legend, table), its action a marker shape, a doubt a hollow
marker, an oblast's net change a colour *and* a signed number (hover, colour
bar ticks, the text view). The colours were chosen to stay apart under the
common colour-vision deficiencies; ``tests/test_palette.py`` checks that
with a simulation (protanopia, deuteranopia, tritanopia) and checks every
text colour of the map against its background (WCAG 2.1: 4.5:1 for text,
3:1 for the markers as graphical objects).
"""

from __future__ import annotations

from dashboard.vocabulary import ACTION_SYMBOLS, ACTOR_COLOURS

# the actors' colours and the actions' marker symbols are in their vocabulary records (dashboard/vocabulary.py)
ACTOR_COLOURS = dict(ACTOR_COLOURS)
ACTION_SYMBOLS = dict(ACTION_SYMBOLS)
# pale ends, so the actors' strong marker colours stand out on a coloured oblast
SCALE_RUSSIA, SCALE_NEUTRAL, SCALE_UKRAINE = "#ec9a9a", "#f5f5f4", "#8fb0f0"
COLOURSCALE = [[0.0, SCALE_RUSSIA], [0.5, SCALE_NEUTRAL], [1.0, SCALE_UKRAINE]]

INK = "#1c1917"  # text of the map: title, legend, colour bar, hover labels
MUTED = "#57534e"  # secondary text (credits) and the legend's grey shapes
PAPER = "#ffffff"  # the figure's background
CLUSTER_TEXT = "#ffffff"  # a cluster's number, on its filled circle of a side's colour (assets/map_clusters.js)
LEGEND_BACKGROUND = "rgba(255,255,255,0.7)"
LAND, OCEAN, BORDERS = "#e7e5e4", "#dbeafe", "#a8a29e"
OBLAST_OUTLINE = "#1c1917"
HIGHLIGHT_RING = "#facc15"


def rgba(colour: str) -> tuple[float, float, float, float]:
    """'#1d4ed8' or 'rgba(255,255,255,0.7)' -> (r, g, b, alpha) with channels 0-255."""
    colour = colour.strip().lower()
    if colour.startswith("#") and len(colour) == 7:
        return (int(colour[1:3], 16), int(colour[3:5], 16), int(colour[5:7], 16), 1.0)
    if colour.startswith(("rgba(", "rgb(")):
        parts = [float(p) for p in colour[colour.index("(") + 1 : -1].split(",")]
        return (parts[0], parts[1], parts[2], parts[3] if len(parts) == 4 else 1.0)
    raise ValueError(f"not a colour this module reads: {colour!r}")


def over(colour: str, background: str) -> tuple[float, float, float]:
    """The opaque colour seen when ``colour`` (maybe translucent) lies on the opaque ``background``."""
    r, g, b, a = rgba(colour)
    br, bg, bb, _ = rgba(background)
    return (r * a + br * (1 - a), g * a + bg * (1 - a), b * a + bb * (1 - a))


def relative_luminance(rgb: tuple[float, float, float]) -> float:
    """WCAG 2.1 relative luminance of an sRGB colour with channels 0-255."""

    def linear(channel: float) -> float:
        c = channel / 255
        return c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4

    r, g, b = (linear(c) for c in rgb)
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def contrast_ratio(foreground: str, background: str, behind: str = PAPER) -> float:
    """WCAG contrast ratio of two colours; translucent ones are first laid on ``behind`` (1.0 to 21.0)."""
    back = over(background, behind)
    fore = over(foreground, "#{:02x}{:02x}{:02x}".format(*(round(c) for c in back)))
    lighter, darker = sorted((relative_luminance(fore), relative_luminance(back)), reverse=True)
    return (lighter + 0.05) / (darker + 0.05)


# the dashed outline of Russia's border regions (drawn apart from Ukraine's oblasts)
BORDER_REGIONS = "#7f1d1d"
