// `graphbuild summary`: how many of each main kind of node (and attendance relationships) the graph holds.
// One row: {documents, meetings, agenda_items, decisions, people, organizations, memberships, attendance,
// unresolved_mentions}. Run in a READ transaction.
CALL () { MATCH (n:Document) RETURN count(n) AS documents }
CALL () { MATCH (n:Meeting) RETURN count(n) AS meetings }
CALL () { MATCH (n:AgendaItem) RETURN count(n) AS agenda_items }
CALL () { MATCH (n:Decision) RETURN count(n) AS decisions }
CALL () { MATCH (n:Person) RETURN count(n) AS people }
CALL () { MATCH (n:Organization) RETURN count(n) AS organizations }
CALL () { MATCH (n:Membership) RETURN count(n) AS memberships }
CALL () { MATCH ()-[r:ATTENDED]->() RETURN count(r) AS attendance }
CALL () { MATCH (n:UnresolvedMention) RETURN count(n) AS unresolved_mentions }
RETURN *
