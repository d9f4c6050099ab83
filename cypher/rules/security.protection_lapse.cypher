// rule: security.protection_lapse (Security protection duties lapsed; 等级保护责任未落实)
// parameters: $dataset (the dataset name the inventory was loaded under);
//   $as_of (the audit's reference date: a date, or a 'YYYY-MM-DD' string; default today);
//   $assessment_days (default 365); $assessment_days_high (default 182).
// criteria: each live system (status in_use; an empty status is in_use) of level municipal
//   or district (an empty level is municipal), not classified (an empty classified is not
//   classified), with security_grade 2 or more, failing at least one check, in this order:
//   not_filed: grade_filing_date is empty;
//   assessment_overdue: grade 3 and last_assessment empty or more than $assessment_days
//     days before $as_of, or grade 4 or 5 and empty or more than $assessment_days_high
//     days before (($as_of - last_assessment) in days > the limit; exactly the limit is
//     on time);
//   no_crypto_evaluation: grade 3 or more and crypto_eval_date empty.
//   Severity high when not_filed or assessment_overdue failed, else medium.
// checks not made: a check whose columns the dataset's inventory did not collect
//   (InteropDataset.collected) is still returned here; the engine
//   (interop.neo4j.engine.run_twins) leaves it out, drops a row left with no check, and
//   takes the severity from the checks that remain.
// returns: one row per finding: subjects ([the system id]), severity, and the evidence
//   columns system, owner, level, security_grade, checks (one map per failed check:
//   {check, security_grade} and for assessment_overdue also last_assessment
//   ('YYYY-MM-DD' or null), days_since_assessment and limit_days) and money
//   (build_cost / annual_om_cost in 万元).
MATCH (s:System {dataset: $dataset})
WHERE coalesce(s.status, 'in_use') = 'in_use'
  AND coalesce(s.level, 'municipal') IN ['municipal', 'district']
  AND s.security_grade >= 2
  AND coalesce(s.classified, false) <> true
WITH s, s.security_grade AS grade,
  CASE
    WHEN s.security_grade = 3 THEN $assessment_days
    WHEN s.security_grade >= 4 THEN $assessment_days_high
  END AS limit_days,
  CASE WHEN s.last_assessment IS NULL THEN null
       ELSE duration.inDays(s.last_assessment, date($as_of)).days END AS since
WITH s, grade, [c IN [
    CASE WHEN s.grade_filing_date IS NULL
      THEN {check: 'not_filed', security_grade: grade} END,
    CASE WHEN limit_days IS NOT NULL AND (since IS NULL OR since > limit_days)
      THEN {
        check: 'assessment_overdue', security_grade: grade,
        last_assessment: toString(s.last_assessment), days_since_assessment: since,
        limit_days: limit_days
      } END,
    CASE WHEN grade >= 3 AND s.crypto_eval_date IS NULL
      THEN {check: 'no_crypto_evaluation', security_grade: grade} END
  ] WHERE c IS NOT NULL] AS checks
WHERE size(checks) > 0
RETURN
  [s.id] AS subjects,
  CASE WHEN any(c IN checks WHERE c.check IN ['not_filed', 'assessment_overdue'])
    THEN 'high' ELSE 'medium' END AS severity,
  {id: s.id, name: coalesce(s.name, ''), label: 'System'} AS system,
  COLLECT {
    MATCH (o:Department)-[:OWNS]->(s)
    RETURN {id: o.id, name: coalesce(o.name, '')} AS o
  }[0] AS owner,
  coalesce(s.level, 'municipal') AS level,
  grade AS security_grade,
  checks,
  {
    unit: '万元 (10,000 CNY)', systems: 1,
    build_cost: round(s.build_cost, 4), annual_om_cost: round(s.annual_om_cost, 4),
    build_cost_unknown: CASE WHEN s.build_cost IS NULL THEN [s.id] ELSE [] END,
    annual_om_cost_unknown: CASE WHEN s.annual_om_cost IS NULL THEN [s.id] ELSE [] END
  } AS money
ORDER BY s.id
