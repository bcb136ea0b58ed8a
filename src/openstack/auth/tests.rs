use std::sync::atomic::{AtomicUsize, Ordering};

use super::*;
use crate::config::{Setting, Source};
use crate::error::ExitCode;

fn cfg(pairs: &[(&str, &str)]) -> CloudConfig {
    let mut c = CloudConfig::default();
    for (k, v) in pairs {
        c.values.insert(k.to_string(), Setting { value: v.to_string(), source: Source::Default });
    }
    c
}

fn block_on<T>(f: impl Future<Output = T>) -> T {
    tokio::runtime::Builder::new_current_thread().build().unwrap().block_on(f)
}

const PW: &[(&str, &str)] = &[
    ("auth_url", "http://k:5000/v3"),
    ("username", "demo"),
    ("user_domain_name", "Default"),
    ("password", "s3cret"),
    ("project_name", "demo"),
    ("project_domain_id", "default"),
];

/// Answers every question with `answer` and counts the questions.
struct Answer(&'static str, AtomicUsize);

impl Prompt for Answer {
    fn secret(&self, _question: String) -> Pin<Box<dyn Future<Output = anyhow::Result<String>> + Send + '_>> {
        self.1.fetch_add(1, Ordering::SeqCst);
        Box::pin(async move { Ok(self.0.to_string()) })
    }
}

#[test]
fn password_body_and_scope() {
    let p = Plan::from_config(&cfg(PW)).unwrap();
    assert_eq!(p.method, Method::Password);
    assert_eq!(
        block_on(p.identity(&p.factors)).unwrap(),
        json!({"methods": ["password"], "password": {"user": {"name": "demo", "domain": {"name": "Default"}, "password": "s3cret"}}})
    );
    assert_eq!(p.scope, Some(json!({"project": {"name": "demo", "domain": {"id": "default"}}})));
    assert_eq!(p.who, "user `demo`");
    assert!(!p.cache_key.contains("s3cret"));
}

#[test]
fn debug_output_shows_no_secret() {
    let mut pairs = PW.to_vec();
    pairs.push(("passcode", "123456"));
    let p = Plan::from_config(&cfg(&pairs)).unwrap();
    assert!(!format!("{p:?}").contains("s3cret") && !format!("{p:?}").contains("123456"), "{p:?}");
    let t: Token = serde_json::from_value(
        json!({"id": "gAAAA-secret-token", "identity_url": "http://k/v3", "body": {"expires_at": "2099-01-01T00:00:00Z"}}),
    )
    .unwrap();
    assert!(!format!("{t:?}").contains("gAAAA-secret-token"), "{t:?}");
}

#[test]
fn cache_key_changes_with_secret_and_scope() {
    let a = Plan::from_config(&cfg(PW)).unwrap().cache_key;
    let mut other = PW.to_vec();
    other[3] = ("password", "other");
    assert_ne!(a, Plan::from_config(&cfg(&other)).unwrap().cache_key);
    other[3] = ("password", "s3cret");
    other[4] = ("project_name", "admin");
    assert_ne!(a, Plan::from_config(&cfg(&other)).unwrap().cache_key);
}

#[test]
fn application_credential_is_guessed_and_unscoped() {
    let p = Plan::from_config(&cfg(&[
        ("auth_url", "u"),
        ("application_credential_id", "abc"),
        ("application_credential_secret", "x"),
    ]))
    .unwrap();
    assert_eq!(p.method, Method::ApplicationCredential);
    assert_eq!(
        block_on(p.identity(&p.factors)).unwrap()["application_credential"],
        json!({"id": "abc", "secret": "x"})
    );
    assert!(p.scope.is_none());
}

#[test]
fn token_method_needs_scope() {
    let e = Plan::from_config(&cfg(&[("auth_url", "u"), ("token", "t")])).unwrap_err();
    assert!(e.to_string().contains("no project or domain"), "{e}");
    let p = Plan::from_config(&cfg(&[("auth_url", "u"), ("token", "t"), ("project_id", "p1")])).unwrap();
    assert_eq!(p.method, Method::Token);
    assert_eq!(p.scope, Some(json!({"project": {"id": "p1"}})));
}

