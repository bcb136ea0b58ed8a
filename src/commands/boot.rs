//! `berth boot`: the arguments into a boot request, the preflight's refusals and warnings, create, wait.

use crate::app::Ctx;
use crate::boot::{self, preflight, wait};
use crate::cli::BootArgs;
use crate::error::Failure;
use crate::image::find;
use crate::openstack::lookup;
use crate::openstack::nova::Compute;
use crate::signals::Signals;

pub async fn run(args: BootArgs, ctx: &mut Ctx<'_>) -> anyhow::Result<()> {
    let user_data = match &args.user_data {
        Some(p) => Some(
            std::fs::read(p)
                .map_err(|e| Failure::usage(format!("cannot read the user data `{}`: {e}", p.display())))?,
        ),
        None => None,
    };
    let mut req = boot::Request {
        name: args.name.clone(),
        networks: Vec::new(),
        ports: args.ports.clone(),
        no_network: args.no_network,
        key_name: args.key_name.clone(),
        user_data,
        metadata: args.env.iter().chain(&args.properties).cloned().collect(),
        command: args.command.is_some(),
        availability_zone: args.availability_zone.clone(),
        count: args.count,
        volumes: args.volumes.clone(),
        config_drive: args.config_drive,
    };
    let mut refusals = preflight::option_refusals(&req);
    let session = ctx.session().await?;
    let compute = Compute::connect(&session).await?;
    let (image, flavors) = tokio::join!(find::resolve(&session, &args.image), compute.flavors());
    let (image, flavors) = (image?, flavors?);
    let flavor = lookup::flavor(&flavors, &args.flavor)?;
    refusals.extend(preflight::image_refusals(&image, flavor));
    for n in &args.networks {
        req.networks.push(lookup::network(&session, n).await?);
    }
    for lifted in preflight::decide(refusals, args.force)? {
        ctx.feedback.warn(&format!("{} (booting anyway: --force)", lifted.message), None);
    }
    match preflight::hypervisor_warning(&session).await? {
        Ok(Some(warning)) => ctx.feedback.warn(&warning, None),
        Ok(None) => {}
        Err(why) => ctx.feedback.log(1, "boot", format_args!("the container-hypervisor check is skipped: {why}")),
    }

    // Listening for signals starts before the create: a SIGINT or SIGTERM while Nova answers it must not kill berth
    // before it can report (or delete) the servers.
    let mut signals = if args.wait { Some(Signals::listen()?) } else { None };
    let ids = boot::create(&compute, &req.body(&image, flavor)).await?;
    let servers = match signals.as_mut() {
        Some(signals) => {
            let waited = wait::wait_active(&compute, &ids, args.timeout, ctx.feedback.spinner());
            let outcome = tokio::select! {
                r = waited => r,
                stop = signals.recv() => {
                    Err(Failure::new(stop.code(), format!("{} while waiting for the servers", stop.describe())).into())
                }
            };
            match outcome {
                Ok(servers) => servers,
                Err(e) => return Err(wait::after_failure(&compute, &ids, args.delete_on_failure, e).await),
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
    let image_name = image.name.clone().unwrap_or_default();
    ctx.out.list(&super::server::rows(&servers, |_| Some(image_name.clone())))
}
