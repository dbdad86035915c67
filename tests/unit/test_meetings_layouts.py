"""Issue 14: meetings, items, attendance, substitutes and votes in layouts other than the samples' KKR layout.

Every example below is a line shape seen on a real public page (the dev corpus, tests/corpus/dev); the expected
values were written down by reading those lines.
"""
from __future__ import annotations

from pathlib import Path

import pytest

from graphbuild.meeting.attendance import block_entry, statements
from graphbuild.meeting.councils import document_scoped_council, generic_in, is_document_scoped, region_scope
from graphbuild.meeting.item_lines import find_headings
from graphbuild.meeting.votes import votes_in
from graphbuild.model import Line
from graphbuild.read import read_bytes
from graphbuild.structure import structure

DEV = Path(__file__).resolve().parents[1] / "corpus" / "dev"


def lines(*texts: str) -> list[Line]:
    return [Line(t, i + 1) for i, t in enumerate(texts)]


def doc(text: str, name: str = "doc.txt"):
    return structure(read_bytes(text.encode("utf-8"), name))


# ------------------------------------------------------------------ meetings: council and date in other headers
@pytest.mark.parametrize("text, council", [
    ("Referat - Kommunalbestyrelsen den 28. oktober 2014", "Kommunalbestyrelsen"),
    ("Byrådet 23. oktober 2023", "Byrådet"),
    ("Møde i udvalget for fastholdelse og rekruttering i sundhedsvæsenet d. 10 februar 2022",
     "Udvalget for fastholdelse og rekruttering i sundhedsvæsenet"),
    ("Økonomiudvalgets beslutning i mødet den 31. marts 2020", "Økonomiudvalget"),
    ("23. oktober 2023 - referat fra byrådet", "Byrådet"),
    ("Nyt regionsråd - Konstituerende møde - referat 07-12-2009", "Regionsrådet"),
])
def test_a_generic_council_is_read_from_a_header_line(text, council):
    assert generic_in(text) == council


def test_prose_naming_a_council_is_not_a_header():
    assert generic_in("Byrådet besluttede at sende sagen i høring blandt borgerne i kommunen.") is None


@pytest.mark.parametrize("text, date", [
    ("Regionsrådet\n23-08-2021 13:00\n\n1. Meddelelse fra formanden\n\nReferat\n", "2021-08-23"),
    ("Åben dagsorden\nKommunalbestyrelsen\nDen 20. april 2015, kl. 19.00-23.55\n", "2015-04-20"),
    ("UDVALG\n\nByrådet\n\nMØDE\n\nReferat\n\nSTARTTIDSPUNKT\n\n06-12-2017 18:00:00\n", "2017-12-06"),
    ("Dagsorden eller referat\nDato: |\n25-09-2018 19:00:00 |\nUdvalg: |\nByrådet |\n", "2018-09-25"),
    ("Nr.178 - Godkendelse af dagsordenen\n\nBeslutning i Byrådet den 19-12-2016\n\nDagsordenen blev godkendt.\n",
     "2016-12-19"),
])
def test_the_meeting_date_in_other_header_shapes(text, date):
    st = doc(text)
    assert st.date == date
    assert (st.council or st.generic_council) in ("Regionsrådet", "Kommunalbestyrelsen", "Byrådet")


def test_a_generic_council_nobody_places_is_the_documents_own():
    a, b = document_scoped_council("Byrådet", "a" * 64), document_scoped_council("Byrådet", "b" * 64)
    assert a.surface == b.surface == "Byrådet" and a.org_id != b.org_id  # Køge's and Brønderslev's are two
    assert is_document_scoped(a.org_id) and not is_document_scoped("council:byraadet-vejen")


def test_a_committee_on_a_page_of_one_region_is_the_regions():
    assert region_scope(lines("Region SyddanmarkTil forsiden", "Socialudvalget - referat")) == "Region Syddanmark"
    assert region_scope(lines("Region Syddanmark", "Vejen Kommune")) is None  # a municipality named too


def test_a_municipality_after_a_council_word_must_be_a_place():
    st = doc("Byrådet Byrådet Vis medlemmer Rss-feed til udvalget Udskriv\n\nDagsorden\n\n1. Godkendelse\n")
    assert st.council is None  # "Vis" is no municipality


