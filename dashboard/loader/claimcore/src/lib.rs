//! claimcore: the loader's reading rules, compiled.
//!
//! Python (`dashboard/loader/rules.py`) loads this library with ctypes, hands it the gazetteer
//! once, then one text at a time (UTF-8, and the publication date as days since 1970-01-01)
//! and reads back JSON. Offsets sent back are Python (code point) offsets. A panic is caught
//! and reported as a null result, never as a crash of the Python process.

pub mod alternatives;
pub mod attribution;
pub mod claims;
pub mod dates;
pub mod events;
pub mod gazetteer;
pub mod names;
pub mod quantities;
pub mod sentences;
pub mod text;

use std::panic::{catch_unwind, AssertUnwindSafe};

use claims::ClaimFinder;
use dates::{iso, push_iso, DateReader};
use gazetteer::Gazetteer;
use text::{CharOffsets, Json};

pub struct Core {
    gazetteer: Gazetteer,
    finder: ClaimFinder,
    dates: DateReader,
}

unsafe fn text_arg<'a>(ptr: *const u8, len: usize) -> Option<&'a str> {
    if ptr.is_null() && len > 0 {
        return None;
    }
    let bytes = if len == 0 { &[][..] } else { std::slice::from_raw_parts(ptr, len) };
    std::str::from_utf8(bytes).ok()
}

/// Run `f` on the text and hand its JSON to Python as a leaked boxed slice (freed with
/// `claimcore_free`); null for text that is not UTF-8 or for a panic.
unsafe fn answer<F: FnOnce(&str) -> Json>(text: *const u8, len: usize, out_len: *mut usize, f: F) -> *mut u8 {
    let text = match text_arg(text, len) {
        Some(t) => t,
        None => return std::ptr::null_mut(),
    };
    match catch_unwind(AssertUnwindSafe(|| f(text))) {
        Ok(json) => {
            let boxed = json.0.into_bytes().into_boxed_slice();
            *out_len = boxed.len();
            Box::into_raw(boxed) as *mut u8
        }
        Err(_) => std::ptr::null_mut(),
    }
}

/// # Safety
/// `spec` points to `len` bytes of UTF-8 (see `Gazetteer::from_spec`).
#[no_mangle]
pub unsafe extern "C" fn claimcore_new(spec: *const u8, len: usize) -> *mut Core {
    let spec = match text_arg(spec, len) {
        Some(s) => s.to_string(),
        None => return std::ptr::null_mut(),
    };
    match catch_unwind(|| Core { gazetteer: Gazetteer::from_spec(&spec), finder: ClaimFinder::new(), dates: DateReader::new() }) {
        Ok(core) => Box::into_raw(Box::new(core)),
        Err(_) => std::ptr::null_mut(),
    }
}

/// # Safety
/// `core` came from `claimcore_new` and is not used again.
#[no_mangle]
pub unsafe extern "C" fn claimcore_drop(core: *mut Core) {
    if !core.is_null() {
        drop(Box::from_raw(core));
    }
}

/// # Safety
/// `ptr`/`len` came from one of the functions below.
#[no_mangle]
pub unsafe extern "C" fn claimcore_free(ptr: *mut u8, len: usize) {
    if !ptr.is_null() {
        drop(Box::from_raw(std::ptr::slice_from_raw_parts_mut(ptr, len)));
    }
}

