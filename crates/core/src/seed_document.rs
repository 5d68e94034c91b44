//! What the two seed documents (a fixture, `crate::fixture`, and a snapshot, `crate::snapshot`)
//! share: the error that names where a document is wrong, and the rule that no string holds a NUL.

/// A fixture that could not be applied: where, and why.
#[derive(Debug, thiserror::Error)]
#[error("fixture {source_name}: at {path}: {message}")]
pub struct FixtureError {
    /// The file (or `demo`).
    pub source_name: String,
    /// The JSON path of the problem (`organizations[1].users[0].roles[2]`).
    pub path: String,
    /// What is wrong.
    pub message: String,
}

/// The rule of [`crate::input`] for a fixture or snapshot document: no string holds a NUL.
pub(crate) fn refuse_nul(source_name: &str, text: &str) -> Result<(), FixtureError> {
    match crate::input::nul_in_json_text(text.as_bytes()) {
        None => Ok(()),
        Some(path) => Err(FixtureError {
            source_name: source_name.to_owned(),
            message: crate::input::nul_message(&path),
            path,
        }),
    }
}
