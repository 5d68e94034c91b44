//! Picks the storage backend from the database URL: the one place that names concrete stores.

use std::sync::Arc;

use anyhow::Context;
use orgtrust_core::store::Store;
#[cfg(feature = "postgres")]
use orgtrust_store_postgres::PgStore;
use orgtrust_store_sqlite::SqliteStore;

/// An open store, with what is needed to close it cleanly.
pub enum OpenStore {
    /// The embedded default.
    Sqlite(Arc<SqliteStore>),
    /// PostgreSQL, shared by several instances.
    #[cfg(feature = "postgres")]
    Postgres(Arc<PgStore>),
}

impl OpenStore {
    /// Opens the store named by `url` and applies its migrations.
    pub async fn open(url: &str) -> anyhow::Result<Self> {
        if is_postgres(url) {
            #[cfg(not(feature = "postgres"))]
            anyhow::bail!(
                "this orgtrust was built without PostgreSQL support (cargo feature `postgres`)"
            );
            #[cfg(feature = "postgres")]
            Ok(Self::Postgres(Arc::new(
                PgStore::open(url)
                    .await
                    .with_context(|| format!("cannot open {}", redact(url)))?,
            )))
        } else {
            Ok(Self::Sqlite(Arc::new(
                SqliteStore::open(url)
                    .await
                    .with_context(|| format!("cannot open {url}"))?,
            )))
        }
    }

    /// The store behind the traits.
    pub fn as_dyn(&self) -> Arc<dyn Store> {
        match self {
            Self::Sqlite(s) => s.clone(),
            #[cfg(feature = "postgres")]
            Self::Postgres(s) => s.clone(),
        }
    }

    /// Closes the connections (after the server has drained).
    pub async fn close(&self) {
        match self {
            Self::Sqlite(s) => s.close().await,
            #[cfg(feature = "postgres")]
            Self::Postgres(s) => s.close().await,
        }
    }
}

fn is_postgres(url: &str) -> bool {
    url.starts_with("postgres://") || url.starts_with("postgresql://")
}

/// The URL without its password, for messages.
pub fn redact(url: &str) -> String {
    match (url.find("://"), url.rfind('@')) {
        (Some(scheme), Some(at)) if at > scheme => {
            let creds = &url[scheme + 3..at];
            match creds.split_once(':') {
                Some((user, _)) => format!("{}{user}:***{}", &url[..scheme + 3], &url[at..]),
                None => url.to_owned(),
            }
        }
        _ => url.to_owned(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn passwords_are_redacted() {
        assert_eq!(
            redact("postgres://u:secret@h:5432/db"),
            "postgres://u:***@h:5432/db"
        );
        assert_eq!(redact("postgres://u@h/db"), "postgres://u@h/db");
        assert_eq!(redact("sqlite://orgtrust.db"), "sqlite://orgtrust.db");
    }
}
