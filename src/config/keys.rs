//! The settings berth knows: their clouds.yaml key, whether they sit under `auth:`, their `OS_*` variable, and
//! whether they are secrets (masked in `config show`, never logged).

/// A setting berth knows.
#[derive(Debug, Clone, Copy)]
pub struct Key {
    pub name: &'static str,
    pub in_auth: bool,
    pub env: &'static str,
    pub secret: bool,
}

const fn auth(name: &'static str, env: &'static str, secret: bool) -> Key {
    Key { name, in_auth: true, env, secret }
}
const fn top(name: &'static str, env: &'static str) -> Key {
    Key { name, in_auth: false, env, secret: false }
}

pub const KEYS: &[Key] = &[
    auth("auth_url", "OS_AUTH_URL", false),
    top("auth_type", "OS_AUTH_TYPE"),
    auth("username", "OS_USERNAME", false),
    auth("user_id", "OS_USER_ID", false),
    auth("password", "OS_PASSWORD", true),
    auth("passcode", "OS_PASSCODE", true),
    top("auth_methods", "OS_AUTH_METHODS"),
    auth("user_domain_name", "OS_USER_DOMAIN_NAME", false),
    auth("user_domain_id", "OS_USER_DOMAIN_ID", false),
    auth("project_name", "OS_PROJECT_NAME", false),
    auth("project_id", "OS_PROJECT_ID", false),
    auth("project_domain_name", "OS_PROJECT_DOMAIN_NAME", false),
    auth("project_domain_id", "OS_PROJECT_DOMAIN_ID", false),
    auth("domain_name", "OS_DOMAIN_NAME", false),
    auth("domain_id", "OS_DOMAIN_ID", false),
    auth("application_credential_id", "OS_APPLICATION_CREDENTIAL_ID", false),
    auth("application_credential_name", "OS_APPLICATION_CREDENTIAL_NAME", false),
    auth("application_credential_secret", "OS_APPLICATION_CREDENTIAL_SECRET", true),
    auth("token", "OS_TOKEN", true),
    auth("identity_provider", "OS_IDENTITY_PROVIDER", false),
    auth("protocol", "OS_PROTOCOL", false),
    auth("client_id", "OS_CLIENT_ID", false),
    auth("client_secret", "OS_CLIENT_SECRET", true),
    auth("discovery_endpoint", "OS_DISCOVERY_ENDPOINT", false),
    auth("access_token_endpoint", "OS_ACCESS_TOKEN_ENDPOINT", false),
    auth("access_token_type", "OS_ACCESS_TOKEN_TYPE", false),
    auth("openid_scope", "OS_OPENID_SCOPE", false),
    auth("access_token", "OS_ACCESS_TOKEN", true),
    top("region_name", "OS_REGION_NAME"),
    top("interface", "OS_INTERFACE"),
    top("cacert", "OS_CACERT"),
    top("cert", "OS_CERT"),
    top("key", "OS_KEY"),
    top("insecure", "OS_INSECURE"),
];

pub fn key(name: &str) -> Option<&'static Key> {
    KEYS.iter().find(|k| k.name == name)
}

/// A value berth never shows: a secret it knows, or one whose name says it is one.
pub fn is_secret(key: &str) -> bool {
    if let Some(k) = self::key(key) {
        return k.secret;
    }
    ["password", "secret", "token", "passcode"].iter().any(|s| key.contains(s))
}
