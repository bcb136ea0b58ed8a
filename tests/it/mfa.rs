//! TOTP, Keystone's multi-factor rules and OpenID Connect against the dev environment's real Keystone, whose
//! `[auth] methods` include totp. The seed has two members of project demo with the TOTP secret
//! `$BERTH_DEV_TOTP_SECRET`: `totp` (a passcode alone will do) and `mfa` (rules: password and totp).
//!
//! OpenID Connect: the dev Keystone has no identity provider (that needs a web server that validates the
//! provider's tokens, such as Apache's mod_auth_openidc, and the provider itself), so what is real here is the
//! federation request berth makes and Keystone's refusal of it; the password grant and discovery are unit-tested.

use hmac::{Hmac, Mac};

use crate::common::{Berth, dev};

/// The current RFC 6238 passcode of the seed's TOTP secret (base32, 6 digits, 30 s, HMAC-SHA1).
pub fn passcode() -> String {
    let secret = base32(&dev("BERTH_DEV_TOTP_SECRET"));
    let counter = std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).unwrap().as_secs() / 30;
    let mut mac = Hmac::<sha1::Sha1>::new_from_slice(&secret).unwrap();
    mac.update(&counter.to_be_bytes());
    let h = mac.finalize().into_bytes();
    let o = usize::from(h[19] & 15);
    let n = u32::from_be_bytes([h[o], h[o + 1], h[o + 2], h[o + 3]]) & 0x7fff_ffff;
    format!("{:06}", n % 1_000_000)
}

fn base32(s: &str) -> Vec<u8> {
    let (mut bits, mut n, mut out) = (0u64, 0, Vec::new());
    for c in s.trim_end_matches('=').bytes() {
        let v = match c {
            b'A'..=b'Z' => c - b'A',
            b'2'..=b'7' => c - b'2' + 26,
            _ => panic!("not base32: {s}"),
        };
        bits = (bits << 5) | u64::from(v);
        n += 5;
        if n >= 8 {
            n -= 8;
            out.push((bits >> n) as u8);
        }
    }
    out
}

/// `OS_*` for USER in project demo (no password, no auth type).
pub fn user_env(user: &str) -> Berth {
    Berth::new()
        .env("OS_AUTH_URL", &dev("BERTH_DEV_AUTH_URL"))
        .env("OS_USERNAME", user)
        .env("OS_USER_DOMAIN_NAME", "Default")
        .env("OS_PROJECT_NAME", "demo")
        .env("OS_PROJECT_DOMAIN_NAME", "Default")
}

#[test]
fn v3totp_gets_a_token_with_a_passcode_alone_from_env_or_flag() {
    let env = user_env("totp").env("OS_AUTH_TYPE", "v3totp").env("OS_PASSCODE", &passcode());
    let t = env.run(&["--no-cache", "auth", "token", "-o", "json"]).ok().json();
    assert_eq!((t["methods"].clone(), t["user_name"].clone()), (serde_json::json!(["totp"]), "totp".into()), "{t}");
    let b = user_env("totp").env("OS_AUTH_TYPE", "v3totp");
    let t = b.run(&["--os-passcode", &passcode(), "auth", "token", "-o", "json"]).ok().json();
    assert_eq!(t["methods"], serde_json::json!(["totp"]), "{t}");
    // The cached token needs no passcode (a code is good for 30 s; the token for hours).
    let t = b.run(&["auth", "token", "-o", "json"]).ok().json();
    assert_eq!(t["cached"], true, "{t}");
}

#[test]
fn v3totp_without_a_passcode_or_a_terminal_names_the_variable_and_the_flag() {
    user_env("totp")
        .env("OS_AUTH_TYPE", "v3totp")
        .run(&["--no-cache", "auth", "token"])
        .code(2)
        .stderr_has("no `passcode` is set for the `OS_*` settings")
        .stderr_has("`OS_PASSCODE`, `--os-passcode`");
}

#[test]
fn a_wrong_passcode_is_exit_4_and_never_printed() {
    let wrong = if passcode() == "000000" { "111111" } else { "000000" };
    let out = user_env("totp")
        .env("OS_AUTH_TYPE", "v3totp")
        .env("OS_PASSCODE", wrong)
        .run(&["-vv", "--no-cache", "auth", "token"])
        .code(4)
        .stderr_has("refused user `totp` (HTTP 401)")
        .stderr_has("check the passcode");
    assert!(!out.stderr.contains(wrong), "the passcode was printed:\n{}", out.stderr);
}

