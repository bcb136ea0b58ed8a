//! The token cache: one file per identity + scope + secret under `<cache dir>/berth/tokens`, readable by the
//! user alone (directory 0700, files 0600), written atomically.

use std::fs;
use std::io::Write;
use std::os::unix::fs::{DirBuilderExt, OpenOptionsExt, PermissionsExt};
use std::path::PathBuf;

use crate::openstack::auth::Token;

#[derive(Clone)]
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

/// Property tests of the token cache: any file content loads as a token or as nothing, never a panic (nor does
/// asking a loaded token how long it lasts); a stored token loads back.
#[cfg(test)]
mod props {
    use super::*;
    use proptest::prelude::*;

    const KEY: &str = "0123456789abcdef0123456789abcdef";

    fn loaded(content: &[u8]) -> Option<Token> {
        let dir = tempfile::tempdir().unwrap();
        let c = TokenCache::at(dir.path().to_path_buf());
        fs::write(c.path(KEY), content).unwrap();
        c.load(KEY)
    }

    fn lasts(t: &Token) {
        let _ = t.expires_at();
        let _ = t.valid_for(std::time::Duration::from_secs(300));
        let _ = t.valid_for(std::time::Duration::MAX);
    }

    proptest! {
        #[test]
        fn any_content_loads_as_a_token_or_nothing(content in prop::collection::vec(any::<u8>(), 0..300)) {
            if let Some(t) = loaded(&content) {
                lasts(&t);
            }
        }

        #[test]
        fn token_like_json_loads_as_a_token_or_nothing(
            id in ".{0,20}",
            expires_at in prop_oneof![".{0,30}", "[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}:[0-9]{2}(\\.[0-9]{1,9})?Z"],
            body_extra in prop::sample::select(vec!["", r#","roles":[{"id":"r"}]"#, r#","catalog":7"#, r#","project":null"#]),
        ) {
            let json = format!(
                r#"{{"id":{},"identity_url":"http://k/v3","body":{{"expires_at":{}{body_extra}}}}}"#,
                serde_json::to_string(&id).unwrap(),
                serde_json::to_string(&expires_at).unwrap()
            );
            if let Some(t) = loaded(json.as_bytes()) {
                prop_assert_eq!(&t.id, &id);
                lasts(&t);
            }
        }

        #[test]
        fn a_stored_token_loads_back(id in ".{1,40}", secs in -4_000_000_000i64..4_000_000_000) {
            let dir = tempfile::tempdir().unwrap();
            let c = TokenCache::at(dir.path().join("tokens"));
            let at = jiff::Timestamp::from_second(secs).unwrap().to_string();
            let token: Token = serde_json::from_value(serde_json::json!({
                "id": id, "identity_url": "http://k/v3", "body": {"expires_at": at}
            }))
            .unwrap();
            c.store(KEY, &token).unwrap();
            let back = c.load(KEY).expect("the stored token");
            prop_assert_eq!(&back.id, &id);
            prop_assert_eq!(back.expires_at(), token.expires_at());
        }
    }
}
