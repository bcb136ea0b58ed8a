use super::*;
use std::collections::HashMap;
use std::path::Path;

struct FakeEnv(HashMap<&'static str, &'static str>);
impl Env for FakeEnv {
    fn var(&self, name: &str) -> Option<String> {
        self.0.get(name).map(|v| v.to_string())
    }
}

fn env(pairs: &[(&'static str, &'static str)]) -> FakeEnv {
    FakeEnv(pairs.iter().copied().collect())
}

fn file(path: &str, text: &str) -> files::CloudsFile {
    files::parse(Path::new(path), text).unwrap()
}

fn files(clouds: files::CloudsFile, secure: files::CloudsFile) -> Files {
    Files { clouds, secure, public: Default::default() }
}

const CLOUDS: &str = "clouds:\n  dev:\n    auth:\n      auth_url: http://k:5000/v3\n      username: alice\n      \
        project_name: demo\n    region_name: RegionOne\n    verify: false\n    image_endpoint_override: http://g:9292\n";

#[test]
fn precedence_is_flag_env_secure_clouds() {
    let clouds = file("/c/clouds.yaml", CLOUDS);
    let secure =
        file("/c/secure.yaml", "clouds:\n  dev:\n    auth:\n      password: from-secure\n      username: bob\n");
    let args = Flags { cloud: Some("dev".into()), settings: vec![("region_name", "--os-region-name", "R2".into())] };
    let e = env(&[("OS_USERNAME", "carol"), ("OS_REGION_NAME", "R-env")]);
    let cfg = resolve_with(&args, &e, &files(clouds, secure), &Offline).unwrap();
    assert_eq!(cfg.setting("auth_url").unwrap().source, Source::File("/c/clouds.yaml".into()));
    assert_eq!(cfg.setting("password").unwrap().source, Source::File("/c/secure.yaml".into()));
    assert_eq!(
        cfg.setting("username").unwrap(),
        &Setting { value: "carol".into(), source: Source::Env("OS_USERNAME") }
    );
    assert_eq!(
        cfg.setting("region_name").unwrap(),
        &Setting { value: "R2".into(), source: Source::Flag("--os-region-name".into()) }
    );
    assert_eq!(cfg.cloud.as_ref().unwrap().source, Source::Flag("--os-cloud".into()));
    assert!(!cfg.verify_tls());
    assert_eq!(cfg.endpoint_override("image"), Some("http://g:9292"));
    assert_eq!(cfg.setting("interface").unwrap().source, Source::Default);
}

#[test]
fn os_cloud_from_env() {
    let clouds = file("/c/clouds.yaml", CLOUDS);
    let cfg =
        resolve_with(&Flags::default(), &env(&[("OS_CLOUD", "dev")]), &files(clouds, Default::default()), &Offline)
            .unwrap();
    assert_eq!(cfg.cloud.as_ref().unwrap().source, Source::Env("OS_CLOUD"));
    assert_eq!(cfg.get("username"), Some("alice"));
}

#[test]
fn env_alone_without_a_cloud() {
    let e = env(&[("OS_AUTH_URL", "http://k/v3"), ("OS_INSECURE", "true")]);
    let cfg = resolve_with(&Flags::default(), &e, &Files::default(), &Offline).unwrap();
    assert!(cfg.cloud.is_none());
    assert_eq!(cfg.get("auth_url"), Some("http://k/v3"));
    assert!(!cfg.verify_tls());
}

#[test]
fn unknown_cloud_lists_the_known_ones() {
    let clouds = file("/c/clouds.yaml", CLOUDS);
    let args = Flags { cloud: Some("prod".into()), ..Default::default() };
    let e = resolve_with(&args, &env(&[]), &files(clouds, Default::default()), &Offline).unwrap_err();
    let f = e.downcast_ref::<Failure>().unwrap();
    assert_eq!(f.message, "cloud `prod` is not in `/c/clouds.yaml`");
    assert_eq!(f.hint.as_deref(), Some("known clouds: `dev`; choose one with `--os-cloud` or `OS_CLOUD`"));
}

#[test]
fn unknown_cloud_without_any_file() {
    let args = Flags { cloud: Some("prod".into()), ..Default::default() };
    let e = resolve_with(&args, &env(&[]), &Files::default(), &Offline).unwrap_err();
    assert!(e.to_string().contains("no clouds.yaml was found"));
}

