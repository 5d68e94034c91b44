//! `/_orgtrust/snapshot` of a server run with `--emulator`: the whole state exported, or
//! replaced. The client's token is the operator token (when the server has one).

use crate::{Call, Client, Result};

impl Client {
    /// `GET /_orgtrust/snapshot`: the whole state as a snapshot document.
    pub async fn export_snapshot(&self) -> Result<serde_json::Value> {
        self.json(Call::get("/_orgtrust/snapshot".to_owned())).await
    }

    /// `POST /_orgtrust/snapshot`: replaces the whole state by `doc` (all or nothing).
    pub async fn import_snapshot(&self, doc: &serde_json::Value) -> Result<()> {
        self.empty(Call::post("/_orgtrust/snapshot".to_owned()).json(doc)?)
            .await
    }
}
