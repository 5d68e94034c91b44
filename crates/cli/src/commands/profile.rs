//! Named login profiles in `$XDG_CONFIG_HOME/orgtrust/profiles.toml` (else
//! `~/.config/orgtrust/profiles.toml`): server, client id, who logged in, the token and when it
//! expires. The file holds bearer tokens, so it is written owner-only (0600, directory 0700)
//! and replaced atomically; secrets (client secret, password) are never stored.

use std::collections::BTreeMap;
use std::io::Write;
use std::path::{Path, PathBuf};

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

use super::CliError;

/// One profile.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Profile {
    /// Base URL of the server.
    pub server: String,
    /// The OAuth client used to log in.
    pub client_id: String,
    /// The user who logged in (password logins), if any.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub username: Option<String>,
    /// The organization the token acts in (from `GET /api/v2/tokens/me`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub organization_id: Option<String>,
    /// Its name.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub organization_name: Option<String>,
    /// The organization asked for with `--target`, if any.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub target: Option<String>,
    /// The bearer token.
    pub token: String,
    /// When the token stops working (issue time plus `expires_in`).
    pub expires_at: DateTime<Utc>,
}

impl Profile {
    /// Whether the token has expired at `now`.
    pub fn expired(&self, now: DateTime<Utc>) -> bool {
        now >= self.expires_at
    }
}

/// The profiles file.
#[derive(Debug, Default, Serialize, Deserialize)]
pub struct Profiles {
    /// Profiles by name.
    #[serde(default)]
    profiles: BTreeMap<String, Profile>,
}

impl Profiles {
    /// Where the file is: `$XDG_CONFIG_HOME/orgtrust/profiles.toml`, else
    /// `$HOME/.config/orgtrust/profiles.toml`.
    pub fn path() -> Result<PathBuf, CliError> {
        let base = match std::env::var_os("XDG_CONFIG_HOME").filter(|v| !v.is_empty()) {
            // The XDG spec ignores relative values.
            Some(dir) if Path::new(&dir).is_absolute() => PathBuf::from(dir),
            _ => {
                let home = std::env::var_os("HOME")
                    .filter(|v| !v.is_empty())
                    .ok_or_else(|| {
                        CliError::Usage(
                            "neither XDG_CONFIG_HOME nor HOME is set: cannot find the profiles file"
                                .into(),
                        )
                    })?;
                PathBuf::from(home).join(".config")
            }
        };
        Ok(base.join("orgtrust").join("profiles.toml"))
    }

    /// Reads the file; a missing file is an empty set of profiles.
    pub fn load(path: &Path) -> Result<Self, CliError> {
        match std::fs::read_to_string(path) {
            Ok(text) => toml::from_str(&text)
                .map_err(|e| CliError::Other(format!("cannot parse {}: {e}", path.display()))),
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(Self::default()),
            Err(e) => Err(CliError::Other(format!(
                "cannot read {}: {e}",
                path.display()
            ))),
        }
    }

    /// The profile called `name`.
    pub fn get(&self, name: &str) -> Option<&Profile> {
        self.profiles.get(name)
    }

    /// Adds or replaces the profile called `name`.
    pub fn set(&mut self, name: &str, profile: Profile) {
        self.profiles.insert(name.to_owned(), profile);
    }

    /// Writes the file owner-only: a 0600 temporary file in the same directory, renamed over the
    /// old one so a reader never sees half a file.
    pub fn save(&self, path: &Path) -> Result<(), CliError> {
        let fail = |what: &str, e: std::io::Error| {
            CliError::Other(format!("cannot {what} {}: {e}", path.display()))
        };
        let text = toml::to_string_pretty(self)
            .map_err(|e| CliError::Other(format!("cannot encode the profiles: {e}")))?;
        let dir = path.parent().unwrap_or(Path::new("."));
        create_private_dir(dir).map_err(|e| fail("create the directory of", e))?;
        let tmp = dir.join(format!(".profiles.toml.{}.tmp", std::process::id()));
        let written = (|| {
            let mut f = private_file(&tmp)?;
            f.write_all(text.as_bytes())?;
            f.sync_all()?;
            std::fs::rename(&tmp, path)
        })();
        if let Err(e) = written {
            let _ = std::fs::remove_file(&tmp);
            return Err(fail("write", e));
        }
        Ok(())
    }
}

/// Creates `dir` (and parents), the last one owner-only.
fn create_private_dir(dir: &Path) -> std::io::Result<()> {
    #[cfg(unix)]
    {
        use std::os::unix::fs::DirBuilderExt;
        std::fs::DirBuilder::new()
            .recursive(true)
            .mode(0o700)
            .create(dir)
    }
    #[cfg(not(unix))]
    {
        std::fs::create_dir_all(dir)
    }
}

/// Creates (truncating) a file readable and writable by its owner only.
fn private_file(path: &Path) -> std::io::Result<std::fs::File> {
    let mut options = std::fs::OpenOptions::new();
    options.write(true).create(true).truncate(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        options.mode(0o600);
    }
    let file = options.open(path)?;
    // `mode` only applies when the file is created; make sure of it either way.
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        file.set_permissions(std::fs::Permissions::from_mode(0o600))?;
    }
    Ok(file)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn profile(token: &str) -> Profile {
        Profile {
            server: "http://127.0.0.1:1".into(),
            client_id: "c".into(),
            username: None,
            organization_id: Some("o".into()),
            organization_name: None,
            target: None,
            token: token.into(),
            expires_at: DateTime::from_timestamp(2_000_000_000, 0).expect("date"),
        }
    }

    #[test]
    fn profiles_round_trip_owner_only() {
        let dir = tempfile::tempdir().expect("tempdir");
        let path = dir.path().join("orgtrust").join("profiles.toml");
        assert!(Profiles::load(&path)
            .expect("missing is empty")
            .get("a")
            .is_none());
        let mut p = Profiles::default();
        p.set("a", profile("t1"));
        p.set("b", profile("t2"));
        p.save(&path).expect("save");
        p.set("a", profile("t3"));
        p.save(&path).expect("save again");
        let back = Profiles::load(&path).expect("load");
        assert_eq!(back.get("a"), Some(&profile("t3")));
        assert_eq!(back.get("b"), Some(&profile("t2")));
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            let mode = std::fs::metadata(&path).expect("meta").permissions().mode();
            assert_eq!(mode & 0o777, 0o600);
        }
    }

    #[test]
    fn expiry_is_checked() {
        let p = profile("t");
        assert!(!p.expired(DateTime::from_timestamp(1_999_999_999, 0).expect("d")));
        assert!(p.expired(DateTime::from_timestamp(2_000_000_000, 0).expect("d")));
    }
}
