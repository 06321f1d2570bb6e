//! Every harper rule we keep exists in harper's curated group, once: a rule renamed or
//! removed by a harper upgrade must not silently stop checking.

use std::collections::BTreeSet;

use followup_language::{KEPT_RULES, lean_group};
use harper_core::spell::FstDictionary;

#[test]
fn every_kept_rule_is_one_of_harpers() {
    let group = lean_group(FstDictionary::curated());
    let harpers: BTreeSet<&str> = group.iter_keys().collect();
    let missing: Vec<&&str> = KEPT_RULES
        .iter()
        .filter(|r| !harpers.contains(**r))
        .collect();
    assert!(missing.is_empty(), "not in harper: {missing:?}");
    let unique: BTreeSet<&&str> = KEPT_RULES.iter().collect();
    assert_eq!(unique.len(), KEPT_RULES.len(), "a rule is listed twice");
    for rule in KEPT_RULES {
        assert!(group.config.is_rule_enabled(rule), "{rule} is off");
    }
    let on = harpers
        .iter()
        .filter(|r| group.config.is_rule_enabled(r))
        .count();
    assert_eq!(on, KEPT_RULES.len(), "only the kept rules run");
}
