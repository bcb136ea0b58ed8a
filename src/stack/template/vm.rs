//! `--for vm`: an `OS::Nova::Server` from a VM image whose cloud-init starts the container (a "secure
//! container": the VM is the isolation). The container image is pinned by digest and comes from its registry,
//! or from Glance with an application credential that Keystone's access rules restrict to one request:
//! `GET /v2/images/{id}/file` of that image. No password of anyone's goes into the user data.

use super::nova::{flavor_param, networks, server_outputs};
use super::{Container, Resolved, document, name_property, param, provenance};
use crate::stack::options::{Kind, Source, Spec, shell_quote, shell_words};
use crate::stack::yaml::{Entry, Node, call, commented, entry, flow_seq, s};

/// The parameters that carry the restricted application credential (`--source glance`).
pub const CREDENTIAL_ID: &str = "image_credential_id";
pub const CREDENTIAL_SECRET: &str = "image_credential_secret";
/// Where cloud-init writes the script that starts the container.
pub const SCRIPT_PATH: &str = "/usr/local/sbin/berth-container";

const ABOUT: &str = "vm (a secure container): Nova boots a VM image that has cloud-init and Docker; its user data \
writes a script that pulls the container image pinned by digest (from its registry, or from Glance with a \
short-lived application credential that Keystone's access rules restrict to `GET /v2/images/{id}/file` of that \
one image) and starts the container with `docker run`. The VM is the isolation: one container per VM, with the \
flavor's CPUs and memory around it.";

pub fn vm(spec: &Spec, r: &Resolved) -> anyhow::Result<Node> {
    let vm_image = r.vm_image.as_ref().ok_or_else(|| anyhow::anyhow!("`--for vm` without a resolved VM image"))?;
    let source = match &r.container {
        Container::Pinned { .. } => Source::Registry,
        Container::Glance(_) => Source::Glance,
        other => anyhow::bail!("`--for vm` takes a pinned reference or a Glance image, not {other:?}"),
    };
    let mut parameters = vec![
        param(
            "vm_image",
            "Glance VM image with cloud-init and Docker (not the container image)",
            &provenance(vm_image),
            Some(vm_image.id.clone()),
            Some("glance.image"),
        ),
        flavor_param(spec),
    ];
    if source == Source::Glance {
        parameters.extend(credential_params());
    }
    let mut params = vec![entry("@@NAME@@", name_value(spec))];
    if source == Source::Glance {
        params.push(entry("@@CREDENTIAL_ID@@", call("get_param", s(CREDENTIAL_ID))));
        params.push(entry("@@CREDENTIAL_SECRET@@", call("get_param", s(CREDENTIAL_SECRET))));
    }
    let user_data = Node::Map(vec![entry(
        "str_replace",
        Node::Map(vec![entry("template", Node::Block(cloud_config(spec, r)?)), entry("params", Node::Map(params))]),
    )]);
    let props = vec![
        name_property(spec),
        entry("image", call("get_param", s("vm_image"))),
        entry("flavor", call("get_param", s("flavor"))),
        networks(spec),
        commented("user_data_format", s("RAW"), "the user data as it is: cloud-init reads it"),
        commented("user_data", user_data, "cloud-config: a script that starts the container, run once at first boot"),
    ];
    let resources = Node::Map(vec![entry(
        "server",
        Node::Map(vec![entry("type", s("OS::Nova::Server")), entry("properties", Node::Map(props))]),
    )]);
    Ok(document(
        Kind::Vm,
        spec,
        format!("{} in a VM of its own (a secure container), started by cloud-init", spec.image),
        ABOUT,
        vec![
            entry("parameters", Node::Map(parameters)),
            entry("resources", resources),
            entry("outputs", server_outputs()),
        ],
    ))
}

/// The container's name: `--name`, else the stack's (substituted by Heat).
fn name_value(spec: &Spec) -> Node {
    match &spec.name {
        Some(n) => s(n.clone()),
        None => call("get_param", s("OS::stack_name")),
    }
}