/// Events of one article: `[report_day, [event, ...], [warning, ...]]`, each event the fields
/// of `dashboard.schema.Event` in order, with `null` for the sentence (Python slices it from
/// its own text by the two offsets that follow).
///
/// # Safety
/// `core` from `claimcore_new`; `text` points to `len` bytes; `out_len` is writable.
#[no_mangle]
pub unsafe extern "C" fn claimcore_extract(core: *const Core, text: *const u8, len: usize, published: i64,
                                           out_len: *mut usize) -> *mut u8 {
    let core = &*core;
    answer(text, len, out_len, |text| {
        let found = events::extract(text, published, &core.gazetteer, &core.finder, &core.dates);
        let offsets = CharOffsets::new(text);
        let mut j = Json::new();
        j.raw("[").str(&iso(found.report_day)).raw(",[");
        let mut day = String::with_capacity(10);
        for (i, e) in found.events.iter().enumerate() {
            let p = &e.place;
            j.raw(if i > 0 { ",[" } else { "[" })
                .str(e.actor).raw(",").str(e.action).raw(",").str(&e.when.label()).raw(",")
                .str({ day.clear(); push_iso(&mut day, e.when.first); &day }).raw(",")
                .str({ day.clear(); push_iso(&mut day, e.when.last); &day }).raw(",").str(e.when.precision.name()).raw(",")
                .str(&e.date_phrase).raw(",").opt_str(p.as_written.as_deref()).raw(",").opt_str(p.name.as_deref()).raw(",")
                .opt_num(p.place.map(|x| x.geonameid)).raw(",").opt_str(p.oblast.as_deref()).raw(",")
                .raw(p.place.map_or("null", |x| x.latitude.as_str())).raw(",")
                .raw(p.place.map_or("null", |x| x.longitude.as_str())).raw(",")
                .str(p.precision).raw(",").opt_num(e.area_km2).raw(",").opt_num(e.settlements.map(|n| n as i64)).raw(",")
                .opt_str(e.attribution.as_deref()).raw(",").str(e.confirmed).raw(",")
                .raw(if e.hedged { "true" } else { "false" }).raw(",null,")
                .int(offsets.at(e.sentence_start)).raw(",").int(offsets.at(e.sentence_end)).raw(",")
                .str(&e.flags).raw("]");
        }
        j.raw("],[");
        for (i, w) in found.warnings.iter().enumerate() {
            j.raw(if i > 0 { "," } else { "" }).str(w);
        }
        j.raw("]]");
        j
    })
}

/// Date phrases of a text: `[report_day, [[start, end, kind, first, last, precision, label, future], ...]]`.
///
/// # Safety
/// As `claimcore_extract`.
#[no_mangle]
pub unsafe extern "C" fn claimcore_dates(core: *const Core, text: *const u8, len: usize, published: i64,
                                         out_len: *mut usize) -> *mut u8 {
    let core = &*core;
    answer(text, len, out_len, |text| {
        let (phrases, day) = core.dates.find(text, published);
        let offsets = CharOffsets::new(text);
        let mut j = Json::new();
        j.raw("[").str(&iso(day)).raw(",[");
        for (i, p) in phrases.iter().enumerate() {
            j.raw(if i > 0 { ",[" } else { "[" }).int(offsets.at(p.start)).raw(",").int(offsets.at(p.end)).raw(",")
                .str(p.kind).raw(",").str(&iso(p.first)).raw(",").str(&iso(p.last)).raw(",")
                .str(p.precision.name()).raw(",").str(&p.label()).raw(",")
                .raw(if p.future { "true" } else { "false" }).raw("]");
        }
        j.raw("]]");
        j
    })
}

/// Sentence spans of a text: `[[start, end], ...]` (raw spans, before stripping).
///
/// # Safety
/// As `claimcore_extract`.
#[no_mangle]
pub unsafe extern "C" fn claimcore_sentences(core: *const Core, text: *const u8, len: usize,
                                             out_len: *mut usize) -> *mut u8 {
    let core = &*core;
    answer(text, len, out_len, |text| {
        let offsets = CharOffsets::new(text);
        let mut j = Json::new();
        j.raw("[");
        for (i, (s, e)) in core.finder.splitter().spans(text).into_iter().enumerate() {
            j.raw(if i > 0 { ",[" } else { "[" }).int(offsets.at(s)).raw(",").int(offsets.at(e)).raw("]");
        }
        j.raw("]");
        j
    })
}

/// Quantities in a text: `[[area_km2, ...], [settlement count, ...]]`.
///
/// # Safety
/// As `claimcore_extract`.
#[no_mangle]
pub unsafe extern "C" fn claimcore_quantities(core: *const Core, text: *const u8, len: usize,
                                              out_len: *mut usize) -> *mut u8 {
    let core = &*core;
    answer(text, len, out_len, |text| {
        let q = core.finder.quantities();
        let lowered = text.to_ascii_lowercase();
        let mut j = Json::new();
        j.raw("[[");
        for (i, x) in q.areas(text, &lowered).iter().enumerate() {
            j.raw(if i > 0 { "," } else { "" }).num(x.value);
        }
        j.raw("],[");
        for (i, x) in q.settlements(text, &lowered).iter().enumerate() {
            j.raw(if i > 0 { "," } else { "" }).num(x.value as i64);
        }
        j.raw("]]");
        j
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_pattern_compiles() {
        let core = Core { gazetteer: Gazetteer::from_spec(""), finder: ClaimFinder::new(), dates: DateReader::new() };
        assert!(core.finder.splitter().spans("One. Two.").len() == 2);
    }
}