# ------------------------------------------------------------------ items in every numbering
def test_item_headings_in_many_forms():
    found = find_headings(lines(
        "Spørgetid", "Sag nr. 129", "Beslutning", "Taget til efterretning.",
        "Tillæg 1 til Lokalplan 145 - endelig vedtagelse", "Sag nr. 130",
        "Pkt. 42 Beslutninger om dagsordenen",
        "• 301. Åben dagsorden - godkendelse", "Resume",
        "Nr.178 - Godkendelse af dagsordenen",
        "LUKKET PUNKT - 7. Salg af grund", "Sagsfremstilling",
    ))
    assert [(h.number, h.title) for h in found] == [
        ("129", "Spørgetid"), ("130", "Tillæg 1 til Lokalplan 145 - endelig vedtagelse"),
        ("42", "Beslutninger om dagsordenen"), ("301", "Åben dagsorden - godkendelse"),
        ("178", "Godkendelse af dagsordenen")]


def test_people_dates_and_numbered_sentences_are_not_items():
    found = find_headings(lines(
        "Deltagerne var:", "1. Overborgmester Frank Jensen (A)", "2. Lars Weiss (A)",
        "17. Februar", "28. Marts",
        "2. Godkendelse af dagsordnen", "Beslutning",
        "1. Bent Christensen havde modtaget anmodning fra Erik Jønsson, om at tage punkt 9 på dagsordenen",
        "Dagsorden blev godkendt som udsendt"))
    assert [(h.number, h.title) for h in found] == [("2", "Godkendelse af dagsordnen")]


def test_a_toc_entry_with_dot_leaders_and_roman_page_numbers():
    found = find_headings(lines("89. Til efterretning - Kvartalsrapport...i", "90. Til efterretning - Dallund Slot...ii"))
    assert [h.title for h in found] == ["Til efterretning - Kvartalsrapport", "Til efterretning - Dallund Slot"]


# ------------------------------------------------------------------ attendance, substitutes, partial absence
def said(*texts):
    return [(s.status, s.name, s.party, s.role, s.replaces) for s in statements(lines(*texts))]


def test_an_absence_and_the_substitute_who_stood_in():
    assert said("Jacob Ejs (A) var fraværende. Som stedfortræder deltog Helle Obenhausen Mortensen (A)") == [
        ("absent", "Jacob Ejs", "A", None, None),
        ("present", "Helle Obenhausen Mortensen", "A", "suppleant", "Jacob Ejs")]


@pytest.mark.parametrize("text, old, new", [
    ("Birgitte Glifberg (A), Suppleant for Brian Møller (A)", "Brian Møller", "Birgitte Glifberg"),
    ("Villy Søvndal, F - Tine Hundahl Jensen stedfortræder", "Villy Søvndal", "Tine Hundahl Jensen"),
    ("Afbud fra Benthe Viola Holm stedfortræder Anders Liltorp", "Benthe Viola Holm", "Anders Liltorp"),
    ("Afbud: Kurt Munck, suppleant Martin Hillerup deltog", "Kurt Munck", "Martin Hillerup"),
    ("Fraværende: Evan Lynnerup (V) - Marianne Kiærulff (V) mødte som stedfortræder.", "Evan Lynnerup",
     "Marianne Kiærulff"),
    ("Kim Hansen er indkaldt i stedet for Ole Jensen", "Ole Jensen", "Kim Hansen"),
])
def test_substitutes_in_every_wording(text, old, new):
    got = {(s[0], s[1], s[4]) for s in said(text)}
    assert ("absent", old, None) in got and ("present", new, old) in got


def test_several_absent_and_several_substitutes_are_not_paired_by_guess():
    got = said("Afbud fra Maria Haladyn (A), Birger Jensen (V). Som suppleanter er indkaldt Claus Krossteig (A), "
               "Karen Kruse (V).")
    assert [(s[0], s[1], s[4]) for s in got] == [("absent", "Maria Haladyn", None), ("absent", "Birger Jensen", None),
                                                  ("present", "Claus Krossteig", None), ("present", "Karen Kruse", None)]