fn credential_params() -> Vec<Entry> {
    let how = "`berth stack create` makes it; by hand: `openstack application credential create --expiration \
               TIME\n--access-rules '[{\"service\": \"image\", \"method\": \"GET\", \"path\": \
               \"/v2/images/ID/file\"}]' NAME`";
    vec![
        commented(
            CREDENTIAL_ID,
            Node::Map(vec![
                entry("type", s("string")),
                entry(
                    "description",
                    s("ID of an application credential restricted to GET /v2/images/{id}/file of the image"),
                ),
            ]),
            how,
        ),
        entry(
            CREDENTIAL_SECRET,
            Node::Map(vec![
                entry("type", s("string")),
                entry("description", s("its secret (hidden: Heat shows it as ******)")),
                entry("hidden", Node::Bool(true)),
            ]),
        ),
    ]
}

/// The user data: `#cloud-config` that writes the start script and runs it.
fn cloud_config(spec: &Spec, r: &Resolved) -> anyhow::Result<String> {
    let script = script(spec, r)?;
    let doc = Node::Map(vec![
        commented(
            "write_files",
            Node::Seq(vec![Node::Map(vec![
                entry("path", s(SCRIPT_PATH)),
                commented("permissions", s("0700"), "root only: with `--source glance` it holds the credential"),
                entry("owner", s("root:root")),
                entry("content", Node::Block(script)),
            ])]),
            &format!("Written by berth for {}: starts the container once Docker runs.", spec.image),
        ),
        entry("runcmd", Node::Seq(vec![flow_seq(vec![s(SCRIPT_PATH)])])),
    ]);
    Ok(format!("#cloud-config\n{}", doc.document()))
}

/// `docker run` options and the command after the image, shell-quoted.
fn run_args(spec: &Spec) -> anyhow::Result<(String, String)> {
    let mut opts = Vec::new();
    if let Some(r) = &spec.restart {
        opts.push(format!("--restart {}", shell_quote(&r.to_string())));
    }
    if let Some(c) = spec.cpu {
        opts.push(format!("--cpus {c}"));
    }
    if let Some(m) = spec.memory {
        opts.push(format!("--memory {}b", m.bytes));
    }
    for (k, v) in &spec.env {
        opts.push(format!("-e {}", shell_quote(&format!("{k}={v}"))));
    }
    for p in &spec.publish {
        opts.push(format!("-p {}", shell_quote(&p.docker_arg())));
    }
    let command = match &spec.command {
        Some(c) => {
            shell_words(c).map_err(anyhow::Error::msg)?.iter().map(|w| shell_quote(w)).collect::<Vec<_>>().join(" ")
        }
        None => String::new(),
    };
    Ok((opts.join(" "), command))
}

