//! Find territorial claims in an article's sentences.
//!
//! A claim is a sentence (or one clause of it) where an action word of the vocabulary
//! (`captured`, `withdrew`, `repelled`, `advanced`, `struck`) meets a side (UA or RU) and a
//! place, an area or a count of settlements. For each claim this module says who, did what,
//! where (as written), how much, when (the date phrase nearest the action word), said by whom,
//! whether the text says it could not be confirmed, and whether it is hedged.
//!
//! How it reads, in short:
//! - Action words are found with one scan over the whole text, so sentences without one cost
//!   almost nothing; only their sentences are read closely.
//! - Forecasts and background are not events: an action word after a modal ("will", "would",
//!   "could"), an infinitive ("to completely seize"), a negation, or inside a leading
//!   "Since ..." clause is skipped.
//! - The actor is the side named by a passive "by ..." agent, else the nearest side named
//!   before the action word ("Russian troops have left", "its troops" after "Ukraine's general
//!   staff"), else for "repelled" the side opposite the attacker, else a side named after it or
//!   in the sentence before (for "They"). "Ukraine lost X" is a capture by the other side.
//! - Places are capitalised names the gazetteer knows, or unknown names that the text
//!   introduces as settlements ("the village of Olhine", "Bakhmut and Maiorsk"). Names used as
//!   locators ("north of Kharkiv", "near the town of Horlivka", "a town in Donetsk") or regions
//!   ("Luhansk province", "Poltava and Sumy regions") are kept as context hints, not targets.
//!
//! Nothing here resolves coordinates (that is `events.rs`); it only asks the gazetteer whether
//! a name is a known place.

use std::borrow::Cow;
use std::rc::Rc;

use regex::Regex;

use crate::alternatives::Alternatives;
use crate::attribution::Attribution;
use crate::dates::DatePhrase;
use crate::gazetteer::{name_key, name_key_into, FastMap, Gazetteer};
use crate::names::capitalised_runs;
use crate::quantities::{Quantity, QuantityReader};
use crate::sentences::{Sentence, SentenceSplitter};
use crate::text::{back, char_len, compile as re, fwd, within};

const TRIGGERS: [(&str, &str); 6] = [
    ("captured", r"re-?captured|captured|recaptured|retook|retaken|re-?took|took\s+(?:back|control\s+of)|taken\s+(?:back|control\s+of)|took|taken|seized|entered|occupied|liberated|regained|reclaimed|won\s+back|gained\s+control\s+of"),
    ("withdrew", r"withdrew|withdrawn|pulled\s+(?:out|back)|retreated|abandoned|left|ordered\s+to\s+(?:withdraw|retreat|leave|pull\s+(?:out|back)|move\s+elsewhere)|ordered\s+(?:(?:its|their|the)\s+)?withdrawal"),
    ("repelled", r"repelled|repulsed|fended\s+off|beat\s+back|beaten\s+back|held\s+off|thwarted|foiled"),
    ("struck", r"struck|strikes|shelled|shelling|shells|bombarded|bombed|missiles?|rockets?|artillery|drones?|air\s*strikes?|air\s+raids?"),
    ("advanced", r"advanced|gained|made\s+gains|pushed\s+forward"),
    // "Ukraine lost Mariupol": the place was captured by the other side
    ("lost", r"lost(?:\s+control\s+of)?|losing(?:\s+control\s+of)?"),
];
const STRIKE_NOUNS: &str = r"strikes|shelling|shells|missiles?|rockets?|artillery|drones?|air\s*strikes?|air\s+raids?";
const UA_WORDS: &str = r"Ukrainian|Ukraine(?:'s|’s)?|Kyiv(?:'s|’s)?|Kiev(?:'s|’s)?|Zelensk[iy]{1,2}(?:'s|’s)?";
const RU_WORDS: &str = r"Russian|Russia(?:'s|’s)?|Moscow(?:'s|’s)?|Kremlin(?:'s|’s)?|Putin(?:'s|’s)?|separatists?|Wagner|Chechen|(?:Luhansk|Donetsk)\s+People(?:'s|’s)\s+Republic|LPR|DPR";
const CITY_SIDES: &[&str] = &["kyiv", "kiev"];
const TITLES: &[&str] = &["President", "Governor", "General", "Gen.", "Mayor", "Minister", "Mr", "Mrs", "Ms", "Dr",
                            "Colonel", "Commander", "Spokesman", "Spokeswoman", "Prime", "Deputy", "Adviser", "Head",
                            "Chief"];
