//! `berth coe preflight|template|cluster`: the preflight's findings, Magnum's templates and clusters as records, a
//! cluster followed to its end. (`config` and `image` are in `coe_files.rs`.)

use std::time::{Duration, Instant};

use serde_json::{Value, json};

use super::gaps::{TABLE, fail_on, list as findings_list};
use crate::app::Ctx;
use crate::cli::{ClusterCommand, ClusterCreateArgs, CoeCommand, CountArgs, PreflightArgs, SpecArgs, TemplateCommand};
use crate::coe::follow::{self, End, Watcher};
use crate::coe::{Spec, checks, facts};
use crate::error::{ExitCode, Failure, printable};
use crate::gaps::{COLUMNS, Finding, Status};
use crate::openstack::Session;
use crate::openstack::heat::{Event, Heat};
use crate::openstack::lookup::{did_you_mean, suggestions};
use crate::openstack::magnum::{Cluster, Magnum, Template};
use crate::output::{Format, List, Record};

pub const TEMPLATE_FIELDS: &[&str] = &[
    "uuid",
    "name",
    "coe",
    "image",
    "flavor",
    "master_flavor",
    "keypair",
    "external_network",
    "network",
    "subnet",
    "network_driver",
    "volume_driver",
    "docker_volume_size",
    "labels",
    "master_lb_enabled",
    "floating_ip_enabled",
    "server_type",
    "public",
];
pub const TEMPLATE_COLUMNS: &[&str] = &["uuid", "name", "coe", "image", "flavor", "master_flavor", "keypair"];
pub const CLUSTER_FIELDS: &[&str] = &[
    "uuid",
    "name",
    "status",
    "status_reason",
    "template",
    "stack_id",
    "keypair",
    "master_count",
    "node_count",
    "create_timeout",
    "api_address",
    "coe_version",
    "faults",
];
pub const CLUSTER_COLUMNS: &[&str] = &["uuid", "name", "status", "master_count", "node_count", "keypair"];
pub const DELETE_COLUMNS: &[&str] = &["uuid", "name", "deleted"];

pub async fn run(cmd: CoeCommand, ctx: &mut Ctx<'_>) -> anyhow::Result<()> {
    match cmd {
        CoeCommand::Preflight(args) => preflight(args, ctx).await,
        CoeCommand::Template(t) => template(t, ctx).await,
        CoeCommand::Cluster(c) => cluster(c, ctx).await,
        CoeCommand::Config(_) | CoeCommand::Image(_) => unreachable!("commands::run hands these to coe_files"),
    }
}

pub fn spec(a: &SpecArgs, counts: &CountArgs) -> Spec {
    Spec {
        coe: a.coe.clone(),
        server_type: a.server_type.clone(),
        image: a.image.clone(),
        flavor: a.flavor.clone(),
        master_flavor: a.master_flavor.clone(),
        keypair: a.keypair.clone(),
        external_network: a.external_network.clone(),
        network: a.network.clone(),
        subnet: a.subnet.clone(),
        docker_volume_size: a.docker_volume_size,
        labels: a.labels.iter().cloned().collect(),
        network_driver: a.network_driver.clone(),
        volume_driver: a.volume_driver.clone(),
        master_count: counts.master_count,
        node_count: counts.node_count,
        master_lb_enabled: a.master_lb,
        floating_ip_enabled: !a.no_floating_ip,
    }
}

/// A template by name or ID, or a usage error with the templates that look like it.
async fn find_template(magnum: &Magnum<'_>, wanted: &str) -> anyhow::Result<Template> {
    if let Some(t) = magnum.template(wanted).await? {
        return Ok(t);
    }
    let names: Vec<String> = magnum.templates().await?.into_iter().filter_map(|t| t.name).collect();
    Err(Failure::usage(format!("no cluster template is called `{wanted}` or has that ID"))
        .hint(format!(
            "{}`berth coe template list` shows the templates",
            did_you_mean(&suggestions(wanted, names.iter().map(String::as_str)))
        ))
        .into())
}

