//! The preflight's checks: pure functions of a [`Spec`] and the [`Facts`], each returning findings in the shape of
//! `gaps` (area `magnum`). What Magnum's attribute validation checks at template create (image, its `os_distro`,
//! flavors, external and fixed networks, the master count and load balancer), what it checks only at cluster create
//! (keypair, a flavor of disk 0 without `boot_volume_size`, a missing master flavor: "Unable to find flavor
//! None"), and what it never checks (quotas, the driver for the image, the services the template needs).

use super::facts::Facts;
use super::{COES, DRIVERS, Spec};
use crate::error::{Failure, printable};
use crate::gaps::{Area, Fact, Finding, Status};
use crate::openstack::glance::Image;
use crate::openstack::neutron::Network;

const REFERENCE: &str = "https://docs.openstack.org/magnum/latest/user/#clustertemplate";

fn finding(id: &str, status: Status, summary: impl Into<String>) -> Finding {
    Finding::new(id, Area::Magnum, status, summary).reference(REFERENCE)
}

fn unknown(id: &str, what: &str, reason: &str) -> Finding {
    finding(id, Status::Unknown, format!("cannot tell {what}")).evidence(reason.to_string())
}

/// Every check of the preflight, in order.
pub fn all(spec: &Spec, f: &Facts) -> Vec<Finding> {
    let mut out = vec![coe(spec)];
    out.extend(image(spec, f));
    out.push(flavor("magnum.flavor", "flavor", "--flavor", spec.flavor.as_deref(), spec, f));
    out.push(flavor(
        "magnum.master-flavor",
        "master flavor",
        "--master-flavor",
        spec.master_flavor.as_deref(),
        spec,
        f,
    ));
    out.push(keypair(spec, f));
    out.push(external_network(spec, f));
    out.extend(fixed_network(spec, f));
    out.push(master_lb(spec, f));
    out.push(network_driver(spec));
    out.push(volumes(spec, f));
    out.push(services(spec, f));
    out.push(server_quota(spec, f));
    out.push(server_group_quota(spec, f));
    out.push(floating_ip_quota(spec, f));
    out
}

/// What a create does with the preflight's findings: refused (a usage error listing each failing check, what
/// Magnum would do and the fix) when one fails, unless `force`; else the warnings to show, with their remedies
/// (with `force`, the failures among them).
pub fn decide(found: &[Finding], force: bool, what: &str) -> Result<Vec<(String, Option<String>)>, Failure> {
    let mut warnings: Vec<(String, Option<String>)> = found
        .iter()
        .filter(|f| f.status == Status::Warn)
        .map(|w| (format!("{}: {}", w.id, w.summary), (!w.remedy.is_empty()).then(|| w.remedy.clone())))
        .collect();
    let lines: Vec<String> = found
        .iter()
        .filter(|f| f.status == Status::Fail)
        .map(|f| {
            let mut l = format!("{}: {}", f.id, f.summary);
            if !f.consequence.is_empty() {
                l.push_str(&format!(" ({})", f.consequence));
            }
            if !f.remedy.is_empty() {
                l.push_str(&format!("; fix: {}", f.remedy));
            }
            l
        })
        .collect();
    if lines.is_empty() {
        return Ok(warnings);
    }
    if force {
        warnings.extend(lines.into_iter().map(|l| (format!("--force: {l}"), None)));
        return Ok(warnings);
    }
    let listed: String = lines.iter().map(|l| format!("\n  {l}")).collect();
    Err(Failure::usage(printable(&format!("the preflight refuses {what}: {} check(s) fail:{listed}", lines.len())))
        .hint("fix them and try again, or pass `--force` to send it to Magnum anyway (`berth coe preflight` shows every check)"))
}

fn coe(spec: &Spec) -> Finding {
    if COES.contains(&spec.coe.as_str()) {
        finding("magnum.coe", Status::Ok, format!("COE `{}`", spec.coe))
    } else {
        finding("magnum.coe", Status::Fail, format!("COE `{}` is not one Magnum has", spec.coe))
            .consequence("Magnum refuses the template (Swarm and Mesos were removed upstream)")
            .remedy("use `--coe kubernetes`")
    }
}

