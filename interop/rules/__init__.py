"""The rules of findings-format.md, one module each, in the contract's table order."""

from interop.rules import (
    camera_duplicate_site,
    duplicate_homogeneous_systems,
    network_isolated_private,
    network_noncompliant_deployment,
    provincial_city_platform_unlinked,
    provincial_missing_link,
    security_ungraded,
    sharing_non_provider,
    silo_isolated_system,
    usage_idle,
    usage_low_utilization,
    usage_rebuilt_while_underused,
)
from interop.rules.base import AuditContext, Rule, RuleHelp

RULES: tuple[Rule, ...] = (
    silo_isolated_system.RULE,
    sharing_non_provider.RULE,
    network_noncompliant_deployment.RULE,
    network_isolated_private.RULE,
    provincial_missing_link.RULE,
    provincial_city_platform_unlinked.RULE,
    camera_duplicate_site.RULE,
    usage_idle.RULE,
    usage_low_utilization.RULE,
    usage_rebuilt_while_underused.RULE,
    duplicate_homogeneous_systems.RULE,
    security_ungraded.RULE,
)
"""Every rule, in the order of the contract's table (findings are reported in this order)."""

RULE_BY_ID: dict[str, Rule] = {rule.id: rule for rule in RULES}

__all__ = ["RULES", "RULE_BY_ID", "AuditContext", "Rule", "RuleHelp"]
