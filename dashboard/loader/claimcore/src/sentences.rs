//! Sentence spans, with abbreviations ("Gen.", "U.S.", "Sept.") kept whole.

use crate::text::{is_py_space, py_strip};

const ABBREVIATIONS: [&str; 27] = ["mr", "mrs", "ms", "dr", "gen", "lt", "col", "sgt", "st", "u.s", "u.k", "jan",
                                   "feb", "aug", "sept", "sep", "oct", "nov", "dec", "no", "vs", "approx", "maj",
                                   "capt", "gov", "sen", "rep"];

/// Finds sentence breaks: closing quotes and space after [.!?] before a capital or digit (maybe
/// after an opening quote), or a run of newlines. Scanned by hand: it is the same as the regex
/// `[.!?]["”’')\]]*\s+["“‘(\[]?[A-Z0-9]|\n+` (the unit test below checks), as a plain loop
/// over the bytes: this runs over every byte of every article.
pub struct SentenceSplitter;

/// A break (start, end) and where to go on scanning, for a [.!?] just before byte `i`.
fn break_after_stop(text: &str, i: usize) -> Option<(usize, usize, usize)> {
    let rest = &text[i..];
    let closing: usize = rest.chars().take_while(|c| "\"”’')]".contains(*c)).map(char::len_utf8).sum();
    let space: usize = rest[closing..].chars().take_while(|c| c.is_whitespace()).map(char::len_utf8).sum();
    if space == 0 {
        return None;
    }
    let mut k = closing + space;
    if let Some(c) = rest[k..].chars().next().filter(|c| "\"“‘([".contains(*c)) {
        k += c.len_utf8();
    }
    match rest.as_bytes().get(k) {
        Some(b) if b.is_ascii_uppercase() || b.is_ascii_digit() => Some((i, i + closing + space, i + k + 1)),
        _ => None,
    }
}

/// One sentence: byte offsets in the article, surrounding space stripped.
#[derive(Clone, Copy)]
pub struct Sentence {
    pub start: usize,
    pub end: usize,
}

impl SentenceSplitter {
    pub fn new() -> SentenceSplitter {
        SentenceSplitter
    }

    /// Each break as (start, end): the whitespace after a sentence's stop, or newlines.
    pub fn breaks(&self, text: &str) -> Vec<(usize, usize)> {
        let b = text.as_bytes();
        let mut breaks = Vec::new();
        let mut at = 0;
        // jump from one [.!?] or newline to the next (memchr's vectorised search)
        let mut next_newline = memchr::memchr(b'\n', b).unwrap_or(b.len());
        while let Some(stop) = memchr::memchr3(b'.', b'!', b'?', &b[at..next_newline]).map(|i| at + i)
            .or((next_newline < b.len()).then(|| next_newline)) {
            let found = if b[stop] == b'\n' {
                let end = stop + b[stop..].iter().take_while(|&&x| x == b'\n').count();
                Some((stop, end, end))
            } else {
                break_after_stop(text, stop + 1)
            };
            at = match found {
                Some((start, end, resume)) => {
                    breaks.push((start, end));
                    resume
                }
                None => stop + 1,
            };
            if next_newline < at {
                next_newline = memchr::memchr(b'\n', &b[at..]).map_or(b.len(), |i| at + i);
            }
        }
        breaks
    }

    /// Raw spans (start, end) between breaks, a break after an abbreviation ("Gen.") not counted.
    pub fn spans(&self, text: &str) -> Vec<(usize, usize)> {
        let mut spans = Vec::new();
        let mut start = 0;
        for (brk_start, brk_end) in self.breaks(text) {
            let piece = &text[start..brk_start];
            let before = piece.trim_end_matches(|c| ".!?\"”’')] ".contains(c));
            let last_word = before.rsplit(is_py_space).find(|w| !w.is_empty()).unwrap_or("");
            // the longest abbreviation is six letters: longer words need no lower-cased copy
            let abbreviation = last_word.len() <= 8 && !before.trim_matches(is_py_space).is_empty()
                && ABBREVIATIONS.contains(&last_word.to_lowercase().trim_end_matches('.'));
            if !text[brk_start..brk_end].contains('\n') && abbreviation {
                continue;
            }
            if !py_strip(piece).is_empty() {
                spans.push((start, brk_start));
            }
            start = brk_end;
        }
        if !py_strip(&text[start..]).is_empty() {
            spans.push((start, text.len()));
        }
        spans
    }

    /// The spans with the space around each sentence stripped.
    pub fn strip(&self, text: &str, spans: &[(usize, usize)]) -> Vec<Sentence> {
        spans.iter().map(|&(s, e)| {
            let raw = &text[s..e];
            let lead = raw.len() - raw.trim_start_matches(is_py_space).len();
            let kept = raw.trim_end_matches(is_py_space).len();
            Sentence { start: s + lead, end: s + kept.max(lead) }
        }).collect()
    }
}

#[cfg(test)]
mod tests {
    use super::SentenceSplitter;
    use regex::Regex;

    #[test]
    fn breaks_are_the_regex_matches() {
        let re = Regex::new(r#"[.!?]["”’')\]]*\s+["“‘(\[]?[A-Z0-9]|\n+"#).unwrap();
        let samples = [
            "One. Two! Three? \"Four.\" Five.\n\nSix.  (Seven) eight. 9 nine.’ “Ten”.\u{a0}Eleven",
            "Gen. Ivanov said. U.S. officials. Sept. 10. a. b.\n\n\nC.\tD.\u{2009}E .F ..G ?!H",
            "", ".", "\n", "A.\n", "x.” ’ Y", "x.)] [Z", "x. “‘Y", "x.  \n  \"Y",
        ];
        for s in samples {
            let mut want = Vec::new();
            for m in re.find_iter(s) {
                if m.as_str().starts_with('\n') {
                    want.push((m.start(), m.end()));
                } else {
                    let before_capital = &s[..m.end() - 1];
                    let quote = before_capital.chars().next_back().filter(|c| "\"“‘([".contains(*c)).map_or(0, char::len_utf8);
                    want.push((m.start() + 1, m.end() - 1 - quote));
                }
            }
            assert_eq!(SentenceSplitter::new().breaks(s), want, "on {s:?}");
        }
    }
}
