//! `--os-*` flags: which cloud and how to authenticate, as plain settings for `config` to resolve.

use clap::Args;

/// Which cloud and how to authenticate. Each flag overrides its `OS_*` variable, which overrides clouds.yaml and
/// secure.yaml.
#[derive(Debug, Args, Clone, Default)]
pub struct CloudArgs {
    /// Cloud in clouds.yaml to use [env: OS_CLOUD]
    #[arg(long = "os-cloud", global = true, value_name = "NAME", help_heading = "Cloud", add = clap_complete::ArgValueCompleter::new(crate::completion::clouds))]
    pub os_cloud: Option<String>,

    /// Keystone URL (`/v3` is discovered when missing) [env: OS_AUTH_URL]
    #[arg(long = "os-auth-url", global = true, value_name = "URL", help_heading = "Cloud")]
    pub os_auth_url: Option<String>,

    /// password, v3applicationcredential, token, v3totp, v3multifactor, v3oidcpassword or v3oidcaccesstoken
    /// (guessed from what is set) [env: OS_AUTH_TYPE]
    #[arg(long = "os-auth-type", global = true, value_name = "TYPE", help_heading = "Cloud")]
    pub os_auth_type: Option<String>,

    /// User name [env: OS_USERNAME]
    #[arg(long = "os-username", global = true, value_name = "NAME", help_heading = "Cloud")]
    pub os_username: Option<String>,

    /// User ID [env: OS_USER_ID]
    #[arg(long = "os-user-id", global = true, value_name = "ID", help_heading = "Cloud")]
    pub os_user_id: Option<String>,

    /// Password (prefer OS_PASSWORD or secure.yaml: flags show in `ps`) [env: OS_PASSWORD]
    #[arg(long = "os-password", global = true, value_name = "PASSWORD", help_heading = "Cloud")]
    pub os_password: Option<String>,

    /// Domain of the user, by name [env: OS_USER_DOMAIN_NAME]
    #[arg(long = "os-user-domain-name", global = true, value_name = "NAME", help_heading = "Cloud")]
    pub os_user_domain_name: Option<String>,

    /// Domain of the user, by ID [env: OS_USER_DOMAIN_ID]
    #[arg(long = "os-user-domain-id", global = true, value_name = "ID", help_heading = "Cloud")]
    pub os_user_domain_id: Option<String>,

    /// Project to scope to, by name [env: OS_PROJECT_NAME]
    #[arg(long = "os-project-name", global = true, value_name = "NAME", help_heading = "Cloud")]
    pub os_project_name: Option<String>,

    /// Project to scope to, by ID [env: OS_PROJECT_ID]
    #[arg(long = "os-project-id", global = true, value_name = "ID", help_heading = "Cloud")]
    pub os_project_id: Option<String>,

    /// Domain of the project, by name [env: OS_PROJECT_DOMAIN_NAME]
    #[arg(long = "os-project-domain-name", global = true, value_name = "NAME", help_heading = "Cloud")]
    pub os_project_domain_name: Option<String>,

    /// Domain of the project, by ID [env: OS_PROJECT_DOMAIN_ID]
    #[arg(long = "os-project-domain-id", global = true, value_name = "ID", help_heading = "Cloud")]
    pub os_project_domain_id: Option<String>,

    /// Domain to scope to instead of a project, by name [env: OS_DOMAIN_NAME]
    #[arg(long = "os-domain-name", global = true, value_name = "NAME", help_heading = "Cloud")]
    pub os_domain_name: Option<String>,

    /// Domain to scope to instead of a project, by ID [env: OS_DOMAIN_ID]
    #[arg(long = "os-domain-id", global = true, value_name = "ID", help_heading = "Cloud")]
    pub os_domain_id: Option<String>,

    /// Application credential ID [env: OS_APPLICATION_CREDENTIAL_ID]
    #[arg(long = "os-application-credential-id", global = true, value_name = "ID", help_heading = "Cloud")]
    pub os_application_credential_id: Option<String>,

    /// Application credential name (with the user) [env: OS_APPLICATION_CREDENTIAL_NAME]
    #[arg(long = "os-application-credential-name", global = true, value_name = "NAME", help_heading = "Cloud")]
    pub os_application_credential_name: Option<String>,

