//! Text helpers: windows measured in characters (Python counts code points, so the rules
//! do too), byte to code point offsets for Python, regex sources made cheap, JSON out.

/// Byte index `n` characters before `pos` (or 0).
pub fn back(s: &str, pos: usize, n: usize) -> usize {
    let bytes = s.as_bytes();
    if pos >= n && bytes[pos - n..pos].is_ascii() {
        return pos - n; // the common case, checked in one vectorised pass
    }
    let (mut i, mut left) = (pos, n);
    while i > 0 && left > 0 {
        i -= 1;
        if bytes[i] & 0xC0 != 0x80 {
            left -= 1;
        }
    }
    while i > 0 && bytes[i] & 0xC0 == 0x80 {
        i -= 1;
    }
    i
}

/// Byte index `n` characters after `pos` (or the end).
pub fn fwd(s: &str, pos: usize, n: usize) -> usize {
    let bytes = s.as_bytes();
    if pos + n <= bytes.len() && bytes[pos..pos + n].is_ascii() {
        return pos + n;
    }
    let (mut i, mut left) = (pos, n);
    while i < bytes.len() && left > 0 {
        i += 1;
        while i < bytes.len() && bytes[i] & 0xC0 == 0x80 {
            i += 1;
        }
        left -= 1;
    }
    i
}

/// Whether `a <= b` and at most `n` characters lie between them.
pub fn within(s: &str, a: usize, b: usize, n: usize) -> bool {
    a <= b && (b - a <= n || (b - a <= 4 * n && s[a..b].chars().count() <= n))
}

/// Number of characters in `s` (Python's len).
pub fn char_len(s: &str) -> usize {
    s.chars().count()
}

/// Byte offsets of one text -> Python (code point) offsets, counted on from the last one asked
/// (the loader asks in article order, so an article is walked about once).
pub struct CharOffsets<'t> {
    text: &'t str,
    last: std::cell::Cell<(usize, usize)>, // (byte, chars before it)
}

impl<'t> CharOffsets<'t> {
    pub fn new(text: &'t str) -> Self {
        CharOffsets { text, last: std::cell::Cell::new((0, 0)) }
    }

    pub fn at(&self, byte: usize) -> usize {
        let (from_byte, from_chars) = match self.last.get() {
            (b, c) if b <= byte => (b, c),
            _ => (0, 0),
        };
        let chars = from_chars + self.text[from_byte..byte].chars().count();
        self.last.set((byte, chars));
        chars
    }
}

/// Compile one of our patterns (see `compact_classes`); a bad pattern is a bug, caught by the
/// unit test that builds every reader.
pub fn compile(source: &str) -> regex::Regex {
    regex::Regex::new(&compact_classes(source)).unwrap_or_else(|e| panic!("pattern {source}: {e}"))
}

/// A regex source made cheap for the regex crate's lazy DFA, which is what makes it fast:
/// - `\b` becomes an ASCII word boundary: the DFA cannot run a Unicode `\b` on text with
///   non-ASCII characters (curly quotes are in most articles) and would fall back to its
///   slowest engine; our boundaries sit next to English words.
/// - `\w` becomes Latin letters, digits and `_` (accented Latin included), `\d` ASCII digits:
///   Unicode's `\w` has hundreds of ranges and blows up the automaton's states. Words of other
///   scripts inside an English sentence are not what these patterns read.
pub fn compact_classes(pattern: &str) -> String {
    pattern
        .replace(r"\b", r"(?-u:\b)")
        .replace(r"[\w", r"[0-9A-Za-z_\u{aa}\u{b5}\u{ba}\u{c0}-\u{d6}\u{d8}-\u{f6}\u{f8}-\u{24f}")
        .replace(r"\w", r"[0-9A-Za-z_\u{aa}\u{b5}\u{ba}\u{c0}-\u{d6}\u{d8}-\u{f6}\u{f8}-\u{24f}]")
        .replace(r"\d", "[0-9]")
}

/// Writes JSON, the one format the library answers in (Python's json module reads it at C speed).
pub struct Json(pub String);

impl Json {
    pub fn new() -> Json {
        Json(String::with_capacity(1024))
    }

    pub fn raw(&mut self, s: &str) -> &mut Json {
        self.0.push_str(s);
        self
    }

    pub fn str(&mut self, s: &str) -> &mut Json {
        self.0.push('"');
        for c in s.chars() {
            match c {
                '"' => self.0.push_str("\\\""),
                '\\' => self.0.push_str("\\\\"),
                c if (c as u32) < 0x20 => self.0.push_str(&format!("\\u{:04x}", c as u32)),
                c => self.0.push(c),
            }
        }
        self.0.push('"');
        self
    }

    pub fn opt_str(&mut self, s: Option<&str>) -> &mut Json {
        match s {
            Some(s) => self.str(s),
            None => self.raw("null"),
        }
    }

    /// A float as Python's repr writes it (shortest round trip, "500.0").
    pub fn num<T: std::fmt::Debug>(&mut self, n: T) -> &mut Json {
        use std::fmt::Write;
        let _ = write!(self.0, "{:?}", n);
        self
    }

    /// A count or offset, without the formatting machinery.
    pub fn int(&mut self, n: usize) -> &mut Json {
        let mut digits = [0u8; 20];
        let mut i = digits.len();
        let mut n = n;
        loop {
            i -= 1;
            digits[i] = b'0' + (n % 10) as u8;
            n /= 10;
            if n == 0 {
                break;
            }
        }
        self.0.push_str(std::str::from_utf8(&digits[i..]).unwrap_or("0"));
        self
    }

    pub fn opt_num<T: std::fmt::Debug>(&mut self, n: Option<T>) -> &mut Json {
        match n {
            Some(n) => self.num(n),
            None => self.raw("null"),
        }
    }
}

/// Python's repr of a short string, for messages ("'on Saturday'").
pub fn py_repr(s: &str) -> String {
    if s.contains('\'') && !s.contains('"') {
        format!("\"{}\"", s)
    } else {
        format!("'{}'", s.replace('\'', "\\'"))
    }
}

/// Python's str.strip() whitespace test.
pub fn is_py_space(c: char) -> bool {
    c.is_whitespace() || matches!(c, '\u{1c}'..='\u{1f}')
}

pub fn py_strip(s: &str) -> &str {
    s.trim_matches(is_py_space)
}
