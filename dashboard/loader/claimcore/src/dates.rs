//! Date phrases in an article, resolved against its publication date.
//!
//! Every phrase it understands ("on Saturday", "Friday, June 24", "in just the past day",
//! "since the start of the month", "in May", "last week") becomes a `DatePhrase` with the span
//! it covers. Rules, in the reader's terms:
//! - A weekday means the latest such day on or before publication.
//! - A month and day without a year take the latest such date on or before publication; with
//!   a year it is taken as written. A date that does not exist (February 30) is no phrase.
//! - "since the start of the month" runs from the 1st to the article's *report day*; "in May"
//!   has month precision (the latest May not after publication).
//! - The **report day** is the most recent day the article itself names within the week before
//!   publication (wire copy republished the next morning names "Monday" for Monday's news);
//!   with none, the publication date. A claim with no date phrase of its own is dated to it.
//! - A phrase that resolves after the publication date ("tomorrow", an explicit later date) is
//!   marked `future`: the loader keeps the claim, dates it to the report day and flags it.

use regex::Captures;

use crate::alternatives::{Alternatives, Hit};

/// A civil date as days since 1970-01-01.
pub type Day = i64;

pub fn days_from_civil(y: i64, m: u32, d: u32) -> Day {
    let y = if m <= 2 { y - 1 } else { y };
    let era = y.div_euclid(400);
    let yoe = y - era * 400;
    let mp = (m as i64 + 9) % 12;
    let doy = (153 * mp + 2) / 5 + d as i64 - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146097 + doe - 719468
}

pub fn civil_from_days(z: Day) -> (i64, u32, u32) {
    let z = z + 719468;
    let era = z.div_euclid(146097);
    let doe = z - era * 146097;
    let yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = (doy - (153 * mp + 2) / 5 + 1) as u32;
    let m = if mp < 10 { mp + 3 } else { mp - 9 } as u32;
    (if m <= 2 { yoe + era * 400 + 1 } else { yoe + era * 400 }, m, d)
}

fn days_in_month(y: i64, m: u32) -> u32 {
    match m {
        4 | 6 | 9 | 11 => 30,
        2 if (y % 4 == 0 && y % 100 != 0) || y % 400 == 0 => 29,
        2 => 28,
        _ => 31,
    }
}

/// The date, or None where it does not exist (Python's `date()` raising ValueError).
pub fn make_date(y: i64, m: u32, d: u32) -> Option<Day> {
    if (1..=9999).contains(&y) && (1..=12).contains(&m) && d >= 1 && d <= days_in_month(y, m) {
        Some(days_from_civil(y, m, d))
    } else {
        None
    }
}

/// Monday = 0, as Python's `date.weekday()`.
pub fn weekday(z: Day) -> i64 {
    (z + 3).rem_euclid(7)
}

pub fn iso(z: Day) -> String {
    let mut out = String::with_capacity(10);
    push_iso(&mut out, z);
    out
}

/// Append "YYYY-MM-DD" (years 0-9999, as every date here).
pub fn push_iso(out: &mut String, z: Day) {
    let (y, m, d) = civil_from_days(z);
    let y = y.clamp(0, 9999) as u32;
    for digit in [y / 1000, y / 100 % 10, y / 10 % 10, y % 10] {
        out.push(char::from(b'0' + digit as u8));
    }
    for (sep, n) in [('-', m), ('-', d)] {
        out.push(sep);
        out.push(char::from(b'0' + (n / 10) as u8));
        out.push(char::from(b'0' + (n % 10) as u8));
    }
}

#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum Precision {
    Day,
    Range,
    Month,
}

impl Precision {
    pub fn name(self) -> &'static str {
        match self {
            Precision::Day => "day",
            Precision::Range => "range",
            Precision::Month => "month",
        }
    }
}

#[derive(Clone, Debug)]
pub struct DatePhrase {
    pub start: usize, // byte offsets in the article
    pub end: usize,
    pub kind: &'static str,
    pub first: Day,
    pub last: Day,
    pub precision: Precision,
    pub future: bool,
}

impl DatePhrase {
    /// ISO text of the date: day, 'start/end' range, or 'YYYY-MM' month.
    pub fn label(&self) -> String {
        let mut out = String::with_capacity(21);
        push_iso(&mut out, self.first);
        match self.precision {
            Precision::Day => {}
            Precision::Month => out.truncate(7),
            Precision::Range => {
                out.push('/');
                push_iso(&mut out, self.last);
            }
        }
        out
    }