fn shown(i: &Image) -> String {
    format!("{} ({})", i.name.as_deref().unwrap_or("unnamed"), i.id)
}

/// The image: given, exists, unique, active; its `os_distro`; a driver for it.
fn image(spec: &Spec, f: &Facts) -> Vec<Finding> {
    let Some(wanted) = spec.image.as_deref() else {
        return vec![
            finding("magnum.image", Status::Fail, "no image")
                .consequence("Magnum refuses a template without `image_id`")
                .remedy("give `--image` (a Fedora CoreOS image: `berth coe image`)"),
        ];
    };
    let imgs = match &f.images {
        Fact::Unknown(r) => return vec![unknown("magnum.image", &format!("whether image `{wanted}` exists"), r)],
        Fact::Known(i) => i,
    };
    let img = match imgs.as_slice() {
        [] => {
            return vec![
                finding("magnum.image", Status::Fail, format!("no image is called `{wanted}` or has that ID"))
                    .evidence("Glance lists no such image for this project")
                    .consequence("Magnum refuses the template: \"Image ... not found\"")
                    .remedy("upload one with `berth coe image FILE --name NAME --os-distro fedora-coreos`"),
            ];
        }
        [one] => one,
        many => {
            return vec![
                finding("magnum.image", Status::Fail, format!("{} images are called `{wanted}`", many.len()))
                    .evidence(many.iter().map(shown).collect::<Vec<_>>().join(", "))
                    .consequence("Magnum refuses the template: the image name is not unique")
                    .remedy("give the image's ID with `--image`"),
            ];
        }
    };
    let mut out = vec![if img.status == "active" {
        finding("magnum.image", Status::Ok, format!("image {}", shown(img))).evidence("status active")
    } else {
        finding("magnum.image", Status::Fail, format!("image {} is `{}`, not active", shown(img), img.status))
            .consequence("Nova cannot boot the cluster's servers from it")
            .remedy("finish or repeat the upload (`berth coe image`)")
    }];
    out.extend(os_distro(spec, img));
    out
}

fn os_distro(spec: &Spec, img: &Image) -> Vec<Finding> {
    let distro = img.property("os_distro");
    let Some(distro) = distro else {
        return vec![
            finding("magnum.image-os-distro", Status::Fail, format!("image {} has no `os_distro`", shown(img)))
                .consequence("Magnum refuses the template: it picks the cluster driver by the image's os_distro")
                .remedy(format!(
                    "set it: `openstack image set --property os_distro=fedora-coreos {}` (or upload with `berth coe image --os-distro`)",
                    img.id
                )),
        ];
    };
    let for_coe: Vec<&(&str, &str, &str, &str, bool)> =
        DRIVERS.iter().filter(|d| d.1 == spec.server_type && d.3 == spec.coe).collect();
    let pinned = img.property("magnum_driver");
    let driver = match pinned {
        Some(p) => DRIVERS.iter().find(|d| d.0 == p),
        None => for_coe.iter().copied().find(|d| d.2 == distro),
    };
    let ok = finding("magnum.image-os-distro", Status::Ok, format!("os_distro `{distro}`"));
    let known: Vec<String> = for_coe.iter().map(|d| format!("`{}` ({})", d.2, d.0)).collect();
    let d = match (driver, pinned) {
        (Some(d), _) => finding("magnum.driver", Status::Ok, format!("cluster driver `{}`", d.0)).evidence(format!(
            "({}, {}, {}){}",
            d.1,
            d.2,
            d.3,
            pinned.map(|p| format!("; the image's `magnum_driver` is `{p}`")).unwrap_or_default()
        )),
        (None, Some(p)) => finding("magnum.driver", Status::Warn, format!("the image asks for driver `{p}`"))
            .evidence("berth does not know this driver; Magnum has no API listing its installed drivers")
            .consequence("if Magnum lacks it, cluster create fails"),
        (None, None) => finding(
            "magnum.driver",
            Status::Fail,
            format!("no cluster driver for ({}, `{distro}`, {})", spec.server_type, spec.coe),
        )
        .evidence(format!("drivers by os_distro (case-sensitive): {}", known.join(", ")))
        .consequence("Magnum refuses the template: \"Cluster type ... not supported\"")
        .remedy("set the image's `os_distro` to the value its driver needs (for the Heat driver: `fedora-coreos`)"),
    };
    let ok = if driver.is_none() && pinned.is_none() {
        finding("magnum.image-os-distro", Status::Fail, format!("os_distro `{distro}` is not one a driver takes"))
            .evidence(format!("image {}", shown(img)))
            .remedy("os_distro is compared exactly: `fedora-coreos`, not `Fedora-CoreOS` or `fedora`")
    } else {
        ok
    };
    vec![ok, d]
}

