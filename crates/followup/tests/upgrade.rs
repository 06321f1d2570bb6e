//! A database made by the first schema version opens with this binary and is upgraded in
//! place without loss. The fixture was written by `followup demo` at schema version 1.

use followup_core::ApplicationFile;

use crate::support::Followup;

const FIXTURE: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/schema-v1");

#[test]
fn a_first_version_store_is_upgraded_in_place() {
    let f = Followup::new();
    std::fs::copy(format!("{FIXTURE}/followup.db"), f.db()).unwrap();
    let versions = |f: &Followup| {
        let rt = tokio::runtime::Builder::new_current_thread()
            .enable_all()
            .build()
            .unwrap();
        rt.block_on(async {
            let store = followup_store::Store::open(f.data_dir()).await.unwrap();
            let v = store.schema_versions().await.unwrap();
            store.close().await;
            v
        })
    };

    // Everything the first version wrote reads back the same through the new binary. The
    // first version's exports are read with today's types, so fields added since then take
    // their defaults on both sides.
    let expected = std::fs::read_to_string(format!("{FIXTURE}/export.json")).unwrap();
    let expected: Vec<ApplicationFile> = serde_json::Deserializer::from_str(&expected)
        .into_iter::<ApplicationFile>()
        .map(|file| file.expect("the first version's export reads"))
        .collect();
    assert_eq!(expected.len(), 7);
    for old in &expected {
        let now = f.ok(&["export", &old.application.id]);
        let now = ApplicationFile::from_json("export", &now).unwrap();
        assert_eq!(&now, old, "{} survived the upgrade", old.application.id);
    }

    let latest = followup_store::Store::latest_schema_version();
    assert!(latest >= 2, "the fixture is older than the current schema");
    assert_eq!(
        versions(&f),
        (1..=latest).collect::<Vec<_>>(),
        "upgraded in place"
    );

    // The plans the newer schema keeps were computed on the way up.
    let agenda = f.json(&["--now", "2026-03-04T18:00:00-05:00", "due"]);
    let open = ["overdue", "due", "upcoming"]
        .iter()
        .map(|g| agenda[g].as_array().unwrap().len())
        .sum::<usize>();
    assert!(open > 0, "{agenda}");

    // And it keeps working: a new application takes the next free id.
    let added = f.json(&["app", "add", "Initech", "Analyst"]);
    assert_eq!(added["id"], "a8");
}
