//! The background of every check of `berth gaps` (`--explain ID`): its area, a reference and the long text.

use super::Area;

/// Every check id: (id, area, reference, long text). Per-service findings use `catalog.endpoint.<type>`.
pub const EXPLAIN: &[(&str, Area, &str, &str)] = &[
    (
        "identity.roles",
        Area::Identity,
        "https://docs.openstack.org/keystone/latest/admin/service-api-protection.html",
        "The roles of the identity berth used. Some facts are admin-only by default (the hypervisor list, os-hypervisors), so a \
      report made with a member role shows them as `unknown` with the reason. Run `berth gaps` with an admin identity \
      (`--os-cloud` of an admin) to see everything; the rest of the report is the same for members.",
    ),
    (
        "catalog.services",
        Area::Catalog,
        "https://service-types.openstack.org/",
        "The service types in the token's catalog, with aliases resolved to the official names (volumev3 = block-storage, \
      container-infra = container-infrastructure-management (Magnum), container = application-container (Zun)). Every \
      other check starts from this list: a service that is not in the catalog is absent for every client, berth included. \
      A `<type>_endpoint_override` in clouds.yaml adds or replaces a service's endpoint, as for the openstack client.",
    ),
    (
        "catalog.endpoint",
        Area::Catalog,
        "https://docs.openstack.org/api-guide/quick-start/",
        "One finding per service (`catalog.endpoint.<type>`): berth GETs the service's version document (the endpoint, or \
      its unversioned root when the endpoint carries the project, as Heat's does) with a 3 s timeout. `ok` means it \
      answered, with the versions it offers as evidence; `warn` an answer of HTTP 5xx; `unknown` no answer (connection \
      refused, timeout, TLS), with the reason. A service that does not answer makes every check that needs it unknown.",
    ),
    (
        "compute.microversion",
        Area::Compute,
        "https://docs.openstack.org/api-guide/compute/microversions.html",
        "The compute API's microversion range, from its version document. berth needs 2.47 or later (`networks: none` needs \
      2.37, flavor details in servers 2.47) and uses the highest version both know. An older Nova cannot be driven by \
      `berth boot`.",
    ),
    (
        "compute.container-hypervisor",
        Area::Compute,
        "https://docs.openstack.org/api-ref/compute/#hypervisors-os-hypervisors",
        "Whether any compute host runs a container hypervisor. nova-docker reported `hypervisor_type: docker`; LXC (libvirt) \
      reports `lxc`. When every host is a VM hypervisor (qemu, kvm, vmware, fake...), Nova places a docker image on one of \
      them, which treats the image's data (a `docker save` tarball) as a VM disk: the server may go ACTIVE but nothing \
      runs the container. `fail` then. Listing hypervisors is admin-only by default: for other identities this is \
      `unknown` (`admin only: HTTP 403`). Remedy: a compute host with a container driver (nova-docker, or the LXC \
      libvirt driver), or Zun for containers as a service.",
    ),
    (
        "compute.image-hypervisor-type",
        Area::Compute,
        "https://docs.openstack.org/nova/latest/admin/scheduling.html",
        "Docker images with a `hypervisor_type` property (SUSE Cloud registered theirs with `hypervisor_type=docker`) are \
      sent by the scheduler's ImagePropertiesFilter only to hosts of that type. If no host has it, every boot ends in \
      ERROR \"No valid host was found\". Remove the property or add such a host.",
    ),
    (
        "image.docker-format",
        Area::Image,
        "https://docs.openstack.org/glance/latest/user/formats.html",
        "Whether Glance accepts `container_format=docker`: berth reads the enum of `container_format` in \
      `GET /v2/schemas/image`. Glance's default list includes docker; a deployment that set \
      `[DEFAULT] container_formats` in glance-api.conf without it refuses every docker image (`berth image sync` fails \
      with HTTP 400). Remedy: add `docker` to `container_formats` and restart glance-api.",
    ),
    (
        "image.import-methods",
        Area::Image,
        "https://docs.openstack.org/glance/latest/admin/interoperable-image-import.html",
        "Glance's interoperable image import methods (`GET /v2/info/import`): glance-direct (stage then import), \
      web-download, copy-image, glance-download. berth uploads with the classic `PUT /v2/images/{id}/file`, which works \
      where image upload is allowed; the methods show what else the cloud offers.",
    ),
    (
        "image.stores",
        Area::Image,
        "https://docs.openstack.org/glance/latest/admin/multistores.html",
        "Glance's stores (`GET /v2/info/stores`, with multiple backends enabled). Docker images are plain data to Glance; \
      any store holds them. `unknown` when the cloud does not enable multi-store (HTTP 404).",
    ),
    (
        "image.docker-images",
        Area::Image,
        "https://docs.openstack.org/glance/latest/user/formats.html",
        "The images with `container_format=docker` this identity can see, and how many berth made (property \
      `berth_repo_tag`). Container drivers boot only these.",
    ),
    (
        "image.docker-image-names",
        Area::Image,
        "https://github.com/openstack-archive/nova-docker",
        "Whether docker images are named the way the drivers look them up. nova-docker runs `docker inspect <Glance name>` \
      after `docker load`: the Glance name must equal the repo:tag inside the tarball (`busybox` means busybox:latest). \
      Zun's Glance driver matches `name == repo` and picks by Glance tag. berth records the tarball's RepoTags in \
      `berth_repo_tag`; an image following neither rule fails at boot with \"No such image\". Images not made by berth \
      are only checked to have a valid docker reference as name. Remedy: `berth image sync REF` (`--for zun` for Zun).",
    ),
    (
        "volumes.block-storage",
        Area::Volumes,
        "https://docs.openstack.org/cinder/latest/",
        "Whether the cloud has Cinder (block-storage, volumev3, volumev2, volume). Without it there are no volumes for \
      anything, VMs included.",
    ),
    (
        "volumes.container-attach",
        Area::Volumes,
        "https://github.com/openstack-archive/nova-docker",
        "Container instances (nova-docker) cannot attach Cinder volumes: attach/detach were never implemented (the gate \
      skipped every volume test). Data that must outlive a container needs another home (object storage, a database \
      service, a VM). Zun's OS::Zun::Container can mount Cinder volumes, so with Zun and Cinder this is fine. `berth \
      boot --volume` refuses for this reason.",
    ),
    (
        "telemetry.service",
        Area::Telemetry,
        "https://docs.openstack.org/ceilometer/latest/",
        "Whether the cloud has telemetry: metric (Gnocchi), metering (Ceilometer's old API), alarming (Aodh), event \
      (Panko).",
    ),
    (
        "telemetry.container-metrics",
        Area::Telemetry,
        "https://docs.openstack.org/ceilometer/latest/",
        "There are no per-instance metrics for container instances either way: the Ceilometer compute agent polls \
      libvirt/vmware/xen/hyperv, and deployments (SUSE Cloud 6) never ran it on docker hosts. Autoscaling or billing \
      on instance metrics does not work for containers; use container-level monitoring (cAdvisor, the docker engine's \
      stats) on the compute hosts.",
    ),
    (
        "networking.network",
        Area::Networking,
        "https://docs.openstack.org/neutron/latest/",
        "Whether the cloud has a network service (Neutron) and which extensions it lists (`GET /v2.0/extensions`). Nova \
      needs one even for servers without ports; every other networking check reads Neutron.",
    ),
    (
        "networking.extension",
        Area::Networking,
        "https://docs.openstack.org/api-ref/network/v2/#extensions",
        "One finding per Neutron extension that changes what container instances get \
      (`networking.extension.<alias>`): security-group (rules on the port; applied to a container instance as to a \
      VM when its host plugs the port with a firewall driver; nova-docker had none), port-security (ports without \
      security groups or anti-spoofing), allowed-address-pairs (extra addresses on a port), router (routers and \
      floating IPs), dns-integration (a port's dns_name), qos (bandwidth policies on the port) and trunk (VLAN \
      subports). A missing security-group or router extension is a warning; the others are information.",
    ),
    (
        "networking.external-network",
        Area::Networking,
        "https://docs.openstack.org/neutron/latest/admin/config-rbac.html#allowing-a-network-to-be-used-as-an-external-network",
        "Whether the project sees an external network (`router:external`): floating IPs come from one. Neutron offers an \
      external network to every project, or only to some (`access_as_external` RBAC policies); a project that sees \
      none cannot reach its instances from outside the cloud's networks. Servers are not attached to external \
      networks directly (Nova allows that to admins only).",
    ),
    (
        "networking.floating-ip",
        Area::Networking,
        "https://docs.openstack.org/api-ref/network/v2/#quotas-details-extension-quota-details",
        "Whether the project can get a floating IP: an external network, the `router` extension, and room in its \
      `floatingip` quota (`GET /v2.0/quotas/{project}/details`: limit, used, reserved; -1 is no limit). A floating IP \
      associated with a container instance's port reaches the container directly: there is no port mapping.",
    ),
    (
        "networking.project-networks",
        Area::Networking,
        "https://docs.openstack.org/neutron/latest/admin/intro-os-networking.html",
        "The networks the project can boot on: its own and the shared ones (external networks are for floating IPs). \
      Each container instance gets a port on them and that port's IP, as a VM does. A project without any boots only \
      with `--no-network` or on a port someone else made.",
    ),
    (
        "networking.mtu",
        Area::Networking,
        "https://docs.openstack.org/neutron/latest/admin/config-mtu.html",
        "The MTU of the project's networks (the net-mtu extension's `mtu`). Tunnel networks (VXLAN, GRE) carry less than \
      1500 bytes per packet (1450 on a 1500 underlay). A container instance's interface gets its port's MTU, but \
      software that assumes 1500 does not: Docker's own bridge networks in a VM default to 1500, so large packets are \
      dropped and TCP transfers stall. Set Docker's `mtu` to the network's, or raise the network's MTU where the \
      underlay allows it.",
    ),
    (
        "networking.container-differences",
        Area::Networking,
        "https://github.com/openstack-archive/nova-docker",
        "What differs for containers on Neutron: a container instance gets a Neutron port plugged into its network \
      namespace and that port's IP, like a VM; Docker's port publishing (`-p`) does not apply, so every port the \
      container listens on is on that IP, as far as security groups allow. Security groups apply as for VMs when the \
      compute host plugs the port with a firewall driver; nova-docker had no security-group firewall driver (its \
      rules were not enforced), so filter elsewhere there. The container shares the port's MTU.",
    ),
    (
        "orchestration.service",
        Area::Orchestration,
        "https://docs.openstack.org/heat/latest/",
        "Whether the cloud has Heat (orchestration). With Heat a stack can run a container four ways (`berth stack \
      template IMAGE --for KIND`): nova-docker, zun, docker-engine and vm; the orchestration.path.* findings say \
      which this cloud supports and what each needs.",
    ),
    (
        "orchestration.nova-server",
        Area::Orchestration,
        "https://docs.openstack.org/heat/latest/template_guide/openstack.html#OS::Nova::Server",
        "Whether Heat offers OS::Nova::Server (`GET /v1/{project}/resource_types`): stacks of container instances from \
      Glance docker images, or VMs that run Docker themselves.",
    ),
    (
        "orchestration.zun-container",
        Area::Orchestration,
        "https://docs.openstack.org/heat/latest/template_guide/openstack.html#OS::Zun::Container",
        "Whether Heat offers OS::Zun::Container (Heat lists it only when a `container` (Zun) service is in the catalog). \
      It takes image, command, cpu, memory, environment, mounts (Cinder volumes), networks, security_groups, ...",
    ),
    (
        "orchestration.docker-container",
        Area::Orchestration,
        "https://opendev.org/openstack/heat/src/branch/master/contrib/heat_docker",
        "Whether Heat offers DockerInc::Docker::Container, the Docker plugin that talks to a Docker engine directly, \
      bypassing Nova, Glance, Keystone and Neutron. It is not gone: it lives in Heat's source tree as \
      contrib/heat_docker (support status UNSUPPORTED), ships in the openstack-heat source distribution (not the \
      wheel), and registers when its directory is in heat.conf's `plugin_dirs` and the `docker` Python library \
      imports. Upstream's plugin fails every create with the docker SDK it requires (>= 2.4.2): it passes \
      mem_limit, dns, cpu_shares and cpuset to create_container() and the host options to start(), which the SDK \
      moved into `host_config` in 2.0 (`create_container() got an unexpected keyword argument 'mem_limit'`). Its \
      API looks the same patched or not; see orchestration.path.docker-engine.",
    ),
    (
        "orchestration.path.nova-docker",
        Area::Orchestration,
        "https://github.com/openstack-archive/nova-docker",
        "`berth stack template IMAGE --for nova-docker`: an OS::Nova::Server from a Glance docker image. It needs \
      OS::Nova::Server, a compute host whose driver runs containers (nova-docker: hypervisor_type docker; see \
      compute.container-hypervisor) and Glance accepting container_format docker. On a VM hypervisor the server \
      goes ACTIVE but boots the image's data as a disk: `fail` then. Admin-only hypervisor facts make it `unknown` \
      for members.",
    ),
    (
        "orchestration.path.zun",
        Area::Orchestration,
        "https://docs.openstack.org/heat/latest/template_guide/openstack.html#OS::Zun::Container",
        "`--for zun`: an OS::Zun::Container. Heat offers the type only when the catalog has a `container` (Zun) \
      service (elsewhere validating such a template fails with HEAT-E99001 `Service zun is not available`). Zun \
      mounts Cinder volumes (`mounts`: a new volume of a size, or an existing one), which makes it the path by which \
      a container gets a volume; with the glance image driver it loads Glance images named as `berth image sync \
      --for zun` names them.",
    ),
    (
        "orchestration.path.docker-engine",
        Area::Orchestration,
        "https://opendev.org/openstack/heat/src/branch/master/contrib/heat_docker",
        "`--for docker-engine`: a DockerInc::Docker::Container on a Docker engine that heat-engine reaches (its \
      `docker_endpoint`). It needs the contrib plugin loaded (orchestration.docker-container) and, with any docker \
      SDK from 2.0 on, a plugin patched to pass host options in `host_config` (berth's dev environment patches its \
      copy: devenv/heat_docker/docker_container.patch). The resource-type API cannot tell a working plugin from a \
      broken one, so this is `warn` wherever the type is offered: create a test stack to know. The plugin pulls the \
      image before every create, from the engine's point of view.",
    ),
    (
        "orchestration.path.vm",
        Area::Orchestration,
        "https://docs.openstack.org/keystone/latest/user/application_credentials.html#access-rules",
        "`--for vm` (a secure container): an OS::Nova::Server from a VM image with cloud-init and Docker whose user \
      data starts the container, pinned by digest, from its registry or (`--source glance`) from Glance with an \
      application credential restricted by access rules to `GET /v2/images/{id}/file` of that image and expiring \
      soon. It needs OS::Nova::Server and a VM hypervisor; `--source glance` also needs identity API 3.13 (access \
      rules) and `service_type = image` in Glance's [keystone_authtoken] (keystonemiddleware refuses every token of \
      a credential with access rules otherwise), which no API shows.",
    ),
    (
        "magnum.service",
        Area::Magnum,
        "https://docs.openstack.org/magnum/latest/user/",
        "Whether the cloud has Magnum (container-infra): clusters (Kubernetes; Swarm in old releases) built from cluster \
      templates, an alternative to single container instances.",
    ),
    (
        "magnum.cluster-templates",
        Area::Magnum,
        "https://docs.openstack.org/magnum/latest/user/#clustertemplate",
        "Magnum's cluster templates and their COEs (`GET /v1/clustertemplates`), as far as this identity may read them.",
    ),
    (
        "magnum.coe",
        Area::Magnum,
        "https://docs.openstack.org/magnum/latest/user/#clustertemplate",
        "The template's COE. Magnum has only `kubernetes` now (Swarm and Mesos were removed upstream); any other is refused at template create.",
    ),
    (
        "magnum.image",
        Area::Magnum,
        "https://docs.openstack.org/magnum/latest/user/#clustertemplate",
        "The node image (`image_id`): Magnum's attribute validation refuses a template whose image does not exist, is not visible to the project, or whose name matches several images (give the ID then). berth also wants it `active`: Nova cannot boot the servers of a queued or killed image.",
    ),
    (
        "magnum.image-os-distro",
        Area::Magnum,
        "https://docs.openstack.org/magnum/latest/user/#clustertemplate",
        "Magnum picks the cluster driver by the image's `os_distro` property (with server_type and COE); an image without one is refused, and the value is compared exactly: the Heat driver k8s_fedora_coreos_v1 takes `fedora-coreos`, not `Fedora-CoreOS` or `fedora`. `berth coe image --os-distro` sets it at upload.",
    ),
    (
        "magnum.driver",
        Area::Magnum,
        "https://docs.openstack.org/magnum/latest/user/#clustertemplate",
        "The cluster driver for (server_type, os_distro, COE), or the image's `magnum_driver` property. Magnum has no API that lists its installed drivers, so berth names the driver it knows for the value: k8s_fedora_coreos_v1 (in-tree, Heat, the last release with it is 22.0.0) or the Cluster API drivers (ubuntu, flatcar, rockylinux). An unknown `magnum_driver` is a warning: only Magnum knows.",
    ),
    (
        "magnum.flavor",
        Area::Magnum,
        "https://docs.openstack.org/magnum/latest/user/#clustertemplate",
        "The workers' flavor (`flavor_id`): it must exist (else \"Unable to find flavor\"), and a flavor of root disk 0 needs a `boot_volume_size` label > 0, which Magnum checks only at cluster create. A template without a flavor is accepted and its cluster fails with \"Unable to find flavor None\".",
    ),
    (
        "magnum.master-flavor",
        Area::Magnum,
        "https://docs.openstack.org/magnum/latest/user/#clustertemplate",
        "The masters' flavor (`master_flavor_id`), checked like the workers'. A template without one is accepted by Magnum, and cluster create then fails with \"Unable to find flavor None\": the preflight refuses it first.",
    ),
    (
        "magnum.keypair",
        Area::Magnum,
        "https://docs.openstack.org/magnum/latest/user/#clustertemplate",
        "The Nova keypair of the nodes. Magnum accepts a template naming a keypair that does not exist and checks it only at cluster create; a keypair is needed there (from the template or the cluster). Keypairs are per user: another user's does not count.",
    ),
    (
        "magnum.external-network",
        Area::Magnum,
        "https://docs.openstack.org/magnum/latest/user/#clustertemplate",
        "The external network (`external_network_id`) floating IPs and the API's address come from: it must exist, be unique and have router:external=True, as Magnum's validation wants. Without one the driver uses its default, `public`. `gaps --only magnum` reports whether the project sees any external network at all.",
    ),
    (
        "magnum.fixed-network",
        Area::Magnum,
        "https://docs.openstack.org/magnum/latest/user/#clustertemplate",
        "An existing network for the nodes (`fixed_network`), which must exist and be unique; without one the driver makes a network, subnet and router for each cluster.",
    ),
    (
        "magnum.fixed-subnet",
        Area::Magnum,
        "https://docs.openstack.org/magnum/latest/user/#clustertemplate",
        "An existing subnet for the nodes (`fixed_subnet`): it must exist, be unique, and (berth checks, Magnum does not) be a subnet of the fixed network, else the servers' ports cannot be made.",
    ),
    (
        "magnum.master-lb",
        Area::Magnum,
        "https://docs.openstack.org/magnum/latest/user/#clustertemplate",
        "More than one master needs a load balancer in front of them (`master_lb_enabled`; Magnum refuses \"master_count must be 1 when master_lb_enabled is False\"), and that load balancer is Octavia's: without `load-balancer` in the catalog the stack fails at its OS::Octavia::LoadBalancer.",
    ),
    (
        "magnum.network-driver",
        Area::Magnum,
        "https://docs.openstack.org/magnum/latest/user/#clustertemplate",
        "The Kubernetes network driver: `flannel` (the default) or `calico`; Magnum refuses others.",
    ),
    (
        "magnum.volumes",
        Area::Magnum,
        "https://docs.openstack.org/magnum/latest/user/#clustertemplate",
        "Volumes (`docker_volume_size`, `volume_driver` cinder, `boot_volume_size`) are Cinder volumes made by the cluster's stack: without `block-storage` in the catalog the stack fails at its OS::Cinder::Volume resources. Only `cinder` is a volume driver of Kubernetes clusters.",
    ),
    (
        "magnum.services",
        Area::Magnum,
        "https://docs.openstack.org/magnum/latest/user/#clustertemplate",
        "What a cluster needs in the catalog: Magnum itself, Neutron, and for the Heat driver Heat (every cluster is a Heat stack).",
    ),
    (
        "magnum.quota-servers",
        Area::Magnum,
        "https://docs.openstack.org/magnum/latest/user/#clustertemplate",
        "Magnum never checks quotas: the stack fails when Nova refuses a server (\"Quota exceeded\"). berth adds up the servers, vCPUs and RAM of the masters and workers from their flavors and compares them with the project's compute limits and usage (`GET /limits`).",
    ),
    (
        "magnum.quota-server-groups",
        Area::Magnum,
        "https://docs.openstack.org/magnum/latest/user/#clustertemplate",
        "A Kubernetes cluster's stack makes two Nova server groups (masters, workers) with every node a member of its group. berth compares two with the project's server_groups quota and usage, and the larger node count with server_group_members (`GET /limits`); Magnum checks neither.",
    ),
    (
        "magnum.quota-floating-ips",
        Area::Magnum,
        "https://docs.openstack.org/magnum/latest/user/#clustertemplate",
        "With floating_ip_enabled (Magnum's default) every node gets a floating IP; berth compares their number with the project's floatingip quota and usage (`GET /v2.0/quotas/{project}/details`).",
    ),
    (
        "magnum.node-image",
        Area::Magnum,
        "https://docs.openstack.org/magnum/latest/user/#clustertemplate",
        "Whether any image has an os_distro a known cluster driver takes (e.g. `fedora-coreos`): without one no template can be made. `berth coe image` uploads one.",
    ),
    (
        "magnum.template",
        Area::Magnum,
        "https://docs.openstack.org/magnum/latest/user/#clustertemplate",
        "One finding per existing cluster template (`magnum.template.<name>`, up to 10): the worst finding of its preflight (`berth coe preflight --template NAME`), with the failing and warning checks as evidence.",
    ),
    (
        "zun.service",
        Area::Zun,
        "https://docs.openstack.org/zun/latest/",
        "Whether the cloud has Zun (container, application-container) and its API versions. Zun runs containers as a \
      service, reads the same Glance docker images as nova-docker (name == repo, tag as Glance tag), and can mount \
      Cinder volumes.",
    ),
];

/// The entry of [`EXPLAIN`] for a finding id (`catalog.endpoint.image` -> `catalog.endpoint`).
pub fn explain(id: &str) -> Option<&'static (&'static str, Area, &'static str, &'static str)> {
    EXPLAIN.iter().find(|e| e.0 == id).or_else(|| EXPLAIN.iter().find(|e| id.starts_with(&format!("{}.", e.0))))
}
