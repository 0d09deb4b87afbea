//! Who a sentence says made its claim: "according to ...", "..., said X", "..., the general
//! staff said", "Ukraine's general staff said ...". Best-effort spans, cleaned.

use regex::Regex;

use crate::text::compile as re;

const SPEECH_VERBS: &str = "said|says|told|admitted|acknowledged|announced|reported|claimed|stated|added|showed|confirmed";

pub struct Attribution {
    speech: Regex,
    according: Regex,
    inverted: Regex,
    leading: Regex,
    verb_after: Regex,
    trailing: Regex,
    relative_start: Regex,
    capitalised_words: Regex,
    descriptor_start: Regex,
    relative: Regex,
    leading_filler: Regex,
    on_television: Regex,
}


impl Attribution {
    pub fn new() -> Attribution {
        Attribution {
            speech: re(&format!(r"\b(?:{SPEECH_VERBS})\b")),
            according: re(r"(?i)\baccording\s+to\s+([^,.;]+)"),
            inverted: re(&format!(r",\s*(?:{SPEECH_VERBS})\s+((?:the\s+)?(?:[A-Z][\w'’.-]*\s*){{1,5}})(?:,|$)")),
            // Python's "^(.*?)\s+(?:said|...)\b": the subject is what precedes the first such verb
            leading: re(&format!(r"\s+(?:{SPEECH_VERBS})\b")),
            trailing: re(&format!(r",\s*([^,]+?),?\s+(?:{SPEECH_VERBS})\b[^,]*$")),
            verb_after: re(&format!(r",?\s+(?:{SPEECH_VERBS})\b")),
            relative_start: re(r"^(?:whose|who|which|when|where)\b"),
            capitalised_words: re(r"^(?:[A-Z][\w'’-]+\s*){1,4}$"),
            descriptor_start: re(r"^(?:the|its|a|an)\b"),
            relative: re(r",\s*(?:whose|who|which)\b"),
            leading_filler: re(r"^(?:Meanwhile|Separately|However|But|And|Also)\s*,?\s*"),
            on_television: re(r"\s+(?:on|in)\s+(?:Ukrainian|Russian)?\s*(?:television|TV)$"),
        }
    }

    /// Who the sentence says made the claim, or None.
    pub fn of(&self, text: &str) -> Option<String> {
        let text = text.trim_end_matches(|c| ".!?\"”’ ".contains(c));
        if let Some(speaker) = self.according_to(text).and_then(|s| self.clean(&s)) {
            return Some(speaker);
        }
        // the other three forms all need a speech verb: one scan for it first
        if !self.speech.is_match(text) {
            return None;
        }
        let readers: [&dyn Fn(&str) -> Option<String>; 3] =
            [&|t| self.inverted_speaker(t), &|t| self.trailing_speaker(t), &|t| self.leading_speaker(t)];
        readers.iter().find_map(|read| read(text).and_then(|s| self.clean(&s)))
    }

    fn according_to(&self, text: &str) -> Option<String> {
        self.according.captures(text).map(|c| c[1].to_string())
    }

    /// "..., said Oleksiy Arestovych, an adviser ..."
    fn inverted_speaker(&self, text: &str) -> Option<String> {
        self.inverted.captures(text).map(|c| c[1].to_string())
    }

    /// "..., the general staff said in an evening update"; "..., the city's leader, Oleksiy Babchenko, said"
    fn trailing_speaker(&self, text: &str) -> Option<String> {
        // The pattern's speaker group is lazy: the shortest comma-free run after the comma that a
        // speech verb follows. The automaton finds the match; the group is then read off by hand
        // (the regex crate's capture engine costs ~14,000 instructions on such a span).
        let whole = self.trailing.find(text)?;
        let span = whole.as_str();
        let from = 1 + (span.len() - 1 - span[1..].trim_start().len());
        let speaker = self.verb_after.find_iter(&span[from..]).find_map(|v| {
            let group = &span[from..from + v.start()];
            let tail = &span[from + v.end()..];
            (!group.is_empty() && !group.contains(',') && !tail.contains(',')).then(|| group)
        })?;
        if self.relative_start.is_match(speaker) {
            return None;
        }
        let head = &text[..whole.start()];
        if self.capitalised_words.is_match(speaker) && head.contains(',') {
            let descriptor = head.rsplit(',').next().unwrap_or("").trim();
            if self.descriptor_start.is_match(descriptor) && descriptor.split_whitespace().count() <= 5 {
                return Some(format!("{descriptor}, {speaker}"));
            }
        }
        Some(speaker.to_string())
    }

    /// "Ukraine's general staff said ..."; "Kyiv, whose troops ..., said ..."
    fn leading_speaker(&self, text: &str) -> Option<String> {
        let verb = self.leading.find(text)?;
        let subject = &text[..verb.start()];
        if let Some(relative) = self.relative.find(subject) {
            return Some(subject[..relative.start()].to_string());
        }
        Some(subject.rsplit(',').next().unwrap_or(subject).to_string())
    }

    fn clean(&self, raw: &str) -> Option<String> {
        let speaker = raw.trim_matches(|c| " \"“”'’".contains(c));
        let speaker = self.leading_filler.replace(speaker, "");
        let speaker = self.on_television.replace(&speaker, "").into_owned();
        let lowered = speaker.to_lowercase();
        if speaker.is_empty() || speaker.split_whitespace().count() > 12
            || ["it", "he", "she", "they"].contains(&lowered.as_str()) {
            return None;
        }
        Some(speaker)
    }
}
