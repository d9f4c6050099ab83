// rule: camera.gbid_invalid (Camera with an invalid GB/T 28181 id; 国标编码不规范的摄像头)
// parameters: $dataset (the dataset name the inventory was loaded under);
//   $camera_type_codes (a list of 3-digit strings; default 131,132, i.e. ['131', '132']).
// criteria: each live camera (status in_use; an empty status is in_use) with a non-empty
//   gb_id (trimmed at load), failing at least one check, in this order:
//   malformed: not exactly 20 ASCII digits (=~ '[0-9]{20}'); a malformed id gets no
//     other check;
//   bad_province: digits 1-2 are not a province-level code of GB/T 2260 (11-15, 21-23,
//     31-37, 41-46, 50-54, 61-65, 71, 81, 82);
//   not_camera: digits 11-13 are not one of $camera_type_codes;
//   division_mismatch: the owner has a division_code whose digits 3-4 are not 00, and
//     digits 1-4 of the id differ from digits 1-4 of that code.
// checks not made: division_mismatch reads departments.division_code; when the dataset's
//   inventory did not collect it (InteropDataset.collected) no department has one, so the
//   check fails for no one here either (the engine, interop.neo4j.engine.run_twins, leaves
//   it out all the same).
// returns: one row per finding: subjects ([the camera id]), severity, and the evidence
//   columns camera ({id, address, gb_id}), owner ({id, name}) and checks
//   ({check: 'malformed', gb_id}, {check: 'bad_province', province_code},
//   {check: 'not_camera', type_code, camera_type_codes},
//   {check: 'division_mismatch', id_division, owner_division_code}).
MATCH (c:Camera {dataset: $dataset})
WHERE c.id IS NOT NULL // lets the planner seek the (dataset, id) key index
  AND coalesce(c.status, 'in_use') = 'in_use'
  AND c.gb_id IS NOT NULL AND c.gb_id <> ''
WITH c, COLLECT { MATCH (o:Department)-[:OWNS]->(c) RETURN o }[0] AS o
WITH c, o, CASE
  WHEN NOT c.gb_id =~ '[0-9]{20}' THEN [{check: 'malformed', gb_id: c.gb_id}]
  ELSE [x IN [
      CASE WHEN NOT substring(c.gb_id, 0, 2) IN [
          '11', '12', '13', '14', '15', '21', '22', '23',
          '31', '32', '33', '34', '35', '36', '37', '41', '42', '43', '44', '45', '46',
          '50', '51', '52', '53', '54', '61', '62', '63', '64', '65', '71', '81', '82']
        THEN {check: 'bad_province', province_code: substring(c.gb_id, 0, 2)} END,
      CASE WHEN NOT substring(c.gb_id, 10, 3) IN $camera_type_codes
        THEN {
          check: 'not_camera', type_code: substring(c.gb_id, 10, 3),
          camera_type_codes: $camera_type_codes
        } END,
      CASE WHEN o.division_code IS NOT NULL AND o.division_code <> ''
          AND substring(o.division_code, 2, 2) <> '00'
          AND substring(c.gb_id, 0, 4) <> substring(o.division_code, 0, 4)
        THEN {
          check: 'division_mismatch', id_division: substring(c.gb_id, 0, 4),
          owner_division_code: o.division_code
        } END
    ] WHERE x IS NOT NULL]
  END AS checks
WHERE size(checks) > 0
RETURN
  [c.id] AS subjects,
  'low' AS severity,
  {id: c.id, address: c.address, gb_id: c.gb_id} AS camera,
  CASE WHEN o IS NULL THEN null ELSE {id: o.id, name: coalesce(o.name, '')} END AS owner,
  checks
ORDER BY c.id