/// Place names run to a few words ("Velyka Oleksandrivka", "Vuhlehirska TES").
const LONGEST_NAME_WORDS: usize = 4;
const REGION_WORDS: &[&str] = &["Oblast", "Region", "Province", "River", "Reservoir"];

pub struct PlacePhrase<'a> {
    pub name: Cow<'a, str>, // as written (words joined by one space)
    pub start: usize, // byte offset in the article
    pub known: bool,
}

pub struct Claim<'a> {
    pub actor: &'static str,
    pub action: &'static str,
    pub places: Vec<PlacePhrase<'a>>,
    pub area_km2: Option<f64>,
    pub settlements: Option<f64>,
    pub region: Option<(&'a str, &'a str)>, // (ISO code, words) of a region named as the claim's place
    pub hints: Rc<[&'a str]>,               // ISO codes the sentence points to (shared by its claims)
    pub attribution: Option<String>,
    pub confirmed: &'static str,
    pub hedged: bool,
    pub date: Option<usize>, // index into the article's date phrases
    pub sentence: Sentence,
}

pub struct ArticleReading<'a> {
    pub claims: Vec<Claim<'a>>,
    pub region_mentions: Vec<(usize, &'a str)>, // (byte offset, ISO code), in article order
}

struct Trigger {
    pos: usize, // byte offsets in the sentence
    end: usize,
    action: &'static str,
}

struct Side {
    start: usize,
    end: usize,
    side: &'static str,
}

