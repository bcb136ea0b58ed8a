//! How a docker image is named in Glance so that its container driver finds it: nova-docker looks the Glance name
//! up in docker after loading the archive; Zun matches the Glance name to the repository and a Glance tag to the
//! docker tag. Also the image's command line as Glance's `os_command_line`.

use serde_json::Value;

use crate::error::Failure;
use crate::registry::reference::{self, Reference};

/// The container driver that will boot the Glance image, which decides how it is named.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Consumer {
    /// Glance name = `repo:tag` = the archive's RepoTags.
    NovaDocker,
    /// Glance name = `repo`, Glance tag = the docker tag.
    Zun,
}

impl Consumer {
    /// The names as the command line and the sync file spell them, with what each means.
    pub const NAMES: &'static [(&'static str, &'static str)] = &[
        ("nova-docker", "Glance name = `repo:tag` = the archive's RepoTags"),
        ("zun", "Glance name = `repo`, Glance tag = the docker tag"),
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            Consumer::NovaDocker => "nova-docker",
            Consumer::Zun => "zun",
        }
    }
}

impl std::str::FromStr for Consumer {
    type Err = String;
    fn from_str(s: &str) -> Result<Self, String> {
        match s {
            "nova-docker" => Ok(Consumer::NovaDocker),
            "zun" => Ok(Consumer::Zun),
            other => Err(format!("`{other}` is not a container driver berth names images for (nova-docker, zun)")),
        }
    }
}

/// The Glance name, the archive's RepoTags entry and the Glance tags for one image.
#[derive(Debug, Clone, PartialEq)]
pub struct Naming {
    pub glance_name: String,
    pub repo_tag: String,
    pub glance_tags: Vec<String>,
}

/// The names of the image `r` for `consumer`: from the reference, or from `name` (`repo`, which keeps the
/// reference's tag, or `repo:tag`), with `extra_tags` as further Glance tags.
pub fn naming(r: &Reference, consumer: Consumer, name: Option<&str>, extra_tags: &[String]) -> anyhow::Result<Naming> {
    // Docker gives a pull by digest no tag: such an image has no `repo:tag` of its own, and `latest` would move the
    // lineage of whatever was synced as `latest`. Its tag must be named.
    if r.tag.is_none() && r.digest.is_some() && !name.is_some_and(has_tag) {
        return Err(Failure::usage(format!(
            "`{r}` names an image by its digest alone, so it has no tag to be known by"
        ))
        .hint(format!(
            "give it one with `--name {}:TAG` (a sync file: `name: REPO:TAG`); a digest pull never becomes `latest`",
            name.unwrap_or(&r.familiar())
        ))
        .into());
    }
    let mut glance_tags = extra_tags.to_vec();
    let (glance_name, repo_tag) = match (name, consumer) {
        (None, Consumer::NovaDocker) => (r.familiar_with_tag(), r.familiar_with_tag()),
        (None, Consumer::Zun) => {
            glance_tags.insert(0, r.tag_or_default().to_string());
            (r.familiar(), r.familiar_with_tag())
        }
        (Some(name), consumer) => {
            // The name becomes a docker name inside the archive, so it must be a valid one.
            let n = reference::parse(name).map_err(|e| {
                Failure::usage(format!("`--name {name}` is not a valid docker image name: {e}"))
                    .hint("container drivers load the image under this name: use `repo` or `repo:tag` in lowercase")
            })?;
            if n.digest.is_some() {
                return Err(Failure::usage(format!("`--name {name}` has a digest; a docker name needs a tag")).into());
            }
            // A name without a tag renames the repository: the image keeps the reference's tag.
            let tag = n.tag.clone().unwrap_or_else(|| r.tag_or_default().to_string());
            let repo = n.familiar();
            match consumer {
                Consumer::NovaDocker => {
                    let full = format!("{repo}:{tag}");
                    // nova-docker looks the Glance name up in docker: keep it exactly as docker will know it.
                    (if n.tag.is_some() { name.to_string() } else { full.clone() }, full)
                }
                Consumer::Zun => {
                    glance_tags.insert(0, tag.clone());
                    (repo.clone(), format!("{repo}:{tag}"))
                }
            }
        }
    };
    glance_tags.dedup();
    Ok(Naming { glance_name, repo_tag, glance_tags })
}

/// Whether a docker name has a tag (`repo:tag`, the colon after the last `/`).
fn has_tag(name: &str) -> bool {
    name.rsplit('/').next().is_some_and(|last| last.contains(':'))
}

/// The image's Entrypoint + Cmd as one shell command line, for Glance's `os_command_line`.
pub fn command_line(config: &Value) -> Option<String> {
    let c = config.get("config")?;
    let words: Vec<String> = ["Entrypoint", "Cmd"]
        .iter()
        .filter_map(|k| c.get(*k).and_then(Value::as_array))
        .flatten()
        .filter_map(|v| v.as_str().map(shell_quote))
        .collect();
    if words.is_empty() { None } else { Some(words.join(" ")) }
}

