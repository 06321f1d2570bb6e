//! Reading a person's name as it was typed ("Dr. Grace Hopper", "Hopper, Grace") into the
//! parts a greeting needs: title, given name, family name.
//!
//! This is a reading of Western name order only. Names written family name first ("Wang
//! Xiuying") cannot be told apart from given-first ones by their letters, so the people who
//! know say so with `given=` and `family=`; [`crate::Interviewer::given_name`] prefers that.

/// A name split into what a greeting uses.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct PersonName {
    /// "Dr.", "Prof.", "Ms." …, always with its full stop.
    pub title: Option<String>,
    pub given: String,
    /// With its particles: "de la Cruz", "van der Berg".
    pub family: String,
    /// The name given name first, without the title: "Grace Hopper".
    pub display: String,
}

/// Titles recognised at the start of a name, by their bare lower-case form, and how they are
/// written. "Miss" is a whole word, not an abbreviation, so it has no full stop.
const TITLES: &[(&str, &str)] = &[
    ("dr", "Dr."),
    ("prof", "Prof."),
    ("mr", "Mr."),
    ("ms", "Ms."),
    ("mrs", "Mrs."),
    ("mx", "Mx."),
    ("miss", "Miss"),
];

/// What may follow a name without being part of the family name.
const SUFFIXES: &[&str] = &[
    "jr", "sr", "ii", "iii", "iv", "phd", "md", "esq", "mba", "cpa", "dds", "rn",
];

/// Words that belong to the family name that follows them ("de la Cruz", "van der Berg").
const PARTICLES: &[&str] = &[
    "de", "del", "della", "der", "den", "di", "da", "das", "dos", "do", "du", "la", "le", "van",
    "von", "ter", "ten", "bin", "binti", "ibn", "al", "el", "st", "st.", "y",
];

fn bare(word: &str) -> String {
    word.trim_end_matches([',', '.']).to_lowercase()
}

fn title_of(word: &str) -> Option<&'static str> {
    let bare = bare(word);
    TITLES
        .iter()
        .find(|(key, _)| *key == bare)
        .map(|(_, written)| *written)
}

fn is_suffix(word: &str) -> bool {
    SUFFIXES.contains(&bare(word).replace('.', "").as_str())
}

fn is_particle(word: &str) -> bool {
    PARTICLES.contains(&word.to_lowercase().as_str())
}

/// Takes a leading title off `words` (only when a name is left after it).
fn take_title(words: &mut Vec<String>) -> Option<String> {
    let title = title_of(words.first()?)?;
    if words.len() < 2 {
        return None;
    }
    words.remove(0);
    Some(title.to_string())
}

/// Takes trailing suffixes off `words`, keeping at least one word.
fn take_suffixes(words: &mut Vec<String>) -> Vec<String> {
    let mut suffixes = Vec::new();
    while words.len() > 1 && words.last().is_some_and(|w| is_suffix(w)) {
        let word = words.pop().unwrap_or_default();
        suffixes.insert(0, word.trim_end_matches(',').to_string());
    }
    suffixes
}