    /// Application credential secret [env: OS_APPLICATION_CREDENTIAL_SECRET]
    #[arg(long = "os-application-credential-secret", global = true, value_name = "SECRET", help_heading = "Cloud")]
    pub os_application_credential_secret: Option<String>,

    /// An existing token to authenticate with [env: OS_TOKEN]
    #[arg(long = "os-token", global = true, value_name = "TOKEN", help_heading = "Cloud")]
    pub os_token: Option<String>,

    /// TOTP passcode (v3totp, v3multifactor; asked for on a terminal) [env: OS_PASSCODE]
    #[arg(long = "os-passcode", global = true, value_name = "PASSCODE", help_heading = "Cloud")]
    pub os_passcode: Option<String>,

    /// Factors of v3multifactor, e.g. v3password,v3totp [env: OS_AUTH_METHODS]
    #[arg(long = "os-auth-methods", global = true, value_name = "METHODS", help_heading = "Cloud")]
    pub os_auth_methods: Option<String>,

    /// Identity provider in Keystone (v3oidc*) [env: OS_IDENTITY_PROVIDER]
    #[arg(long = "os-identity-provider", global = true, value_name = "NAME", help_heading = "Cloud")]
    pub os_identity_provider: Option<String>,

    /// Federation protocol in Keystone, e.g. openid (v3oidc*) [env: OS_PROTOCOL]
    #[arg(long = "os-protocol", global = true, value_name = "NAME", help_heading = "Cloud")]
    pub os_protocol: Option<String>,

    /// OAuth 2.0 client ID at the identity provider (v3oidcpassword) [env: OS_CLIENT_ID]
    #[arg(long = "os-client-id", global = true, value_name = "ID", help_heading = "Cloud")]
    pub os_client_id: Option<String>,

    /// OAuth 2.0 client secret (v3oidcpassword) [env: OS_CLIENT_SECRET]
    #[arg(long = "os-client-secret", global = true, value_name = "SECRET", help_heading = "Cloud")]
    pub os_client_secret: Option<String>,

    /// OpenID Connect discovery document (v3oidcpassword) [env: OS_DISCOVERY_ENDPOINT]
    #[arg(long = "os-discovery-endpoint", global = true, value_name = "URL", help_heading = "Cloud")]
    pub os_discovery_endpoint: Option<String>,

    /// Identity provider's token endpoint (v3oidcpassword) [env: OS_ACCESS_TOKEN_ENDPOINT]
    #[arg(long = "os-access-token-endpoint", global = true, value_name = "URL", help_heading = "Cloud")]
    pub os_access_token_endpoint: Option<String>,

    /// access_token or id_token: what to send to Keystone [env: OS_ACCESS_TOKEN_TYPE]
    #[arg(long = "os-access-token-type", global = true, value_name = "FIELD", help_heading = "Cloud")]
    pub os_access_token_type: Option<String>,

    /// OpenID scope [default: openid profile] [env: OS_OPENID_SCOPE]
    #[arg(long = "os-openid-scope", global = true, value_name = "SCOPE", help_heading = "Cloud")]
    pub os_openid_scope: Option<String>,

    /// OpenID Connect access token (v3oidcaccesstoken) [env: OS_ACCESS_TOKEN]
    #[arg(long = "os-access-token", global = true, value_name = "TOKEN", help_heading = "Cloud")]
    pub os_access_token: Option<String>,

    /// Region of the endpoints to use [env: OS_REGION_NAME]
    #[arg(long = "os-region-name", global = true, value_name = "REGION", help_heading = "Cloud")]
    pub os_region_name: Option<String>,

    /// Endpoint interface: public, internal or admin [default: public] [env: OS_INTERFACE]
    #[arg(long = "os-interface", global = true, value_name = "INTERFACE", help_heading = "Cloud")]
    pub os_interface: Option<String>,

    /// CA bundle (PEM) to verify TLS with, in addition to the system's [env: OS_CACERT]
    #[arg(long = "os-cacert", global = true, value_name = "FILE", help_heading = "Cloud")]
    pub os_cacert: Option<String>,

    /// Client certificate (PEM) [env: OS_CERT]
    #[arg(long = "os-cert", global = true, value_name = "FILE", help_heading = "Cloud")]
    pub os_cert: Option<String>,

