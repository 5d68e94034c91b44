//! `/api/v2/tokens/me`: who the current token is, and revoking it.

use orgtrust_api::TokenInfo;

use crate::{Call, Client, Result};

impl Client {
    /// `GET /api/v2/tokens/me`: the organization, home organization, OAuth client and (for a
    /// cloned user) the clone behind the current token.
    pub async fn get_tokens_me(&self) -> Result<TokenInfo> {
        self.json(Call::get("/api/v2/tokens/me".to_owned())).await
    }

    /// `DELETE /api/v2/tokens/me`: revokes the current token on the server. The client keeps
    /// it (so a later call shows the 401); call [`Client::set_token`] with `None` to forget it.
    pub async fn delete_tokens_me(&self) -> Result<()> {
        self.empty(Call::delete("/api/v2/tokens/me".to_owned()))
            .await
    }
}