def test_a_committee_quoted_in_a_case_is_not_this_meeting():
    assert said("Plan, Miljø og Teknik, 7. januar 2020, pkt. 207:", "Ikke til stede: Helen Sørensen (A)",
                "Beslutning", "Ikke til stede: Mikkel Lundemann Rasmussen (C)") == [
        ("absent", "Mikkel Lundemann Rasmussen", "C", None, None)]


def test_partial_absence_keeps_the_cases():
    s = block_entry(Line("Britt Jensen (A), sag 129-138", 30), "absent")
    assert (s.name, s.status, s.party, s.items) == ("Britt Jensen", "absent", "A", "129-138")


def test_field_lines_deltog_afbud():
    assert said("• Lars Gaardhøj: Deltog",
                "• Sofie de Bretteville Olsen: Afbud (Stedfortræder Jarl Feyling, fraværende ved sag 1-4. )") == [
        ("present", "Lars Gaardhøj", None, None, None), ("absent", "Sofie de Bretteville Olsen", None, None, None),
        ("present", "Jarl Feyling", None, "suppleant", "Sofie de Bretteville Olsen")]


def test_roedovre_minutes_substitute_and_partial_absence_become_facts():
    from graphbuild.pipeline import extract_one

    facts = extract_one(str(next(DEV.glob("64_*.txt")))).facts
    by_name = {a.person.name: a for a in facts.attendance}
    assert by_name["Brian Møller"].status == "absent" and by_name["Brian Møller"].items == "129-138"
    sub = by_name["Birgitte Glifberg"]
    assert sub.status == "present" and sub.role == "suppleant" and sub.replaces.name == "Brian Møller"


# ------------------------------------------------------------------ votes
def sides(v):
    return {k: (s.count, s.parties, [n for n, _ in s.members]) for k, s in v.sides.items()}


def test_a_division_with_parties_and_members_on_each_side():
    [v] = votes_in(lines(
        "Der stemmes om forslagets endelige vedtagelse. Der kan stemmes.",
        "For stemte 8 (DF), imod stemte 84 (S, V, SF, RV, EL, KF, LA, Susanne Zimmer (UFG) og Uffe Elbæk (UFG)), "
        "hverken for eller imod stemte 2 (NB).",
        "Forslaget til folketingsbeslutning er forkastet."))
    assert sides(v) == {"for": (8, ["DF"], []),
                        "against": (84, ["S", "V", "SF", "RV", "EL", "KF", "LA"], ["Susanne Zimmer", "Uffe Elbæk"]),
                        "abstained": (2, ["NB"], [])}
    assert v.outcome == "rejected" and v.subject == "forslagets endelige vedtagelse"


def test_a_name_broken_over_two_lines_inside_the_list():
    [v] = votes_in(lines("For stemte 63 (V, DF, KF og LA), imod stemte 51 (S, SF, RV, EL og Christian H.",
                         "Hansen (UFG)), hverken for eller imod stemte 0.", "V 20 er vedtaget."))
    assert sides(v)["against"] == (51, ["S", "SF", "RV", "EL"], ["Christian H. Hansen"]) and v.outcome == "adopted"


def test_parties_spelled_out_local_lists_and_members_in_one_list():
    [v] = votes_in(lines(
        "For flertalsindstillingen fra ØK stemte 11 (Radikale Venstre, Konservative, Rebildlisten, Thøger Elmelund "
        "Kristensen)", "Imod stemte 8 (Den Sociale Fællesliste, Jeppe Ugilt, Venstre)",
        "Undlod at stemme 5 (Dansk Folkeparti, Morten Lem)", "Godkendt."))
    assert sides(v) == {"for": (11, ["Radikale Venstre", "Konservative", "Rebildlisten"], ["Thøger Elmelund Kristensen"]),
                        "against": (8, ["Den Sociale Fællesliste", "Venstre"], ["Jeppe Ugilt"]),
                        "abstained": (5, ["Dansk Folkeparti"], ["Morten Lem"])}
    assert v.outcome == "adopted"