fn shell_quote(s: &str) -> String {
    if !s.is_empty() && s.chars().all(|c| c.is_ascii_alphanumeric() || "-_./=:,@%+".contains(c)) {
        s.to_string()
    } else {
        format!("'{}'", s.replace('\'', r"'\''"))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::error::ExitCode;
    use serde_json::json;

    fn r(s: &str) -> Reference {
        reference::parse(s).unwrap()
    }

    fn names(r: &Reference, consumer: Consumer, name: Option<&str>) -> anyhow::Result<Naming> {
        naming(r, consumer, name, &["extra".to_string()])
    }

    #[test]
    fn nova_docker_names_the_image_as_docker_does() {
        let n = names(&r("busybox:1.36"), Consumer::NovaDocker, None).unwrap();
        assert_eq!(
            n,
            Naming {
                glance_name: "busybox:1.36".into(),
                repo_tag: "busybox:1.36".into(),
                glance_tags: vec!["extra".into()]
            }
        );
        let n = names(&r("127.0.0.1:5001/library/busybox"), Consumer::NovaDocker, None).unwrap();
        assert_eq!(n.glance_name, "127.0.0.1:5001/library/busybox:latest");
        assert_eq!(n.repo_tag, n.glance_name);
    }

    #[test]
    fn zun_names_by_repo_and_tags_by_docker_tag() {
        let n = names(&r("docker.io/library/busybox:1.36"), Consumer::Zun, None).unwrap();
        assert_eq!(
            n,
            Naming {
                glance_name: "busybox".into(),
                repo_tag: "busybox:1.36".into(),
                glance_tags: vec!["1.36".into(), "extra".into()]
            }
        );
    }

    #[test]
    fn explicit_names() {
        let n = names(&r("busybox:1.36"), Consumer::NovaDocker, Some("tools/bb")).unwrap();
        assert_eq!((n.glance_name.as_str(), n.repo_tag.as_str()), ("tools/bb:1.36", "tools/bb:1.36"));
        let n = names(&r("busybox"), Consumer::NovaDocker, Some("tools/bb")).unwrap();
        assert_eq!(n.glance_name, "tools/bb:latest");
        let n = names(&r("busybox:1.36"), Consumer::NovaDocker, Some("tools/bb:v1")).unwrap();
        assert_eq!((n.glance_name.as_str(), n.repo_tag.as_str()), ("tools/bb:v1", "tools/bb:v1"));
        let n = names(&r("busybox:1.36"), Consumer::Zun, Some("tools/bb")).unwrap();
        assert_eq!((n.glance_name.as_str(), n.repo_tag.as_str()), ("tools/bb", "tools/bb:1.36"));
        let e = names(&r("busybox"), Consumer::NovaDocker, Some("Bad Name")).unwrap_err();
        assert_eq!(crate::error::exit_code(&e), ExitCode::Usage);
    }

    #[test]
    fn a_digest_alone_needs_a_tagged_name() {
        let digest = format!("sha256:{}", "a".repeat(64));
        let by_digest = r(&format!("busybox@{digest}"));
        for consumer in [Consumer::NovaDocker, Consumer::Zun] {
            for name in [None, Some("x"), Some("team/x")] {
                let e = names(&by_digest, consumer, name).unwrap_err();
                assert_eq!(crate::error::exit_code(&e), ExitCode::Usage);
                assert!(e.to_string().contains("by its digest alone"), "{e}");
            }
        }
        let n = names(&by_digest, Consumer::NovaDocker, Some("x:pinned")).unwrap();
        assert_eq!((n.glance_name.as_str(), n.repo_tag.as_str()), ("x:pinned", "x:pinned"));
        // A tag and a digest: the tag names it, as Docker does.
        let n = names(&r(&format!("busybox:1.36@{digest}")), Consumer::NovaDocker, None).unwrap();
        assert_eq!(n.repo_tag, "busybox:1.36");
    }

    #[test]
    fn consumers_parse_as_spelled() {
        for (name, _) in Consumer::NAMES {
            assert_eq!(name.parse::<Consumer>().unwrap().as_str(), *name);
        }
        assert!("docker".parse::<Consumer>().is_err());
    }

    #[test]
    fn command_line_joins_entrypoint_and_cmd_quoted() {
        let c = json!({"config": {"Entrypoint": ["/bin/sh", "-c"], "Cmd": ["echo it's up; sleep 1"]}});
        assert_eq!(command_line(&c).unwrap(), r"/bin/sh -c 'echo it'\''s up; sleep 1'");
        assert_eq!(command_line(&json!({"config": {"Cmd": ["sh"]}})).unwrap(), "sh");
        assert!(command_line(&json!({"config": {}})).is_none());
    }
}
