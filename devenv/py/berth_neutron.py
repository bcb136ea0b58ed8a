"""ML2 mechanism driver `berth_dev` of the dev cloud's Neutron: binds every port at once, without agents.

The dev cloud runs neutron's API alone: no L2 agent reports in, so ML2's own drivers never bind a port (Nova's
server then fails with "binding failed"), and the drivers of neutron's unit tests (`test`, `fake_agent`) assert
test invariants or want live agents. This driver binds the first segment offered, as an OVS port without a
firewall, and marks the port ACTIVE: Nova's fake virt driver then boots servers with a fixed IP, and no packet
ever flows.

It also registers an agentless trunk driver for the same ports, which the `trunk` service plugin needs to load.

devenv/lib/openstack.sh copies this file into the venv's site-packages with a dist-info folder whose
entry_points.txt names it in `neutron.ml2.mechanism_drivers`; `[ml2] mechanism_drivers = berth_dev` loads it.
"""
from neutron_lib.api.definitions import portbindings
from neutron_lib.plugins.ml2 import api
from neutron_lib.services.trunk import constants as trunk_consts
from oslo_config import cfg
from oslo_log import log as logging

NAME = "berth_dev"
LOG = logging.getLogger(__name__)

_trunk_driver = None


class BerthDevMechanismDriver(api.MechanismDriver):

    def initialize(self):
        global _trunk_driver
        try:
            from neutron.services.trunk.drivers import base as trunk_base
        except ImportError:  # pragma: no cover - neutron without trunks
            return

        class BerthDevTrunkDriver(trunk_base.DriverBase):
            @property
            def is_loaded(self):
                try:
                    return NAME in cfg.CONF.ml2.mechanism_drivers
                except cfg.NoSuchOptError:
                    return False

        # Subscribes itself to the trunk plugin's AFTER_INIT; kept referenced for the life of the process.
        _trunk_driver = BerthDevTrunkDriver(NAME, (portbindings.VIF_TYPE_OVS,),
                                            (trunk_consts.SEGMENTATION_TYPE_VLAN,),
                                            agent_type=None, can_trunk_bound_port=True)

    def bind_port(self, context):
        for segment in context.segments_to_bind:
            context.set_binding(segment[api.ID], portbindings.VIF_TYPE_OVS, {portbindings.CAP_PORT_FILTER: False},
                                status="ACTIVE")
            LOG.debug("bound port %s to segment %s on host %s", context.current["id"], segment[api.ID],
                      context.host)
            return
