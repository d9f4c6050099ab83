// rule: duplicate.homogeneous_systems (Homogeneous systems built repeatedly; 同质化系统重复建设)
// parameters: $dataset (the dataset name the inventory was loaded under);
//   $homogeneous_min_owners (default 3).
// criteria: for each function value, compared after trimming, folding full-width
//   characters to half-width and case-folding, the live systems (status in_use; an empty
//   status is in_use) of level municipal or district (an empty level is municipal) with
//   that function form one finding when their owners are at least $homogeneous_min_owners
//   distinct departments. Systems with no function (or one that folds to '') are left out.
// the fold: Python folds with unicodedata NFKC + str.strip + str.casefold; Cypher has no
//   NFKC, so this query folds what NFKC does to the characters an inventory holds: the
//   full-width ASCII forms U+FF01..U+FF5E become U+0021..U+007E (（ -> (, Ａ -> A, ０ -> 0),
//   the ideographic space U+3000 and the no-break and typographic spaces (U+00A0,
//   U+2000..U+200A, U+202F, U+205F) become a space; then trim(), toLower(), and the two
//   case folds toLower() lacks (ß/ẞ -> ss, final ς -> σ). Other NFKC mappings (circled or
//   Roman-numeral digits, ligatures, half-width katakana, compatibility ideographs…) are
//   not folded here and could split a group that the Python rule keeps together.
// returns: one row per finding (one per function): subjects (the ids of all the systems of
//   the group, sorted), severity, and the evidence columns function (its most common
//   spelling, the first by system id among equals), function_key, spellings (sorted),
//   owners, systems (each with owner_id, function, level, networks) and money (build_cost /
//   annual_om_cost of the group, in 万元).
MATCH (s:System {dataset: $dataset})
WHERE coalesce(s.status, 'in_use') = 'in_use'
  AND coalesce(s.level, 'municipal') IN ['municipal', 'district']
  AND s.function IS NOT NULL
WITH s,
  '！＂＃＄％＆＇（）＊＋，－．／０１２３４５６７８９：；＜＝＞？＠ＡＢＣＤＥＦＧＨＩＪＫＬＭＮＯＰＱＲＳＴＵＶＷＸＹＺ［＼］＾＿｀ａｂｃｄｅｆｇｈｉｊｋｌｍｎｏｐｑｒｓｔｕｖｗｘｙｚ｛｜｝～' AS full_width,
  '!"#$%&\'()*+,-./0123456789:;<=>?@ABCDEFGHIJKLMNOPQRSTUVWXYZ[\\]^_`abcdefghijklmnopqrstuvwxyz{|}~' AS half_width,
  '\u3000\u00A0\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008\u2009\u200A\u202F\u205F' AS spaces
WITH s, reduce(t = s.function, i IN range(0, size(full_width) - 1) |
    replace(t, substring(full_width, i, 1), substring(half_width, i, 1))) AS folded, spaces
WITH s, reduce(t = folded, i IN range(0, size(spaces) - 1) |
    replace(t, substring(spaces, i, 1), ' ')) AS folded
WITH s, replace(replace(replace(toLower(trim(folded)), 'ß', 'ss'), 'ẞ', 'ss'), 'ς', 'σ')
    AS function_key
WHERE function_key <> ''
WITH s, function_key,
  COLLECT {
    MATCH (o:Department)-[:OWNS]->(s)
    RETURN {id: o.id, name: coalesce(o.name, '')} AS o
  }[0] AS owner
WITH function_key, collect({system: s, owner: owner}) AS members
WITH function_key, COLLECT {
    UNWIND members AS m RETURN m ORDER BY m.system.id
  } AS members
WITH function_key,
  [m IN members | m.system] AS systems,
  [m IN members WHERE m.owner IS NOT NULL | m.owner] AS owner_refs
WITH function_key, systems, owner_refs,
  size(COLLECT { UNWIND systems AS x RETURN DISTINCT x.owner_id AS o }) AS owner_count
WHERE owner_count >= $homogeneous_min_owners
CALL (systems) {
  UNWIND range(0, size(systems) - 1) AS i
  WITH systems[i].function AS spelling, i
  WITH spelling, count(*) AS times, min(i) AS first
  RETURN spelling AS function ORDER BY times DESC, first LIMIT 1
}
RETURN
  [x IN systems | x.id] AS subjects,
  'high' AS severity,
  function,
  function_key,
  COLLECT { UNWIND systems AS x RETURN DISTINCT x.function AS f ORDER BY f } AS spellings,
  reduce(acc = [], o IN owner_refs |
    CASE WHEN o.id IN [p IN acc | p.id] THEN acc ELSE acc + [o] END) AS owners,
  [x IN systems | {
    id: x.id, name: coalesce(x.name, ''), label: 'System',
    owner_id: x.owner_id, function: x.function, level: coalesce(x.level, 'municipal'),
    networks: COLLECT {
      MATCH (x)-[:DEPLOYED_ON]->(n:Network)
      RETURN DISTINCT {id: n.id, name: coalesce(n.name, ''), kind: n.kind} AS net
      ORDER BY net.id
    }
  }] AS systems,
  {
    unit: '万元 (10,000 CNY)', systems: size(systems),
    build_cost: CASE WHEN any(x IN systems WHERE x.build_cost IS NOT NULL)
      THEN round(reduce(t = 0.0, x IN systems | t + coalesce(x.build_cost, 0.0)), 4) END,
    annual_om_cost: CASE WHEN any(x IN systems WHERE x.annual_om_cost IS NOT NULL)
      THEN round(reduce(t = 0.0, x IN systems | t + coalesce(x.annual_om_cost, 0.0)), 4) END,
    build_cost_unknown: [x IN systems WHERE x.build_cost IS NULL | x.id],
    annual_om_cost_unknown: [x IN systems WHERE x.annual_om_cost IS NULL | x.id]
  } AS money
ORDER BY subjects
