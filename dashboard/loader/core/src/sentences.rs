//! Sentence spans, with abbreviations ("Gen.", "U.S.", "Sept.") kept whole.

use regex::Regex;

use crate::text::{is_py_space, py_strip};

const ABBREVIATIONS: [&str; 27] = ["mr", "mrs", "ms", "dr", "gen", "lt", "col", "sgt", "st", "u.s", "u.k", "jan",
                                   "feb", "aug", "sept", "sep", "oct", "nov", "dec", "no", "vs", "approx", "maj",
                                   "capt", "gov", "sen", "rep"];

pub struct SentenceSplitter {
    /// A break: closing quotes and space after [.!?] before a capital or digit, or newlines.
    /// The break itself is the match less the [.!?] before it and the opening quote and capital
    /// after it (Python's pattern has them in a look-behind and a look-ahead).
    pattern: Regex,
}

/// One sentence: byte offsets in the article, surrounding space stripped.
#[derive(Clone, Copy)]
pub struct Sentence {
    pub start: usize,
    pub end: usize,
}

impl SentenceSplitter {
    pub fn new() -> SentenceSplitter {
        SentenceSplitter {
            pattern: Regex::new(r#"[.!?]["”’')\]]*\s+["“‘(\[]?[A-Z0-9]|\n+"#).expect("sentence pattern"),
        }
    }

    /// Raw spans (start, end) between breaks, as `claims.split_sentences` gave them.
    pub fn spans(&self, text: &str) -> Vec<(usize, usize)> {
        let mut spans = Vec::new();
        let mut start = 0;
        for m in self.pattern.find_iter(text) {
            let (brk_start, brk_end) = if m.as_str().starts_with('\n') {
                (m.start(), m.end())
            } else {
                // the [.!?] is one byte; the capital or digit is one byte, maybe after an opening quote
                let before_capital = &text[..m.end() - 1];
                let quote = before_capital.chars().next_back().filter(|c| "\"“‘([".contains(*c)).map_or(0, char::len_utf8);
                (m.start() + 1, m.end() - 1 - quote)
            };
            let piece = &text[start..brk_start];
            let before = piece.trim_end_matches(|c| ".!?\"”’')] ".contains(c));
            let last_word = before.rsplit(is_py_space).find(|w| !w.is_empty()).unwrap_or("").to_lowercase();
            let last_word = last_word.trim_end_matches('.');
            let abbreviation = !before.trim_matches(is_py_space).is_empty() && ABBREVIATIONS.contains(&last_word);
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