fn other_side(actor: &'static str) -> &'static str {
    if actor == "UA" { "RU" } else { "UA" }
}

pub struct ClaimFinder {
    splitter: SentenceSplitter,
    quantities: QuantityReader,
    attribution: Attribution,
    trigger: Alternatives,
    strike_noun: Regex,
    side: Alternatives,
    side_anywhere: Regex,
    place_preposition: Regex,
    hedge: Regex,
    unconfirmed: Regex,
    irrealis: Regex,
    passive_gap: Regex,
    pronoun_start: Regex,
    agent: Regex,
    strike_gap: Regex,
    against_before: Regex,
    from_before: Regex,
    region_after: Regex,
    not_place_after: Regex,
    locator_before: Regex,
    settlement_before: Regex,
    object_gap: Regex,
    and_before: Regex,
    region_mention: Regex,
}


impl ClaimFinder {
    pub fn new() -> ClaimFinder {
        let triggers: Vec<(&'static str, String)> =
            TRIGGERS.iter().map(|(action, words)| (*action, format!(r"(?:{words})\b"))).collect();
        let sides: Vec<(&'static str, String)> =
            vec![("UA", format!(r"(?:{UA_WORDS})\b")), ("RU", format!(r"(?:{RU_WORDS})\b"))];
        ClaimFinder {
            splitter: SentenceSplitter::new(),
            quantities: QuantityReader::new(),
            attribution: Attribution::new(),
            trigger: Alternatives::new("", &triggers), // lower-case words, run on the lowered text
            strike_noun: re(&format!(r"(?i)^(?:{STRIKE_NOUNS})$")),
            side: Alternatives::new("", &sides),
            side_anywhere: re(&format!(r"\b(?:{UA_WORDS}|{RU_WORDS})\b")),
            // "Kyiv" after a preposition is the city, not the government
            place_preposition: re(r"(?i)(?:\b(?:in|from|of|near|to|around|at|outside|towards?|on|capital|into|over)\s+(?:the\s+)?)$"),
            hedge: re(r"\b(?:may|might|reportedly|allegedly|apparently|purportedly|appears?\s+to|(?:is|are|was|were)\s+said\s+to|claimed\s+to)\b"),
            unconfirmed: re(r"(?i)\b(?:could\s+not|cannot|can\s*not|can't|couldn't|unable\s+to|was\s+not|were\s+not|has\s+not\s+been|have\s+not\s+been|not)\s+(?:be\s+)?(?:been\s+)?(?:independently\s+)?(?:confirm|verif)\w*|\bunconfirmed\b|\bunverified\b"),
            irrealis: re(r"(?i)(?:\b(?:will|would|could|shall|cannot|can't|won't|not|never|if|unless|no\s+longer)\s+(?:\w+\s+){0,3}|\bto\s+(?:\w+ly\s+)?|\b(?:the|newly|Russian-|Ukrainian-)\s*|-)$"),
            passive_gap: re(r"(?i)\b(?:was|were|is|are|been|being|which|that)\b"),
            pronoun_start: re(r"^(?:They|It|He|She|Its|Their)\b"),
            agent: re(r"^\s+(?:[\w-]+\s+){0,4}?by\s+(?:the\s+)?"),
            strike_gap: re(r"^[\s-]*(?:[\w-]+\s+)?$"),
            against_before: re(r"\b(?:against|with)\s+(?:the\s+)?$"),
            from_before: re(r"\b(?:from|against|with|of)\s+(?:the\s+)?$"),
            region_after: re(r"^(?:'s|’s)?\s+(?:region|province|oblast|Oblast|territory)\b|^\s+and\s+(?:the\s+)?[A-Z][\w'’-]+\s+(?:regions|provinces|oblasts)\b|^\s+(?:regions|provinces|oblasts)\b"),
            // Python's pattern ends "(?:'s|’s)\s+(?!territory)": the look-ahead is checked by hand
            not_place_after: re(r"^(?:\s+(?:River|river|People|Sea|Reservoir|Oblast\s+administration)\b|(?:'s|’s)\s+)"),
            locator_before: re(r"(?i)(?:\b(?:north|south|east|west|northeast|northwest|southeast|southwest)(?:ern)?\s+of\s+(?:the\s+)?|\b(?:a|the)\s+(?:\w+\s+){0,2}(?:town|city|village|region)\s+in\s+(?:the\s+)?|\bnear\s+the\s+(?:[\w-]+\s+){0,3}(?:town|city|village)\s+of\s+)$"),
            settlement_before: re(r"(?i)\b(?:towns?|villages?|city|cities|settlements?|hamlets?|strongholds?)\s+(?:of\s+)?$"),
            object_gap: re(r"^\s+(?:(?:out\s+)?of\s+|from\s+|near\s+|in\s+)?(?:the\s+)?$"),
            and_before: re(r"(?:,|\s+and|\s+or)\s+$"),
            region_mention: re(r"\b[A-Z][\w'’-]+(?:'s|’s)?\s+(?:region|province|oblast|Oblast|territory)\b"),
        }
    }

    pub fn splitter(&self) -> &SentenceSplitter {
        &self.splitter
    }

    pub fn quantities(&self) -> &QuantityReader {
        &self.quantities
    }

    /// The text says the claim could not be confirmed or verified (cheap check first).
    /// `lowered`: the same text ASCII-lowered.
    pub fn says_unconfirmed(&self, text: &str, lowered: &str) -> bool {
        (lowered.contains("confirm") || lowered.contains("verif")) && self.unconfirmed.is_match(text)
    }

    /// Claims of an article; `lowered` is the article ASCII-lowered (same offsets).
    pub fn read<'a>(&self, text: &'a str, lowered: &str, dates: &[DatePhrase], g: &'a Gazetteer) -> ArticleReading<'a> {
        let spans = self.splitter.spans(text);
        let sentences = self.splitter.strip(text, &spans);
        let mut by_sentence: FastMap<usize, Vec<(usize, usize, &'static str)>> = FastMap::default();
        for m in self.trigger.find_iter(lowered) {
            let index = spans.partition_point(|(s, _)| *s <= m.start);
            if index > 0 && m.start < spans[index - 1].1 {
                by_sentence.entry(index - 1).or_default().push((m.start, m.end, m.name));
            }
        }
        let region_mentions = self.region_mentions(text, g);
        let mut indices: Vec<usize> = by_sentence.keys().copied().collect();
        indices.sort_unstable();
        let mut claims = Vec::new();
        for index in indices {
            let sentence = sentences[index];
            let previous = if index > 0 { Some(sentences[index - 1]) } else { None };
            let follows_unconfirmed = index + 1 < sentences.len()
                && !by_sentence.contains_key(&(index + 1))
                && self.says_unconfirmed(&text[sentences[index + 1].start..sentences[index + 1].end],
                                         &lowered[sentences[index + 1].start..sentences[index + 1].end]);
            claims.extend(self.read_sentence(text, lowered, sentence, previous, &by_sentence[&index], dates,
                                             follows_unconfirmed, g));
        }
        ArticleReading { claims, region_mentions }
    }

    #[allow(clippy::too_many_arguments)]
    fn read_sentence<'a>(&self, article: &'a str, article_lowered: &str, s: Sentence, previous: Option<Sentence>,
                         triggers: &[(usize, usize, &'static str)], dates: &[DatePhrase], follows_unconfirmed: bool,
                         g: &'a Gazetteer) -> Vec<Claim<'a>> {
        let text = &article[s.start..s.end];
        let lowered = &article_lowered[s.start..s.end];
        let live: Vec<Trigger> = triggers.iter()
            .map(|&(start, end, action)| Trigger { pos: start - s.start, end: end.min(s.end) - s.start, action })
            .filter(|t| !self.is_irrealis(text, t.pos) && !is_background(text, t.pos))
            .collect();
        if live.is_empty() {
            return Vec::new();
        }
        let ends: Vec<usize> = live.iter().map(|t| t.end).collect();
        let (places, hints, regions) = self.places(text, s.start, &ends, g);
        let areas = self.quantities.areas(text, lowered);
        let counts = self.quantities.settlements(text, lowered);
        // read only once a claim needs them: many sentences with an action word yield none
        let mut sides: Option<Vec<Side>> = None;
        let mut previous_side: Option<Option<&'static str>> = None;
        let mut attribution: Option<Option<String>> = None;
        let mut confirmed = None;
        let mut hedged = None;
        // everything below is found by binary search where it could grow with the sentence: a
        // degenerate "sentence" of megabytes must not take quadratic time
        let sentence_dates = dates.partition_point(|d| d.start < s.start)..dates.partition_point(|d| d.start < s.end);
        let hints: Rc<[&'a str]> = distinct(hints).into();

        // Each place, quantity and region goes to the nearest action word before it. A place before
        // every action word belongs to the first one only in a passive or relative clause ("Kherson
        // was retaken", "Lyman, which Ukraine liberated"); otherwise it is the subject of something else.
        let owner = |pos: usize| -> Option<usize> {
            match live.partition_point(|t| t.pos <= pos) {
                0 if self.passive_gap.is_match(&text[pos..live[0].pos]) => Some(0),
                0 => None,
                after => Some(after - 1),
            }
        };
        let mut assigned: FastMap<usize, Vec<&PlacePhrase>> = FastMap::default();
        for place in &places {
            if let Some(i) = owner(place.start - s.start) {
                assigned.entry(i).or_default().push(place);
            }
        }
        let mut claims = Vec::new();
        for (i, t) in live.iter().enumerate() {
            let mut own_places: Vec<&PlacePhrase> = assigned.get(&i).cloned().unwrap_or_default();
            // the first quantity within 40 characters after the action word, no comma between
            let close = |found: &[Quantity]| found[found.partition_point(|q| q.start < t.end)..].iter()
                .take_while(|q| q.start - t.end <= 160)
                .find(|q| within(text, t.end, q.start, 40) && !text[t.end..q.start].contains(','))
                .map(|q| q.value);
            let (area, count) = (close(&areas), close(&counts));
            let mut region = if own_places.is_empty() {
                regions[regions.partition_point(|r| r.0 <= t.end)..].iter()
                    .take_while(|(st, _, _)| owner(*st).map_or(true, |o| o <= i))
                    .find(|(st, _, _)| owner(*st) == Some(i)).map(|&(_, iso, w)| (iso, w))
            } else {
                None
            };
            let mut action = t.action;
            if action == "advanced" || (action == "captured" && own_places.is_empty() && (area.is_some() || count.is_some())) {
                if area.is_none() && count.is_none() {
                    continue;
                }
                action = "advanced";
                own_places.clear();
                region = None;
            } else if own_places.is_empty() && region.is_none() {
                continue;
            }
            let sides = sides.get_or_insert_with(|| self.sides(text));
            let previous_side = || {
                *previous_side.get_or_insert_with(|| previous.and_then(|p| self.sides(&article[p.start..p.end]).last().map(|x| x.side)))
            };
            let mut actor = match self.actor(text, t, action, sides, previous_side) {
                Some(a) => a,
                None => continue,
            };
            if action == "lost" {
                action = "captured";
                actor = other_side(actor);
            }
            // the date phrase nearest the action word (the earlier one on a tie)
            let here = s.start + t.pos;
            let next = dates.partition_point(|d| d.start < here).clamp(sentence_dates.start, sentence_dates.end);
            let date = [next.checked_sub(1).filter(|&d| d >= sentence_dates.start), Some(next).filter(|&d| d < sentence_dates.end)]
                .into_iter().flatten().min_by_key(|&d| (dates[d].start as i64 - here as i64).abs());
            claims.push(Claim {
                actor,
                action,
                places: own_places.iter().map(|p| PlacePhrase { name: p.name.clone(), start: p.start, known: p.known }).collect(),
                area_km2: if action == "advanced" { area } else { None },
                settlements: if action == "advanced" { count } else { None },
                region,
                hints: hints.clone(),
                attribution: attribution.get_or_insert_with(|| self.attribution.of(text).or_else(|| match previous {
                    Some(p) if self.pronoun_start.is_match(text) => self.attribution.of(&article[p.start..p.end]),
                    _ => None,
                })).clone(),
                confirmed: *confirmed.get_or_insert_with(|| {
                    if follows_unconfirmed || self.says_unconfirmed(text, lowered) { "no" } else { "unknown" }
                }),
                hedged: *hedged.get_or_insert_with(|| self.hedge.is_match(text)),
                date,
                sentence: s,
            });
        }
        claims
    }

    fn is_irrealis(&self, text: &str, pos: usize) -> bool {
        self.irrealis.is_match(&text[back(text, pos, 40)..pos])
    }

    fn sides(&self, text: &str) -> Vec<Side> {
        let mut sides = Vec::new();
        for m in self.side.find_iter(text) {
            let word = text[m.start..m.end].to_lowercase();
            let word = word.trim_end_matches(['\'', '’', 's']);
            if CITY_SIDES.contains(&word)
                && self.place_preposition.is_match(&text[back(text, m.start, 20)..m.start]) {
                continue;
            }
            sides.push(Side { start: m.start, end: m.end, side: m.name });
        }
        sides
    }

    /// `sides` are in text order (so each step below is a binary search, not a scan);
    /// `previous_side` gives the last side named in the sentence before.
    fn actor(&self, text: &str, t: &Trigger, action: &str, sides: &[Side],
             previous_side: impl FnOnce() -> Option<&'static str>) -> Option<&'static str> {
        if let Some(agent) = self.agent.find(&text[t.end..fwd(text, t.end, 60)]) {
            let at = t.end + agent.end();
            if let Ok(i) = sides.binary_search_by_key(&at, |x| x.start) {
                return Some(sides[i].side);
            }
        }
        let ended_before = &sides[..sides.partition_point(|x| x.end <= t.pos)];
        // "Russian strikes", "Moscow shells", "Ukrainian cruise missiles": the side just before
        // (a side farther back has this one's word in its gap, and the gap allows one word only)
        if self.strike_noun.is_match(&text[t.pos..t.end]) {
            if let Some(x) = ended_before.last() {
                if self.strike_gap.is_match(&text[x.end..t.pos]) {
                    return Some(x.side);
                }
            }
        }
        let before = ended_before.iter().rev()
            .find(|x| !self.against_before.is_match(&text[back(text, x.start, 15)..x.start]));
        if let Some(x) = before {
            return Some(x.side);
        }
        let after = &sides[sides.partition_point(|x| x.start < t.end)..];
        if action == "repelled" {
            if let Some(first) = after.first() {
                return Some(other_side(first.side));
            }
        }
        let after = after.iter().find(|x| !self.from_before.is_match(&text[back(text, x.start, 15)..x.start]));
        if let Some(x) = after {
            return Some(x.side);
        }
        previous_side()
    }

    /// Target places, context hints (ISO codes) and regions (offset, ISO, words) of one sentence.
    fn places<'a>(&self, text: &'a str, offset: usize, trigger_ends: &[usize], g: &'a Gazetteer)
                  -> (Vec<PlacePhrase<'a>>, Vec<&'a str>, Vec<(usize, &'a str, &'a str)>) {
        let mut places = Vec::new();
        let mut hints = Vec::new();
        let mut regions = Vec::new();
        let mut place_hints = Vec::new(); // the oblast of each known place that has only one
        for (run_start, run_end) in capitalised_runs(text) {
            let run = &text[run_start..run_end];
            let lead = leading_words(run);
            let name = &run[lead..];
            let start = run_start + lead;
            for (word_start, word) in self.known_runs(name, start, g) {
                let end = word_start + word.len();
                self.classify(text, word, word_start, end, offset, trigger_ends, g, &mut places, &mut hints,
                              &mut regions, &mut place_hints);
            }
        }
        hints.extend(place_hints);
        (places, hints, regions)
    }

    /// A run of capitalised words split into the longest names the gazetteer knows ("Nova
    /// Kakhovka"). A known word followed by an unknown capitalised word, or after a title, is part
    /// of a person's name ("Volodymyr Zelensky", "President Serhiy ...") and is skipped.
    fn known_runs<'a>(&self, name: &'a str, start: usize, g: &Gazetteer) -> Vec<(usize, Cow<'a, str>)> {
        let words: Vec<(usize, &str)> = words_of(name).map(|(at, w)| (at + start, w)).collect();
        let texts: Vec<&str> = words.iter().map(|(_, w)| *w).collect();
        let mut key = String::new();
        let mut out = Vec::new();
        let mut i = 0;
        while i < words.len() {
            let top = words.len().min(i + LONGEST_NAME_WORDS);
            for j in (i + 1..=top).rev() {
                name_key_into(&texts[i..j], &mut key);
                let known = g.knows_key(&key);
                if known || j - i == 1 {
                    let person = (known && j < words.len() && !g.knows(texts[j]) && !REGION_WORDS.contains(&texts[j]))
                        || (i > 0 && TITLES.contains(&texts[i - 1]));
                    if !person {
                        // the words as written when one space parts them, else joined by one
                        let (first, last) = (words[i].0 - start, words[j - 1].0 - start + texts[j - 1].len());
                        let written = &name[first..last];
                        let single = written.len() == texts[i..j].iter().map(|w| w.len() + 1).sum::<usize>() - 1
                            && !written.contains(|c: char| c.is_whitespace() && c != ' ');
                        out.push((words[i].0, if single { Cow::Borrowed(written) } else { Cow::Owned(texts[i..j].join(" ")) }));
                    }
                    i = j;
                    break;
                }
            }
        }
        out
    }

    #[allow(clippy::too_many_arguments)]
    fn classify<'a>(&self, text: &'a str, name: Cow<'a, str>, start: usize, end: usize, offset: usize,
                    trigger_ends: &[usize], g: &'a Gazetteer, places: &mut Vec<PlacePhrase<'a>>,
                    hints: &mut Vec<&'a str>, regions: &mut Vec<(usize, &'a str, &'a str)>,
                    place_hints: &mut Vec<&'a str>) {
        let stem_len = name.strip_suffix("'s").or_else(|| name.strip_suffix("’s")).map(str::len);
        let (name, end) = match (stem_len, name) {
            (Some(n), Cow::Borrowed(b)) => (Cow::Borrowed(&b[..n]), end - (b.len() - n)),
            (Some(n), Cow::Owned(o)) => (Cow::Owned(o[..n].to_string()), end - (o.len() - n)),
            (None, name) => (name, end),
        };
        let name_cow = name;
        let name: &str = &name_cow;
        // the longest stop name or side city has 10 letters: only short names need a lower-cased copy
        let key = if name.len() <= 10 { name.to_lowercase() } else { String::new() };
        if is_stop_name(&key) || char_len(name) < 3
            || (self.side_anywhere.is_match(name) && !CITY_SIDES.contains(&key.as_str())) {
            return;
        }
        let lookup_key = name_key(name);
        let after = &text[end..fwd(text, end, 40)];
        let before = &text[back(text, start, 60)..start];
        if let Some(region_match) = self.region_after.find(after) {
            if let Some(iso) = g.oblast_by_key(&lookup_key) {
                regions.push((start, iso, &text[start..end + region_match.end()]));
                hints.push(iso);
            }
            return;
        }
        if let Some(m) = self.not_place_after.find(after) {
            // "River", "People's", "Kharkiv's forces": not a place; "Kharkiv's territory" may be
            if m.as_str().starts_with(char::is_whitespace) || !after[m.end()..].starts_with("territory") {
                return;
            }
        }
        if CITY_SIDES.contains(&key.as_str()) && !self.place_preposition.is_match(before) {
            return;
        }
        let candidates = g.places_by_key(&lookup_key);
        let known = !candidates.is_empty();
        if ends_with_of_or_in(before) && self.locator_before.is_match(before) // a cheap test first
            && !(before.to_lowercase().contains("near") && places.is_empty()) {
            // a locator ("north of Kharkiv"); but "near the village of Olhine" alone is the target
            match (g.oblast_by_key(&lookup_key), candidates.first()) {
                (Some(iso), _) => hints.push(iso),
                (None, Some(first)) => hints.push(first.oblast.as_str()),
                _ => {}
            }
            return;
        }
        if !known {
            let introduced = self.settlement_before.is_match(before);
            let near = &trigger_ends[trigger_ends.partition_point(|&e| e + 100 < start)..];
            let after_verb = near.iter().take_while(|&&e| e <= start)
                .any(|&e| within(text, e, start, 25) && self.object_gap.is_match(&text[e..start]));
            let coordinated = match places.last() {
                Some(last) => self.and_before.is_match(before) && within(text, last.start - offset, start, 39),
                None => false,
            };
            if !(introduced || after_verb || coordinated) || g.oblast_by_key(&lookup_key).is_some() {
                return;
            }
        }
        if let Some(first) = candidates.first() {
            if candidates.iter().all(|p| p.oblast == first.oblast) {
                place_hints.push(first.oblast.as_str());
            }
        }
        places.push(PlacePhrase { name: name_cow, start: offset + start, known });
    }

    fn region_mentions<'a>(&self, text: &str, g: &'a Gazetteer) -> Vec<(usize, &'a str)> {
        // the name: the run of [\w'’-] at the match start, less a possessive ("Kherson's region")
        self.region_mention.find_iter(text)
            .filter_map(|m| {
                let run = m.as_str().find(|c: char| !(c.is_alphanumeric() || "_'’-".contains(c))).unwrap_or(m.end() - m.start());
                let name = &m.as_str()[..run];
                let name = name.strip_suffix("'s").or_else(|| name.strip_suffix("’s")).unwrap_or(name);
                let iso = g.oblast_by_name(name)?;
                Some((m.start(), iso))
            })
            .collect()
    }
}

/// A leading "Since ..." clause is background, not the day's news.
fn is_background(text: &str, pos: usize) -> bool {
    if text.starts_with("Since ") || text.starts_with("since ") {
        return match text.find(',') {
            None => true,
            Some(comma) => pos < comma,
        };
    }
    false
}

/// Runs of non-space characters with their byte offsets (Python's `\S+`).
fn words_of(text: &str) -> impl Iterator<Item = (usize, &str)> {
    text.split(char::is_whitespace)
        .filter(|w| !w.is_empty())
        .map(move |w| (w.as_ptr() as usize - text.as_ptr() as usize, w))
}

/// Whether text ends in "of" or "in", maybe followed by "the" (what every locator ends with).
fn ends_with_of_or_in(before: &str) -> bool {
    let trimmed = before.trim_end();
    let lower_ends = |s: &str, w: &str| s.len() >= w.len() && s.is_char_boundary(s.len() - w.len())
        && s[s.len() - w.len()..].eq_ignore_ascii_case(w);
    let trimmed = if lower_ends(trimmed, "the") { trimmed[..trimmed.len() - 3].trim_end() } else { trimmed };
    lower_ends(trimmed, "of") || lower_ends(trimmed, "in")
}

/// Byte length of the leading function words of a capitalised run ("The", "On", "Near" ...),
/// each followed by space: `^(?:(?:The|A|An|On|In|At|After|Since|To|From|Meanwhile|Separately|Near|By)\s+)+`.
fn leading_words(run: &str) -> usize {
    const WORDS: &[&str] = &["The", "A", "An", "On", "In", "At", "After", "Since", "To", "From", "Meanwhile",
                             "Separately", "Near", "By"];
    let mut at = 0;
    loop {
        let rest = &run[at..];
        let word_len = rest.find(char::is_whitespace).unwrap_or(rest.len());
        if word_len == rest.len() || !WORDS.contains(&&rest[..word_len]) {
            return at;
        }
        let space: usize = rest[word_len..].chars().take_while(|c| c.is_whitespace()).map(char::len_utf8).sum();
        at += word_len + space;
    }
}

/// Capitalised words that are never a place ("The", "According", "President", the sides).
fn is_stop_name(key: &str) -> bool {
    matches!(key, "the" | "a" | "an" | "on" | "in" | "at" | "as" | "after" | "before" | "since" | "to" | "for"
        | "from" | "with" | "and" | "but" | "meanwhile" | "separately" | "according" | "they" | "he" | "she"
        | "it" | "its" | "their" | "there" | "ukraine" | "russia" | "ukrainian" | "russian" | "moscow"
        | "kremlin" | "crimea" | "donbas" | "donbass" | "europe" | "west" | "east" | "north" | "south"
        | "president" | "general" | "governor" | "mayor")
}

/// The distinct items in order of first appearance (there are 27 oblasts, however long the text).
pub fn distinct<'a>(items: Vec<&'a str>) -> Vec<&'a str> {
    let mut seen = Vec::with_capacity(items.len().min(32));
    for item in items {
        if !seen.contains(&item) {
            seen.push(item);
        }
    }
    seen
}
