//! Picks the storage backend from the database URL: the one place that names concrete stores.

use std::path::PathBuf;
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

/// What opening a new SQLite database made on disk (the file and the folders created for it), so
/// that a start that fails afterwards can take it away again ([`Created::discard`]).
#[derive(Debug, Default)]
#[must_use = "a failed start discards what the open created"]
pub struct Created {
    file: Option<PathBuf>,
    /// Deepest first.
    dirs: Vec<PathBuf>,
}

impl Created {
    /// Removes the database file (with its `-wal`, `-shm` and `-journal` companions) and the
    /// folders made for it, if they hold nothing else. Call after closing the store.
    pub fn discard(self) {
        if let Some(file) = &self.file {
            for suffix in ["", "-wal", "-shm", "-journal"] {
                let mut name = file.clone().into_os_string();
                name.push(suffix);
                let _ = std::fs::remove_file(PathBuf::from(name));
            }
        }
        for dir in &self.dirs {
            let _ = std::fs::remove_dir(dir);
        }
    }
}

impl OpenStore {
    /// Opens the store named by `url` and applies its migrations. A new SQLite file gets the
    /// folders it needs; if opening fails, what it created is removed again.
    pub async fn open(url: &str) -> anyhow::Result<(Self, Created)> {
        let created = prepare_sqlite(url)?;
        match Self::open_store(url).await {
            Ok(store) => Ok((store, created)),
            Err(e) => {
                created.discard();
                Err(e)
            }
        }
    }

    async fn open_store(url: &str) -> anyhow::Result<Self> {
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

/// Whether `url` names PostgreSQL.
pub fn is_postgres(url: &str) -> bool {
    url.starts_with("postgres://") || url.starts_with("postgresql://")
}

/// The file of an SQLite database URL (`sqlite://path`, `sqlite:path`, query stripped); `None`
/// for PostgreSQL and in-memory databases.
pub fn sqlite_file(url: &str) -> Option<PathBuf> {
    if is_postgres(url) {
        return None;
    }
    let rest = url
        .strip_prefix("sqlite://")
        .or_else(|| url.strip_prefix("sqlite:"))
        .unwrap_or(url);
    let path = rest.split('?').next().unwrap_or(rest);
    (!path.is_empty() && !path.contains(":memory:") && !url.contains("mode=memory"))
        .then(|| PathBuf::from(path))
}

/// For a new SQLite file, creates its missing folders; answers what will be new on disk.
fn prepare_sqlite(url: &str) -> anyhow::Result<Created> {
    let Some(file) = sqlite_file(url) else {
        return Ok(Created::default());
    };
    if file.exists() {
        return Ok(Created::default());
    }
    let mut dirs = Vec::new();
    let mut dir = file.parent();
    while let Some(d) = dir.filter(|d| !d.as_os_str().is_empty() && !d.exists()) {
        dirs.push(d.to_owned());
        dir = d.parent();
    }
    if let Some(deepest) = dirs.first() {
        std::fs::create_dir_all(deepest).with_context(|| {
            format!(
                "cannot create the folder {} of the database",
                deepest.display()
            )
        })?;
    }
    Ok(Created {
        file: Some(file),
        dirs,
    })
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

    #[test]
    fn sqlite_urls_name_their_file() {
        let file = |url| sqlite_file(url).map(|p| p.display().to_string());
        assert_eq!(file("sqlite://orgtrust.db").as_deref(), Some("orgtrust.db"));
        assert_eq!(
            file("sqlite:///var/x/o.db?mode=rwc").as_deref(),
            Some("/var/x/o.db")
        );
        assert_eq!(file("sqlite:o.db").as_deref(), Some("o.db"));
        assert_eq!(sqlite_file("sqlite::memory:"), None);
        assert_eq!(sqlite_file("sqlite://x.db?mode=memory"), None);
        assert_eq!(sqlite_file("postgres://u@h/db"), None);
    }

    #[test]
    fn a_new_file_gets_its_folders_and_discard_takes_them_away() {
        let dir = tempfile::tempdir().expect("tempdir");
        let file = dir.path().join("a/b/x.db");
        let created = prepare_sqlite(&format!("sqlite://{}", file.display())).expect("prepare");
        assert!(dir.path().join("a/b").is_dir());
        std::fs::write(&file, b"x").expect("write");
        std::fs::write(dir.path().join("a/b/x.db-wal"), b"x").expect("write");
        created.discard();
        assert!(
            !dir.path().join("a").exists(),
            "folders made for it are removed"
        );
        // An existing file is never discarded.
        std::fs::write(dir.path().join("y.db"), b"y").expect("write");
        let kept =
            prepare_sqlite(&format!("sqlite://{}/y.db", dir.path().display())).expect("prepare");
        kept.discard();
        assert!(dir.path().join("y.db").exists());
    }
}