def test_committee_positions_in_a_recommendation_chain():
    vs = votes_in(lines("Social og Sundhed, 6. januar 2020, pkt. 123:", "Ad. 1",
                        "5 medlemmer (A+V+C) anbefaler forslaget.", "2 medlemmer (N+Ø) tager forbehold frem til KB.",
                        "Plan, Miljø og Teknik, 7. januar 2020, pkt. 207:",
                        "1. Anbefalet af Flemming Petersen (V) og Line Krogh Lay (R)"))
    assert [(v.body, v.date, v.outcome) for v in vs] == [("Social og Sundhed", "2020-01-06", "recommended"),
                                                         ("Plan, Miljø og Teknik", "2020-01-07", "recommended")]
    assert sides(vs[0]) == {"for": (5, ["A", "V", "C"], []), "reserved": (2, ["N", "Ø"], [])}
    assert sides(vs[1]) == {"for": (None, [], ["Flemming Petersen", "Line Krogh Lay"])}


def test_a_party_explaining_its_vote_joins_the_vote_just_stated():
    [v] = votes_in(lines("For: 2 (Bo Hilsted (A), Carsten Nielsen (A))", "Imod: 1 (Kristian Heegaard (B))",
                         "Liste B stemte imod, idet de ønsker en afgørelse af sagen på byrådsmødet."))
    assert sides(v)["against"] == (1, ["B"], ["Kristian Heegaard"])


def test_prose_with_for_is_no_vote():
    assert votes_in(lines("For så vidt angår sag 179 foreslog borgmesteren, at sagen genoptages i februar.")) == []


def test_a_council_at_a_rows_start_and_a_boards_meeting_without_its_name():
    assert generic_in("Byrådet Byrådet Vis medlemmer Rss-feed til udvalget Udskriv") == "Byrådet"
    assert generic_in("Bestyrelsesmøde 29. januar 2016 kl. 10.00, Ved Fjorden 20") == "Bestyrelsen"


def test_numbered_points_inside_an_item_are_not_items():
    found = find_headings(lines("• 302. Planstrategi 2020", "Indstilling", "1. Planstrategi 2020 godkendes.",
                                "2. herunder at strategien sendes i høring", "Beslutning", "Anbefales."))
    assert [(h.number, h.title) for h in found] == [("302", "Planstrategi 2020")]


def test_a_toc_then_the_items_keeps_every_item():
    found = find_headings(lines("1. Valg af formand", "2. Mødeplan", "3. Eventuelt", "1. Valg af formand",
                                "Indstilling", "Godkendt."))
    assert [h.number for h in found] == ["2", "3", "1"] and found[-1].index == 3


# ------------------------------------------------------------------ items: tables of contents flattened onto one line
def flat(*texts: str) -> list[Line]:
    """Lines cut out of one flattened PDF page (each keeps its column on the page's line)."""
    return [Line(t, 12, column=k * 100) for k, t in enumerate(texts)]


def test_a_flattened_contents_run_is_split_into_its_titles():
    from graphbuild.meeting.toc_runs import run_titles
    got = run_titles(flat("Sager til beslutning: Ansøgning til markedføringspuljen Udbud af bybuskørsel i Svendborg "
                          "Udbud af buskørsel i Nyborg Harmonisering af nattillæg", "Sager til drøftelse:",
                          "Sager til orientering: Henvendelse fra Datatilsynet Meddelelser Eventuelt Side 2 af 23"))
    assert [(r.number, r.title) for r in got] == [
        (None, "Ansøgning til markedføringspuljen"), (None, "Udbud af bybuskørsel i Svendborg"),
        (None, "Udbud af buskørsel i Nyborg"), (None, "Harmonisering af nattillæg"),
        (None, "Henvendelse fra Datatilsynet"), (None, "Meddelelser"), (None, "Eventuelt")]


def test_a_numbered_run_after_a_contents_heading_keeps_its_first_number_only():
    from graphbuild.meeting.toc_runs import run_titles
    got = run_titles(flat("Indholdsfortegnelse Side", "1. Godkendelse af dagsorden Opfølgning på lokalrådsmøder "
                          "Fastsættelse af timepriser for benyttelse af kunstgræsbaner Bilagsliste"))
    assert [(r.number, r.title) for r in got] == [
        ("1", "Godkendelse af dagsorden"), (None, "Opfølgning på lokalrådsmøder"),
        (None, "Fastsættelse af timepriser for benyttelse af kunstgræsbaner")]


