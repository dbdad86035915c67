"""meeting: the rules graphbuild.structure reads a meeting document with (dates, header, items, participants,
appendix bundles)."""
