//! Article text -> events: dates, claims and places put together.
//!
//! Placing a claim's place phrases: a name the gazetteer knows becomes a point. Where it knows
//! several places of that name (two Zolochivs, several Avdiivkas) the sentence's hints pick one
//! ("north of Kharkiv", "a town in Donetsk", a place named beside it), then the regions the
//! article names, then the most populous. A name it does not know (Maiorsk, Olhine) is placed
//! at oblast level from the sentence's hints or the region the article named last before it;
//! with none it is kept, unplaced and flagged. Nothing is ever given invented coordinates.
//!
//! One event per claim and place; the same claim twice in an article ("fired missiles ...
//! strikes", or repeated later) is kept once, in article order.

use crate::claims::{distinct, ClaimFinder, PlacePhrase};
use crate::dates::{iso, DatePhrase, DateReader, Day};
use crate::gazetteer::{name_key, FastMap, Gazetteer};
use crate::text::py_repr;

/// Where a claim is: canonical name, oblast, coordinates and precision.
pub struct Placement<'a> {
    pub as_written: Option<String>,
    pub name: Option<String>,
    pub place: Option<&'a crate::gazetteer::Place>,
    pub oblast: Option<String>,
    pub precision: &'static str, // point | oblast | none
    pub flag: &'static str,      // "" | not-in-gazetteer | unplaced
}

pub struct Event<'a> {
    pub actor: &'static str,
    pub action: &'static str,
    pub when: DatePhrase,
    pub date_phrase: String,
    pub place: Placement<'a>,
    pub area_km2: Option<f64>,
    pub settlements: Option<f64>,
    pub attribution: Option<String>,
    pub confirmed: &'static str,
    pub hedged: bool,
    pub sentence_start: usize, // bytes
    pub sentence_end: usize,
    pub flags: String,
}

pub struct Extraction<'a> {
    pub events: Vec<Event<'a>>,
    pub report_day: Day,
    pub warnings: Vec<String>,
}

/// Resolve one place name written in a claim: the sentence's hints, then the article's regions,
/// then the most populous; a name the gazetteer lacks goes to oblast level, or stays unplaced.
fn place_name<'a>(g: &'a Gazetteer, phrase: &PlacePhrase, sentence_hints: &[&str], article_hints: &[&str],
                  region_before: Option<&str>) -> Placement<'a> {
    let candidates = g.places(&phrase.name);
    if let Some(first) = candidates.first() {
        let chosen = candidates.iter().find(|p| sentence_hints.contains(&p.oblast.as_str()))
            .or_else(|| candidates.iter().find(|p| article_hints.contains(&p.oblast.as_str())))
            .unwrap_or(first);
        return Placement { as_written: Some(phrase.name.to_string()), name: Some(chosen.name.clone()), place: Some(chosen),
                           oblast: Some(chosen.oblast.clone()), precision: "point", flag: "" };
    }
    let oblast = sentence_hints.first().copied().or(region_before);
    Placement {
        as_written: Some(phrase.name.to_string()),
        name: Some(phrase.name.to_string()),
        place: None,
        oblast: oblast.map(|s| s.to_string()),
        precision: if oblast.is_some() { "oblast" } else { "none" },
        flag: if oblast.is_some() { "not-in-gazetteer" } else { "unplaced" },
    }
}

pub fn extract<'a>(text: &str, published: Day, g: &'a Gazetteer, finder: &ClaimFinder, dates: &DateReader)
                   -> Extraction<'a> {
    let lowered = text.to_ascii_lowercase();
    let (phrases, day) = dates.find_in_lowered(&lowered, published);
    let reading = finder.read(text, &lowered, &phrases, g);
    let article_hints = distinct(reading.region_mentions.iter().map(|&(_, iso)| iso).collect());
    let mut warnings = Vec::new();
    let mut events: Vec<Event> = Vec::new();
    let mut chosen: FastMap<String, usize> = FastMap::default();
    for claim in &reading.claims {
        let mut when = claim.date.map(|i| phrases[i].clone()).unwrap_or_else(|| DatePhrase::report(day));
        let mut flags = Vec::new();
        let phrase_text = |p: &DatePhrase| if p.kind == "report" { String::new() } else { text[p.start..p.end].to_string() };
        if when.future {
            warnings.push(format!(
                "date phrase {} resolves to {}, after publication on {}: claim kept, dated to the report day {} and flagged",
                py_repr(&phrase_text(&when)), when.label(), iso(published), iso(day)));
            flags.push("date-after-publication");
            when = DatePhrase::report(day);
        }
        let mentions_before = reading.region_mentions.partition_point(|(at, _)| *at <= claim.sentence.start);
        let region_before = mentions_before.checked_sub(1).map(|i| reading.region_mentions[i].1);
        let placements: Vec<Placement> = if !claim.places.is_empty() {
            claim.places.iter().map(|p| place_name(g, p, &claim.hints, &article_hints, region_before)).collect()
        } else if let Some((iso_code, words)) = claim.region {
            vec![Placement { as_written: Some(words.to_string()), name: Some(g.oblast_name(iso_code).to_string()), place: None,
                             oblast: Some(iso_code.to_string()), precision: "oblast", flag: "" }]
        } else {
            vec![Placement { as_written: None, name: None, place: None, oblast: None, precision: "none", flag: "" }]
        };
        let label = when.label();
        let date_phrase = phrase_text(&when);
        for place in placements {
            let key = [claim.actor, claim.action, &place.name.as_deref().map(name_key).unwrap_or_default(), &label,
                       &claim.area_km2.map_or(String::new(), |a| a.to_string()),
                       &claim.settlements.map_or(String::new(), |n| n.to_string())].join("|");
            // the same claim twice ("fired missiles ... strikes", or repeated later): keep the first
            // sentence, unless a later one gives the claim its own date phrase
            if let Some(&i) = chosen.get(&key) {
                if !events[i].date_phrase.is_empty() || date_phrase.is_empty() {
                    continue;
                }
            } else if !place.flag.is_empty() {
                warnings.push(format!("place {} is not in the gazetteer: {}",
                                      py_repr(place.as_written.as_deref().unwrap_or("")),
                                      match &place.oblast {
                                          Some(o) => format!("placed at oblast level ({o})"),
                                          None => "kept unplaced".to_string(),
                                      }));
            }
            let mut all_flags: Vec<&str> = flags.clone();
            if !place.flag.is_empty() {
                all_flags.push(place.flag);
            }
            let event = Event {
                actor: claim.actor, action: claim.action, when: when.clone(), date_phrase: date_phrase.clone(), place,
                area_km2: claim.area_km2, settlements: claim.settlements, attribution: claim.attribution.clone(),
                confirmed: claim.confirmed, hedged: claim.hedged, sentence_start: claim.sentence.start,
                sentence_end: claim.sentence.end, flags: all_flags.join(","),
            };
            match chosen.get(&key) {
                Some(&i) => events[i] = event,
                None => {
                    chosen.insert(key, events.len());
                    events.push(event);
                }
            }
        }
    }
    if events.is_empty() {
        let cyrillic = text.chars().filter(|c| ('\u{400}'..='\u{4ff}').contains(c)).count();
        if cyrillic as f64 > text.chars().count() as f64 * 0.3 {
            warnings.push("text is mostly Cyrillic; the claim finder reads English, so no claims were found".to_string());
        }
    }
    Extraction { events, report_day: day, warnings }
}
