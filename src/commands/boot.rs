//! `berth boot`: the arguments into a boot request, the preflight's refusals and warnings, the floating IPs held,
//! create, wait, associate.

use crate::app::Ctx;
use crate::boot::network::{self, Ask, Plan};
use crate::boot::{self, floating, preflight, wait};
use crate::cli::BootArgs;
use crate::error::Failure;
use crate::image::find;
use crate::openstack::Session;
use crate::openstack::glance::Image;
use crate::openstack::lookup;
use crate::openstack::neutron::Neutron;
use crate::openstack::nova::{Compute, Flavor, Server};
use crate::signals::Signals;

fn request(args: &BootArgs) -> anyhow::Result<boot::Request> {
    let user_data = match &args.user_data {
        Some(p) => Some(
            std::fs::read(p)
                .map_err(|e| Failure::usage(format!("cannot read the user data `{}`: {e}", p.display())))?,
        ),
        None => None,
    };
    Ok(boot::Request {
        name: args.name.clone(),
        nics: Vec::new(),
        security_groups: Vec::new(),
        no_network: args.no_network,
        key_name: args.key_name.clone(),
        user_data,
        metadata: args.env.iter().chain(&args.properties).cloned().collect(),
        command: args.command.is_some(),
        availability_zone: args.availability_zone.clone(),
        count: args.count,
        volumes: args.volumes.clone(),
        config_drive: args.config_drive,
    })
}

fn ask(args: &BootArgs) -> Ask {
    Ask {
        networks: args.networks.clone(),
        ports: args.ports.clone(),
        fixed_ips: args.fixed_ips.clone(),
        security_groups: args.security_groups.clone(),
        floating: args.floating_ip,
        floating_network: args.floating_network.clone(),
        count: args.count,
    }
}

/// Everything the preflight refuses or warns about; the image, flavor and network plan to boot.
async fn preflight(
    args: &BootArgs,
    req: &mut boot::Request,
    session: &Session,
    compute: &Compute<'_>,
    ctx: &mut Ctx<'_>,
) -> anyhow::Result<(Image, Flavor, Plan)> {
    let mut refusals = preflight::option_refusals(req);
    let ask = ask(args);
    let project = session.token().body.project.unwrap_or_default();
    let neutron = Neutron::new(session);
    let net_facts = async {
        if args.no_network {
            Ok(None)
        } else if ask.is_empty() {
            // Only to see whether Nova can choose a network itself; a cloud without Neutron lets Nova say.
            Ok(network::gather(&neutron, &ask, &project.id, &project.name).await.ok())
        } else {
            network::gather(&neutron, &ask, &project.id, &project.name).await.map(Some)
        }
    };
    let (image, flavors, net_facts) = tokio::join!(find::resolve(session, &args.image), compute.flavors(), net_facts);
    let (image, flavors) = (image?, flavors?);
    let flavor = lookup::flavor(&flavors, &args.flavor)?.clone();
    refusals.extend(preflight::image_refusals(&image, &flavor));
    let plan = match net_facts? {
        Some(facts) => {
            let (plan, more) = network::plan(&ask, &facts);
            refusals.extend(more);
            plan
        }
        None => Plan::default(),
    };
    req.nics = plan.nics.clone();
    req.security_groups = plan.security_groups.clone();
    for lifted in preflight::decide(refusals, args.force)? {
        ctx.feedback.warn(&format!("{} (booting anyway: --force)", lifted.message), None);
    }
    match preflight::hypervisor_warning(session).await? {
        Ok(Some(warning)) => ctx.feedback.warn(&warning, None),
        Ok(None) => {}
        Err(why) => ctx.feedback.log(1, "boot", format_args!("the container-hypervisor check is skipped: {why}")),
    }
    Ok((image, flavor, plan))
}

pub async fn run(args: BootArgs, ctx: &mut Ctx<'_>) -> anyhow::Result<()> {
    let mut req = request(&args)?;
    let session = ctx.session().await?;
    let compute = Compute::connect(&session).await?;
    let neutron = Neutron::new(&session);
    let (image, flavor, plan) = preflight(&args, &mut req, &session, &compute, ctx).await?;

    // The floating IPs first: a quota or a taken address stops the boot before a server exists.
    let held = match &plan.floating {
        Some(f) => floating::hold(&neutron, f, args.count, &args.name).await?,
        None => Vec::new(),
    };
    // Listening for signals starts before the create: a SIGINT or SIGTERM while Nova answers it must not kill berth
    // before it can report (or delete) the servers.
    let waits = args.wait || !held.is_empty();
    let mut signals = if waits { Some(Signals::listen()?) } else { None };
    req.metadata.extend(floating::create_metadata(&held));
    let ids = match boot::create(&compute, &req.body(&image, &flavor)).await {
        Ok(ids) => ids,
        Err(e) => return Err(floating::release_after(&neutron, &held, e).await),
    };
    let servers = match signals.as_mut() {
        Some(signals) => {
            let done = async {
                let servers = wait_active(&compute, &ids, &args, signals, ctx).await?;
                floating::record(&compute, &servers, &held).await?;
                floating::associate(&neutron, &held, &servers, plan.nics.first()).await?;
                anyhow::Ok(servers)
            };
            match done.await {
                Ok(servers) => servers,
                Err(e) => {
                    let e = wait::after_failure(&compute, &ids, args.delete_on_failure, e).await;
                    return Err(floating::release_after(&neutron, &held, e).await);
                }
            }
        }
        None => {
            let mut out = Vec::new();
            for id in &ids {
                out.extend(compute.server(id).await?);
            }
            out
        }
    };
    // A server just made has a floating IP only when berth gave it one.
    let fips = if held.is_empty() {
        Vec::new()
    } else {
        super::server::floating_or_warn(neutron.floating_ips_with_devices().await, ctx)
    };
    let image_name = image.name.clone().unwrap_or_default();
    ctx.out.list(&super::server::rows(&servers, &fips, |_| Some(image_name.clone()), ctx.out.settings()))
}

/// Wait until the servers are ACTIVE; a signal ends the wait.
async fn wait_active(
    compute: &Compute<'_>,
    ids: &[String],
    args: &BootArgs,
    signals: &mut Signals,
    ctx: &Ctx<'_>,
) -> anyhow::Result<Vec<Server>> {
    let waited = wait::wait_active(compute, ids, args.timeout, ctx.feedback.spinner());
    tokio::select! {
        r = waited => r,
        stop = signals.recv() => {
            Err(Failure::new(stop.code(), format!("{} while waiting for the servers", stop.describe())).into())
        }
    }
}