@pytest.mark.parametrize("texts", [
    # an ordinary page: each title has its own line, a long line is a sentence
    [Line("Sager til beslutning: Ansøgning til markedføringspuljen Udbud af bybuskørsel i Svendborg", 3)],
    # a sentence after a label is not a run of titles
    flat("Dagsorden: blev godkendt som udsendt og Erik Jønssons bemærkninger optages"),
    # numbers, titles and pages without a table's column heads are not split as a run (page numbers would end
    # the titles)
    flat("Indholdsfortegnelse Åbne dagsordenspunkter 14 Godkendelse af dagsordenen 3 15 Sager til orientering 4"),
])
def test_what_is_not_a_flattened_contents_run(texts):
    from graphbuild.meeting.toc_runs import run_titles
    assert run_titles(texts) == []


def test_numbers_and_titles_in_separate_runs_are_paired_when_the_titles_count_matches():
    got = find_headings(flat("Sag nr. 90 Klimakommune 2010", "Sag nr. 91",
                             "Sag nr. 92 Lokalplan nr. 035 for Amsterdamhusene 1, Frederikssund - endelig vedtagelse "
                             "Venskabsbysamarbejde i Frederikssund Kommune Side 2 af 56"))
    assert [(h.number, h.title) for h in got] == [
        ("90", "Klimakommune 2010"), ("91", "Lokalplan nr. 035 for Amsterdamhusene 1, Frederikssund - endelig vedtagelse"),
        ("92", "Venskabsbysamarbejde i Frederikssund Kommune")]


def test_a_glued_title_run_that_does_not_pair_gives_no_title():
    got = find_headings(flat("Sag nr. 79 Opgørelse af driftsoverskud", "Sag nr. 80", "Sag nr. 81 Budget Overførsler fra "
                             "2009 til 2010 på anlægsprojekter Overførsler fra 2009 til 2010 på anlægsprojekter"))
    assert [(h.number, h.title) for h in got] == [("79", "Opgørelse af driftsoverskud")]


def test_a_number_alone_takes_its_title_from_the_next_line_and_contents_page_numbers_go():
    got = find_headings(lines("101. Budget xiii", "102. SPØRGETID...xv", "103.",
                              "Lukket sag: Tandpleje for børn og unge under 18 år...xv",
                              "89. Til efterretning - Kvartalsrapport J.nr.:. Sagsid.: 12"))
    assert [(h.number, h.title) for h in got][:3] == [
        ("101", "Budget"), ("102", "SPØRGETID"), ("103", "Tandpleje for børn og unge under 18 år")]


def test_a_case_reference_after_the_title_is_not_part_of_it():
    from graphbuild.meeting.item_lines import clean_title
    assert clean_title("Godkendelse af dagsorden Dok.nr.: 1965 Sagsid.: 14/40") == "Godkendelse af dagsorden"


def test_items_a_flattened_contents_lists_without_a_heading_have_no_number(tmp_path):
    text = ("1 FynBus Bestyrelse Referat Torsdag den 8. december 2016\n\n"
            "2 DAGSORDEN: Sager til beslutning: Afdækning af risici ifm. oliepriser Klassifikation af stoppesteder på "
            "Fyn Overførsel af anlægsudgifter Sager til orientering: Strategi Meddelelser Eventuelt Side 2 af 23\n\n"
            "3 Sager til beslutning: 1. Afdækning af risici ifm. oliepriser Resumé: På bestyrelsesmødet den 7. "
            "september 2016 besluttede bestyrelsen, at ejerne skulle høres. " + "Sagen er beskrevet i bilaget. " * 12)
    d = doc(text)
    assert [(it.number, it.title) for it in d.items] == [
        ("1", "Afdækning af risici ifm. oliepriser"), (None, "Klassifikation af stoppesteder på Fyn"),
        (None, "Overførsel af anlægsudgifter"), (None, "Strategi"), (None, "Meddelelser"), (None, "Eventuelt")]


