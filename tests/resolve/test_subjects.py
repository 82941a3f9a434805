"""The report's main entity and the entity each clause opens with (zhibiao.resolve.subjects)."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from zhibiao.resolve.subjects import MAIN, SubjectFinder, expand_zone, subject_finder


@pytest.fixture(scope="module")
def finder() -> SubjectFinder:
    return SubjectFinder()


@pytest.mark.parametrize(("title", "text", "expected"), [
    # a zone named after a gazetteer place, in the title and the body
    ("淮安经开区召开半年工作会", "经开区上半年完成一般公共预算收入18.56亿元。", "淮安经济技术开发区"),
    # a gazetteer place
    ("", "杏花岭区前三季度地区生产总值增长6%。杏花岭区固定资产投资增长9%。", "杏花岭区"),
    # a zone that only calls itself 经开区, with the city it sits in named once: the zone as written
    ("", "经开区参加全省重大项目推进会。在邢台市参加签约活动后,经开区签约项目9个。", "经开区"),
    # a county report that names its county's zone: the county
    ("", "隆尧县上半年实现地区生产总值500亿元。县经开区新签约项目12个,县经开区开工项目8个。", "隆尧县"),
    # an everyday word that is also a short place name (新建区) names no place
    ("", "全区市级重点项目共60个,其中新建项目38个全部开工。", None),
    # a report that says 我市 and names its city short, and some of the city's counties: the city
    ("", "1-5月唐山重点项目完成投资260亿元。今年我市重点项目中,滦南、乐亭、迁西各有4个项目开工。", "唐山市"),
    # two cities named short, neither holding the other: no subject
    ("", "今年我市与唐山、邯郸两地签约合作项目17个。", None),
    # places opening the projects a list gives as examples (包括…) are not the subject
    ("", "美丽沧州项目推进会召开,我市集中开工项目83个,包括东光县纤维生产、运河区配件生产等项目。", "沧州市"),
    # a county of two characters, where no word runs into it; none inside another word (振兴县域, 现代县城)
    ("磁县举行重点项目集中开工仪式", "当天共有16个重点项目集中开工,总投资34.26亿元。", "磁县"),
    ("", "振兴县域经济,推进现代县城建设,全年签约项目12个。", None),
    ("", "上半年蠡县城镇常住居民人均可支配收入17628元,同比增长4.3%。", "蠡县"),
    # examples in a list are not the subject
    ("", "学习遵化经开区、邯郸工业园区等先进经验,全区新签约项目10个。", None),
    # peers listed once each (a table's rows) are none of them the report's own; one named again is
    ("", "重点项目完成情况:\n延吉市 | 57\n图们市 | 27\n汪清县 | 34\n安图县 | 24", None),
    ("", "延吉市重点项目完成情况:\n延吉市 | 57\n图们市 | 27\n汪清县 | 34\n安图县 | 24", "延吉市"),
    # a league's full name opens with another place's short name (兴安|盟, 兴安区): the league, no 区 of the report's
    ("", "占全区的23%。赤峰市95项、通辽市75项、兴安盟和巴彦淖尔市各25项。", None),
    # a report speaking of its own town (全镇, 该街道) that names the town on its own more than any place: the town,
    # not the county it lies in; a county report with one town's paragraph stays the county's
    ("", "2020年,柳湾镇面对冲击,全镇上下呈现蓬勃朝气。坚持工业兴镇,柳湾镇引进项目3个。经验在邻水县推广。", "柳湾镇"),
    ("", "邻水县上半年地区生产总值增长6%。邻水县固定资产投资增长9%。柳湾镇引进项目3个,全镇上下干劲足。", "邻水县"),
    # a city's report (全市 once) that names its province once in passing, 全省 only its ranks' field: no subject
    ("", "一季度,全市坚持贯彻在辽宁考察时的讲话精神。地区生产总值增长5.5%,增速全省第7位,高于全省0.3个百分点。", None),
    # a subdistrict's report that calls itself 街道 and names itself after its district (甲区乙街道): the subdistrict
    ("", "近日,京口区柳荫街道召开会议。今年以来,街道经济稳中向好。柳荫街道完成投资15.6亿元。", "柳荫街道"),
    # a zone that only calls itself 示范区 or 新区 (and names the province it leads once): as written
    ("", "10月份,示范区规上工业继续领跑全省。1-10月,示范区规上工业增加值增长14.3%,增速位居全省第一。", "示范区"),
    # a town's report that names the city of its outlet (甲门网记者) and a park once: the town
    ("", "来源:天门网\n2020年,岳口镇面对冲击,全镇上下呈现朝气。岳口镇引进项目3个,园区建设加快。", "岳口镇"),
    # 和政 of 和政府 ("and the government") is no county
    ("", "全县新增就业1200人。全县为80位创业大学生提供担保贷款和政府贴息。", None),
    # a software park named again and again is the report's own (软件园 a kind of park)
    ("", "上海浦东软件园迎来十周岁生日。浦东软件园向30家企业颁奖,上海浦东软件园园区产值每年增长。", "浦东软件园"),
    # a town's report titled with the city in brackets before it, speaking of 我镇: the town
    ("(东莞市)长安镇2022年上半年经济运行情况", "今年上半年,我镇实现地区生产总值341.44亿元,同比增长1.1%。", "长安镇"),
    # 综合实验区 is a kind of zone
    ("", "平潭综合实验区新增外资企业22户。一季度,平潭综合实验区投资总额4.72亿美元。", "平潭综合实验区"),
    # a province's report (我省) naming itself short more often than a trade partner it names too: itself
    ("浙江首月外贸进出口80亿美元",
     "1月浙江省外贸优秀。我省进出口增长37%,浙江出口增长22%。对台湾进出口增长130%,台湾居第4。", "浙江省"),
    # a county's report (全县) that names two neighbours only as what it did better than: no subject
    ("", "全县进出口总额6.9亿美元。在南三县中,进出口总量分别高于奉化、宁海1.1亿美元,"
         "增幅高于奉化3个百分点、宁海2个百分点。", None),
    # a city's report (我市) ranking itself among its prefecture's county-level places names the prefecture as the field
    ("", "1-6月,我市实到外资9036万美元,同比增长27.9%,实到外资总量居绍兴各县市第二位;出口增幅在绍兴各县市中排名第二。",
     None),
    # a place's short name opening a project's own name (甲航电枢纽工程) is no mention of the place
    ("", "全县重点工程进展顺利。省港航公司投资13.6亿元兴建金溪航电枢纽工程,今年开工。", None),
    # a place set out as the example of a group (以甲区为代表的…) is no subject
    ("", "上半年,全市引进内资增长12%。以万州区为代表的两翼发力快速增长,引资增速高于全市。", None),
    # a park named …高新技术产业园 (no 区) is read whole, not cut to the last characters before 产业园
    ("四川德阳高新技术产业园挂牌", "4月25日,四川德阳高新技术产业园正式挂牌成立,园区实现工业总产值253亿元。",
     "德阳高新技术产业园"),
    # a county's report (我县, 全县, never naming itself) naming a neighbour only as the one it overtook: no subject
    ("", "上半年,我县规上工业产值554亿元。战略性新兴产业产值在市属五县中总量首次超过长丰县,全县高新技术产业增长25.5%。",
     None),
    # a county's report (全县 … 全县) naming its zone once among its parks: the county, not the zone named after it
    ("", "1-7月份,绩溪县规上工业增长0.9%,居全市第6位。目前,全县产值超亿元企业67户。全县企业增长面60.7%。"
         "三大园区完成增加值96亿元,其中,绩溪经开区完成增加值38.8亿元。", "绩溪县"),
])
def test_subjects_main_subject(finder: SubjectFinder, title: str, text: str, expected: str | None) -> None:
    assert finder.main_subject(text, title) == expected


@pytest.mark.parametrize(("clause", "expected"), [
    ("全区完成工业投资38亿元", MAIN + "区"),
    ("该区以总分344分位列全省第一", MAIN + "区"),
    ("其中全县完成工业投资12亿元", MAIN + "县"),
    ("淮安经开区完成一般公共预算收入18亿元", "淮安经济技术开发区"),
    ("杏花岭区实现地区生产总值120亿元", "杏花岭区"),
    # a place's short name opening a clause before 在 or what it did (签约, 开工, 实现): that place
    ("唐山在营商环境城市排名中位列全国第一", "唐山市"),
    ("邯郸签约项目6个", "邯郸市"),
    # a county's short name right after the city holding it: the county
    ("唐山市遵化举行重大项目集中开工仪式", "遵化市"),
    # a place's full name after the short names of the province and city holding it: the place
    ("河北邢台柏乡县排名第17位", "柏乡县"),
    ("河北张家口沽源县地区生产总值增长7%", "沽源县"),
    ("河北沧州南皮县签约项目4个", "南皮县"),
    ("工业投资增长12%", None),
])
def test_subjects_clause_subject(finder: SubjectFinder, clause: str, expected: str | None) -> None:
    mention = finder.clause_subject(clause, 0, len(clause))
    assert (mention.name if mention else None) == expected


@pytest.mark.parametrize(("name", "expected"), [
    ("淮安经开区", "淮安经济技术开发区"),
    ("唐山高新区", "唐山高新技术产业开发区"),
    ("经开区", "经开区"),
])
def test_subjects_expand_zone(name: str, expected: str) -> None:
    assert expand_zone(name) == expected


@pytest.mark.parametrize(("label", "expected"), [
    # a suffix found inside a longer one that overlaps it (科技园|区): the zone's name runs to the longer's end
    ("北京中关村科技园区", "北京中关村科技园区"),
    ("常州科技园", "常州科技园"),
    ("苏州工业园区", "苏州工业园区"),
    ("工业园区", None),
])
def test_subjects_entity_named_overlapping_suffixes(finder: SubjectFinder, label: str, expected: str | None) -> None:
    assert finder.entity_named(label) == expected


@pytest.mark.parametrize(("label", "expected", "parent"), [
    # a county since made a city (德清县 → 德清市): its short name and 市, in the county's place
    ("德清市", "德清市", "湖州市"),
    ("德清县", "德清县", "湖州市"),
    ("德清", "德清县", "湖州市"),  # (the short name still the county's alone)
    ("大城市", None, None),  # (大城县: 大城市 is "a big city")
    ("湖州市", "湖州市", "浙江省"),  # (a city of the gazetteer is its own)
])
def test_subjects_county_made_a_city(finder: SubjectFinder, label: str, expected: str | None,
                                     parent: str | None) -> None:
    assert finder.entity_named(label) == expected
    assert (finder.parent_of.get(expected) if expected else None) == parent


@pytest.mark.parametrize(("text", "expected"), [
    # a zone word right after a period word (一季度|新区, 上半年|园区) takes no prefix from it
    ("2014年一季度新区宝石类商品进口", "新区"),
    ("上半年园区实现产值", "园区"),
])
def test_subjects_zone_prefix_never_a_period(finder: SubjectFinder, text: str, expected: str) -> None:
    assert [name for _s, _e, name in finder.zone_mentions(text)] == [expected]


def _leftmost_longest(finder: SubjectFinder, text: str) -> list[tuple[int, str]]:
    """The short names of ``text`` as the definition says, by brute force over every length."""
    out, i = [], 0
    longest = max(map(len, finder.short_to_full))
    while i < len(text):
        hit = next((text[i:j] for j in range(min(len(text), i + longest), i, -1) if text[i:j] in finder.short_to_full),
                   None)
        if hit:
            out.append((i, hit))
        i += len(hit) if hit else 1
    return out


_PIECES = ["定州", "美丽", "我市", "宜兴", "张家港", "张家", "港", "上海", "江", "阴", "、", "新"]


@given(st.lists(st.sampled_from(_PIECES), max_size=12))
def test_subjects_short_names_are_leftmost_longest(finder: SubjectFinder, parts: list[str]) -> None:
    text = "".join(parts)
    assert list(finder._short_names(text)) == _leftmost_longest(finder, text)


def test_subjects_finder_is_built_once() -> None:
    # its tables index the whole gazetteer: built per document, extraction runs several times slower
    assert subject_finder() is subject_finder()
