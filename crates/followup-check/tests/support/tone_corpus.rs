//! Reading the tone corpus in the test and in the cross-validation example alike.

/// Every sentence file of `class` in `dir`, one after another.
pub fn sentences_of(dir: &std::path::Path, class: &str) -> String {
    let mut files: Vec<_> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| {
            followup_check::tone::training::is_file_of(
                class,
                &p.file_name().unwrap().to_string_lossy(),
            )
        })
        .collect();
    files.sort();
    files
        .iter()
        .map(|p| std::fs::read_to_string(p).unwrap() + "\n")
        .collect()
}