    pub fn report(day: Day) -> DatePhrase {
        DatePhrase { start: usize::MAX, end: usize::MAX, kind: "report", first: day, last: day,
                     precision: Precision::Day, future: false }
    }
}

const WEEKDAYS: [&str; 7] = ["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"];
const MONTHS: [(&str, u32); 24] = [
    ("january", 1), ("jan", 1), ("february", 2), ("feb", 2), ("march", 3), ("mar", 3), ("april", 4),
    ("apr", 4), ("may", 5), ("june", 6), ("jun", 6), ("july", 7), ("jul", 7), ("august", 8), ("aug", 8),
    ("september", 9), ("sept", 9), ("sep", 9), ("october", 10), ("oct", 10), ("november", 11),
    ("nov", 11), ("december", 12), ("dec", 12),
];
const KINDS: [&str; 11] = ["weekday", "monthday", "daymonth", "month", "pastday", "yesterday", "today",
                           "monthstart", "lastweek", "thisweek", "future"];
/// The kinds that name a single day and so may set the report day.
const DAY_KINDS: [&str; 5] = ["weekday", "monthday", "daymonth", "pastday", "yesterday"];
const REPORT_DAY_WINDOW: i64 = 7;

pub struct DateReader {
    pattern: Alternatives,
}

fn month_number(word: &str) -> Option<u32> {
    let w = word.to_lowercase();
    let w = w.trim_end_matches('.');
    MONTHS.iter().find(|(name, _)| *name == w).map(|(_, n)| *n)
}

fn latest_on_or_before(month: u32, day: u32, published: Day) -> Option<Day> {
    let (year, _, _) = civil_from_days(published);
    for y in [year, year - 1] {
        let candidate = make_date(y, month, day)?;
        if candidate <= published {
            return Some(candidate);
        }
    }
    None
}

fn explicit_day(month_word: &str, day_text: &str, year_text: Option<&str>, published: Day) -> Option<Day> {
    let month = month_number(month_word)?;
    let day: u32 = day_text.parse().ok()?;
    match year_text {
        Some(y) => make_date(y.parse().ok()?, month, day),
        None => latest_on_or_before(month, day, published),
    }
}

fn month_range(year: i64, month: u32) -> Option<(Day, Day)> {
    let first = make_date(year, month, 1)?;
    Some((first, first + days_in_month(year, month) as i64 - 1))
}

