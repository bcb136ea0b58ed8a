//! What berth checks before it asks Heat to create (or update) a stack, shared with `boot` where the question is
//! the same (`boot::preflight`: an active image of the right format, a flavor that fits it, the hypervisor
//! warning): the images a path needs, resolved the way `boot` resolves them; flavors and networks that exist
//! (with "did you mean"); and the resource types the template uses, offered by this cloud's Heat. Each refusal
//! says why, and exits 2 before anything is created.

use super::options::{ImageDriver, Kind, Source, Spec};
use super::refusal::missing_type;
use super::template::{Container, Resolved};
use crate::boot::preflight::{self as boot, Refusal};
use crate::error::{ExitCode, Failure};
use crate::image::find;
use crate::openstack::Session;
use crate::openstack::glance::{self, Image};
use crate::openstack::heat::Heat;
use crate::openstack::lookup;
use crate::openstack::nova::Compute;
use crate::registry::{Registry, RegistryOptions, reference};

/// What [`resolve`] found, and what it warns about without refusing.
pub struct Found {
    pub resolved: Resolved,
    pub warnings: Vec<String>,
}

/// Resolve what the template of `kind` needs, refusing what would fail late. `net` is for the registry client
/// (`--for vm --source registry` pins the image by the digest its registry gives).
pub async fn resolve(session: &Session, kind: Kind, spec: &Spec, net: &crate::net::Options) -> anyhow::Result<Found> {
    let mut refusals: Vec<Refusal> = Vec::new();
    let mut warnings = Vec::new();
    let needs_server = matches!(kind, Kind::NovaDocker | Kind::Vm);
    let flavors = if needs_server { Compute::connect(session).await?.flavors().await? } else { Vec::new() };
    let flavor = match (&spec.flavor, needs_server) {
        (Some(f), true) => Some(lookup::flavor(&flavors, f)?.clone()),
        _ => None,
    };
    if kind != Kind::DockerEngine {
        // A name must name one network (Heat would fail late on it); an ID is Heat's to check.
        for n in spec.networks.iter().filter(|n| !lookup::is_uuid(n)) {
            lookup::network(session, n).await?;
        }
    }
    let mut resolved = Resolved {
        container: Container::Reference(spec.image.clone()),
        vm_image: None,
        identity_url: None,
        image_url: None,
    };
    match kind {
        Kind::NovaDocker => {
            let image = find::resolve(session, &spec.image).await?;
            if let Some(f) = &flavor {
                refusals.extend(boot::image_refusals(&image, f));
            }
            if let Ok(Some(w)) = boot::hypervisor_warning(session).await? {
                warnings.push(w);
            }
            resolved.container = Container::Glance(image);
        }
        Kind::Zun => resolved.container = zun_image(session, spec, &mut refusals).await?,
        Kind::DockerEngine => {
            if let Err(e) = registry_digest(&spec.image, net).await {
                warnings.push(format!(
                    "berth cannot find `{}` in its registry ({e:#}); the Docker engine pulls it itself, and the create fails if it cannot either",
                    spec.image
                ));
            }
        }
        Kind::Vm => {
            let wanted = spec.vm_image.as_deref().unwrap_or_default();
            let vm_image = find::by_id_or_name(session, wanted).await?;
            refusals.extend(boot::vm_image_refusals(&vm_image));
            if let Some(f) = &flavor {
                refusals.extend(boot::flavor_refusals(&vm_image, f));
            }
            resolved.vm_image = Some(vm_image);
            resolved.container = vm_container(session, spec, net, &mut refusals, &mut resolved).await?;
        }
    }
    boot::decide(refusals, false)?;
    Ok(Found { resolved, warnings })
}

