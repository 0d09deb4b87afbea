//! Quantities in claims: areas (km², square miles converted) and counts of settlements.
//!
//! Numbers are read either way they are written: "6.000" and "6,000" are six thousand (a
//! separator followed by exactly three digits groups thousands), "2.5" is two and a half,
//! "more than 20" is 20, and small numbers may be words ("twelve villages").

use regex::{Captures, Regex};

use crate::text::compile;

pub const SQ_MILE_KM2: f64 = 2.589988110336;

const WORD_NUMBERS: [(&str, f64); 21] = [
    ("one", 1.0), ("two", 2.0), ("three", 3.0), ("four", 4.0), ("five", 5.0), ("six", 6.0), ("seven", 7.0),
    ("eight", 8.0), ("nine", 9.0), ("ten", 10.0), ("eleven", 11.0), ("twelve", 12.0), ("fifteen", 15.0),
    ("twenty", 20.0), ("thirty", 30.0), ("forty", 40.0), ("fifty", 50.0), ("a dozen", 12.0),
    ("a hundred", 100.0), ("dozens of", 24.0), ("hundreds of", 200.0),
];
const AREA_HINTS: [&str; 3] = ["sq", "km", "mile"];
const SETTLEMENT_HINTS: [&str; 6] = ["villages", "towns", "settlements", "localities", "communities", "hamlets"];

pub struct Quantity {
    pub start: usize,
    pub end: usize,
    pub value: f64,
}

pub struct QuantityReader {
    area: Regex,
    settlements: Regex,
    square_miles: Regex,
    grouped: Regex,
    grouped_decimal: Regex,
}

impl QuantityReader {
    pub fn new() -> QuantityReader {
        let mut words: Vec<&str> = WORD_NUMBERS.iter().map(|(w, _)| *w).collect();
        words.sort_by_key(|w| std::cmp::Reverse(w.len()));
        let number = format!(
            r"(?P<num>\d{{1,3}}(?:[.,]\d{{3}})+(?:[.,]\d+)?|\d+(?:\.\d+)?)(?:\s*(?P<mult>thousand|million))?|(?P<word>{})",
            words.join("|"));
        let km2 = r"(?:square\s+kilomet(?:er|re)s?|sq\.?\s*km|km2|km²|square\s+km)";
        let mi2 = r"(?:square\s+miles?|sq\.?\s*mi(?:les?)?)";
        let settlements = r"(?:towns\s+and\s+villages|villages\s+and\s+towns|villages|towns|settlements|localities|communities|hamlets|cities\s+and\s+villages)";
        let re = |s: String| compile(&s);
        QuantityReader {
            area: re(format!(r"(?i)(?:{number})\s*(?P<unit>{km2}|{mi2})")),
            settlements: re(format!(r"(?i)(?:{number})\s+(?:more\s+|other\s+)?{settlements}\b")),
            square_miles: re(format!(r"(?i)^{mi2}$")),
            grouped: re(r"^\d{1,3}(?:[.,]\d{3})+$".to_string()),
            grouped_decimal: re(r"^(\d{1,3}(?:[.,]\d{3})+)[.,](\d+)$".to_string()),
        }
    }

    fn number(&self, m: &Captures) -> Option<f64> {
        if let Some(word) = m.name("word") {
            let w = word.as_str().to_lowercase();
            return WORD_NUMBERS.iter().find(|(x, _)| *x == w).map(|(_, v)| *v);
        }
        let num = m.name("num")?.as_str();
        let value: f64 = if self.grouped.is_match(num) {
            num.replace(['.', ','], "").parse().ok()?
        } else if let Some(c) = self.grouped_decimal.captures(num) {
            format!("{}.{}", c[1].replace(['.', ','], ""), &c[2]).parse().ok()?
        } else {
            num.parse().ok()?
        };
        let mult = match m.name("mult").map(|x| x.as_str().to_lowercase()) {
            Some(ref x) if x == "thousand" => 1e3,
            Some(ref x) if x == "million" => 1e6,
            _ => 1.0,
        };
        Some(value * mult)
    }

    /// Areas in km² (a cheap substring check of the ASCII-lowered text first: most sentences have none).
    pub fn areas(&self, text: &str, lowered: &str) -> Vec<Quantity> {
        if !AREA_HINTS.iter().any(|h| lowered.contains(h)) {
            return Vec::new();
        }
        self.area.captures_iter(text).filter_map(|m| {
            let mut value = self.number(&m)?;
            if self.square_miles.is_match(m.name("unit")?.as_str()) {
                value *= SQ_MILE_KM2;
            }
            let whole = m.get(0)?;
            Some(Quantity { start: whole.start(), end: whole.end(), value: round1(value) })
        }).collect()
    }

    pub fn settlements(&self, text: &str, lowered: &str) -> Vec<Quantity> {
        if !SETTLEMENT_HINTS.iter().any(|h| lowered.contains(h)) {
            return Vec::new();
        }
        self.settlements.captures_iter(text).filter_map(|m| {
            let whole = m.get(0)?;
            Some(Quantity { start: whole.start(), end: whole.end(), value: self.number(&m)?.trunc() })
        }).collect()
    }
}

/// Python's round(value, 1): correctly rounded through the decimal text.
fn round1(value: f64) -> f64 {
    format!("{:.1}", value).parse().unwrap_or(value)
}