impl DateReader {
    pub fn new() -> DateReader {
        let wd = r"(?P<wd>monday|tuesday|wednesday|thursday|friday|saturday|sunday)";
        let month_word = r"january|february|march|april|may|june|july|august|september|october|november|december|jan\.|feb\.|mar\.|apr\.|jun\.|jul\.|aug\.|sept\.|sep\.|oct\.|nov\.|dec\.";
        let day = |g: &str| format!(r"(?P<{}>[0-3]?\d)(?:st|nd|rd|th)?", g);
        let year = |g: &str| format!(r"(?:,?\s+(?P<{}>(?:19|20)\d\d))?", g);
        let alternatives = [
            format!(r"(?P<weekday>(?:(?:on|last|this|since)\s+)?{wd}\b(?:,?\s+(?P<wmonth>{month_word})\s+{}{}\b)?)", day("wday"), year("wyear")),
            format!(r"(?P<monthday>(?:on\s+)?(?P<mmonth>{month_word})\s+{}\b{})", day("mday"), year("myear")),
            format!(r"(?P<daymonth>(?:on\s+)?{}\s+(?P<dmonth>{month_word})\b(?:\s+(?P<dyear>(?:19|20)\d\d))?)", day("dday")),
            format!(r"(?P<month>in\s+(?:early\s+|mid-|late\s+)?(?P<nmonth>{month_word})\b(?:\s+(?P<nyear>(?:19|20)\d\d))?)"),
            r"(?P<pastday>(?:in|over|during)\s+(?:just\s+)?the\s+(?:past|last)\s+(?:day|24\s+hours)\b)".to_string(),
            r"(?P<yesterday>yesterday\b|last\s+night\b|overnight\b)".to_string(),
            r"(?P<today>today\b|this\s+morning\b|earlier\s+in\s+the\s+day\b)".to_string(),
            r"(?P<monthstart>since\s+the\s+(?:start|beginning)\s+of\s+(?:the|this)\s+month\b)".to_string(),
            r"(?P<lastweek>last\s+week\b|(?:in|over)\s+the\s+(?:past|last)\s+week\b)".to_string(),
            r"(?P<thisweek>this\s+week\b)".to_string(),
            r"(?P<future>tomorrow\b|next\s+(?:week|month)\b)".to_string(),
        ];
        let parts: Vec<(&'static str, String)> = KINDS.iter().copied().zip(alternatives).collect();
        // lower-case patterns run on ASCII-lowered text: the automaton can then skip ahead on
        // literal prefixes, which a case-insensitive pattern defeats
        DateReader { pattern: Alternatives::new("", &parts) }
    }

    fn resolve(&self, hit: &Hit, published: Day) -> Option<DatePhrase> {
        let (kind, start, end) = (hit.name, hit.start, hit.end);
        // only the kinds with a day, month or year in them need the capture groups (the costly part)
        let needs_groups = matches!(kind, "weekday" | "monthday" | "daymonth" | "month");
        let m: Option<Captures> = if needs_groups { Some(self.pattern.captures(hit)?) } else { None };
        let g = |name: &str| m.as_ref().and_then(|m| m.name(name)).map(|x| x.as_str());
        let one_day = |d: Day| DatePhrase { start, end, kind, first: d, last: d, precision: Precision::Day,
                                            future: d > published };
        let phrase = |first: Day, last: Day, precision: Precision, future: bool| DatePhrase {
            start, end, kind, first, last, precision, future };
        match kind {
            "weekday" => {
                if let Some(month) = g("wmonth") {
                    return explicit_day(month, g("wday")?, g("wyear"), published).map(one_day);
                }
                let name = g("wd")?.to_lowercase();
                let target = WEEKDAYS.iter().position(|w| *w == name)? as i64;
                let back = (weekday(published) - target).rem_euclid(7);
                Some(one_day(published - back))
            }
            "monthday" => explicit_day(g("mmonth")?, g("mday")?, g("myear"), published).map(one_day),
            "daymonth" => explicit_day(g("dmonth")?, g("dday")?, g("dyear"), published).map(one_day),
            "month" => {
                let month = month_number(g("nmonth")?)?;
                let (py, pm, _) = civil_from_days(published);
                let year = match g("nyear") {
                    Some(y) => y.parse().ok()?,
                    None if month <= pm => py,
                    None => py - 1,
                };
                let (first, last) = month_range(year, month)?;
                Some(phrase(first, last, Precision::Month, first > published))
            }
            "pastday" | "yesterday" => Some(one_day(published - 1)),
            "today" => Some(one_day(published)),
            "lastweek" => Some(phrase(published - 7, published - 1, Precision::Range, false)),
            "thisweek" => Some(phrase(published - weekday(published), published, Precision::Range, false)),
            // the end is set to the report day once all phrases are known
            "monthstart" => {
                let (y, mo, _) = civil_from_days(published);
                Some(phrase(days_from_civil(y, mo, 1), published, Precision::Range, false))
            }
            "future" => Some(phrase(published + 1, published + 1, Precision::Day, true)),
            _ => None,
        }
    }

    /// All date phrases of an article, resolved, and the article's report day.
    pub fn find(&self, text: &str, published: Day) -> (Vec<DatePhrase>, Day) {
        self.find_in_lowered(&text.to_ascii_lowercase(), published)
    }

    /// As `find`, given the article ASCII-lowered (offsets are the same as the article's).
    pub fn find_in_lowered(&self, lowered: &str, published: Day) -> (Vec<DatePhrase>, Day) {
        let mut phrases: Vec<DatePhrase> =
            self.pattern.find_iter(lowered).filter_map(|hit| self.resolve(&hit, published)).collect();
        let day = report_day(&phrases, published);
        let (y, m, _) = civil_from_days(day);
        for p in phrases.iter_mut().filter(|p| p.kind == "monthstart") {
            p.first = days_from_civil(y, m, 1);
            p.last = day;
        }
        (phrases, day)
    }
}

/// The most recent day the article names within the week before publication, else publication.
pub fn report_day(phrases: &[DatePhrase], published: Day) -> Day {
    phrases
        .iter()
        .filter(|p| DAY_KINDS.contains(&p.kind) && published - REPORT_DAY_WINDOW <= p.first && p.first <= published)
        .map(|p| p.first)
        .max()
        .unwrap_or(published)
}
