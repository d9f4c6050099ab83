"""The rules of findings-format.md, one module each, in the contract's table order."""

from interop.rules import (
    camera_duplicate_site,
    camera_gbid_conflict,
    camera_gbid_invalid,
    duplicate_homogeneous_systems,
    network_isolated_private,
    network_noncompliant_deployment,
    project_lifecycle_gap,
    provincial_city_platform_unlinked,
    provincial_missing_link,
    resources_not_on_gov_cloud,
    security_protection_lapse,
    security_ungraded,
    sharing_non_provider,
    sharing_point_to_point,
    silo_isolated_system,
    usage_idle,
    usage_low_utilization,
    usage_rebuilt_while_underused,
    usage_zombie_candidate,
)
from interop.rules.base import AuditContext, Check, Rule, RuleHelp

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
    # added in version 2
    camera_gbid_invalid.RULE,
    camera_gbid_conflict.RULE,
    resources_not_on_gov_cloud.RULE,
    sharing_point_to_point.RULE,
    usage_zombie_candidate.RULE,
    security_protection_lapse.RULE,
    project_lifecycle_gap.RULE,
)
"""Every rule, in the order of the contract's tables (findings are reported in this order)."""

RULE_BY_ID: dict[str, Rule] = {rule.id: rule for rule in RULES}

__all__ = ["RULES", "RULE_BY_ID", "AuditContext", "Check", "Rule", "RuleHelp"]