async fn find_cluster(magnum: &Magnum<'_>, wanted: &str) -> anyhow::Result<Cluster> {
    if let Some(c) = magnum.cluster(wanted).await? {
        return Ok(c);
    }
    let names: Vec<String> = magnum.clusters().await?.into_iter().filter_map(|c| c.name).collect();
    Err(Failure::usage(format!("no cluster is called `{wanted}` or has that ID"))
        .hint(format!(
            "{}`berth coe cluster list` shows the clusters",
            did_you_mean(&suggestions(wanted, names.iter().map(String::as_str)))
        ))
        .into())
}

fn print_findings(findings: &[Finding], start: Instant, ctx: &mut Ctx<'_>) -> anyhow::Result<()> {
    let settings = ctx.out.settings().clone();
    let short = settings.format == Format::Table && settings.columns.is_empty();
    ctx.out.list(&findings_list(findings, if short { TABLE } else { COLUMNS }))?;
    let count = |s: Status| findings.iter().filter(|f| f.status == s).count();
    ctx.feedback.say(&format!(
        "preflight: {} checks: {} ok, {} warn, {} fail, {} unknown ({:.2} s)\n",
        findings.len(),
        count(Status::Ok),
        count(Status::Warn),
        count(Status::Fail),
        count(Status::Unknown),
        start.elapsed().as_secs_f64()
    ));
    Ok(())
}

async fn preflight(args: PreflightArgs, ctx: &mut Ctx<'_>) -> anyhow::Result<()> {
    let start = Instant::now();
    let session = ctx.session().await?;
    let mut spec = spec(&args.spec, &args.counts);
    if let Some(t) = &args.template {
        let magnum = Magnum::connect(&session)?;
        let keypair = spec.keypair.take();
        spec = Spec {
            master_count: spec.master_count,
            node_count: spec.node_count,
            ..Spec::of_template(&find_template(&magnum, t).await?)
        };
        spec.keypair = keypair.or(spec.keypair);
    }
    let found = checks::all(&spec, &facts::gather(&session, &spec).await);
    print_findings(&found, start, ctx)?;
    fail_on(&found, args.fail_on, "`-o json` has each finding's evidence, consequence and remedy")
}

/// The preflight before something is created: refused (exit 2) when a check fails, unless `force`, which makes
/// the failures warnings.
async fn gate(session: &Session, spec: &Spec, force: bool, what: &str, ctx: &Ctx<'_>) -> anyhow::Result<()> {
    let found = checks::all(spec, &facts::gather(session, spec).await);
    for (warning, remedy) in checks::decide(&found, force, what)? {
        ctx.feedback.warn(&warning, remedy.as_deref());
    }
    Ok(())
}

/// The values of `columns` in a record.
fn row(rec: &Record, columns: &[&str]) -> Vec<Value> {
    columns.iter().map(|c| rec.fields.iter().find(|(k, _)| k == c).map_or(Value::Null, |(_, v)| v.clone())).collect()
}

fn template_record(t: &Template) -> Record {
    Record::new()
        .field("uuid", t.uuid.clone())
        .field("name", json!(t.name))
        .field("coe", t.coe.clone())
        .field("image", json!(t.image_id))
        .field("flavor", json!(t.flavor_id))
        .field("master_flavor", json!(t.master_flavor_id))
        .field("keypair", json!(t.keypair_id))
        .field("external_network", json!(t.external_network_id))
        .field("network", json!(t.fixed_network))
        .field("subnet", json!(t.fixed_subnet))
        .field("network_driver", json!(t.network_driver))
        .field("volume_driver", json!(t.volume_driver))
        .field("docker_volume_size", json!(t.docker_volume_size))
        .field("labels", json!(t.labels))
        .field("master_lb_enabled", json!(t.master_lb_enabled))
        .field("floating_ip_enabled", json!(t.floating_ip_enabled))
        .field("server_type", json!(t.server_type))
        .field("public", json!(t.public))
        .declared(TEMPLATE_FIELDS)
}

