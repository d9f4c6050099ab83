// rule: camera.duplicate_site (Duplicate camera site; 视频监控重复建设点位)
// parameters: $dataset (the dataset name the inventory was loaded under);
//   $camera_radius_m (R, metres; default 50).
// criteria: two live cameras (status in_use; an empty status is in_use) form a duplicate
//   pair when their owners differ and the great-circle distance between their WGS-84
//   positions is at most R metres. A site is a connected group of duplicate pairs; one
//   finding per site, its subjects all the cameras of the site.
// how: the loader stores every camera's WGS-84 position (GCJ-02 and BD-09 converted) as
//   `location` (a point, with a point index) and as wgs84_lat / wgs84_lon. For each live
//   camera a, a bounding box slightly larger than R around it is searched through the point
//   index (point.withinBBox), so this is not a cross product; each candidate b with a larger
//   id is then kept when live, of another owner, and within R by the haversine formula on a
//   sphere of radius 6,371,008.8 m (the Python rule's; Neo4j's point.distance uses another
//   radius, so it is not used for the threshold).
//   THIS QUERY RETURNS THE DUPLICATE PAIRS, one row each: grouping pairs into sites
//   (connected components) is done by the engine in Python with the same connected-
//   components function as the Python rule (interop.geo.sites); Cypher without GDS has no
//   cheap way to label components of a relation it computes on the fly.
// returns: one row per duplicate pair: subjects ([a id, b id], a < b), severity, the
//   evidence columns a and b (each camera: owner, standard, network, system, address, the
//   coordinates as given and in WGS-84, cost), distance_m, and the columns the engine needs
//   to build a site's evidence: a_wgs84 / b_wgs84 (unrounded WGS-84 [lat, lon]). A site's
//   money is the sum of its cameras' cost, never their video systems' (findings-format.md).
MATCH (a:Camera {dataset: $dataset})
WHERE a.id IS NOT NULL // lets the planner seek the (dataset, id) key index
  AND coalesce(a.status, 'in_use') = 'in_use' AND a.location IS NOT NULL
// the box: R as an angle (degrees of latitude), padded; longitude widened by 1/cos(lat).
WITH a, a.wgs84_lat AS lat, a.wgs84_lon AS lon,
  degrees($camera_radius_m / 6371008.8) * (1.0 + 1e-6) + 1e-9 AS dlat
WITH a, lat, lon, dlat,
  CASE
    WHEN abs(lat) + dlat >= 89.999 THEN 180.0
    ELSE dlat / cos(radians(abs(lat) + dlat))
  END AS dlon
WITH a, lat, lon,
  CASE WHEN lat - dlat < -90.0 THEN -90.0 ELSE lat - dlat END AS south,
  CASE WHEN lat + dlat > 90.0 THEN 90.0 ELSE lat + dlat END AS north,
  CASE
    WHEN dlon >= 180.0 THEN -180.0
    WHEN lon - dlon < -180.0 THEN lon - dlon + 360.0
    ELSE lon - dlon
  END AS west,
  CASE
    WHEN dlon >= 180.0 THEN 180.0
    WHEN lon + dlon > 180.0 THEN lon + dlon - 360.0
    ELSE lon + dlon
  END AS east
// a west edge east of the east edge is a box across the antimeridian (withinBBox allows it)
MATCH (b:Camera)
USING INDEX b:Camera(location) // the point index, whatever the statistics say
WHERE point.withinBBox(
    b.location,
    point({latitude: south, longitude: west}),
    point({latitude: north, longitude: east}))
  AND b.dataset = $dataset
  AND b.id > a.id
  AND coalesce(b.status, 'in_use') = 'in_use'
  AND b.owner_id <> a.owner_id
WITH a, b, radians(a.wgs84_lat) AS phi1, radians(b.wgs84_lat) AS phi2,
  radians(b.wgs84_lon - a.wgs84_lon) AS dlmb
WITH a, b,
  sin((phi2 - phi1) / 2.0) * sin((phi2 - phi1) / 2.0)
    + cos(phi1) * cos(phi2) * sin(dlmb / 2.0) * sin(dlmb / 2.0) AS h
WITH a, b,
  2.0 * 6371008.8 * asin(sqrt(CASE WHEN h < 0.0 THEN 0.0 WHEN h > 1.0 THEN 1.0 ELSE h END))
    AS distance
WHERE distance <= $camera_radius_m
WITH a, b, distance, COLLECT {
    UNWIND [a, b] AS c
    WITH c,
      COLLECT {
        MATCH (o:Department)-[:OWNS]->(c)
        RETURN {id: o.id, name: coalesce(o.name, '')} AS o
      }[0] AS owner,
      COLLECT {
        MATCH (c)-[:DEPLOYED_ON]->(n:Network)
        RETURN DISTINCT {id: n.id, name: coalesce(n.name, ''), kind: n.kind} AS net
        ORDER BY net.id
      }[0] AS network,
      COLLECT {
        MATCH (c)-[:PART_OF]->(s:System)
        RETURN DISTINCT s ORDER BY s.id
      } AS systems
    RETURN {
        id: c.id,
        owner: owner,
        standard: c.standard,
        network: network,
        system: CASE WHEN size(systems) = 0 THEN null ELSE
          {id: systems[0].id, name: coalesce(systems[0].name, ''), label: 'System'} END,
        address: c.address,
        coord_system: coalesce(c.coord_system, 'wgs84'),
        lat: c.lat,
        lon: c.lon,
        wgs84: {lat: round(c.wgs84_lat, 7), lon: round(c.wgs84_lon, 7)},
        cost: c.cost
    } AS camera
  } AS both
RETURN
  [a.id, b.id] AS subjects,
  'high' AS severity,
  both[0] AS a,
  both[1] AS b,
  round(distance, 2) AS distance_m,
  [a.wgs84_lat, a.wgs84_lon] AS a_wgs84,
  [b.wgs84_lat, b.wgs84_lon] AS b_wgs84
ORDER BY a.id, b.id