fn flavor(id: &str, what: &str, flag: &str, wanted: Option<&str>, spec: &Spec, f: &Facts) -> Finding {
    let Some(wanted) = wanted else {
        return finding(id, Status::Fail, format!("no {what}"))
            .consequence("Magnum accepts the template, and cluster create fails: \"Unable to find flavor None\"")
            .remedy(format!("give `{flag}`"));
    };
    let flavors = match &f.flavors {
        Fact::Unknown(r) => return unknown(id, &format!("whether flavor `{wanted}` exists"), r),
        Fact::Known(fl) => fl,
    };
    let Some(fl) = flavors.iter().find(|x| x.id == wanted || x.name == wanted) else {
        let names: Vec<&str> = flavors.iter().map(|x| x.name.as_str()).collect();
        return finding(id, Status::Fail, format!("no flavor is called `{wanted}`"))
            .evidence(format!("flavors: {}", names.join(", ")))
            .consequence("Magnum refuses the template: \"Unable to find flavor\"")
            .remedy(format!("give an existing flavor with `{flag}`"));
    };
    let evidence = format!("{} vCPU, {} MiB RAM, {} GiB disk", fl.vcpus, fl.ram, fl.disk);
    if fl.disk == 0 && spec.boot_volume_size() == 0 {
        return finding(id, Status::Fail, format!("{what} `{}` has a disk of 0 and no `boot_volume_size`", fl.name))
            .evidence(evidence)
            .consequence(
                "Magnum accepts the template, and cluster create fails: a flavor of disk 0 needs a boot volume",
            )
            .remedy("add `--label boot_volume_size=GiB`, or use a flavor with a disk");
    }
    finding(id, Status::Ok, format!("{what} `{}`", fl.name)).evidence(evidence)
}

fn keypair(spec: &Spec, f: &Facts) -> Finding {
    let id = "magnum.keypair";
    let Some(wanted) = spec.keypair.as_deref() else {
        return finding(id, Status::Warn, "no keypair")
            .consequence("cluster create needs one: from the template or `coe cluster create --keypair`")
            .remedy("give `--keypair`");
    };
    match &f.keypairs {
        Fact::Unknown(r) => unknown(id, &format!("whether keypair `{wanted}` exists"), r),
        Fact::Known(k) if k.iter().any(|k| k == wanted) => finding(id, Status::Ok, format!("keypair `{wanted}`")),
        Fact::Known(k) => finding(id, Status::Fail, format!("no keypair is called `{wanted}`"))
            .evidence(format!("keypairs of this user: {}", if k.is_empty() { "none".into() } else { k.join(", ") }))
            .consequence("Magnum accepts the template, and cluster create fails: keypairs are checked only then")
            .remedy("create it (`openstack keypair create`), or give another with `--keypair`"),
    }
}

fn by_name_or_id<'n>(nets: &'n [Network], wanted: &str) -> Vec<&'n Network> {
    nets.iter().filter(|n| n.id == wanted || n.name == wanted).collect()
}