    /// Client certificate key (PEM) [env: OS_KEY]
    #[arg(long = "os-key", global = true, value_name = "FILE", help_heading = "Cloud")]
    pub os_key: Option<String>,

    /// Do not verify TLS certificates (also OS_INSECURE=true, `verify: false`)
    #[arg(long, global = true, help_heading = "Cloud")]
    pub insecure: bool,

    /// Neither read nor write the token cache
    #[arg(long, global = true, help_heading = "Cloud")]
    pub no_cache: bool,

    /// Seconds before an HTTP request gives up
    #[arg(long, global = true, value_name = "SECONDS", default_value = "30", value_parser = super::seconds,
          help_heading = "Cloud")]
    pub http_timeout: std::time::Duration,

    /// Retries of a failed idempotent request (reset, timeout, 429, 5xx) with backoff; 0 disables
    #[arg(long, global = true, value_name = "N", default_value_t = crate::net::retry::DEFAULT_RETRIES,
          value_parser = clap::value_parser!(u32).range(0..=20), help_heading = "Cloud")]
    pub retries: u32,

    /// Print a table of every HTTP request (method, URL, status, time) on stderr at the end
    #[arg(long, global = true, help_heading = "Output")]
    pub timing: bool,
}

impl CloudArgs {
    /// The cloud flags as plain settings for `config`: the cloud's name and (config key, flag, value) triples.
    pub fn flags(&self) -> crate::config::Flags {
        crate::config::Flags { cloud: self.os_cloud.clone(), settings: self.settings() }
    }

    /// The settings given as flags: (config key, flag, value).
    fn settings(&self) -> Vec<(&'static str, &'static str, String)> {
        let mut out: Vec<(&'static str, &'static str, String)> = [
            ("auth_url", "--os-auth-url", &self.os_auth_url),
            ("auth_type", "--os-auth-type", &self.os_auth_type),
            ("username", "--os-username", &self.os_username),
            ("user_id", "--os-user-id", &self.os_user_id),
            ("password", "--os-password", &self.os_password),
            ("user_domain_name", "--os-user-domain-name", &self.os_user_domain_name),
            ("user_domain_id", "--os-user-domain-id", &self.os_user_domain_id),
            ("project_name", "--os-project-name", &self.os_project_name),
            ("project_id", "--os-project-id", &self.os_project_id),
            ("project_domain_name", "--os-project-domain-name", &self.os_project_domain_name),
            ("project_domain_id", "--os-project-domain-id", &self.os_project_domain_id),
            ("domain_name", "--os-domain-name", &self.os_domain_name),
            ("domain_id", "--os-domain-id", &self.os_domain_id),
            ("application_credential_id", "--os-application-credential-id", &self.os_application_credential_id),
            ("application_credential_name", "--os-application-credential-name", &self.os_application_credential_name),
            (
                "application_credential_secret",
                "--os-application-credential-secret",
                &self.os_application_credential_secret,
            ),
            ("token", "--os-token", &self.os_token),
            ("passcode", "--os-passcode", &self.os_passcode),
            ("auth_methods", "--os-auth-methods", &self.os_auth_methods),
            ("identity_provider", "--os-identity-provider", &self.os_identity_provider),
            ("protocol", "--os-protocol", &self.os_protocol),
            ("client_id", "--os-client-id", &self.os_client_id),
            ("client_secret", "--os-client-secret", &self.os_client_secret),
            ("discovery_endpoint", "--os-discovery-endpoint", &self.os_discovery_endpoint),
            ("access_token_endpoint", "--os-access-token-endpoint", &self.os_access_token_endpoint),
            ("access_token_type", "--os-access-token-type", &self.os_access_token_type),
            ("openid_scope", "--os-openid-scope", &self.os_openid_scope),
            ("access_token", "--os-access-token", &self.os_access_token),
            ("region_name", "--os-region-name", &self.os_region_name),
            ("interface", "--os-interface", &self.os_interface),
            ("cacert", "--os-cacert", &self.os_cacert),
            ("cert", "--os-cert", &self.os_cert),
            ("key", "--os-key", &self.os_key),
        ]
        .into_iter()
        .filter_map(|(k, f, v)| v.clone().map(|v| (k, f, v)))
        .collect();
        if self.insecure {
            out.push(("insecure", "--insecure", "true".into()));
        }
        out
    }
}
