"""Plain form values survive the trip into Wagtail's stream data and back, entry ids and blanks included."""

from pia.formdef.values import empty_values, section_stream_from_values, section_values_from_stream
from tests.pia.formdef import mini, mini_values


def round_trip(values):
    definition = mini()
    return {
        section.key: section_values_from_stream(section, section_stream_from_values(section, values[section.key]))
        for section in definition.editable_sections
    }


def test_empty_values_have_the_forms_shape():
    assert empty_values(mini()) == {
        "cover": {"bango": None, "mei": None, "kikan": None, "kohyo_bi": None},
        "kihon": {
            "jimu": {"meisho": None, "naiyo": None, "jubun": None},
            "nyushu_hoho": {
                "kami": {"checked": False},
                "denshi": {"checked": False},
                "sonota": {"checked": False, "text": None},
            },
            "systems": [],
        },
        "itaku": {"umu": None, "kensu": None, "jiko": []},
    }


def test_filled_values_come_back_unchanged_with_their_entry_ids():
    values = mini_values()
    back = round_trip(values)
    for section in ("kihon", "itaku"):
        back[section].pop("_id", None)
    back["cover"].pop("_id", None)
    assert back == values
    assert [entry["_id"] for entry in back["itaku"]["jiko"]] == ["j1", "j2"]


def test_an_empty_text_is_stored_as_blank_and_read_as_none():
    values = mini_values()
    values["kihon"]["jimu"]["naiyo"] = ""
    section = mini().section("kihon")
    (block,) = section_stream_from_values(section, values["kihon"])
    assert block["value"]["jimu"]["naiyo"] == ""
    assert section_values_from_stream(section, [block])["jimu"]["naiyo"] is None


def test_a_check_list_keeps_only_the_text_of_the_items_that_take_one():
    values = mini_values()
    values["kihon"]["nyushu_hoho"]["kami"]["text"] = "書かれても残らない"
    back = round_trip(values)
    assert back["kihon"]["nyushu_hoho"]["kami"] == {"checked": True}
    assert back["kihon"]["nyushu_hoho"]["sonota"] == {"checked": True, "text": "医療機関からの報告"}


def test_an_entry_without_an_id_gets_one():
    values = mini_values()
    values["kihon"]["systems"].append({"meisho": "中間サーバー"})
    (_first, _second, added) = round_trip(values)["kihon"]["systems"]
    assert added["meisho"] == "中間サーバー"
    assert added["_id"]