# ------------------------------------------------------------------ meetings: dates and councils in more shapes
def test_a_date_in_the_value_column_of_merged_label_and_value_columns():
    from graphbuild.meeting.header import column_date
    got = column_date(lines("Egebjerg Kommune Kommunalbestyrelsen Referat", "Dato:", "Starttidspunkt for møde: Kl",
                            "Mødested:", "Afbud fra: Onsdag den 15-maj-2002 Kommunalbestyrelsens mødelokaler"), 10)
    assert got == ("2002-05-15", 5)
    # a filled "Dato:" field is read the usual way, not from a later line
    assert column_date(lines("Dato: 3. maj 2020", "Afbud fra: Onsdag den 15-maj-2002"), 10) == (None, None)


def test_a_download_link_repeating_the_title_gives_the_date_its_first_line_lost():
    d = doc("Beslutninger fra mødet. Torsdag kl Ordinært møde. Økonomiudvalget\n\nStørrelse: px\n\n"
            'Download "Beslutninger fra mødet. Torsdag 8.06.2006 kl. 8.15. Ordinært møde. Økonomiudvalget"\n\n'
            "Fraværende: Isabella Meyer (C).\n")
    assert (d.kind, d.date, d.generic_council) == ("referat", "2006-06-08", "Økonomiudvalget")


def test_a_committee_for_several_things_keeps_its_whole_name():
    assert generic_in("Sagsnr. 300175 Udvalget for Vækst, Erhverv og Globalisering Åbent punkt") == \
        "Udvalget for Vækst, Erhverv og Globalisering"


@pytest.mark.parametrize("text, council, expected", [
    ("Midttrafiks nye bestyrelse blev valgt på et konstituerende møde i Midttrafiks repræsentantskab den 18. januar "
     "2018.", None, ("Midttrafiks repræsentantskab", "2018-01-18")),
    ("På det konstituerende møde fredag den 26. januar 2018 har Kommunekontaktråd (KKR) Nordjylland valgt formand",
     "KKR Nordjylland", ("KKR Nordjylland", "2018-01-26")),
    ("Bestyrelsen i Trafikselskaberne i Danmark, de regionale trafikselskabers fælles forening, konstituerede sig d. "
     "17. marts 2022 i Aalborg.", None, ("Trafikselskaberne i Danmark", "2022-03-17")),
    # no date, or no body: no meeting
    ("På et møde torsdag eftermiddag har KL’s bestyrelse konstitueret sig.", "KL", (None, None)),
    ("På det konstituerende møde fredag den 26. januar 2018 blev der valgt en formand.", None, (None, None)),
])
def test_a_news_page_documents_the_meeting_it_reports_with_its_date(text, council, expected):
    from graphbuild.meeting.reported import reported_meeting
    assert reported_meeting(lines("Nyhed", text), council)[:2] == expected


def test_a_meeting_mentioned_in_an_agenda_items_case_text_is_not_the_pages_meeting():
    d = doc("9. Indstilling af bestyrelsesmedlem til Erhvervshus Sjællands bestyrelse\n\nSagsfremstilling\n\n"
            "KKR Sjælland har på et møde d. 14. november 2018 udpeget en formand for bestyrelsen.\n")
    assert d.date is None


def test_a_flattened_contents_table_gives_numbered_rows_and_drops_its_page_numbers():
    from graphbuild.meeting.toc_runs import run_titles
    got = run_titles(flat("Indholdsfortegnelse Pkt. Tekst Side Åbne dagsordenspunkter 14 Godkendelse af dagsordenen 3 "
                          "15 Sager til orientering 4 16 Budgetopfølgning nr Budgetforslag 2016 med overslagsår "
                          "Minimering af overskudslikviditet Eventuelt 21 Lukkede dagsordenspunkter Bestyrelsesmøde"))
    assert [(r.number, r.title) for r in got] == [
        ("14", "Godkendelse af dagsordenen"), ("15", "Sager til orientering"),
        (None, "Budgetforslag 2016 med overslagsår"), (None, "Minimering af overskudslikviditet"), (None, "Eventuelt")]


