//! One scan for several named alternatives, then which one matched.
//!
//! A big alternation run for captures makes the regex crate replay its NFA over every match
//! (~8 µs a match for the date pattern). Instead the whole alternation is scanned with the
//! DFA only (`find_iter`), and each match is given to the alternatives in order, each anchored
//! to the match: the first that matches all of it is the one the alternation took (an earlier
//! one matching there would have won). Its own small regex gives the capture groups.

use regex::{Captures, Regex};

use crate::text::compile;

pub struct Alternatives {
    any: Regex,
    each: Vec<(&'static str, Regex)>,
}

pub struct Hit<'t> {
    pub start: usize,
    pub end: usize,
    pub name: &'static str,
    index: usize,
    text: &'t str,
}

impl Alternatives {
    /// `flags` like "(?i)" or ""; `parts` are (name, regex source) in order of preference.
    pub fn new(flags: &str, parts: &[(&'static str, String)]) -> Alternatives {
        let joined: Vec<String> = parts.iter().map(|(_, p)| format!("(?:{p})")).collect();
        Alternatives {
            any: compile(&format!(r"{flags}\b(?:{})", joined.join("|"))),
            each: parts.iter().map(|(name, p)| (*name, compile(&format!(r"{flags}^(?:{p})$")))).collect(),
        }
    }

    pub fn find_iter<'t>(&'t self, text: &'t str) -> impl Iterator<Item = Hit<'t>> + 't {
        self.any.find_iter(text).filter_map(move |m| {
            let span = m.as_str();
            let index = self.each.iter().position(|(_, re)| re.is_match(span))?;
            Some(Hit { start: m.start(), end: m.end(), name: self.each[index].0, index, text })
        })
    }

    /// The capture groups of a hit, from its own alternative.
    pub fn captures<'t>(&self, hit: &Hit<'t>) -> Option<Captures<'t>> {
        self.each[hit.index].1.captures(&hit.text[hit.start..hit.end])
    }
}
