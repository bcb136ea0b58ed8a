//! The preflight of a boot: everything that would make Nova fail late (or boot something that is no container),
//! refused before any request that creates something. Each refusal says why and whether `--force` may lift it.

use serde_json::Value;

use super::Request;
use crate::error::Failure;
use crate::gaps;
use crate::openstack::Session;
use crate::openstack::glance::Image;
use crate::openstack::nova::Flavor;

/// A reason not to boot, and whether `--force` may lift it.
pub type Refusal = (Failure, bool);

/// The refusals that need no request: options a docker instance cannot honour.
pub fn option_refusals(req: &Request) -> Vec<Refusal> {
    let mut out = Vec::new();
    if req.command {
        out.push((
            Failure::usage("`--command` cannot be honoured: the docker driver takes the command from the image's `os_command_line` property, and Nova has no per-boot override of image properties")
                .hint("sync the image again with the command you want in its Entrypoint/Cmd, or set `os_command_line` on a copy of the image"),
            false,
        ));
    }
    if !req.volumes.is_empty() {
        out.push((
            Failure::usage(
                "`--volume` cannot be honoured: container instances (nova-docker) cannot attach Cinder volumes",
            )
            .hint("use Zun (OS::Zun::Container mounts volumes), or `--force` if this cloud's driver can"),
            true,
        ));
    }
    if req.config_drive {
        out.push((
            Failure::usage("`--config-drive` cannot be honoured: container instances have no config drive")
                .hint("pass settings with `--env` (container environment) or `--user-data`; `--force` asks anyway"),
            true,
        ));
    }
    out
}

/// Image and flavor checks: the image must be an active docker image the flavor fits.
pub fn image_refusals(image: &Image, flavor: &Flavor) -> Vec<Refusal> {
    let mut out = docker_image_refusals(image);
    out.extend(flavor_refusals(image, flavor));
    out
}

/// The image must be an active docker image: what a container driver (nova-docker, Zun's glance driver) loads.
pub fn docker_image_refusals(image: &Image) -> Vec<Refusal> {
    let mut out = Vec::new();
    let name = image.name.clone().unwrap_or_else(|| image.id.clone());
    if image.container_format.as_deref() != Some("docker") {
        out.push((
            Failure::usage(format!(
                "image `{name}` has container_format `{}`: container drivers boot only `docker` images (nova-docker fails with \"Image container format not supported\")",
                image.container_format.as_deref().unwrap_or("none")
            ))
            .hint("make a docker image with `berth image sync REF`; `--force` boots this one anyway"),
            true,
        ));
    }
    out.extend(active_refusal(image));
    out
}

/// The image must be active.
fn active_refusal(image: &Image) -> Option<Refusal> {
    let name = image.name.clone().unwrap_or_else(|| image.id.clone());
    (image.status != "active").then(|| {
        (
            Failure::usage(format!("image `{name}` is `{}`, not `active`: Nova cannot boot it", image.status))
                .hint("wait for the upload to finish, or sync it again"),
            false,
        )
    })
}

/// A VM image (the `vm` path of a stack): active, and not a docker image, which no VM boots.
pub fn vm_image_refusals(image: &Image) -> Vec<Refusal> {
    let mut out = Vec::new();
    let name = image.name.clone().unwrap_or_else(|| image.id.clone());
    if image.container_format.as_deref() == Some("docker") {
        out.push((
            Failure::usage(format!(
                "image `{name}` is a docker image (container_format `docker`): a VM cannot boot it"
            ))
            .hint(
                "`--vm-image` takes a VM image with cloud-init and Docker; the container image is the first argument",
            ),
            false,
        ));
    }
    out.extend(active_refusal(image));
    out
}

/// The flavor must fit the image's min_ram and min_disk.
pub fn flavor_refusals(image: &Image, flavor: &Flavor) -> Vec<Refusal> {
    let mut out = Vec::new();
    let name = image.name.clone().unwrap_or_else(|| image.id.clone());
    let min_ram = image.extra.get("min_ram").and_then(Value::as_u64).unwrap_or(0);
    let min_disk = image.extra.get("min_disk").and_then(Value::as_u64).unwrap_or(0);
    if flavor.ram < min_ram || (flavor.disk > 0 && flavor.disk < min_disk) {
        out.push((
            Failure::usage(format!(
                "flavor `{}` ({} MiB RAM, {} GiB disk) is too small for image `{name}` (min_ram {min_ram} MiB, min_disk {min_disk} GiB)",
                flavor.name, flavor.ram, flavor.disk
            ))
            .hint("choose a larger flavor (`openstack flavor list`)"),
            true,
        ));
    }
    out
}

