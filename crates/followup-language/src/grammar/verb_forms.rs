//! The verb form after "to", a modal or "do": "I look forward to hear", "I can sent", "does
//! the team uses", "has already spoke" (seed 002: careless forms undo a careful note).

use super::{Lexicon, MODALS, Slip, Word, skip_adverbs};
use harper_brill::UPOS;

/// Words after which "to" is a preposition, and "-ing" follows it rightly.
const TO_TAKES_ING: &[&str] = &[
    "forward",
    "committed",
    "dedicated",
    "used",
    "open",
    "devoted",
    "key",
    "close",
    "addition",
    "respect",
    "regard",
    "contribute",
    "contributed",
    "object",
    "accustomed",
    "approach",
    "commitment",
    "transition",
    "moved",
    "return",
    "returned",
    "response",
    "thanks",
    "due",
    "attention",
    "prior",
    "opposed",
    "similar",
    "related",
    "exposure",
    "introduction",
];

/// `text` without its last character ("stopp" → "stop").
fn without_last(text: &str) -> String {
    let mut chars = text.chars();
    chars.next_back();
    chars.as_str().to_string()
}

/// The plain form of a verb by harper's dictionary: the lemma it derives from.
fn plain(word: &Word, is_verb: &dyn Fn(&str) -> bool) -> Option<String> {
    let w = word.lower.as_str();
    let irregular = [
        ("sent", "send"),
        ("spoke", "speak"),
        ("went", "go"),
        ("wrote", "write"),
        ("took", "take"),
        ("gave", "give"),
        ("made", "make"),
        ("came", "come"),
        ("saw", "see"),
        ("knew", "know"),
        ("got", "get"),
        ("had", "have"),
        ("did", "do"),
        ("was", "be"),
        ("were", "be"),
        ("learnt", "learn"),
        ("met", "meet"),
        ("told", "tell"),
        ("thought", "think"),
        ("brought", "bring"),
        ("began", "begin"),
        ("chose", "choose"),
        ("felt", "feel"),
        ("heard", "hear"),
        ("kept", "keep"),
        ("left", "leave"),
        ("paid", "pay"),
        ("said", "say"),
        ("found", "find"),
        ("built", "build"),
        ("led", "lead"),
        ("ran", "run"),
        ("is", "be"),
        ("has", "have"),
        ("does", "do"),
        ("makes", "make"),
        ("goes", "go"),
    ];
    if let Some((_, base)) = irregular.iter().find(|(form, _)| *form == w) {
        return Some(base.to_string());
    }
    let meta = word.meta.as_ref()?;
    // A plain form already ("bring", "sing"): nothing to change.
    if meta.is_verb_lemma() && !meta.is_verb_past_form() {
        return None;
    }
    let candidates: Vec<String> = if let Some(stem) = w.strip_suffix("ing") {
        vec![stem.to_string(), format!("{stem}e"), without_last(stem)]
    } else if let Some(stem) = w.strip_suffix("ied") {
        vec![format!("{stem}y")]
    } else if let Some(stem) = w.strip_suffix("ed") {
        vec![stem.to_string(), format!("{stem}e"), without_last(stem)]
    } else if let Some(stem) = w.strip_suffix("ies") {
        vec![format!("{stem}y")]
    } else if let Some(stem) = w.strip_suffix("es") {
        vec![stem.to_string(), format!("{stem}e")]
    } else if let Some(stem) = w.strip_suffix('s') {
        vec![stem.to_string()]
    } else {
        return None;
    };
    // The stem must be a verb the dictionary knows ("discuss", "reschedule", "expect").
    candidates
        .into_iter()
        .find(|c| c.chars().count() >= 2 && is_verb(c))
}

fn inflected(word: &Word) -> bool {
    let w = word.lower.as_str();
    word.word()
        && word.verb()
        && (w.ends_with("ed")
            || w.ends_with("ing")
            || (w.ends_with('s') && !w.ends_with("ss"))
            || [
                "sent", "spoke", "went", "wrote", "took", "gave", "made", "came", "saw", "knew",
                "got", "did", "learnt", "met", "told", "thought", "brought", "began", "chose",
            ]
            .contains(&w))
}