async fn template(cmd: TemplateCommand, ctx: &mut Ctx<'_>) -> anyhow::Result<()> {
    let session = ctx.session().await?;
    let magnum = Magnum::connect(&session)?;
    match cmd {
        TemplateCommand::Create { name, spec: a, public, force } => {
            let counts = CountArgs { master_count: 1, node_count: 1 };
            let s = spec(&a, &counts);
            gate(&session, &s, force, &format!("cluster template `{name}`"), ctx).await?;
            let t = magnum.create_template(&s.template_body(&name, public)).await?;
            ctx.out.record(&template_record(&t))
        }
        TemplateCommand::List => {
            let mut list = List::new(TEMPLATE_COLUMNS);
            for t in magnum.templates().await? {
                list.row(row(&template_record(&t), TEMPLATE_COLUMNS));
            }
            ctx.out.list(&list)
        }
        TemplateCommand::Show { template } => {
            let t = find_template(&magnum, &template).await?;
            ctx.out.record(&template_record(&t))
        }
        TemplateCommand::Delete { templates } => {
            let mut list = List::new(DELETE_COLUMNS);
            for wanted in &templates {
                let t = find_template(&magnum, wanted).await?;
                magnum.delete_template(&t.uuid).await?;
                list.row(vec![json!(t.uuid), json!(t.name), json!(true)]);
            }
            ctx.out.list(&list)
        }
    }
}

fn cluster_record(c: &Cluster, template: Option<&str>) -> Record {
    Record::new()
        .field("uuid", c.uuid.clone())
        .field("name", json!(c.name))
        .field("status", c.status.clone())
        .field("status_reason", json!(c.status_reason))
        .field("template", template.map_or_else(|| json!(c.cluster_template_id), |t| json!(t)))
        .field("stack_id", json!(c.stack_id))
        .field("keypair", json!(c.keypair))
        .field("master_count", json!(c.master_count))
        .field("node_count", json!(c.node_count))
        .field("create_timeout", json!(c.create_timeout))
        .field("api_address", json!(c.api_address))
        .field("coe_version", json!(c.coe_version))
        .field("faults", json!(c.faults))
        .declared(CLUSTER_FIELDS)
}

/// Status changes and stack events on stderr, one line each.
struct Lines<'f> {
    feedback: &'f crate::feedback::Feedback,
    start: Instant,
}

impl Watcher for Lines<'_> {
    fn status(&mut self, c: &Cluster) {
        self.feedback.say(&printable(&format!(
            "  {:>5.0} s  cluster {}  {}  {}\n",
            self.start.elapsed().as_secs_f64(),
            c.shown(),
            c.status,
            c.status_reason.as_deref().unwrap_or("")
        )));
    }
    fn event(&mut self, e: &Event) {
        let time = e.event_time.as_deref().and_then(|t| t.split('T').nth(1)).unwrap_or("").trim_end_matches('Z');
        self.feedback.say(&printable(&format!(
            "  {time}  {}  {}  {}\n",
            e.resource_name,
            e.resource_status,
            e.resource_status_reason.as_deref().unwrap_or("")
        )));
    }
}

/// Follow a cluster; its end as the command's result.
async fn wait(
    magnum: &Magnum<'_>,
    session: &Session,
    uuid: &str,
    action: &str,
    limit: Duration,
    ctx: &mut Ctx<'_>,
) -> anyhow::Result<Option<Cluster>> {
    let heat = Heat::connect(session).ok();
    let feedback = ctx.feedback.clone();
    let mut lines = Lines { feedback: &feedback, start: Instant::now() };
    let mut signals = crate::signals::Signals::listen()?;
    let followed = follow::follow(magnum, heat.as_ref(), uuid, action, limit, &mut lines);
    let outcome = tokio::select! {
        r = followed => r,
        stop = signals.recv() => Err(stop
            .failure(&format!("berth stopped waiting for cluster `{uuid}`; Magnum goes on with it"))
            .hint(format!("`berth coe cluster show {uuid}` tells how it goes on; `berth coe cluster delete {uuid}` removes it"))
            .into()),
    };
    match outcome? {
        End::Complete(c) => Ok(c),
        End::Failed { cluster, resources, stuck } => Err(follow::failure(&cluster, &resources, stuck.as_deref())
            .hint(format!("`berth coe cluster delete {}` removes it", cluster.shown()))
            .into()),
    }
}