fn external_network(spec: &Spec, f: &Facts) -> Finding {
    let id = "magnum.external-network";
    let Some(wanted) = spec.external_network.as_deref() else {
        return finding(id, Status::Warn, "no external network")
            .consequence("the driver's default (`public`) is used; floating IPs and the API's address come from it")
            .remedy("give `--external-network`");
    };
    let nets = match &f.networks {
        Fact::Unknown(r) => return unknown(id, &format!("whether network `{wanted}` exists"), r),
        Fact::Known(n) => n,
    };
    let external: Vec<String> = nets.iter().filter(|n| n.external).map(|n| n.name.clone()).collect();
    let evidence =
        format!("external networks here: {}", if external.is_empty() { "none".into() } else { external.join(", ") });
    match by_name_or_id(nets, wanted).as_slice() {
        [] => finding(id, Status::Fail, format!("no network is called `{wanted}`"))
            .evidence(evidence)
            .consequence("Magnum refuses the template: \"External network ... not found\"")
            .remedy("give an external network with `--external-network`"),
        [n] if !n.external => finding(id, Status::Fail, format!("network `{wanted}` is not external"))
            .evidence(format!("`{}` ({}) has router:external=False; {evidence}", n.name, n.id))
            .consequence("Magnum refuses the template: it looks for networks with router:external=True")
            .remedy("give an external network with `--external-network`"),
        [n] => finding(id, Status::Ok, format!("external network `{}`", n.name)).evidence(n.id.clone()),
        many => finding(id, Status::Fail, format!("{} networks are called `{wanted}`", many.len()))
            .evidence(many.iter().map(|n| n.id.as_str()).collect::<Vec<_>>().join(", "))
            .consequence("Magnum refuses the template: the name is not unique")
            .remedy("give the network's ID"),
    }
}

fn fixed_network(spec: &Spec, f: &Facts) -> Vec<Finding> {
    let mut out = Vec::new();
    let Fact::Known(nets) = &f.networks else {
        if spec.network.is_some() || spec.subnet.is_some() {
            out.push(unknown("magnum.fixed-network", "the fixed network", f.networks.reason().unwrap_or_default()));
        }
        return out;
    };
    let mut net_id = None;
    if let Some(wanted) = spec.network.as_deref() {
        out.push(match by_name_or_id(nets, wanted).as_slice() {
            [] => finding("magnum.fixed-network", Status::Fail, format!("no network is called `{wanted}`"))
                .consequence("Magnum refuses the template: \"Fixed network ... not found\"")
                .remedy("give an existing network with `--network`, or leave it out: the driver then makes one"),
            [n] => {
                net_id = Some(n.id.clone());
                finding("magnum.fixed-network", Status::Ok, format!("fixed network `{}`", n.name))
                    .evidence(n.id.clone())
            }
            many => {
                finding("magnum.fixed-network", Status::Fail, format!("{} networks are called `{wanted}`", many.len()))
                    .consequence("Magnum refuses the template: the name is not unique")
                    .remedy("give the network's ID")
            }
        });
    }
    if let Some(wanted) = spec.subnet.as_deref() {
        out.push(match &f.subnets {
            Fact::Unknown(r) => unknown("magnum.fixed-subnet", &format!("whether subnet `{wanted}` exists"), r),
            Fact::Known(subs) => {
                let found: Vec<_> = subs.iter().filter(|s| s.id == wanted || s.name == wanted).collect();
                match found.as_slice() {
                    [] => finding("magnum.fixed-subnet", Status::Fail, format!("no subnet is called `{wanted}`"))
                        .consequence("Magnum refuses the template: \"Fixed subnet ... not found\"")
                        .remedy("give an existing subnet with `--subnet`"),
                    [s] if net_id.as_ref().is_some_and(|n| *n != s.network_id) => finding(
                        "magnum.fixed-subnet",
                        Status::Fail,
                        format!(
                            "subnet `{wanted}` is not on network `{}`",
                            spec.network.as_deref().unwrap_or_default()
                        ),
                    )
                    .evidence(format!("its network is {}", s.network_id))
                    .consequence("the cluster's stack fails: the servers' ports cannot be on that subnet")
                    .remedy("give a subnet of the fixed network"),
                    [s] => {
                        finding("magnum.fixed-subnet", Status::Ok, format!("fixed subnet `{}` ({})", s.name, s.cidr))
                    }
                    many => finding(
                        "magnum.fixed-subnet",
                        Status::Fail,
                        format!("{} subnets are called `{wanted}`", many.len()),
                    )
                    .consequence("Magnum refuses the template: the name is not unique")
                    .remedy("give the subnet's ID"),
                }
            }
        });
    }
    out
}