/// Zun's image: with the glance driver, the Glance docker image named as `berth image sync --for zun` names it.
async fn zun_image(session: &Session, spec: &Spec, refusals: &mut Vec<Refusal>) -> anyhow::Result<Container> {
    if spec.image_driver.unwrap_or_default() == ImageDriver::Docker {
        reference::parse(&spec.image)?;
        return Ok(Container::Reference(spec.image.clone()));
    }
    let r = reference::parse(&spec.image).map_err(|e| {
        Failure::usage(format!(
            "`{}` is not a docker reference, which Zun's glance driver looks images up by: {e:#}",
            spec.image
        ))
    })?;
    let (name, tag) = (r.familiar(), r.tag_or_default().to_string());
    let mut found: Vec<Image> =
        glance::by_name(session, &name).await?.into_iter().filter(|i| i.tags.contains(&tag)).collect();
    found.sort_by(|a, b| (a.status == "active", &a.created_at).cmp(&(b.status == "active", &b.created_at)));
    let Some(image) = found.pop() else {
        return Err(Failure::usage(format!(
            "no Glance image is named `{name}` with the tag `{tag}`, which is how Zun's glance driver finds `{}`",
            spec.image
        ))
        .hint(format!(
            "`berth image sync --for zun {}` names it so; or `--image-driver docker` to have Zun pull from the registry",
            spec.image
        ))
        .into());
    };
    refusals.extend(boot::docker_image_refusals(&image));
    Ok(Container::ZunGlance { name, tag, image })
}

/// The `vm` path's container image: pinned by its registry's digest, or a Glance docker image with what the VM
/// needs to fetch it (the identity and image endpoints).
async fn vm_container(
    session: &Session,
    spec: &Spec,
    net: &crate::net::Options,
    refusals: &mut Vec<Refusal>,
    resolved: &mut Resolved,
) -> anyhow::Result<Container> {
    match spec.source.unwrap_or_default() {
        Source::Registry => {
            let (r, digest) = registry_digest(&spec.image, net).await.map_err(|e| {
                Failure::new(ExitCode::Failure, format!("berth cannot pin `{}` by digest: {e:#}", spec.image))
                    .hint("the VM pulls from the registry by digest: check the reference; `--source glance` takes a Glance image instead")
            })?;
            Ok(Container::Pinned { typed: spec.image.clone(), pinned: format!("{}@{digest}", r.familiar()) })
        }
        Source::Glance => {
            let image = find::resolve(session, &spec.image).await?;
            refusals.extend(boot::docker_image_refusals(&image));
            resolved.identity_url = Some(session.token().identity_url.clone());
            resolved.image_url = Some(session.endpoint("image")?);
            Ok(Container::Glance(image))
        }
    }
}

/// The digest `reference` resolves to in its registry (a manifest HEAD: no pull), or the digest it names.
async fn registry_digest(typed: &str, net: &crate::net::Options) -> anyhow::Result<(reference::Reference, String)> {
    let r = reference::parse(typed)?;
    if let Some(d) = &r.digest {
        return Ok((r.clone(), d.clone()));
    }
    let client = Registry::new(&r.registry, RegistryOptions { net: net.clone(), ..RegistryOptions::default() })?;
    let head = client.head_manifest(&r).await?;
    let digest = match head.digest {
        Some(d) => d,
        None => {
            let platform = crate::registry::Platform::linux_amd64();
            let images = client.resolve(&r, &platform, false).await?;
            let first = images.first().ok_or_else(|| anyhow::anyhow!("`{r}` resolves to no image"))?;
            first.index_digest.clone().unwrap_or_else(|| first.manifest_digest.clone())
        }
    };
    crate::registry::digest::check(&digest).map_err(anyhow::Error::msg)?;
    Ok((r, digest))
}

/// The resource types of `text` that this cloud's Heat does not offer, refused with the service each needs or
/// similar types Heat has. `types` are (type, first resource using it); `source` names the template.
pub async fn check_types(heat: &Heat<'_>, types: &[(String, String)], text: &str, source: &str) -> anyhow::Result<()> {
    if types.is_empty() {
        return Ok(());
    }
    let filter = format!("^({})$", types.iter().map(|(t, _)| regex::escape(t)).collect::<Vec<_>>().join("|"));
    let offered = heat.resource_types(Some(&filter)).await?;
    let Some((t, resource)) = types.iter().find(|(t, _)| !offered.contains(t)) else { return Ok(()) };
    // Only now the whole list (1-2 s: Heat checks every type's service): for "did you mean".
    let all = heat.resource_types(None).await.unwrap_or_default();
    let catalog: Vec<String> = heat.session.token().body.catalog.iter().map(|s| s.kind.clone()).collect();
    Err(missing_type(t, resource, text, source, &catalog, &all).into())
}