pub fn check(s: &[Word], lexicon: &Lexicon, found: &mut Vec<Slip>) {
    let is_verb = &|w: &str| lexicon.is_verb(w);
    for i in 0..s.len() {
        let w = &s[i];
        // "to" + a past or present-participle form, where "to" marks an infinitive.
        if w.is(&["to"]) && i > 0 && !s[i - 1].is(TO_TAKES_ING) && s[i - 1].word() {
            if let Some(next) = s.get(i + 1)
                && inflected(next)
                // "to samples of my work", "to interested parties": a noun phrase after the
                // preposition "to", not a verb.
                && (!next.lower.ends_with('s') || next.lower.ends_with("ss"))
                && !s.get(i + 2).is_some_and(|n| n.noun() && !next.lower.ends_with("ing"))
                && !(next.lower.ends_with("ing") && !s[i - 1].tagged(UPOS::ADJ) && !s[i - 1].is(&["like", "want", "wanted", "need", "hope", "hoping", "plan", "able", "happy", "glad", "eager", "keen", "love", "would"]))
                && let Some(base) = plain(next, is_verb)
            {
                found.push(Slip::new(
                    &s[i..=i + 1],
                    format!("after \"to\" a verb takes its plain form: \"to {base}\""),
                    format!("to {base}"),
                ));
            }
            continue;
        }
        // A modal + an inflected verb: "can sent", "might expected", "will makes".
        if w.is(MODALS) {
            let v = skip_adverbs(s, i + 1);
            if let Some(next) = s.get(v)
                && inflected(next)
                && !next.lower.ends_with("ing")
                && !next.is(&["been", "had"])
                && let Some(base) = plain(next, is_verb)
            {
                found.push(plain_form_after(w, &s[v..=v], base));
            }
            continue;
        }
        // A question with "do": "Does the team uses …?", "did you received …?"
        if w.is(&["does", "did", "do"])
            && (i == 0
                || s[i - 1].mark.is_some()
                || s[i - 1].is(&["when", "how", "why", "what", "where"]))
        {
            let mut v = i + 1;
            while v < s.len() && !s[v].verb() && s[v].word() && v < i + 6 {
                v += 1;
            }
            if v > i + 1
                && let Some(next) = s.get(v)
                && inflected(next)
                && !next.lower.ends_with("ing")
                && let Some(base) = plain(next, is_verb)
            {
                found.push(plain_form_after(w, &s[v..=v], base));
            }
        }
        // "is generate", "has finish": "be" or a perfect before a plain verb, which wants
        // its past participle.
        let be = w.is(&[
            "is", "are", "was", "were", "am", "be", "been", "being", "it's", "that's",
        ]);
        let perfect = w.is(&["has", "have", "had"]);
        if (be || perfect) && !s[..i].iter().any(|b| b.is(&["did", "do", "does"])) {
            let v = skip_adverbs(s, i + 1);
            if let Some(next) = s.get(v)
                && next.tagged(UPOS::VERB)
                // "have finish the work": a noun as well, but a verb with its object here.
                && next.meta.as_ref().is_some_and(|m| {
                    m.is_verb_lemma()
                        && (!m.is_noun()
                            || (perfect
                                && s.get(v + 1).is_some_and(|o| {
                                    o.is(&["the", "my", "our", "your", "their", "this", "it", "them"])
                                })))
                        && !m.is_adjective()
                        && !m.is_verb_past_form()
                        && !m.is_verb_third_person_singular_present_form()
                })
                && !next.is(&["help", "let"])
                && let Some(participle) = lexicon.past_participle(&next.lower)
            {
                found.push(Slip::new(
                    &s[v..=v],
                    format!(
                        "after \"{}\" the verb takes its past participle, \"{participle}\", not its plain form",
                        w.text
                    ),
                    participle,
                ));
                continue;
            }
        }
        // "has already spoke": a perfect takes the past participle.
        if w.is(&["has", "have", "had"]) {
            let v = skip_adverbs(s, i + 1);
            if let Some(next) = s.get(v)
                && let Some(participle) = participle_of(&next.lower)
            {
                found.push(Slip::new(
                    &s[v..=v],
                    format!(
                        "after \"{}\" the verb takes its past participle, \"{participle}\"",
                        w.text
                    ),
                    participle.to_string(),
                ));
            }
        }
    }
}

/// A verb after `word` ("can", "does") that should take its plain form, `base`.
fn plain_form_after(word: &Word, verb: &[Word], base: String) -> Slip {
    Slip::new(
        verb,
        format!(
            "after \"{}\" a verb takes its plain form: \"{base}\"",
            word.text
        ),
        base,
    )
}

/// The past participle of a verb whose simple past differs from it.
pub(super) fn participle_of(simple_past: &str) -> Option<&'static str> {
    Some(match simple_past {
        "spoke" => "spoken",
        "went" => "gone",
        "wrote" => "written",
        "took" => "taken",
        "gave" => "given",
        "began" => "begun",
        "chose" => "chosen",
        "knew" => "known",
        "saw" => "seen",
        "came" => "come",
        "ate" => "eaten",
        "drove" => "driven",
        "forgot" => "forgotten",
        "grew" => "grown",
        "ran" => "run",
        "rode" => "ridden",
        "showed" => return None,
        "stole" => "stolen",
        "swam" => "swum",
        "threw" => "thrown",
        "woke" => "woken",
        "broke" => "broken",
        "flew" => "flown",
        "drew" => "drawn",
        "did" => "done",
        _ => return None,
    })
}
