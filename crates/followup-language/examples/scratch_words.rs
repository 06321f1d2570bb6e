use harper_core::Document;
use harper_core::spell::{Dictionary, FstDictionary};
fn main() {
    let d = FstDictionary::curated();
    let args: Vec<String> = std::env::args().skip(1).collect();
    if args.first().map(String::as_str) == Some("-s") {
        let doc = Document::new_plain_english(&args[1..].join(" "), &*d);
        for t in doc.get_tokens() {
            let text: String = doc.get_span_content(&t.span).iter().collect();
            let tag = t
                .kind
                .as_word()
                .and_then(|m| m.as_ref())
                .and_then(|m| m.pos_tag);
            print!("{text}/{tag:?} ");
        }
        println!();
        return;
    }
    for w in args {
        match d.get_word_metadata_str(&w) {
            Some(m) => println!(
                "{w}: lemma={} 3sg={} past={} pp={} prog={} noun={} sing={} plural_only={} countable={} massonly={} adj={} adv={}",
                m.is_verb_lemma(),
                m.is_verb_third_person_singular_present_form(),
                m.is_verb_past_form(),
                m.is_verb_past_participle_form(),
                m.is_verb_progressive_form(),
                m.is_noun(),
                m.is_singular_noun(),
                m.is_plural_noun_only(),
                m.is_countable_noun(),
                m.is_mass_noun_only(),
                m.is_adjective(),
                m.is_adverb()
            ),
            None => println!("{w}: -"),
        }
    }
}