def test_a_title_wrapped_onto_the_next_line_is_joined_when_it_ends_in_a_linking_word():
    got = find_headings(lines("130. Fuglebjerg Fjernvarme - kommunegaranti i forbindelse med", "lånefinansiering",
                              "131. Næstved Varmeværk", "lånefinansiering er dyr",
                              "132. Lejerbo Næstved - ansøgning om",
                              "godkendelse af låneoptagelse og kommunegaranti .. 23"))
    assert [(h.number, h.title) for h in got] == [
        ("130", "Fuglebjerg Fjernvarme - kommunegaranti i forbindelse med lånefinansiering"),
        ("131", "Næstved Varmeværk"),
        ("132", "Lejerbo Næstved - ansøgning om godkendelse af låneoptagelse og kommunegaranti")]


def test_a_page_that_is_one_unnumbered_item_takes_the_line_before_its_first_section():
    d = doc("Referat Aarhus Byråd 11-09-2019\n\n    Fælles ansvar for nedbringelse af hjemløshed\n\n    Beslutning\n"
            "    Fremsendes til Social- og Beskæftigelsesudvalget.\n")
    assert [(it.number, it.title) for it in d.items] == [(None, "Fælles ansvar for nedbringelse af hjemløshed")]
    # a status word or a field before the first section is no title
    assert doc("Referat Byrådet 20-09-2023\n\nÅben\n\nBeslutning\nGodkendt.\n").items == []
    assert doc("Referat Byrådet 20-09-2023\n\nMødested: Rådhussalen, Juelsminde\n\nBeslutning\nGodkendt.\n").items == []


# ------------------------------------------------------------------ attendance: rosters flattened onto one line
def test_a_title_led_roster_without_separators_gives_each_person_and_who_sent_apologies():
    from graphbuild.meeting.rosters import titled_roster
    ln = Line("Formand Morten Andersen, Nordfyn Næstformand Poul Andersen, Region Syddanmark Bestyrelsesmedlem "
              "Jesper Hempler, Kerteminde afbud Bestyrelsesmedlem Anders W. Berthelsen, Odense Direktør Carsten "
              "Hyldborg Jensen Plan- og udviklingschef Anne Daugbjerg Mortensen Side 1 af 23", 10, column=57)
    assert [(s.name, s.status) for s in titled_roster(ln, "present")] == [
        ("Morten Andersen", "present"), ("Poul Andersen", "present"), ("Jesper Hempler", "absent"),
        ("Anders W. Berthelsen", "present"), ("Carsten Hyldborg Jensen", "present"),
        ("Anne Daugbjerg Mortensen", "present")]


@pytest.mark.parametrize("text", [
    "Formand Morten Andersen, Nordfyn Næstformand Poul Andersen",  # two titles: read the usual way
    "Formand Morten Andersen åbnede mødet Næstformand Poul Andersen takkede Direktør Carsten Jensen",  # prose
])
def test_what_is_not_a_title_led_roster(text):
    from graphbuild.meeting.rosters import titled_roster
    assert titled_roster(Line(text, 1), "present") == []


def test_a_venue_glued_before_the_first_member_is_not_part_of_the_name():
    from graphbuild.meeting.attendance import block_entries
    got = block_entries(Line("Borgmesterens mødelokale Johnny Søtrup (V), Henrik Vallø (C), Diana Mose Olsen (F)", 10),
                        "present")
    assert [(s.name, s.party) for s in got] == [("Johnny Søtrup", "V"), ("Henrik Vallø", "C"), ("Diana Mose Olsen", "F")]


def test_a_news_page_of_decisions_gives_each_case_by_its_footer_and_the_council_it_names():
    d = doc("Skip til hoved indholdet\nByrådet har besluttet\n\nDialogmøde med borgerne\n\n"
            "Silkeborg Kommune: Byrådet har holdt dialogmøde med borgerne.\nByrådsmødet, tirsdag 19. april, sag 1\n\n"
            "Dagsorden godkendt\n\nSilkeborg Kommune: Byrådet har godkendt mødets dagsorden.\n"
            "Byrådsmødet, tirsdag 19. april, sag 3\n")
    assert [(it.number, it.title) for it in d.items] == [("1", "Dialogmøde med borgerne"), ("3", "Dagsorden godkendt")]
    assert d.generic_council == "Byrådet"
