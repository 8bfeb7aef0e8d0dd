"""The shortcuts loading takes: the link check that skips resolving, and validation reused with a parse."""

import pickle
from pathlib import Path

from builder.core.problems import Problems
from builder.load.sources import inside, list_files, relative
from builder.load.yamlload import ParseCache
from builder.model.schema import CampaignInput
from builder.model.validate import validate_document

from .conftest import VALID_CAMPAIGN


def test_inside_follows_every_link_on_the_way_down(tmp_path: Path) -> None:
    root, outside = tmp_path / "portal", tmp_path / "ngoai"
    (root / "campaigns").mkdir(parents=True)
    outside.mkdir()
    (outside / "a.yml").write_text("x", encoding="utf-8")
    (root / "campaigns" / "that.yml").write_text("x", encoding="utf-8")
    (root / "campaigns" / "tep-ngoai.yml").symlink_to(outside / "a.yml")
    (root / "campaigns" / "tep-trong.yml").symlink_to(root / "campaigns" / "that.yml")
    (root / "thu-muc-ngoai").symlink_to(outside, target_is_directory=True)
    assert inside(root, root / "campaigns" / "that.yml")
    assert inside(root, root / "campaigns" / "tep-trong.yml")
    assert not inside(root, root / "campaigns" / "tep-ngoai.yml")
    assert not inside(root, root / "thu-muc-ngoai" / "a.yml")  # a linked folder, the file itself is no link
    assert not inside(root, root / "campaigns" / ".." / ".." / "ngoai" / "a.yml")
    assert inside(root, root / "campaigns" / ".." / "campaigns" / "that.yml")
    assert relative(root, root / "campaigns" / "that.yml") == "campaigns/that.yml"
    assert [p.name for p in list_files(root, root / "campaigns", (".yml",))] == ["tep-ngoai.yml", "tep-trong.yml",
                                                                                   "that.yml"]


def test_a_reused_parse_reuses_its_validation_but_never_hides_a_problem() -> None:
    first = ParseCache()
    located = first.parse(VALID_CAMPAIGN, "campaigns/mau.yml", Problems())
    assert located is not None
    card = validate_document(located, CampaignInput, Problems())
    again = ParseCache(first.used).parse(VALID_CAMPAIGN, "campaigns/mau.yml", Problems())
    assert again is located and validate_document(again, CampaignInput, Problems()) is card
    # On disk (`portal build`) the models are left out: unpickling them cost more than validating.
    stored = pickle.loads(pickle.dumps(located))
    assert stored == located and stored.valid == {} and located.valid

    broken = VALID_CAMPAIGN.replace("kind: ke-hoach", "kind: kehoach")
    cache = ParseCache()
    for _ in range(2):  # parsed without a problem, so kept; its invalid field is reported every time
        problems = Problems()
        doc = cache.parse(broken, "campaigns/mau.yml", problems)
        assert doc is not None and validate_document(doc, CampaignInput, problems) is None
        assert [(p.line, p.field) for p in problems.items] == [(2, "kind")]
        cache = ParseCache(cache.used)
