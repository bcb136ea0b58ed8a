//! openstacksdk's built-in vendor profiles (`profile: vexxhost` in clouds.yaml), embedded as the files it ships
//! (see vendors/NOTICE). Each file is `{name: ..., profile: {...settings...}}`.

use serde_yaml_ng::{Mapping, Value};

/// (file name, content) of every vendor file.
pub const FILES: &[(&str, &str)] = &[
    ("auro.json", include_str!("vendors/auro.json")),
    ("betacloud.json", include_str!("vendors/betacloud.json")),
    ("binero.json", include_str!("vendors/binero.json")),
    ("bluebox.json", include_str!("vendors/bluebox.json")),
    ("catalyst.json", include_str!("vendors/catalyst.json")),
    ("citycloud.json", include_str!("vendors/citycloud.json")),
    ("conoha.json", include_str!("vendors/conoha.json")),
    ("dreamcompute.json", include_str!("vendors/dreamcompute.json")),
    ("elastx.json", include_str!("vendors/elastx.json")),
    ("entercloudsuite.json", include_str!("vendors/entercloudsuite.json")),
    ("fuga.json", include_str!("vendors/fuga.json")),
    ("ibmcloud.json", include_str!("vendors/ibmcloud.json")),
    ("internap.json", include_str!("vendors/internap.json")),
    ("limestonenetworks.yaml", include_str!("vendors/limestonenetworks.yaml")),
    ("otc-swiss.json", include_str!("vendors/otc-swiss.json")),
    ("otc.json", include_str!("vendors/otc.json")),
    ("ovh-us.json", include_str!("vendors/ovh-us.json")),
    ("ovh.json", include_str!("vendors/ovh.json")),
    ("rackspace.json", include_str!("vendors/rackspace.json")),
    ("switchcloud.json", include_str!("vendors/switchcloud.json")),
    ("switchengines.json", include_str!("vendors/switchengines.json")),
    ("ultimum.json", include_str!("vendors/ultimum.json")),
    ("unitedstack.json", include_str!("vendors/unitedstack.json")),
    ("vexxhost.json", include_str!("vendors/vexxhost.json")),
    ("zetta.json", include_str!("vendors/zetta.json")),
];

/// The settings of the built-in profile `name`, if there is one.
pub fn get(name: &str) -> Option<Mapping> {
    FILES.iter().find_map(|(_, text)| {
        let doc: Value = serde_yaml_ng::from_str(text).ok()?;
        (doc.get("name")?.as_str()? == name).then(|| doc.get("profile")?.as_mapping().cloned()).flatten()
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Every built-in profile's name.
    fn names() -> Vec<String> {
        FILES
            .iter()
            .filter_map(|(_, text)| {
                let doc: Value = serde_yaml_ng::from_str(text).ok()?;
                doc.get("name")?.as_str().map(str::to_string)
            })
            .collect()
    }

    #[test]
    fn every_file_is_a_named_profile() {
        assert_eq!(names().len(), FILES.len());
        let citycloud = get("citycloud").unwrap();
        assert!(citycloud.get("regions").unwrap().is_sequence());
        assert_eq!(get("vexxhost").unwrap().get("profile").unwrap().as_str(), Some("https://vexxhost.com"));
        assert!(get("limestonenetworks").unwrap().get("regions").is_some(), "the YAML one too");
        assert!(get("nosuch").is_none());
    }
}
