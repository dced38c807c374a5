from pia.formdef.blocks import editor_prefix


def test_it_maps_a_nested_item_path_to_the_editor_field_prefix():
    assert editor_prefix("files[1].itaku.jiko[2].saiitaku.umu") == "s_files-0-value-itaku-jiko-1-value-saiitaku-umu"


def test_it_maps_an_item_of_a_section_printed_once():
    assert editor_prefix("kihon.systems[3].setsuzoku") == "s_kihon-0-value-systems-2-value-setsuzoku"
    assert editor_prefix("cover.kohyo_bi") == "s_cover-0-value-kohyo_bi"
