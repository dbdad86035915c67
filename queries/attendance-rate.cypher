// name: attendance-rate
// question: How often did each person attend the meetings of council $council (present vs absent vs not recorded)?
// param: council string "KKR Hovedstaden" council name, short name or alias, case-insensitive (a part of the name works when nothing matches exactly)
// columns: council, person, meetings, with_attendance_list, present, absent, not_recorded, attendance_rate, first_seen, last_seen
// meetings: the council's meetings in the graph; with_attendance_list: those whose documents list
// who came; attendance_rate = present / with_attendance_list. People counted: anyone who attended,
// sent apologies or holds a seat in the council.
CALL () {
  WITH toLower(trim($council)) AS q
  MATCH (c:Council)
  WHERE toLower(c.org_id) = q OR toLower(c.name) = q OR toLower(coalesce(c.short_name, '')) = q
        OR any(a IN coalesce(c.aliases, []) WHERE toLower(a) = q)
  RETURN collect(c) AS exact
}
CALL () {
  WITH toLower(trim($council)) AS q
  MATCH (c:Council)
  WHERE size(q) >= 3 AND (toLower(c.name) CONTAINS q OR any(a IN coalesce(c.aliases, []) WHERE toLower(a) CONTAINS q))
  RETURN collect(c) AS partial
}
UNWIND CASE WHEN size(exact) > 0 THEN exact ELSE partial END AS c
MATCH (mt:Meeting)-[:ORGANIZED_BY]->(c)
WITH c, collect(mt) AS meetings
WITH c, meetings, [x IN meetings WHERE EXISTS { (:Person)-[:ATTENDED]->(x) }] AS listed
// Each person's attendance at this council's meetings, aggregated once (not one check per person x meeting):
// everyone listed at one of the meetings, then the council's members listed at none of them (looked up
// in that list in memory: a NOT EXISTS per member would walk all the council's meetings again).
CALL (c, meetings) {
  UNWIND meetings AS mt
  MATCH (p:Person)-[a:ATTENDED]->(mt)
  WITH p, mt, collect(a.status) AS statuses
  WITH p, mt, statuses, CASE WHEN 'present' IN statuses OR 'absent' IN statuses THEN mt.date END AS counted
  WITH p, collect(CASE WHEN 'present' IN statuses THEN mt END) AS present,
       collect(CASE WHEN 'absent' IN statuses AND NOT 'present' IN statuses THEN mt END) AS absent,
       min(counted) AS first_seen, max(counted) AS last_seen
  RETURN collect({p: p, present: present, absent: absent, first_seen: first_seen, last_seen: last_seen}) AS seen
}
CALL (c, seen) {
  WITH [s IN seen | s.p] AS listed_people
  MATCH (p:Person)-[:HAS_MEMBERSHIP]->(:Membership)-[:IN_ORGANIZATION]->(c)
  WITH DISTINCT p, listed_people
  WHERE NOT p IN listed_people
  RETURN collect({p: p, present: [], absent: [], first_seen: null, last_seen: null}) AS unseen
}
UNWIND seen + unseen AS s
WITH c, s.p AS p, size(meetings) AS n, size(listed) AS n_listed, s.present AS present, s.absent AS absent, s
RETURN c.name AS council, p.name AS person, n AS meetings, n_listed AS with_attendance_list,
       size(present) AS present, size(absent) AS absent, n - size(present) - size(absent) AS not_recorded,
       CASE WHEN n_listed = 0 THEN null ELSE round(toFloat(size(present)) / n_listed, 3) END AS attendance_rate,
       toString(s.first_seen) AS first_seen, toString(s.last_seen) AS last_seen
ORDER BY council, attendance_rate DESC, present DESC, person
