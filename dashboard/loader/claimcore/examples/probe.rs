//! Time each stage of the claim reader on a corpus file (a profiling aid, not a test).
//! Usage: probe CORPUS SPEC, CORPUS = articles joined by \x1e, each "YYYY-MM-DD\x1ftext";
//! SPEC = the gazetteer spec `dashboard.loader.rules` writes.
use claimcore::{claims::ClaimFinder, dates::{days_from_civil, DateReader}, events, gazetteer::Gazetteer};
use std::time::Instant;

fn main() {
    let corpus = std::fs::read_to_string(std::env::args().nth(1).expect("corpus file")).unwrap();
    let spec = std::fs::read_to_string(std::env::args().nth(2).expect("spec file")).unwrap();
    let articles: Vec<(i64, &str)> = corpus.split('\u{1e}').map(|a| {
        let (day, text) = a.split_once('\u{1f}').expect("date");
        let p: Vec<u32> = day.split('-').map(|x| x.parse().unwrap()).collect();
        (days_from_civil(p[0] as i64, p[1], p[2]), text)
    }).collect();
    let bytes: usize = articles.iter().map(|(_, t)| t.len()).sum();
    let g = Gazetteer::from_spec(&spec);
    let finder = ClaimFinder::new();
    let dates = DateReader::new();
    let report = |label: &str, t: Instant| {
        let s = t.elapsed().as_secs_f64();
        println!("{label:10} {:8.1} us/article {:7.1} MB/s", s * 1e6 / articles.len() as f64, bytes as f64 / s / 1e6);
    };
    let t = Instant::now();
    for (d, text) in &articles { dates.find(text, *d); }
    report("dates", t);
    let t = Instant::now();
    for (_, text) in &articles { finder.splitter().spans(text); }
    report("sentences", t);
    let t = Instant::now();
    let mut n = 0;
    for (d, text) in &articles { n += events::extract(text, *d, &g, &finder, &dates).events.len(); }
    report("all", t);
    println!("{n} events");
    // the same through the C entry point Python calls: events, offsets and JSON included
    let spec_bytes = spec.as_bytes();
    let core = unsafe { claimcore::claimcore_new(spec_bytes.as_ptr(), spec_bytes.len()) };
    let t = Instant::now();
    for (d, text) in &articles {
        let mut len = 0usize;
        unsafe {
            let out = claimcore::claimcore_extract(core, text.as_ptr(), text.len(), *d, &mut len);
            claimcore::claimcore_free(out, len);
        }
    }
    report("with JSON", t);
}