#[test]
fn missing_pieces_are_usage_errors_naming_the_fix() {
    let e = Plan::from_config(&cfg(&[("username", "x")])).unwrap_err();
    let f = crate::error::failure(&e).unwrap();
    assert_eq!(f.code, ExitCode::Usage);
    assert_eq!(f.message, "no `auth_url` is set for the `OS_*` settings (needed to find Keystone)");
    assert!(f.hint.as_deref().unwrap().contains("OS_AUTH_URL"));

    let e = Plan::from_config(&cfg(&[("auth_url", "u"), ("username", "x"), ("password", "p"), ("project_id", "p")]))
        .unwrap_err();
    assert!(e.to_string().contains("not its domain"), "{e}");

    let e = Plan::from_config(&cfg(&[("auth_url", "u"), ("auth_type", "saml2")])).unwrap_err();
    assert!(e.to_string().contains("`saml2`"));
}

#[test]
fn totp_sends_the_passcode_and_keeps_it_out_of_the_cache_key() {
    let mut pairs = PW.to_vec();
    pairs[3] = ("passcode", "123456");
    pairs.push(("auth_type", "v3totp"));
    let p = Plan::from_config(&cfg(&pairs)).unwrap();
    assert_eq!(p.method, Method::Totp);
    assert_eq!(
        block_on(p.identity(&p.factors)).unwrap(),
        json!({"methods": ["totp"], "totp": {"user": {"name": "demo", "domain": {"name": "Default"}, "passcode": "123456"}}})
    );
    pairs[3] = ("passcode", "654321");
    assert_eq!(p.cache_key, Plan::from_config(&cfg(&pairs)).unwrap().cache_key, "a new code is the same identity");

    // Without a passcode the plan still stands (a cached token may do); the request cannot be made.
    pairs.retain(|(k, _)| *k != "passcode");
    let p = Plan::from_config(&cfg(&pairs)).unwrap();
    let e = block_on(p.identity(&p.factors)).unwrap_err();
    let f = crate::error::failure(&e).unwrap();
    assert_eq!(f.code, ExitCode::Usage);
    assert_eq!(
        f.message,
        "no `passcode` is set for the `OS_*` settings (needed for TOTP authentication: the current code of the \
         user's authenticator)"
    );
    assert!(f.hint.as_deref().unwrap().contains("`OS_PASSCODE`, `--os-passcode`"), "{:?}", f.hint);
}

#[test]
fn multifactor_takes_keystoneauths_method_names() {
    let mut pairs = PW.to_vec();
    pairs.extend([("auth_type", "v3multifactor"), ("auth_methods", "v3password, v3totp"), ("passcode", "1")]);
    let p = Plan::from_config(&cfg(&pairs)).unwrap();
    assert_eq!(p.factors, [Factor::Password, Factor::Totp]);
    let identity = block_on(p.identity(&p.factors)).unwrap();
    assert_eq!(identity["methods"], json!(["password", "totp"]));
    assert_eq!(identity["totp"]["user"]["passcode"], "1");

    pairs.retain(|(k, _)| *k != "auth_methods");
    pairs.push(("auth_methods", "v3password,saml2"));
    let e = Plan::from_config(&cfg(&pairs)).unwrap_err();
    assert!(e.to_string().contains("`saml2`"), "{e}");
}

#[test]
fn a_receipt_is_answered_with_the_factor_the_rules_still_want() {
    let p = Plan::new(&cfg(PW), Some(Arc::new(Answer("000000", AtomicUsize::new(0))))).unwrap();
    let rules = json!({"receipt": {"methods": ["password"]},
                       "required_auth_methods": [["password", "totp", "application_credential"], ["password", "totp"]]});
    assert_eq!(p.next_factors(&rules).unwrap(), [Factor::Totp]);
    // Without a prompt and a passcode, the rules cannot be met: the error names them and the fix.
    let p = Plan::from_config(&cfg(PW)).unwrap();
    let e = p.next_factors(&rules).unwrap_err();
    let f = crate::error::failure(&e).unwrap();
    assert_eq!(f.code, ExitCode::Auth);
    assert!(f.message.contains("[password, totp]") && f.message.contains("accepted password"), "{}", f.message);
    assert!(f.hint.as_deref().unwrap().contains("OS_PASSCODE"));
}

#[test]
fn a_prompt_is_asked_once_for_a_password_and_each_time_for_a_passcode() {
    let answer = Arc::new(Answer("typed", AtomicUsize::new(0)));
    let mut pairs = PW.to_vec();
    pairs.retain(|(k, _)| *k != "password");
    pairs.extend([("auth_type", "v3multifactor"), ("auth_methods", "password,totp")]);
    let p = Plan::new(&cfg(&pairs), Some(answer.clone())).unwrap();
    assert!(p.cache_key == Plan::new(&cfg(&pairs), Some(answer.clone())).unwrap().cache_key);
    block_on(p.identity(&p.factors)).unwrap();
    block_on(p.identity(&p.factors)).unwrap();
    assert_eq!(answer.1.load(Ordering::SeqCst), 3, "password once, passcode twice");
}