const WAIT_FOR_DOCKER: &str = "# Docker may still be starting at first boot.
i=0
until docker info >/dev/null 2>&1; do
  i=$((i + 1))
  [ \"$i\" -le 90 ] || { echo \"berth: docker did not start\" >&2; exit 1; }
  sleep 2
done
";

/// The script that starts the container, as cloud-init runs it (root, once).
fn script(spec: &Spec, r: &Resolved) -> anyhow::Result<String> {
    let (opts, command) = run_args(spec)?;
    let mut sh = String::from("#!/bin/sh\nset -eu\n");
    sh.push_str("name='@@NAME@@'\n");
    let image_var = match &r.container {
        Container::Pinned { typed, pinned } => {
            sh.push_str(&format!("# {typed}, pinned by the digest its registry gave\nimage={}\n", shell_quote(pinned)));
            sh.push_str(WAIT_FOR_DOCKER);
            sh.push_str("docker pull \"$image\"\n");
            "$image"
        }
        Container::Glance(image) => {
            glance_download(&mut sh, image, r)?;
            "$docker_id"
        }
        other => anyhow::bail!("`--for vm` takes a pinned reference or a Glance image, not {other:?}"),
    };
    sh.push_str("docker rm -f \"$name\" >/dev/null 2>&1 || true\n");
    let opts = if opts.is_empty() { String::new() } else { format!(" {opts}") };
    let command = if command.is_empty() { String::new() } else { format!(" {command}") };
    sh.push_str(&format!("docker run -d --name \"$name\"{opts} \"{image_var}\"{command}\n"));
    Ok(sh)
}

/// The part of the script that downloads the Glance image with the restricted credential, checks it against
/// Glance's hash, `docker load`s it and checks the image ID berth recorded.
fn glance_download(sh: &mut String, image: &crate::openstack::glance::Image, r: &Resolved) -> anyhow::Result<()> {
    let docker_id = image.property(crate::image::provenance::CONFIG_DIGEST).ok_or_else(|| {
        crate::error::Failure::usage(format!(
            "Glance image `{}` has no `berth_config_digest`: berth cannot pin the container it holds",
            image.id
        ))
        .hint("sync the image with `berth image sync`, or use `--source registry`")
    })?;
    let (algo, hash) =
        match (image.property("os_hash_algo"), image.property("os_hash_value"), image.property("checksum")) {
            (Some(a @ ("sha512" | "sha256")), Some(h), _) => (a, h),
            (_, _, Some(md5)) => ("md5", md5),
            _ => anyhow::bail!("Glance image `{}` has no hash to check its download against", image.id),
        };
    let (identity, glance) = match (&r.identity_url, &r.image_url) {
        (Some(i), Some(g)) => (i, g),
        _ => anyhow::bail!("`--source glance` without the identity and image endpoints"),
    };
    sh.push_str(&format!(
        "# {}\nkeystone={}\nglance={}\nimage_id={}\n{algo}={}\ndocker_id={}\n",
        provenance(image).replace('\n', " "),
        shell_quote(identity),
        shell_quote(glance),
        shell_quote(&image.id),
        shell_quote(hash),
        shell_quote(docker_id)
    ));
    sh.push_str("credential_id='@@CREDENTIAL_ID@@'\ncredential_secret='@@CREDENTIAL_SECRET@@'\n");
    sh.push_str(WAIT_FOR_DOCKER);
    sh.push_str(&format!(
        "if ! docker image inspect \"$docker_id\" >/dev/null 2>&1; then
  archive=$(mktemp \"${{TMPDIR:-/var/tmp}}/berth-image.XXXXXX\")
  trap 'rm -f \"$archive\"' EXIT
  # A token of the application credential: it may read this image's data and nothing else. Secrets go to curl
  # on stdin, never on a command line.
  token=$(printf '{{\"auth\": {{\"identity\": {{\"methods\": [\"application_credential\"], \"application_credential\": {{\"id\": \"%s\", \"secret\": \"%s\"}}}}}}}}' \"$credential_id\" \"$credential_secret\" |
    curl -fsS -D - -o /dev/null -H 'Content-Type: application/json' -d @- \"$keystone/auth/tokens\" |
    tr -d '\\r' | awk 'tolower($1) == \"x-subject-token:\" {{ print $2 }}')
  [ -n \"$token\" ] || {{ echo \"berth: no token for the image credential\" >&2; exit 1; }}
  printf 'X-Auth-Token: %s\\n' \"$token\" | curl -fsS -H @- -o \"$archive\" \"$glance/v2/images/$image_id/file\"
  echo \"${algo}  $archive\" | {algo}sum -c - >/dev/null
  docker load -i \"$archive\"
  rm -f \"$archive\"
fi
# The image ID is the digest of its config: what berth recorded when it synced the image.
[ \"$(docker image inspect --format '{{{{.Id}}}}' \"$docker_id\")\" = \"$docker_id\" ]
",
        algo = algo
    ));
    Ok(())
}