#[test]
fn mfa_rules_a_401_with_a_receipt_then_the_passcode() {
    let password = dev("BERTH_DEV_MFA_PASSWORD");
    let code = passcode();
    let out = user_env("mfa")
        .env("OS_PASSWORD", &password)
        .env("OS_PASSCODE", &code)
        .run(&["-vv", "--no-cache", "auth", "token", "-o", "json"])
        .ok()
        .stderr_has("-> 401")
        .stderr_has("Keystone accepted password and wants totp as well (multi-factor rules)")
        .stderr_has("openstack-auth-receipt: <redacted>");
    let mut methods: Vec<String> = serde_json::from_value(out.json()["methods"].clone()).unwrap();
    methods.sort();
    assert_eq!(methods, ["password", "totp"]);
    for secret in [&password, &code] {
        assert!(!out.stderr.contains(secret.as_str()), "-vv printed a secret:\n{}", out.stderr);
    }
    // The receipt (proof of the password) is redacted both ways.
    for l in out.stderr.lines().filter(|l| l.contains("openstack-auth-receipt")) {
        assert!(l.ends_with("<redacted>"), "{l}");
    }
}

#[test]
fn mfa_without_a_second_factor_is_exit_4_naming_the_rules_and_the_fix() {
    user_env("mfa")
        .env("OS_PASSWORD", &dev("BERTH_DEV_MFA_PASSWORD"))
        .run(&["--no-cache", "auth", "token"])
        .code(4)
        .stderr_has("Keystone accepted password for user `mfa` but its multi-factor rules want [password, totp]")
        .stderr_has("`OS_PASSCODE` or `--os-passcode`");
}

#[test]
fn v3multifactor_sends_both_factors_in_one_request() {
    let out = user_env("mfa")
        .env("OS_AUTH_TYPE", "v3multifactor")
        .env("OS_AUTH_METHODS", "v3password,v3totp")
        .env("OS_PASSWORD", &dev("BERTH_DEV_MFA_PASSWORD"))
        .env("OS_PASSCODE", &passcode())
        .run(&["-v", "--no-cache", "auth", "token", "-o", "json"])
        .ok();
    assert_eq!(out.stderr.matches("POST ").count(), 1, "one request, no receipt:\n{}", out.stderr);
    assert!(!out.stderr.contains("-> 401"), "{}", out.stderr);
}

#[test]
fn oidc_access_token_goes_to_keystones_federation_api_and_its_refusal_is_exit_4() {
    let out = Berth::new()
        .env("OS_AUTH_URL", &dev("BERTH_DEV_AUTH_URL"))
        .env("OS_AUTH_TYPE", "v3oidcaccesstoken")
        .env("OS_IDENTITY_PROVIDER", "no-such-idp")
        .env("OS_PROTOCOL", "openid")
        .env("OS_ACCESS_TOKEN", "eyJ-berth-test-access-token")
        .env("OS_PROJECT_NAME", "demo")
        .env("OS_PROJECT_DOMAIN_NAME", "Default")
        .run(&["-vv", "--no-cache", "auth", "token"])
        .code(4)
        .stderr_has("/v3/OS-FEDERATION/identity_providers/no-such-idp/protocols/openid/auth")
        .stderr_has("refused the access token of identity provider `no-such-idp` (HTTP 401)")
        .stderr_has("authorization: <redacted>");
    assert!(!out.stderr.contains("eyJ-berth-test-access-token"), "{}", out.stderr);
}

#[test]
fn oidc_password_without_its_provider_settings_is_a_usage_error() {
    Berth::new()
        .env("OS_AUTH_URL", &dev("BERTH_DEV_AUTH_URL"))
        .env("OS_AUTH_TYPE", "v3oidcpassword")
        .env("OS_IDENTITY_PROVIDER", "idp")
        .env("OS_PROTOCOL", "openid")
        .env("OS_USERNAME", "u")
        .run(&["auth", "token"])
        .code(2)
        .stderr_has("no `client_id` is set")
        .stderr_has("`OS_CLIENT_ID`, `--os-client-id`");
}