/// Reads a name as people type it. See the module doc for what it cannot know.
///
/// - `"Dr. Grace Hopper"` → title `Dr.`, given `Grace`, family `Hopper`, display `Grace Hopper`
/// - `"Hopper, Grace"` → given `Grace`, family `Hopper`, display `Grace Hopper`
/// - `"Ana de la Cruz"` → family `de la Cruz`; `"Martin Luther King Jr."` → family `King`
/// - `"Cher"` → given and family both `Cher`
pub fn read_name(text: &str) -> PersonName {
    let parts: Vec<&str> = text
        .split(',')
        .map(str::trim)
        .filter(|p| !p.is_empty())
        .collect();
    let words_of =
        |part: &str| -> Vec<String> { part.split_whitespace().map(String::from).collect() };
    // "King, Martin Luther, Jr." is family first; "Martin Luther King, Jr." only has a
    // suffix after its comma.
    let family_first = parts.len() >= 2
        && !parts[1..]
            .iter()
            .all(|p| p.split_whitespace().all(is_suffix));

    let (title, given_words, family, suffixes) = if family_first {
        let mut family_words = words_of(parts[0]);
        let mut given_words = words_of(parts[1]);
        let title = take_title(&mut family_words).or_else(|| take_title(&mut given_words));
        let mut suffixes: Vec<String> = parts[2..].iter().flat_map(|p| words_of(p)).collect();
        let mut trailing = take_suffixes(&mut given_words);
        trailing.append(&mut suffixes);
        (title, given_words, family_words.join(" "), trailing)
    } else {
        let mut words: Vec<String> = parts.iter().flat_map(|p| words_of(p)).collect();
        let title = take_title(&mut words);
        let suffixes = take_suffixes(&mut words);
        // The family name is the last word with the particles before it, never the first
        // word: that one is the given name even when it looks like a particle ("Van").
        let mut start = words.len().saturating_sub(1);
        while start > 1 && is_particle(&words[start - 1]) {
            start -= 1;
        }
        let family = if words.len() > 1 {
            words.split_off(start).join(" ")
        } else {
            words.join(" ")
        };
        (title, words, family, suffixes)
    };

    // One word ("Cher") is both names.
    let given = given_words
        .first()
        .cloned()
        .unwrap_or_else(|| family.clone());
    let mut display_words: Vec<String> = given_words.clone();
    if given_words.is_empty() || given_words.join(" ") != family {
        display_words.push(family.clone());
    }
    display_words.extend(suffixes);
    PersonName {
        title,
        given,
        family,
        display: display_words.join(" ").trim().to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parts(text: &str) -> (Option<String>, String, String, String) {
        let n = read_name(text);
        (n.title, n.given, n.family, n.display)
    }

    fn plain(given: &str, family: &str, display: &str) -> (Option<String>, String, String, String) {
        (None, given.into(), family.into(), display.into())
    }

    #[test]
    fn titles_come_off_and_get_their_full_stop() {
        for (typed, written) in [
            ("Dr. Grace Hopper", "Dr."),
            ("Dr Grace Hopper", "Dr."),
            ("Prof. Grace Hopper", "Prof."),
            ("Mr Grace Hopper", "Mr."),
            ("Ms. Grace Hopper", "Ms."),
            ("Mrs Grace Hopper", "Mrs."),
            ("Mx Grace Hopper", "Mx."),
            ("dr. Grace Hopper", "Dr."),
        ] {
            let n = read_name(typed);
            assert_eq!(n.title.as_deref(), Some(written), "{typed}");
            assert_eq!((n.given.as_str(), n.family.as_str()), ("Grace", "Hopper"));
            assert_eq!(n.display, "Grace Hopper");
        }
        // A title alone is somebody's name, not a title of nobody.
        assert_eq!(parts("Dr"), plain("Dr", "Dr", "Dr"));
    }

    #[test]
    fn family_name_first_with_a_comma() {
        assert_eq!(
            parts("Hopper, Grace"),
            plain("Grace", "Hopper", "Grace Hopper")
        );
        assert_eq!(
            parts("Hopper, Grace Brewster"),
            plain("Grace", "Hopper", "Grace Brewster Hopper")
        );
        assert_eq!(
            parts("de la Cruz, Ana"),
            plain("Ana", "de la Cruz", "Ana de la Cruz")
        );
        let n = read_name("Hopper, Dr. Grace");
        assert_eq!(n.title.as_deref(), Some("Dr."));
        assert_eq!(n.display, "Grace Hopper");
    }

    #[test]
    fn middle_names_and_particles() {
        assert_eq!(
            parts("Grace Brewster Hopper"),
            plain("Grace", "Hopper", "Grace Brewster Hopper")
        );
        assert_eq!(
            parts("Ana de la Cruz"),
            plain("Ana", "de la Cruz", "Ana de la Cruz")
        );
        assert_eq!(
            parts("Maarten van der Berg"),
            plain("Maarten", "van der Berg", "Maarten van der Berg")
        );
        assert_eq!(
            parts("Hélène d'Aubigny"),
            plain("Hélène", "d'Aubigny", "Hélène d'Aubigny")
        );
        assert_eq!(
            parts("Van Morrison"),
            plain("Van", "Morrison", "Van Morrison")
        );
    }

    #[test]
    fn one_word_is_both_names() {
        assert_eq!(parts("Cher"), plain("Cher", "Cher", "Cher"));
        assert_eq!(parts("  Cher  "), plain("Cher", "Cher", "Cher"));
    }

    #[test]
    fn suffixes_are_not_the_family_name() {
        assert_eq!(
            parts("Martin Luther King Jr."),
            plain("Martin", "King", "Martin Luther King Jr.")
        );
        assert_eq!(
            parts("Martin Luther King, Jr."),
            plain("Martin", "King", "Martin Luther King Jr.")
        );
        assert_eq!(
            parts("Thurston Howell III"),
            plain("Thurston", "Howell", "Thurston Howell III")
        );
        let n = read_name("Dr. Grace Hopper, PhD");
        assert_eq!(
            (n.family.as_str(), n.display.as_str()),
            ("Hopper", "Grace Hopper PhD")
        );
        assert_eq!(
            parts("King, Martin Luther, Jr."),
            plain("Martin", "King", "Martin Luther King Jr.")
        );
    }

    #[test]
    fn nothing_typed_reads_as_nothing() {
        assert_eq!(read_name("  "), PersonName::default());
    }

    proptest::proptest! {
        #[test]
        fn never_panics_and_the_parts_are_in_the_display(text in "\\PC{0,40}") {
            let n = read_name(&text);
            proptest::prop_assert!(n.display.contains(&n.given));
            proptest::prop_assert!(n.display.contains(&n.family));
        }
    }
}
