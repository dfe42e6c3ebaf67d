"""The NPQ family's levels and what it suggests next for each aspiration."""

from leadership.family import BY_CODE, BY_KIND, FAMILY, suggested_next


def _codes(qualifications) -> list[str]:
    return [q.code for q in qualifications]


def test_it_holds_both_eras_with_levels_one_to_four():
    assert {q.level for q in FAMILY} == {1, 2, 3, 4}
    assert set(BY_KIND) == {"npqml", "npqsl", "npqh", "npqel"}
    assert BY_CODE["npqsenco"].era == "today"
    assert BY_CODE["npqml"].era == "seeds"


def test_it_follows_a_path_one_level_at_a_time():
    for qualification in FAMILY:
        for code in qualification.next:
            assert BY_CODE[code].level == qualification.level + 1


def test_it_suggests_the_first_step_of_an_aspiration():
    assert _codes(suggested_next("senior")) == ["npqsl", "npqeyl", "npqsenco"]
    assert _codes(suggested_next("headship")) == ["npqh"]


def test_it_leaves_out_what_the_person_has_done():
    assert _codes(suggested_next("senior", done={"npqsl"})) == ["npqeyl", "npqsenco"]


def test_it_points_one_step_up_once_the_aspirations_level_is_done():
    assert _codes(suggested_next("headship", done={"npqh"})) == ["npqel"]
    assert _codes(suggested_next("system", done={"npqel"})) == []
