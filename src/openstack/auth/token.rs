//! What Keystone says about a token, and the token itself (whose ID never shows in Debug output).

use serde::{Deserialize, Serialize};

use crate::openstack::catalog::Service;

#[derive(Debug, Clone, Serialize, Deserialize)]
pub(super) struct TokenBody {
    pub(super) token: TokenInfo,
}

#[derive(Debug, Clone, Serialize, Deserialize, Default)]
pub struct Named {
    #[serde(default)]
    pub id: String,
    #[serde(default)]
    pub name: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub domain: Option<Box<Named>>,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct TokenInfo {
    pub expires_at: String,
    #[serde(default)]
    pub issued_at: String,
    #[serde(default)]
    pub methods: Vec<String>,
    #[serde(default)]
    pub user: Named,
    #[serde(default)]
    pub project: Option<Named>,
    #[serde(default)]
    pub domain: Option<Named>,
    #[serde(default)]
    pub roles: Vec<Named>,
    #[serde(default)]
    pub catalog: Vec<Service>,
}

/// A token with what Keystone said about it.
#[derive(Clone, Serialize, Deserialize)]
pub struct Token {
    pub id: String,
    /// The Keystone v3 base URL that issued it.
    pub identity_url: String,
    pub body: TokenInfo,
}

/// The token's ID is a credential: never in Debug output.
impl std::fmt::Debug for Token {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Token")
            .field("id", &"<redacted>")
            .field("identity_url", &self.identity_url)
            .field("body", &self.body)
            .finish()
    }
}

impl Token {
    pub fn expires_at(&self) -> Option<jiff::Timestamp> {
        self.body.expires_at.parse().ok()
    }

    /// Still valid for at least `margin`?
    pub fn valid_for(&self, margin: std::time::Duration) -> bool {
        let Some(exp) = self.expires_at() else { return false };
        let Ok(margin) = jiff::SignedDuration::try_from(margin) else { return false };
        jiff::Timestamp::now().checked_add(margin).is_ok_and(|t| t < exp)
    }
}