#[test]
fn debug_output_masks_secrets() {
    let clouds = file("/c/clouds.yaml", CLOUDS);
    let secure = file("/c/secure.yaml", "clouds:\n  dev:\n    auth:\n      password: hunter2-from-secure\n");
    let args = Flags {
        cloud: Some("dev".into()),
        settings: vec![("application_credential_secret", "--os-application-credential-secret", "s3cr3t-flag".into())],
    };
    let cfg = resolve_with(&args, &env(&[("OS_TOKEN", "gAAAA-env-token")]), &files(clouds, secure), &Offline).unwrap();
    let shown = format!("{cfg:?} {args:?}");
    for secret in ["hunter2-from-secure", "s3cr3t-flag", "gAAAA-env-token"] {
        assert!(!shown.contains(secret), "{secret} in {shown}");
    }
    assert!(shown.contains("alice"), "non-secrets still show: {shown}");
}

#[test]
fn every_key_has_an_os_variable() {
    for k in KEYS {
        assert!(k.env.starts_with("OS_") && k.env == format!("OS_{}", k.name.to_uppercase()), "{k:?}");
    }
}

const PROFILED: &str = "clouds:\n  city:\n    profile: citycloud\n    auth:\n      username: alice\n  \
        mine:\n    profile: myvendor\n    region_name: R9\n  gone:\n    profile: nosuch\n  old:\n    cloud: citycloud\n";

#[test]
fn a_built_in_profile_lies_under_the_cloud_and_names_its_region() {
    let clouds = file("/c/clouds.yaml", PROFILED);
    let args = Flags { cloud: Some("city".into()), ..Default::default() };
    let cfg = resolve_with(&args, &env(&[]), &files(clouds, Default::default()), &Offline).unwrap();
    let builtin = Source::Profile("citycloud".into(), Origin::BuiltIn);
    // The first of the profile's regions, and auth_url's `{region_name}` filled in with it.
    assert_eq!(cfg.get("region_name"), Some("Buf1"));
    assert_eq!(cfg.setting("region_name").unwrap().source, Source::FirstRegion(Box::new(builtin.clone())));
    assert_eq!(cfg.get("auth_url"), Some("https://Buf1.citycloud.com:5000/v3/"));
    assert_eq!(cfg.setting("auth_url").unwrap().source, builtin);
    assert_eq!(cfg.setting("username").unwrap().source, Source::File("/c/clouds.yaml".into()));
    assert_eq!(cfg.get("profile"), None, "the profile's name is no setting");
    assert_eq!(builtin.to_string(), "profile citycloud (built in, openstacksdk's)");
    // A region chosen by variable wins, and goes into the URL.
    let cfg = resolve_with(
        &args,
        &env(&[("OS_REGION_NAME", "Kna1")]),
        &files(file("/c/clouds.yaml", PROFILED), Default::default()),
        &Offline,
    )
    .unwrap();
    assert_eq!(cfg.get("auth_url"), Some("https://Kna1.citycloud.com:5000/v3/"));
    assert!(cfg.warnings.is_empty(), "{:?}", cfg.warnings);
}

#[test]
fn the_public_file_comes_before_built_in_profiles_and_unknown_ones_warn() {
    let public = files::parse_key(
        Path::new("/c/clouds-public.yaml"),
        "public-clouds:\n  myvendor:\n    auth: {auth_url: \"https://k.myvendor:5000/v3\", username: shared}\n    \
             regions: [R1, {name: R2, values: {}}]\n    image_endpoint_override: https://g.myvendor\n",
        "public-clouds",
    )
    .unwrap();
    let all = Files { clouds: file("/c/clouds.yaml", PROFILED), secure: Default::default(), public };
    let cfg =
        resolve_with(&Flags { cloud: Some("mine".into()), ..Default::default() }, &env(&[]), &all, &Offline).unwrap();
    let from_public = Source::Profile("myvendor".into(), Origin::PublicFile("/c/clouds-public.yaml".into()));
    assert_eq!(cfg.setting("auth_url").unwrap().source, from_public);
    assert_eq!(from_public.to_string(), "public file /c/clouds-public.yaml (profile myvendor)");
    assert_eq!(cfg.get("regions"), Some("R1,R2"));
    assert_eq!(cfg.get("region_name"), Some("R9"), "the cloud's own region_name wins over the profile's regions");
    assert_eq!(cfg.endpoint_override("image"), Some("https://g.myvendor"));

    let cfg =
        resolve_with(&Flags { cloud: Some("gone".into()), ..Default::default() }, &env(&[]), &all, &Offline).unwrap();
    assert!(cfg.warnings[0].contains("`nosuch`"), "{:?}", cfg.warnings);
    let cfg =
        resolve_with(&Flags { cloud: Some("old".into()), ..Default::default() }, &env(&[]), &all, &Offline).unwrap();
    assert!(cfg.warnings[0].contains("say `profile:`"), "{:?}", cfg.warnings);
    assert_eq!(cfg.get("regions").map(|r| r.starts_with("Buf1")), Some(true));
}
