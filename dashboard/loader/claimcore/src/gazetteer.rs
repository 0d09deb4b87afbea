//! The gazetteer as the rules need it: which names are places or oblasts, and the places a
//! name may mean (most populous first). Filled once from a spec Python writes out of
//! `dashboard/geo.py`, so the spelling keys and the data have one source.

use std::collections::HashMap;
use std::hash::{BuildHasherDefault, Hasher};

/// FxHash (rustc's hasher): the keys are short names and the table is our own gazetteer, so
/// SipHash's protection against chosen keys buys nothing here, and FxHash is cheaper per lookup.
#[derive(Default)]
pub struct FxHasher(u64);

impl Hasher for FxHasher {
    fn write(&mut self, bytes: &[u8]) {
        for chunk in bytes.chunks(8) {
            let mut word = [0u8; 8];
            word[..chunk.len()].copy_from_slice(chunk);
            self.0 = (self.0.rotate_left(5) ^ u64::from_le_bytes(word)).wrapping_mul(0x51_7c_c1_b7_27_22_0a_95);
        }
    }

    fn finish(&self) -> u64 {
        self.0
    }
}

pub type FastMap<K, V> = HashMap<K, V, BuildHasherDefault<FxHasher>>;

pub struct Place {
    pub geonameid: i64,
    pub name: String,
    pub latitude: String, // kept as Python wrote them: the protocol sends them back unchanged
    pub longitude: String,
    pub oblast: String,
}

/// The places of one name: a view into the gazetteer, nothing copied.
#[derive(Clone, Copy)]
pub struct Places<'a> {
    all: &'a [Place],
    indices: &'a [usize],
}

impl<'a> Places<'a> {
    pub fn is_empty(&self) -> bool {
        self.indices.is_empty()
    }

    pub fn first(&self) -> Option<&'a Place> {
        self.indices.first().map(|&i| &self.all[i])
    }

    pub fn iter(&self) -> impl Iterator<Item = &'a Place> + 'a {
        let all = self.all;
        self.indices.iter().map(move |&i| &all[i])
    }
}

#[derive(Default)]
pub struct Gazetteer {
    places: Vec<Place>,
    by_key: FastMap<String, Vec<usize>>,
    oblast_keys: FastMap<String, String>,
    oblast_names: FastMap<String, String>,
}

/// The lookup key of a name, as `geodata.names.fold` makes it: ASCII letters only, lower case,
/// "ie" read as "e", "y" as "i", doubled letters collapsed. Text names reaching it are Latin;
/// a non-ASCII letter is dropped (Python decomposes accents first: "é" -> "e"), and a name with
/// no ASCII letter falls back to its lower-cased self, as in `dashboard.geo.name_key`.
pub fn name_key(name: &str) -> String {
    let mut key = String::new();
    name_key_into(&[name], &mut key);
    key
}

/// The key of several words read as one name ("Nova", "Kakhovka"), written into `key`
/// (cleared first): spaces between words drop out of a key anyway, so no joined copy is needed.
pub fn name_key_into(parts: &[&str], key: &mut String) {
    key.clear();
    // one pass over the ASCII letters: "ie" -> "e" (left to right, as str.replace), then "y" -> "i",
    // then runs of a letter collapsed; `pending_i` holds an "i" until the next letter is known
    let mut pending_i = false;
    let push = |key: &mut String, c: u8| {
        let c = if c == b'y' { b'i' } else { c };
        if key.as_bytes().last() != Some(&c) {
            key.push(c as char);
        }
    };
    for part in parts {
        for b in part.bytes().filter(u8::is_ascii_alphabetic) {
            let c = b.to_ascii_lowercase();
            if pending_i {
                pending_i = false;
                if c == b'e' {
                    push(key, b'e');
                    continue;
                }
                push(key, b'i');
            }
            if c == b'i' {
                pending_i = true;
            } else {
                push(key, c);
            }
        }
    }
    if pending_i {
        push(key, b'i');
    }
    if key.is_empty() {
        key.push_str(&parts.join(" ").trim().to_lowercase());
    }
}

impl Gazetteer {
    /// Spec lines, tab-separated: `P geonameid name lat lon oblast key1|key2...` (in population
    /// order), `O iso name key1|key2...` (oblasts).
    pub fn from_spec(spec: &str) -> Gazetteer {
        let mut g = Gazetteer::default();
        for line in spec.lines() {
            let f: Vec<&str> = line.split('\t').collect();
            match f.first() {
                Some(&"P") if f.len() == 7 => {
                    let index = g.places.len();
                    g.places.push(Place {
                        geonameid: f[1].parse().unwrap_or(0),
                        name: f[2].to_string(),
                        latitude: f[3].to_string(),
                        longitude: f[4].to_string(),
                        oblast: f[5].to_string(),
                    });
                    for key in f[6].split('|').filter(|k| !k.is_empty()) {
                        g.by_key.entry(key.to_string()).or_default().push(index);
                    }
                }
                Some(&"O") if f.len() == 4 => {
                    g.oblast_names.insert(f[1].to_string(), f[2].to_string());
                    for key in f[3].split('|').filter(|k| !k.is_empty()) {
                        g.oblast_keys.entry(key.to_string()).or_insert_with(|| f[1].to_string());
                    }
                }
                _ => {}
            }
        }
        g
    }

    pub fn knows(&self, name: &str) -> bool {
        self.knows_key(&name_key(name))
    }

    /// Whether a lookup key (see `name_key`) is a place or an oblast.
    pub fn knows_key(&self, key: &str) -> bool {
        self.by_key.contains_key(key) || self.oblast_keys.contains_key(key)
    }

    /// The places a name may mean, most populous first.
    pub fn places<'a>(&'a self, name: &str) -> Places<'a> {
        self.places_by_key(&name_key(name))
    }

    /// As `places`, given the name's key (see `name_key`).
    pub fn places_by_key<'a>(&'a self, key: &str) -> Places<'a> {
        Places { all: &self.places, indices: self.by_key.get(key).map_or(&[], |v| v.as_slice()) }
    }

    pub fn oblast_by_name<'a>(&'a self, name: &str) -> Option<&'a str> {
        self.oblast_by_key(&name_key(name))
    }

    /// As `oblast_by_name`, given the name's key.
    pub fn oblast_by_key<'a>(&'a self, key: &str) -> Option<&'a str> {
        self.oblast_keys.get(key).map(|s| s.as_str())
    }

    pub fn oblast_name<'a>(&'a self, iso: &'a str) -> &'a str {
        self.oblast_names.get(iso).map(|s| s.as_str()).unwrap_or(iso)
    }
}