/// Without `force` the first refusal stops the boot (naming the others); with it, the first one `force` cannot
/// lift. What is left is booted anyway: returned as warnings.
pub fn decide(mut refusals: Vec<Refusal>, force: bool) -> Result<Vec<Failure>, Failure> {
    let stop =
        if force { refusals.iter().position(|(_, forceable)| !forceable) } else { (!refusals.is_empty()).then_some(0) };
    if let Some(pos) = stop {
        let (first, _) = refusals.remove(pos);
        let more = refusals.len();
        return Err(if more > 0 && !force {
            let hint = first.hint.clone().unwrap_or_default();
            Failure::usage(first.message).hint(format!(
                "{hint} ({more} more check(s) would refuse too: {})",
                refusals.iter().map(|(f, _)| f.message.as_str()).collect::<Vec<_>>().join("; ")
            ))
        } else {
            first
        });
    }
    Ok(refusals.into_iter().map(|(f, _)| f).collect())
}

/// The same fact and check as `berth gaps` (compute.container-hypervisor): a warning when no hypervisor is a
/// container one; `Err` with the reason when berth cannot tell (e.g. a member may not list hypervisors).
pub async fn hypervisor_warning(session: &Session) -> anyhow::Result<Result<Option<String>, String>> {
    let hypervisors = gaps::facts::hypervisors(session, &session.endpoint("compute")?).await;
    Ok(match gaps::checks::container_hypervisor(&hypervisors).status {
        gaps::Status::Fail => {
            let kinds: Vec<String> = hypervisors.known().into_iter().flatten().map(|h| h.kind.clone()).collect();
            Ok(Some(format!(
                "no hypervisor of this cloud is a container one (docker, lxc): it has {}. Nova will place the server on one of those, which boots the image's data as a VM disk, not as a container.",
                if kinds.is_empty() { "none".to_string() } else { kinds.join(", ") }
            )))
        }
        gaps::Status::Unknown => Err(hypervisors.reason().unwrap_or("the hypervisors are unknown").to_string()),
        _ => Ok(None),
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn image_checks() {
        let img: Image = serde_json::from_value(
            json!({"id": "i", "name": "vm", "status": "active", "container_format": "bare", "min_ram": 2048}),
        )
        .unwrap();
        let fl = Flavor { id: "1".into(), name: "m1.tiny".into(), vcpus: 1, ram: 512, disk: 1 };
        let r = image_refusals(&img, &fl);
        assert_eq!(r.len(), 2);
        assert!(r[0].0.message.contains("container_format `bare`"));
        assert!(r[1].0.message.contains("too small"));
        assert!(r.iter().all(|(_, forceable)| *forceable));
        let docker: Image = serde_json::from_value(
            json!({"id": "d", "name": "busybox:1.36", "status": "queued", "container_format": "docker"}),
        )
        .unwrap();
        let r = vm_image_refusals(&docker);
        assert!(r[0].0.message.contains("a VM cannot boot it"), "{}", r[0].0.message);
        assert!(r[1].0.message.contains("not `active`"));
        assert!(vm_image_refusals(&img).is_empty());
    }

    #[test]
    fn force_lifts_only_what_it_may() {
        let lifted = (Failure::usage("a"), true);
        let fixed = (Failure::usage("b"), false);
        assert_eq!(decide(vec![lifted.clone()], true).unwrap().len(), 1);
        assert_eq!(decide(vec![lifted.clone(), fixed.clone()], true).unwrap_err().message, "b");
        let e = decide(vec![lifted, fixed], false).unwrap_err();
        assert_eq!(e.message, "a");
        assert!(e.hint.unwrap().contains("1 more check(s) would refuse too: b"));
    }
}
