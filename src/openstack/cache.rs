//! The token cache: one file per identity + scope + secret under `<cache dir>/berth/tokens`, readable by the
//! user alone (directory 0700, files 0600), written atomically.

use std::fs;
use std::io::Write;
use std::os::unix::fs::{DirBuilderExt, OpenOptionsExt, PermissionsExt};
use std::path::PathBuf;

use crate::openstack::auth::Token;

pub struct TokenCache {
    dir: PathBuf,
}

impl TokenCache {
    /// The cache under the platform cache directory (`$XDG_CACHE_HOME` or `~/.cache`).
    pub fn default_location() -> Option<TokenCache> {
        dirs::cache_dir().map(|d| TokenCache { dir: d.join("berth").join("tokens") })
    }

    pub fn at(dir: PathBuf) -> TokenCache {
        TokenCache { dir }
    }

    pub fn path(&self, key: &str) -> PathBuf {
        self.dir.join(format!("{}.json", &key[..key.len().min(32)]))
    }

    /// The cached token for `key`, if there is a readable one. A corrupt file is ignored (and replaced later).
    pub fn load(&self, key: &str) -> Option<Token> {
        let text = fs::read_to_string(self.path(key)).ok()?;
        serde_json::from_str(&text).ok()
    }

    pub fn store(&self, key: &str, token: &Token) -> anyhow::Result<PathBuf> {
        fs::DirBuilder::new().recursive(true).mode(0o700).create(&self.dir)?;
        // The directory may have existed with looser permissions.
        fs::set_permissions(&self.dir, fs::Permissions::from_mode(0o700))?;
        let path = self.path(key);
        let tmp = path.with_extension(format!("tmp{}", std::process::id()));
        let mut f = fs::OpenOptions::new().write(true).create(true).truncate(true).mode(0o600).open(&tmp)?;
        f.write_all(serde_json::to_string(token)?.as_bytes())?;
        f.sync_all()?;
        fs::rename(&tmp, &path)?;
        Ok(path)
    }

    /// Remove the cached token for `key`; true when there was one.
    pub fn remove(&self, key: &str) -> bool {
        fs::remove_file(self.path(key)).is_ok()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn token() -> Token {
        serde_json::from_value(serde_json::json!({
            "id": "gAAAA", "identity_url": "http://k/v3", "body": {"expires_at": "2099-01-01T00:00:00.000000Z"}
        }))
        .unwrap()
    }

    #[test]
    fn store_load_remove_with_private_permissions() {
        let dir = std::env::temp_dir().join(format!("berth-cache-test-{}", std::process::id()));
        let _ = fs::remove_dir_all(&dir);
        let c = TokenCache::at(dir.join("tokens"));
        let key = "0123456789abcdef0123456789abcdef0123";
        assert!(c.load(key).is_none());
        let path = c.store(key, &token()).unwrap();
        assert_eq!(fs::metadata(&path).unwrap().permissions().mode() & 0o777, 0o600);
        assert_eq!(fs::metadata(dir.join("tokens")).unwrap().permissions().mode() & 0o777, 0o700);
        assert_eq!(c.load(key).unwrap().id, "gAAAA");
        fs::write(&path, "not json").unwrap();
        assert!(c.load(key).is_none());
        assert!(c.remove(key));
        assert!(!c.remove(key));
        let _ = fs::remove_dir_all(&dir);
    }
}