#[test]
fn oidc_plans_need_their_provider_and_never_put_a_secret_in_the_key() {
    let base = [("auth_url", "http://k/v3"), ("identity_provider", "idp"), ("protocol", "openid"), ("project_id", "p")];
    let mut pairs = base.to_vec();
    pairs.extend([("auth_type", "v3oidcaccesstoken"), ("access_token", "eyJ-secret")]);
    let p = Plan::from_config(&cfg(&pairs)).unwrap();
    assert_eq!(p.method, Method::OidcAccessToken);
    assert!(!p.cache_key.contains("eyJ") && !format!("{p:?}").contains("eyJ"));

    let mut pairs = base.to_vec();
    pairs.extend([("auth_type", "v3oidcpassword"), ("username", "u"), ("password", "pw"), ("client_id", "c")]);
    let e = Plan::from_config(&cfg(&pairs)).unwrap_err();
    assert!(e.to_string().contains("`discovery_endpoint`"), "{e}");
    pairs.push(("access_token_endpoint", "https://idp.example/token"));
    assert_eq!(Plan::from_config(&cfg(&pairs)).unwrap().who, "user `u` of identity provider `idp`");

    let e = Plan::from_config(&cfg(&[("auth_url", "u"), ("auth_type", "v3oidcaccesstoken")])).unwrap_err();
    assert!(e.to_string().contains("`identity_provider`"), "{e}");
}

#[test]
fn discovered_v3_links_stay_on_the_auth_urls_host_and_port() {
    let ok = |base: &str, href: &str| v3_from_link(base, href).unwrap();
    assert_eq!(ok("https://k.example:5000", "https://k.example:5000/v3/"), "https://k.example:5000/v3");
    assert_eq!(ok("https://K.EXAMPLE", "https://k.example:443/v3/"), "https://k.example/v3");
    // Relative links are relative to auth_url (path-based deployments).
    assert_eq!(ok("http://k:80/identity", "v3/"), "http://k/identity/v3");
    assert_eq!(ok("http://k/identity", "/identity/v3"), "http://k/identity/v3");
    assert_eq!(ok("http://[::1]:5000", "http://[::1]:5000/v3"), "http://[::1]:5000/v3");
    // An upgrade to https on the same port is fine.
    assert_eq!(ok("http://k:5000", "https://k:5000/v3"), "https://k:5000/v3");
}

#[test]
fn discovered_v3_links_elsewhere_are_refused_with_a_hint() {
    for (base, href, why) in [
        ("https://k.example:5000", "http://k.example:5000/v3/", "plain http behind an https auth_url"),
        ("https://k.example:5000", "https://evil.example:5000/v3/", "another host or port"),
        ("https://k.example:5000", "https://k.example:5001/v3/", "another host or port"),
        ("http://127.0.0.2:5000", "http://127.0.0.3:5000/v3/", "another host or port"),
        ("https://k.example", "//evil.example/v3", "another host or port"),
        ("https://k.example", "https://k.example@evil.example/v3", "another host or port"),
        ("https://k.example", "https://u:p@k.example/v3", "a user name"),
        ("https://k.example", "file:///etc/passwd", "not http(s)"),
    ] {
        let e = v3_from_link(base, href).unwrap_err();
        let f = crate::error::failure(&e).unwrap();
        assert_eq!(f.code, ExitCode::Usage);
        assert!(f.message.contains(why) && f.message.contains(href), "{href}: {}", f.message);
        assert!(f.hint.as_deref().unwrap().contains(&format!("`{base}/v3`")), "{:?}", f.hint);
    }
}

#[test]
fn expiry_margin() {
    let soon = (jiff::Timestamp::now() + jiff::SignedDuration::from_secs(60)).to_string();
    let t = Token {
        id: "x".into(),
        identity_url: "u".into(),
        body: serde_json::from_value(json!({"expires_at": soon})).unwrap(),
    };
    assert!(t.valid_for(std::time::Duration::from_secs(10)));
    assert!(!t.valid_for(std::time::Duration::from_secs(300)));
}