async fn cluster(cmd: ClusterCommand, ctx: &mut Ctx<'_>) -> anyhow::Result<()> {
    let session = ctx.session().await?;
    let magnum = Magnum::connect(&session)?;
    match cmd {
        ClusterCommand::Create(args) => create(args, &session, &magnum, ctx).await,
        ClusterCommand::List => {
            let mut list = List::new(CLUSTER_COLUMNS);
            for c in magnum.clusters().await? {
                list.row(row(&cluster_record(&c, None), CLUSTER_COLUMNS));
            }
            ctx.out.list(&list)
        }
        ClusterCommand::Show { cluster } => {
            let c = find_cluster(&magnum, &cluster).await?;
            ctx.out.record(&cluster_record(&c, None))
        }
        ClusterCommand::Delete { clusters, wait: w, timeout } => {
            let mut list = List::new(DELETE_COLUMNS);
            for wanted in &clusters {
                let mut c = find_cluster(&magnum, wanted).await?;
                if follow::delete_would_orphan(&c) {
                    ctx.feedback.say(&printable(&format!(
                        "cluster `{}`: waiting until Magnum records its Heat stack (a delete before would leave the stack behind)\n",
                        c.shown()
                    )));
                    c = follow::until_deletable(&magnum, c, timeout).await?;
                }
                magnum.delete_cluster(&c.uuid).await?;
                if w {
                    wait(&magnum, &session, &c.uuid, "DELETE", timeout, ctx).await?;
                }
                list.row(vec![json!(c.uuid), json!(c.name), json!(w)]);
            }
            ctx.out.list(&list)
        }
    }
}

async fn create(
    args: ClusterCreateArgs,
    session: &Session,
    magnum: &Magnum<'_>,
    ctx: &mut Ctx<'_>,
) -> anyhow::Result<()> {
    let t = find_template(magnum, &args.template).await?;
    let mut s = Spec::of_template(&t);
    s.master_count = args.counts.master_count;
    s.node_count = args.counts.node_count;
    if args.keypair.is_some() {
        s.keypair = args.keypair.clone();
    }
    gate(session, &s, args.force, &format!("cluster `{}`", args.name), ctx).await?;
    let mut body = json!({
        "name": args.name,
        "cluster_template_id": t.uuid,
        "master_count": args.counts.master_count,
        "node_count": args.counts.node_count,
        "create_timeout": args.timeout,
    });
    if let Some(k) = &args.keypair {
        body["keypair"] = Value::from(k.clone());
    }
    let uuid = magnum.create_cluster(&body).await?;
    ctx.feedback.say(&format!("cluster `{}` ({uuid}): create accepted\n", args.name));
    let template = t.name.as_deref().unwrap_or(&t.uuid);
    if !args.wait {
        let c = magnum.cluster(&uuid).await?.unwrap_or(Cluster { uuid: uuid.clone(), ..Cluster::default() });
        return ctx.out.record(&cluster_record(&c, Some(template)));
    }
    // Magnum fails the stack at create_timeout; its conductor notices a little later.
    let limit = Duration::from_secs(args.timeout * 60 + 300);
    match wait(magnum, session, &uuid, "CREATE", limit, ctx).await? {
        Some(c) => ctx.out.record(&cluster_record(&c, Some(template))),
        None => Err(Failure::new(ExitCode::Failure, format!("cluster `{}` is gone", args.name)).into()),
    }
}