fn master_lb(spec: &Spec, f: &Facts) -> Finding {
    let id = "magnum.master-lb";
    if spec.master_count > 1 && !spec.master_lb_enabled {
        return finding(id, Status::Fail, format!("{} masters without a load balancer", spec.master_count))
            .consequence("Magnum refuses the cluster: \"master_count must be 1 when master_lb_enabled is False\"")
            .remedy("use `--master-lb` (needs Octavia), or one master");
    }
    if spec.master_lb_enabled && !f.has("load-balancer") {
        return finding(id, Status::Fail, "a master load balancer, and no Octavia (load-balancer) in the catalog")
            .consequence("the cluster's stack fails at its OS::Octavia::LoadBalancer")
            .remedy("leave out `--master-lb` on this cloud");
    }
    let how = if spec.master_lb_enabled { "with a load balancer" } else { "without a load balancer" };
    finding(id, Status::Ok, format!("{} master(s) {how}", spec.master_count))
}

fn network_driver(spec: &Spec) -> Finding {
    let id = "magnum.network-driver";
    match spec.network_driver.as_deref() {
        None => finding(id, Status::Ok, "network driver: the driver's default (flannel)"),
        Some(d @ ("flannel" | "calico")) => finding(id, Status::Ok, format!("network driver `{d}`")),
        Some(d) => finding(id, Status::Fail, format!("network driver `{d}` is not one Kubernetes clusters take"))
            .consequence("Magnum refuses the template")
            .remedy("use `flannel` or `calico`"),
    }
}

fn volumes(spec: &Spec, f: &Facts) -> Finding {
    let id = "magnum.volumes";
    if let Some(d) = spec.volume_driver.as_deref().filter(|d| *d != "cinder") {
        return finding(id, Status::Fail, format!("volume driver `{d}` is not one Kubernetes clusters take"))
            .consequence("Magnum refuses the template")
            .remedy("use `cinder`, or leave it out");
    }
    let size = spec.docker_volume_size.unwrap_or(0);
    let boot = spec.boot_volume_size();
    let wants = size > 0 || boot > 0 || spec.volume_driver.is_some();
    if wants && !f.has("block-storage") {
        return finding(id, Status::Fail, "the template needs volumes and there is no Cinder (block-storage)")
            .evidence(format!("docker_volume_size {size}, boot_volume_size {boot}"))
            .consequence("the cluster's stack fails at its OS::Cinder::Volume resources")
            .remedy("leave out `--docker-volume-size`, `--volume-driver` and `boot_volume_size` on this cloud");
    }
    finding(id, Status::Ok, if wants { "volumes from Cinder" } else { "no volumes needed" })
}

fn services(spec: &Spec, f: &Facts) -> Finding {
    let id = "magnum.services";
    let heat = DRIVERS.iter().any(|d| d.4 && d.3 == spec.coe && d.1 == spec.server_type);
    let mut missing = Vec::new();
    if heat && !f.has("orchestration") {
        missing.push("orchestration (Heat: the Fedora CoreOS driver builds each cluster as a Heat stack)");
    }
    if !f.has("network") {
        missing.push("network (Neutron)");
    }
    if !f.has("container-infrastructure-management") {
        missing.push("container-infra (Magnum)");
    }
    if missing.is_empty() {
        finding(id, Status::Ok, "Magnum, Heat and Neutron are in the catalog")
    } else {
        finding(id, Status::Fail, format!("missing from the catalog: {}", missing.join("; ")))
            .evidence(format!("catalog: {}", f.services.join(", ")))
            .consequence("clusters cannot be created")
            .remedy("an operator adds the service")
    }
}

/// Whether `want` more fits (limit, used); -1 is unlimited.
fn fits((limit, used): (i64, i64), want: i64) -> bool {
    limit < 0 || used + want <= limit
}

