//! Property tests of manifests, indexes and configs from a registry: any bytes, and any JSON shaped like them, are
//! read or refused, never a panic; generated documents read back as written; an index entry is chosen, or the
//! platforms are listed, for any platform asked.

use proptest::prelude::*;
use serde_json::{Value, json};

use super::*;

const TYPES: &[&str] = &[
    DOCKER_MANIFEST,
    DOCKER_LIST,
    OCI_MANIFEST,
    OCI_INDEX,
    DOCKER_SCHEMA1,
    DOCKER_CONFIG,
    OCI_CONFIG,
    DOCKER_LAYER_GZIP,
    OCI_LAYER_TAR,
    "application/json",
    "",
];
const KEYS: &[&str] = &[
    "schemaVersion",
    "mediaType",
    "config",
    "layers",
    "manifests",
    "digest",
    "size",
    "platform",
    "os",
    "architecture",
    "variant",
    "annotations",
];

/// JSON of any shape, with the keys and media types of manifests more often than not.
fn json_value() -> impl Strategy<Value = Value> {
    let leaf = prop_oneof![
        Just(Value::Null),
        any::<bool>().prop_map(Value::from),
        any::<u64>().prop_map(Value::from),
        any::<i64>().prop_map(Value::from),
        any::<f64>().prop_filter("finite", |f| f.is_finite()).prop_map(Value::from),
        prop::sample::select(TYPES).prop_map(Value::from),
        ".{0,12}".prop_map(Value::from),
    ];
    leaf.prop_recursive(4, 48, 6, |inner| {
        prop_oneof![
            prop::collection::vec(inner.clone(), 0..6).prop_map(Value::from),
            prop::collection::vec(
                (prop_oneof![prop::sample::select(KEYS).prop_map(str::to_string), ".{0,6}"], inner),
                0..8
            )
            .prop_map(|kv| Value::Object(kv.into_iter().collect())),
        ]
    })
}

fn platform() -> impl Strategy<Value = Platform> {
    let word = "(linux|windows|unknown|amd64|arm64|arm|aarch64|x86_64|386|armhf|[a-z0-9]{1,6})";
    (word, word, prop::option::of("(v[5-8]|[1-8]|v[1-4])")).prop_map(|(os, arch, variant)| Platform {
        os,
        architecture: arch,
        variant,
    })
}

fn descriptor(media: &'static [&'static str]) -> impl Strategy<Value = Descriptor> {
    (prop::sample::select(media), "[0-9a-f]{64}", any::<u64>(), prop::option::of(platform())).prop_map(
        |(media_type, hex, size, platform)| Descriptor {
            media_type: media_type.to_string(),
            digest: format!("sha256:{hex}"),
            size,
            platform,
        },
    )
}

fn descriptor_json(d: &Descriptor) -> Value {
    let mut v = json!({"mediaType": d.media_type, "digest": d.digest, "size": d.size});
    if let Some(p) = &d.platform {
        v["platform"] = json!({"os": p.os, "architecture": p.architecture});
        if let Some(variant) = &p.variant {
            v["platform"]["variant"] = json!(variant);
        }
    }
    v
}

proptest! {
    #[test]
    fn any_bytes_are_read_or_refused(content_type in ".{0,40}", body in prop::collection::vec(any::<u8>(), 0..200)) {
        let _ = parse(&content_type, &body);
        let _ = config_platform(&body);
    }

    #[test]
    fn any_json_is_read_or_refused(content_type in prop::sample::select(TYPES), doc in json_value()) {
        let body = doc.to_string();
        if let Ok(Manifest::Image { config, layers, .. }) = parse(content_type, body.as_bytes()) {
            // What berth sums later fits a u64.
            prop_assert!(layers.iter().try_fold(config.size, |n, l| n.checked_add(l.size)).is_some());
            let _ = check_config(&config);
            let _ = check_layers(&layers);
        }
        let _ = config_platform(body.as_bytes());
    }

    #[test]
    fn generated_images_read_back(
        oci in any::<bool>(),
        config in descriptor(&[DOCKER_CONFIG, OCI_CONFIG]),
        layers in prop::collection::vec(descriptor(&[DOCKER_LAYER_GZIP, OCI_LAYER_TAR]), 0..5),
    ) {
        let config = Descriptor { platform: None, size: config.size % (1 << 40), ..config };
        let layers: Vec<Descriptor> =
            layers.into_iter().map(|l| Descriptor { platform: None, size: l.size % (1 << 40), ..l }).collect();
        let media_type = if oci { OCI_MANIFEST } else { DOCKER_MANIFEST };
        let doc = json!({"schemaVersion": 2, "mediaType": media_type, "config": descriptor_json(&config),
            "layers": layers.iter().map(descriptor_json).collect::<Vec<_>>()});
        let parsed = parse("", doc.to_string().as_bytes()).map_err(|e| TestCaseError::fail(format!("{e:#}")))?;
        prop_assert_eq!(parsed, Manifest::Image { media_type: media_type.into(), config, layers });
    }

    #[test]
    fn generated_indexes_read_back_and_select_never_panics(
        entries in prop::collection::vec(descriptor(&[DOCKER_MANIFEST, OCI_MANIFEST]), 0..8),
        want in platform(),
        all in any::<bool>(),
    ) {
        let entries: Vec<Descriptor> = entries
            .into_iter()
            .map(|d| Descriptor { platform: d.platform.map(|p| Platform { variant: p.variant.filter(|v| !v.is_empty()), ..p }), ..d })
            .collect();
        let doc = json!({"schemaVersion": 2, "manifests": entries.iter().map(descriptor_json).collect::<Vec<_>>()});
        let Manifest::Index { manifests, .. } = parse("", doc.to_string().as_bytes()).map_err(|e| TestCaseError::fail(format!("{e:#}")))? else {
            return Err(TestCaseError::fail("not an index"));
        };
        prop_assert_eq!(&manifests, &entries);
        match select(&manifests, &want, all) {
            Ok(chosen) => {
                prop_assert!(all || chosen.len() == 1);
                for d in chosen {
                    let p = d.platform.as_ref().expect("entries without a platform are skipped");
                    prop_assert!(!p.is_unknown());
                    if !all {
                        let (w, p) = (want.normalised(), p.normalised());
                        prop_assert!(w.os == p.os && w.architecture == p.architecture);
                    }
                }
            }
            Err(e) => {
                let start = format!("the image has no `{want}` variant");
                prop_assert!(!all && e.to_string().starts_with(&start));
            }
        }
    }

    #[test]
    fn generated_configs_give_their_platform(p in platform(), extra in json_value()) {
        let mut doc = json!({"os": p.os, "architecture": p.architecture, "rootfs": {"diff_ids": []}, "extra": extra});
        if let Some(v) = &p.variant {
            doc["variant"] = json!(v);
        }
        prop_assert_eq!(config_platform(doc.to_string().as_bytes()).ok(), Some(p));
    }
}
