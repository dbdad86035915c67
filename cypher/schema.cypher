// Schema: uniqueness constraints on every node key, and the indexes the saved reports use.
// Applied by `graphbuild init-db` and before every ingest; every statement is idempotent (IF NOT EXISTS).
// An ingest skips them when every constraint and index named here already exists and is online
// (GraphWriter.apply_schema), so every statement must be CREATE ... CONSTRAINT|INDEX name IF NOT EXISTS.
CREATE CONSTRAINT document_id IF NOT EXISTS FOR (n:Document) REQUIRE n.doc_id IS UNIQUE;
CREATE CONSTRAINT organization_id IF NOT EXISTS FOR (n:Organization) REQUIRE n.org_id IS UNIQUE;
CREATE CONSTRAINT municipality_code IF NOT EXISTS FOR (n:Municipality) REQUIRE n.kommunekode IS UNIQUE;
CREATE CONSTRAINT region_code IF NOT EXISTS FOR (n:Region) REQUIRE n.regionskode IS UNIQUE;
CREATE CONSTRAINT person_id IF NOT EXISTS FOR (n:Person) REQUIRE n.person_id IS UNIQUE;
CREATE CONSTRAINT membership_id IF NOT EXISTS FOR (n:Membership) REQUIRE n.membership_id IS UNIQUE;
CREATE CONSTRAINT meeting_id IF NOT EXISTS FOR (n:Meeting) REQUIRE n.meeting_id IS UNIQUE;
CREATE CONSTRAINT agenda_item_id IF NOT EXISTS FOR (n:AgendaItem) REQUIRE n.agenda_item_id IS UNIQUE;
CREATE CONSTRAINT decision_id IF NOT EXISTS FOR (n:Decision) REQUIRE n.decision_id IS UNIQUE;
CREATE CONSTRAINT vote_id IF NOT EXISTS FOR (n:Vote) REQUIRE n.vote_id IS UNIQUE;
CREATE CONSTRAINT mention_id IF NOT EXISTS FOR (n:UnresolvedMention) REQUIRE n.mention_id IS UNIQUE;
CREATE INDEX document_path IF NOT EXISTS FOR (n:Document) ON (n.path);
CREATE INDEX organization_name IF NOT EXISTS FOR (n:Organization) ON (n.name);
CREATE INDEX organization_short_name IF NOT EXISTS FOR (n:Organization) ON (n.short_name);
CREATE INDEX municipality_name IF NOT EXISTS FOR (n:Municipality) ON (n.name);
CREATE INDEX person_name IF NOT EXISTS FOR (n:Person) ON (n.name);
CREATE INDEX meeting_date IF NOT EXISTS FOR (n:Meeting) ON (n.date);
CREATE INDEX membership_status IF NOT EXISTS FOR (n:Membership) ON (n.status);
CREATE INDEX attended_doc IF NOT EXISTS FOR ()-[r:ATTENDED]-() ON (r.doc_id);
CREATE INDEX member_of_doc IF NOT EXISTS FOR ()-[r:MEMBER_OF]-() ON (r.doc_id);
CREATE INDEX concerns_doc IF NOT EXISTS FOR ()-[r:CONCERNS]-() ON (r.doc_id);
CREATE INDEX about_seat_doc IF NOT EXISTS FOR ()-[r:ABOUT_SEAT]-() ON (r.doc_id);
CREATE INDEX voted_doc IF NOT EXISTS FOR ()-[r:VOTED]-() ON (r.doc_id);
// Reports find documents by a part of their path (document-audit: d.path CONTAINS $document).
CREATE TEXT INDEX document_path_text IF NOT EXISTS FOR (n:Document) ON (n.path)
