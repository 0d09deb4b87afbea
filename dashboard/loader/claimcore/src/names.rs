//! Runs of capitalised words ("Nova Kakhovka", "Kup'yans'k", "Velykyi Burluk"), scanned by hand.
//!
//! The same as the regex `\b[A-Z][a-z'’]+(?:-[A-Z]?[a-z'’]+)*(?:\s+[A-Z][a-z'’]+(?:-[A-Z]?[a-z'’]+)*)*`
//! (ASCII `\b`), which the test below checks on many strings; a plain loop over the sentence,
//! with no automaton to set up for each of the many short sentences it is run on.

fn is_name_letter(c: char) -> bool {
    c.is_ascii_lowercase() || c == '\'' || c == '’'
}

/// End of a run of one or more `[a-z'’]` starting at `i`.
fn letters_from(text: &str, i: usize) -> Option<usize> {
    let run: usize = text[i..].chars().take_while(|c| is_name_letter(*c)).map(char::len_utf8).sum();
    if run > 0 { Some(i + run) } else { None }
}

/// End of one word `[A-Z][a-z'’]+(?:-[A-Z]?[a-z'’]+)*` starting at `i`.
fn word_from(text: &str, i: usize) -> Option<usize> {
    let b = text.as_bytes();
    if i >= b.len() || !b[i].is_ascii_uppercase() {
        return None;
    }
    let mut end = letters_from(text, i + 1)?;
    while end < b.len() && b[end] == b'-' {
        let after = if end + 1 < b.len() && b[end + 1].is_ascii_uppercase() { end + 2 } else { end + 1 };
        match letters_from(text, after) {
            Some(e) => end = e,
            None => break,
        }
    }
    Some(end)
}

/// Every run of capitalised words in `text`, as byte spans, left to right.
pub fn capitalised_runs(text: &str) -> Vec<(usize, usize)> {
    let b = text.as_bytes();
    let mut runs = Vec::new();
    let mut i = 0;
    while i < b.len() {
        let boundary = i == 0 || !(b[i - 1].is_ascii_alphanumeric() || b[i - 1] == b'_');
        if !(boundary && b[i].is_ascii_uppercase()) {
            i += 1;
            continue;
        }
        let mut end = match word_from(text, i) {
            Some(e) => e,
            None => {
                i += 1;
                continue;
            }
        };
        loop {
            let space: usize = text[end..].chars().take_while(|c| c.is_whitespace()).map(char::len_utf8).sum();
            match if space > 0 { word_from(text, end + space) } else { None } {
                Some(e) => end = e,
                None => break,
            }
        }
        runs.push((i, end));
        i = end;
    }
    runs
}

#[cfg(test)]
mod tests {
    use super::capitalised_runs;
    use regex::Regex;

    #[test]
    fn same_as_the_regex() {
        let re = Regex::new(r"(?-u:\b)[A-Z][a-z'’]+(?:-[A-Z]?[a-z'’]+)*(?:\s+[A-Z][a-z'’]+(?:-[A-Z]?[a-z'’]+)*)*").unwrap();
        let samples = [
            "Russian troops have left Svatove in Luhansk province, said Serhiy Haidai.",
            "Kup'yans'k and Nova Kakhovka, Velykyi Burluk-Nova; A B. Ab-Cd-ef X-y Zz-  Qq ’Tt  Uu\u{a0}Vv",
            "On Saturday the U.S. said (Izium) was retaken—Balakliia too.  Kharkiv’s  Oblast-",
            "éKyiv _Lviv 3Odesa Kyiv-Pechersk Kyiv- Pechersk Mc Donald A-Bc a-Bc \"Bakhmut\" “Lyman”",
            "", "A", "Ab", "AB", "Ab ", "Ab\n\nCd", "Ab \tcd", "Ab-", "Ab-C", "Ab-Cd", "Ab-cd-Ef-gh Ij",
        ];
        for s in samples {
            let want: Vec<(usize, usize)> = re.find_iter(s).map(|m| (m.start(), m.end())).collect();
            assert_eq!(capitalised_runs(s), want, "on {s:?}");
        }
    }
}