fn server_quota(spec: &Spec, f: &Facts) -> Finding {
    let id = "magnum.quota-servers";
    let servers = i64::try_from(spec.master_count + spec.node_count).unwrap_or(i64::MAX);
    let (Fact::Known(l), Fact::Known(flavors)) = (&f.limits, &f.flavors) else {
        let r = f.limits.reason().or(f.flavors.reason()).unwrap_or_default();
        return unknown(id, "whether the compute quota fits the cluster", r);
    };
    let find = |w: &Option<String>| w.as_ref().and_then(|w| flavors.iter().find(|x| &x.id == w || &x.name == w));
    let (m, n) = (find(&spec.master_flavor), find(&spec.flavor));
    let per =
        |fl: Option<&crate::openstack::nova::Flavor>, k: fn(&crate::openstack::nova::Flavor) -> i64| fl.map_or(0, k);
    let mc = i64::try_from(spec.master_count).unwrap_or(i64::MAX);
    let nc = i64::try_from(spec.node_count).unwrap_or(i64::MAX);
    let cores = mc * per(m, |x| i64::from(x.vcpus)) + nc * per(n, |x| i64::from(x.vcpus));
    let ram = mc * per(m, |x| i64::try_from(x.ram).unwrap_or(i64::MAX))
        + nc * per(n, |x| i64::try_from(x.ram).unwrap_or(i64::MAX));
    let evidence = format!(
        "needs {servers} servers, {cores} vCPU, {ram} MiB; instances {}/{}, cores {}/{}, RAM {}/{} MiB used",
        l.instances.1, l.instances.0, l.cores.1, l.cores.0, l.ram.1, l.ram.0
    );
    if fits(l.instances, servers) && fits(l.cores, cores) && fits(l.ram, ram) {
        finding(id, Status::Ok, "the compute quota fits the cluster").evidence(evidence)
    } else {
        finding(id, Status::Fail, "the compute quota does not fit the cluster's servers")
            .evidence(evidence)
            .consequence("the cluster's stack fails when Nova refuses a server: \"Quota exceeded\"")
            .remedy("fewer or smaller nodes, free servers, or ask an admin to raise the quota")
    }
}

/// The server groups Magnum's Kubernetes drivers make per cluster: one for the masters, one for the workers.
const SERVER_GROUPS: i64 = 2;

fn server_group_quota(spec: &Spec, f: &Facts) -> Finding {
    let id = "magnum.quota-server-groups";
    let l = match &f.limits {
        Fact::Known(l) => l,
        Fact::Unknown(r) => return unknown(id, "whether the server group quota fits the cluster", r),
    };
    let largest = i64::try_from(spec.master_count.max(spec.node_count)).unwrap_or(i64::MAX);
    let evidence = format!(
        "needs {SERVER_GROUPS} server groups of up to {largest} members; server groups {}/{} used, {} members each at most",
        l.server_groups.1, l.server_groups.0, l.server_group_members
    );
    let members_fit = l.server_group_members < 0 || largest <= l.server_group_members;
    if fits(l.server_groups, SERVER_GROUPS) && members_fit {
        return finding(id, Status::Ok, "the server group quota fits the cluster").evidence(evidence);
    }
    let (summary, remedy) = if members_fit {
        (
            "the project has no room for the cluster's two server groups",
            "delete unused server groups (`openstack server group list`; a cluster deleted while Magnum was still creating its stack leaves its groups behind), or ask an admin to raise the quota",
        )
    } else {
        (
            "a node group is larger than a server group may be",
            "fewer nodes per group, or ask an admin to raise server_group_members",
        )
    };
    finding(id, Status::Fail, summary)
        .evidence(evidence)
        .consequence("the cluster's stack fails when Nova refuses a server group or its member: \"Quota exceeded\"")
        .remedy(remedy)
}

fn floating_ip_quota(spec: &Spec, f: &Facts) -> Finding {
    let id = "magnum.quota-floating-ips";
    if !spec.floating_ip_enabled {
        return finding(id, Status::Ok, "no floating IPs needed (floating_ip_enabled is false)");
    }
    let want = i64::try_from(spec.master_count + spec.node_count).unwrap_or(i64::MAX);
    match &f.floating_ips {
        Fact::Unknown(r) => unknown(id, "whether the floating IP quota fits the cluster", r),
        Fact::Known(q) if fits(*q, want) => finding(id, Status::Ok, format!("the floating IP quota fits {want} more"))
            .evidence(format!("floating IPs {}/{} used", q.1, q.0)),
        Fact::Known(q) => finding(id, Status::Fail, format!("the floating IP quota does not fit {want} more"))
            .evidence(format!("floating IPs {}/{} used", q.1, q.0))
            .consequence("the cluster's stack fails when Neutron refuses a floating IP")
            .remedy("release floating IPs, use `--no-floating-ip`, or ask an admin to raise the quota"),
    }
}

#[cfg(test)]
mod tests;
